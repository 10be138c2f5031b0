/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Key sets (declared in sign.h): rosters of student keys, verifying a file
 * against a set, and where key files live. The trusted instructor keys kept
 * in the database are read in study/trust.c.
 * A key id is only a label for picking keys: every match is verified.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "recite/common.h"
#include "recite/buf.h"
#include "recite/files.h"
#include "recite/sign.h"

/* One line of text, without its line ending. */
struct line {
    const char *text;
    size_t len;
};

/* ---- key sets and rosters ---- */

static const char *const field_names[RECITE_ROSTER_FIELD_COUNT] = {
    [RECITE_ROSTER_USERNAME] = "username",   [RECITE_ROSTER_IDNUMBER] = "idnumber",
    [RECITE_ROSTER_EMAIL] = "email",         [RECITE_ROSTER_NAME] = "name",
    [RECITE_ROSTER_CANVAS_ID] = "canvas_id", [RECITE_ROSTER_SECTION] = "section",
};

const char *recite_roster_field_name(enum recite_roster_field field)
{
    return (unsigned)field < RECITE_ROSTER_FIELD_COUNT ? field_names[field] : "";
}

const char *recite_keyset_field(const struct recite_keyset *set, size_t i,
                                enum recite_roster_field field)
{
    if (!set->fields || i >= set->count || (unsigned)field >= RECITE_ROSTER_FIELD_COUNT)
        return NULL;
    return set->fields[i * RECITE_ROSTER_FIELD_COUNT + field];
}

/* Room for one more entry in every array of set. */
static int keyset_grow(struct recite_keyset *set, struct recite_error *err)
{
    /* The arrays grow in step: from the same capacity to the same one. */
    size_t need = set->count + 1, cap[4] = {set->cap, set->cap, set->cap, set->cap};
    if (recite_grow((void **)&set->keys, &cap[0], need, sizeof(*set->keys)) < 0 ||
        recite_grow((void **)&set->names, &cap[1], need, sizeof(*set->names)) < 0 ||
        recite_grow((void **)&set->fields, &cap[2], need,
                    RECITE_ROSTER_FIELD_COUNT * sizeof(*set->fields)) < 0 ||
        recite_grow((void **)&set->lines, &cap[3], need, sizeof(*set->lines)) < 0)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    set->cap = cap[0];
    return 0;
}

int recite_keyset_add(struct recite_keyset *set, const struct recite_pubkey *key, const char *name,
                      struct recite_error *err)
{
    int rc = keyset_grow(set, err);
    if (rc < 0)
        return rc;
    char *copy = recite_strdup(name ? name : "");
    if (!copy)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    set->keys[set->count] = *key;
    set->names[set->count] = copy;
    for (size_t f = 0; f < RECITE_ROSTER_FIELD_COUNT; f++)
        set->fields[set->count * RECITE_ROSTER_FIELD_COUNT + f] = NULL;
    set->lines[set->count] = 0;
    set->count++;
    return 0;
}

void recite_keyset_release(struct recite_keyset *set)
{
    for (size_t i = 0; i < set->count; i++) {
        free(set->names[i]);
        for (size_t f = 0; f < RECITE_ROSTER_FIELD_COUNT; f++)
            free(set->fields[i * RECITE_ROSTER_FIELD_COUNT + f]);
    }
    free(set->names);
    free(set->keys);
    free(set->fields);
    free(set->lines);
    *set = (struct recite_keyset)RECITE_KEYSET_INIT;
}

/*
 * One NAME=VALUE field of a roster line (text, len: without the TAB) into
 * entry's fields; col is its 1-based column, for messages.
 */
static int roster_field(struct recite_keyset *set, size_t entry, const char *text, size_t len,
                        const char *name, size_t lineno, size_t col, struct recite_error *err)
{
    const char *eq = memchr(text, '=', len);
    size_t key_len = eq ? (size_t)(eq - text) : len;
    size_t f = 0;
    while (f < RECITE_ROSTER_FIELD_COUNT &&
           !(strlen(field_names[f]) == key_len && memcmp(field_names[f], text, key_len) == 0))
        f++;
    if (!eq || f == RECITE_ROSTER_FIELD_COUNT)
        return recite_error_set(err, RECITE_EDATA,
                                "%s:%zu:%zu: expected NAME=VALUE with NAME one of username, "
                                "idnumber, email, name, canvas_id, section",
                                name, lineno, col);
    char **slot = &set->fields[entry * RECITE_ROSTER_FIELD_COUNT + f];
    if (*slot)
        return recite_error_set(err, RECITE_EDATA, "%s:%zu:%zu: '%s' given twice", name, lineno,
                                col, field_names[f]);
    size_t value_len = len - key_len - 1;
    if (value_len == 0)
        return recite_error_set(err, RECITE_EDATA, "%s:%zu:%zu: '%s' is empty", name, lineno, col,
                                field_names[f]);
    if (!(*slot = malloc(value_len + 1)))
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    memcpy(*slot, eq + 1, value_len);
    (*slot)[value_len] = '\0';
    return 0;
}

/* The fields after the key and key id of a roster line, from p (after a TAB) to end. */
static int roster_fields(struct recite_keyset *set, const struct line *l, const char *p,
                         const char *name, size_t lineno, struct recite_error *err)
{
    const char *end = l->text + l->len;
    int rc = 0;
    while (rc == 0 && p && p <= end) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        const char *stop = tab ? tab : end;
        rc = roster_field(set, set->count - 1, p, (size_t)(stop - p), name, lineno,
                          (size_t)(p - l->text) + 1, err);
        p = tab ? tab + 1 : NULL;
    }
    return rc;
}

/*
 * Parses one roster line "ID<TAB>KEY[<TAB>KEYID][<TAB>NAME=VALUE]..." into
 * set. A third field without '=' is the key id.
 */
static int roster_line(struct recite_keyset *set, const struct line *l, const char *name,
                       size_t lineno, struct recite_error *err)
{
    const char *tab = memchr(l->text, '\t', l->len);
    if (!tab || tab == l->text)
        return recite_error_set(err, RECITE_EDATA, "%s:%zu: expected 'IDENTIFIER<TAB>PUBLIC-KEY'",
                                name, lineno);
    const char *key_text = tab + 1, *end = l->text + l->len;
    const char *tab2 = memchr(key_text, '\t', (size_t)(end - key_text));
    struct recite_pubkey key;
    struct recite_error sub = {0};
    if (recite_pubkey_parse(&key, key_text, (size_t)((tab2 ? tab2 : end) - key_text), &sub) < 0)
        return recite_error_set(err, RECITE_EDATA, "%s:%zu:%zu: %s", name, lineno,
                                (size_t)(key_text - l->text) + 1, sub.msg);
    const char *rest = tab2 ? tab2 + 1 : NULL;
    const char *tab3 = rest ? memchr(rest, '\t', (size_t)(end - rest)) : NULL;
    if (rest && !memchr(rest, '=', (size_t)((tab3 ? tab3 : end) - rest))) {
        char hex[32];
        uint8_t keyid[8];
        size_t n = (size_t)((tab3 ? tab3 : end) - rest);
        snprintf(hex, sizeof(hex), "%.*s", (int)(n < 20 ? n : 20), rest);
        if (n > 16 || recite_keyid_parse(keyid, hex) < 0 || memcmp(keyid, key.keyid, 8) != 0)
            return recite_error_set(err, RECITE_EDATA,
                                    "%s:%zu:%zu: key id does not match the public key", name,
                                    lineno, (size_t)(rest - l->text) + 1);
        rest = tab3 ? tab3 + 1 : NULL;
    }
    char ident[256];
    size_t id_len = (size_t)(tab - l->text);
    if (id_len >= sizeof(ident))
        return recite_error_set(err, RECITE_EDATA, "%s:%zu: identifier too long", name, lineno);
    size_t bad = recite_text_check(l->text, id_len);
    if (bad < id_len)
        return recite_error_set(err, RECITE_EDATA,
                                "%s:%zu:%zu: the identifier is not printable UTF-8 text", name,
                                lineno, bad + 1);
    memcpy(ident, l->text, id_len);
    ident[id_len] = '\0';
    int rc = recite_keyset_add(set, &key, ident, err);
    if (rc == 0)
        set->lines[set->count - 1] = lineno;
    return rc == 0 && rest ? roster_fields(set, l, rest, name, lineno, err) : rc;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/*
 * Whether a roster line says nothing: empty, only blanks, or a comment
 * (a '#' after any blanks). Trailing blanks and a CR are trimmed from l.
 */
static bool roster_line_empty(struct line *l)
{
    while (l->len > 0 && is_blank(l->text[l->len - 1]))
        l->len--;
    size_t lead = 0;
    while (lead < l->len && is_blank(l->text[lead]))
        lead++;
    return lead == l->len || l->text[lead] == '#';
}

int recite_roster_parse(struct recite_keyset *out, const char *text, size_t len, const char *name,
                        struct recite_error *err)
{
    *out = (struct recite_keyset)RECITE_KEYSET_INIT;
    if (memchr(text, '\0', len))
        return recite_error_set(err, RECITE_EDATA, "%s: NUL byte in roster", name);
    /* Editors on some systems start a UTF-8 file with a byte order mark. */
    static const char bom[] = "\xef\xbb\xbf";
    if (len >= 3 && memcmp(text, bom, 3) == 0) {
        text += 3;
        len -= 3;
    }
    const char *p = text, *end = text + len;
    int rc = 0;
    for (size_t lineno = 1; p < end && rc == 0; lineno++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        struct line l = {p, (size_t)((nl ? nl : end) - p)};
        p = nl ? nl + 1 : end;
        if (roster_line_empty(&l))
            continue;
        rc = roster_line(out, &l, name, lineno, err);
    }
    if (rc < 0)
        recite_keyset_release(out);
    return rc;
}

int recite_roster_load(struct recite_keyset *out, const char *path, struct recite_error *err)
{
    char *text = NULL;
    size_t len = 0;
    *out = (struct recite_keyset)RECITE_KEYSET_INIT;
    int rc = recite_file_read(&text, &len, path, 64u << 20, err);
    if (rc < 0)
        return rc;
    rc = recite_roster_parse(out, text, len, path, err);
    free(text);
    return rc;
}

int recite_keyset_verify(const struct recite_keyset *set, const struct recite_sig *sig,
                         const void *msg, size_t len, bool require_prehash, size_t *out_index,
                         enum recite_fault *fault, struct recite_error *err)
{
    int rc = RECITE_EVERIFY;
    bool seen = false;
    for (size_t i = 0; i < set->count; i++) {
        if (memcmp(set->keys[i].keyid, sig->keyid, 8) != 0)
            continue;
        seen = true;
        rc = recite_sig_verify(sig, &set->keys[i], msg, len, require_prehash, fault, err);
        if (rc == 0) {
            *out_index = i;
            return 0;
        }
    }
    if (!seen) {
        char hex[17];
        recite_keyid_hex(hex, sig->keyid);
        if (fault)
            *fault = RECITE_FAULT_UNKNOWN_KEY;
        return recite_error_set(err, RECITE_EVERIFY, "unknown key id %s", hex);
    }
    return rc;
}

int recite_sign_verify_file(const char *path, const struct recite_keyset *set, size_t *out_index,
                            enum recite_fault *fault, struct recite_error *err)
{
    char *sig_path = recite_minisig_path(path), *sig_text = NULL, *data = NULL;
    size_t sig_len = 0, len = 0;
    struct recite_sig *sig = malloc(sizeof(*sig));
    int rc;
    if (fault)
        *fault = RECITE_FAULT_NONE;
    if (!sig_path || !sig) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    if ((rc = recite_file_read(&sig_text, &sig_len, sig_path, 1u << 20, err)) < 0) {
        if (fault)
            *fault = rc == RECITE_ENOTFOUND ? RECITE_FAULT_SIG_MISSING : RECITE_FAULT_IO;
        goto out;
    }
    if ((rc = recite_sig_parse(sig, sig_text, sig_len, fault, err)) < 0)
        goto out;
    if ((rc = recite_file_read(&data, &len, path, SIZE_MAX / 2, err)) < 0) {
        if (fault)
            *fault = RECITE_FAULT_IO;
        goto out;
    }
    rc = recite_keyset_verify(set, sig, data, len, false, out_index, fault, err);
out:
    free(data);
    free(sig_text);
    free(sig);
    free(sig_path);
    return rc;
}

/* ---- where keys live ---- */

int recite_key_dir(char **out, const char *db_path, struct recite_error *err)
{
    const char *slash = strrchr(db_path, '/');
    size_t dir_len = slash ? (size_t)(slash - db_path) : 1;
    const char *dir = slash ? db_path : ".";
    if (slash && dir_len == 0)
        dir_len = 1; /* the database is in "/" */
    size_t n = dir_len + sizeof("/keys");
    *out = malloc(n);
    if (!*out)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    snprintf(*out, n, "%.*s/keys", (int)dir_len, dir);
    return 0;
}

int recite_key_dir_create(const char *dir, struct recite_error *err)
{
    char *parent = recite_strdup(dir);
    if (!parent)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    /* The data directory itself may not exist before the first database. */
    for (char *p = parent + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(parent, 0700);
        *p = '/';
    }
    free(parent);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST)
        return recite_error_set(err, RECITE_ECREATE, "cannot create directory '%s': %s", dir,
                                strerror(errno));
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
        return recite_error_set(err, RECITE_ECREATE, "'%s' is not a directory", dir);
    if ((sb.st_mode & 077) != 0 && chmod(dir, 0700) != 0)
        return recite_error_set(err, RECITE_ECREATE, "cannot make '%s' private: %s", dir,
                                strerror(errno));
    return 0;
}

/* Whether mode lets someone other than the owner in (bits of mask). */
static bool others_may(mode_t mode, mode_t mask)
{
    return (mode & mask) != 0;
}

int recite_key_file_check(const char *secret_path, struct recite_error *warning,
                          struct recite_error *err)
{
    struct stat sb;
    if (stat(secret_path, &sb) != 0)
        return 0; /* loading it says what is wrong */
    if (!S_ISREG(sb.st_mode))
        return recite_error_set(err, RECITE_EDATA, "secret key '%s' is not a regular file",
                                secret_path);
    if (sb.st_uid != geteuid())
        return recite_error_set(err, RECITE_EDATA,
                                "secret key '%s' belongs to another user; refusing to use it",
                                secret_path);
    if (others_may(sb.st_mode, 077))
        return recite_error_set(err, RECITE_EDATA,
                                "secret key '%s' is open to others (mode %03o); "
                                "run 'chmod 600 %s' if no one else has read it, "
                                "else make a new key",
                                secret_path, (unsigned)(sb.st_mode & 0777), secret_path);
    char *dir = recite_strdup(secret_path);
    if (!dir)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    int rc = 0;
    const char *name = slash ? (*dir ? dir : "/") : ".";
    bool dir_known = stat(name, &sb) == 0;
    if (dir_known && others_may(sb.st_mode, 022))
        rc = recite_error_set(err, RECITE_EDATA,
                              "key directory '%s' is writable by others (mode %03o); "
                              "run 'chmod 700 %s'",
                              name, (unsigned)(sb.st_mode & 0777), name);
    else if (dir_known && others_may(sb.st_mode, 077) && warning)
        recite_error_set(warning, RECITE_EDATA,
                         "key directory '%s' is open to others (mode %03o); "
                         "'chmod 700 %s' keeps them from seeing your keys",
                         name, (unsigned)(sb.st_mode & 0777), name);
    free(dir);
    return rc;
}
