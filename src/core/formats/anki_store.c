/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What an Anki package brings besides its notes: the review log, replayed
 * answer by answer through recite's own scheduler into the review table,
 * and the media files, kept beside the database under media/BANK/.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "anki.h"

/* Replays the answers of card c newer than what the store already has; buf has room for them. */
static int replay_card(struct recite_store *st, const struct recite_sched_params *params,
                       const char *bank_slug, const struct recite_anki_package *pkg,
                       const struct anki_card *c, struct recite_replayed_answer *buf,
                       size_t *added, struct recite_error *err)
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
    struct recite_card_row row;
    if ((rc = recite_store_card_get(st, card_id, &row, err)) < 0)
        return rc;
    struct recite_sched_card card;
    if (row.last_review > 0) {
        recite_card_row_to_sched(&row, &card);
    } else {
        int64_t start = c->created;
        if (c->count && pkg->reviews[c->first].at < start)
            start = pkg->reviews[c->first].at;
        recite_sched_card_new(&card, start);
    }
    size_t n = 0;
    for (size_t i = c->first; i < c->first + c->count; i++) {
        const struct anki_review *rv = &pkg->reviews[i];
        /* already replayed by an earlier import of the same package */
        if (card.last_review && rv->at <= card.last_review)
            continue;
        struct recite_sched_card next;
        if (recite_sched_review(&next, params, &card, rv->rating, rv->at) < 0)
            continue;
        struct recite_replayed_answer *a = &buf[n++];
        a->at = rv->at;
        a->rating = rv->rating;
        a->credit = rv->rating >= RECITE_GOOD ? 1.0 : rv->rating == RECITE_HARD ? 0.5 : 0.0;
        a->duration_ms = rv->duration_ms;
        a->before = row;
        recite_card_row_from_sched(&row, &next);
        a->after = row;
        card = next;
    }
    *added += n;
    return recite_store_review_replay(st, card_id, buf, n, err);
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
    size_t most = 0;
    for (size_t i = 0; i < pkg->card_count; i++)
        if (pkg->cards[i].count > most)
            most = pkg->cards[i].count;
    struct recite_replayed_answer *buf = malloc((most ? most : 1) * sizeof(*buf));
    if (!buf)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < pkg->card_count && rc == 0; i++)
        if (pkg->cards[i].count)
            rc = replay_card(st, &params, bank_slug, pkg, &pkg->cards[i], buf, added, err);
    free(buf);
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
                    const struct recite_anki_package *pkg, size_t *saved,
                    struct recite_error *err)
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
    int n = snprintf(path, cap, "%.*s%smedia", (int)dir_len, slash ? db_path : "",
                     slash ? "/" : "");
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
