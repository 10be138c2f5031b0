/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Anki collections as plain rows (store.c, its anki section): the storage layer reads
 * them from a package's SQLite database image and writes them into a new
 * one, so that the layers above never see SQLite. Included by the study
 * layer.
 */
#ifndef RECITE_STORE_ANKI_H
#define RECITE_STORE_ANKI_H

#include <stddef.h>
#include <stdint.h>

#include "anki_rows.h"
#include "recite/common.h"

/* A note type: its NotetypeConfig protobuf. */
struct anki_out_notetype {
    int64_t id;
    const char *name;
    const void *config; /* protobuf, config_len bytes */
    size_t config_len;
};

struct anki_out_field {
    int64_t notetype_id, ord;
    const char *name;
};

/* A card template: its CardTemplateConfig protobuf. */
struct anki_out_template {
    int64_t notetype_id, ord;
    const char *name;
    const void *config;
    size_t config_len;
};

/* A deck: its DeckKindContainer protobuf. */
struct anki_out_deck {
    int64_t id;
    const char *name; /* levels joined by 0x1F */
    const void *kind;
    size_t kind_len;
};

struct anki_out_note {
    int64_t id, notetype_id;
    char *guid, *tags, *fields; /* fields joined by 0x1F */
    char *sort_field;
};

struct anki_out_card {
    int64_t id, note_id, deck_id, ord;
    int64_t type, queue, due, interval, factor, reps, lapses;
    char data[128]; /* JSON: FSRS memory state */
};

struct anki_out_review {
    int64_t id, card_id, ease, interval, last_interval, type;
};

/* Everything a collection of schema 18 holds, borrowed by the writer. */
struct anki_out_collection {
    int64_t mtime_secs; /* modification time of every row that has one */
    const struct anki_out_notetype *notetypes;
    size_t notetype_count;
    const struct anki_out_field *fields;
    size_t field_count;
    const struct anki_out_template *templates;
    size_t template_count;
    const struct anki_out_deck *decks;
    size_t deck_count;
    const struct anki_out_note *notes;
    size_t note_count;
    const struct anki_out_card *cards;
    size_t card_count;
    const struct anki_out_review *reviews;
    size_t review_count;
};

/*
 * Writes c as an Anki collection of schema 18 (one deck configuration,
 * "Default") and returns the database file's bytes in *out (caller frees
 * with free()). RECITE_EINTERNAL when SQLite refuses a row.
 */
int store_anki_write(unsigned char **out, size_t *len, const struct anki_out_collection *c,
                     struct recite_error *err);

/*
 * Opens a copy of the collection image [image, image + len) in memory and
 * reads its note types and decks (the col row's JSON before schema 18),
 * notes with their cards, and review log answers into *out (release with
 * store_anki_rows_release(), also done here on failure). RECITE_EDATA with
 * err saying why when it is no database, its schema version is not 11 to
 * 18, or a table is missing.
 */
int store_anki_read(struct anki_rows *out, const void *image, size_t len, struct recite_error *err);
void store_anki_rows_release(struct anki_rows *rows);

#endif
