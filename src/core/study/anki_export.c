/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A stored bank as a modern Anki package (meta 3, zstd collection.anki21b
 * of schema 18, protobuf media map): a cloze fact becomes a Cloze note with
 * one card per deletion, every other fact a Basic note asking its first way
 * (a question's text and best answer; acronyms, events and sets as their
 * short-answer question), with that card's scheduling state and review log.
 * Each note's guid is "recite:BANK:KEY", which the importer turns back into
 * the fact's key.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anki.h"
#include "recite/facts.h"
#include "recite/files.h"
#include "recite/fit.h"
#include "recite/queue.h"
#include "recite/sched.h"
#include "recite/store.h"
#include "store_anki.h"

#define BASIC_ID 1700000000001LL
#define CLOZE_ID 1700000000002LL
#define DECK_ID 1700000000003LL

struct writer {
    struct recite_store *st;
    const char *slug;
    int64_t now_ms;
    int64_t next_card; /* Anki card ids: ms, one apart */
    struct recite_error *err;
    /* recite card id -> Anki card id, for the review log */
    struct link {
        int64_t card_id, cid;
        struct recite_sched_card sched;
    } * links;
    size_t link_count;
    struct recite_sched_params params;
    char **decks; /* deck names (Anki's, levels joined by 0x1F); deck i is DECK_ID + i */
    size_t deck_count;
    struct anki_out_note *notes;
    size_t note_count, note_cap;
    struct anki_out_card *cards;
    size_t card_count, card_cap;
    struct anki_out_review *reviews;
    size_t review_count, review_cap;
};

static int oom(struct writer *w)
{
    return recite_error_set(w->err, RECITE_ENOMEM, "out of memory");
}

/* The deck of a category ("a/b" is a::b, "//" a '/'); the bank's own when there is none. */
static int deck_of(struct writer *w, const char *category, int64_t *out)
{
    struct recite_buf b = {0};
    const char *c = category && category[0] ? category : w->slug;
    for (; *c; c++) {
        if (c[0] == '/' && c[1] == '/') {
            recite_buf_addc(&b, '/');
            c++;
        } else {
            recite_buf_addc(&b, *c == '/' ? '\x1f' : *c);
        }
    }
    if (b.oom || !b.data)
        return recite_error_set(w->err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; i < w->deck_count; i++)
        if (strcmp(w->decks[i], b.data) == 0) {
            free(b.data);
            *out = DECK_ID + (int64_t)i;
            return 0;
        }
    char **grown = realloc(w->decks, (w->deck_count + 1) * sizeof(*grown));
    if (!grown) {
        free(b.data);
        return recite_error_set(w->err, RECITE_ENOMEM, "out of memory");
    }
    w->decks = grown;
    w->decks[w->deck_count] = b.data;
    *out = DECK_ID + (int64_t)w->deck_count++;
    return 0;
}

/* Each deck used, a normal deck with the default options, after "Default" (id 1). */
static struct anki_out_deck *deck_rows(const struct writer *w, const struct recite_buf *kind,
                                       size_t *count)
{
    struct anki_out_deck *rows = malloc((w->deck_count + 1) * sizeof(*rows));
    if (!rows)
        return NULL;
    rows[0] = (struct anki_out_deck){1, "Default", kind->data, kind->len};
    *count = 1;
    for (size_t i = 0; i < w->deck_count; i++)
        if (strcmp(w->decks[i], "Default") != 0)
            rows[(*count)++] =
                (struct anki_out_deck){DECK_ID + (int64_t)i, w->decks[i], kind->data, kind->len};
    return rows;
}

/* The collection's bytes: the notes, cards and review log gathered, a Basic and a Cloze type. */
static int write_collection(struct writer *w, unsigned char **out, size_t *len)
{
    struct recite_buf basic = {0}, cloze = {0}, tmpl = {0}, ctmpl = {0}, kind = {0}, normal = {0};
    anki_pb_put_uint(&cloze, 1, 1); /* NotetypeConfig.kind = KIND_CLOZE */
    static const char bq[] = "{{Front}}", ba[] = "{{FrontSide}}<hr id=answer>{{Back}}";
    static const char cq[] = "{{cloze:Text}}", ca[] = "{{cloze:Text}}<br>{{Back Extra}}";
    anki_pb_put_bytes(&tmpl, 1, bq, strlen(bq)); /* CardTemplateConfig.q_format */
    anki_pb_put_bytes(&tmpl, 2, ba, strlen(ba)); /* a_format */
    anki_pb_put_bytes(&ctmpl, 1, cq, strlen(cq));
    anki_pb_put_bytes(&ctmpl, 2, ca, strlen(ca));
    anki_pb_put_uint(&normal, 1, 1);                      /* Deck.Normal.config_id */
    anki_pb_put_bytes(&kind, 1, normal.data, normal.len); /* DeckKindContainer.normal */
    const struct anki_out_notetype types[] = {
        {BASIC_ID, "Basic", basic.data, basic.len},
        {CLOZE_ID, "Cloze", cloze.data, cloze.len},
    };
    const struct anki_out_field fields[] = {
        {BASIC_ID, 0, "Front"},
        {BASIC_ID, 1, "Back"},
        {CLOZE_ID, 0, "Text"},
        {CLOZE_ID, 1, "Back Extra"},
    };
    const struct anki_out_template templates[] = {
        {BASIC_ID, 0, "Card 1", tmpl.data, tmpl.len},
        {CLOZE_ID, 0, "Cloze", ctmpl.data, ctmpl.len},
    };
    size_t deck_count = 0;
    struct anki_out_deck *decks = deck_rows(w, &kind, &deck_count);
    int rc = 0;
    if (!decks || basic.oom || cloze.oom || tmpl.oom || ctmpl.oom || kind.oom || normal.oom) {
        rc = oom(w);
    } else {
        const struct anki_out_collection col = {
            w->now_ms / 1000,
            types,
            2,
            fields,
            4,
            templates,
            2,
            decks,
            deck_count,
            w->notes,
            w->note_count,
            w->cards,
            w->card_count,
            w->reviews,
            w->review_count,
        };
        rc = store_anki_write(out, len, &col, w->err);
    }
    free(decks);
    free(basic.data);
    free(cloze.data);
    free(tmpl.data);
    free(ctmpl.data);
    free(kind.data);
    free(normal.data);
    return rc;
}

/* The card of (key, template) as an Anki card of note nid, ord. */
static int add_card(struct writer *w, int64_t nid, int64_t did, int ord, int64_t position,
                    const char *key, const char *template_name)
{
    int64_t cid = w->next_card++;
    char uid[RECITE_CARD_UID_HEX];
    recite_card_uid(uid, w->slug, key, template_name);
    struct recite_card_ref ref = {0};
    struct recite_card_row row = {0};
    int rc = recite_store_card_find(w->st, uid, &ref, w->err);
    if (rc == 0) {
        rc = recite_store_card_get(w->st, ref.card_id, &row, w->err);
        recite_card_ref_release(&ref);
    } else if (rc == RECITE_ENOTFOUND) {
        rc = 0;
    }
    if (rc < 0)
        return rc;
    int64_t type = 0, queue = 0, due = position, ivl = 0;
    if (row.state == RECITE_STATE_LEARNING || row.state == RECITE_STATE_RELEARNING) {
        type = row.state == RECITE_STATE_LEARNING ? 1 : 3;
        queue = 1;
        due = row.due / 1000;
    } else if (row.state == RECITE_STATE_REVIEW) {
        type = queue = 2;
        due = (row.due / 1000 - 1600000000) / 86400;
        ivl = row.scheduled_days;
    }
    if (row.suspended)
        queue = -1;
    if (w->card_count == w->card_cap &&
        recite_grow((void **)&w->cards, &w->card_cap, w->card_count + 1, sizeof(*w->cards)) < 0)
        return oom(w);
    struct anki_out_card *card = &w->cards[w->card_count++];
    *card = (struct anki_out_card){
        cid, nid, did, ord, type, queue, due, ivl, type ? 2500 : 0, row.reps, row.lapses, "{}"};
    if (row.state != RECITE_STATE_NEW)
        snprintf(card->data, sizeof(card->data), "{\"s\":%.4f,\"d\":%.4f,\"dr\":%.2f}",
                 row.stability, row.difficulty, w->params.request_retention);
    if (!row.id)
        return 0;
    struct link *grown = realloc(w->links, (w->link_count + 1) * sizeof(*grown));
    if (!grown)
        return recite_error_set(w->err, RECITE_ENOMEM, "out of memory");
    w->links = grown;
    w->links[w->link_count] = (struct link){row.id, cid, {0}};
    recite_sched_card_new(&w->links[w->link_count].sched, 0);
    w->link_count++;
    return 0;
}

/* Anki's {{cN::answer}} for recite's {{answer|alt}}: the first spelling of deletion N. */
static int cloze_field(char **out, const char *text, size_t *count)
{
    struct recite_buf b = {0};
    *count = 0;
    for (const char *p = text; *p;) {
        const char *open = strstr(p, "{{");
        const char *close = open ? strstr(open, "}}") : NULL;
        if (!close) {
            recite_buf_adds(&b, p);
            break;
        }
        recite_buf_add(&b, p, (size_t)(open - p));
        size_t n = strcspn(open + 2, "|}");
        recite_buf_addf(&b, "{{c%zu::", ++*count);
        recite_buf_add(&b, open + 2, n);
        recite_buf_adds(&b, "}}");
        p = close + 2;
    }
    if (!b.data)
        recite_buf_adds(&b, "");
    return recite_buf_finish(&b, out, NULL, NULL);
}

/* Text as an Anki field: HTML-escaped, line breaks as <br>. */
static void put_html(struct recite_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&':
            recite_buf_adds(b, "&amp;");
            break;
        case '<':
            recite_buf_adds(b, "&lt;");
            break;
        case '>':
            recite_buf_adds(b, "&gt;");
            break;
        case '\n':
            recite_buf_adds(b, "<br>");
            break;
        case '\x1f':
            recite_buf_addc(b, ' ');
            break;
        default:
            recite_buf_addc(b, *s);
        }
    }
}

/* Adds the note row n, taking its strings (freed here when it cannot be added). */
static int add_note_row(struct writer *w, const struct anki_out_note *n)
{
    if (n->sort_field &&
        (w->note_count < w->note_cap || recite_grow((void **)&w->notes, &w->note_cap,
                                                    w->note_count + 1, sizeof(*w->notes)) == 0)) {
        w->notes[w->note_count++] = *n;
        return 0;
    }
    free(n->sort_field);
    return oom(w);
}

static int add_note(struct writer *w, int64_t nid, const struct recite_fact *fact,
                    const struct recite_question *q, size_t position, size_t *lost)
{
    struct recite_buf flds = {0}, tags = {0}, guid = {0};
    size_t deletions = 0;
    char *cloze = NULL;
    int rc = 0;
    bool is_cloze = fact->kind == RECITE_FACT_CLOZE;
    if (is_cloze) {
        if ((rc = cloze_field(&cloze, recite_fact_get(fact, "text"), &deletions)) < 0)
            return recite_error_set(w->err, rc, "out of memory");
        put_html(&flds, cloze);
        recite_buf_addc(&flds, '\x1f');
    } else {
        const char *answer = "";
        double best = -2;
        for (size_t i = 0; i < q->answer_count; i++)
            if (q->answers[i].text && q->answers[i].weight > best) {
                best = q->answers[i].weight;
                answer = q->answers[i].text;
            }
        put_html(&flds, q->text);
        recite_buf_addc(&flds, '\x1f');
        put_html(&flds, answer);
        *lost += fact->kind != RECITE_FACT_QUESTION;
    }
    recite_buf_addc(&tags, ' ');
    for (size_t i = 0; i < fact->tag_count; i++)
        recite_buf_addf(&tags, "%s ", fact->tags[i]);
    recite_buf_addf(&guid, "recite:%s:%s", w->slug, fact->key);
    if (flds.oom || tags.oom || guid.oom || !flds.data) {
        rc = recite_error_set(w->err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    const char *sfld = is_cloze ? cloze : q->text ? q->text : "";
    int64_t did = 0;
    if ((rc = deck_of(w, q->category, &did)) < 0)
        goto out;
    if (strcmp(w->decks[did - DECK_ID], "Default") == 0)
        did = 1;
    if (!fact->tag_count)
        tags.data[tags.len = 0] = '\0';
    char *sort_field = recite_strdup(sfld);
    rc = add_note_row(w, &(struct anki_out_note){nid, is_cloze ? CLOZE_ID : BASIC_ID, guid.data,
                                                 tags.data, flds.data, sort_field});
    if (rc == 0)
        guid.data = flds.data = tags.data = NULL; /* the row owns them now */
    if (rc == 0 && !is_cloze) {
        char names[1][RECITE_TEMPLATE_NAME_MAX];
        if (recite_fact_templates(fact, names, 1) > 0)
            rc = add_card(w, nid, did, 0, (int64_t)position, fact->key, names[0]);
    }
    for (size_t i = 0; i < deletions && rc == 0; i++) {
        char name[32];
        snprintf(name, sizeof(name), "cloze-%zu", i + 1);
        rc = add_card(w, nid, did, (int)i, (int64_t)position, fact->key, name);
    }
out:
    free(cloze);
    free(flds.data);
    free(tags.data);
    free(guid.data);
    return rc;
}

static int cmp_link(const void *a, const void *b)
{
    int64_t x = ((const struct link *)a)->card_id, y = ((const struct link *)b)->card_id;
    return x < y ? -1 : x > y;
}

/* The review log of the exported cards, replayed to give each answer's interval. */
static int revlog(struct writer *w)
{
    struct recite_revlog log;
    recite_revlog_init(&log);
    int rc = recite_store_revlog_read(w->st, w->slug, &log, w->err);
    if (rc < 0)
        return rc;
    qsort(w->links, w->link_count, sizeof(*w->links), cmp_link);
    int64_t last_id = 0;
    for (size_t i = 0; i < log.count && rc == 0; i++) {
        const struct recite_revlog_entry *e = &log.entries[i];
        struct link key = {.card_id = e->card_id};
        struct link *l = bsearch(&key, w->links, w->link_count, sizeof(*w->links), cmp_link);
        if (!l)
            continue;
        struct recite_sched_card next;
        int last_ivl = l->sched.scheduled_days;
        if (recite_sched_review(&next, &w->params, &l->sched, e->rating, e->time_ms) < 0)
            next = l->sched;
        l->sched = next;
        int64_t id = e->time_ms > last_id ? e->time_ms : last_id + 1;
        last_id = id;
        /* learning steps as negative seconds, as Anki writes them */
        int64_t ivl =
            next.scheduled_days > 0 ? next.scheduled_days : -(next.due - e->time_ms) / 1000;
        int type = e->state == RECITE_STATE_REVIEW       ? 1
                   : e->state == RECITE_STATE_RELEARNING ? 2
                                                         : 0;
        if (w->review_count == w->review_cap &&
            recite_grow((void **)&w->reviews, &w->review_cap, w->review_count + 1,
                        sizeof(*w->reviews)) < 0) {
            rc = oom(w);
            break;
        }
        w->reviews[w->review_count++] =
            (struct anki_out_review){id, l->cid, e->rating, ivl, last_ivl, type};
    }
    recite_revlog_release(&log);
    return rc;
}

static void writer_release(struct writer *w)
{
    free(w->links);
    for (size_t i = 0; i < w->deck_count; i++)
        free(w->decks[i]);
    free(w->decks);
    for (size_t i = 0; i < w->note_count; i++) {
        free(w->notes[i].guid);
        free(w->notes[i].tags);
        free(w->notes[i].fields);
        free(w->notes[i].sort_field);
    }
    free(w->notes);
    free(w->cards);
    free(w->reviews);
}

int recite_anki_export(struct recite_store *st, const struct recite_bank *bank, int64_t now_ms,
                       unsigned char **out, size_t *out_len, struct recite_format_report *report,
                       struct recite_error *err)
{
    *out = NULL;
    *out_len = 0;
    struct writer w = {.st = st, .slug = bank->id, .now_ms = now_ms, .err = err};
    w.next_card = now_ms;
    struct recite_questions qs = {0};
    unsigned char *col = NULL, *zcol = NULL, *zmap = NULL;
    size_t col_len = 0, zcol_len = 0, zmap_len = 0, lost = 0;
    int rc = recite_store_sched_params_get(st, bank->id, &w.params, err);
    if (rc == 0)
        rc = recite_format_from_bank(&qs, bank, err);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < bank->fact_count && rc == 0; i++)
        rc = add_note(&w, now_ms - (int64_t)bank->fact_count + (int64_t)i, &bank->facts[i],
                      &qs.items[i], i, &lost);
    if (rc == 0)
        rc = revlog(&w);
    if (rc == 0)
        rc = write_collection(&w, &col, &col_len);
    if (rc == 0)
        rc = anki_zstd_compress(col, col_len, &zcol, &zcol_len, err);
    if (rc == 0)
        rc = anki_zstd_compress((const unsigned char *)"", 0, &zmap, &zmap_len, err);
    if (rc == 0) {
        unsigned char meta[2] = {0x08, 0x03}; /* PackageMetadata { version: LATEST } */
        struct anki_zip_entry entries[] = {
            {"collection.anki21b", zcol, zcol_len, false},
            {"media", zmap, zmap_len, false},
            {"meta", meta, sizeof(meta), false},
        };
        rc = anki_zip_write(entries, 3, out, out_len, err);
    }
    if (rc == 0 && report) {
        *report = (struct recite_format_report){.written = bank->fact_count};
        if (lost)
            snprintf(report->dropped, sizeof(report->dropped),
                     "dropped: kinds other than questions and clozes, written as Basic notes "
                     "(%zu); the cards of other ways of asking",
                     lost);
    }
    free(col);
    free(zcol);
    free(zmap);
    writer_release(&w);
    recite_questions_release(&qs);
    return rc;
}
