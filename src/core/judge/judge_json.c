/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The preview of cards and judgements as JSON, for instructors' tools:
 * built with jansson, never by hand.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "json_text.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/facts.h"
#include "recite/judge.h"

static json_t *strings_json(char *const *items, size_t count)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < count; i++)
        if (json_array_append_new(array, json_string(items[i] ? items[i] : "")) < 0) {
            json_decref(array);
            return NULL;
        }
    return array;
}

static json_t *judgements_json(const struct recite_preview *p)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < p->reply_count; i++) {
        const struct recite_judgement *j = &p->judgements[i];
        json_t *o = json_pack("{s:s, s:s, s:f, s:i, s:s}", "given", p->replies[i], "verdict",
                              recite_judgement_verdict_name(j), "credit", j->credit, "rating",
                              j->unclear ? 0 : j->rating, "feedback",
                              j->feedback ? j->feedback : "");
        if (!o || json_array_append_new(array, o) < 0) {
            json_decref(array);
            return NULL;
        }
    }
    return array;
}

static json_t *card_json(const struct recite_preview *p, struct recite_error *err)
{
    const struct recite_card *card = p->card;
    char **answers = NULL;
    size_t answer_count = 0;
    if (recite_card_answers(&answers, &answer_count, card, p->kind, err) < 0)
        return NULL;
    char *id = recite_strjoin(card->fact_key, "/", card->template_name, NULL);
    bool shows_options = p->kind == RECITE_ANSWER_CHOICE || p->kind == RECITE_ANSWER_ORDER;
    json_t *o = id ? json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o*, s:o*, s:o*}", "card", id,
                               "fact", card->fact_key, "template", card->template_name,
                               "fact_kind", recite_fact_kind_name(card->fact_kind), "kind",
                               recite_answer_kind_name(p->kind), "prompt",
                               recite_card_prompt_as(card, p->kind), "options",
                               strings_json(card->options, shows_options ? card->option_count : 0),
                               "answers", strings_json(answers, answer_count), "judgements",
                               judgements_json(p))
                   : NULL;
    free(id);
    recite_strings_free(answers, answer_count);
    if (!o)
        recite_error_set(err, RECITE_ENOMEM, "out of memory writing JSON");
    return o;
}

int recite_preview_json(char **out, const struct recite_preview *items, size_t count,
                        struct recite_error *err)
{
    *out = NULL;
    json_t *array = json_array();
    if (!array)
        return recite_error_set(err, RECITE_ENOMEM, "out of memory writing JSON");
    for (size_t i = 0; i < count; i++) {
        json_t *o = card_json(&items[i], err);
        if (!o || json_array_append_new(array, o) < 0) {
            json_decref(array);
            return err && err->code ? err->code
                                    : recite_error_set(err, RECITE_ENOMEM, "out of memory");
        }
    }
    return recite_json_text(out, array, JSON_INDENT(2) | JSON_PRESERVE_ORDER, false, "JSON", err);
}
