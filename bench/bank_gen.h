/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * A generator of large, valid .bank files for the import benchmark: every
 * kind in a fixed mix, with spellings, tags, citations and quotes, drawn
 * from a seeded generator so a size and seed always give the same bytes.
 * Header-only so the generator program and the benchmark share it.
 */
#ifndef RECITE_BENCH_BANK_GEN_H
#define RECITE_BENCH_BANK_GEN_H

#include <stdint.h>
#include <stdio.h>

static uint64_t bank_gen_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static const char *const bank_gen_words[] = {
    "alliance", "treaty",   "council",  "defence",  "partner",  "summit",   "accord",
    "security", "mission",  "capacity", "building", "forum",    "dialogue", "initiative",
    "command",  "maritime", "cyber",    "strategic", "regional", "programme",
};
#define BANK_GEN_WORDS (sizeof(bank_gen_words) / sizeof(bank_gen_words[0]))

static const char *bank_gen_word(uint64_t *state)
{
    return bank_gen_words[bank_gen_next(state) % BANK_GEN_WORDS];
}

static void bank_gen_fact(FILE *out, size_t i, uint64_t *s)
{
    unsigned kind = (unsigned)(bank_gen_next(s) % 20);
    if (kind < 6) {
        fprintf(out, "acronym A%zu\nlong: %s %s %s %zu | %s-%s %zu\n", i, bank_gen_word(s),
                bank_gen_word(s), bank_gen_word(s), i, bank_gen_word(s), bank_gen_word(s), i);
    } else if (kind < 12) {
        unsigned year = 1900 + (unsigned)(bank_gen_next(s) % 125);
        fprintf(out, "event e%zu\nwhen: %u-%02u-%02u\nwhat: the %s %s of %zu is signed\n", i,
                year, 1 + (unsigned)(bank_gen_next(s) % 12), 1 + (unsigned)(bank_gen_next(s) % 28),
                bank_gen_word(s), bank_gen_word(s), i);
    } else if (kind < 15) {
        fprintf(out, "set s%zu\nprompt: members of the %s %zu\n", i, bank_gen_word(s), i);
        for (int m = 0; m < 5; m++)
            fprintf(out, "member: State %zu-%d | S%zu-%d\n", i, m, i, m);
        fprintf(out, "nonmember: State %zu-x\n", i);
    } else if (kind < 18) {
        /* Wrong options are other words than the answer, as lint requires. */
        size_t a = (size_t)(bank_gen_next(s) % BANK_GEN_WORDS);
        const char *answer = bank_gen_words[a];
        fprintf(out, "question q%zu\nask: Which %s founded the %s %zu?\nanswer: the %s | %s\n"
                     "wrong: the %s\nwrong: the %s\nexplain: see source %zu\n",
                i, bank_gen_word(s), bank_gen_word(s), i, answer, answer,
                bank_gen_words[(a + 1) % BANK_GEN_WORDS], bank_gen_words[(a + 2) % BANK_GEN_WORDS],
                i % 7);
    } else {
        fprintf(out, "cloze c%zu\ntext: The {{%s}} met in {{%u}} to discuss item %zu.\n", i,
                bank_gen_word(s), 1950 + (unsigned)(bank_gen_next(s) % 70), i);
    }
    fprintf(out, "tags: %s %s\ncite: s%zu ¶%zu\nquote: The %s and the %s agreed on item %zu.\n",
            bank_gen_word(s), bank_gen_word(s), i % 3, 1 + i % 97, bank_gen_word(s),
            bank_gen_word(s), i);
}

/* Writes a bank called id with facts facts to out. */
static void bank_gen_write(FILE *out, const char *id, size_t facts, uint64_t seed)
{
    uint64_t state = seed;
    fprintf(out, "bank %s\ntitle: A generated bank of %zu facts\nversion: 1\nlanguage: en\n", id,
            facts);
    for (int s = 0; s < 3; s++)
        fprintf(out, "source s%d: Generated source document %d\n", s, s);
    for (size_t i = 0; i < facts; i++) {
        fputc('\n', out);
        bank_gen_fact(out, i, &state);
    }
}

#endif
