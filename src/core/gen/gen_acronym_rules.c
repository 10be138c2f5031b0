/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Acronym definitions without parentheses: glossary lines ("ANSI    American
 * National Standards Institute", "ANSI - ...", "ANSI: ...", a definition
 * list's "ANSI : ..."), "the Gulf Cooperation Council or GCC" (also
 * "abbreviated", "known as") and "RFC stands for Request for Comments". Each is
 * accepted only when the long form's letters fit the short form.
 */
#include <string.h>

#include "gen_acronym.h"

static const char *const glue_words[] = {
    "of", "and", "for", "the", "in", "on", "to", "at", "by", "with", "from", "a", "an", "&", NULL,
};

static size_t skip_spaces(const char *t, size_t n, size_t i)
{
    while (i < n && gen_is_space(t[i]))
        i++;
    return i;
}

/* A glossary or "or" short form: valid by §1.1, two capitals or more, no lowercase first. */
static bool capital_short_form(const char *sf, size_t n)
{
    if (!gen_acronym_valid_sf(sf, n) || !(gen_is_upper(sf[0]) || gen_is_digit(sf[0])))
        return false;
    size_t upper = 0;
    for (size_t i = 0; i < n; i++) {
        if (gen_is_space(sf[i]))
            return false;
        upper += gen_is_upper(sf[i]);
    }
    return upper >= 2;
}

/* Whether a word has no lowercase letter. */
static bool all_capitals(const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (gen_is_lower(w[i]))
            return false;
    return true;
}

/* Whether a word starts with a capital (after an opening quote or emphasis). */
static bool title_word(const char *w, size_t n)
{
    size_t i = 0;
    while (i < n && (w[i] == '*' || w[i] == '_' || w[i] == '"' || w[i] == '\''))
        i++;
    return i < n && (gen_is_upper(w[i]) || gen_is_digit(w[i]));
}

/*
 * Where the long form of a glossary line must end: a sentence end, a comma,
 * semicolon or colon, a bracket, a quote, a tab, two spaces or a spaced dash.
 */
static size_t glossary_end(const char *t, size_t n, size_t i)
{
    /* a long form is a few words: the scan stays short, so sentences stay linear */
    if (n - i > 256)
        n = i + 256;
    for (; i < n; i++) {
        char c = t[i];
        if (c == '.' && (i + 1 == n || gen_is_space(t[i + 1])))
            return i;
        if (c == ',' || c == ';' || c == ':' || c == '(' || c == '[' || c == '"' || c == '\t' ||
            c == '|')
            return i;
        if (c == ' ' && i + 1 < n && t[i + 1] == ' ')
            return i;
        if (c == ' ' && i + 2 < n && t[i + 1] == '-' && t[i + 2] == ' ')
            return i;
        if (gen_dash_len(t + i, t + n))
            return i;
    }
    return n;
}

static const char *const capital_determiners[] = {"A", "An", "The", NULL};

/*
 * The long form at the start of lf (a glossary line's text after the short
 * form). Word initials may take the shortest run of words that spells sf.
 * The backward character match, looser, must take the whole run of
 * capitalised words ("Because It's Time Network"), end on a word holding
 * the last letter, and fit the word limit: "ESO - European Organisation for
 * Astronomical Research ..." has no prefix that is its long form, and
 * "RESULTS: Review of the literature ..." is an abstract's section, not a
 * definition. title asks every non-glue word to be capitalised (a line with
 * nothing but a space between the forms). Returns the length, or 0.
 */
static size_t fitting_prefix(const char *sf, size_t sfn, const char *lf, size_t n, bool title,
                             const char **rule)
{
    enum { MAX_WORDS = 16 };
    size_t starts[MAX_WORDS], ends[MAX_WORDS], words = 0, run = 0;
    size_t max_words = gen_acronym_max_words(sf, sfn);
    bool run_open = true;
    for (size_t i = 0; i < n && words < MAX_WORDS;) {
        size_t e = i;
        while (e < n && !gen_is_space(lf[e]))
            e++;
        bool glue = gen_word_in(lf + i, e - i, glue_words, false);
        bool capital = glue || title_word(lf + i, e - i);
        /* another short form begins the next entry: "... Voluntary Service CIPSH | ..." */
        if (words > 0 && capital_short_form(lf + i, e - i) && all_capitals(lf + i, e - i))
            break;
        if (words > 0 && gen_word_in(lf + i, e - i, capital_determiners, false))
            capital = false; /* "... Agency Network A pioneering network" */
        if (!capital)
            run_open = false;
        if (title && !run_open)
            break;
        if (words == 0 && glue)
            return 0;
        starts[words] = i;
        ends[words++] = e;
        if (run_open)
            run = words;
        i = skip_spaces(lf, n, e);
    }
    if (run == MAX_WORDS)
        run = 0;
    while (run > 0 &&
           gen_word_in(lf + starts[run - 1], ends[run - 1] - starts[run - 1], glue_words, false))
        run--;
    size_t limit = words < max_words ? words : max_words;
    for (size_t k = 1; k < limit; k++) {
        /* a long form does not end on "of" or "and" */
        if (gen_word_in(lf + starts[k], ends[k] - starts[k], glue_words, false))
            continue;
        long start = gen_acronym_initials(sf, sfn, lf, ends[k]);
        if (start == 0 && gen_acronym_acceptable(lf, ends[k], sf, sfn, max_words)) {
            *rule = "sh";
            return ends[k];
        }
    }
    if (run < 2 || run > max_words)
        return 0;
    size_t len = ends[run - 1], at, last = sfn;
    while (last > 0 && !gen_is_alnum(sf[last - 1]))
        last--;
    bool in_last_word = false;
    for (size_t i = starts[run - 1]; last > 0 && i < len; i++)
        in_last_word |= gen_lower(lf[i]) == gen_lower(sf[last - 1]);
    if (in_last_word && gen_acronym_match(&at, rule, sf, sfn, lf, len) && at == 0 &&
        gen_acronym_acceptable(lf, len, sf, sfn, max_words))
        return len;
    return 0;
}

/* "The ", "A ", "An " before a capitalised word: the length to skip, else 0. */
static size_t determiner(const char *t, size_t n)
{
    for (size_t k = 0; capital_determiners[k]; k++) {
        size_t m = strlen(capital_determiners[k]);
        if (m + 1 < n && memcmp(t, capital_determiners[k], m) == 0 && t[m] == ' ')
            return title_word(t + m + 1, n - m - 1) ? m + 1 : 0;
    }
    return 0;
}

/*
 * A long form inside a definition: "IHL  The internet header field Internet
 * Header Length is ...". A run of capitalised words (glue between them)
 * whose initials spell sf exactly, one word a character. Returns its start
 * in lf and sets *len, or sets *len to 0.
 */
static size_t embedded(const char *sf, size_t sfn, const char *lf, size_t n, size_t *len)
{
    size_t letters = gen_acronym_sf_size(sf, sfn);
    *len = 0;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && !gen_is_space(lf[e]))
            e++;
        bool start = (i == 0 || gen_is_space(lf[i - 1])) && gen_is_upper(lf[i]) &&
                     !all_capitals(lf + i, e - i);
        if (start) {
            /* the run of capitalised and glue words from here, counting the capitalised */
            size_t k = i, end = i, capitals = 0;
            while (k < n && capitals < letters) {
                size_t ke = k;
                while (ke < n && !gen_is_space(lf[ke]))
                    ke++;
                if (gen_word_in(lf + k, ke - k, glue_words, false)) {
                    k = skip_spaces(lf, n, ke);
                    continue;
                }
                if (!title_word(lf + k, ke - k) || all_capitals(lf + k, ke - k))
                    break;
                capitals++;
                end = ke;
                k = skip_spaces(lf, n, ke);
            }
            if (capitals == letters && gen_acronym_initials(sf, sfn, lf + i, end - i) == 0 &&
                gen_acronym_acceptable(lf + i, end - i, sf, sfn, gen_acronym_max_words(sf, sfn))) {
                *len = end - i;
                return i;
            }
        }
        i = skip_spaces(lf, n, e);
    }
    return 0;
}

/* A bullet marker at t[i] ("- ", "* ", "+ ", "• "): its length with the space, else 0. */
static size_t bullet_len(const char *t, size_t n, size_t i)
{
    if (i + 1 < n && (t[i] == '-' || t[i] == '*' || t[i] == '+') && t[i + 1] == ' ')
        return 2;
    if (i + 3 < n && memcmp(t + i, "\xE2\x80\xA2", 3) == 0 && t[i + 3] == ' ')
        return 4;
    return 0;
}

int gen_acronym_glossary(const struct gen_sink *sink, const struct gen_sentence *s)
{
    const char *t = s->text;
    size_t n = s->len;
    size_t i = skip_spaces(t, n, 0);
    i = skip_spaces(t, n, i + bullet_len(t, n, i));
    if (i < n && t[i] == '|') /* a table row: | ANSI | American National ... | */
        i = skip_spaces(t, n, i + 1);
    size_t sf_start = i;
    while (i < n && !gen_is_space(t[i]) && t[i] != ':' && t[i] != '=' && t[i] != '|')
        i++;
    const char *sf = t + sf_start;
    size_t sfn = i - sf_start;
    gen_acronym_unemphasise(&sf, &sfn);
    if (!capital_short_form(sf, sfn))
        return 0;
    /* the separator: a tab or two spaces, ':', '=', a spaced hyphen or a dash */
    size_t spaces = 0;
    bool marked = false;
    for (; i < n && gen_is_space(t[i]); i++, spaces++)
        marked |= t[i] == '\t';
    marked |= spaces >= 2;
    size_t dash = i < n ? gen_dash_len(t + i, t + n) : 0;
    if (i < n && (t[i] == ':' || t[i] == '=' || t[i] == '|')) {
        marked = true;
        i++;
    } else if (spaces && i + 1 < n && t[i] == '-' && t[i + 1] == ' ') {
        marked = true;
        i++;
    } else if (spaces && dash) {
        marked = true;
        i += dash;
    }
    if (!marked && spaces != 1)
        return 0;
    size_t lf_start = skip_spaces(t, n, i);
    size_t lf_end = glossary_end(t, n, lf_start);
    /* "IMP  The Interface Message Processor, ...": the article is not the long form's */
    size_t det = determiner(t + lf_start, lf_end - lf_start);
    if (det)
        lf_start += det;
    const char *rule = "sh";
    size_t len = fitting_prefix(sf, sfn, t + lf_start, lf_end - lf_start, !marked, &rule);
    if (len == 0) {
        size_t at = embedded(sf, sfn, t + lf_start, lf_end - lf_start, &len);
        if (len == 0)
            return 0;
        lf_start += at;
    }
    return gen_acronym_emit(sink, sf, sfn, t + lf_start, len, rule, NULL);
}

/* Phrases between a long form and its short form, longest first. */
static const char *const after_long_form[] = {
    "or simply ",      "or ",           "abbreviated as ",
    "abbreviated to ", "abbreviated ",  "also known as ",
    "known as ",       "shortened to ", NULL,
};

/* Phrases between a short form and its long form. */
static const char *const after_short_form[] = {
    "stands for ",
    "is short for ",
    "is an acronym for ",
    "is an acronym of ",
    "is the acronym for ",
    "is an abbreviation for ",
    "is an abbreviation of ",
    "is the abbreviation for ",
    "is the abbreviation of ",
    NULL,
};

static size_t connector_of(const char *t, size_t n, const char *const *list);

/* The length of the phrase of list that t starts with (case-sensitive), else 0. */
static inline size_t connector(const char *t, size_t n, const char *const *list)
{
    /* inline: asked at every space, nearly always answered by the first byte */
    if (n == 0 || (t[0] != 'o' && t[0] != 'a' && t[0] != 'k' && t[0] != 's' && t[0] != 'i'))
        return 0;
    return connector_of(t, n, list);
}

static size_t connector_of(const char *t, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++) {
        /* byte by byte: most entries differ in their first bytes, so no strlen */
        const char *w = list[i];
        size_t m = 0;
        while (w[m] && m < n && t[m] == w[m])
            m++;
        if (!w[m])
            return m;
    }
    return 0;
}

/*
 * "RFC stands for Request for Comments", "GSS, which stands for ...",
 * "SF is an acronym for ...": the long form follows, and must spell the
 * short form from its first word.
 */
int gen_acronym_stands_for(const struct gen_sink *sink, const struct gen_sentence *s)
{
    const char *t = s->text;
    size_t n = s->len;
    for (size_t i = 1; i + 1 < n; i++) {
        /* after_short_form starts "st" or "is": two bytes rule out most words */
        if (t[i - 1] != ' ' ||
            !((t[i] == 's' && t[i + 1] == 't') || (t[i] == 'i' && t[i + 1] == 's')))
            continue;
        size_t joint = connector(t + i, n - i, after_short_form);
        if (!joint)
            continue;
        /* the short form: the token before, or before ", which" */
        size_t e = i - 1;
        if (e >= 7 && memcmp(t + e - 7, ", which", 7) == 0)
            e -= 7;
        size_t a = e;
        while (a > 0 && !gen_is_space(t[a - 1]))
            a--;
        const char *sf = t + a;
        size_t sfn = e - a;
        while (sfn && (sf[sfn - 1] == ',' || sf[sfn - 1] == '"' || sf[sfn - 1] == '\''))
            sfn--;
        while (sfn && (sf[0] == '"' || sf[0] == '\'')) {
            sf++;
            sfn--;
        }
        gen_acronym_unemphasise(&sf, &sfn);
        if (!capital_short_form(sf, sfn))
            continue;
        size_t l = skip_spaces(t, n, i + joint);
        if (l + 4 <= n && memcmp(t + l, "the ", 4) == 0)
            l += 4;
        size_t q = l < n ? gen_open_quote_len(t + l, t + n) : 0;
        l += q;
        while (l < n && (t[l] == '*' || t[l] == '_'))
            l++;
        size_t end = glossary_end(t, n, l);
        for (size_t k = l; k < end; k++)
            if (gen_close_quote_len(t + k, t + n) && (k + 1 == end || !gen_is_alnum(t[k + 1]))) {
                end = k;
                break;
            }
        const char *rule = "sh";
        size_t len = fitting_prefix(sf, sfn, t + l, end - l, false, &rule);
        if (len == 0)
            continue;
        int rc = gen_acronym_emit(sink, sf, sfn, t + l, len, rule, NULL);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/*
 * "NATO, the North Atlantic Treaty Organization, ...": a short form, a
 * comma, and capitalised words whose initials spell it, closed by a comma
 * or the sentence end.
 */
int gen_acronym_apposition(const struct gen_sink *sink, const struct gen_sentence *s)
{
    const char *t = s->text;
    size_t n = s->len;
    for (size_t i = 1; i + 2 < n; i++) {
        /* commas are few: found with memchr */
        const char *comma = memchr(t + i, ',', n - 2 - i);
        if (!comma)
            break;
        i = (size_t)(comma - t);
        if (t[i + 1] != ' ' || gen_is_space(t[i - 1]))
            continue;
        size_t a = i;
        while (a > 0 && !gen_is_space(t[a - 1]))
            a--;
        const char *sf = t + a;
        size_t sfn = i - a;
        gen_acronym_unemphasise(&sf, &sfn);
        if (!capital_short_form(sf, sfn))
            continue;
        size_t l = i + 2;
        if (l + 4 <= n && memcmp(t + l, "the ", 4) == 0)
            l += 4;
        size_t end = glossary_end(t, n, l);
        /* the long form must be the whole apposition: a comma or the end follows */
        if (end < n && t[end] != ',' && t[end] != '.')
            continue;
        size_t words = 0;
        for (size_t k = l; k < end; k++)
            words += !gen_is_space(t[k]) && (k == l || gen_is_space(t[k - 1]));
        if (words < 2 || words > gen_acronym_max_words(sf, sfn))
            continue;
        long at = gen_acronym_initials(sf, sfn, t + l, end - l);
        if (at != 0 || !title_word(t + l, end - l) ||
            !gen_acronym_acceptable(t + l, end - l, sf, sfn, gen_acronym_max_words(sf, sfn)))
            continue;
        int rc = gen_acronym_emit(sink, sf, sfn, t + l, end - l, "sh", NULL);
        if (rc < 0)
            return rc;
    }
    return 0;
}

/*
 * An entry that is nothing but a name, "or" and a short form: "Alternative
 * for Germany or AfD", "Social Democratic Party or SPD" (a reference entry's
 * list, one a line). The letters may come from another language, so the
 * definition is kept, marked for review.
 */
static int whole_entry(const struct gen_sink *sink, const char *t, size_t n, size_t e,
                       const char *sf, size_t sfn)
{
    size_t rest = (size_t)(sf - t) + sfn;
    while (rest < n && (t[rest] == '.' || t[rest] == ';' || gen_is_space(t[rest])))
        rest++;
    if (rest < n || e == 0)
        return 0;
    size_t words = 0;
    for (size_t i = 0; i < e;) {
        size_t we = i;
        while (we < e && !gen_is_space(t[we]))
            we++;
        bool glue = gen_word_in(t + i, we - i, glue_words, false);
        if ((words == 0 && glue) || (!glue && !title_word(t + i, we - i)) ||
            capital_short_form(t + i, we - i))
            return 0;
        words++;
        i = skip_spaces(t, e, we);
    }
    if (words < 2 || words > gen_acronym_max_words(sf, sfn) ||
        !gen_acronym_acceptable(t, e, sf, sfn, gen_acronym_max_words(sf, sfn)))
        return 0;
    return gen_acronym_emit(sink, sf, sfn, t, e, "synonym", "letters do not match");
}

int gen_acronym_or(const struct gen_sink *sink, const struct gen_sentence *s)
{
    const char *t = s->text;
    size_t n = s->len;
    /* the bytes this scan stops at: 1 ends a clause, 2 may precede a connector */
    static const unsigned char stop[256] = {[';'] = 1, [':'] = 1, ['('] = 1, [')'] = 1,
                                            ['['] = 1, [']'] = 1, [' '] = 2};
    size_t clause = 0; /* start of the text the long form may come from */
    for (size_t i = 0; i + 4 < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (!stop[c])
            continue;
        if (stop[c] == 1) {
            clause = i + 1;
            continue;
        }
        /* after_long_form starts "or", "ab", "al", "kn" or "sh": two bytes rule out most words */
        char a0 = t[i + 1], a1 = t[i + 2];
        if (!((a0 == 'o' && a1 == 'r') || (a0 == 'a' && (a1 == 'b' || a1 == 'l')) ||
              (a0 == 'k' && a1 == 'n') || (a0 == 's' && a1 == 'h')))
            continue;
        size_t joint = connector(t + i + 1, n - i - 1, after_long_form);
        if (!joint)
            continue;
        size_t a = i + 1 + joint, b;
        if (a + 4 <= n && memcmp(t + a, "the ", 4) == 0)
            a += 4;
        b = a;
        while (b < n && !gen_is_space(t[b]) && t[b] != ',' && t[b] != ';' && t[b] != ')' &&
               t[b] != ':' && !(t[b] == '.' && (b + 1 == n || gen_is_space(t[b + 1]))))
            b++;
        const char *sf = t + a;
        size_t sfn = b - a;
        gen_acronym_unemphasise(&sf, &sfn);
        if (!capital_short_form(sf, sfn))
            continue;
        bool letters_only = true;
        for (size_t k = 0; k < sfn; k++)
            letters_only &= gen_is_upper(sf[k]) || gen_is_digit(sf[k]) || sf[k] == '&';
        /* the window: the last max_words words before ", or" / " or" */
        size_t e = i;
        if (e > clause && t[e - 1] == ',')
            e--;
        if (!letters_only) { /* "Alternative for Germany or AfD" */
            int rc = whole_entry(sink, t, n, e, sf, sfn);
            if (rc < 0)
                return rc;
            continue;
        }
        size_t max_words = gen_acronym_max_words(sf, sfn), words = 0, w = e;
        while (w > clause && words < max_words) {
            while (w > clause && gen_is_space(t[w - 1]))
                w--;
            size_t end = w;
            while (w > clause && !gen_is_space(t[w - 1]))
                w--;
            if (w == end || (words && t[end - 1] == ','))
                break;
            words++;
        }
        while (w < e && gen_is_space(t[w]))
            w++;
        if (w >= e)
            continue;
        long at = gen_acronym_initials(sf, sfn, t + w, e - w);
        if (at < 0) {
            int rc = whole_entry(sink, t, n, e, sf, sfn);
            if (rc < 0)
                return rc;
            continue;
        }
        const char *lf = t + w + at;
        size_t lfn = e - w - (size_t)at;
        size_t tokens = 0;
        for (size_t k = 0; k < lfn; k++)
            tokens += !gen_is_space(lf[k]) && (k == 0 || gen_is_space(lf[k - 1]));
        static const char *const alternatives[] = {"either", "whether", "neither", "both", NULL};
        size_t first = 0;
        while (first < lfn && !gen_is_space(lf[first]))
            first++;
        if (tokens < 2 || gen_word_in(lf, first, alternatives, true) ||
            !gen_acronym_acceptable(lf, lfn, sf, sfn, max_words))
            continue;
        int rc = gen_acronym_emit(sink, sf, sfn, lf, lfn, "sh", NULL);
        if (rc < 0)
            return rc;
    }
    return 0;
}
