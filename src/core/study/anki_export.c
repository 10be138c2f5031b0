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
#include <strings.h>

#include <sqlite3.h>

#include "anki.h"
#include "recite/facts.h"
#include "recite/files.h"
#include "recite/fit.h"
#include "recite/queue.h"
#include "recite/sched.h"
#include "recite/store.h"

#define BASIC_ID 1700000000001LL
#define CLOZE_ID 1700000000002LL
#define DECK_ID 1700000000003LL

static int unicase(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    int n = na < nb ? na : nb;
    int c = strncasecmp(a, b, (size_t)n);
    return c ? c : (na > nb) - (na < nb);
}

/* Anki's schema 18 (rslib/src/storage/schema11.sql and its upgrades). */
static const char schema[] =
    "PRAGMA page_size = 4096; PRAGMA legacy_file_format = OFF; PRAGMA journal_mode = DELETE;"
    "CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,"
    " scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,"
    " ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,"
    " dconf text NOT NULL, tags text NOT NULL);"
    "CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,"
    " mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,"
    " sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL,"
    " data text NOT NULL);"
    "CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,"
    " ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,"
    " queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL,"
    " factor integer NOT NULL, reps integer NOT NULL, lapses integer NOT NULL,"
    " left integer NOT NULL, odue integer NOT NULL, odid integer NOT NULL,"
    " flags integer NOT NULL, data text NOT NULL);"
    "CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,"
    " ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL,"
    " factor integer NOT NULL, time integer NOT NULL, type integer NOT NULL);"
    "CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);"
    "CREATE TABLE deck_config (id integer PRIMARY KEY NOT NULL,"
    " name text NOT NULL COLLATE unicase, mtime_secs integer NOT NULL,"
    " usn integer NOT NULL, config blob NOT NULL);"
    "CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer NOT NULL,"
    " mtime_secs integer NOT NULL, val blob NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL,"
    " config blob NOT NULL, PRIMARY KEY (ntid, ord)) WITHOUT ROWID;"
    "CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL,"
    " mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL,"
    " PRIMARY KEY (ntid, ord)) WITHOUT ROWID;"
    "CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL,"
    " mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);"
    "CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL,"
    " mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL,"
    " kind blob NOT NULL);"
    "CREATE TABLE tags (tag text NOT NULL PRIMARY KEY COLLATE unicase, usn integer NOT NULL,"
    " collapsed boolean NOT NULL, config blob NULL) WITHOUT ROWID;"
    "CREATE INDEX ix_notes_usn ON notes (usn);"
    "CREATE INDEX ix_cards_usn ON cards (usn);"
    "CREATE INDEX ix_revlog_usn ON revlog (usn);"
    "CREATE INDEX ix_cards_nid ON cards (nid);"
    "CREATE INDEX ix_cards_sched ON cards (did, queue, due);"
    "CREATE INDEX ix_revlog_cid ON revlog (cid);"
    "CREATE INDEX ix_notes_csum ON notes (csum);"
    "CREATE INDEX idx_fields_name_ntid ON fields (name, ntid);"
    "CREATE INDEX idx_templates_name_ntid ON templates (name, ntid);"
    "CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);"
    "CREATE UNIQUE INDEX idx_decks_name ON decks (name);"
    "INSERT INTO col VALUES (1, 1600000000, 0, 0, 18, 0, 0, 0, '', '', '', '', '');";

struct writer {
    sqlite3 *db;
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
};

static int db_fail(struct writer *w, const char *what)
{
    return recite_error_set(w->err, RECITE_EINTERNAL, "cannot write the collection: %s (%s)", what,
                            sqlite3_errmsg(w->db));
}

/* Runs sql binding: i int64, d double, t text, b blob (pointer and size_t). */
static int run(struct writer *w, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(w->db, sql, -1, &st, NULL) != SQLITE_OK)
        return db_fail(w, "prepare");
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 'i') {
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
        } else if (types[i] == 'd') {
            sqlite3_bind_double(st, i + 1, va_arg(ap, double));
        } else if (types[i] == 't') {
            sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
        } else {
            const void *p = va_arg(ap, const void *);
            size_t n = va_arg(ap, size_t);
            sqlite3_bind_blob(st, i + 1, n ? p : "", (int)n, SQLITE_TRANSIENT);
        }
    }
    va_end(ap);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : db_fail(w, "insert");
    sqlite3_finalize(st);
    return rc;
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

/* Writes the decks used, each a normal deck with the default options. */
static int write_decks(struct writer *w)
{
    struct recite_buf kind = {0}, normal = {0};
    anki_pb_put_uint(&normal, 1, 1);                   /* Deck.Normal.config_id */
    anki_pb_put_bytes(&kind, 1, normal.data, normal.len); /* DeckKindContainer.normal */
    int rc = kind.oom ? recite_error_set(w->err, RECITE_ENOMEM, "out of memory") : 0;
    int64_t secs = w->now_ms / 1000;
    if (rc == 0)
        rc = run(w, "INSERT INTO decks VALUES (1, 'Default', ?, 0, x'', ?)", "ib", secs, kind.data,
                 kind.len);
    for (size_t i = 0; i < w->deck_count && rc == 0; i++)
        if (strcmp(w->decks[i], "Default") != 0)
            rc = run(w, "INSERT INTO decks VALUES (?, ?, ?, 0, x'', ?)", "itib",
                     DECK_ID + (int64_t)i, w->decks[i], secs, kind.data, kind.len);
    free(kind.data);
    free(normal.data);
    return rc;
}

static int notetypes(struct writer *w)
{
    struct recite_buf basic = {0}, cloze = {0}, tmpl = {0}, ctmpl = {0};
    anki_pb_put_uint(&cloze, 1, 1); /* NotetypeConfig.kind = KIND_CLOZE */
    static const char bq[] = "{{Front}}", ba[] = "{{FrontSide}}<hr id=answer>{{Back}}";
    static const char cq[] = "{{cloze:Text}}", ca[] = "{{cloze:Text}}<br>{{Back Extra}}";
    anki_pb_put_bytes(&tmpl, 1, bq, strlen(bq)); /* CardTemplateConfig.q_format */
    anki_pb_put_bytes(&tmpl, 2, ba, strlen(ba)); /* a_format */
    anki_pb_put_bytes(&ctmpl, 1, cq, strlen(cq));
    anki_pb_put_bytes(&ctmpl, 2, ca, strlen(ca));
    int64_t secs = w->now_ms / 1000;
    int rc = basic.oom || cloze.oom || tmpl.oom || ctmpl.oom
                 ? recite_error_set(w->err, RECITE_ENOMEM, "out of memory")
                 : 0;
    if (rc == 0)
        rc = run(w, "INSERT INTO notetypes VALUES (?, 'Basic', ?, 0, ?)", "iib", BASIC_ID, secs,
                 basic.data, basic.len);
    if (rc == 0)
        rc = run(w, "INSERT INTO notetypes VALUES (?, 'Cloze', ?, 0, ?)", "iib", CLOZE_ID, secs,
                 cloze.data, cloze.len);
    static const char *const names[4] = {"Front", "Back", "Text", "Back Extra"};
    for (int i = 0; i < 4 && rc == 0; i++)
        rc = run(w, "INSERT INTO fields VALUES (?, ?, ?, x'')", "iit", i < 2 ? BASIC_ID : CLOZE_ID,
                 (int64_t)(i % 2), names[i]);
    if (rc == 0)
        rc = run(w, "INSERT INTO templates VALUES (?, 0, 'Card 1', ?, 0, ?)", "iib", BASIC_ID, secs,
                 tmpl.data, tmpl.len);
    if (rc == 0)
        rc = run(w, "INSERT INTO templates VALUES (?, 0, 'Cloze', ?, 0, ?)", "iib", CLOZE_ID, secs,
                 ctmpl.data, ctmpl.len);
    if (rc == 0)
        rc = run(w, "INSERT INTO deck_config VALUES (1, 'Default', ?, 0, x'')", "i", secs);
    free(basic.data);
    free(cloze.data);
    free(tmpl.data);
    free(ctmpl.data);
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
    char data[128] = "{}";
    if (row.state != RECITE_STATE_NEW)
        snprintf(data, sizeof(data), "{\"s\":%.4f,\"d\":%.4f,\"dr\":%.2f}", row.stability,
                 row.difficulty, w->params.request_retention);
    rc = run(w, "INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)",
             "iiiiiiiiiiiit", cid, nid, did == 1 ? 1 : did, (int64_t)ord, w->now_ms / 1000, type,
             queue, due, ivl, (int64_t)(type ? 2500 : 0), (int64_t)row.reps, (int64_t)row.lapses,
             data);
    if (rc < 0 || !row.id)
        return rc;
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
    rc = run(w, "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')", "itiitti", nid,
             guid.data, is_cloze ? CLOZE_ID : BASIC_ID, w->now_ms / 1000,
             fact->tag_count ? tags.data : "", flds.data, sfld);
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
        rc = run(w, "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, 2500, 0, ?)", "iiiiii", id,
                 l->cid, (int64_t)e->rating, ivl, (int64_t)last_ivl, (int64_t)type);
    }
    recite_revlog_release(&log);
    return rc;
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
    if (sqlite3_open_v2(":memory:", &w.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
        SQLITE_OK) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    sqlite3_create_collation(w.db, "unicase", SQLITE_UTF8, NULL, unicase);
    if (sqlite3_exec(w.db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(w.db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        rc = db_fail(&w, "schema");
    if (rc == 0)
        rc = notetypes(&w);
    for (size_t i = 0; i < bank->fact_count && rc == 0; i++)
        rc = add_note(&w, now_ms - (int64_t)bank->fact_count + (int64_t)i, &bank->facts[i],
                      &qs.items[i], i, &lost);
    if (rc == 0)
        rc = write_decks(&w);
    if (rc == 0)
        rc = revlog(&w);
    if (rc == 0 && sqlite3_exec(w.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = db_fail(&w, "commit");
    if (rc == 0) {
        sqlite3_int64 n = 0;
        col = sqlite3_serialize(w.db, "main", &n, 0);
        col_len = (size_t)n;
        if (!col)
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
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
out:
    sqlite3_free(col);
    free(zcol);
    free(zmap);
    free(w.links);
    for (size_t i = 0; i < w.deck_count; i++)
        free(w.decks[i]);
    free(w.decks);
    sqlite3_close(w.db);
    recite_questions_release(&qs);
    return rc;
}
