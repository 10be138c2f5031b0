/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * libFuzzer target for a kept lexicon (the judge's names as the store keeps
 * them): any bytes are either refused with RECITE_EDATA or adopted whole.
 * An adopted lexicon must write the same bytes back, and judging replies
 * with it must stay memory-safe whatever its names and groups say.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

static const char bank_text[] = "bank fuzz\n"
                                "title: kept names\n"
                                "\n"
                                "acronym NATO\n"
                                "long: North Atlantic Treaty Organization\n"
                                "\n"
                                "set threats\n"
                                "prompt: legacy threats\n"
                                "member: China | PRC\n"
                                "member: North Korea\n"
                                "nonmember: South Korea\n"
                                "\n"
                                "question count\n"
                                "ask: How many allies are there?\n"
                                "answer: 32 | thirty-two\n"
                                "wrong: 30\n";

static const char *const replies[] = {"South Korea", "north korea, china", "Nort Korea",
                                      "North Atlantic Treaty Organisation", "thirty two", "PRC"};

static struct recite_bank *bank;
static struct recite_card *cards;
static size_t card_count;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!bank && (recite_bank_parse(&bank, bank_text, strlen(bank_text), NULL, NULL) < 0 ||
                  recite_bank_cards(&cards, &card_count, bank, 7, NULL) < 0))
        abort();
    struct recite_judge *judge = NULL;
    if (recite_judge_new(&judge, bank->language, NULL) < 0)
        abort();
    recite_judge_fill_with(judge, NULL, NULL);
    struct recite_error err = {0};
    int rc = recite_judge_lexicon_load(judge, data, size, &err);
    if (rc != 0 && rc != RECITE_EDATA && rc != RECITE_ENOMEM)
        abort();
    if (rc == 0) {
        unsigned char *again = NULL;
        size_t len = 0;
        if (recite_judge_lexicon_save(judge, &again, &len, &err) < 0 || len != size ||
            memcmp(again, data, size) != 0)
            abort();
        free(again);
        for (size_t c = 0; c < card_count; c++)
            for (size_t r = 0; r < sizeof(replies) / sizeof(replies[0]); r++) {
                struct recite_judgement j;
                if (recite_judge_reply(&j, judge, &cards[c], RECITE_ANSWER_TYPED, replies[r],
                                       NULL) == 0)
                    recite_judgement_release(&j);
            }
    }
    recite_judge_free(judge);
    return 0;
}
