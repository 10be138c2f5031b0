/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzzes filling a gradebook export (recite score grades --into): any text
 * as the export of a fixed three-student roster. Filling must never read
 * out of bounds, and filling its own output again must give the same bytes:
 * only the column's cells change, and they change to the same grades.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "recite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define KEY "RWQBAgMEBQYHCAOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4"

static const char roster_text[] = "ann\t" KEY "\temail=ann@x.org\tidnumber=11\n"
                                  "ben\t" KEY "\tusername=benl\tcanvas_id=2\n"
                                  "cat\t" KEY "\temail=cat@x.org\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct recite_keyset roster;
    struct recite_grades grades;
    struct recite_grades_options opts = RECITE_GRADES_OPTIONS_INIT;
    if (recite_roster_parse(&roster, roster_text, strlen(roster_text), "r", NULL) < 0)
        abort();
    opts.roster = &roster;
    opts.column = "Quiz 1";
    if (recite_grades_compute(&grades, NULL, NULL, 0, &opts, NULL) < 0)
        abort();
    /* Grades of every kind: whole, fractional, none. */
    grades.grades[0].graded = grades.grades[1].graded = true;
    grades.grades[0].score = 3;
    grades.grades[1].score = 2.5;
    char *once = NULL, *twice = NULL;
    size_t once_len = 0, twice_len = 0, filled = 0;
    if (recite_grades_fill(&once, &once_len, &filled, &grades, (const char *)data, size, "e", &opts,
                           NULL) == 0) {
        if (filled != 3 || strlen(once) != once_len)
            abort();
        if (recite_grades_fill(&twice, &twice_len, &filled, &grades, once, once_len, "e", &opts,
                               NULL) != 0 ||
            twice_len != once_len || memcmp(once, twice, once_len) != 0)
            abort(); /* filling is idempotent */
    }
    free(once);
    free(twice);
    recite_grades_release(&grades);
    recite_keyset_release(&roster);
    return 0;
}
