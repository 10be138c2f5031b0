/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Anki collections (store_anki.h): a package's database image opened in
 * memory (sqlite3_deserialize) and read into rows, and rows written into an
 * in-memory database of Anki's schema 18, serialized to the bytes of its
 * file. Every value is bound; nothing is built with printf.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>
#include <utf8proc.h>

#include "recite/buf.h"
#include "store_anki.h"

/* Anki's "unicase" collation, which its schema names; ASCII case is enough for the rows written. */
static int unicase_ascii(void *ctx, int na, const void *a, int nb, const void *b)
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

static int write_fail(sqlite3 *db, const char *what, struct recite_error *err)
{
    return recite_error_set(err, RECITE_EINTERNAL, "cannot write the collection: %s (%s)", what,
                            sqlite3_errmsg(db));
}

/* Runs sql binding: i int64, t text, b blob (pointer and size_t). */
static int run(sqlite3 *db, struct recite_error *err, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return write_fail(db, "prepare", err);
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 'i') {
            sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
        } else if (types[i] == 't') {
            sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1, SQLITE_TRANSIENT);
        } else {
            const void *p = va_arg(ap, const void *);
            size_t n = va_arg(ap, size_t);
            sqlite3_bind_blob(st, i + 1, n ? p : "", (int)n, SQLITE_TRANSIENT);
        }
    }
    va_end(ap);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : write_fail(db, "insert", err);
    sqlite3_finalize(st);
    return rc;
}

static int write_types(sqlite3 *db, const struct anki_out_collection *c, struct recite_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < c->notetype_count && rc == 0; i++) {
        const struct anki_out_notetype *t = &c->notetypes[i];
        rc = run(db, err, "INSERT INTO notetypes VALUES (?, ?, ?, 0, ?)", "itib", t->id, t->name,
                 c->mtime_secs, t->config, t->config_len);
    }
    for (size_t i = 0; i < c->field_count && rc == 0; i++) {
        const struct anki_out_field *f = &c->fields[i];
        rc = run(db, err, "INSERT INTO fields VALUES (?, ?, ?, x'')", "iit", f->notetype_id, f->ord,
                 f->name);
    }
    for (size_t i = 0; i < c->template_count && rc == 0; i++) {
        const struct anki_out_template *t = &c->templates[i];
        rc = run(db, err, "INSERT INTO templates VALUES (?, ?, ?, ?, 0, ?)", "iitib",
                 t->notetype_id, t->ord, t->name, c->mtime_secs, t->config, t->config_len);
    }
    if (rc == 0)
        rc = run(db, err, "INSERT INTO deck_config VALUES (1, 'Default', ?, 0, x'')", "i",
                 c->mtime_secs);
    for (size_t i = 0; i < c->deck_count && rc == 0; i++) {
        const struct anki_out_deck *d = &c->decks[i];
        rc = run(db, err, "INSERT INTO decks VALUES (?, ?, ?, 0, x'', ?)", "itib", d->id, d->name,
                 c->mtime_secs, d->kind, d->kind_len);
    }
    return rc;
}

static int write_notes(sqlite3 *db, const struct anki_out_collection *c, struct recite_error *err)
{
    int rc = 0;
    for (size_t i = 0; i < c->note_count && rc == 0; i++) {
        const struct anki_out_note *n = &c->notes[i];
        rc = run(db, err, "INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, 0, 0, '')", "itiitti",
                 n->id, n->guid, n->notetype_id, c->mtime_secs, n->tags, n->fields, n->sort_field);
    }
    for (size_t i = 0; i < c->card_count && rc == 0; i++) {
        const struct anki_out_card *k = &c->cards[i];
        rc = run(db, err,
                 "INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?)",
                 "iiiiiiiiiiiit", k->id, k->note_id, k->deck_id, k->ord, c->mtime_secs, k->type,
                 k->queue, k->due, k->interval, k->factor, k->reps, k->lapses, k->data);
    }
    for (size_t i = 0; i < c->review_count && rc == 0; i++) {
        const struct anki_out_review *r = &c->reviews[i];
        rc = run(db, err, "INSERT INTO revlog VALUES (?, ?, -1, ?, ?, ?, 2500, 0, ?)", "iiiiii",
                 r->id, r->card_id, r->ease, r->interval, r->last_interval, r->type);
    }
    return rc;
}

int store_anki_write(unsigned char **out, size_t *len, const struct anki_out_collection *c,
                     struct recite_error *err)
{
    *out = NULL;
    *len = 0;
    sqlite3 *db = NULL;
    int rc = 0;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
        SQLITE_OK) {
        rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        goto out;
    }
    sqlite3_create_collation(db, "unicase", SQLITE_UTF8, NULL, unicase_ascii);
    if (sqlite3_exec(db, schema, NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        rc = write_fail(db, "schema", err);
    if (rc == 0)
        rc = write_types(db, c, err);
    if (rc == 0)
        rc = write_notes(db, c, err);
    if (rc == 0 && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        rc = write_fail(db, "commit", err);
    if (rc == 0) {
        sqlite3_int64 n = 0;
        unsigned char *image = sqlite3_serialize(db, "main", &n, 0);
        *out = image ? malloc(n ? (size_t)n : 1) : NULL;
        if (*out) {
            memcpy(*out, image, (size_t)n);
            *len = (size_t)n;
        } else {
            rc = recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
        sqlite3_free(image);
    }
out:
    sqlite3_close(db);
    return rc;
}

/* ---- reading a collection ---- */

/* Anki's "unicase" collation: case-insensitive by Unicode case folding. */
static int unicase(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    utf8proc_uint8_t *fa = NULL, *fb = NULL;
    utf8proc_ssize_t la =
        utf8proc_map((const utf8proc_uint8_t *)a, na, &fa, UTF8PROC_CASEFOLD | UTF8PROC_STABLE);
    utf8proc_ssize_t lb =
        utf8proc_map((const utf8proc_uint8_t *)b, nb, &fb, UTF8PROC_CASEFOLD | UTF8PROC_STABLE);
    int c;
    if (la < 0 || lb < 0) {
        int n = na < nb ? na : nb;
        c = memcmp(a, b, (size_t)n);
        if (c == 0)
            c = na < nb ? -1 : na > nb;
    } else {
        size_t n = (size_t)(la < lb ? la : lb);
        c = memcmp(fa, fb, n);
        if (c == 0)
            c = la < lb ? -1 : la > lb;
    }
    free(fa);
    free(fb);
    return c;
}

static int read_fail(sqlite3 *db, const char *what, struct recite_error *err)
{
    return recite_error_set(err, RECITE_EDATA, "the collection cannot be read: %s (%s)", what,
                            sqlite3_errmsg(db));
}

static int read_oom(struct recite_error *err)
{
    return recite_error_set(err, RECITE_ENOMEM, "out of memory");
}

/* Column i as a new string, "" for NULL; NULL only when out of memory. */
static char *text_dup(sqlite3_stmt *st, int i)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    return recite_strdup(s ? (const char *)s : "");
}

/* Column i as a new blob (NULL when empty); false when out of memory. */
static bool blob_dup(sqlite3_stmt *st, int i, unsigned char **out, size_t *len)
{
    const void *blob = sqlite3_column_blob(st, i);
    *len = (size_t)sqlite3_column_bytes(st, i);
    *out = NULL;
    if (!blob || !*len) {
        *len = 0;
        return true;
    }
    if (!(*out = malloc(*len)))
        return false;
    memcpy(*out, blob, *len);
    return true;
}

/* Room for one more of *items (count used, *cap allocated). */
static int room(void **items, size_t *cap, size_t count, size_t elem_size, struct recite_error *err)
{
    if (count < *cap || recite_grow(items, cap, count + 1, elem_size) == 0)
        return 0;
    return read_oom(err);
}

/* Opens a copy of the database image in memory, read-only in effect; checks its schema version. */
static int open_image(sqlite3 **db, int *version, const void *image, size_t len,
                      struct recite_error *err)
{
    if (sqlite3_open_v2(":memory:", db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) !=
        SQLITE_OK)
        return read_oom(err);
    sqlite3_db_config(*db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(*db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    sqlite3_create_collation(*db, "unicase", SQLITE_UTF8, NULL, unicase);
    unsigned char *copy = sqlite3_malloc64(len ? len : 1);
    if (!copy)
        return read_oom(err);
    if (len)
        memcpy(copy, image, len);
    if (len < 100 || memcmp(copy, "SQLite format 3", 16) != 0) {
        sqlite3_free(copy);
        return recite_error_set(err, RECITE_EDATA, "the collection is not an SQLite database");
    }
    /* a collection saved in WAL mode opens in memory only as a rollback-journal database */
    copy[18] = copy[19] = 1;
    if (sqlite3_deserialize(*db, "main", copy, (sqlite3_int64)len, (sqlite3_int64)len,
                            SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) !=
        SQLITE_OK)
        return read_fail(*db, "not a database", err);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(*db, "SELECT ver FROM col LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return read_fail(*db, "no col table", err);
    *version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    if (*version < 11 || *version > 18)
        return recite_error_set(err, RECITE_EDATA,
                                "the collection has schema version %d; this reads 11 to 18",
                                *version);
    return 0;
}

/* Schema 11: note types and decks are JSON in the col row. */
static int read_legacy_types(sqlite3 *db, struct anki_rows *out, struct recite_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT models, decks FROM col LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return read_fail(db, "no col table", err);
    int rc = 0;
    if (sqlite3_step(st) != SQLITE_ROW)
        rc = read_fail(db, "no col row", err);
    else if (!(out->models_json = text_dup(st, 0)) || !(out->decks_json = text_dup(st, 1)))
        rc = read_oom(err);
    sqlite3_finalize(st);
    return rc;
}

static int take_notetype(sqlite3_stmt *st, struct anki_rows *out, size_t *cap,
                         struct recite_error *err)
{
    if (room((void **)&out->notetypes, cap, out->notetype_count, sizeof(*out->notetypes), err) < 0)
        return RECITE_ENOMEM;
    struct anki_rows_notetype *t = &out->notetypes[out->notetype_count];
    *t = (struct anki_rows_notetype){.id = sqlite3_column_int64(st, 0)};
    bool ok = (t->name = text_dup(st, 1)) != NULL && blob_dup(st, 2, &t->config, &t->config_len);
    out->notetype_count++;
    return ok ? 0 : read_oom(err);
}

static int take_field(sqlite3_stmt *st, struct anki_rows *out, size_t *cap,
                      struct recite_error *err)
{
    if (room((void **)&out->fields, cap, out->field_count, sizeof(*out->fields), err) < 0)
        return RECITE_ENOMEM;
    struct anki_rows_field *f = &out->fields[out->field_count++];
    *f = (struct anki_rows_field){sqlite3_column_int64(st, 0), text_dup(st, 2)};
    return f->name ? 0 : read_oom(err);
}

static int take_template(sqlite3_stmt *st, struct anki_rows *out, size_t *cap,
                         struct recite_error *err)
{
    if (room((void **)&out->templates, cap, out->template_count, sizeof(*out->templates), err) < 0)
        return RECITE_ENOMEM;
    struct anki_rows_template *t = &out->templates[out->template_count++];
    *t = (struct anki_rows_template){.notetype_id = sqlite3_column_int64(st, 0),
                                     .ord = sqlite3_column_int64(st, 1)};
    return blob_dup(st, 2, &t->config, &t->config_len) ? 0 : read_oom(err);
}

static int take_deck(sqlite3_stmt *st, struct anki_rows *out, size_t *cap, struct recite_error *err)
{
    if (room((void **)&out->decks, cap, out->deck_count, sizeof(*out->decks), err) < 0)
        return RECITE_ENOMEM;
    struct anki_rows_deck *d = &out->decks[out->deck_count++];
    *d = (struct anki_rows_deck){sqlite3_column_int64(st, 0), text_dup(st, 1)};
    return d->name ? 0 : read_oom(err);
}

typedef int (*take_fn)(sqlite3_stmt *st, struct anki_rows *out, size_t *cap,
                       struct recite_error *err);

/* Every row of sql, each given to take; missing names the table when sql does not prepare. */
static int read_table(sqlite3 *db, const char *sql, const char *missing, take_fn take,
                      struct anki_rows *out, struct recite_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return read_fail(db, missing, err);
    size_t cap = 0;
    int rc = 0;
    while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
        rc = take(st, out, &cap, err);
    sqlite3_finalize(st);
    return rc;
}

/* Schema 18: notetypes, fields, templates and decks tables. */
static int read_modern_types(sqlite3 *db, struct anki_rows *out, struct recite_error *err)
{
    int rc = read_table(db, "SELECT id, name, config FROM notetypes", "no notetypes table",
                        take_notetype, out, err);
    if (rc == 0)
        rc = read_table(db, "SELECT ntid, ord, name FROM fields ORDER BY ntid, ord",
                        "no fields table", take_field, out, err);
    if (rc == 0)
        rc = read_table(db, "SELECT ntid, ord, config FROM templates", "no templates table",
                        take_template, out, err);
    if (rc == 0)
        rc = read_table(db, "SELECT id, name FROM decks", "no decks table", take_deck, out, err);
    return rc;
}

/* The cards of the note last read (cards bound to its id). */
static int read_note_cards(sqlite3_stmt *cards, struct anki_rows *out, size_t *cap,
                           struct recite_error *err)
{
    struct anki_rows_note *n = &out->notes[out->note_count - 1];
    n->first_card = out->card_count;
    sqlite3_reset(cards);
    sqlite3_bind_int64(cards, 1, n->id);
    while (sqlite3_step(cards) == SQLITE_ROW) {
        if (room((void **)&out->cards, cap, out->card_count, sizeof(*out->cards), err) < 0)
            return RECITE_ENOMEM;
        out->cards[out->card_count++] =
            (struct anki_rows_card){sqlite3_column_int64(cards, 0), sqlite3_column_int(cards, 1),
                                    sqlite3_column_int64(cards, 2)};
        n->card_count++;
    }
    return 0;
}

static int read_notes(sqlite3 *db, struct anki_rows *out, struct recite_error *err)
{
    sqlite3_stmt *notes = NULL, *cards = NULL;
    int rc = 0, step = SQLITE_DONE;
    if (sqlite3_prepare_v2(db, "SELECT id, mid, tags, flds, guid FROM notes ORDER BY id", -1,
                           &notes, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT id, ord, did FROM cards WHERE nid = ?1 ORDER BY ord", -1,
                           &cards, NULL) != SQLITE_OK) {
        rc = read_fail(db, "no notes or cards table", err);
        goto out;
    }
    size_t note_cap = 0, card_cap = 0;
    while (rc == 0 && (step = sqlite3_step(notes)) == SQLITE_ROW) {
        if ((rc = room((void **)&out->notes, &note_cap, out->note_count, sizeof(*out->notes),
                       err)) < 0)
            break;
        struct anki_rows_note *n = &out->notes[out->note_count++];
        *n = (struct anki_rows_note){.id = sqlite3_column_int64(notes, 0),
                                     .notetype_id = sqlite3_column_int64(notes, 1)};
        if (!(n->tags = text_dup(notes, 2)) || !(n->fields = text_dup(notes, 3)) ||
            !(n->guid = text_dup(notes, 4)))
            rc = read_oom(err);
        else
            rc = read_note_cards(cards, out, &card_cap, err);
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = read_fail(db, "reading the notes failed", err);
out:
    sqlite3_finalize(notes);
    sqlite3_finalize(cards);
    return rc;
}

/*
 * The answers of the review log (type 0 learn, 1 review, 2 relearn, 3
 * filtered; 4 and 5 are manual) in time order. ORDER BY cid would walk the
 * cid index and fetch every row from the table by its id, several times
 * slower on a large log than this scan in id order.
 */
static int read_revlog(sqlite3 *db, struct anki_rows *out, struct recite_error *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db,
                           "SELECT cid, id, ease, time FROM revlog WHERE ease BETWEEN 1 AND 4 "
                           "AND type BETWEEN 0 AND 3 ORDER BY id",
                           -1, &st, NULL) != SQLITE_OK)
        return read_fail(db, "no revlog table", err);
    size_t cap = 0;
    int rc = 0, step;
    while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
        if ((rc = room((void **)&out->reviews, &cap, out->review_count, sizeof(*out->reviews),
                       err)) < 0)
            break;
        out->reviews[out->review_count++] =
            (struct anki_rows_review){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                                      sqlite3_column_int64(st, 3), sqlite3_column_int(st, 2)};
    }
    if (rc == 0 && step != SQLITE_DONE)
        rc = read_fail(db, "reading the review log failed", err);
    sqlite3_finalize(st);
    return rc;
}

int store_anki_read(struct anki_rows *out, const void *image, size_t len, struct recite_error *err)
{
    memset(out, 0, sizeof(*out));
    sqlite3 *db = NULL;
    int rc = open_image(&db, &out->schema, image, len, err);
    if (rc == 0)
        rc = out->schema >= 18 ? read_modern_types(db, out, err) : read_legacy_types(db, out, err);
    if (rc == 0)
        rc = read_notes(db, out, err);
    if (rc == 0)
        rc = read_revlog(db, out, err);
    sqlite3_close(db);
    if (rc < 0)
        store_anki_rows_release(out);
    return rc;
}

void store_anki_rows_release(struct anki_rows *rows)
{
    free(rows->models_json);
    free(rows->decks_json);
    for (size_t i = 0; i < rows->notetype_count; i++) {
        free(rows->notetypes[i].name);
        free(rows->notetypes[i].config);
    }
    free(rows->notetypes);
    for (size_t i = 0; i < rows->field_count; i++)
        free(rows->fields[i].name);
    free(rows->fields);
    for (size_t i = 0; i < rows->template_count; i++)
        free(rows->templates[i].config);
    free(rows->templates);
    for (size_t i = 0; i < rows->deck_count; i++)
        free(rows->decks[i].name);
    free(rows->decks);
    for (size_t i = 0; i < rows->note_count; i++) {
        free(rows->notes[i].tags);
        free(rows->notes[i].fields);
        free(rows->notes[i].guid);
    }
    free(rows->notes);
    free(rows->cards);
    free(rows->reviews);
    memset(rows, 0, sizeof(*rows));
}
