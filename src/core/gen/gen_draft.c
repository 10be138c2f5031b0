/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The draft writer: one small emitter for the baseline .bank text format.
 * Values are single lines with `|` and `\` escaped, keys match
 * [A-Za-z0-9][A-Za-z0-9._-]* and are unique, every fact cites its source.
 */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bank_internal.h"
#include "gen_pipeline.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/gen.h"

static bool key_char(char c)
{
    return gen_is_alnum(c) || c == '.' || c == '_' || c == '-';
}

static bool valid_key(const char *s)
{
    if (!s[0] || !gen_is_alnum(s[0]))
        return false;
    for (size_t i = 0; s[i]; i++)
        if (!key_char(s[i]))
            return false;
    return true;
}

/* v in decimal, zero-padded to width digits, as printf's "%0*zu" writes it (no printf per fact). */
static size_t put_number(char *out, size_t v, int width)
{
    char digits[24];
    int k = 0;
    do {
        digits[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (k < width && k < (int)sizeof(digits))
        digits[k++] = '0';
    size_t n = 0;
    while (k > 0)
        out[n++] = digits[--k];
    out[n] = '\0';
    return n;
}

static void add_number(struct recite_buf *b, size_t v, int width)
{
    char s[32];
    gen_buf_add(b, s, put_number(s, v, width));
}

/* A confidence as "%.2f" writes it; the printf path for any value not at two decimals. */
static void add_confidence(struct recite_buf *b, double c)
{
    double k = floor(c * 100.0 + 0.5);
    if (!(c >= 0.0 && c <= 1.0 && fabs(c * 100.0 - k) < 1e-6)) {
        char s[32];
        snprintf(s, sizeof(s), "%.2f", c);
        gen_buf_adds(b, s);
        return;
    }
    unsigned v = (unsigned)k; /* 0 to 100 */
    char s[4] = {(char)('0' + v / 100), '.', (char)('0' + v % 100 / 10), (char)('0' + v % 10)};
    gen_buf_add(b, s, sizeof(s));
}

/* Lowercase ASCII slug of the first max_words words of s, appended to b. */
static void slug(struct recite_buf *b, const char *s, int max_words)
{
    /* written in place: at most a dash and a byte for each byte of s */
    if (!s || recite_buf_reserve(b, 2 * strlen(s)) < 0)
        return;
    char *out = b->data;
    size_t len = b->len;
    int words = 0;
    bool dash = len > 0;
    for (size_t i = 0; s[i] && words < max_words; i++) {
        char c = s[i];
        if (gen_is_alnum(c)) {
            if (dash && len > 0)
                out[len++] = '-';
            dash = false;
            out[len++] = gen_lower(c);
        } else if (!dash && len > 0) {
            dash = true;
            if (c == ' ')
                words++;
        }
    }
    out[len] = '\0';
    b->len = len;
}

static void base_key(struct recite_buf *b, const struct recite_gen_fact *f)
{
    switch (f->kind) {
    case RECITE_GEN_ACRONYM:
        if (valid_key(f->short_form)) {
            gen_buf_adds(b, f->short_form);
            return;
        }
        for (size_t i = 0; f->short_form[i]; i++)
            if (key_char(f->short_form[i]) && (b->len || gen_is_alnum(f->short_form[i])))
                gen_buf_addc(b, f->short_form[i]);
            else if (b->len && b->data[b->len - 1] != '-')
                gen_buf_addc(b, '-');
        if (!b->len)
            gen_buf_adds(b, "acronym");
        return;
    case RECITE_GEN_EVENT:
        for (size_t i = 0; f->when[i]; i++)
            gen_buf_addc(b, f->when[i] == '/' ? '-' : f->when[i]);
        slug(b, f->what, 4);
        return;
    case RECITE_GEN_SET: {
        slug(b, f->prompt, 5);
        if (!b->len)
            gen_buf_adds(b, "list");
        gen_buf_addc(b, '-');
        add_number(b, f->member_count, 1);
        return;
    }
    }
}

/*
 * A bank line holds at most 4096 bytes: values are cut to fit, at a
 * character boundary, with an ellipsis. LINE_MAX_BYTES leaves room for it.
 */
#define LINE_MAX_BYTES 4000

/* Eight bytes of a value at once, for the scans below (unaligned, any byte order). */
static inline uint64_t load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL

/* Whether a byte of v is 0 (exact, Hacker's Delight 6-1). */
static inline bool has_zero8(uint64_t v)
{
    return ((v - ONES8) & ~v & HIGH8) != 0;
}

/*
 * Whether a byte of v needs a look: a control character (DEL too), '|',
 * '\', or 0xC2, which leads the C1 controls U+0080..U+009F in UTF-8.
 */
static inline bool has_special8(uint64_t v)
{
    bool control = ((v - 0x20 * ONES8) & ~v & HIGH8) != 0; /* a byte < 0x20 (exact) */
    return control || has_zero8(v ^ (0x7F * ONES8)) || has_zero8(v ^ (0xC2 * ONES8)) ||
           has_zero8(v ^ ('|' * ONES8)) || has_zero8(v ^ ('\\' * ONES8));
}

static inline bool plain_byte(char c)
{
    unsigned char u = (unsigned char)c;
    return u >= 0x20 && u != 0x7F && u != 0xC2 && c != '|' && c != '\\';
}

/* The bytes of the control character at s[i, n) (C0, DEL or C1); 0 when it is none. */
static size_t control_len(const char *s, size_t i, size_t n)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == 0x7F)
        return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
        (unsigned char)s[i + 1] <= 0x9F)
        return 2;
    return 0;
}

#if defined(__GNUC__)
/* Sixteen bytes as one vector (GCC and Clang; SSE2 on x86-64, NEON on ARM). */
typedef unsigned char bytes16 __attribute__((vector_size(16)));

/* has_special8() of sixteen bytes at once. */
static inline bool has_special16(const char *p)
{
    bytes16 v;
    memcpy(&v, p, sizeof(v));
    bytes16 special = (bytes16)((v < 0x20) | (v == 0x7F) | (v == 0xC2) | (v == '|') | (v == '\\'));
    uint64_t half[2];
    memcpy(half, &special, sizeof(half));
    return (half[0] | half[1]) != 0;
}
#endif

/* The end of the run of plain bytes of s[i, n): sixteen or eight at a time, as quotes are long. */
static size_t plain_run(const char *s, size_t i, size_t n)
{
#if defined(__GNUC__)
    while (i + 16 <= n && !has_special16(s + i))
        i += 16;
#endif
    while (i + 8 <= n && !has_special8(load8(s + i)))
        i += 8;
    while (i < n && plain_byte(s[i]))
        i++;
    return i;
}

/* Writes s (n bytes) escaped, at most budget bytes of output; returns the bytes left. */
static size_t put_escaped(struct recite_buf *b, const char *s, size_t n, size_t budget)
{
    if (2 * n + 3 <= budget) {
        /* it fits even if every byte were escaped: room for that, then runs of plain bytes whole */
        if (recite_buf_reserve(b, 2 * n) < 0)
            return budget;
        char *out = b->data + b->len, *start = out;
        for (size_t i = 0; i < n;) {
            size_t run = plain_run(s, i, n);
            memcpy(out, s + i, run - i);
            out += run - i;
            if (run == n)
                break;
            size_t control = control_len(s, run, n);
            if (s[run] == '|' || s[run] == '\\') {
                *out++ = '\\';
                *out++ = s[run];
            } else {
                /* a control character is a space; 0xC2 leading a printable character stays */
                *out++ = control ? ' ' : s[run];
            }
            i = run + (control ? control : 1);
        }
        size_t written = (size_t)(out - start);
        b->len += written;
        b->data[b->len] = '\0';
        return budget - written;
    }
    for (size_t i = 0; s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t control = control_len(s, i, i + 2); /* s is NUL-terminated */
        if (control) {
            if (budget < 1 + 3) {
                gen_buf_adds(b, "\xE2\x80\xA6");
                return 0;
            }
            gen_buf_addc(b, ' ');
            budget -= 1;
            i += control - 1;
            continue;
        }
        size_t need = (c == '|' || c == '\\') ? 2 : 1;
        /* the whole character must fit, and an ellipsis after it if more follows */
        size_t char_len = 1;
        while ((s[i + char_len] & 0xC0) == 0x80)
            char_len++;
        if (need + char_len - 1 + 3 > budget) {
            gen_buf_adds(b, "\xE2\x80\xA6");
            return 0;
        }
        if (need == 2)
            gen_buf_addc(b, '\\');
        gen_buf_addc(b, (char)c);
        budget -= need;
    }
    return budget;
}

/*
 * A value as a card shows it: runs of spaces one space (a word taken out
 * leaves two), and a straight double quote that opens or closes nothing
 * dropped ('Questions and Answers"'). Returns s itself when nothing changes,
 * else a malloc'd copy in *copy; *len is the length of what is returned.
 * Most values need neither: memchr and strstr rule both out a vector at a time.
 */
static const char *tidy_value(const char *s, size_t *len, char **copy)
{
    *copy = NULL;
    size_t n = strlen(s);
    *len = n;
    bool doubled = strstr(s, "  ") != NULL;
    /* a stray quote is an odd count of them with one at an end: count only then */
    bool stray = false;
    if (n > 1 && (s[0] == '"' || s[n - 1] == '"')) {
        size_t quotes = 0;
        for (const char *p = s; (p = memchr(p, '"', (size_t)(s + n - p))) != NULL; p++)
            quotes++;
        stray = quotes % 2 == 1;
    }
    if (!doubled && !stray)
        return s;
    char *out = malloc(n + 1);
    if (!out)
        return s;
    size_t k = 0;
    bool dropped = !stray;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' && (k == 0 || out[k - 1] == ' '))
            continue;
        if (!dropped && s[i] == '"' && (i == 0 ? s[0] == '"' : i == n - 1)) {
            dropped = true;
            continue;
        }
        out[k++] = s[i];
    }
    while (k > 0 && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    *copy = out;
    *len = k;
    return out;
}

/* name: value, the value as a card shows it (tidy_value) unless it is quoted as it stands. */
static void put_field(struct recite_buf *b, const char *name, size_t name_len, const char *value,
                      bool tidy)
{
    char *copy = NULL;
    size_t n;
    if (tidy)
        value = tidy_value(value, &n, &copy);
    else
        n = strlen(value);
    gen_buf_add(b, name, name_len);
    gen_buf_add(b, ": ", 2);
    put_escaped(b, value, n, LINE_MAX_BYTES - name_len - 2);
    gen_buf_addc(b, '\n');
    free(copy);
}

static void field(struct recite_buf *b, const char *name, const char *value)
{
    put_field(b, name, strlen(name), value, true);
}

/* A field whose value is written as it stands (runs of spaces kept): a quote or a citation. */
static void field_as_is(struct recite_buf *b, const char *name, const char *value)
{
    put_field(b, name, strlen(name), value, false);
}

/* long: alternatives separated by " | ", each escaped. */
static void long_field(struct recite_buf *b, const char *value)
{
    gen_buf_adds(b, "long: ");
    const char *p = value;
    size_t budget = LINE_MAX_BYTES - 6;
    for (;;) {
        const char *sep = strstr(p, " | ");
        size_t n = sep ? (size_t)(sep - p) : strlen(p);
        char *part = gen_clean_copy(p, n), *tidy = NULL;
        if (part) {
            size_t tidy_len;
            const char *tidied = tidy_value(part, &tidy_len, &tidy);
            budget = put_escaped(b, tidied, tidy_len, budget);
        }
        free(tidy);
        free(part);
        if (!sep || budget < 64) /* the line is full: the other spellings stay out */
            break;
        gen_buf_adds(b, " | ");
        budget -= 3;
        p = sep + 3;
    }
    gen_buf_addc(b, '\n');
}

/*
 * Baseline `when:` values: decades and ranges become YYYY..YYYY; "the 1800s" and "the
 * 1900s" are centuries, as they are read ("the mid-1800s" is no decade), "the 2000s" a decade.
 */
static void when_value(char *buf, size_t size, const char *when)
{
    size_t n = strlen(when);
    if (n == 5 && when[4] == 's' && when[2] == '0' && when[3] == '0' && when[0] == '1')
        snprintf(buf, size, "%.4s..%.2s99", when, when);
    else if (n == 5 && when[4] == 's')
        snprintf(buf, size, "%.4s..%.3s9", when, when);
    else if (n == 9 && when[4] == '/')
        snprintf(buf, size, "%.4s..%.4s", when, when + 5);
    else {
        size_t k = n < size ? n : size - 1;
        memcpy(buf, when, k);
        buf[k] = '\0';
    }
}

/*
 * Each member's spelling folded as the lint compares them, once: a spelling
 * twice would be one member counted twice. NULL when memory runs out.
 */
static char **fold_members(const struct recite_gen_fact *f)
{
    char **folded = calloc(f->member_count ? f->member_count : 1, sizeof(*folded));
    bool oom = !folded;
    for (size_t i = 0; !oom && i < f->member_count; i++)
        oom = !(folded[i] = bank_fold_spelling(f->members[i]));
    if (oom && folded) {
        for (size_t i = 0; i < f->member_count; i++)
            free(folded[i]);
        free(folded);
        return NULL;
    }
    return folded;
}

/* Whether member i spells the same as an earlier member. */
static bool repeated_member(char *const *folded, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(folded[i], folded[j]) == 0)
            return true;
    return false;
}

/* Whether every member is ASCII: the lint's folding is then A-Z to a-z, and nothing else. */
static bool ascii_members(const struct recite_gen_fact *f)
{
    for (size_t i = 0; i < f->member_count; i++)
        for (const char *p = f->members[i]; *p; p++)
            if ((unsigned char)*p >= 0x80)
                return false;
    return true;
}

static char ascii_fold(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* repeated_member() of ASCII members, folded as they are compared (no copies). */
static bool repeated_ascii_member(const struct recite_gen_fact *f, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        const char *a = f->members[i], *c = f->members[j];
        while (*a && ascii_fold(*a) == ascii_fold(*c)) {
            a++;
            c++;
        }
        if (*a == '\0' && *c == '\0')
            return true;
    }
    return false;
}

static bool blank(const char *s)
{
    return !s || s[strspn(s, " \t")] == '\0';
}

/* Whether the prompt holds a word that reads as an English plural ("states", "allies"). */
static bool has_plural(const char *p)
{
    while (*p) {
        size_t n = strcspn(p, " /-,");
        bool apostrophe = n >= 2 && (p[n - 2] == '\'' || (n >= 4 && (unsigned char)p[n - 4] == 0xE2));
        if (n >= 3 && p[n - 1] == 's' && !apostrophe && p[n - 2] != 's' && p[n - 2] != 'u' &&
            p[n - 2] != 'i')
            return true;
        p += n;
        p += strspn(p, " /-,");
    }
    return false;
}

/*
 * Whether the prompt is a sentence cut out of its place rather than a noun
 * phrase: it ends on a word that needs more after it ("... the governments
 * of", "... consulting with"), a sentence starts right after its first word
 * ("parties The passport is effective in"; "states by which The Limited Test
 * Ban Treaty was signed" is a noun phrase), or it runs past 12 words.
 */
static bool cut_off_prompt(const char *p)
{
    static const char *const dangling[] = {
        "about", "after", "against", "among", "as", "at", "before", "between", "by", "during",
        "for", "from", "in", "into", "of", "on", "over", "since", "than", "through", "to",
        "under", "until", "upon", "via", "with", "within", "without", "and", "or", "nor", "the",
        "a", "an", "this", "that", "these", "those", "its", "their", "which", "who", "whose",
        "was", "were", "is", "are", "be", "been", "has", "have", "had", "will", "would", "can",
        "could", "may", "might", "must", "not", "most", "while", "when", "where", NULL,
    };
    static const char *const sentence_start[] = {"The", "A", "An", "This", "These", "It",
                                                 "They", "Its", "Their", NULL};
    size_t words = 0;
    const char *last = p;
    size_t last_n = 0;
    while (*p) {
        p += strspn(p, " ,");
        size_t n = strcspn(p, " ,");
        if (n == 0)
            break;
        if (words++ == 1 && gen_word_in(p, n, sentence_start, false))
            return true; /* right after the class word: "parties The passport ..." */
        /* "parties to held", "parties to particularly strong": to a verb, not a thing */
        if (words == 3 && last_n == 2 && strncmp(last, "to", 2) == 0 &&
            (gen_past_word(p, n) || (n > 4 && p[n - 2] == 'l' && p[n - 1] == 'y')))
            return true;
        last = p;
        last_n = n;
        p += n;
    }
    while (last_n > 0 && strchr(".;:)\"", last[last_n - 1]))
        last_n--;
    return words > 12 || gen_word_in(last, last_n, dangling, true);
}

/*
 * A set no noun phrase names: a prompt that only quotes the words before the
 * list, holds no plural ("Warsaw Treaty Organization", "network") or is a
 * sentence cut off mid-clause. No question a student could read after
 * "Name all N".
 */
static bool unnamed_list(const struct recite_gen_fact *f)
{
    return f->prompt &&
           (strstr(f->prompt, " listed after \"") || strstr(f->prompt, " listed under \"") ||
            strstr(f->prompt, " listed together") || !has_plural(f->prompt) ||
            cut_off_prompt(f->prompt));
}

/*
 * Why the bank's rules would refuse fact f, or NULL: the draft must always
 * pass `recite bank lint`, so such a fact is written commented out with the
 * reason, for the instructor to mend or drop. why holds the message.
 * *unasked: the fact is left out for want of what a question needs (a
 * description, a noun phrase, evidence) rather than refused.
 */
static const char *refusal_of(char *why, size_t size, const struct recite_gen_fact *f,
                              bool *unasked)
{
    /* what makes a fact left out rather than refused, each worked out once */
    bool unnamed = f->kind == RECITE_GEN_SET && unnamed_list(f);
    bool says_nothing = f->kind == RECITE_GEN_EVENT && blank(f->what);
    *unasked = says_nothing || unnamed || f->confidence < GEN_KEEP_CONFIDENCE;
    if (f->kind == RECITE_GEN_ACRONYM && (blank(f->long_form) || blank(f->short_form)))
        return "an empty form";
    if (f->kind == RECITE_GEN_EVENT) {
        char when[32];
        struct recite_date date;
        struct recite_error err = {0};
        when_value(when, sizeof(when), f->when ? f->when : "");
        if (recite_date_parse(&date, when, &err) < 0) {
            snprintf(why, size, "%s", err.msg);
            return why;
        }
        if (says_nothing)
            return "the sentence says nothing of what happened then (a citation or a stamp?)";
    }
    if (f->kind == RECITE_GEN_SET && (blank(f->prompt) || f->member_count == 0))
        return "no prompt or no members";
    if (unnamed)
        return "no noun phrase names the list (write a prompt to keep it)";
    if (f->confidence < GEN_KEEP_CONFIDENCE) /* the block's first line says why */
        return "weak evidence (check it, then uncomment to keep)";
    return NULL;
}

/* refusal_of(), the reason alone. */
static const char *refusal(char *why, size_t size, const struct recite_gen_fact *f)
{
    bool unasked;
    return refusal_of(why, size, f, &unasked);
}

bool recite_gen_fact_kept(const struct recite_gen_fact *f)
{
    char why[sizeof(((struct recite_error *)0)->msg)];
    return refusal(why, sizeof(why), f) == NULL;
}

static void fact_block(struct recite_buf *b, const struct recite_gen_fact *f, const char *key)
{
    static const char *const kinds[] = {"acronym", "event", "set"};
    gen_buf_addc(b, '\n');
    if (f->confidence < GEN_LOW_CONFIDENCE) {
        const char *weakest = f->low;
        if (!weakest) /* only a weak fact names its weakest evidence */
            gen_confidence(&weakest, f);
        gen_buf_adds(b, "# low confidence (");
        add_confidence(b, f->confidence);
        gen_buf_adds(b, "): ");
        gen_buf_adds(b, weakest);
        gen_buf_addc(b, '\n');
    } else {
        gen_buf_adds(b, "# confidence ");
        add_confidence(b, f->confidence);
        gen_buf_addc(b, '\n');
    }
    if (f->kind == RECITE_GEN_SET && f->concept)
        gen_buf_adds(b, "# concept list\n");
    gen_buf_adds(b, kinds[f->kind]);
    gen_buf_addc(b, ' ');
    gen_buf_adds(b, key);
    gen_buf_addc(b, '\n');
    if (f->kind == RECITE_GEN_ACRONYM) {
        if (strcmp(key, f->short_form) != 0)
            field(b, "short", f->short_form);
        long_field(b, f->long_form);
    } else if (f->kind == RECITE_GEN_EVENT) {
        char when[32];
        when_value(when, sizeof(when), f->when ? f->when : "");
        field(b, "when", when);
        field(b, "what", f->what);
    } else {
        field(b, "prompt", f->prompt);
        /* A spelling twice would be one member counted twice. */
        if (ascii_members(f)) {
            for (size_t i = 0; i < f->member_count; i++)
                if (!repeated_ascii_member(f, i))
                    field(b, "member", f->members[i]);
        } else {
            char **folded = fold_members(f);
            for (size_t i = 0; folded && i < f->member_count; i++)
                if (!repeated_member(folded, i))
                    field(b, "member", f->members[i]);
            if (!folded)
                b->oom = true; /* reported as a failed add is */
            for (size_t i = 0; folded && i < f->member_count; i++)
                free(folded[i]);
            free(folded);
        }
    }
    char cite[64];
    size_t n = put_number(cite, f->doc, 3);
    memcpy(cite + n, " L", 2);
    put_number(cite + n + 2, f->line, 1);
    field_as_is(b, "cite", cite);
    field_as_is(b, "quote", f->quote);
}

static void header(struct recite_buf *b, const struct recite_gen *gen)
{
    gen_buf_adds(b, "# draft written by recite generate: check every fact, then import it\n");
    gen_buf_adds(b, "bank ");
    gen_buf_adds(b, valid_key(gen->bank_id) ? gen->bank_id : "draft");
    gen_buf_addc(b, '\n');
    const char *title = gen->title ? gen->title : gen->doc_count ? gen->docs[0] : "draft";
    char *clean = gen_clean_copy(title, strlen(title));
    field(b, "title", clean && clean[0] ? clean : "draft");
    free(clean);
    /* Score files name the exact bank as id@version: a draft says it is one. */
    field(b, "version", "draft");
    for (size_t i = 0; i < gen->doc_count; i++) {
        char *name = gen_clean_copy(gen->docs[i], strlen(gen->docs[i]));
        char label[32];
        snprintf(label, sizeof(label), "source %03zu", i);
        field(b, label, name && name[0] ? name : "document");
        free(name);
    }
}

struct ranked {
    double confidence;
    size_t doc;
    uint64_t offset;
    size_t index;
};

/* Whether x goes before y: a total order, as every index differs. */
static bool ranks_before(const struct ranked *x, const struct ranked *y)
{
    if (x->confidence != y->confidence)
        return x->confidence < y->confidence;
    if (x->doc != y->doc)
        return x->doc < y->doc;
    if (x->offset != y->offset)
        return x->offset < y->offset;
    return x->index < y->index;
}

/*
 * Sorts r[0, n) with tmp (n elements) as scratch: a bottom-up merge sort
 * with the comparison inline, where qsort called it through a pointer
 * (a tenth of writing a dense draft). The order is total, so the result is
 * the one qsort gave.
 */
static void sort_ranked(struct ranked *r, struct ranked *tmp, size_t n)
{
    struct ranked *from = r, *to = tmp;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                to[k++] = ranks_before(&from[b], &from[a]) ? from[b++] : from[a++];
            while (a < mid)
                to[k++] = from[a++];
            while (b < hi)
                to[k++] = from[b++];
        }
        struct ranked *swap = from;
        from = to;
        to = swap;
    }
    if (from != r)
        memcpy(r, from, n * sizeof(*r));
}

/*
 * The facts to write, least confident first: reviewing from the top meets the
 * likely errors first. Facts under the minimum are not listed; *left_out counts them.
 */
static struct ranked *rank_facts(const struct recite_gen *gen, size_t *count, size_t *left_out)
{
    struct ranked *r = malloc((gen->fact_count ? gen->fact_count : 1) * sizeof(*r));
    *count = *left_out = 0;
    if (!r)
        return NULL;
    for (size_t i = 0; i < gen->fact_count; i++) {
        const struct recite_gen_fact *f = &gen->facts[i];
        if (f->confidence < gen->opts.min_confidence) {
            (*left_out)++;
            continue;
        }
        r[(*count)++] = (struct ranked){f->confidence, f->doc, f->offset, i};
    }
    struct ranked *tmp = malloc((*count ? *count : 1) * sizeof(*tmp));
    if (!tmp) {
        free(r);
        return NULL;
    }
    sort_ranked(r, tmp, *count);
    free(tmp);
    return r;
}

/*
 * A fact's base key, made before the keys are given in order: raw is what
 * base_key() wrote, trimmed its length without the trailing characters no
 * key ends with. A key is raw when it is the first of its base, else trimmed
 * and "-N". The hashes are those of the trimmed base, for the keys taken and
 * for the next suffix to try.
 */
struct base {
    size_t at;               /* raw's offset in its part's bytes */
    uint8_t part;            /* the part that made it */
    const char *raw;         /* set once both parts are made */
    size_t raw_len, trimmed; /* raw ends at raw_len; the key's base at trimmed */
    uint64_t key_hash, suffix_hash;
};

/*
 * The draft is made on two threads when it is long: the base keys of the
 * facts while they are ranked, then the blocks, the first of them while the
 * keys are given in order. Each thread takes a chunk of the work at a time,
 * one from the front and one from the back, until they meet, so that both
 * finish together however the work is spread (the least confident facts,
 * often left out, cost more to write).
 */
#define DRAFT_SPLIT_FACTS 512 /* facts from which the draft is made on two threads */
#define DRAFT_CHUNK 64        /* facts a thread takes at a time */

/* The work [front, back) not yet taken; a chunk is taken once [0, ready) covers it. */
struct split {
    pthread_mutex_t lock;
    pthread_cond_t more; /* ready grew */
    size_t front, back, ready;
};

/* Takes the next chunk from one end into [*lo, *hi) when it is ready; false when all is taken. */
static bool take_chunk(struct split *s, bool from_back, size_t *lo, size_t *hi)
{
    pthread_mutex_lock(&s->lock);
    size_t left = s->back - s->front, n = left < DRAFT_CHUNK ? left : DRAFT_CHUNK;
    if (from_back) {
        *hi = s->back;
        *lo = s->back -= n;
    } else {
        *lo = s->front;
        *hi = s->front += n;
    }
    while (n > 0 && s->ready < *hi)
        pthread_cond_wait(&s->more, &s->lock);
    pthread_mutex_unlock(&s->lock);
    return n > 0;
}

/* Makes the work [0, ready) ready to take. */
static void make_ready(struct split *s, size_t ready)
{
    pthread_mutex_lock(&s->lock);
    s->ready = ready;
    pthread_cond_broadcast(&s->more);
    pthread_mutex_unlock(&s->lock);
}

/* One thread's part: what it wrote, and where each chunk starts when it works from the back. */
struct part {
    struct split *split;
    const struct recite_gen *gen;
    bool from_back;
    struct recite_buf out;
    size_t *chunk_at;
    size_t chunk_count, chunk_cap;
    /* base keys: every fact's, their bytes in out */
    struct base *made;
    uint8_t which; /* the part's number in made[].part */
    size_t estimate; /* about the bytes of the blocks of the facts it made the keys of */
    /* blocks */
    const struct base *base;
    const struct ranked *order;
    const size_t *suffix;
};

static bool next_chunk(struct part *p, size_t *lo, size_t *hi)
{
    if (!take_chunk(p->split, p->from_back, lo, hi))
        return false;
    if (p->from_back) {
        if (recite_grow((void **)&p->chunk_at, &p->chunk_cap, p->chunk_count + 1,
                        sizeof(*p->chunk_at)) < 0)
            p->out.oom = true;
        else
            p->chunk_at[p->chunk_count++] = p->out.len;
    }
    return true;
}

/* Runs fn(p) on a second thread when two are worth it; false when not (this one does all). */
static bool start_second(pthread_t *thread, void *(*fn)(void *), struct part *p, size_t count)
{
    return count >= DRAFT_SPLIT_FACTS && gen_threads(p->gen->opts.threads) >= 2 &&
           pthread_create(thread, NULL, fn, p) == 0;
}

/* The longest sentence an estimate counts in full: 16 KiB. */
#define BLOCK_ESTIMATE_LENGTH 16384

/*
 * About the bytes of f's block under a key of key_len bytes, a little more
 * than most take: the draft's buffers are made that large at once, not
 * doubled (and copied) as they fill. From the sentence's length in the file,
 * which its quote and description are seldom longer than, so that the
 * strings themselves (cold in memory) are not read twice.
 */
static size_t block_estimate(const struct recite_gen_fact *f, size_t key_len)
{
    /* (a span the file's layout makes long is no measure of the block: the buffer still
       grows past an estimate, which only saves the copies) */
    size_t length = f->length < BLOCK_ESTIMATE_LENGTH ? f->length : BLOCK_ESTIMATE_LENGTH;
    size_t members = f->member_count < 4096 ? f->member_count : 4096;
    size_t n = 160 + 2 * key_len + 2 * length + 12 * members;
    return n + n / 8;
}

static void make_bases(struct part *p)
{
    struct recite_buf *b = &p->out, raw = {0};
    size_t lo, hi;
    while (next_chunk(p, &lo, &hi)) {
        for (size_t i = lo; i < hi; i++) {
            struct base *k = &p->made[i];
            raw.len = 0; /* base_key() reads what the buffer holds */
            base_key(&raw, &p->gen->facts[i]);
            size_t end = raw.len;
            while (end > 0 && !key_char(raw.data[end - 1]))
                end--;
            k->at = b->len;
            k->part = p->which;
            k->raw_len = raw.len;
            k->trimmed = end;
            const char *s = raw.data ? raw.data : "";
            k->key_hash = gen_hash(s, end, GEN_HASH_INIT);
            k->suffix_hash = gen_hash(s, end, GEN_HASH_INIT ^ 0x5bd1e995);
            gen_buf_add(b, s, raw.len + 1); /* with its NUL: raw is a string */
            p->estimate += block_estimate(&p->gen->facts[i], raw.len);
        }
    }
    if (raw.oom)
        b->oom = true;
    free(raw.data);
}

static void *make_bases_thread(void *arg)
{
    make_bases(arg);
    return NULL;
}

/*
 * The suffix of each key in order (1: none): -2, -3 ... on clashes.
 * next_suffix remembers, per base key, the suffix to try next, so many
 * facts with one base key (a hundred "founding members" lists) cost one
 * probe each, not one per clash.
 */
static int give_suffixes(size_t *suffix, const struct base *base, const struct ranked *order,
                         size_t count, struct split *progress)
{
    struct gen_set used = {0}, next_suffix = {0};
    int rc = gen_set_reserve(&used, count);
    if (rc == 0)
        rc = gen_set_reserve(&next_suffix, count);
    for (size_t k = 0; rc == 0 && k < count; k++) {
        if (k % DRAFT_CHUNK == 0 && k > 0) /* the blocks before k can be written */
            make_ready(progress, k);
        const struct base *x = &base[order[k].index];
        if (k + 8 < count) { /* the sets are large: wait for memory a few keys ahead */
            const struct base *ahead = &base[order[k + 8].index];
            gen_set_prefetch(&next_suffix, ahead->suffix_hash);
            gen_set_prefetch(&used, ahead->key_hash);
        }
        size_t start = gen_set_get(&next_suffix, x->suffix_hash, 0, &rc);
        for (size_t n = start ? start : 1; rc == 0; n++) {
            uint64_t h = x->key_hash;
            if (n > 1) {
                char s[32];
                s[0] = '-';
                h = gen_hash(s, 1 + put_number(s + 1, n, 1), h);
            }
            if (!gen_set_get(&used, h, 1, &rc)) {
                if (rc == 0)
                    rc = gen_set_update(&next_suffix, x->suffix_hash, n + 1);
                suffix[k] = n;
                break;
            }
        }
    }
    gen_set_clear(&used);
    gen_set_clear(&next_suffix);
    make_ready(progress, count); /* all, or (after a failure) what is written is dropped */
    return rc;
}

/* A key: its base as written when it is the first of its base, else trimmed and "-N". */
static const char *key_text(struct recite_buf *out, const struct base *x, size_t suffix)
{
    out->len = 0;
    if (suffix == 1) {
        gen_buf_add(out, x->raw, x->raw_len);
    } else {
        char s[32];
        s[0] = '-';
        gen_buf_add(out, x->raw, x->trimmed);
        gen_buf_add(out, s, 1 + put_number(s + 1, suffix, 1));
    }
    return out->data ? out->data : "";
}

/* The blocks of the facts p->order[lo, hi), under their keys. */
static void write_blocks(struct part *p, size_t lo, size_t hi, struct recite_buf *block,
                         struct recite_buf *key)
{
    struct recite_buf *b = &p->out;
    for (size_t k = lo; k < hi; k++) {
        size_t index = p->order[k].index;
        const struct recite_gen_fact *f = &p->gen->facts[index];
        const char *key_k = key_text(key, &p->base[index], p->suffix[k]);
        char why[300];
        bool unasked;
        const char *refused = refusal_of(why, sizeof(why), f, &unasked);
        if (!refused) {
            fact_block(b, f, key_k);
            continue;
        }
        block->len = 0;
        fact_block(block, f, key_k);
        gen_buf_adds(b, unasked ? "\n# left out: "
                                : "\n# left out, the bank's rules would refuse it: ");
        if (refused == why) { /* a date's error; the other reasons are clean as written */
            char *clean = gen_clean_copy(refused, strlen(refused));
            gen_buf_adds(b, clean ? clean : "");
            free(clean);
        } else {
            gen_buf_adds(b, refused);
        }
        /* every line of the block commented out (the block starts with a blank line) */
        for (const char *line = block->data ? block->data + 1 : ""; *line;) {
            const char *nl = strchr(line, '\n');
            size_t n = nl ? (size_t)(nl - line) : strlen(line);
            gen_buf_adds(b, "\n# ");
            gen_buf_add(b, line, n);
            line += n + (nl != NULL);
        }
        gen_buf_addc(b, '\n');
    }
}

static void write_chunks(struct part *p)
{
    struct recite_buf block = {0}, key = {0};
    size_t lo, hi;
    while (next_chunk(p, &lo, &hi))
        write_blocks(p, lo, hi, &block, &key);
    if (block.oom || key.oom)
        p->out.oom = true;
    free(block.data);
    free(key.data);
}

static void *write_chunks_thread(void *arg)
{
    write_chunks(arg);
    return NULL;
}

/* The chunks [from, to) of those written from the back, in the draft's order, copied to dst. */
struct copy_job {
    const struct part *p;
    size_t from, to;
    char *dst;
};

/* Chunk k in the draft's order: the (k + 1)th from the last written. */
static size_t chunk_bytes(const struct part *p, size_t k, size_t *at)
{
    size_t c = p->chunk_count - 1 - k;
    *at = p->chunk_at[c];
    return (c + 1 < p->chunk_count ? p->chunk_at[c + 1] : p->out.len) - *at;
}

static void *copy_chunks(void *arg)
{
    const struct copy_job *j = arg;
    char *dst = j->dst;
    for (size_t k = j->from, at; k < j->to; k++) {
        size_t n = chunk_bytes(j->p, k, &at);
        memcpy(dst, j->p->out.data + at, n);
        dst += n;
    }
    return NULL;
}

/* Bytes from which the chunks are copied on two threads: the copy fills new pages. */
#define DRAFT_SPLIT_COPY (1u << 20)

/*
 * Appends to b the chunks p wrote from the back, last written first, and
 * frees them: a long tail is copied half by each thread.
 */
static void join_back(struct recite_buf *b, struct part *p, bool two)
{
    if (p->out.oom)
        b->oom = true;
    size_t total = p->out.len;
    if (p->out.data && total && recite_buf_reserve(b, total) == 0) {
        struct copy_job first = {p, 0, p->chunk_count, b->data + b->len}, second = first;
        size_t half = 0, at;
        while (first.to > 0 && half < total / 2 && first.from < p->chunk_count)
            half += chunk_bytes(p, first.from++, &at);
        second.from = first.from;
        second.dst += half;
        first.to = first.from;
        first.from = 0;
        pthread_t thread;
        bool both = two && total >= DRAFT_SPLIT_COPY &&
                    pthread_create(&thread, NULL, copy_chunks, &second) == 0;
        copy_chunks(&first);
        if (both)
            pthread_join(thread, NULL);
        else
            copy_chunks(&second);
        b->len += total;
        b->data[b->len] = '\0';
    }
    free(p->out.data);
    free(p->chunk_at);
}

/*
 * Every fact's base key into base (their bytes in parts[0, 2), to free),
 * the second thread making them while this one ranks the facts.
 */
static struct ranked *bases_and_rank(struct part parts[2], struct base *base,
                                     const struct recite_gen *gen, size_t *count, size_t *left_out)
{
    struct split split = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, gen->fact_count,
                          gen->fact_count};
    for (uint8_t i = 0; i < 2; i++)
        parts[i] = (struct part){
            .split = &split, .gen = gen, .from_back = i == 1, .made = base, .which = i};
    pthread_t thread;
    bool two = start_second(&thread, make_bases_thread, &parts[1], gen->fact_count);
    struct ranked *order = rank_facts(gen, count, left_out);
    make_bases(&parts[0]);
    if (two)
        pthread_join(thread, NULL);
    for (size_t i = 0; i < gen->fact_count; i++) {
        const char *bytes = parts[base[i].part].out.data;
        base[i].raw = bytes ? bytes + base[i].at : "";
    }
    return order;
}

/*
 * Gives the keys their suffixes and writes the blocks of order[0, count)
 * after b's header: on two threads when worth it, the second writing from
 * the front as the keys are given, this one from the back once they are.
 */
static int write_all_blocks(struct recite_buf *b, struct part *kept_back,
                            const struct recite_gen *gen, const struct ranked *order,
                            const struct base *base, size_t *suffix, size_t count,
                            size_t estimate)
{
    struct split split = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, count, 0};
    struct part front = {
        .split = &split, .gen = gen, .out = *b, .base = base, .order = order, .suffix = suffix};
    struct part back = front;
    back.from_back = true;
    back.out = (struct recite_buf){0};
    /* room for all the blocks in the front's buffer, and for about half in the back's */
    if (recite_buf_reserve(&front.out, estimate) == 0)
        gen_advise_huge(front.out.data, front.out.cap);
    pthread_t thread;
    bool two = start_second(&thread, write_chunks_thread, &front, count);
    if (two && recite_buf_reserve(&back.out, estimate / 2 + estimate / 8) == 0)
        gen_advise_huge(back.out.data, back.out.cap);
    int rc = give_suffixes(suffix, base, order, count, &split);
    write_chunks(two ? &back : &front);
    if (two)
        pthread_join(thread, NULL);
    *b = front.out;
    if (kept_back) /* the caller puts the back chunks out in order, not joined */
        *kept_back = back;
    else
        join_back(b, &back, two);
    return rc;
}

/*
 * The draft into b and, with back, the back half's chunks left there for
 * the caller (freed with free_back()); the note on what was left out is
 * written to note.
 */
static int make_draft(struct recite_buf *b, struct part *back, char note[128],
                      struct recite_gen *gen)
{
    struct part parts[2] = {{0}};
    size_t count = 0, left_out = 0;
    struct base *base = calloc(gen->fact_count ? gen->fact_count : 1, sizeof(*base));
    struct ranked *order = base ? bases_and_rank(parts, base, gen, &count, &left_out) : NULL;
    size_t *suffix = calloc(count ? count : 1, sizeof(*suffix));
    int rc = order && suffix && !parts[0].out.oom && !parts[1].out.oom ? 0 : RECITE_ENOMEM;
    /* an empty first key left the one key buffer unallocated, reported so: kept */
    if (rc == 0 && count && base[order[0].index].raw_len == 0)
        rc = RECITE_ENOMEM;
    header(b, gen);
    /* the keys in order (a key taken makes the next alike "-2"), then the blocks */
    if (rc == 0)
        rc = write_all_blocks(b, back, gen, order, base, suffix, count,
                              parts[0].estimate + parts[1].estimate);
    free(parts[0].out.data);
    free(parts[1].out.data);
    free(parts[1].chunk_at);
    free(base);
    free(suffix);
    note[0] = '\0';
    if (left_out)
        snprintf(note, 128, "\n# %zu fact%s below confidence %.2f left out\n", left_out,
                 left_out == 1 ? "" : "s", gen->opts.min_confidence);
    free(order);
    /* gen_buf_add reports ENOMEM through the buffer's oom flag */
    return rc < 0 || b->oom || !b->data || (back && back->out.oom) ? RECITE_ENOMEM : 0;
}

static void free_back(struct part *back)
{
    free(back->out.data);
    free(back->chunk_at);
}

int recite_gen_draft(char **out, size_t *out_len, struct recite_gen *gen,
                     struct recite_error *err)
{
    struct recite_buf b = {0};
    char note[128];
    if (make_draft(&b, NULL, note, gen) < 0 || gen_buf_adds(&b, note) < 0 || b.oom) {
        free(b.data);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    *out = b.data;
    *out_len = b.len;
    return 0;
}

int recite_gen_draft_each(struct recite_gen *gen,
                          int (*put)(void *ctx, const char *data, size_t len), void *ctx,
                          struct recite_error *err)
{
    struct recite_buf b = {0};
    struct part back = {0};
    char note[128];
    int rc = make_draft(&b, &back, note, gen);
    if (rc < 0) {
        free(b.data);
        free_back(&back);
        return recite_error_set(err, RECITE_ENOMEM, "out of memory");
    }
    /* the front half, then the back half's chunks in the draft's order: none copied */
    rc = put(ctx, b.data, b.len);
    for (size_t k = 0, at; rc >= 0 && back.out.data && k < back.chunk_count; k++) {
        size_t n = chunk_bytes(&back, k, &at);
        if (n)
            rc = put(ctx, back.out.data + at, n);
    }
    if (rc >= 0 && note[0])
        rc = put(ctx, note, strlen(note));
    free(b.data);
    free_back(&back);
    return rc < 0 ? rc : 0;
}
