/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Anki collections (store_anki.h): rows written into an in-memory SQLite
 * database of Anki's schema 18, serialized to the bytes of its file. Every
 * value is bound; nothing is built with printf.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

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
