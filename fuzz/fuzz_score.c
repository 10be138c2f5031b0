/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes the score file parser (recite-score/2, and /1 read). A document it accepts must serialise and
 * parse again to the same text, and its summary must fit a trusted comment
 * or be refused, never overflow.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size ? size : 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    struct recite_score *score = NULL, *again = NULL;
    struct recite_error err = {0};
    if (recite_score_parse(&score, text, size, &err) == 0) {
        char summary[RECITE_COMMENT_MAX + 1];
        recite_score_summary(summary, sizeof(summary), score);
        char *json = NULL, *json2 = NULL;
        if (recite_score_to_json(&json, score, &err) == 0) {
            if (recite_score_parse(&again, json, strlen(json), &err) != 0)
                abort(); /* what we write, we must read */
            if (recite_score_to_json(&json2, again, &err) != 0 || strcmp(json, json2) != 0)
                abort(); /* and it must be stable */
        }
        free(json);
        free(json2);
        recite_score_free(again);
    }
    recite_score_free(score);
    free(text);
    return 0;
}
