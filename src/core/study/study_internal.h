/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private interface of the study layer (src/core/study/), shared with the
 * fuzzers. Not part of the API.
 */
#ifndef RECITE_STUDY_INTERNAL_H
#define RECITE_STUDY_INTERNAL_H

#include "recite/bank.h"
#include "recite/store.h"

/*
 * A stored fact row (study/bank_view.c) (kind, key, JSON body, tags, cite) as the parser would
 * have built it from the canonical text, checked by the same rules;
 * RECITE_EDATA when the row is damaged. Release with bank_fact_release().
 */
int bank_fact_from_row(struct recite_fact *out, const struct recite_fact_row *row);
/*
 * The fields of a stored fact body (the JSON object bank_import.c writes)
 * into fact, in the body's order (fact_body.c). RECITE_EDATA when the body
 * is not such an object.
 */
int fact_body_read(struct recite_fact *fact, const char *body);

struct recite_anki_package;
struct recite_bank_view;
struct card_notes;

/*
 * The card notes of a bank (bank_lexicon.c): kept with it at import, read
 * back by a view, or built from its facts and kept when missing, made for
 * another version of the bank, or when rebuild is set.
 */
int bank_keep_card_notes(struct recite_store *st, const struct recite_bank *bank, int64_t bank_id,
                         const char *hash, struct recite_error *err);
int bank_view_card_notes(struct recite_bank_view *view, bool rebuild, struct card_notes **out,
                         struct recite_error *err);

/*
 * The fact references of a bank (bank_lexicon.c): every kind's live facts in
 * bank order (recite_store_fact_refs()), kept with it at import, read back
 * by a view in one blob, or listed and kept when missing or made for another
 * version of the bank. bank_fact_refs_read() takes kind's out of the bytes
 * (free *out with free()); false when they do not read or memory runs out.
 */
int bank_keep_fact_refs(struct recite_store *st, int64_t bank_id, const char *hash,
                        struct recite_error *err);
int bank_view_fact_refs(struct recite_bank_view *view, unsigned char **out, size_t *len,
                        struct recite_error *err);
bool bank_fact_refs_read(const unsigned char *data, size_t len, enum recite_fact_kind kind,
                         struct recite_fact_ref **out, size_t *count);

/*
 * Reads the Anki package in data (anki_store.c): the formats layer unzips
 * it, the store reads its collection, the formats layer maps the rows into
 * a validated bank with id bank_id and, when pkg is not NULL, its history
 * and media (release with anki_package_free()). RECITE_EDATA for anything
 * that is not a package recite can read, with err saying what is wrong;
 * nothing is kept then.
 */
int anki_package_read(struct recite_bank **bank, struct recite_anki_package **pkg, const void *data,
                      size_t len, const char *bank_id, struct recite_diags *diags,
                      struct recite_error *err);

#endif
