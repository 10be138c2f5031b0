/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * anki-fixture DIR: writes small Anki packages into DIR, built from the
 * documented layouts (Anki's rslib: schema 11 and 18 collections, the
 * PackageMetadata and MediaEntries protobuf messages), for the tests:
 *
 *   legacy1.apkg     collection.anki2 only, JSON media map (Anki 2.0)
 *   legacy2.colpkg   collection.anki21 and the dummy collection.anki2 (2.1)
 *   modern.apkg      meta 3: zstd collection.anki21b (schema 18), zstd media
 *                    and protobuf media map, the dummy collection.anki2
 *   meta1.apkg       meta 1 names collection.anki2; collection.anki21 is a
 *                    dummy: the meta entry decides, not which file exists
 *   unknown.apkg     meta 7: a layout nobody wrote yet
 *   nocollection.apkg  a media map only
 *   bomb.apkg        collection.anki2 that inflates 1000:1 to 40 MiB
 *   zstdbomb.apkg    meta 3, a 40 MiB zstd frame stored in 40 kB
 *   traversal.apkg   a media file named "../escaped.txt"
 *   notsqlite.apkg   collection.anki2 that is not a database
 *   long.apkg        fields far longer than a bank line: 6000 backslashes,
 *                    line breaks, and a cloze of 400 deletions
 *
 * anki-fixture --big NOTES REVIEWS FILE writes one modern package of NOTES
 * notes (Basic, one in ten reversed, one in ten Cloze) and REVIEWS answers
 * spread over their cards, for bench/anki-bench.sh.
 *
 * Every real package holds the same five notes (Basic, Basic and reversed,
 * Cloze, a custom type asking its second field, an image) and the same
 * review log, so the three layouts must import to the same bank.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>
#include <zip.h>
#include <zstd.h>

#define DAY 86400000LL
#define T0 1700000000000LL /* 2023-11-14: the notes' creation */

static const char *dir;

static void die(const char *what)
{
    fprintf(stderr, "anki-fixture: %s\n", what);
    exit(1);
}

/* ---- growing byte buffers ---- */

struct buf {
    unsigned char *p;
    size_t len, cap;
};

static void put(struct buf *b, const void *data, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2 + 64;
        if (!(b->p = realloc(b->p, b->cap)))
            die("out of memory");
    }
    if (n)
        memcpy(b->p + b->len, data, n);
    b->len += n;
}

static void varint(struct buf *b, uint64_t v)
{
    do {
        unsigned char c = v & 0x7F;
        v >>= 7;
        c |= v ? 0x80 : 0;
        put(b, &c, 1);
    } while (v);
}

static void pb_bytes(struct buf *b, unsigned field, const void *data, size_t n)
{
    varint(b, (uint64_t)field << 3 | 2);
    varint(b, n);
    put(b, data, n);
}

static void pb_uint(struct buf *b, unsigned field, uint64_t v)
{
    varint(b, (uint64_t)field << 3);
    varint(b, v);
}

static struct buf zstd(const void *data, size_t n)
{
    struct buf out = {0};
    out.cap = ZSTD_compressBound(n);
    if (!(out.p = malloc(out.cap)))
        die("out of memory");
    out.len = ZSTD_compress(out.p, out.cap, data, n, 3);
    if (ZSTD_isError(out.len))
        die("zstd failed");
    return out;
}

/* ---- collections ---- */

static int unicase(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    int n = na < nb ? na : nb;
    int c = strncasecmp(a, b, (size_t)n);
    return c ? c : na - nb;
}

static void exec(sqlite3 *db, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "anki-fixture: %s\n  in: %.200s\n", msg, sql);
        exit(1);
    }
}

/* Runs sql with the given texts (NULL ends them) and integers bound in order. */
static void run(sqlite3 *db, const char *sql, const char *types, ...)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        die(sqlite3_errmsg(db));
    va_list ap;
    va_start(ap, types);
    for (int i = 0; types[i]; i++) {
        if (types[i] == 's') {
            const char *s = va_arg(ap, const char *);
            sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT);
        } else if (types[i] == 'b') {
            const struct buf *b = va_arg(ap, const struct buf *);
            if (b->len)
                sqlite3_bind_blob(st, i + 1, b->p, (int)b->len, SQLITE_TRANSIENT);
            else
                sqlite3_bind_zeroblob(st, i + 1, 0);
        } else {
            sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
        }
    }
    va_end(ap);
    if (sqlite3_step(st) != SQLITE_DONE)
        die(sqlite3_errmsg(db));
    sqlite3_finalize(st);
}

static const char schema_common[] =
    "CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,"
    " mod integer not null, usn integer not null, tags text not null, flds text not null,"
    " sfld integer not null, csum integer not null, flags integer not null,"
    " data text not null);"
    "CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,"
    " ord integer not null, mod integer not null, usn integer not null, type integer not null,"
    " queue integer not null, due integer not null, ivl integer not null,"
    " factor integer not null, reps integer not null, lapses integer not null,"
    " left integer not null, odue integer not null, odid integer not null,"
    " flags integer not null, data text not null);"
    "CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,"
    " ease integer not null, ivl integer not null, lastIvl integer not null,"
    " factor integer not null, time integer not null, type integer not null);"
    "CREATE INDEX ix_cards_nid on cards (nid);"
    "CREATE INDEX ix_revlog_cid on revlog (cid);";

static const char schema11[] =
    "CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,"
    " scm integer not null, ver integer not null, dty integer not null, usn integer not null,"
    " ls integer not null, conf text not null, models text not null, decks text not null,"
    " dconf text not null, tags text not null);";

static const char schema18[] =
    "CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,"
    " scm integer not null, ver integer not null, dty integer not null, usn integer not null,"
    " ls integer not null, conf text not null, models text not null, decks text not null,"
    " dconf text not null, tags text not null);"
    "CREATE TABLE notetypes (id integer not null primary key, name text not null,"
    " mtime_secs integer not null, usn integer not null, config blob not null);"
    "CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);"
    "CREATE TABLE fields (ntid integer not null, ord integer not null, name text not null,"
    " config blob not null, primary key (ntid, ord)) without rowid;"
    "CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);"
    "CREATE TABLE templates (ntid integer not null, ord integer not null, name text not null,"
    " mtime_secs integer not null, usn integer not null, config blob not null,"
    " primary key (ntid, ord)) without rowid;"
    "CREATE TABLE decks (id integer primary key not null, name text not null collate unicase,"
    " mtime_secs integer not null, usn integer not null, common blob not null,"
    " kind blob not null);"
    "CREATE UNIQUE INDEX idx_decks_name ON decks (name);";

/* The note types, as schema 11 JSON. */
static const char models_json[] =
    "{\"1\": {\"id\": 1, \"name\": \"Basic\", \"type\": 0,"
    "  \"flds\": [{\"name\": \"Front\", \"ord\": 0}, {\"name\": \"Back\", \"ord\": 1}],"
    "  \"tmpls\": [{\"name\": \"Card 1\", \"ord\": 0, \"qfmt\": \"{{Front}}\","
    "              \"afmt\": \"{{FrontSide}}<hr id=answer>{{Back}}\"}]},"
    " \"2\": {\"id\": 2, \"name\": \"Basic (and reversed card)\", \"type\": 0,"
    "  \"flds\": [{\"name\": \"Front\", \"ord\": 0}, {\"name\": \"Back\", \"ord\": 1}],"
    "  \"tmpls\": [{\"name\": \"Card 1\", \"ord\": 0, \"qfmt\": \"{{Front}}\","
    "              \"afmt\": \"{{FrontSide}}<hr id=answer>{{Back}}\"},"
    "             {\"name\": \"Card 2\", \"ord\": 1, \"qfmt\": \"{{Back}}\","
    "              \"afmt\": \"{{FrontSide}}<hr id=answer>{{Front}}\"}]},"
    " \"3\": {\"id\": 3, \"name\": \"Cloze\", \"type\": 1,"
    "  \"flds\": [{\"name\": \"Text\", \"ord\": 0}, {\"name\": \"Back Extra\", \"ord\": 1}],"
    "  \"tmpls\": [{\"name\": \"Cloze\", \"ord\": 0, \"qfmt\": \"{{cloze:Text}}\","
    "              \"afmt\": \"{{cloze:Text}}<br>{{Back Extra}}\"}]},"
    " \"4\": {\"id\": 4, \"name\": \"Vocab\", \"type\": 0,"
    "  \"flds\": [{\"name\": \"Word\", \"ord\": 0}, {\"name\": \"Meaning\", \"ord\": 1},"
    "            {\"name\": \"Example\", \"ord\": 2}],"
    "  \"tmpls\": [{\"name\": \"Recall\", \"ord\": 0, \"qfmt\": \"{{Meaning}}\","
    "              \"afmt\": \"{{FrontSide}}<hr id=answer>{{Word}}<br>{{Example}}\"}]}}";

static const char decks_json[] = "{\"1\": {\"id\": 1, \"name\": \"Default\"},"
                                 " \"2\": {\"id\": 2, \"name\": \"Lang::French\"}}";

/* Schema 18 holds the same note types in tables, with protobuf configs. */
static void modern_types(sqlite3 *db)
{
    static const struct {
        long long id;
        const char *name;
        int kind;
        const char *fields[3];
        const char *q[2], *a[2];
    } types[] = {
        {1, "Basic", 0, {"Front", "Back"}, {"{{Front}}"}, {"{{FrontSide}}<hr id=answer>{{Back}}"}},
        {2,
         "Basic (and reversed card)",
         0,
         {"Front", "Back"},
         {"{{Front}}", "{{Back}}"},
         {"{{FrontSide}}<hr id=answer>{{Back}}", "{{FrontSide}}<hr id=answer>{{Front}}"}},
        {3, "Cloze", 1, {"Text", "Back Extra"}, {"{{cloze:Text}}"}, {"{{cloze:Text}}"}},
        {4,
         "Vocab",
         0,
         {"Word", "Meaning", "Example"},
         {"{{Meaning}}"},
         {"{{FrontSide}}<hr id=answer>{{Word}}<br>{{Example}}"}},
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        struct buf config = {0};
        pb_uint(&config, 1, (uint64_t)types[i].kind); /* NotetypeConfig.kind */
        run(db, "INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)", "isb", types[i].id, types[i].name,
            &config);
        free(config.p);
        struct buf empty = {0};
        put(&empty, "", 0);
        for (long long f = 0; f < 3 && types[i].fields[f]; f++)
            run(db, "INSERT INTO fields VALUES (?, ?, ?, ?)", "iisb", types[i].id, f,
                types[i].fields[f], &empty);
        for (long long t = 0; t < 2 && types[i].q[t]; t++) {
            struct buf tc = {0};
            pb_bytes(&tc, 1, types[i].q[t], strlen(types[i].q[t])); /* q_format */
            pb_bytes(&tc, 2, types[i].a[t], strlen(types[i].a[t])); /* a_format */
            run(db, "INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)", "iisb", types[i].id, t,
                t ? "Card 2" : "Card 1", &tc);
            free(tc.p);
        }
        free(empty.p);
    }
    struct buf empty = {0};
    put(&empty, "", 0);
    run(db, "INSERT INTO decks VALUES (1, 'Default', 0, 0, ?, ?)", "bb", &empty, &empty);
    run(db,
        "INSERT INTO decks VALUES (2, 'Lang\x1f"
        "French', 0, 0, ?, ?)",
        "bb", &empty, &empty);
    free(empty.p);
}

static void note(sqlite3 *db, long long id, long long mid, const char *tags, const char *flds)
{
    run(db, "INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, '', 0, 0, '')", "isiss", id, "guid",
        mid, tags, flds);
}

static void card(sqlite3 *db, long long id, long long nid, long long did, long long ord)
{
    run(db, "INSERT INTO cards VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')",
        "iiii", id, nid, did, ord);
}

static void review(sqlite3 *db, long long at, long long cid, long long ease, long long type)
{
    run(db, "INSERT INTO revlog VALUES (?, ?, 0, ?, 1, 0, 2500, 6000, ?)", "iiii", at, cid, ease,
        type);
}

/* The five notes, their seven cards and the review log. */
static void content(sqlite3 *db)
{
    note(db, T0 + 1, 1, " geo europe ",
         "What is the capital of <b>France</b>?\x1fParis&nbsp;&amp; nothing else<br>line two");
    card(db, T0 + 11, T0 + 1, 1, 0);
    note(db, T0 + 2, 2, " vocab ",
         "chat\x1f"
         "cat");
    card(db, T0 + 21, T0 + 2, 2, 0);
    card(db, T0 + 22, T0 + 2, 2, 1);
    note(db, T0 + 3, 3, "",
         "{{c1::Canberra}} is the capital of {{c2::Australia::country}};&nbsp;{{c1::it}} was "
         "founded in 1913.\x1f"
         "extra");
    card(db, T0 + 31, T0 + 3, 1, 0);
    card(db, T0 + 32, T0 + 3, 1, 1);
    note(db, T0 + 4, 4, "",
         "le chien\x1f"
         "the dog\x1f"
         "Le chien aboie.");
    card(db, T0 + 41, T0 + 4, 2, 0);
    note(db, T0 + 5, 1, "",
         "<img src=\"cat.jpg\">\x1f"
         "a cat");
    card(db, T0 + 51, T0 + 5, 1, 0);
    /* card 11: learn, learn, review a day later, review after four days */
    review(db, T0 + DAY, T0 + 11, 3, 0);
    review(db, T0 + DAY + 600000, T0 + 11, 3, 0);
    review(db, T0 + 2 * DAY, T0 + 11, 3, 1);
    review(db, T0 + 6 * DAY, T0 + 11, 4, 1);
    /* a manual reschedule (type 4, no button) is no answer */
    review(db, T0 + 7 * DAY, T0 + 11, 0, 4);
    /* card 22 (the reverse of "chat"): forgotten once */
    review(db, T0 + DAY + 5000, T0 + 22, 1, 0);
    review(db, T0 + DAY + 65000, T0 + 22, 3, 0);
    review(db, T0 + 3 * DAY + 5000, T0 + 22, 1, 1);
    review(db, T0 + 3 * DAY + 605000, T0 + 22, 3, 2);
    /* card 32 (the second deletion of the cloze) */
    review(db, T0 + 2 * DAY + 7000, T0 + 32, 2, 0);
}

static struct buf serialize(sqlite3 *db)
{
    sqlite3_int64 n = 0;
    unsigned char *p = sqlite3_serialize(db, "main", &n, 0);
    if (!p)
        die("cannot serialize");
    struct buf out = {0};
    put(&out, p, (size_t)n);
    sqlite3_free(p);
    sqlite3_close(db);
    return out;
}

static sqlite3 *new_db(const char *schema, int ver, bool models)
{
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        die("cannot open a database");
    sqlite3_create_collation(db, "unicase", SQLITE_UTF8, NULL, unicase);
    exec(db, schema);
    exec(db, schema_common);
    run(db, "INSERT INTO col VALUES (1, 0, 0, 0, ?, 0, 0, 0, '{}', ?, ?, '{}', '{}')", "iss",
        (long long)ver, models ? models_json : "{}", models ? decks_json : "{}");
    return db;
}

static struct buf legacy_collection(void)
{
    sqlite3 *db = new_db(schema11, 11, true);
    content(db);
    return serialize(db);
}

static struct buf modern_collection(void)
{
    sqlite3 *db = new_db(schema18, 18, false);
    modern_types(db);
    content(db);
    return serialize(db);
}

/* The collection a newer Anki leaves for older ones: one note asking to update. */
static struct buf dummy_collection(void)
{
    sqlite3 *db = new_db(schema11, 11, true);
    note(db, 1, 1, "",
         "Please update to the latest Anki version, then import the .colpkg/.apkg file "
         "again.\x1f");
    card(db, 2, 1, 1, 0);
    return serialize(db);
}

/* ---- zip ---- */

struct entry {
    const char *name;
    struct buf data; /* write_zip() frees it */
    bool deflate;
};

/* A copy of b, for an entry when b itself is used again. */
static struct buf copy_of(struct buf b)
{
    struct buf c = {0};
    if (b.len)
        put(&c, b.p, b.len);
    return c;
}

static void write_zip(const char *name, struct entry *entries, size_t n)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    int e = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e);
    if (!z)
        die("cannot create a zip");
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src = zip_source_buffer(z, entries[i].data.p ? entries[i].data.p : (void *)"",
                                              entries[i].data.len, 0);
        zip_int64_t idx = src ? zip_file_add(z, entries[i].name, src, ZIP_FL_OVERWRITE) : -1;
        if (idx < 0)
            die(zip_strerror(z));
        zip_set_file_compression(z, (zip_uint64_t)idx,
                                 entries[i].deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
    }
    if (zip_close(z) < 0)
        die("cannot write a zip");
    for (size_t i = 0; i < n; i++)
        free(entries[i].data.p);
}

static struct buf text(const char *s)
{
    struct buf b = {0};
    put(&b, s, strlen(s));
    return b;
}

static struct buf meta(uint64_t version)
{
    struct buf b = {0};
    pb_uint(&b, 1, version); /* PackageMetadata.version */
    return b;
}

static const unsigned char cat_jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 'c', 'a', 't', 0xFF, 0xD9};

/* ---- the benchmark package ---- */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void big(long long notes, long long reviews, const char *path)
{
    sqlite3 *db = new_db(schema18, 18, false);
    modern_types(db);
    exec(db, "BEGIN");
    long long cards = 0;
    long long *cids = malloc((size_t)(notes * 2 + 1) * sizeof(*cids));
    if (!cids)
        die("out of memory");
    char flds[256];
    for (long long i = 0; i < notes; i++) {
        long long nid = T0 + i * 10;
        if (i % 10 == 9) {
            snprintf(flds, sizeof(flds),
                     "Item %lld: the {{c1::answer %lld}} and {{c2::<b>other</b> %lld}}\x1f"
                     "",
                     i, i, i);
            note(db, nid, 3, " bench ", flds);
            card(db, nid + 1, nid, 1, 0);
            card(db, nid + 2, nid, 1, 1);
            cids[cards++] = nid + 1;
            cids[cards++] = nid + 2;
        } else if (i % 10 == 8) {
            snprintf(flds, sizeof(flds),
                     "word %lld\x1f"
                     "meaning&nbsp;%lld",
                     i, i);
            note(db, nid, 2, " bench vocab ", flds);
            card(db, nid + 1, nid, 2, 0);
            card(db, nid + 2, nid, 2, 1);
            cids[cards++] = nid + 1;
            cids[cards++] = nid + 2;
        } else {
            snprintf(flds, sizeof(flds),
                     "Question <i>%lld</i>?\x1f"
                     "Answer %lld<br>more",
                     i, i);
            note(db, nid, 1, " bench ", flds);
            card(db, nid + 1, nid, 1, 0);
            cids[cards++] = nid + 1;
        }
    }
    /* each card's answers a day or more apart, mostly Good */
    long long per = reviews / cards, extra = reviews % cards;
    for (long long c = 0; c < cards; c++) {
        /* whole minutes plus the card's index in ms: no two answers share an id */
        long long at = T0 + DAY + (long long)(next() % 1000) * 60000 + c % 60000;
        for (long long k = 0; k < per + (c < extra); k++) {
            uint64_t r = next() % 20;
            long long ease = r == 0 ? 1 : r == 1 ? 2 : r == 19 ? 4 : 3;
            review(db, at, cids[c], ease, k ? 1 : 0);
            at += DAY * (1 + (long long)(next() % 9));
        }
    }
    exec(db, "COMMIT");
    struct buf col = serialize(db);
    const char *slash = strrchr(path, '/');
    char name[4096];
    snprintf(name, sizeof(name), "%s", slash ? slash + 1 : path);
    static char where[4096];
    snprintf(where, sizeof(where), "%.*s", slash ? (int)(slash - path) : 1, slash ? path : ".");
    dir = where;
    write_zip(name,
              (struct entry[]){{"collection.anki2", dummy_collection(), true},
                               {"collection.anki21b", zstd(col.p, col.len), false},
                               {"media", zstd("", 0), false},
                               {"meta", meta(3), false}},
              4);
    free(col.p);
    free(cids);
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--big") == 0) {
        big(atoll(argv[2]), atoll(argv[3]), argv[4]);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: anki-fixture DIR | anki-fixture --big NOTES REVIEWS FILE\n");
        return 64;
    }
    dir = argv[1];
    struct buf image = {0};
    put(&image, cat_jpg, sizeof(cat_jpg));

    write_zip("legacy1.apkg",
              (struct entry[]){{"collection.anki2", legacy_collection(), true},
                               {"media", text("{\"0\": \"cat.jpg\"}"), true},
                               {"0", copy_of(image), false}},
              3);
    write_zip("legacy2.colpkg",
              (struct entry[]){{"collection.anki2", dummy_collection(), true},
                               {"collection.anki21", legacy_collection(), true},
                               {"media", text("{\"0\": \"cat.jpg\"}"), true},
                               {"0", copy_of(image), false}},
              4);

    struct buf map = {0}, one = {0};
    pb_bytes(&one, 1, "cat.jpg", 7);   /* MediaEntry.name */
    pb_uint(&one, 2, sizeof(cat_jpg)); /* MediaEntry.size */
    pb_bytes(&map, 1, one.p, one.len); /* MediaEntries.entries */
    struct buf col = modern_collection();
    write_zip("modern.apkg",
              (struct entry[]){{"collection.anki2", dummy_collection(), true},
                               {"collection.anki21b", zstd(col.p, col.len), false},
                               {"media", zstd(map.p, map.len), false},
                               {"0", zstd(image.p, image.len), false},
                               {"meta", meta(3), false}},
              5);
    free(col.p);
    free(map.p);
    free(one.p);
    free(image.p);
    write_zip("meta1.apkg",
              (struct entry[]){{"collection.anki2", legacy_collection(), true},
                               {"collection.anki21", dummy_collection(), true},
                               {"meta", meta(1), false}},
              3);
    write_zip(
        "unknown.apkg",
        (struct entry[]){{"collection.anki2", dummy_collection(), true}, {"meta", meta(7), false}},
        2);
    write_zip("nocollection.apkg", (struct entry[]){{"media", text("{}"), true}}, 1);

    struct buf zeros = {0};
    zeros.len = zeros.cap = (size_t)40 << 20;
    if (!(zeros.p = calloc(1, zeros.len)))
        die("out of memory");
    struct buf squeezed = zstd(zeros.p, zeros.len);
    write_zip("bomb.apkg", (struct entry[]){{"collection.anki2", zeros, true}}, 1);
    write_zip("zstdbomb.apkg",
              (struct entry[]){{"collection.anki21b", squeezed, false}, {"meta", meta(3), false}},
              2);
    write_zip("traversal.apkg",
              (struct entry[]){{"collection.anki2", legacy_collection(), true},
                               {"media", text("{\"0\": \"../escaped.txt\"}"), true},
                               {"0", text("outside"), false}},
              3);
    {
        sqlite3 *db = new_db(schema11, 11, true);
        static char a[12001], c[20000];
        for (int i = 0; i < 12000; i++)
            a[i] = i < 6000 ? '\\' : i % 2 ? 'y' : '\n';
        a[5999] = '\x1f'; /* front: backslashes, back: line breaks and letters */
        size_t n = 0;
        for (int i = 0; i < 400; i++)
            n += (size_t)snprintf(c + n, sizeof(c) - n, "w {{c%d::d%d}} ", i % 40 + 1, i);
        note(db, 1, 1, "", a);
        card(db, 11, 1, 1, 0);
        note(db, 2, 3, "", c);
        card(db, 21, 2, 1, 0);
        write_zip("long.apkg", (struct entry[]){{"collection.anki2", serialize(db), true}}, 1);
    }
    write_zip("notsqlite.apkg",
              (struct entry[]){{"collection.anki2", text("this is no database"), true}}, 1);
    return 0;
}
