/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Storage internals shared with the unit tests only: opening a database at
 * an older schema version, to prove that migrations carry it forward, and
 * the card state text of the review log, to prove it matches the SQL's,
 * and the sorts the kept statements ran.
 */
#ifndef RECITE_STORE_INTERNAL_H
#define RECITE_STORE_INTERNAL_H

#include "recite/common.h"
#include "recite/sched.h"
#include "recite/store.h"

/*
 * Like recite_store_open(), but migrates only up to target_version
 * (1..RECITE_SCHEMA_VERSION). Tests use it to build an old database.
 */
int recite_store_open_version(struct recite_store **out, const char *path, int target_version,
                              struct recite_error *err);

/* Room for a card state as JSON: eleven numbers and their names, with room to spare. */
#define STORE_STATE_JSON_MAX 400

/*
 * Writes a card's scheduling state c and suspension into buf
 * (STORE_STATE_JSON_MAX bytes) as the review log keeps them, byte for byte
 * what json_object() in the store's SQL writes for the same values;
 * returns its length.
 */
int store_state_json(char *buf, const struct recite_sched_card *c, int suspended);

/*
 * The ways the first due reviews are chosen (recite_store_card_ids_due):
 * the full scan of every due review, the reading of stability bands, or
 * the choice between them the store makes. All give the same ids in the
 * same order; the unit tests hold them to it.
 */
enum store_review_way { STORE_REVIEWS_AUTO, STORE_REVIEWS_SCAN, STORE_REVIEWS_BANDS };
int store_top_reviews(struct recite_store *st, const struct recite_due_query *query,
                      enum store_review_way way, int64_t **out, size_t *count,
                      struct recite_error *err);

/*
 * Sorts and automatic indexes SQLite has built so far for the store's
 * kept statements (temporary B-trees for ORDER BY, GROUP BY or DISTINCT):
 * a test holds the queue's per-answer statements to none.
 */
uint64_t store_sorts(const struct recite_store *st);

#endif
