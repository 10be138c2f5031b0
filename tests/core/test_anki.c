/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The pieces of the Anki package reader: the protobuf field reader on good
 * and broken messages, media names, zstd within and past its limit, zip
 * archives written and read back, entries refused for their size or their
 * inflation ratio, and packages refused for their layout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "formats/anki.h"
#include "store/store_anki.h"
#include "study/study_internal.h"

static void pb_reads_fields(void **state)
{
    (void)state;
    struct recite_buf b = {0};
    anki_pb_put_uint(&b, 1, 300);
    anki_pb_put_bytes(&b, 2, "cat.jpg", 7);
    anki_pb_put_uint(&b, 255, 7);
    assert_false(b.oom);
    struct anki_pb pb = {(const unsigned char *)b.data, (const unsigned char *)b.data + b.len};
    uint32_t field;
    int wire;
    uint64_t v;
    const unsigned char *data;
    size_t n;
    assert_int_equal(anki_pb_next(&pb, &field, &wire, &v, &data, &n), 1);
    assert_int_equal(field, 1);
    assert_int_equal(wire, 0);
    assert_int_equal(v, 300);
    assert_int_equal(anki_pb_next(&pb, &field, &wire, &v, &data, &n), 1);
    assert_int_equal(field, 2);
    assert_int_equal(wire, 2);
    assert_int_equal(n, 7);
    assert_memory_equal(data, "cat.jpg", 7);
    assert_int_equal(anki_pb_next(&pb, &field, &wire, &v, &data, &n), 1);
    assert_int_equal(field, 255);
    assert_int_equal(v, 7);
    assert_int_equal(anki_pb_next(&pb, &field, &wire, &v, &data, &n), 0);
    free(b.data);
}

static void pb_refuses_broken_messages(void **state)
{
    (void)state;
    static const unsigned char too_long[] = {0x12, 0x05, 'a', 'b'};  /* 5 bytes, 2 there */
    static const unsigned char endless[] = {0x08, 0xFF, 0xFF, 0xFF}; /* varint never ends */
    static const unsigned char field0[] = {0x00, 0x01};              /* field number 0 */
    static const unsigned char wire7[] = {0x0F, 0x01};               /* no wire type 7 */
    static const unsigned char huge[] = {0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                         0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}; /* 11 bytes */
    const struct {
        const unsigned char *p;
        size_t n;
    } cases[] = {{too_long, sizeof(too_long)},
                 {endless, sizeof(endless)},
                 {field0, sizeof(field0)},
                 {wire7, sizeof(wire7)},
                 {huge, sizeof(huge)}};
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct anki_pb pb = {cases[i].p, cases[i].p + cases[i].n};
        uint32_t field;
        int wire;
        uint64_t v;
        const unsigned char *data;
        size_t n;
        assert_int_equal(anki_pb_next(&pb, &field, &wire, &v, &data, &n), -1);
    }
}

static void media_names(void **state)
{
    (void)state;
    assert_true(anki_media_name_ok("cat.jpg"));
    assert_true(anki_media_name_ok("Image from Facebook (10).jpg"));
    assert_true(anki_media_name_ok("\xE3\x81\x82.mp3"));
    assert_false(anki_media_name_ok(""));
    assert_false(anki_media_name_ok("."));
    assert_false(anki_media_name_ok(".."));
    assert_false(anki_media_name_ok("../x"));
    assert_false(anki_media_name_ok("a/b"));
    assert_false(anki_media_name_ok("a\\b"));
    assert_false(anki_media_name_ok("/etc/passwd"));
    assert_false(anki_media_name_ok("C:x"));
    assert_false(anki_media_name_ok("a\nb"));
}

static void zstd_limit(void **state)
{
    (void)state;
    size_t n = 100000;
    unsigned char *zeros = calloc(1, n);
    assert_non_null(zeros);
    unsigned char *z = NULL, *back = NULL;
    size_t zlen = 0, blen = 0;
    assert_int_equal(anki_zstd_compress(zeros, n, &z, &zlen, NULL), 0);
    assert_true(zlen < n / 100);
    assert_int_equal(anki_zstd_decompress(z, zlen, n, &back, &blen, NULL), 0);
    assert_int_equal(blen, n);
    assert_memory_equal(back, zeros, n);
    free(back);
    struct recite_error err = {0};
    assert_int_equal(anki_zstd_decompress(z, zlen, n - 1, &back, &blen, &err), RECITE_EDATA);
    assert_null(back);
    assert_non_null(strstr(err.msg, "zip bomb"));
    /* cut short: the frame is incomplete */
    assert_int_equal(anki_zstd_decompress(z, zlen - 3, n, &back, &blen, &err), RECITE_EDATA);
    assert_null(back);
    free(z);
    free(zeros);
}

static void zip_round_trip_and_limits(void **state)
{
    (void)state;
    size_t big = ANKI_RATIO_FREE + 4096;
    unsigned char *zeros = calloc(1, big);
    assert_non_null(zeros);
    struct anki_zip_entry entries[] = {
        {"meta", "\x08\x07", 2, false},
        {"small", "hello", 5, true},
        {"bomb", zeros, big, true},
    };
    unsigned char *zip = NULL;
    size_t len = 0;
    assert_int_equal(anki_zip_write(entries, 3, &zip, &len, NULL), 0);
    free(zeros);
    struct anki_zip *z = NULL;
    assert_int_equal(anki_zip_open(&z, zip, len, NULL), 0);
    assert_true(anki_zip_has(z, "small"));
    assert_false(anki_zip_has(z, "collection.anki2"));
    unsigned char *data = NULL;
    size_t n = 0;
    assert_int_equal(anki_zip_read(z, "small", false, &data, &n, NULL), 0);
    assert_int_equal(n, 5);
    assert_string_equal((char *)data, "hello");
    free(data);
    struct recite_error err = {0};
    /* past 16 MiB, more than 200:1 */
    assert_int_equal(anki_zip_read(z, "bomb", false, &data, &n, &err), RECITE_EDATA);
    assert_non_null(strstr(err.msg, "zip bomb"));
    assert_int_equal(anki_zip_read(z, "none", false, &data, &n, &err), RECITE_ENOTFOUND);
    anki_zip_close(z);

    /* meta 7 is a layout this does not read */
    struct recite_bank *bank = NULL;
    struct recite_anki_package *pkg = NULL;
    assert_int_equal(anki_package_read(&bank, &pkg, zip, len, "x", NULL, &err), RECITE_EDATA);
    assert_non_null(strstr(err.msg, "meta version 7"));
    assert_null(bank);
    assert_null(pkg);
    /* half an archive is no archive */
    assert_int_equal(anki_zip_open(&z, zip, len / 2, &err), RECITE_EDATA);
    assert_null(z);
    free(zip);
}

/* Rows written by the store come back from it as the same rows; a broken image is refused. */
static void store_rows_round_trip(void **state)
{
    (void)state;
    const struct anki_out_notetype types[] = {{7, "Basic", "\x08\x00", 2}};
    const struct anki_out_field fields[] = {{7, 1, "Back"}, {7, 0, "Front"}};
    const struct anki_out_template templates[] = {{7, 0, "Card 1", "\x0a\x01x", 3}};
    const struct anki_out_deck decks[] = {{1, "Default", NULL, 0},
                                          {9,
                                           "a\x1f"
                                           "b",
                                           NULL, 0}};
    char guid[] = "g1", tags[] = " t ",
         flds[] = "front\x1f"
                  "back",
         sfld[] = "front";
    const struct anki_out_note notes[] = {{100, 7, guid, tags, flds, sfld}};
    const struct anki_out_card cards[] = {{201, 100, 9, 1, 2, 2, 5, 3, 2500, 4, 1, "{}"},
                                          {200, 100, 1, 0, 0, 0, 0, 0, 0, 0, 0, "{}"}};
    const struct anki_out_review reviews[] = {
        {5000, 201, 3, 1, 0, 1}, {4000, 201, 9, 1, 0, 1}, {3000, 200, 1, -60, 0, 0}};
    const struct anki_out_collection col = {1700000000, types, 1, fields, 2, templates, 1, decks,
                                            2,          notes, 1, cards,  2, reviews,   3};
    unsigned char *image = NULL;
    size_t len = 0;
    struct recite_error err = {0};
    assert_int_equal(store_anki_write(&image, &len, &col, &err), 0);
    struct anki_rows rows;
    assert_int_equal(store_anki_read(&rows, image, len, &err), 0);
    assert_int_equal(rows.schema, 18);
    assert_int_equal(rows.notetype_count, 1);
    assert_string_equal(rows.notetypes[0].name, "Basic");
    assert_int_equal(rows.notetypes[0].config_len, 2);
    /* fields in ord order */
    assert_int_equal(rows.field_count, 2);
    assert_string_equal(rows.fields[0].name, "Front");
    assert_string_equal(rows.fields[1].name, "Back");
    assert_int_equal(rows.template_count, 1);
    assert_memory_equal(rows.templates[0].config, "\x0a\x01x", 3);
    assert_int_equal(rows.deck_count, 2);
    assert_string_equal(rows.decks[1].name, "a\x1f"
                                            "b");
    assert_int_equal(rows.note_count, 1);
    assert_string_equal(rows.notes[0].fields, "front\x1f"
                                              "back");
    assert_string_equal(rows.notes[0].guid, "g1");
    /* a note's cards in ord order */
    assert_int_equal(rows.notes[0].card_count, 2);
    assert_int_equal(rows.cards[rows.notes[0].first_card].id, 200);
    assert_int_equal(rows.cards[rows.notes[0].first_card + 1].deck_id, 9);
    /* answers 1..4 only, in time order */
    assert_int_equal(rows.review_count, 2);
    assert_int_equal(rows.reviews[0].id, 3000);
    assert_int_equal(rows.reviews[1].ease, 3);
    store_anki_rows_release(&rows);

    image[0] = 'X';
    assert_int_equal(store_anki_read(&rows, image, len, &err), RECITE_EDATA);
    assert_non_null(strstr(err.msg, "not an SQLite database"));
    assert_int_equal(rows.note_count, 0);
    free(image);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pb_reads_fields),
        cmocka_unit_test(pb_refuses_broken_messages),
        cmocka_unit_test(media_names),
        cmocka_unit_test(zstd_limit),
        cmocka_unit_test(zip_round_trip_and_limits),
        cmocka_unit_test(store_rows_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
