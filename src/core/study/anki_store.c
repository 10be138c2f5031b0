/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Reading an Anki package, whose collection only the store may open, and
 * what it brings besides its notes: the review log, replayed
 * answer by answer through recite's own scheduler into the review table,
 * and the media files, kept beside the database under media/BANK/.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "anki.h"
#include "recite/facts.h"
#include "recite/files.h"
#include "recite/queue.h"
#include "recite/sched.h"
#include "recite/sign.h"
#include "recite/store.h"
#include "store_anki.h"
#include "study_internal.h"

int anki_package_read(struct recite_bank **bank, struct recite_anki_package **pkg, const void *data,
                      size_t len, const char *bank_id, struct recite_diags *diags,
                      struct recite_error *err)
{
    *bank = NULL;
    if (pkg)
        *pkg = NULL;
    struct anki_package_file file;
    struct anki_rows rows;
    int rc = anki_package_open(&file, data, len, err);
    if (rc < 0)
        return rc == RECITE_ENOTFOUND ? RECITE_EDATA : rc;
    rc = store_anki_read(&rows, file.collection, file.collection_len, err);
    if (rc == 0) {
        rc = anki_package_map(bank, pkg, &file, &rows, bank_id, diags, err);
        store_anki_rows_release(&rows);
    }
    anki_package_close(&file);
    return rc == RECITE_ENOTFOUND ? RECITE_EDATA : rc;
}

/* A card of the package found in the store, and its answers in the replay. */
struct slot {
    struct recite_card_row row;     /* as stored */
    struct recite_sched_card start; /* before the first answer replayed */
    size_t first, count;            /* in the answers array */
};

/* One answer, replayed; the state before it is the previous answer's of its card. */
struct answer {
    int64_t at;
    int64_t duration_ms;
    int rating;
    size_t slot;
    struct recite_sched_card after;
};

struct replay {
    struct slot *slots;
    size_t slot_count;
    struct answer *answers;
    size_t answer_count;
};

static const struct answer *sort_answers; /* qsort has no context argument */

static int cmp_time(const void *a, const void *b)
{
    const struct answer *x = &sort_answers[*(const size_t *)a];
    const struct answer *y = &sort_answers[*(const size_t *)b];
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    return i < j ? -1 : i > j;
}

/* Replays card c's answers newer than what the store has into r (room for them is there). */
static int replay_card(struct recite_store *st, const struct recite_sched_params *params,
                       const char *bank_slug, const struct recite_anki_package *pkg,
                       const struct anki_card *c, struct replay *r, struct recite_error *err)
{
    char uid[RECITE_CARD_UID_HEX];
    recite_card_uid(uid, bank_slug, c->key, c->template_name);
    struct recite_card_ref ref = {0};
    int rc = recite_store_card_find(st, uid, &ref, err);
    if (rc == RECITE_ENOTFOUND)
        return 0;
    if (rc < 0)
        return rc;
    int64_t card_id = ref.card_id;
    recite_card_ref_release(&ref);
    struct slot *s = &r->slots[r->slot_count];
    if ((rc = recite_store_card_get(st, card_id, &s->row, err)) < 0)
        return rc;
    if (s->row.last_review > 0) {
        recite_card_row_to_sched(&s->row, &s->start);
    } else {
        int64_t start = c->created;
        if (c->count && pkg->reviews[c->first].at < start)
            start = pkg->reviews[c->first].at;
        recite_sched_card_new(&s->start, start);
    }
    s->first = r->answer_count;
    s->count = 0;
    struct recite_sched_card card = s->start;
    for (size_t i = c->first; i < c->first + c->count; i++) {
        const struct anki_review *rv = &pkg->reviews[i];
        /* already replayed by an earlier import of the same package */
        if (card.last_review && rv->at <= card.last_review)
            continue;
        struct answer *a = &r->answers[r->answer_count];
        if (recite_sched_review(&a->after, params, &card, rv->rating, rv->at) < 0)
            continue;
        a->at = rv->at;
        a->rating = rv->rating;
        a->duration_ms = rv->duration_ms;
        a->slot = r->slot_count;
        card = a->after;
        r->answer_count++;
        s->count++;
    }
    if (s->count)
        r->slot_count++;
    return 0;
}

/* Writes the answers in time order, then each card's final state. */
static int write_replay(struct recite_store *st, const struct replay *r, size_t *added,
                        struct recite_error *err)
{
    size_t *order = malloc((r->answer_count + 1) * sizeof(*order));
    struct recite_replayed_answer *all = malloc((r->answer_count + 1) * sizeof(*all));
    struct recite_review_bulk *bulk = NULL;
    int rc = 0;
    if (!order || !all) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < r->answer_count; i++)
        order[i] = i;
    sort_answers = r->answers;
    qsort(order, r->answer_count, sizeof(*order), cmp_time);
    sort_answers = NULL;
    for (size_t k = 0; k < r->answer_count; k++) {
        size_t i = order[k];
        const struct answer *a = &r->answers[i];
        const struct slot *s = &r->slots[a->slot];
        all[k] = (struct recite_replayed_answer){
            .card_id = s->row.id,
            .at = a->at,
            .rating = a->rating,
            .credit = a->rating >= RECITE_GOOD   ? 1.0
                      : a->rating == RECITE_HARD ? 0.5
                                                 : 0.0,
            .duration_ms = a->duration_ms,
            .suspended = s->row.suspended,
            .before = i == s->first ? &s->start : &r->answers[i - 1].after,
            .after = &a->after,
        };
    }
    rc = recite_store_reviews_bulk_begin(st, r->answer_count, &bulk, err);
    if (rc == 0)
        rc = recite_store_reviews_replay(st, all, r->answer_count, err);
    int end = recite_store_reviews_bulk_end(st, bulk, rc == 0, err);
    if (rc == 0)
        rc = end;
    for (size_t k = 0; k < r->slot_count && rc == 0; k++) {
        const struct slot *s = &r->slots[k];
        struct recite_card_row row = s->row;
        recite_card_row_from_sched(&row, &r->answers[s->first + s->count - 1].after);
        rc = recite_store_card_state_set(st, &row, err);
    }
    if (rc == 0)
        *added = r->answer_count;
out:
    free(order);
    free(all);
    return rc;
}

int anki_history_store(struct recite_store *st, const char *bank_slug,
                       const struct recite_anki_package *pkg, size_t *added,
                       struct recite_error *err)
{
    *added = 0;
    struct recite_sched_params params;
    int rc = recite_store_sched_params_get(st, bank_slug, &params, err);
    if (rc < 0)
        return rc;
    struct replay r = {0};
    r.slots = malloc((pkg->card_count + 1) * sizeof(*r.slots));
    r.answers = malloc((pkg->review_count + 1) * sizeof(*r.answers));
    if (!r.slots || !r.answers)
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < pkg->card_count && rc == 0; i++)
        if (pkg->cards[i].count)
            rc = replay_card(st, &params, bank_slug, pkg, &pkg->cards[i], &r, err);
    if (rc == 0)
        rc = write_replay(st, &r, added, err);
    free(r.slots);
    free(r.answers);
    return rc;
}

static int make_dir(const char *path, struct recite_error *err)
{
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return recite_error_set(err, RECITE_ECREATE, "cannot create directory '%s': %s", path,
                                strerror(errno));
    return 0;
}

int anki_media_save(const char *db_path, const char *bank_slug,
                    const struct recite_anki_package *pkg, size_t *saved, struct recite_error *err)
{
    *saved = 0;
    if (!pkg->media_count)
        return 0;
    const char *slash = strrchr(db_path, '/');
    size_t dir_len = slash ? (size_t)(slash - db_path) : 0;
    size_t cap = dir_len + strlen(bank_slug) + 300;
    char *path = malloc(cap);
    if (!path)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    int n =
        snprintf(path, cap, "%.*s%smedia", (int)dir_len, slash ? db_path : "", slash ? "/" : "");
    int rc = make_dir(path, err);
    if (rc == 0) {
        n += snprintf(path + n, cap - (size_t)n, "/%s", bank_slug);
        rc = make_dir(path, err);
    }
    struct recite_save_options opts = {0, true};
    for (size_t i = 0; i < pkg->media_count && rc == 0; i++) {
        const struct anki_media *m = &pkg->media[i];
        if (!anki_media_name_ok(m->name))
            continue;
        snprintf(path + n, cap - (size_t)n, "/%s", m->name);
        /* the same bytes are not written again */
        char *old = NULL;
        size_t old_len = 0;
        struct recite_error sub = {0};
        if (recite_file_read(&old, &old_len, path, m->len + 1, &sub) == 0 && old_len == m->len &&
            memcmp(old, m->data, m->len) == 0) {
            free(old);
            continue;
        }
        free(old);
        if ((rc = recite_file_save(path, m->data, m->len, &opts, err)) == 0)
            (*saved)++;
    }
    free(path);
    return rc;
}
