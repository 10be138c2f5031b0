/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Score files for verify and grades: collecting them (a directory stands
 * for its files, signatures and hidden files aside), the roster or key they
 * are checked against, and one verification pass over all of them.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "score_files.h"

/* Adds name (owned) with the reason it is skipped (owned; NULL when it is read). */
static int list_add(struct cli_file_list *list, char *name, char *skip)
{
    if (list->count == list->cap) {
        size_t next = list->cap ? list->cap * 2 : 64;
        char **names = realloc(list->names, next * sizeof(*names));
        if (names)
            list->names = names;
        char **shown = names ? realloc(list->shown, next * sizeof(*shown)) : NULL;
        if (shown)
            list->shown = shown;
        char **skips = shown ? realloc(list->skip, next * sizeof(*skips)) : NULL;
        if (skips) {
            list->skip = skips;
            list->cap = next;
        }
    }
    char *escaped = name ? recite_text_escape(name, strlen(name)) : NULL;
    if (!escaped || list->count == list->cap) {
        free(name);
        free(skip);
        free(escaped);
        return -1;
    }
    list->names[list->count] = name;
    list->shown[list->count] = escaped;
    list->skip[list->count] = skip;
    list->count++;
    return 0;
}

void cli_file_list_release(struct cli_file_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->names[i]);
        free(list->shown[i]);
        free(list->skip[i]);
    }
    free(list->names);
    free(list->shown);
    free(list->skip);
}

/* One file of a directory before it is sorted: its path and why it is skipped. */
struct dir_file {
    char *path, *skip;
};

static int compare_files(const void *a, const void *b)
{
    return strcmp(((const struct dir_file *)a)->path, ((const struct dir_file *)b)->path);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

__attribute__((format(printf, 1, 2))) static char *reason(const char *fmt, ...)
{
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    return recite_strdup(text);
}

/*
 * Why path, an entry of the directory whose real path is root, is not read
 * (malloc'd), or NULL: it is a regular file, or a symlink to one inside
 * root, or missing (then reading it says so). *failed on no memory.
 */
static char *skip_reason(const char *path, const char *what, const char *root, bool *failed)
{
    struct stat sb;
    if (lstat(path, &sb) != 0 || S_ISREG(sb.st_mode))
        return NULL;
    char *why = NULL;
    if (!S_ISLNK(sb.st_mode)) {
        why = reason("%s is %s, not a regular file", what, recite_file_kind(sb.st_mode));
        *failed = !why;
        return why;
    }
    char *target = realpath(path, NULL);
    if (!target)
        return NULL; /* dangling: reading it says so */
    size_t n = strlen(root);
    bool inside = strncmp(target, root, n) == 0 && (target[n] == '/' || (n == 1 && root[0] == '/'));
    if (!inside)
        *failed = !(why = reason("%s is a symbolic link out of the directory", what));
    else if (stat(target, &sb) == 0 && !S_ISREG(sb.st_mode))
        *failed = !(why = reason("%s is a symbolic link to %s, not a regular file", what,
                                 recite_file_kind(sb.st_mode)));
    free(target);
    return why;
}

/* The entry name of dir as a file: its path, and why it (or its signature) is skipped. */
static int dir_file(struct dir_file *out, const char *dir, const char *root, const char *name)
{
    *out = (struct dir_file){recite_strjoin(dir, "/", name, NULL), NULL};
    char *sig = out->path ? recite_minisig_path(out->path) : NULL;
    bool failed = !out->path || !sig;
    if (!failed) {
        out->skip = skip_reason(out->path, "the file", root, &failed);
        if (!out->skip && !failed)
            out->skip = skip_reason(sig, "its signature", root, &failed);
    }
    free(sig);
    return failed ? -1 : 0;
}

/*
 * Adds the files of dir (not signatures, not hidden files), sorted by name.
 * Only regular files are read: a FIFO would hang the reader, a device or a
 * link out of the directory is not a student's file. They are listed with
 * the reason they are skipped.
 */
static int add_directory(struct cli_file_list *list, const char *dir)
{
    DIR *d = opendir(dir);
    char *root = realpath(dir, NULL);
    if (!d || !root) {
        if (d)
            closedir(d);
        free(root);
        cli_error("cannot open directory '%s'", dir);
        return CLI_EXIT_NOINPUT;
    }
    struct dir_file *found = NULL;
    size_t count = 0, cap = 0;
    int rc = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(d));) {
        if (e->d_name[0] == '.' || ends_with(e->d_name, ".minisig"))
            continue;
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            struct dir_file *grown = realloc(found, cap * sizeof(*found));
            if (!grown) {
                rc = -1;
                break;
            }
            found = grown;
        }
        rc = dir_file(&found[count], dir, root, e->d_name);
        count++;
    }
    closedir(d);
    free(root);
    if (rc == 0 && count > 0)
        qsort(found, count, sizeof(*found), compare_files);
    for (size_t i = 0; i < count; i++) {
        if (rc == 0 && found[i].path)
            rc = list_add(list, found[i].path, found[i].skip);
        else {
            free(found[i].path);
            free(found[i].skip);
        }
    }
    free(found);
    if (rc < 0) {
        cli_error("out of memory");
        return CLI_EXIT_SOFTWARE;
    }
    return 0;
}

static int collect_files(struct cli_file_list *list, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        struct stat sb;
        int status = 0;
        if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
            status = add_directory(list, argv[i]);
        else if (list_add(list, recite_strdup(argv[i]), NULL) < 0)
            status = CLI_EXIT_SOFTWARE;
        if (status != 0)
            return status;
    }
    return 0;
}

/* Two entries with one key id: both are tried, but the instructor should know. */
static void warn_collisions(const struct recite_keyset *keys)
{
    for (size_t i = 0; i < keys->count; i++) {
        for (size_t j = i + 1; j < keys->count; j++) {
            if (memcmp(keys->keys[i].keyid, keys->keys[j].keyid, RECITE_KEYID_BYTES) != 0)
                continue;
            char hex[RECITE_KEYID_HEX_LEN + 1];
            char *a = cli_sanitize(keys->names[i], strlen(keys->names[i]), false);
            char *b = cli_sanitize(keys->names[j], strlen(keys->names[j]), false);
            recite_keyid_hex(hex, keys->keys[i].keyid);
            cli_warn("roster entries '%s' and '%s' share key id %s", a ? a : "", b ? b : "", hex);
            free(a);
            free(b);
        }
    }
}

static int load_keys(struct recite_keyset *keys, const struct cli_score_args *args)
{
    struct recite_error err = {0};
    if (args->roster && recite_roster_load(keys, args->roster, &err) < 0)
        return cli_report(&err);
    if (args->pubkey) {
        struct recite_pubkey pub;
        if (recite_pubkey_load(&pub, args->pubkey, &err) < 0 ||
            recite_keyset_add(keys, &pub, "", &err) < 0)
            return cli_report(&err);
    }
    warn_collisions(keys);
    if (keys->count == 0) {
        cli_error("the roster '%s' lists no student", args->roster);
        return CLI_EXIT_DATAERR;
    }
    return 0;
}

int cli_score_prepare(struct recite_keyset *keys, struct cli_file_list *files, char *bank_hash,
                      size_t hash_size, const struct cli_score_args *args, int argc, char **argv)
{
    struct recite_error err = {0};
    if (recite_sign_init(&err) < 0)
        return cli_report(&err);
    if (args->bank && recite_score_bank_file_hash(bank_hash, hash_size, args->bank, &err) < 0)
        return cli_report(&err);
    int status = load_keys(keys, args);
    if (status == 0)
        status = collect_files(files, argc, argv);
    return status;
}

int cli_score_verify_files(struct recite_score_result **out, const struct cli_file_list *files,
                           const struct recite_keyset *keys, const char *bank_hash)
{
    struct recite_score_result *results = calloc(files->count ? files->count : 1, sizeof(*results));
    *out = NULL;
    if (!results) {
        cli_error("out of memory");
        return CLI_EXIT_SOFTWARE;
    }
    int status = CLI_EXIT_OK;
    struct recite_error err = {0};
    for (size_t i = 0; i < files->count && status == 0; i++) {
        if (files->skip[i]) {
            results[i].fault = RECITE_FAULT_NOT_REGULAR;
            snprintf(results[i].detail, sizeof(results[i].detail), "%s; skipped", files->skip[i]);
        } else if (recite_score_verify_file(&results[i], files->names[i], keys, bank_hash, &err) <
                   0) {
            status = cli_report(&err);
        }
    }
    if (status == 0 && recite_score_mark_duplicates(results, (const char *const *)files->shown,
                                                    files->count) < 0) {
        cli_error("out of memory");
        status = CLI_EXIT_SOFTWARE;
    }
    if (status != 0) {
        for (size_t i = 0; i < files->count; i++)
            recite_score_result_release(&results[i]);
        free(results);
        return status;
    }
    *out = results;
    return 0;
}
