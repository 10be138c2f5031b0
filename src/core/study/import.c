/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Bank files into the store with their provenance (import.h). Invariant:
 * the bytes whose signature is checked are the bytes parsed and stored; a
 * file is read once and never opened again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "anki.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/files.h"
#include "recite/formats.h"
#include "recite/import.h"
#include "recite/sign.h"
#include "recite/store.h"
#include "strmap.h"
#include "study_internal.h"

/* Signature files are four short lines; anything much larger is not one. */
#define SIG_FILE_MAX (64u << 10)

/* Reads path.minisig once; no signature file is not an error. */
static int read_signature(struct recite_import_file *f, struct recite_error *err)
{
    char *sig_path = recite_minisig_path(f->path);
    if (!sig_path)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    struct recite_error sub = {0};
    int rc = recite_file_read(&f->sig_text, &f->sig_len, sig_path, SIG_FILE_MAX, &sub);
    if (rc == RECITE_ENOTFOUND)
        rc = 0;
    else if (rc < 0)
        rc = recite_error_set(err, rc, "cannot import '%s': %s", f->path, sub.msg);
    free(sig_path);
    return rc;
}

int recite_import_file_read(struct recite_import_file *out, const char *path, int format,
                            struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    out->path = path;
    int rc = recite_file_read(&out->data, &out->len, path, SIZE_MAX / 2, err);
    if (rc == 0)
        rc = read_signature(out, err);
    if (rc < 0)
        return rc;
    out->format = format >= 0 && format < RECITE_FORMAT_COUNT
                      ? (enum recite_format)format
                      : recite_format_detect(path, out->data, out->len);
    char id[64];
    recite_format_bank_id(id, sizeof(id), path);
    struct recite_error sub = {0};
    if (out->format == RECITE_FORMAT_APKG)
        rc = anki_package_read(&out->bank, &out->anki, out->data, out->len, id, &out->diags, &sub);
    else
        rc = recite_format_parse(&out->bank, out->format, out->data, out->len, id, &out->diags,
                                 &sub);
    if (rc < 0)
        return recite_error_set(err, rc, "cannot import '%s': %s", path, sub.msg);
    return 0;
}

void recite_import_file_release(struct recite_import_file *file)
{
    if (!file)
        return;
    free(file->data);
    free(file->sig_text);
    recite_bank_free(file->bank);
    anki_package_free(file->anki);
    recite_diags_release(&file->diags);
    free(file->signer_name);
    memset(file, 0, sizeof(*file));
}

/* Says why f's signature is refused, naming the file; returns RECITE_EVERIFY. */
static int refuse_signature(const struct recite_import_file *f, const char *why,
                            struct recite_error *err)
{
    switch (f->fault) {
    case RECITE_FAULT_UNKNOWN_KEY:
        return recite_error_set(err, RECITE_EVERIFY,
                                "'%s' is signed by a key that is not trusted (%s); "
                                "see 'recite key trust'",
                                f->path, why);
    case RECITE_FAULT_BAD_SIGNATURE:
    case RECITE_FAULT_BAD_COMMENT:
        return recite_error_set(err, RECITE_EVERIFY,
                                "'%s' does not match its signature '%s.minisig' (%s): "
                                "the file was changed after it was signed",
                                f->path, f->path, why);
    default:
        return recite_error_set(err, RECITE_EVERIFY, "'%s.minisig' is not a usable signature: %s",
                                f->path, why);
    }
}

/* Checks f's signature, if it has one, over exactly its bytes. */
static int check_signature(struct recite_import_file *f, const struct recite_keyset *trusted,
                           struct recite_error *err)
{
    f->checked = true;
    f->fault = RECITE_FAULT_NONE;
    if (!f->sig_text)
        return 0;
    struct recite_sig *sig = malloc(sizeof(*sig));
    if (!sig)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    struct recite_error sub = {0};
    size_t index = 0;
    int rc = recite_sig_parse(sig, f->sig_text, f->sig_len, &f->fault, &sub);
    if (rc == 0)
        rc = recite_keyset_verify(trusted, sig, f->data, f->len, false, &index, &f->fault, &sub);
    free(sig);
    if (rc < 0)
        return rc == RECITE_EVERIFY ? refuse_signature(f, sub.msg, err)
                                    : recite_error_set(err, rc, "%s", sub.msg);
    recite_keyid_hex(f->signer, trusted->keys[index].keyid);
    if (trusted->names[index][0] && !(f->signer_name = recite_strdup(trusted->names[index])))
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    return 0;
}

/* Two files naming one bank would have the second silently replace the first. */
static int check_distinct(const struct recite_import_file *files, size_t count,
                          struct recite_error *err)
{
    struct strmap ids = {0};
    int rc = 0;
    for (size_t i = 0; i < count && rc == 0; i++) {
        size_t first = 0;
        if (strmap_get(&ids, files[i].bank->id, &first))
            rc = recite_error_set(err, RECITE_EDATA, "bank '%s' is given twice ('%s' and '%s')",
                                  files[i].bank->id, files[first].path, files[i].path);
        else if (strmap_put(&ids, files[i].bank->id, i) < 0)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    strmap_release(&ids);
    return rc;
}

/*
 * Whether a file in format would take over a bank stored from stored_format
 * ("" is some interchange format, from before formats were recorded).
 */
static bool other_format(const char *stored_format, enum recite_format format)
{
    if (!stored_format[0])
        return format == RECITE_FORMAT_BANK;
    return strcmp(stored_format, recite_format_name(format)) != 0;
}

/* Holds f to what the stored bank's origin asks of a replacement. */
static int check_origin(const struct recite_import_file *f, const struct recite_bank_origin *stored,
                        const struct recite_import_options *opts, struct recite_error *err)
{
    const char *id = f->bank->id;
    if (stored->signer[0] && !f->signer[0] && !opts->allow_unsigned)
        return recite_error_set(err, RECITE_EVERIFY,
                                "'%s' is not signed, but bank '%s' was imported signed by key %s; "
                                "only a file signed by a trusted key may replace it",
                                f->path, id, stored->signer);
    if (other_format(stored->format, f->format) && !opts->replace)
        return recite_error_set(err, RECITE_EEXISTS,
                                "'%s' is a %s file, but bank '%s' came from a %s file; "
                                "it is not replaced by a file of another format unless asked "
                                "(--replace)",
                                f->path, recite_format_name(f->format), id,
                                stored->format[0] ? stored->format : "GIFT, Aiken, Anki or CSV");
    return 0;
}

/* Imports one checked file in the open transaction and records where it came from. */
static int import_one(struct recite_store *st, const struct recite_import_file *f,
                      const struct recite_import_options *opts, int64_t now_ms,
                      struct recite_import_stats *stats, struct recite_error *err)
{
    struct recite_bank_origin stored = {"", ""}, origin = {"", ""};
    int rc = recite_store_bank_origin(st, f->bank->id, &stored, err);
    bool exists = rc == 0;
    if (rc < 0 && rc != RECITE_ENOTFOUND)
        return rc;
    if (exists && (rc = check_origin(f, &stored, opts, err)) < 0)
        return rc;
    struct recite_error sub = {0};
    if ((rc = bank_import_store(st, f->bank, now_ms, stats, &sub)) < 0)
        return recite_error_set(err, rc, "cannot import '%s': %s", f->path, sub.msg);
    if (f->anki && (rc = anki_history_store(st, f->bank->id, f->anki, &stats->reviews_added,
                                            &sub)) < 0)
        return recite_error_set(err, rc, "cannot import the review history of '%s': %s", f->path,
                                sub.msg);
    snprintf(stats->signer_before, sizeof(stats->signer_before), "%s", stored.signer);
    snprintf(origin.format, sizeof(origin.format), "%s", recite_format_name(f->format));
    snprintf(origin.signer, sizeof(origin.signer), "%s", f->signer);
    /* Written only when it changes: an unchanged import leaves the file as it was. */
    if (!exists || strcmp(origin.format, stored.format) != 0 ||
        strcmp(origin.signer, stored.signer) != 0)
        rc = recite_store_bank_origin_set(st, f->bank->id, &origin, err);
    return rc;
}

int recite_import_files(struct recite_store *st, struct recite_import_file *files, size_t count,
                        const struct recite_import_options *opts, int64_t now_ms,
                        struct recite_import_stats *stats, struct recite_error *err)
{
    struct recite_import_options defaults = RECITE_IMPORT_OPTIONS_INIT;
    struct recite_keyset trusted;
    if (!opts)
        opts = &defaults;
    int rc = recite_keyset_from_trusted(&trusted, st, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < count && rc == 0; i++)
        rc = check_signature(&files[i], &trusted, err);
    recite_keyset_release(&trusted);
    if (rc == 0)
        rc = check_distinct(files, count, err);
    if (rc == 0)
        rc = recite_store_begin(st, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < count && rc == 0; i++) {
        struct recite_import_stats one = {0};
        rc = import_one(st, &files[i], opts, now_ms, &one, err);
        if (rc == 0 && stats)
            stats[i] = one;
    }
    if (rc == 0)
        rc = recite_store_commit(st, err);
    else
        recite_store_rollback(st);
    /* media go beside the database once the notes that name them are stored */
    for (size_t i = 0; i < count && rc == 0; i++) {
        struct recite_error sub = {0};
        if (files[i].anki &&
            (rc = anki_media_save(recite_store_path(st), files[i].bank->id, files[i].anki,
                                  stats ? &stats[i].media_saved : &(size_t){0}, &sub)) < 0)
            rc = recite_error_set(err, rc,
                                  "the notes of '%s' were stored, but not all its media files: %s",
                                  files[i].path, sub.msg);
    }
    return rc;
}
