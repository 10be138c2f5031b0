/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Stored fact bodies: the one-pass reader (study/fact_body.c) reads what the
 * jansson tree it replaced read, field for field, and refuses what that
 * refused: on hand-written bodies and on 30,000 mutations of real ones
 * (bytes replaced, inserted and deleted from a fixed seed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "bank_internal.h"
#include "recite.h"
#include "study_internal.h"

/* The reader as it was, over jansson: the reference. */
static int reference_field(struct recite_fact *fact, const char *name, const json_t *alts)
{
    struct recite_field field = {.name = recite_strdup(name)};
    size_t count = json_array_size(alts);
    int rc = !field.name ? RECITE_ENOMEM : count == 0 ? RECITE_EDATA : 0;
    for (size_t i = 0; rc == 0 && i < count; i++) {
        const char *text = json_string_value(json_array_get(alts, i));
        char *copy = text ? recite_strdup(text) : NULL;
        if (!copy || bank_field_add_alt(&field, copy) < 0) {
            free(copy);
            rc = text ? RECITE_ENOMEM : RECITE_EDATA;
        }
    }
    if (rc == 0)
        rc = bank_fact_adopt_field(fact, &field);
    bank_field_release(&field);
    return rc;
}

static int reference_read(struct recite_fact *fact, const char *text)
{
    json_t *body = json_loads(text, 0, NULL);
    const char *name;
    const json_t *value;
    int rc = json_is_object(body) ? 0 : RECITE_EDATA;
    json_object_foreach(body, name, value)
    {
        if (rc < 0)
            break;
        if (strcmp(name, "quote") == 0 || strcmp(name, "note") == 0) {
            const char *s = json_string_value(value);
            rc = !s   ? RECITE_EDATA
                 : *s ? bank_fact_set_common_owned(fact, name, recite_strdup(s), 0, 0)
                      : 0;
            continue;
        }
        const struct bank_field_rule *rule = bank_field_rule(fact->kind, name);
        if (!rule || rule->common)
            continue;
        size_t i;
        const json_t *alts;
        rc = json_is_array(value) ? 0 : RECITE_EDATA;
        json_array_foreach(value, i, alts)
        {
            if ((rc = reference_field(fact, name, alts)) < 0)
                break;
        }
    }
    json_decref(body);
    return rc;
}

/* Both readers on text as a fact of kind: the same refusal, or the same fields. */
static void assert_same(enum recite_fact_kind kind, const char *text)
{
    struct recite_fact a = {.kind = kind}, b = {.kind = kind};
    int ra = fact_body_read(&a, text), rb = reference_read(&b, text);
    if ((ra == 0) != (rb == 0))
        fail_msg("'%s': read %d, jansson %d", text, ra, rb);
    if (ra == 0) {
        assert_int_equal(a.field_count, b.field_count);
        for (size_t i = 0; i < a.field_count; i++) {
            assert_string_equal(a.fields[i].name, b.fields[i].name);
            assert_int_equal(a.fields[i].alt_count, b.fields[i].alt_count);
            for (size_t k = 0; k < a.fields[i].alt_count; k++)
                assert_string_equal(a.fields[i].alts[k], b.fields[i].alts[k]);
        }
        assert_string_equal(a.quote ? a.quote : "", b.quote ? b.quote : "");
        assert_string_equal(a.note ? a.note : "", b.note ? b.note : "");
    }
    bank_fact_release(&a);
    bank_fact_release(&b);
}

static const char *const bodies[] = {
    "{\"prompt\":[[\"members of the alliance 3\"]],\"member\":[[\"State 3-0\",\"S3-0\"],"
    "[\"State 3-1\",\"S3-1\"]],\"nonmember\":[[\"State 3-x\"]],\"quote\":\"The forum agreed.\"}",
    "{\"long\":[[\"alliance building partner 1\",\"building-cyber 1\"]],\"note\":\"n\\u00e9\"}",
    "{\"ask\":[[\"Caf\xc3\xa9 \\\"quoted\\\" \\\\ \\/ "
    "\\b\\f\\n\\r\\t?\"]],\"answer\":[[\"\\ud83d\\ude00\"]]}",
    "{\"text\":[[\"The {{capital|seat}} of France is {{Paris}}.\"]],\"quote\":\"\"}",
};

static const enum recite_fact_kind body_kinds[] = {RECITE_FACT_SET, RECITE_FACT_ACRONYM,
                                                   RECITE_FACT_QUESTION, RECITE_FACT_CLOZE};

static void test_fact_body_hand_written(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "{}",
        " { } ",
        "[]",
        "",
        "{",
        "{\"ask\":[]}",
        "{\"ask\":[[]]}",
        "{\"ask\":[[1]]}",
        "{\"ask\":\"x\"}",
        "{\"ask\":[[\"a\"]],}",
        "{\"ask\":[[\"a\"]]} x",
        "{\"quote\":1}",
        "{\"unknown\":{\"a\":[1,2.5e-3,true,false,null,{}]}}",
        "{\"unknown\":01}",
        "{\"unknown\":-}",
        "{\"unknown\":1.}",
        "{\"ask\":[[\"\\u0000\"]]}",
        "{\"ask\":[[\"\\udc00\"]]}",
        "{\"ask\":[[\"\\ud800x\"]]}",
        "{\"ask\":[[\"\\x\"]]}",
        "{\"ask\":[[\"\x01\"]]}",
        "{\"ask\":[[\"\xc0\xaf\"]]}",
        "{\"ask\":[[\"\xed\xa0\x80\"]]}",
        "{\"ask\":[[\"\xf4\x90\x80\x80\"]]}",
        "{\"ask\":[[\"\xe2\x82\"]]}",
        "{\"ask\":[[\"a\"] , [ \"b\" , \"c\" ]]\n,\r\"answer\"\t:[[\"d\"]]}",
        "{\"tags\":[[\"x\"]],\"ask\":[[\"a\"]]}",
        "{\"ask\" [[\"a\"]]}",
        "{\"ask\":[[\"a\"]",
        "{\"ask\":[[\"a\"]]]}",
        "{ask:[[\"a\"]]}",
        "{\"unknown\":[[[[[[]]]]]]}",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
        assert_same(RECITE_FACT_QUESTION, texts[i]);
    for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++)
        assert_same(body_kinds[i], bodies[i]);
}

static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_fact_body_mutations(void **state)
{
    (void)state;
    static const char bytes[] = "{}[]\",:\\/u0aeE.-+ \t\n\x01\x7f\xc3\xa9\xed\xf4\x80\xbf";
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    char text[512];
    for (int round = 0; round < 30000; round++) {
        size_t which = round % (sizeof(bodies) / sizeof(bodies[0]));
        snprintf(text, sizeof(text), "%s", bodies[which]);
        for (int edits = 1 + (int)(next_random(&seed) % 3); edits > 0; edits--) {
            size_t len = strlen(text), at = (size_t)(next_random(&seed) % (len + 1));
            char c = bytes[next_random(&seed) % (sizeof(bytes) - 1)];
            int op = (int)(next_random(&seed) % 3);
            if (op == 0 && at < len) {
                text[at] = c;
            } else if (op == 1 && len + 2 < sizeof(text)) {
                memmove(text + at + 1, text + at, len - at + 1);
                text[at] = c;
            } else if (at < len) {
                memmove(text + at, text + at + 1, len - at);
            }
        }
        assert_same(body_kinds[which], text);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fact_body_hand_written),
        cmocka_unit_test(test_fact_body_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
