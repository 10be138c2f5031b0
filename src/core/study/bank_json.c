/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Stored banks as JSON, for `recite bank list --json` and `bank show --json`:
 * the same facts the text output shows, in a shape scripts can rely on.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "json_text.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/store.h"

static json_t *info_object(const struct recite_bank_info *info)
{
    char when[32];
    recite_time_format(when, sizeof(when), info->imported_at);
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I}", "id", info->slug,
                     "title", info->title, "version", info->version, "language", info->language,
                     "hash", info->hash, "imported", when, "facts", (json_int_t)info->fact_count,
                     "retired", (json_int_t)info->retired_count, "cards",
                     (json_int_t)info->card_count, "suspended", (json_int_t)info->suspended_count);
}

static int dump(char **out, json_t *value, struct recite_error *err)
{
    return recite_json_text(out, value, JSON_INDENT(2) | JSON_PRESERVE_ORDER, false, "JSON", err);
}

int recite_bank_list_json(char **out, const struct recite_bank_info *infos, size_t count,
                          struct recite_error *err)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < count; i++)
        if (json_array_append_new(list, info_object(&infos[i])) < 0) {
            json_decref(list);
            list = NULL;
        }
    return dump(out, list, err);
}

/* Adds the bank's sources, facts by kind and by tag to object (which owns them at once). */
static bool add_contents(json_t *object, const struct recite_bank *bank)
{
    json_t *sources = json_array(), *kinds = json_object(), *tags = json_object();
    bool ok = json_object_set_new(object, "sources", sources) == 0;
    ok = json_object_set_new(object, "kinds", kinds) == 0 && ok;
    ok = json_object_set_new(object, "tags", tags) == 0 && ok;
    for (size_t i = 0; ok && i < bank->source_count; i++)
        ok = json_array_append_new(sources, json_pack("{s:s, s:s}", "id", bank->sources[i].id,
                                                      "title", bank->sources[i].title)) == 0;
    for (int k = 0; ok && k < RECITE_FACT_KIND_COUNT; k++)
        ok = json_object_set_new(kinds, recite_fact_kind_name((enum recite_fact_kind)k),
                                 json_integer(0)) == 0;
    for (size_t i = 0; ok && i < bank->fact_count; i++) {
        const struct recite_fact *fact = &bank->facts[i];
        json_t *n = json_object_get(kinds, recite_fact_kind_name(fact->kind));
        json_integer_set(n, json_integer_value(n) + 1);
        for (size_t t = 0; ok && t < fact->tag_count; t++) {
            json_t *count = json_object_get(tags, fact->tags[t]);
            if (count)
                json_integer_set(count, json_integer_value(count) + 1);
            else
                ok = json_object_set_new(tags, fact->tags[t], json_integer(1)) == 0;
        }
    }
    return ok;
}

int recite_bank_show_json(char **out, const struct recite_bank_info *info,
                          const struct recite_bank *bank, struct recite_error *err)
{
    json_t *object = info_object(info);
    if (object && !add_contents(object, bank)) {
        json_decref(object);
        object = NULL;
    }
    return dump(out, object, err);
}
