/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for the judge: any reply to any card of a small bank of
 * every kind, asked in each mode. The first byte picks the card and the
 * mode; the rest is the reply. Besides memory safety it checks that every
 * judgement is well formed: a known verdict, credit within 0..1 (0 when
 * unclear or wrong, 1 when right or almost), a rating of 1 to 3, and
 * feedback that starts with the verdict's word.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

static const char bank_text[] =
    "bank fuzz\n"
    "title: every kind\n"
    "source s: a source\n"
    "\n"
    "acronym NATO\n"
    "long: North Atlantic Treaty Organization | North Atlantic Treaty Organisation\n"
    "cite: s\n"
    "\n"
    "acronym INF\n"
    "long: Intermediate-Range Nuclear Forces Treaty\n"
    "cite: s\n"
    "\n"
    "event signed\n"
    "when: 1949-04-04\n"
    "what: the treaty is signed\n"
    "cite: s\n"
    "\n"
    "event cold-war\n"
    "when: 1947..1991\n"
    "what: the Cold War\n"
    "cite: s\n"
    "\n"
    "set threats\n"
    "prompt: legacy threats\n"
    "member: China | PRC\n"
    "member: North Korea | DPRK\n"
    "member: Russia\n"
    "nonmember: South Korea\n"
    "cite: s\n"
    "\n"
    "question count\n"
    "ask: How many allies are there?\n"
    "answer: 32 | thirty-two\n"
    "wrong: 12\n"
    "wrong: 30\n"
    "cite: s\n"
    "\n"
    "question pair\n"
    "ask: Which two joined last?\n"
    "answer: Finland and Sweden\n"
    "cite: s\n"
    "\n"
    "cloze pact\n"
    "text: The Warsaw Pact was formed in {{1955}}, after {{West Germany\\|FRG}} joined.\n"
    "cite: s\n";

static struct recite_bank *bank;
static struct recite_card *cards;
static size_t card_count;
static struct recite_judge *judge;

static void setup(void)
{
    if (bank)
        return;
    if (recite_bank_parse(&bank, bank_text, strlen(bank_text), NULL, NULL) < 0 ||
        recite_bank_cards(&cards, &card_count, bank, 7, NULL) < 0 ||
        recite_judge_new(&judge, bank->language, NULL) < 0 ||
        recite_judge_add_bank(judge, bank, NULL) < 0)
        abort();
}

static void check(const struct recite_judgement *j)
{
    const char *name = recite_judgement_verdict_name(j);
    if (j->credit < 0.0 || j->credit > 1.0 || !j->feedback)
        abort();
    if (j->unclear) {
        if (j->credit != 0.0 || strcmp(name, "unclear") != 0)
            abort();
        return;
    }
    if (j->rating < 1 || j->rating > 3)
        abort();
    if ((j->verdict == RECITE_ANSWER_RIGHT || j->verdict == RECITE_ANSWER_ALMOST) &&
        j->credit != 1.0)
        abort();
    if (j->verdict == RECITE_ANSWER_WRONG && j->credit != 0.0)
        abort();
    const char *word = j->verdict == RECITE_ANSWER_PARTIAL ? "partly right" : name;
    if (strncmp(j->feedback, word, strlen(word)) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size == 0 || card_count == 0)
        return 0;
    char *reply = malloc(size);
    if (!reply)
        return 0;
    memcpy(reply, data + 1, size - 1);
    reply[size - 1] = '\0';
    const struct recite_card *card = &cards[data[0] % card_count];
    enum recite_mode mode = (enum recite_mode)((data[0] / card_count) % 3); /* not flash */
    struct recite_judgement j;
    if (recite_judge_reply(&j, judge, card, recite_card_asked_as(card, mode), reply, NULL) == 0)
        check(&j);
    recite_judgement_release(&j);
    free(reply);
    return 0;
}
