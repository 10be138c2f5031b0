/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private: Anki packages (.apkg / .colpkg), see anki.c and anki_zip.c. A
 * package is read whole into memory: its notes become a bank, its review
 * log a history per card, its media files a list kept beside the database.
 */
#ifndef RECITE_FORMATS_ANKI_H
#define RECITE_FORMATS_ANKI_H

#include <stdint.h>

#include "anki_rows.h"
#include "formats_internal.h"

/* Limits on what a package may inflate to (a zip bomb is refused). */
#define ANKI_ENTRY_MAX ((size_t)1 << 30)   /* one entry, inflated */
#define ANKI_TOTAL_MAX ((size_t)3 << 30)   /* all entries of a package */
#define ANKI_RATIO_FREE ((size_t)16 << 20) /* entries up to this size may have any ratio */
#define ANKI_RATIO_MAX 200                 /* past it, inflated / stored at most this */

/* ---- the zip archive (anki_zip.c) ---- */

struct anki_zip;

/* Opens the archive in data (borrowed; must outlive the zip). RECITE_EDATA when it is no zip. */
int anki_zip_open(struct anki_zip **out, const void *data, size_t len, struct recite_error *err);
void anki_zip_close(struct anki_zip *z);
/* Whether the archive has an entry called name. */
bool anki_zip_has(struct anki_zip *z, const char *name);
/*
 * Reads entry name whole, held to the limits above. With zstd, the entry is
 * a zstd frame (or several) and *out gets what it decompresses to. *out is
 * NUL-terminated (one byte past *len), caller frees it. RECITE_ENOTFOUND
 * when there is no such entry, RECITE_EDATA for a corrupt or oversized one.
 */
int anki_zip_read(struct anki_zip *z, const char *name, bool zstd, unsigned char **out, size_t *len,
                  struct recite_error *err);

/* One entry of an archive to write. */
struct anki_zip_entry {
    const char *name;
    const void *data;
    size_t len;
    bool deflate; /* else stored */
};

/* A zip archive of the entries, in memory; caller frees *out. */
int anki_zip_write(const struct anki_zip_entry *entries, size_t count, unsigned char **out,
                   size_t *len, struct recite_error *err);

/* Decompresses zstd frames in [in, in + n) to at most limit bytes. */
int anki_zstd_decompress(const unsigned char *in, size_t n, size_t limit, unsigned char **out,
                         size_t *len, struct recite_error *err);
/* Compresses [in, in + n) as one zstd frame. */
int anki_zstd_compress(const unsigned char *in, size_t n, unsigned char **out, size_t *len,
                       struct recite_error *err);

/* ---- protobuf, the few messages a package holds ---- */

struct anki_pb {
    const unsigned char *p, *end;
};

/*
 * Next field of a message: *field, *wire (0 varint, 1 fixed64, 2 bytes,
 * 5 fixed32); a varint in *value, bytes in *data and *n. Returns 1 for a field,
 * 0 at the end, -1 for a malformed message.
 */
int anki_pb_next(struct anki_pb *pb, uint32_t *field, int *wire, uint64_t *value,
                 const unsigned char **data, size_t *n);
/* Appends to b: a varint, a length-delimited field, a varint field. */
void anki_pb_put_varint(struct recite_buf *b, uint64_t v);
void anki_pb_put_bytes(struct recite_buf *b, uint32_t field, const void *data, size_t n);
void anki_pb_put_uint(struct recite_buf *b, uint32_t field, uint64_t v);

/* ---- the package (anki.c) ---- */

struct anki_media {
    char *name; /* the file name Anki knows it by: checked, no path */
    unsigned char *data;
    size_t len;
};

struct anki_review {
    int64_t at; /* Unix ms */
    int rating; /* 1..4 */
    int64_t duration_ms;
};

/* The history of one card, as a slice of the package's reviews. */
struct anki_card {
    char key[64]; /* its fact's key */
    char template_name[32];
    int64_t created;     /* Unix ms: the Anki card id */
    size_t first, count; /* reviews[first .. first + count) */
};

struct recite_anki_package {
    char layout[24];    /* "collection.anki21b", ... */
    int schema;         /* the collection's schema version */
    size_t notes;       /* notes read */
    size_t skipped;     /* notes with nothing to ask */
    size_t other_types; /* notes of other note types, mapped by their first two fields */
    struct anki_media *media;
    size_t media_count;
    struct anki_card *cards;
    size_t card_count;
    struct anki_review *reviews;
    size_t review_count;
};

/* A package opened: its archive and the collection's database image, inflated. */
struct anki_package_file {
    struct anki_zip *zip;
    char layout[24]; /* the collection's entry, as Anki chooses it */
    bool zstd;       /* the collection and media are zstd-compressed */
    unsigned char *collection;
    size_t collection_len;
};

/*
 * Opens the package in data (borrowed; must outlive the file) and reads the
 * collection the layout names (release with anki_package_close(), also
 * done here on failure). RECITE_EDATA when it is no package recite can read.
 */
int anki_package_open(struct anki_package_file *out, const void *data, size_t len,
                      struct recite_error *err);
void anki_package_close(struct anki_package_file *file);

/*
 * Maps the rows of file's collection (read by the store layer) into a
 * validated bank with id bank_id and, when pkg is not NULL, its history and
 * the package's media (release with anki_package_free()). RECITE_EDATA for
 * anything recite cannot read, with err saying what is wrong; nothing is
 * kept then. The study layer puts the two together (anki_package_read()).
 */
int anki_package_map(struct recite_bank **bank, struct recite_anki_package **pkg,
                     const struct anki_package_file *file, const struct anki_rows *rows,
                     const char *bank_id, struct recite_diags *diags, struct recite_error *err);
void anki_package_free(struct recite_anki_package *pkg);

struct recite_store;

/*
 * Replays the answers of pkg's cards in bank_slug (stored already) through
 * the bank's scheduler parameters, each into the review log; answers not
 * newer than a card's last review are skipped, so importing a package again
 * adds nothing. *added counts the answers recorded.
 */
int anki_history_store(struct recite_store *st, const char *bank_slug,
                       const struct recite_anki_package *pkg, size_t *added,
                       struct recite_error *err);
/*
 * Writes pkg's media files into media/BANK/ in the directory of the
 * database at db_path; files with the same bytes are left alone. *saved
 * counts the files written.
 */
int anki_media_save(const char *db_path, const char *bank_slug,
                    const struct recite_anki_package *pkg, size_t *saved, struct recite_error *err);

/* Whether name may be a media file's name: no path, no control characters. */
bool anki_media_name_ok(const char *name);

#endif
