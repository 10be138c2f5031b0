/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Importing bank files with their provenance. Each file is read once; its
 * signature (FILE.minisig) is checked against exactly the bytes read, and
 * those same bytes are parsed, so what was verified is what is stored. A
 * bank remembers the format of the file it came from and the trusted key
 * that signed it: once a bank id was imported signed, a later import under
 * that id must be signed by a trusted key too, and a file of another format
 * never takes a bank id over, unless the caller explicitly allows it. An
 * import of several files is one transaction. Included through recite.h.
 */
#ifndef RECITE_IMPORT_H
#define RECITE_IMPORT_H

#include "bank.h"
#include "common.h"
#include "formats.h"
#include "sign.h"

struct recite_anki_package;

/* One file to import, as read. Release with recite_import_file_release(). */
struct recite_import_file {
    const char *path;          /* borrowed from the caller */
    enum recite_format format; /* as given, or detected from the name and the bytes */
    char *data;                /* the bytes read, once (NUL-terminated) */
    size_t len;
    char *sig_text; /* path.minisig as read, or NULL when there is none */
    size_t sig_len;
    struct recite_bank *bank;  /* parsed from data */
    struct recite_anki_package *anki; /* an Anki package's history and media, or NULL */
    struct recite_diags diags; /* problems found parsing it, located */
    /* Filled by recite_import_files(): */
    bool checked;                          /* the signature (or its absence) was looked at */
    char signer[RECITE_KEYID_HEX_LEN + 1]; /* the trusted key that signed data; "" unsigned */
    char *signer_name;                     /* that key's name, or NULL */
    enum recite_fault fault;               /* why the signature was refused, or NONE */
};

/*
 * Reads path and path.minisig (when it exists), each once, and parses the
 * bytes in format (format < 0: detected; an interchange format's bank id
 * comes from the file name, see recite_format_bank_id()). Problems go to
 * out->diags; err names the file. Returns 0, RECITE_ENOTFOUND (no such
 * file), RECITE_EIO, RECITE_EDATA. Release *out in every case.
 */
int recite_import_file_read(struct recite_import_file *out, const char *path, int format,
                            struct recite_error *err);
void recite_import_file_release(struct recite_import_file *file);

/* What an import may override. Both are refusals by default. */
struct recite_import_options {
    bool allow_unsigned; /* an unsigned file may replace a bank that was signed */
    bool replace;        /* a file of another format may replace a stored bank */
};
#define RECITE_IMPORT_OPTIONS_INIT                                                                 \
    {                                                                                              \
        false, false                                                                               \
    }

/*
 * Imports the files (read by recite_import_file_read(), each clean) all or
 * none, in one transaction. In order, each refusal naming the file and
 * changing nothing:
 *   - a file with a signature is checked against the trusted keys (recite
 *     key trust) over exactly its bytes: RECITE_EVERIFY with file->fault
 *     when it does not verify or its key is not trusted;
 *   - two files with one bank id: RECITE_EDATA;
 *   - a bank whose stored signer is not empty takes only a file signed by a
 *     trusted key: RECITE_EVERIFY, unless opts->allow_unsigned;
 *   - a file whose format is not the stored bank's: RECITE_EEXISTS, unless
 *     opts->replace.
 * Each bank then records the file's format and signer. stats (count
 * entries, may be NULL) receives each file's changes and the signer before.
 */
int recite_import_files(struct recite_store *st, struct recite_import_file *files, size_t count,
                        const struct recite_import_options *opts, int64_t now_ms,
                        struct recite_import_stats *stats, struct recite_error *err);

#endif
