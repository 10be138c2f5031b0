/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Private interface between facts.c (uids, templates, card memory) and
 * facts_kinds.c (what each template asks and its distractors).
 */
#ifndef RECITE_FACTS_INTERNAL_H
#define RECITE_FACTS_INTERNAL_H

#include "recite.h"

/* What a template builder works from. */
struct card_ctx {
    const struct recite_bank *bank;
    const struct recite_fact *fact;
    const char *template_name;
    struct recite_rng *rng; /* seeded by the caller's seed and the card uid */
};

int cards_acronym(struct recite_card *card, const struct card_ctx *ctx);
int cards_event(struct recite_card *card, const struct card_ctx *ctx);
int cards_set(struct recite_card *card, const struct card_ctx *ctx);
int cards_question(struct recite_card *card, const struct card_ctx *ctx);
int cards_cloze(struct recite_card *card, const struct card_ctx *ctx);

int card_add_accepted(struct recite_card *card, const char *text);
int card_add_alts(struct recite_card *card, const struct recite_field *field);
int card_add_option(struct recite_card *card, const char *text);
int card_set_prompt(struct recite_card *card, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Equal after NFKC case folding: "US" and "us" are one answer. */
bool same_text(const char *a, const char *b);
/* Whether any spelling of field is the same text as text. */
bool field_matches(const struct recite_field *field, const char *text);

#endif
