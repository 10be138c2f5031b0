/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The rows of an Anki collection as the storage layer reads them
 * (store/store.c, its anki section) and the formats layer maps them into a bank
 * (formats/anki.c). Plain data, here because both layers may include base
 * and neither may include the other. Strings are NUL-terminated ("" for
 * NULL), blobs may be NULL when empty; the store owns and frees them all.
 */
#ifndef RECITE_ANKI_ROWS_H
#define RECITE_ANKI_ROWS_H

#include <stddef.h>
#include <stdint.h>

/* Schema 18: a row of notetypes; config is a NotetypeConfig protobuf. */
struct anki_rows_notetype {
    int64_t id;
    char *name;
    unsigned char *config;
    size_t config_len;
};

/* Schema 18: a row of fields, in (notetype, ord) order. */
struct anki_rows_field {
    int64_t notetype_id;
    char *name;
};

/* Schema 18: a row of templates; config is a CardTemplateConfig protobuf. */
struct anki_rows_template {
    int64_t notetype_id, ord;
    unsigned char *config;
    size_t config_len;
};

/* Schema 18: a row of decks; levels of the name are joined by 0x1F. */
struct anki_rows_deck {
    int64_t id;
    char *name;
};

/* A card of a note. */
struct anki_rows_card {
    int64_t id;
    int ord;
    int64_t deck_id;
};

/* A note, in id order, and its cards in ord order: cards[first .. first + count). */
struct anki_rows_note {
    int64_t id, notetype_id;
    char *tags, *fields, *guid; /* fields joined by 0x1F */
    size_t first_card, card_count;
};

/* An answer of the review log (ease 1..4, type 0..3), in id (time) order. */
struct anki_rows_review {
    int64_t card_id, id, ms;
    int ease;
};

struct anki_rows {
    int schema;        /* col.ver, 11..18 */
    char *models_json; /* schema 11..17: col.models */
    char *decks_json;  /* schema 11..17: col.decks */
    struct anki_rows_notetype *notetypes;
    size_t notetype_count;
    struct anki_rows_field *fields;
    size_t field_count;
    struct anki_rows_template *templates;
    size_t template_count;
    struct anki_rows_deck *decks;
    size_t deck_count;
    struct anki_rows_note *notes;
    size_t note_count;
    struct anki_rows_card *cards;
    size_t card_count;
    struct anki_rows_review *reviews;
    size_t review_count;
};

#endif
