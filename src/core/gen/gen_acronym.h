/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared between the parenthesis extractor (gen_acronym.c) and the
 * layout rules (gen_acronym_rules.c): short-form checks, the word-initial
 * match, the long-form rejections and the fact emitter.
 */
#ifndef RECITE_GEN_ACRONYM_H
#define RECITE_GEN_ACRONYM_H

#include "gen_internal.h"

/* Spec §1.1: 2-10 characters, at most 2 tokens, a letter, an uppercase letter or digit. */
bool gen_acronym_valid_sf(const char *p, size_t n);
/* Alphanumeric characters of a short form (|SF| in the window rule). */
size_t gen_acronym_sf_size(const char *sf, size_t n);
/* The most long-form words a short form allows: min(|SF| + 5, 2|SF|). */
size_t gen_acronym_max_words(const char *sf, size_t n);
/*
 * Every SF character on a word initial, right to left, skipping only
 * function words. Returns the start of the long form in w, or -1.
 */
long gen_acronym_initials(const char *sf, size_t sfn, const char *w, size_t wl);
/* §1.3 rejections: true when lf is an acceptable long form of sf. */
bool gen_acronym_acceptable(const char *lf, size_t n, const char *sf, size_t m, size_t max_words);
/*
 * Strips emphasis around a token: "**GCC**", "*GCC*", "_GCC_", "`GCC`"
 * become "GCC". Only matching runs on both sides are taken off.
 */
void gen_acronym_unemphasise(const char **s, size_t *n);
/* Hands one definition to sink (emphasis markers dropped from lf). Returns 0 or < 0. */
int gen_acronym_emit(const struct gen_sink *sink, const char *sf, size_t sfn, const char *lf,
                     size_t lfn, const char *rule, const char *low);

/* Glossary lines: "ANSI    American National ...", "ANSI - ...", "ANSI: ..." (rules file). */
int gen_acronym_glossary(const struct gen_sink *sink, const struct gen_sentence *s);
/* "the Gulf Cooperation Council or GCC": a long form, "or" (or "known as"), its short form. */
int gen_acronym_or(const struct gen_sink *sink, const struct gen_sentence *s);
/* "NATO, the North Atlantic Treaty Organization, ...": a short form in apposition. */
int gen_acronym_apposition(const struct gen_sink *sink, const struct gen_sentence *s);
/* "RFC stands for Request for Comments": a short form, "stands for", its long form. */
int gen_acronym_stands_for(const struct gen_sink *sink, const struct gen_sentence *s);

#endif
