/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Answer checking: normalisation, typo tolerance at its length limits,
 * aliases, years and dates (ranges, decades, short years), numbers in
 * digits and words, list recall with partial credit, choices, yes/no, and
 * hostile input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "answer_internal.h"
#include "facts_internal.h"
#include "recite.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void assert_normal(const char *text, const char *expected)
{
    char *out = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_answer_normalize(&out, text, &err), 0);
    assert_string_equal(out, expected);
    /* Normalising twice changes nothing. */
    char *again = NULL;
    assert_int_equal(recite_answer_normalize(&again, out, &err), 0);
    assert_string_equal(again, out);
    free(again);
    free(out);
}

static struct recite_answer_result check(const char *reply, const char *const *accepted,
                                         size_t count)
{
    struct recite_answer_key key = {.accepted = accepted, .accepted_count = count};
    struct recite_answer_result r;
    struct recite_error err = {0};
    assert_int_equal(recite_answer_check_text(&r, reply, &key, &err), 0);
    return r;
}

static enum recite_answer_verdict verdict_of(const char *reply, const char *accepted)
{
    const char *const list[] = {accepted};
    return check(reply, list, 1).verdict;
}

static void test_answer_normalize_accents_and_case(void **state)
{
    (void)state;
    assert_normal("Türkiye", "turkiye");
    assert_normal("TURKIYE", "turkiye");
    assert_normal("Straße", "strasse");
    assert_normal("STRASSE", "strasse");
    assert_normal("Curaçao", "curacao");
    assert_normal("ŁÓDŹ", "łodz");     /* ł has no decomposition: kept */
    assert_normal("ＮＡＴＯ", "nato"); /* NFKC: full-width letters */
    assert_normal("ﬁnland", "finland");
}

static void test_answer_normalize_punctuation_and_articles(void **state)
{
    (void)state;
    assert_normal("U.S.", "us");
    assert_normal("North-Macedonia", "north macedonia");
    assert_normal("North–Macedonia", "north macedonia");
    assert_normal("  The   United\tKingdom  ", "united kingdom");
    assert_normal("an Apple", "apple");
    assert_normal("A treaty", "treaty");
    assert_normal("The", "the");   /* an article alone is the answer */
    assert_normal("the a b", "b"); /* stacked articles: normalising twice changes nothing */
    assert_normal("The A", "a");
    assert_normal("a", "a");
    assert_normal("Bosnia & Herzegovina", "bosnia and herzegovina");
    assert_normal("S&T", "s and t");
    assert_normal("O’Neill", "oneill");
    assert_normal("3.5", "3.5");
    assert_normal("1,000", "1000");
    assert_normal("Washington, D.C.!", "washington dc");
    assert_normal("", "");
    assert_normal(" \t\n ", "");
    char *out = NULL;
    assert_int_equal(recite_answer_normalize_lang(&out, "The Hague", "fr", NULL), 0);
    assert_string_equal(out, "the hague");
    free(out);
    assert_int_equal(recite_answer_normalize_lang(&out, "The Hague", "en-GB", NULL), 0);
    assert_string_equal(out, "hague");
    free(out);
}

static void test_answer_tolerance_table(void **state)
{
    (void)state;
    static const unsigned expected[] = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3};
    for (size_t n = 0; n < COUNT(expected); n++)
        assert_int_equal(recite_answer_tolerance(n), expected[n]);
    assert_int_equal(recite_answer_tolerance(1000), 3);
}

static void test_answer_distance(void **state)
{
    (void)state;
    assert_int_equal(recite_answer_distance("abcd", "acbd", 5), 1); /* one swap */
    assert_int_equal(recite_answer_distance("ca", "abc", 5), 3);    /* OSA, not full DL */
    assert_int_equal(recite_answer_distance("kitten", "sitting", 5), 3);
    assert_int_equal(recite_answer_distance("kitten", "sitting", 2), 3); /* capped: limit + 1 */
    assert_int_equal(recite_answer_distance("é", "e", 3), 1);            /* code points */
    assert_int_equal(recite_answer_distance("", "abc", 3), 3);
    assert_int_equal(recite_answer_distance("abc", "", 1), 2);
    assert_int_equal(recite_answer_distance("same", "same", 0), 0);
}

/* Typos accepted and rejected exactly at each length limit. */
static void test_answer_typos_at_limits(void **state)
{
    (void)state;
    /* length 3: no tolerance */
    assert_int_equal(verdict_of("USA", "USA"), RECITE_ANSWER_RIGHT);
    assert_int_equal(verdict_of("USB", "USA"), RECITE_ANSWER_WRONG);
    /* length 4: one */
    assert_int_equal(verdict_of("Pero", "Peru"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Pxro", "Peru"), RECITE_ANSWER_WRONG);
    /* length 7: one (a swap of neighbours is one) */
    assert_int_equal(verdict_of("Blegium", "Belgium"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Belgiun", "Belgium"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Bxlgiun", "Belgium"), RECITE_ANSWER_WRONG);
    /* length 8: two */
    assert_int_equal(verdict_of("Pxrtxgal", "Portugal"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Portgual", "Portugal"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Pxrtxgxl", "Portugal"), RECITE_ANSWER_WRONG);
    /* length 15 (with the space): two */
    assert_int_equal(verdict_of("Nxrth Mxcedonia", "North Macedonia"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Nxrth Mxcxdonia", "North Macedonia"), RECITE_ANSWER_WRONG);
    /* length 16: three */
    assert_int_equal(verdict_of("Wxstxrn Exropean", "Western European"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Wxstxrn Exropxan", "Western European"), RECITE_ANSWER_WRONG);
    /* missing or extra letters count the same */
    assert_int_equal(verdict_of("Luxemburg", "Luxembourg"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Luxembourgg", "Luxembourg"), RECITE_ANSWER_ALMOST);
    /* a letter Unicode does not decompose is a typo, not an accent */
    assert_int_equal(verdict_of("Orsted", "Ørsted"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Turkiye", "Türkiye"), RECITE_ANSWER_RIGHT);
}

static void test_answer_numbers_never_fuzzy(void **state)
{
    (void)state;
    const char *const article[] = {"Article 5", "5", "Article V"};
    assert_int_equal(check("article 5", article, 3).verdict, RECITE_ANSWER_RIGHT);
    assert_int_equal(check("5", article, 3).matched, 1);
    assert_int_equal(check("Article 6", article, 3).verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(check("Artcle 5", article, 3).verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(check("Article 55", article, 3).verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(verdict_of("1984", "1948"), RECITE_ANSWER_WRONG);
    assert_int_equal(verdict_of("Apollo 12", "Apollo 11"), RECITE_ANSWER_WRONG);
    /* Roman numerals after the first word are numbers too */
    assert_int_equal(check("Article X", article, 3).verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(check("article v", article, 3).verdict, RECITE_ANSWER_RIGHT);
    assert_int_equal(verdict_of("World War I", "World War II"), RECITE_ANSWER_WRONG);
    assert_int_equal(verdict_of("World War III", "World War II"), RECITE_ANSWER_WRONG);
    assert_int_equal(verdict_of("Henry VII", "Henry VIII"), RECITE_ANSWER_WRONG);
    /* words made of those letters that are no numeral keep their tolerance */
    assert_int_equal(verdict_of("Civl War", "Civil War"), RECITE_ANSWER_ALMOST);
    assert_int_equal(verdict_of("Vivid Blue", "Vivid Bleu"), RECITE_ANSWER_ALMOST);
}

static void test_answer_aliases(void **state)
{
    (void)state;
    const char *const us[] = {"United States", "US", "USA", "U.S.", "United States of America"};
    struct recite_answer_result r = check("u.s.a.", us, COUNT(us));
    assert_int_equal(r.verdict, RECITE_ANSWER_RIGHT);
    assert_int_equal(r.matched, 2);
    assert_string_equal(r.matched_text, "USA");
    assert_string_equal(r.canonical, "United States");
    assert_int_equal(r.rating, RECITE_RATING_GOOD);
    r = check("The United States", us, COUNT(us));
    assert_int_equal(r.matched, 0);
    r = check("US", us, COUNT(us));
    assert_int_equal(r.matched, 1); /* the first exact spelling */
    r = check("Untied States of America", us, COUNT(us));
    assert_int_equal(r.verdict, RECITE_ANSWER_ALMOST);
    assert_int_equal(r.matched, 4);
    assert_int_equal(r.distance, 1);
    assert_int_equal(r.rating, RECITE_RATING_HARD);
    r = check("Canada", us, COUNT(us));
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(r.matched, -1);
    assert_null(r.matched_text);
    assert_int_equal(r.rating, RECITE_RATING_AGAIN);
    const char *const dcb[] = {"Defence and Related Security Capacity Building",
                               "Defense and Related Security Capacity Building"};
    assert_int_equal(check("defense & related security capacity building", dcb, 2).matched, 1);
}

static void test_answer_known_wrong_and_exact(void **state)
{
    (void)state;
    const char *const accepted[] = {"Iceland"};
    const char *const wrong[] = {"Ireland"};
    struct recite_answer_key key = {accepted, 1, wrong, 1, NULL, false};
    struct recite_answer_result r;
    assert_int_equal(recite_answer_check_text(&r, "Ireland", &key, NULL), 0);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(recite_answer_check_text(&r, "Icelend", &key, NULL), 0);
    assert_int_equal(r.verdict, RECITE_ANSWER_ALMOST);
    key.wrong_count = 0;
    assert_int_equal(recite_answer_check_text(&r, "Ireland", &key, NULL), 0);
    assert_int_equal(r.verdict, RECITE_ANSWER_ALMOST); /* without the wrong list it is a typo */
    key.exact = true;
    assert_int_equal(recite_answer_check_text(&r, "Icelend", &key, NULL), 0);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(recite_answer_check_text(&r, "ICELAND", &key, NULL), 0);
    assert_int_equal(r.verdict, RECITE_ANSWER_RIGHT);
}

/* ---- dates ---- */

static struct recite_answer_date date_of(const char *text)
{
    struct recite_answer_date d;
    assert_int_equal(recite_answer_date_parse(&d, text), 0);
    return d;
}

static void test_answer_date_formats(void **state)
{
    (void)state;
    static const char *const forms[] = {
        "1949-04-04", "4 April 1949",    "April 4, 1949",      "04/04/1949",
        "4.4.1949",   "4th April 1949",  "4th of April, 1949", "Apr. 4 1949",
        "1949/04/04", "on 4 APRIL 1949", "april 4th 1949",     "4 Apr 1949",
    };
    for (size_t i = 0; i < COUNT(forms); i++) {
        struct recite_answer_date d = date_of(forms[i]);
        assert_int_equal(d.year, 1949);
        assert_int_equal(d.month, 4);
        assert_int_equal(d.day, 4);
        assert_int_equal(d.end_year, 0);
    }
    struct recite_answer_date d = date_of("April 1949");
    assert_int_equal(recite_answer_date_precision(&d), RECITE_DATE_MONTH);
    d = date_of("1949-04");
    assert_int_equal(d.month, 4);
    d = date_of("in 1949");
    assert_int_equal(recite_answer_date_precision(&d), RECITE_DATE_YEAR);
    d = date_of("1950..1953");
    assert_int_equal(d.end_year, 1953);
    assert_int_equal(date_of("1950 to 1953").end_year, 1953);
    assert_int_equal(date_of("1950-1953").end_year, 1953);
    d = date_of("12/09/2001"); /* day first; 9 December is also readable */
    assert_int_equal(d.day, 12);
    assert_int_equal(d.month, 9);
    assert_true(d.swapped_ok);
    d = date_of("09/30/2001"); /* only month first makes sense */
    assert_int_equal(d.month, 9);
    assert_int_equal(d.day, 30);
    assert_false(d.swapped_ok);
    assert_int_equal(date_of("29 February 1948").day, 29);
    struct recite_answer_date bad;
    static const char *const invalid[] = {"31 April 1949",
                                          "29 February 1949",
                                          "1949-13-01",
                                          "last year",
                                          "",
                                          "0",
                                          "19490",
                                          "1953..1950",
                                          "April",
                                          "4 Smarch 1949",
                                          "1949-04-04-04-04-04-04-04-04"};
    for (size_t i = 0; i < COUNT(invalid); i++)
        assert_int_equal(recite_answer_date_parse(&bad, invalid[i]), RECITE_EDATA);
}

static struct recite_answer_date_result date_check(const char *reply, const char *known,
                                                   enum recite_date_precision asked)
{
    struct recite_answer_date k = date_of(known);
    struct recite_answer_date_result r;
    assert_int_equal(recite_answer_check_date(&r, reply, &k, asked, NULL), 0);
    return r;
}

static void assert_offset(const struct recite_answer_date_result *r, const char *expected)
{
    char buf[64];
    assert_string_equal(recite_answer_describe_offset(buf, sizeof(buf), r), expected);
}

static void test_answer_years_exact_with_offset(void **state)
{
    (void)state;
    struct recite_answer_date_result r = date_check("1949", "1949-04-04", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_RIGHT);
    assert_int_equal(r.rating, RECITE_RATING_GOOD);
    assert_offset(&r, "");
    r = date_check("1952", "1949-04-04", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(r.off_unit, RECITE_DATE_YEAR);
    assert_int_equal(r.off_by, 3);
    assert_offset(&r, "3 years late");
    r = date_check("1948", "1949", RECITE_DATE_YEAR);
    assert_offset(&r, "1 year early");
    assert_int_equal(r.rating, RECITE_RATING_AGAIN);
    r = date_check("1950", "1949", RECITE_DATE_NONE);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG); /* no tolerance on years */
    r = date_check("4 April 1949", "1949", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_RIGHT); /* more precise than the fact */
}

static void test_answer_partial_dates(void **state)
{
    (void)state;
    static const char *const right[] = {"4 April 1949", "April 4, 1949", "1949-04-04",
                                        "04/04/1949"};
    for (size_t i = 0; i < COUNT(right); i++)
        assert_int_equal(date_check(right[i], "1949-04-04", RECITE_DATE_DAY).verdict,
                         RECITE_ANSWER_RIGHT);
    struct recite_answer_date_result r = date_check("1949", "1949-04-04", RECITE_DATE_DAY);
    assert_int_equal(r.verdict, RECITE_ANSWER_PARTIAL);
    assert_int_equal(r.rating, RECITE_RATING_HARD);
    assert_int_equal(date_check("April 1949", "1949-04-04", RECITE_DATE_DAY).verdict,
                     RECITE_ANSWER_PARTIAL);
    r = date_check("5 April 1949", "1949-04-04", RECITE_DATE_DAY);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_offset(&r, "1 day late");
    r = date_check("4 May 1949", "1949-04-04", RECITE_DATE_DAY);
    assert_offset(&r, "30 days late");
    r = date_check("1947-04-04", "1949-04-04", RECITE_DATE_DAY);
    assert_offset(&r, "2 years early");
    /* a fact known to the month */
    assert_int_equal(date_check("April 1949", "1949-04", RECITE_DATE_MONTH).verdict,
                     RECITE_ANSWER_RIGHT);
    assert_int_equal(date_check("1949", "1949-04", RECITE_DATE_MONTH).verdict,
                     RECITE_ANSWER_PARTIAL);
    r = date_check("March 1949", "1949-04", RECITE_DATE_MONTH);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_offset(&r, "1 month early");
    /* asking for more than the fact knows asks for what it knows */
    assert_int_equal(date_check("1949", "1949", RECITE_DATE_DAY).verdict, RECITE_ANSWER_RIGHT);
    /* d/m/y or m/d/y: when the two readings are judged differently, it is no answer */
    r = date_check("09/12/2001", "2001-09-12", RECITE_DATE_DAY);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_true(r.flags & RECITE_ANSWER_AMBIGUOUS);
    r = date_check("12/09/2001", "2001-09-12", RECITE_DATE_DAY);
    assert_true(r.flags & RECITE_ANSWER_AMBIGUOUS);
    /* dots are day first by convention; both readings wrong is plainly wrong */
    assert_int_equal(date_check("12.09.2001", "2001-09-12", RECITE_DATE_DAY).verdict,
                     RECITE_ANSWER_RIGHT);
    r = date_check("05/06/2001", "2001-09-12", RECITE_DATE_DAY);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_false(r.flags & RECITE_ANSWER_AMBIGUOUS);
    /* a year only, the same either way */
    assert_int_equal(date_check("09/12/2001", "2001", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_RIGHT);
    assert_int_equal(date_check("13/09/2001", "2001-09-12", RECITE_DATE_DAY).verdict,
                     RECITE_ANSWER_WRONG);
}

static void test_answer_year_ranges(void **state)
{
    (void)state;
    assert_int_equal(date_check("1950-1953", "1950..1953", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_RIGHT);
    assert_int_equal(date_check("1951", "1950..1953", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_PARTIAL);
    struct recite_answer_date_result r = date_check("1955", "1950..1953", RECITE_DATE_YEAR);
    assert_offset(&r, "2 years late");
    r = date_check("1948", "1950..1953", RECITE_DATE_YEAR);
    assert_offset(&r, "2 years early");
    r = date_check("1950-1954", "1950..1953", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_offset(&r, "1 year late");
    /* hedging over a range is not a year */
    r = date_check("1948-1950", "1949", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
}

static void test_answer_date_unreadable(void **state)
{
    (void)state;
    struct recite_answer_date_result r = date_check("sometime in spring", "1949", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(r.flags, RECITE_ANSWER_UNRECOGNISED);
    r = date_check("   ", "1949", RECITE_DATE_YEAR);
    assert_int_equal(r.flags, RECITE_ANSWER_EMPTY);
    struct recite_answer_date bogus = {1949, 4, 31, 0, false, false};
    struct recite_error err = {0};
    assert_int_equal(recite_answer_check_date(&r, "1949", &bogus, RECITE_DATE_DAY, &err),
                     RECITE_EUSAGE);
    assert_int_equal(err.code, RECITE_EUSAGE);
}

static void test_answer_date_abbreviated_ranges(void **state)
{
    (void)state;
    static const char *const forms[] = {
        "1949-91",         "1949\u201391",      "1949\u201491",    "1949 - 91",
        "1949 to 91",      "from 1949 to 1991", "from 1949 to 91", "between 1949 and 1991",
        "1949 until 1991", "1949-1991",         "1949\u20131991",  "1949 \u2013 1991",
    };
    for (size_t i = 0; i < COUNT(forms); i++) {
        struct recite_answer_date d = date_of(forms[i]);
        assert_int_equal(d.year, 1949);
        assert_int_equal(d.end_year, 1991);
        assert_int_equal(d.month, 0);
        assert_false(d.decade);
    }
    /* after a hyphen a month wins; after an en dash the range */
    struct recite_answer_date d = date_of("1998-03");
    assert_int_equal(d.month, 3);
    assert_int_equal(d.end_year, 0);
    d = date_of("1998\u201303"); /* 1903 is before 1998: not a range */
    assert_int_equal(d.month, 3);
    assert_int_equal(date_of("1910-12").month, 12);
    assert_int_equal(date_of("1910\u201312").end_year, 1912);
    assert_int_equal(date_of("1914-18").end_year, 1918);
    struct recite_answer_date bad;
    static const char *const invalid[] = {
        "1949/91",           "1949 and 1991",
        "from 1949",         "between 1949 to 1991",
        "1950-50",           "1949 to 5",
        "1949 to 1948",      "from from 1949 to 1991",
        "from 4 April 1949", "between 1949 and 1991 and 1992",
    };
    for (size_t i = 0; i < COUNT(invalid); i++)
        assert_int_equal(recite_answer_date_parse(&bad, invalid[i]), RECITE_EDATA);
    assert_int_equal(date_check("1950\u201353", "1950..1953", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_RIGHT);
    assert_int_equal(date_check("between 1950 and 1953", "1950..1953", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_RIGHT);
}

static void test_answer_date_decades(void **state)
{
    (void)state;
    static const char *const forms[] = {"the 1990s", "1990s",         "1990's",      "1990\u2019s",
                                        "the '90s",  "the \u201990s", "in the 1990S"};
    for (size_t i = 0; i < COUNT(forms); i++) {
        struct recite_answer_date d = date_of(forms[i]);
        assert_int_equal(d.year, 1990);
        assert_int_equal(d.end_year, 1999);
        assert_true(d.decade);
        assert_int_equal(recite_answer_date_precision(&d), RECITE_DATE_YEAR);
    }
    assert_int_equal(date_of("the '00s").year, 2000);
    struct recite_answer_date bad;
    static const char *const invalid[] = {"1995s",          "the 1900s",   "1990 s", "1990s-2000s",
                                          "from the 1990s", "April 1990s", "19'90",  "1990'"};
    for (size_t i = 0; i < COUNT(invalid); i++)
        assert_int_equal(recite_answer_date_parse(&bad, invalid[i]), RECITE_EDATA);
}

static void test_answer_decade_checking(void **state)
{
    (void)state;
    /* the decade that is the range: right */
    assert_int_equal(date_check("the 1990s", "1990..1999", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_RIGHT);
    /* a decade holding the range: partial, nothing off */
    struct recite_answer_date_result r = date_check("the 1990s", "1991..1997", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_PARTIAL);
    assert_int_equal(r.rating, RECITE_RATING_HARD);
    assert_offset(&r, "");
    /* the same years typed as a range are still wrong */
    assert_int_equal(date_check("1990-1999", "1991..1997", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_WRONG);
    /* a range crossing the decade, or another decade: wrong */
    assert_int_equal(date_check("the 1990s", "1989..1995", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_WRONG);
    r = date_check("the '80s", "1991..1997", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_offset(&r, "11 years early");
    /* a decade for a single year is a hedge */
    r = date_check("the 1940s", "1949", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(date_check("1940s", "1949-04-04", RECITE_DATE_DAY).verdict,
                     RECITE_ANSWER_WRONG);
    /* a fact stated as a decade */
    assert_int_equal(date_check("1995", "the 1990s", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_PARTIAL);
    assert_int_equal(date_check("1990's", "the 1990s", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_RIGHT);
}

static void test_answer_date_short_years(void **state)
{
    (void)state;
    assert_int_equal(date_of("'54").year, 1954);
    assert_int_equal(date_of("\u201954").year, 1954);
    assert_int_equal(date_of("\u201854").year, 1954);
    assert_int_equal(date_of("in '54").year, 1954);
    assert_int_equal(date_of("'30").year, 2030);
    assert_int_equal(date_of("'31").year, 1931);
    assert_int_equal(date_of("'00").year, 2000);
    struct recite_answer_date d = date_of("April '54");
    assert_int_equal(d.year, 1954);
    assert_int_equal(d.month, 4);
    d = date_of("'54-'58");
    assert_int_equal(d.end_year, 1958);
    struct recite_answer_date bad;
    static const char *const invalid[] = {"'5", "'195", "'1954", "' 54", "54'"};
    for (size_t i = 0; i < COUNT(invalid); i++)
        assert_int_equal(recite_answer_date_parse(&bad, invalid[i]), RECITE_EDATA);
    assert_int_equal(date_check("in '49", "1949-04-04", RECITE_DATE_YEAR).verdict,
                     RECITE_ANSWER_RIGHT);
}

static void test_answer_date_ordinals_and_weekdays(void **state)
{
    (void)state;
    static const char *const april[] = {
        "4th April 1949", "the 4th of April, 1949", "April 4th, 1949", "April the 4th, 1949",
        "4th Apr 1949",   "Monday, 4 April 1949",   "1949-4-4",        "on Mon 4th April 1949",
        "4TH APRIL 1949",
    };
    for (size_t i = 0; i < COUNT(april); i++) {
        struct recite_answer_date d = date_of(april[i]);
        assert_int_equal(d.year, 1949);
        assert_int_equal(d.month, 4);
        assert_int_equal(d.day, 4);
    }
    static const char *const september[] = {"Sept. 12 2001", "Sept 12, 2001",
                                            "Tuesday, 12 September 2001", "Tue 12 Sep 2001",
                                            "on Tuesday the 12th of September 2001"};
    for (size_t i = 0; i < COUNT(september); i++) {
        struct recite_answer_date d = date_of(september[i]);
        assert_int_equal(d.year, 2001);
        assert_int_equal(d.month, 9);
        assert_int_equal(d.day, 12);
    }
    struct recite_answer_date bad;
    static const char *const invalid[] = {"12 Sep 01", "12 September 2001 Tuesday",
                                          "4 th April 1949", "Funday 4 April 1949"};
    for (size_t i = 0; i < COUNT(invalid); i++)
        assert_int_equal(recite_answer_date_parse(&bad, invalid[i]), RECITE_EDATA);
}

static void test_answer_date_leading_words(void **state)
{
    (void)state;
    static const char *const forms[] = {"in 1949", "on 1949", "the year 1949", "year 1949",
                                        "in the year 1949"};
    for (size_t i = 0; i < COUNT(forms); i++) {
        struct recite_answer_date d = date_of(forms[i]);
        assert_int_equal(d.year, 1949);
        assert_int_equal(recite_answer_date_precision(&d), RECITE_DATE_YEAR);
    }
    /* hedges are never an exact date */
    struct recite_answer_date bad;
    static const char *const hedges[] = {"around 1949",  "about 1949", "c. 1949",     "circa 1949",
                                         "roughly 1949", "1949 year",  "before 1949", "after 1949"};
    for (size_t i = 0; i < COUNT(hedges); i++)
        assert_int_equal(recite_answer_date_parse(&bad, hedges[i]), RECITE_EDATA);
    struct recite_answer_date_result r = date_check("around 1949", "1949", RECITE_DATE_YEAR);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(r.flags, RECITE_ANSWER_UNRECOGNISED);
}

/* ---- numbers ---- */

/* The numbers of text, normalised first; at most 4 kept. */
static size_t numbers_of(struct recite_answer_number *out, const char *text)
{
    char *norm = NULL;
    assert_int_equal(recite_answer_normalize(&norm, text, NULL), 0);
    size_t count = recite_answer_numbers(out, 4, norm);
    free(norm);
    return count;
}

/* The one number of text. */
static struct recite_answer_number number_of(const char *text)
{
    struct recite_answer_number n[4];
    assert_int_equal(numbers_of(n, text), 1);
    return n[0];
}

static void assert_number(const char *text, double value, bool ordinal)
{
    struct recite_answer_number n = number_of(text);
    if (n.value != value || n.ordinal != ordinal)
        fail_msg("'%s' read as %g%s, not %g%s", text, n.value, n.ordinal ? " (ordinal)" : "", value,
                 ordinal ? " (ordinal)" : "");
}

static bool same_number(const char *text, double value, const char *const *allowed)
{
    char *norm = NULL;
    assert_int_equal(recite_answer_normalize(&norm, text, NULL), 0);
    bool same = recite_answer_same_number(norm, value, allowed);
    free(norm);
    return same;
}

static void test_answer_numbers_digits(void **state)
{
    (void)state;
    assert_number("32", 32, false);
    assert_number("1949", 1949, false);
    assert_number("3.5", 3.5, false);
    assert_number("3.15", 3.15, false);
    assert_number("0.1", 0.1, false);
    assert_number("1,400", 1400, false);
    assert_number("2%", 2, false);
    assert_number("3rd", 3, true);
    assert_number("18th", 18, true);
    assert_number("32nd", 32, true);
    assert_number("1.5 million", 1.5e6, false);
    assert_number("3 hundred", 300, false);
    struct recite_answer_number n[4];
    assert_int_equal(numbers_of(n, "3 2"), 2);
    assert_true(n[0].value == 3 && n[1].value == 2);
    assert_int_equal(numbers_of(n, "32 or 33"), 2);
    assert_int_equal(n[1].start, 6);
    assert_int_equal(n[1].end, 8);
    /* not numbers: digits with other letters, dotted runs, 31 digits */
    assert_int_equal(numbers_of(n, "1990s 3x 1.2.3 1234567890123456789012345678901"), 0);
    assert_int_equal(numbers_of(n, "no number here"), 0);
    assert_int_equal(numbers_of(n, ""), 0);
    /* more numbers than room: all counted, cap written */
    assert_int_equal(numbers_of(n, "1 2 3 4 5 6"), 6);
    assert_true(n[3].value == 4);
    assert_int_equal(recite_answer_numbers(NULL, 0, "1 2"), 2);
}

static void test_answer_numbers_words(void **state)
{
    (void)state;
    assert_number("thirty two", 32, false);
    assert_number("Thirty-two", 32, false);
    assert_number("twelve", 12, false);
    assert_number("zero", 0, false);
    assert_number("a hundred", 100, false);
    assert_number("one hundred and forty", 140, false);
    assert_number("one hundred forty", 140, false);
    assert_number("two thousand and four", 2004, false);
    assert_number("twenty five hundred", 2500, false);
    assert_number("eighteen hundred", 1800, false);
    assert_number("a dozen", 12, false);
    assert_number("two dozen", 24, false);
    assert_number("three point five", 3.5, false);
    assert_number("zero point two five", 0.25, false);
    assert_number("first", 1, true);
    assert_number("twelfth", 12, true);
    assert_number("twenty-first", 21, true);
    assert_number("one hundred and first", 101, true);
    assert_number("hundredth", 100, true);
    assert_number("one million two hundred thousand three hundred and five", 1200305, false);
    assert_number("nine hundred and ninety-nine million nine hundred and ninety-nine thousand "
                  "nine hundred and ninety-nine",
                  999999999, false);
    assert_number("two billion", 2e9, false);
    struct recite_answer_number n[4];
    /* a number inside a sentence, with its span */
    assert_int_equal(numbers_of(n, "about a hundred members"), 1);
    assert_true(n[0].value == 100);
    assert_int_equal(n[0].start, 6);
    assert_int_equal(n[0].end, 15);
    /* "and" joins only after a hundred or a scale */
    assert_int_equal(numbers_of(n, "one and two"), 2);
    assert_int_equal(numbers_of(n, "hundred and"), 1);
    assert_int_equal(n[0].end, 7);
    /* words that do not combine are separate numbers */
    assert_int_equal(numbers_of(n, "three two"), 2);
    assert_int_equal(numbers_of(n, "thirty 2"), 2);
    assert_int_equal(numbers_of(n, "first second"), 2);
    /* a bare scale counts one only at the start, where an article was dropped */
    assert_int_equal(numbers_of(n, "members hundred"), 0);
    assert_int_equal(numbers_of(n, "a lot"), 0);
}

static void test_answer_numbers_years_in_pairs(void **state)
{
    (void)state;
    assert_number("nineteen forty nine", 1949, false);
    assert_number("nineteen forty-nine", 1949, false);
    assert_number("twenty twenty", 2020, false);
    assert_number("twenty twenty-one", 2021, false);
    assert_number("nineteen oh five", 1905, false);
    assert_number("sixteen sixty six", 1666, false);
    assert_number("nineteen hundred and five", 1905, false);
    assert_number("nineteen eighty fourth", 1984, true);
    struct recite_answer_number n[4];
    /* a small first part is no year: "three nineteen" is two numbers */
    assert_int_equal(numbers_of(n, "three nineteen"), 2);
    assert_int_equal(numbers_of(n, "nineteen five"), 2);
}

static void test_answer_same_number_units_and_allowed(void **state)
{
    (void)state;
    static const char *const nato[] = {"how",  "many", "member", "states",  "allies",
                                       "does", "nato", "have",   "partner", NULL};
    assert_true(same_number("32 members", 32, nato));
    assert_true(same_number("thirty two", 32, nato));
    assert_true(same_number("Thirty-two member states", 32, nato));
    assert_true(same_number("32 allies", 32, nato));
    assert_true(same_number("40 partner states", 40, nato));
    assert_true(same_number("there are 32", 32, nato));
    assert_true(same_number("exactly 32", 32, NULL));
    static const char *const tiers[] = {"tiers", NULL};
    assert_true(same_number("three tiered", 3, tiers));
    assert_true(same_number("three-tiered", 3, tiers));
    assert_true(same_number("3 tiers", 3, tiers));
    assert_true(same_number("3 tier", 3, tiers));
    assert_true(same_number("2 percent", 2, NULL));
    assert_true(same_number("two per cent", 2, NULL));
    assert_true(same_number("2%", 2, NULL));
    assert_true(same_number("2 pc", 2, NULL));
    assert_true(same_number("2", 2, NULL));
    assert_true(same_number("3.5 times", 3.5, NULL));
    assert_true(same_number("1949", 1949, NULL));
    assert_true(same_number("nineteen forty nine", 1949, NULL));
    assert_true(same_number("a dozen", 12, NULL));
    assert_true(same_number("first", 1, NULL));
    assert_true(same_number("18th", 18, NULL));
    /* allowed entries of several words count word by word */
    static const char *const phrase[] = {"member states", NULL};
    assert_true(same_number("32 member states", 32, phrase));
    /* not the same number */
    assert_false(same_number("320", 32, nato));
    assert_false(same_number("3 2", 32, nato));
    assert_false(same_number("33 members", 32, nato));
    assert_false(same_number("32 countries", 32, nato));
    assert_false(same_number("32 per", 32, nato));
    assert_false(same_number("32 per year", 32, nato));
    assert_false(same_number("members", 32, nato));
    assert_false(same_number("", 32, nato));
    /* a suffix is not stripped down to nothing: "s" is no stem of "states" */
    static const char *const short_word[] = {"s", NULL};
    assert_false(same_number("32 es", 32, short_word));
}

static void test_answer_same_number_hedges(void **state)
{
    (void)state;
    /* the question's own words do not excuse a hedge */
    static const char *const allowed[] = {"about", "over", "more", "than", "members", "not", NULL};
    static const char *const hedged[] = {
        "about 32",         "around 32",    "roughly 32", "over 32",         "more than 32",
        "at least 32",      "less than 32", "nearly 32",  "fewer than 32",   "32 or 33",
        "approximately 32", "circa 32",     "up to 32",   "some 32 members", "32 or so",
        "almost 32",        "under 32",     "not 32",     "isn't 32",
    };
    for (size_t i = 0; i < COUNT(hedged); i++)
        if (same_number(hedged[i], 32, allowed))
            fail_msg("'%s' taken as exactly 32", hedged[i]);
    /* the same replies without the hedge are exact */
    assert_true(same_number("32", 32, allowed));
    assert_true(same_number("32 members", 32, allowed));
}

/* ---- lists ---- */

static const char *const m_belgium[] = {"Belgium"};
static const char *const m_canada[] = {"Canada"};
static const char *const m_denmark[] = {"Denmark"};
static const char *const m_france[] = {"France"};
static const char *const m_iceland[] = {"Iceland"};
static const char *const m_italy[] = {"Italy"};
static const char *const m_luxembourg[] = {"Luxembourg"};
static const char *const m_netherlands[] = {"Netherlands", "Holland"};
static const char *const m_norway[] = {"Norway"};
static const char *const m_portugal[] = {"Portugal"};
static const char *const m_uk[] = {"United Kingdom", "UK", "Britain", "Great Britain"};
static const char *const m_us[] = {"United States", "US", "USA", "U.S.",
                                   "United States of America"};

static const struct recite_answer_member founders[] = {
    {m_belgium, 1}, {m_canada, 1},   {m_denmark, 1},    {m_france, 1},
    {m_iceland, 1}, {m_italy, 1},    {m_luxembourg, 1}, {m_netherlands, 2},
    {m_norway, 1},  {m_portugal, 1}, {m_uk, 4},         {m_us, 5},
};

static const char *const founders_not[] = {"Ireland", "Spain", "Germany"};

static struct recite_answer_list_result *list_check(const char *reply)
{
    struct recite_answer_set set = {
        founders, COUNT(founders), founders_not, COUNT(founders_not), NULL, false, NULL, NULL, NULL, NULL};
    struct recite_answer_list_result *r = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_answer_check_list(&r, reply, &set, &err), 0);
    assert_non_null(r);
    return r;
}

static void test_answer_list_complete(void **state)
{
    (void)state;
    struct recite_answer_list_result *r =
        list_check("Belgium, Canada, denmark; France\nIceland and Italy & Luxembourg,"
                   " the Netherlands, Norway, Portugal, U.K., USA");
    assert_int_equal(r->found_count, 12);
    assert_int_equal(r->wrong_count, 0);
    assert_int_equal(r->missed_count, 0);
    assert_int_equal(r->duplicate_count, 0);
    assert_true(r->credit == 1.0);
    assert_int_equal(r->verdict, RECITE_ANSWER_RIGHT);
    assert_int_equal(r->rating, RECITE_RATING_GOOD);
    assert_string_equal(r->found[4].text, "Iceland");
    assert_int_equal(r->found[7].member, 7);
    assert_string_equal(r->found[7].text, "the Netherlands");
    assert_int_equal(r->found[10].spelling, 1); /* UK */
    assert_int_equal(r->found[11].member, 11);
    assert_int_equal(r->found[11].spelling, 2); /* USA */
    recite_answer_list_result_free(r);
}

static void test_answer_list_partial_credit(void **state)
{
    (void)state;
    struct recite_answer_list_result *r = list_check("Belgium, Canada, France, Germany, Poland");
    assert_int_equal(r->found_count, 3);
    assert_int_equal(r->wrong_count, 2);
    assert_string_equal(r->wrong[0], "Germany");
    assert_string_equal(r->wrong[1], "Poland");
    assert_int_equal(r->missed_count, 9);
    assert_int_equal(r->missed[0], 2); /* Denmark */
    assert_int_equal(r->missed[8], 11);
    /* wrong items cost nothing while the reply names no more than the 12 asked */
    assert_true(r->credit > 3.0 / 12 - 1e-9 && r->credit < 3.0 / 12 + 1e-9);
    assert_int_equal(r->verdict, RECITE_ANSWER_PARTIAL);
    assert_int_equal(r->rating, RECITE_RATING_AGAIN); /* under half */
    recite_answer_list_result_free(r);

    r = list_check("Belgium, Canada, Denmark, France, Iceland, Italy, Luxembourg, Spain");
    assert_int_equal(r->found_count, 7);
    assert_int_equal(r->wrong_count, 1);
    assert_true(r->credit > 7.0 / 12 - 1e-9 && r->credit < 7.0 / 12 + 1e-9);
    assert_int_equal(r->verdict, RECITE_ANSWER_PARTIAL);
    assert_int_equal(r->rating, RECITE_RATING_HARD);
    recite_answer_list_result_free(r);

    /* all twelve and two guesses: 14 named for 12, two too many */
    r = list_check("Belgium, Canada, Denmark, France, Iceland, Italy, Luxembourg, Netherlands, "
                   "Norway, Portugal, UK, US, Spain, Germany");
    assert_int_equal(r->found_count, 12);
    assert_int_equal(r->wrong_count, 2);
    assert_true(r->credit > 10.0 / 12 - 1e-9 && r->credit < 10.0 / 12 + 1e-9);
    assert_int_equal(r->verdict, RECITE_ANSWER_PARTIAL);
    recite_answer_list_result_free(r);

    r = list_check("Spain, Germany, Ireland"); /* nothing found */
    assert_true(r->credit == 0.0);
    assert_int_equal(r->verdict, RECITE_ANSWER_WRONG);
    recite_answer_list_result_free(r);
}

static void test_answer_list_duplicates_and_typos(void **state)
{
    (void)state;
    struct recite_answer_list_result *r =
        list_check("France, france, FRANCE, Frnace, Holland, Netherlands, Spain, spain");
    assert_int_equal(r->found_count, 2);
    assert_int_equal(r->found[0].member, 3);
    assert_int_equal(r->found[1].member, 7);
    assert_int_equal(r->found[1].spelling, 1);
    assert_int_equal(r->duplicate_count, 5); /* france, FRANCE, Frnace, Netherlands, spain */
    assert_int_equal(r->wrong_count, 1);
    recite_answer_list_result_free(r);

    r = list_check("Belgum, Canada, Denmark, France, Iceland, Italy, Luxembourg, Netherlands,"
                   " Norway, Portugal, United Kingdom and United States");
    assert_int_equal(r->found_count, 12);
    assert_int_equal(r->almost_count, 1);
    assert_int_equal(r->found[0].distance, 1);
    assert_int_equal(r->verdict, RECITE_ANSWER_ALMOST);
    assert_int_equal(r->rating, RECITE_RATING_HARD);
    recite_answer_list_result_free(r);

    /* a named non-member is wrong even one letter away from a member */
    r = list_check("Ireland");
    assert_int_equal(r->found_count, 0);
    assert_int_equal(r->wrong_count, 1);
    recite_answer_list_result_free(r);
}

static void test_answer_list_and_inside_names(void **state)
{
    (void)state;
    static const char *const bih[] = {"Bosnia and Herzegovina", "BiH"};
    static const char *const serbia[] = {"Serbia"};
    static const char *const mont[] = {"Montenegro"};
    static const char *const tt[] = {"Trinidad and Tobago"};
    static const struct recite_answer_member members[] = {
        {bih, 2}, {serbia, 1}, {mont, 1}, {tt, 1}};
    struct recite_answer_set set = {members, 4, NULL, 0, NULL, false, NULL, NULL, NULL, NULL};
    struct recite_answer_list_result *r = NULL;
    assert_int_equal(recite_answer_check_list(&r,
                                              "Bosnia & Herzegovina and Serbia and Montenegro, "
                                              "Trinidad and Tobgo",
                                              &set, NULL),
                     0);
    assert_int_equal(r->found_count, 4);
    assert_int_equal(r->wrong_count, 0);
    assert_string_equal(r->found[0].text, "Bosnia & Herzegovina");
    assert_string_equal(r->found[3].text, "Trinidad and Tobgo");
    assert_int_equal(r->found[3].distance, 1);
    recite_answer_list_result_free(r);
}

static void test_answer_list_each_item_one_member(void **state)
{
    (void)state;
    static const char *const austria[] = {"Austria"};
    static const char *const australia[] = {"Australia"};
    static const struct recite_answer_member members[] = {{austria, 1}, {australia, 1}};
    struct recite_answer_set set = {members, 2, NULL, 0, NULL, false, NULL, NULL, NULL, NULL};
    struct recite_answer_list_result *r = NULL;
    /* the exact match is taken first; the typo goes to the member still missing */
    assert_int_equal(recite_answer_check_list(&r, "Austrlia; Austria", &set, NULL), 0);
    assert_int_equal(r->found_count, 2);
    assert_int_equal(r->found[0].member, 1);
    assert_int_equal(r->found[1].member, 0);
    recite_answer_list_result_free(r);
    assert_int_equal(recite_answer_check_list(&r, "Austria", &set, NULL), 0);
    assert_int_equal(r->found_count, 1);
    assert_int_equal(r->missed_count, 1);
    assert_int_equal(r->missed[0], 1);
    recite_answer_list_result_free(r);
    struct recite_answer_set empty = {members, 0, NULL, 0, NULL, false, NULL, NULL, NULL, NULL};
    assert_int_equal(recite_answer_check_list(&r, "x", &empty, NULL), RECITE_EUSAGE);
    assert_null(r);
}

/* ---- choice and yes/no ---- */

static struct recite_answer_result choose(const char *reply, const char *const *options,
                                          size_t count, size_t correct)
{
    struct recite_answer_choice c = {options, count, correct, NULL};
    struct recite_answer_result r;
    assert_int_equal(recite_answer_check_choice(&r, reply, &c, NULL), 0);
    return r;
}

static void test_answer_choice(void **state)
{
    (void)state;
    const char *const opts[] = {"Article 4", "Article 5", "Article 10"};
    static const char *const letters[] = {"b", "B", "b)", "(b)", "b.", " (B) "};
    for (size_t i = 0; i < COUNT(letters); i++) {
        struct recite_answer_result r = choose(letters[i], opts, 3, 1);
        assert_int_equal(r.verdict, RECITE_ANSWER_RIGHT);
        assert_int_equal(r.matched, 1);
        assert_true(r.by_letter);
    }
    struct recite_answer_result r = choose("a", opts, 3, 1);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(r.matched, 0);
    assert_string_equal(r.canonical, "Article 5");
    r = choose("article 5", opts, 3, 1);
    assert_int_equal(r.verdict, RECITE_ANSWER_RIGHT);
    assert_false(r.by_letter);
    r = choose("Article 10", opts, 3, 1);
    assert_int_equal(r.matched, 2);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    r = choose("d", opts, 3, 1);
    assert_int_equal(r.flags, RECITE_ANSWER_UNRECOGNISED);
    assert_int_equal(r.matched, -1);
    r = choose("Article 7", opts, 3, 1);
    assert_int_equal(r.flags, RECITE_ANSWER_UNRECOGNISED);
    r = choose("(b", opts, 3, 1);
    assert_int_equal(r.flags, RECITE_ANSWER_UNRECOGNISED);
    const char *const countries[] = {"Belgium", "Canada", "Iceland"};
    r = choose("Canda", countries, 3, 1);
    assert_int_equal(r.verdict, RECITE_ANSWER_RIGHT);
    assert_int_equal(r.matched, 1);
    assert_int_equal(r.distance, 1);
    const char *const close[] = {"Austria", "Australia", "Austral"};
    r = choose("Austrai", close, 3, 0); /* one away from two options: neither */
    assert_int_equal(r.flags, RECITE_ANSWER_UNRECOGNISED);
    struct recite_answer_choice bad = {opts, 3, 3, NULL};
    assert_int_equal(recite_answer_check_choice(&r, "a", &bad, NULL), RECITE_EUSAGE);
}

static void test_answer_true_false(void **state)
{
    (void)state;
    static const char *const yes[] = {"t", "T", "true", "TRUE", "y", "yes", "Yes!", " yes. "};
    static const char *const no[] = {"f", "F", "false", "n", "no", "NO", "No."};
    struct recite_answer_result r;
    for (size_t i = 0; i < COUNT(yes); i++) {
        assert_int_equal(recite_answer_check_bool(&r, yes[i], true), 0);
        assert_int_equal(r.verdict, RECITE_ANSWER_RIGHT);
        assert_int_equal(r.matched, 1);
        assert_int_equal(recite_answer_check_bool(&r, yes[i], false), 0);
        assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    }
    for (size_t i = 0; i < COUNT(no); i++) {
        assert_int_equal(recite_answer_check_bool(&r, no[i], false), 0);
        assert_int_equal(r.verdict, RECITE_ANSWER_RIGHT);
        assert_int_equal(r.matched, 0);
    }
    static const char *const neither[] = {"maybe", "", "yes no", "tru", "nein"};
    for (size_t i = 0; i < COUNT(neither); i++) {
        assert_int_equal(recite_answer_check_bool(&r, neither[i], true), 0);
        assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
        assert_int_equal(r.flags, RECITE_ANSWER_UNRECOGNISED);
    }
}

static void test_answer_ratings(void **state)
{
    (void)state;
    assert_int_equal(recite_answer_rating(RECITE_ANSWER_WRONG), 1);
    assert_int_equal(recite_answer_rating(RECITE_ANSWER_PARTIAL), 2);
    assert_int_equal(recite_answer_rating(RECITE_ANSWER_ALMOST), 2);
    assert_int_equal(recite_answer_rating(RECITE_ANSWER_RIGHT), 3);
}

/* ---- hostile input ---- */

static bool valid_clean_utf8(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0 || utf8proc_category(cp) == UTF8PROC_CATEGORY_CC)
            return false;
        i += (size_t)k;
    }
    return true;
}

static void test_answer_empty_and_blank(void **state)
{
    (void)state;
    const char *const fr[] = {"France"};
    static const char *const blanks[] = {"", " ", "\t\n", "...", "- - -", "\x1b[0m"};
    for (size_t i = 0; i < COUNT(blanks); i++) {
        struct recite_answer_result r = check(blanks[i], fr, 1);
        assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
        assert_int_equal(r.flags, RECITE_ANSWER_EMPTY);
        struct recite_answer_list_result *l = list_check(blanks[i]);
        assert_int_equal(l->flags, RECITE_ANSWER_EMPTY);
        assert_int_equal(l->missed_count, 12);
        recite_answer_list_result_free(l);
    }
    /* an empty accepted spelling never matches anything */
    const char *const empty[] = {"", "..."};
    assert_int_equal(check("", empty, 2).verdict, RECITE_ANSWER_WRONG);
    assert_int_equal(check("a", empty, 2).verdict, RECITE_ANSWER_WRONG);
}

static void test_answer_one_megabyte_line(void **state)
{
    (void)state;
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'a', n);
    big[n] = '\0';
    const char *const fr[] = {"France"};
    struct recite_answer_result r = check(big, fr, 1);
    assert_int_equal(r.flags, RECITE_ANSWER_TOO_LONG);
    assert_int_equal(r.verdict, RECITE_ANSWER_WRONG);
    struct recite_answer_list_result *l = list_check(big);
    assert_int_equal(l->flags, RECITE_ANSWER_TOO_LONG);
    assert_true(l->credit == 0.0);
    recite_answer_list_result_free(l);
    char *out = (char *)1;
    struct recite_error err = {0};
    assert_int_equal(recite_answer_normalize(&out, big, &err), RECITE_EUSAGE);
    assert_null(out);
    struct recite_answer_date known = {1949, 0, 0, 0, false, false};
    struct recite_answer_date_result d;
    assert_int_equal(recite_answer_check_date(&d, big, &known, RECITE_DATE_YEAR, NULL), 0);
    assert_int_equal(d.flags, RECITE_ANSWER_TOO_LONG);
    assert_int_equal(recite_answer_check_bool(&r, big, true), 0);
    assert_int_equal(r.flags, RECITE_ANSWER_TOO_LONG);
    r = choose(big, fr, 1, 0);
    assert_int_equal(r.flags, RECITE_ANSWER_TOO_LONG);
    /* just under the list limit, as many items as fit: refused past the item cap */
    size_t m = RECITE_ANSWER_MAX_LIST_BYTES;
    for (size_t i = 0; i < m; i++)
        big[i] = i % 2 ? ',' : 'x';
    big[m] = '\0';
    l = list_check(big);
    assert_int_equal(l->flags, RECITE_ANSWER_TOO_LONG);
    recite_answer_list_result_free(l);
    /* and as one long item, compared in linear time */
    for (size_t i = 0; i < m; i++)
        big[i] = "Belgium "[i % 8];
    big[m - 1] = '\0';
    l = list_check(big);
    assert_int_equal(l->wrong_count, 1);
    recite_answer_list_result_free(l);
    /* a typed answer of the maximum length against an accepted spelling as long */
    for (size_t i = 0; i < RECITE_ANSWER_MAX_BYTES; i++)
        big[i] = "abcdefghij"[i % 10];
    big[RECITE_ANSWER_MAX_BYTES] = '\0';
    char *almost = recite_strdup(big);
    assert_non_null(almost);
    almost[100] = 'z';
    const char *const long_answer[] = {big};
    assert_int_equal(check(almost, long_answer, 1).verdict, RECITE_ANSWER_ALMOST);
    free(almost);
    free(big);
}

static void test_answer_invalid_utf8(void **state)
{
    (void)state;
    const char *const fr[] = {"France"};
    static const char *const bad[] = {"\xff\xfe",         "\xc3",   "\xc0\xaf",    "\xed\xa0\x80",
                                      "\xf4\x90\x80\x80", "Fr\xc3", "\x80\x80\x80"};
    for (size_t i = 0; i < COUNT(bad); i++) {
        assert_int_equal(check(bad[i], fr, 1).verdict, RECITE_ANSWER_WRONG);
        char *out = NULL;
        assert_int_equal(recite_answer_normalize(&out, bad[i], NULL), 0);
        assert_true(valid_clean_utf8(out));
        free(out);
        struct recite_answer_list_result *l = list_check(bad[i]);
        assert_int_equal(l->found_count, 0);
        recite_answer_list_result_free(l);
    }
    /* a stray byte inside a word is replaced, so it is one typo */
    assert_normal("Fr\xff"
                  "ance",
                  "fr\xef\xbf\xbd"
                  "ance");
    assert_int_equal(check("Fr\xff"
                           "ance",
                           fr, 1)
                         .verdict,
                     RECITE_ANSWER_ALMOST);
}

static void test_answer_escapes_and_controls(void **state)
{
    (void)state;
    const char *const fr[] = {"France"};
    assert_int_equal(check("\x1b[31mFrance\x1b[0m", fr, 1).verdict, RECITE_ANSWER_RIGHT);
    assert_int_equal(check("\x1b]0;owned\x07"
                           "France",
                           fr, 1)
                         .verdict,
                     RECITE_ANSWER_RIGHT);
    assert_int_equal(check("\x1b]8;;http://x\x1b\\France", fr, 1).verdict, RECITE_ANSWER_RIGHT);
    assert_int_equal(check("France\x1b", fr, 1).verdict, RECITE_ANSWER_RIGHT);
    assert_int_equal(check("\xc2\x9b"
                           "2JFrance",
                           fr, 1)
                         .verdict,
                     RECITE_ANSWER_RIGHT);
    /* a control character is a space: "fra nce", one typo away */
    assert_int_equal(check("Fra\x07nce", fr, 1).verdict, RECITE_ANSWER_ALMOST);
    assert_int_equal(check("\x08\x08"
                           "France\r",
                           fr, 1)
                         .verdict,
                     RECITE_ANSWER_RIGHT);
    assert_int_equal(check("Fr\xe2\x80\x8b"
                           "ance",
                           fr, 1)
                         .verdict,
                     RECITE_ANSWER_RIGHT);
    char *out = NULL;
    assert_int_equal(recite_answer_normalize(&out, "a\x1b[1;1H\x1b[2Jb\x7f\x01\x9b", NULL), 0);
    assert_true(valid_clean_utf8(out));
    free(out);
}

/*
 * Normalising and folding take ASCII text without utf8proc, lower-cased:
 * right only while utf8proc maps every ASCII code point, alone or beside
 * another, to itself lower-cased under the options they use. Checked here
 * against the utf8proc installed, and the folds of mixed texts compared.
 */
static void test_answer_ascii_as_utf8proc(void **state)
{
    (void)state;
    for (int a = 0; a < 128; a++) {
        for (int b = 0; b < 128; b++) {
            utf8proc_uint8_t in[2] = {(utf8proc_uint8_t)a, (utf8proc_uint8_t)b}, *out = NULL;
            utf8proc_ssize_t n = utf8proc_map(in, 2, &out, RECITE_NORMALIZE_OPTIONS);
            char want[3] = {(char)(a >= 'A' && a <= 'Z' ? a + 32 : a),
                            (char)(b >= 'A' && b <= 'Z' ? b + 32 : b), 0};
            if (n != 2 || memcmp(out, want, 2) != 0)
                fail_msg("normalising %d %d: not the ASCII lower case", a, b);
            free(out);
            if (a == 0 || b == 0)
                continue;
            utf8proc_uint8_t text[3] = {(utf8proc_uint8_t)a, (utf8proc_uint8_t)b, 0};
            out = utf8proc_NFKC_Casefold(text);
            if (!out || strcmp((const char *)out, want) != 0)
                fail_msg("folding %d %d: not the ASCII lower case", a, b);
            free(out);
        }
    }
    static const char *const texts[] = {"North ATLANTIC Treaty", "Türkiye", "ﬁrst", "A_b-C d", ""};
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        char *fast = fold_text(texts[i]);
        utf8proc_uint8_t *ref = utf8proc_NFKC_Casefold((const utf8proc_uint8_t *)texts[i]);
        assert_non_null(fast);
        assert_non_null(ref);
        assert_string_equal(fast, (const char *)ref);
        free(fast);
        free(ref);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_answer_normalize_accents_and_case),
        cmocka_unit_test(test_answer_normalize_punctuation_and_articles),
        cmocka_unit_test(test_answer_tolerance_table),
        cmocka_unit_test(test_answer_distance),
        cmocka_unit_test(test_answer_typos_at_limits),
        cmocka_unit_test(test_answer_numbers_never_fuzzy),
        cmocka_unit_test(test_answer_aliases),
        cmocka_unit_test(test_answer_known_wrong_and_exact),
        cmocka_unit_test(test_answer_date_formats),
        cmocka_unit_test(test_answer_years_exact_with_offset),
        cmocka_unit_test(test_answer_partial_dates),
        cmocka_unit_test(test_answer_year_ranges),
        cmocka_unit_test(test_answer_date_unreadable),
        cmocka_unit_test(test_answer_date_abbreviated_ranges),
        cmocka_unit_test(test_answer_date_decades),
        cmocka_unit_test(test_answer_decade_checking),
        cmocka_unit_test(test_answer_date_short_years),
        cmocka_unit_test(test_answer_date_ordinals_and_weekdays),
        cmocka_unit_test(test_answer_date_leading_words),
        cmocka_unit_test(test_answer_numbers_digits),
        cmocka_unit_test(test_answer_numbers_words),
        cmocka_unit_test(test_answer_numbers_years_in_pairs),
        cmocka_unit_test(test_answer_same_number_units_and_allowed),
        cmocka_unit_test(test_answer_same_number_hedges),
        cmocka_unit_test(test_answer_list_complete),
        cmocka_unit_test(test_answer_list_partial_credit),
        cmocka_unit_test(test_answer_list_duplicates_and_typos),
        cmocka_unit_test(test_answer_list_and_inside_names),
        cmocka_unit_test(test_answer_list_each_item_one_member),
        cmocka_unit_test(test_answer_choice),
        cmocka_unit_test(test_answer_true_false),
        cmocka_unit_test(test_answer_ratings),
        cmocka_unit_test(test_answer_empty_and_blank),
        cmocka_unit_test(test_answer_one_megabyte_line),
        cmocka_unit_test(test_answer_invalid_utf8),
        cmocka_unit_test(test_answer_escapes_and_controls),
        cmocka_unit_test(test_answer_ascii_as_utf8proc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
