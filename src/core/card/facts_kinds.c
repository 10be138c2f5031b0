/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * What each template asks, per kind of fact, and where its distractors come
 * from: the same bank and kind only (other acronyms' expansions, events of
 * nearby years, other sets' members and named non-members, a question's own
 * wrong options or nearby years). Distractors never repeat the answer or
 * each other. A choice template degrades to a typed or flash card when the
 * bank offers no distractor at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bank_internal.h"
#include "facts_internal.h"
#include "hash.h"
#include "recite/bank.h"
#include "recite/common.h"
#include "recite/facts.h"

#define DISTRACTORS 3 /* a choice card shows the answer and up to three others */
/*
 * Candidates gathered per card. Comparing a candidate with the pool costs a
 * Unicode normalisation per item, so a bank of 100,000 facts must not pour
 * every other fact in: candidates are visited in a seeded random order (or
 * nearest first) and gathering stops at this many.
 */
#define POOL_CAP (8 * DISTRACTORS)
/*
 * Candidates looked at per card, at most: in a big bank the pool fills long
 * before; this bounds a card whose candidates are nearly all rejected.
 */
#define VISIT_CAP (16 * POOL_CAP)

/*
 * Candidate distractors: borrowed strings, no two the same text. Each is
 * folded once as it comes in (and the answer's spellings once per pool), so
 * comparing a candidate with the pool costs one normalisation, not one per
 * item.
 */
struct pool {
    const char **items;
    char **folded;                     /* parallel to items; NULL when unfoldable */
    size_t count;
    bool oom;
    const struct recite_field *answer; /* whose spellings answer_folded holds */
    char **answer_folded;
};

static bool pool_full(const struct pool *pool)
{
    return pool->count >= POOL_CAP;
}

/*
 * Visits the bank's other facts of one kind in a random order drawn from
 * the card's generator, VISIT_CAP at most: sampler positions index
 * index->of_kind[kind].
 */
struct kind_walk {
    const struct recite_bank_index *index;
    enum recite_fact_kind kind;
    struct sampler sampler;
    size_t visits;
    bool failed; /* the index or a fact could not be read */
};

/* False when the bank's index cannot be had (out of memory, a store error). */
static bool kind_walk_start(struct kind_walk *w, const struct card_ctx *ctx,
                            enum recite_fact_kind kind)
{
    w->index = card_index(ctx, kind);
    w->kind = kind;
    w->visits = 0;
    w->failed = w->index == NULL;
    sampler_init(&w->sampler, w->index ? w->index->kind_count[kind] : 0);
    return w->index != NULL;
}

/* The next other fact's position in of_kind[kind]; false when done. */
static bool kind_walk_next(struct kind_walk *w, const struct card_ctx *ctx, size_t *out)
{
    size_t at;
    while (!w->failed && w->visits < VISIT_CAP && sampler_next(&w->sampler, ctx->rng, &at)) {
        if (card_is_asked(ctx, w->index, w->kind, at))
            continue;
        w->visits++;
        *out = at;
        return true;
    }
    return false;
}

/* The fact at position at; NULL (and the walk ends) when it cannot be read. */
static const struct recite_fact *kind_walk_fact(struct kind_walk *w, const struct card_ctx *ctx,
                                                size_t at)
{
    const struct recite_fact *fact = card_fact(ctx, w->index, w->kind, at);
    w->failed = w->failed || !fact;
    return fact;
}

/* Whether the walk failed (out of memory, a fact that could not be read). */
static bool kind_walk_end(struct kind_walk *w)
{
    bool failed = w->sampler.oom || w->failed;
    sampler_release(&w->sampler);
    return failed;
}

/*
 * What the walks read of another fact, noted once per session in a bank
 * view (card_note()) so that the next card need not read and parse it
 * again: an acronym's short form (or key) and first long form, the first
 * spelling of each prose field look-alikes borrow words from, a set's type,
 * and hashes of a set's member spellings as written and folded. Equal
 * spellings have equal hashes, so a set whose hashes meet none of the asked
 * set's shares no member and is passed over unread; any other is read and
 * judged as before. One allocation: the arrays and texts follow it.
 */
struct fact_note {
    const char *shrt, *lng, *type; /* NULL when the fact has none */
    const char **prose;
    size_t prose_count;
    uint64_t *raw, *folded; /* member spellings' hashes, as written and folded */
    size_t raw_count, folded_count;
};

static uint64_t text_hash(const char *text)
{
    return recite_hash_text(text);
}

/*
 * text_hash() of fold_text(text) into *out; false when text cannot be
 * folded. ASCII folds to itself lower-cased (see fold_text()), so its hash
 * is taken as it is read, without the copy.
 */
static bool folded_hash(const char *text, uint64_t *out)
{
    uint64_t h = RECITE_HASH_INIT; /* as text_hash() */
    const unsigned char *p = (const unsigned char *)text;
    for (; *p && *p < 0x80; p++)
        h = recite_hash_byte(h, (unsigned char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
    if (!*p) {
        *out = h;
        return true;
    }
    char *folded = fold_text(text);
    if (folded)
        *out = text_hash(folded);
    free(folded);
    return folded != NULL;
}

/* The field look-alike expansions take words from, by kind (see vocab_from_texts()). */
static const char *prose_field(enum recite_fact_kind kind)
{
    return kind == RECITE_FACT_EVENT      ? "what"
           : kind == RECITE_FACT_QUESTION ? "ask"
           : kind == RECITE_FACT_SET      ? "prompt"
                                          : NULL;
}

static size_t text_size(const char *text)
{
    return text ? strlen(text) + 1 : 0;
}

/* Copies text (may be NULL) to *at and moves *at past it. */
static const char *note_text(char **at, const char *text)
{
    if (!text)
        return NULL;
    size_t n = strlen(text) + 1;
    char *copy = memcpy(*at, text, n);
    *at += n;
    return copy;
}

/* The note on fact; NULL when out of memory. */
static struct fact_note *note_make(const struct recite_fact *fact)
{
    bool acronym = fact->kind == RECITE_FACT_ACRONYM, set = fact->kind == RECITE_FACT_SET;
    const char *shrt = NULL, *lng = NULL, *type = NULL, *prose = prose_field(fact->kind);
    if (acronym) {
        shrt = recite_fact_get(fact, "short");
        shrt = shrt ? shrt : fact->key;
        lng = recite_fact_get(fact, "long");
    }
    type = set ? recite_fact_get(fact, "type") : NULL;
    size_t prose_count = 0, spellings = 0,
           size = text_size(shrt) + text_size(lng) + text_size(type);
    for (size_t i = 0; i < fact->field_count; i++) {
        const struct recite_field *field = &fact->fields[i];
        if (prose && strcmp(field->name, prose) == 0) {
            prose_count++;
            size += text_size(field->alts[0]);
        }
        if (set && strcmp(field->name, "member") == 0)
            spellings += field->alt_count;
    }
    size_t head = sizeof(struct fact_note) + 2 * spellings * sizeof(uint64_t) +
                  prose_count * sizeof(const char *);
    struct fact_note *note = malloc(head + size);
    if (!note)
        return NULL;
    *note = (struct fact_note){.raw = (uint64_t *)(note + 1)};
    note->folded = note->raw + spellings;
    note->prose = (const char **)(note->folded + spellings);
    char *at = (char *)note + head;
    note->shrt = note_text(&at, shrt);
    note->lng = note_text(&at, lng);
    note->type = note_text(&at, type);
    for (size_t i = 0; prose && i < fact->field_count; i++)
        if (strcmp(fact->fields[i].name, prose) == 0)
            note->prose[note->prose_count++] = note_text(&at, fact->fields[i].alts[0]);
    if (set) {
        note->raw_count = spellings;
        note->folded_count = card_member_hashes(fact, note->raw, note->folded);
    }
    return note;
}

void *card_note_of(const struct recite_fact *fact)
{
    return note_make(fact);
}

size_t card_member_hashes(const struct recite_fact *set, uint64_t *raw, uint64_t *folded)
{
    size_t n = 0, folds = 0;
    for (size_t i = 0; i < set->field_count; i++) {
        const struct recite_field *field = &set->fields[i];
        for (size_t j = 0; strcmp(field->name, "member") == 0 && j < field->alt_count; j++) {
            raw[n++] = text_hash(field->alts[j]);
            folds += folded_hash(field->alts[j], &folded[folds]);
        }
    }
    return folds;
}

/*
 * The note on the walk's fact at position at, made from the fact the first
 * time. *fact is the fact when it had to be read, else NULL. NULL when
 * there is no note (a bank in memory, out of memory, a fact that could not
 * be read): the caller reads the fact.
 */
static const struct fact_note *walk_note(struct kind_walk *w, const struct card_ctx *ctx, size_t at,
                                         const struct recite_fact **fact)
{
    *fact = NULL;
    const struct fact_note *note = card_note(ctx, w->index, w->kind, at);
    if (note || !ctx->source || !ctx->source->note)
        return note;
    *fact = kind_walk_fact(w, ctx, at);
    struct fact_note *made = *fact ? note_make(*fact) : NULL;
    return made && card_note_keep(ctx, w->index, w->kind, at, made) ? made : NULL;
}

static bool pool_has(const struct pool *pool, const char *text, const char *folded)
{
    for (size_t i = 0; i < pool->count; i++)
        if (same_folded(pool->items[i], pool->folded[i], text, folded))
            return true;
    return false;
}

static void pool_forget_answer(struct pool *pool)
{
    for (size_t i = 0; pool->answer && i < pool->answer->alt_count; i++)
        free(pool->answer_folded[i]);
    free(pool->answer_folded);
    pool->answer_folded = NULL;
    pool->answer = NULL;
}

/* Whether text (folded: its fold) is a spelling of answer. */
static bool pool_is_answer(struct pool *pool, const struct recite_field *answer, const char *text,
                           const char *folded)
{
    if (!answer)
        return false;
    if (pool->answer != answer) {
        pool_forget_answer(pool);
        pool->answer_folded = calloc(answer->alt_count + 1, sizeof(char *));
        if (!pool->answer_folded) {
            pool->oom = true;
            return true;
        }
        pool->answer = answer;
        for (size_t i = 0; i < answer->alt_count; i++)
            pool->answer_folded[i] = fold_text(answer->alts[i]);
    }
    for (size_t i = 0; i < answer->alt_count; i++)
        if (same_folded(answer->alts[i], pool->answer_folded[i], text, folded))
            return true;
    return false;
}

/*
 * Adds text (folded: its fold, owned, may be NULL) unless it is the answer
 * (any spelling of answer) or already there.
 */
static void pool_add_folded(struct pool *pool, const char *text, char *folded,
                            const struct recite_field *answer)
{
    if (pool->oom || pool_full(pool) || pool_is_answer(pool, answer, text, folded) ||
        pool_has(pool, text, folded)) {
        free(folded);
        return;
    }
    const char **grown = realloc(pool->items, (pool->count + 1) * sizeof(*grown));
    if (grown)
        pool->items = grown;
    char **grown_folded = grown ? realloc(pool->folded, (pool->count + 1) * sizeof(char *)) : NULL;
    if (!grown_folded) {
        free(folded);
        pool->oom = true;
        return;
    }
    pool->folded = grown_folded;
    pool->folded[pool->count] = folded;
    pool->items[pool->count++] = text;
}

/* Adds text unless it is the answer (any spelling of answer) or already there. */
static void pool_add(struct pool *pool, const char *text, const struct recite_field *answer)
{
    if (pool->oom || pool_full(pool))
        return;
    pool_add_folded(pool, text, fold_text(text), answer);
}

static void pool_release(struct pool *pool)
{
    for (size_t i = 0; i < pool->count; i++)
        free(pool->folded[i]);
    free(pool->folded);
    free(pool->items);
    pool_forget_answer(pool);
}

/*
 * Makes card a choice between answer and up to DISTRACTORS of the first
 * `nearest` pool items (all when 0), drawn at random and shuffled in.
 */
/*
 * Draws the options: answer and up to DISTRACTORS from pool. The card
 * accepts answer, or every spelling of answer_field when given (a choice
 * asked as a typed question accepts what the typed card would).
 */
static int make_choice(struct recite_card *card, struct recite_rng *rng, const char *answer,
                       const struct recite_field *answer_field, struct pool *pool, size_t nearest)
{
    if (pool->oom)
        return RECITE_ENOMEM;
    size_t span = nearest && nearest < pool->count ? nearest : pool->count;
    const char *picked[DISTRACTORS + 1] = {answer};
    size_t n = 1;
    for (; n <= DISTRACTORS && span > 0; n++, span--) {
        size_t j = (size_t)recite_rng_below(rng, span);
        picked[n] = pool->items[j];
        pool->items[j] = pool->items[span - 1]; /* drop it from the draw */
        pool->items[span - 1] = picked[n];
    }
    recite_rng_shuffle(rng, picked, n, sizeof(picked[0]));
    card->answer_kind = RECITE_ANSWER_CHOICE;
    for (size_t i = 0; i < n; i++) {
        if (picked[i] == answer)
            card->correct = i;
        if (card_add_option(card, picked[i]) < 0)
            return RECITE_ENOMEM;
    }
    return answer_field ? card_add_alts(card, answer_field) : card_add_accepted(card, answer);
}

static bool is(const struct card_ctx *ctx, const char *name)
{
    return strcmp(ctx->template_name, name) == 0;
}

/* ---- acronym ---- */

static const char *acronym_short(const struct recite_fact *fact)
{
    const char *s = recite_fact_get(fact, "short");
    return s ? s : fact->key;
}

/* Look-alikes made per card at most: enough to fill the options after dropping repeats. */
#define VARIANTS (2 * DISTRACTORS)

/* The expansion and short form of the acronym at position at; false when it has none. */
static bool acronym_texts(struct kind_walk *walk, const struct card_ctx *ctx, size_t at,
                          const char **lng, const char **shrt)
{
    const struct recite_fact *other;
    const struct fact_note *note = walk_note(walk, ctx, at, &other);
    if (!note && !other)
        other = kind_walk_fact(walk, ctx, at);
    *lng = note ? note->lng : other ? recite_fact_get(other, "long") : NULL;
    *shrt = note ? note->shrt : other ? acronym_short(other) : NULL;
    return *lng && *shrt;
}

/*
 * The other expansions with the answer's initials (want), found through the
 * bank's card notes and visited in a random order, into pool.
 */
static void same_initials(struct pool *pool, struct kind_walk *walk, const struct card_ctx *ctx,
                          const struct card_notes *notes, const char *want, const char *shrt,
                          const struct recite_field *lng)
{
    size_t from, n = card_notes_initials(notes, want, &from);
    struct sampler order;
    sampler_init(&order, n);
    char got[64];
    for (size_t k; !pool_full(pool) && !walk->failed && sampler_next(&order, ctx->rng, &k);) {
        size_t at = card_notes_acronym_at(notes, from + k);
        const char *text, *other;
        if (at >= walk->index->kind_count[RECITE_FACT_ACRONYM] ||
            card_is_asked(ctx, walk->index, RECITE_FACT_ACRONYM, at) ||
            !acronym_texts(walk, ctx, at, &text, &other) || strcmp(other, shrt) == 0)
            continue;
        /* notes kept for another version of the bank would point elsewhere */
        expansion_initials(got, sizeof(got), text);
        if (strcmp(got, want) == 0)
            pool_add(pool, text, lng);
    }
    pool->oom = pool->oom || order.oom;
    sampler_release(&order);
}

/* The short form's letters, capitalised ("PfP" gives "PFP", "3SAS" gives "SAS"). */
static void short_letters(char *out, size_t size, const char *shrt)
{
    size_t n = 0;
    for (const char *p = shrt; *p && n + 1 < size; p++)
        if (card_letter(*p))
            out[n++] = (char)(*p & ~0x20);
    out[n] = '\0';
}

/* Whether letters (capitals) appear, in order, among the initials of text's words. */
static bool initials_cover(const char *text, const char *letters)
{
    for (const char *p = text; *p && *letters;) {
        p += strspn(p, " -/");
        size_t n = strcspn(p, " -/");
        if (n == 0)
            break;
        if ((*p & ~0x20) == *letters)
            letters++;
        p += n;
    }
    return *letters == '\0';
}

/*
 * The spelling of an expansion a card shows: the bank's first, unless its
 * words' initials do not hold the short form's letters in order ("Soviet
 * Union" for USSR, as the bank's document glosses it); then the first
 * spelling whose initials spell it ("Union of Soviet Socialist Republics").
 * Every spelling still answers the card.
 */
static const char *shown_expansion(const struct recite_field *lng, const char *shrt)
{
    char letters[64], got[64];
    short_letters(letters, sizeof(letters), shrt);
    if (initials_cover(lng->alts[0], letters))
        return lng->alts[0];
    for (size_t i = 1; i < lng->alt_count; i++) {
        expansion_initials(got, sizeof(got), lng->alts[i]);
        if (strcmp(got, letters) == 0)
            return lng->alts[i];
    }
    return lng->alts[0];
}

/*
 * Distractors for "What does X stand for?": other acronyms' expansions with
 * the answer's initials first, then the answer with words swapped for
 * others of the same initial from the bank's vocabulary, then other
 * expansions. An option whose initials differ from the answer's would give
 * it away. The bank's card notes find the first two without reading the
 * bank's other acronyms one by one.
 */
static int acronym_choice(struct recite_card *card, const struct card_ctx *ctx,
                          const struct recite_field *lng, const char *shrt)
{
    struct pool pool = {0};
    char want[64];
    char variants[VARIANTS][512];
    const char *shown = shown_expansion(lng, shrt);
    expansion_initials(want, sizeof(want), shown);
    const struct card_notes *notes = card_notes_get(ctx);
    struct kind_walk walk;
    pool.oom = !kind_walk_start(&walk, ctx, RECITE_FACT_ACRONYM) || !notes;
    if (!pool.oom)
        same_initials(&pool, &walk, ctx, notes, want, shrt, lng);
    /* one word swapped first: two make word salad sooner */
    for (size_t i = 0; i < VARIANTS && pool.count < DISTRACTORS && !pool.oom; i++)
        if (expansion_variant(variants[i], sizeof(variants[i]), shown,
                              card_notes_vocab(notes), ctx->rng, i < VARIANTS / 2 ? 1 : 2))
            pool_add(&pool, variants[i], lng);
    size_t fitting = pool.count;
    /*
     * Other expansions, in a random order, only while options are missing;
     * those written as the answer is (a capital first, or not) first:
     * "artificial intelligence" beside "Indo-Pacific 4" gives itself away.
     */
    bool capital = card_letter(shown[0]) && !(shown[0] & 0x20);
    const char *unlike[DISTRACTORS];
    size_t unlike_count = 0;
    for (size_t at; pool.count < DISTRACTORS && !pool.oom && kind_walk_next(&walk, ctx, &at);) {
        const char *text, *other;
        if (!acronym_texts(&walk, ctx, at, &text, &other) || strcmp(other, shrt) == 0)
            continue;
        if ((card_letter(text[0]) && !(text[0] & 0x20)) == capital)
            pool_add(&pool, text, lng);
        else if (unlike_count < DISTRACTORS)
            unlike[unlike_count++] = text;
    }
    for (size_t i = 0; i < unlike_count && pool.count < DISTRACTORS; i++)
        pool_add(&pool, unlike[i], lng);
    pool.oom = kind_walk_end(&walk) || pool.oom;
    int rc = 0;
    if (pool.count > 0 || pool.oom) {
        /* draw among the look-alikes when there are enough of them */
        rc = make_choice(card, ctx->rng, shown, lng, &pool,
                         fitting >= DISTRACTORS ? fitting : DISTRACTORS);
        rc = rc < 0 ? rc : card_set_typed_prompt(card, card->prompt);
    } else {
        card->answer_kind = RECITE_ANSWER_TYPED;
        rc = card_add_alts(card, lng);
    }
    pool_release(&pool);
    return rc;
}

int cards_acronym(struct recite_card *card, const struct card_ctx *ctx)
{
    const struct recite_fact *fact = ctx->fact;
    const struct recite_field *lng = recite_fact_field(fact, "long");
    const char *shrt = acronym_short(fact);
    if (is(ctx, "long-short")) {
        card->answer_kind = RECITE_ANSWER_TYPED;
        const struct recite_field *sf = recite_fact_field(fact, "short");
        int rc = sf ? card_add_alts(card, sf) : card_add_accepted(card, fact->key);
        return rc < 0 ? rc
                      : card_set_prompt(card, "Which acronym stands for %s?",
                                        shown_expansion(lng, acronym_short(fact)));
    }
    int rc = card_set_prompt(card, "What does %s stand for?", shrt);
    if (rc == 0 && is(ctx, "short-long-choice"))
        return acronym_choice(card, ctx, lng, shrt);
    card->answer_kind = RECITE_ANSWER_TYPED;
    return rc < 0 ? rc : card_add_alts(card, lng);
}

/* ---- event ---- */


/* "on 4 April 1949", "in April 1949", "in 1949", "between 1950 and 1953". */
static void date_phrase(char *buf, size_t size, const struct recite_date *d)
{
    if (d->end_year)
        snprintf(buf, size, "between %d and %d", d->year, d->end_year);
    else if (d->day)
        snprintf(buf, size, "on %d %s %d", d->day, recite_month_names[d->month - 1], d->year);
    else if (d->month)
        snprintf(buf, size, "in %s %d", recite_month_names[d->month - 1], d->year);
    else
        snprintf(buf, size, "in %d", d->year);
}

struct recite_date when_date(const char *when)
{
    struct recite_date d;
    if (!when || recite_date_parse(&d, when, NULL) < 0)
        memset(&d, 0, sizeof(d));
    return d;
}

struct span when_span(const char *when)
{
    struct recite_date d = when_date(when);
    struct span s;
    recite_date_days(&d, &s.first, &s.last);
    return s;
}

struct recite_date event_date(const struct recite_fact *fact)
{
    return when_date(recite_fact_get(fact, "when"));
}

struct span event_span(const struct recite_fact *fact)
{
    return when_span(recite_fact_get(fact, "when"));
}

/*
 * Two events a student cannot tell apart by the date asked: one date lies
 * within the other ("1954" and "1954-10", "1949..1991" and "1952").
 */
static bool spans_overlap(struct span a, struct span b)
{
    return a.first <= b.last && b.first <= a.last;
}

/* The accepted spellings of a date: as written, then in words. */
static int add_date_answers(struct recite_card *card, const char *when,
                            const struct recite_date *d)
{
    char buf[64];
    int rc = card_add_accepted(card, when);
    if (rc == 0 && d->end_year) {
        snprintf(buf, sizeof(buf), "%d-%d", d->year, d->end_year);
        rc = card_add_accepted(card, buf);
    } else if (rc == 0 && d->day) {
        snprintf(buf, sizeof(buf), "%d %s %d", d->day, recite_month_names[d->month - 1], d->year);
        rc = card_add_accepted(card, buf);
        snprintf(buf, sizeof(buf), "%s %d, %d", recite_month_names[d->month - 1], d->day, d->year);
        rc = rc < 0 ? rc : card_add_accepted(card, buf);
    } else if (rc == 0 && d->month) {
        snprintf(buf, sizeof(buf), "%s %d", recite_month_names[d->month - 1], d->year);
        rc = card_add_accepted(card, buf);
    }
    return rc;
}

static int event_what_when(struct recite_card *card, const struct card_ctx *ctx)
{
    const struct recite_fact *fact = ctx->fact;
    struct recite_date d = event_date(fact);
    const char *what_to_give = d.end_year ? "the years (YYYY..YYYY)"
                               : d.day    ? "the full date (YYYY-MM-DD)"
                               : d.month  ? "the year and month (YYYY-MM)"
                                          : "the year";
    card->answer_kind = RECITE_ANSWER_TYPED;
    /* "what" is a clause without its date: the question first, then the clause as a sentence. */
    const char *what = recite_fact_get(fact, "what");
    char first = what[0] >= 'a' && what[0] <= 'z' ? (char)(what[0] - 'a' + 'A') : what[0];
    int rc = card_set_prompt(card, "When did this happen? %c%s. Give %s.", first,
                             what[0] ? what + 1 : "", what_to_give);
    return rc < 0 ? rc : add_date_answers(card, recite_fact_get(fact, "when"), &d);
}

/*
 * Other events, nearest in time first (by first year; ties in bank order),
 * into pool until it is full: walks the index outwards from the year asked,
 * one year group at a time below and above.
 */
struct year_group {
    size_t first, end; /* [first, end) of by_year: one year */
};

/* The group holding by_year[at], found from one end. */
static struct year_group group_at(const struct recite_bank_index *index, size_t at, size_t count)
{
    struct year_group g = {at, at + 1};
    while (g.first > 0 && index->by_year[g.first - 1].year == index->by_year[at].year)
        g.first--;
    while (g.end < count && index->by_year[g.end].year == index->by_year[at].year)
        g.end++;
    return g;
}

static void near_event_add(struct pool *pool, const struct card_ctx *ctx,
                           const struct recite_bank_index *index, const struct index_event *e,
                           struct span asked, const struct recite_field *what)
{
    /* An event within the date asked would be a second right answer. */
    if (card_is_asked(ctx, index, RECITE_FACT_EVENT, e->at) || spans_overlap(asked, e->span))
        return;
    const struct recite_fact *other = card_fact(ctx, index, RECITE_FACT_EVENT, e->at);
    if (other)
        pool_add(pool, recite_fact_get(other, "what"), what);
    else
        pool->oom = true;
}

static void near_events(struct pool *pool, const struct card_ctx *ctx, int year,
                        const struct recite_field *what)
{
    const struct recite_bank_index *index = card_index(ctx, RECITE_FACT_EVENT);
    if (!index) {
        pool->oom = true;
        return;
    }
    size_t count = index->kind_count[RECITE_FACT_EVENT];
    size_t lo = 0, hi = count; /* the first event of year >= year asked */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (index->by_year[mid].year < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    struct span asked = event_span(ctx->fact);
    size_t below = lo, above = lo; /* groups left: [0, below) and [above, count) */
    while (!pool_full(pool) && !pool->oom && (below > 0 || above < count)) {
        struct year_group down = {0, 0}, up = {0, 0};
        long long down_dist = -1, up_dist = -1;
        if (below > 0) {
            down = group_at(index, below - 1, count);
            down_dist = (long long)year - index->by_year[down.first].year;
        }
        if (above < count) {
            up = group_at(index, above, count);
            up_dist = (long long)index->by_year[up.first].year - year;
        }
        bool take_down = down_dist >= 0 && (up_dist < 0 || down_dist <= up_dist);
        bool take_up = up_dist >= 0 && (down_dist < 0 || up_dist <= down_dist);
        /* Both groups at one distance: merged in bank order. */
        size_t d = take_down ? down.first : down.end, u = take_up ? up.first : up.end;
        while ((d < down.end || u < up.end) && !pool_full(pool) && !pool->oom) {
            bool from_down =
                u >= up.end || (d < down.end && index->by_year[d].at < index->by_year[u].at);
            near_event_add(pool, ctx, index, &index->by_year[from_down ? d++ : u++], asked, what);
        }
        if (take_down)
            below = down.first;
        if (take_up)
            above = up.end;
    }
}

static int event_when_what(struct recite_card *card, const struct card_ctx *ctx)
{
    const struct recite_fact *fact = ctx->fact;
    struct recite_date d = event_date(fact);
    char phrase[64];
    date_phrase(phrase, sizeof(phrase), &d);
    struct pool pool = {0};
    const struct recite_field *what = recite_fact_field(fact, "what");
    near_events(&pool, ctx, d.year, what);
    int rc;
    if (pool.count > 0 || pool.oom) {
        rc = card_set_prompt(card, "Which of these happened %s?", phrase);
        /* Nearby years make the harder distractors: draw from the closest few. */
        rc = rc < 0 ? rc : make_choice(card, ctx->rng, what->alts[0], what, &pool, 2 * DISTRACTORS);
        char typed[96];
        snprintf(typed, sizeof(typed), "What happened %s?", phrase);
        rc = rc < 0 ? rc : card_set_typed_prompt(card, typed);
    } else {
        card->answer_kind = RECITE_ANSWER_FLASH;
        rc = card_set_prompt(card, "What happened %s?", phrase);
        rc = rc < 0 ? rc : card_add_accepted(card, what->alts[0]);
    }
    pool_release(&pool);
    return rc;
}

/* Whether candidate overlaps none of spans[0..n). */
static bool disjoint_from(const struct span *spans, size_t n, struct span candidate)
{
    for (size_t j = 0; j < n; j++)
        if (spans_overlap(spans[j], candidate))
            return false;
    return true;
}

/* Puts this event and up to three others, none overlapping in time, in time order. */
static int event_order(struct recite_card *card, const struct card_ctx *ctx)
{
    const struct recite_fact *picked[4] = {ctx->fact};
    struct span spans[4] = {event_span(ctx->fact)};
    size_t n = 1;
    struct kind_walk walk;
    bool ok = kind_walk_start(&walk, ctx, RECITE_FACT_EVENT);
    for (size_t at; ok && n < 4 && kind_walk_next(&walk, ctx, &at);) {
        struct span candidate = walk.index->event_spans[at];
        if (disjoint_from(spans, n, candidate) && (picked[n] = kind_walk_fact(&walk, ctx, at)))
            spans[n++] = candidate;
    }
    if (kind_walk_end(&walk) || !ok)
        return RECITE_ENOMEM;
    if (n < 2)
        return event_what_when(card, ctx);
    card->answer_kind = RECITE_ANSWER_ORDER;
    card->order = calloc(n, sizeof(*card->order));
    int rc = card->order ? card_set_prompt(card, "Put these events in time order, earliest first.")
                         : RECITE_ENOMEM;
    /* Show them shuffled; order[rank] = the shown index of the rank-th earliest. */
    size_t shown[4] = {0, 1, 2, 3};
    recite_rng_shuffle(ctx->rng, shown, n, sizeof(shown[0]));
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t k = shown[i];
        rc = card_add_option(card, recite_fact_get(picked[k], "what"));
        size_t rank = 0;
        for (size_t j = 0; j < n; j++)
            rank += spans[j].first < spans[k].first;
        if (rc == 0)
            card->order[rank] = i;
    }
    return rc;
}

int cards_event(struct recite_card *card, const struct card_ctx *ctx)
{
    if (is(ctx, "when-what"))
        return event_when_what(card, ctx);
    if (is(ctx, "order"))
        return event_order(card, ctx);
    return event_what_when(card, ctx);
}

/* ---- set ---- */

/*
 * Every spelling of a set's members with its fold: telling whether a name
 * is a member then costs one normalisation (of the name), not two per
 * spelling compared.
 */
struct member_folds {
    const char **texts;
    char **folded; /* parallel to texts; NULL when unfoldable */
    size_t count;
    uint64_t *raw_hashes, *folded_hashes; /* of texts, of the folds there are */
    size_t folded_hashes_count;
};

static bool member_folds_init(struct member_folds *m, const struct recite_fact *set)
{
    size_t n = 0;
    for (size_t i = 0; i < set->field_count; i++)
        if (strcmp(set->fields[i].name, "member") == 0)
            n += set->fields[i].alt_count;
    m->count = m->folded_hashes_count = 0;
    m->texts = malloc((n + 1) * sizeof(*m->texts));
    m->folded = malloc((n + 1) * sizeof(*m->folded));
    m->raw_hashes = malloc((2 * n + 1) * sizeof(*m->raw_hashes));
    m->folded_hashes = m->raw_hashes ? m->raw_hashes + n : NULL;
    if (!m->texts || !m->folded || !m->raw_hashes)
        return false;
    for (size_t i = 0; i < set->field_count; i++) {
        const struct recite_field *field = &set->fields[i];
        for (size_t j = 0; strcmp(field->name, "member") == 0 && j < field->alt_count; j++) {
            m->texts[m->count] = field->alts[j];
            m->raw_hashes[m->count] = text_hash(field->alts[j]);
            char *folded = m->folded[m->count++] = fold_text(field->alts[j]);
            if (folded)
                m->folded_hashes[m->folded_hashes_count++] = text_hash(folded);
        }
    }
    return true;
}

static void member_folds_release(struct member_folds *m)
{
    for (size_t i = 0; i < m->count; i++)
        free(m->folded[i]);
    free(m->folded);
    free(m->texts);
    free(m->raw_hashes);
}

/* Whether text (folded: its fold) is the same text as any member's spelling. */
static bool member_folds_has(const struct member_folds *m, const char *text, const char *folded)
{
    for (size_t i = 0; i < m->count; i++)
        if (same_folded(m->texts[i], m->folded[i], text, folded))
            return true;
    return false;
}

/* Adds field's first spelling to pool unless any of its spellings names a member. */
static void outsider_add(struct pool *pool, const struct member_folds *members,
                         const struct recite_field *field)
{
    char *first = NULL;
    bool member = false;
    for (size_t i = 0; i < field->alt_count && !member; i++) {
        char *folded = fold_text(field->alts[i]);
        member = member_folds_has(members, field->alts[i], folded);
        if (i == 0)
            first = folded;
        else
            free(folded);
    }
    if (member)
        free(first);
    else
        pool_add_folded(pool, field->alts[0], first, NULL);
}

/* Does any member spelling of other name a member of the set asked? */
static bool shares_member(const struct recite_fact *other, const struct member_folds *members)
{
    for (size_t i = 0; i < other->field_count; i++) {
        const struct recite_field *field = &other->fields[i];
        for (size_t j = 0; strcmp(field->name, "member") == 0 && j < field->alt_count; j++) {
            char *folded = fold_text(field->alts[j]);
            bool shared = member_folds_has(members, field->alts[j], folded);
            free(folded);
            if (shared)
                return true;
        }
    }
    return false;
}

static bool hash_among(uint64_t hash, const uint64_t *hashes, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (hashes[i] == hash)
            return true;
    return false;
}

/*
 * Whether a set whose member spellings hash to raw and folded is of another
 * type than the set asked (its members' hashes in members), as
 * same_member_type() would find when neither says its type: false when it
 * shares a spelling, so that the set must be read to tell.
 */
static bool shares_no_hash(const uint64_t *raw, size_t raw_count, const uint64_t *folded,
                           size_t folded_count, const struct member_folds *members)
{
    for (size_t i = 0; i < raw_count; i++)
        if (hash_among(raw[i], members->raw_hashes, members->count))
            return false;
    for (size_t i = 0; i < folded_count; i++)
        if (hash_among(folded[i], members->folded_hashes, members->folded_hashes_count))
            return false;
    return true;
}

/*
 * Are other's members of the kind set's are? Both say (type:): when the
 * types agree. Otherwise sets that share a member are taken to be of one
 * type, and a set sharing none is of another.
 */
static bool same_member_type(const struct recite_fact *set, const struct recite_fact *other,
                             const struct member_folds *members)
{
    const char *a = recite_fact_get(set, "type"), *b = recite_fact_get(other, "type");
    if (a && b)
        return strcmp(a, b) == 0;
    return shares_member(other, members);
}

/* The same from a session's note on the set (type: the asked set's type). */
static bool note_other_type(const struct fact_note *note, const char *type,
                            const struct member_folds *members)
{
    if (type && note->type)
        return strcmp(type, note->type) != 0;
    return shares_no_hash(note->raw, note->raw_count, note->folded, note->folded_count, members);
}

/* The same from what the bank's card notes keep of the set (type_hash: of type). */
static bool kept_other_type(const struct card_note_set *kept, const char *type, uint64_t type_hash,
                            const struct member_folds *members)
{
    if (type && kept->typed)
        return type_hash != kept->type;
    return shares_no_hash(kept->raw, kept->raw_count, kept->folded, kept->folded_count, members);
}

/* The next run of ASCII letters from *p on, its length in *n; NULL at the text's end. */
static const char *letters_word(const char **p, size_t *n)
{
    const char *s = *p;
    while (*s && !card_letter(*s))
        s++;
    const char *w = s;
    while (card_letter(*s))
        s++;
    *p = s;
    *n = (size_t)(s - w);
    return *n ? w : NULL;
}

/* A word that says what a set's prompt is about: four letters or more, or an acronym. */
static bool topic_word(const char *w, size_t n)
{
    static const char *const generic[] = {
        "countries", "country", "members", "member", "states", "state", "nations", "nation",
        "which", "that", "these", "those", "their", "with", "from", "into", "were", "have",
        "been", "first", "since", "after", "before", "later", "other", "parts", NULL};
    bool acronym = n >= 2;
    for (size_t i = 0; i < n && acronym; i++)
        acronym = w[i] >= 'A' && w[i] <= 'Z';
    if (n < 4 && !acronym)
        return false;
    for (size_t g = 0; generic[g]; g++)
        if (strlen(generic[g]) == n && strncasecmp(w, generic[g], n) == 0)
            return false;
    return true;
}

/*
 * Whether two sets' prompts share two words that say what they are about
 * ("countries that joined NATO in 1952" and "... joined NATO in 2004"; one
 * word, such as a bank's subject "NATO", is in most of its prompts).
 */
static bool prompts_share_words(const char *a, const char *b)
{
    size_t shared = 0, n, m;
    for (const char *p = a, *w; shared < 2 && (w = letters_word(&p, &n));) {
        if (!topic_word(w, n))
            continue;
        for (const char *q = b, *v; (v = letters_word(&q, &m));)
            if (m == n && strncasecmp(v, w, n) == 0) {
                shared++;
                break;
            }
    }
    return shared >= 2;
}

/*
 * Named non-members of set, then members of other sets of its type that are
 * not in set, those about the same thing first (their prompts share a word:
 * "joined NATO in 1952" draws on other years' joiners before the Korean
 * War's sides). Returns how many of the pool's first items are named
 * non-members: the author's own confusions, drawn first.
 */
static size_t set_outsiders(struct pool *pool, const struct card_ctx *ctx)
{
    const struct recite_fact *set = ctx->fact;
    struct member_folds members;
    if (!member_folds_init(&members, set)) {
        member_folds_release(&members);
        pool->oom = true;
        return 0;
    }
    for (size_t i = 0; i < set->field_count; i++)
        if (strcmp(set->fields[i].name, "nonmember") == 0)
            outsider_add(pool, &members, &set->fields[i]);
    size_t own = pool->count;
    struct kind_walk walk;
    pool->oom = !kind_walk_start(&walk, ctx, RECITE_FACT_SET) || pool->oom;
    const char *type = recite_fact_get(set, "type");
    /* the bank's notes tell most sets of another type apart unread */
    const struct card_notes *notes = pool->oom ? NULL : card_notes_get(ctx);
    if (notes && card_notes_total(notes, RECITE_FACT_SET) != walk.index->kind_count[RECITE_FACT_SET])
        notes = NULL;
    uint64_t type_hash = type ? text_hash(type) : 0;
    const char *prompt = recite_fact_get(set, "prompt");
    size_t later[DISTRACTORS * 4], later_count = 0;
    struct card_note_set kept;
    for (size_t at; !pool_full(pool) && kind_walk_next(&walk, ctx, &at);) {
        if (notes && card_notes_set(notes, at, &kept) &&
            kept_other_type(&kept, type, type_hash, &members))
            continue;
        const struct recite_fact *other;
        const struct fact_note *note = walk_note(&walk, ctx, at, &other);
        if (note && note_other_type(note, type, &members))
            continue;
        if (!other)
            other = kind_walk_fact(&walk, ctx, at);
        if (other && !same_member_type(set, other, &members))
            continue;
        const char *other_prompt = other ? recite_fact_get(other, "prompt") : NULL;
        if (other && prompt && other_prompt && !prompts_share_words(prompt, other_prompt)) {
            if (later_count < sizeof(later) / sizeof(later[0]))
                later[later_count++] = at;
            continue;
        }
        for (size_t i = 0; other && i < other->field_count && !pool_full(pool); i++)
            if (strcmp(other->fields[i].name, "member") == 0)
                outsider_add(pool, &members, &other->fields[i]);
    }
    /* then the sets about something else, while options are missing */
    for (size_t k = 0; k < later_count && !pool_full(pool) && !walk.failed; k++) {
        const struct recite_fact *other = kind_walk_fact(&walk, ctx, later[k]);
        for (size_t i = 0; other && i < other->field_count && !pool_full(pool); i++)
            if (strcmp(other->fields[i].name, "member") == 0)
                outsider_add(pool, &members, &other->fields[i]);
    }
    pool->oom = kind_walk_end(&walk) || pool->oom;
    member_folds_release(&members);
    return own;
}

static const struct recite_field *random_member(const struct card_ctx *ctx)
{
    size_t count = recite_fact_count(ctx->fact, "member");
    size_t want = (size_t)recite_rng_below(ctx->rng, count);
    for (size_t i = 0; i < ctx->fact->field_count; i++)
        if (strcmp(ctx->fact->fields[i].name, "member") == 0 && want-- == 0)
            return &ctx->fact->fields[i];
    return NULL;
}

/* Copies every member of set, with its spellings, into card->members. */
static int copy_members(struct recite_card *card, const struct recite_fact *set)
{
    size_t count = recite_fact_count(set, "member");
    card->members = calloc(count + 1, sizeof(*card->members));
    if (!card->members)
        return RECITE_ENOMEM;
    for (size_t i = 0; i < set->field_count; i++) {
        const struct recite_field *field = &set->fields[i];
        if (strcmp(field->name, "member") != 0)
            continue;
        struct recite_card_member *m = &card->members[card->member_count++];
        m->alts = calloc(field->alt_count, sizeof(*m->alts));
        if (!m->alts)
            return RECITE_ENOMEM;
        for (size_t j = 0; j < field->alt_count; j++, m->alt_count++)
            if (!(m->alts[j] = recite_strdup(field->alts[j])))
                return RECITE_ENOMEM;
    }
    return 0;
}

static int set_members(struct recite_card *card, const struct card_ctx *ctx)
{
    const struct recite_fact *set = ctx->fact;
    size_t count = recite_fact_count(set, "member");
    const char *ordered = recite_fact_get(set, "ordered");
    card->answer_kind = RECITE_ANSWER_LIST;
    card->ordered = ordered && strcmp(ordered, "yes") == 0;
    int rc = copy_members(card, set);
    struct set_phrase ph;
    char all[1024];
    set_phrase_read(&ph, recite_fact_get(set, "prompt"));
    set_phrase_all(all, sizeof(all), &ph, count);
    return rc < 0 ? rc : card_set_prompt(card, "Name %s%s.", all, card->ordered ? ", in order" : "");
}

/* Fewer same-type distractors than this and a choice card is asked as "Name one of". */
#define MIN_DISTRACTORS 2

static int set_choice(struct recite_card *card, const struct card_ctx *ctx)
{
    struct set_phrase ph;
    char one_of[1024], typed[1100];
    set_phrase_read(&ph, recite_fact_get(ctx->fact, "prompt"));
    set_phrase_one_of(one_of, sizeof(one_of), &ph);
    snprintf(typed, sizeof(typed), "Name one of %s.", one_of);
    const struct recite_field *member = random_member(ctx);
    struct pool pool = {0};
    size_t own = set_outsiders(&pool, ctx);
    int rc;
    if (pool.count >= MIN_DISTRACTORS || pool.oom) {
        rc = card_set_prompt(card, "Which of these is one of %s?", one_of);
        /* the author's non-members first: they are the confusions worth testing */
        rc = rc < 0 ? rc
                    : make_choice(card, ctx->rng, member->alts[0], member, &pool,
                                  own >= DISTRACTORS ? own : DISTRACTORS + 1);
        rc = rc < 0 ? rc : card_set_typed_prompt(card, typed);
        /* Asked without its options, any member answers it. */
        rc = rc < 0 ? rc : copy_members(card, ctx->fact);
    } else {
        card->answer_kind = RECITE_ANSWER_TYPED;
        rc = card_set_prompt(card, "%s", typed);
        for (size_t i = 0; i < ctx->fact->field_count && rc == 0; i++)
            if (strcmp(ctx->fact->fields[i].name, "member") == 0)
                rc = card_add_alts(card, &ctx->fact->fields[i]);
    }
    pool_release(&pool);
    return rc;
}

static int set_truefalse(struct recite_card *card, const struct card_ctx *ctx)
{
    const struct recite_field *member = random_member(ctx);
    const char *subject = member->alts[0];
    struct pool pool = {0};
    size_t own = set_outsiders(&pool, ctx);
    if (pool.oom)
        return RECITE_ENOMEM;
    struct set_phrase ph;
    char one_of[1024];
    set_phrase_read(&ph, recite_fact_get(ctx->fact, "prompt"));
    set_phrase_one_of(one_of, sizeof(one_of), &ph);
    if (pool.count == 0) {
        /* Nothing of the members' type to say it of: a statement that is always
           true teaches nothing, so ask for a member instead. */
        pool_release(&pool);
        card->answer_kind = RECITE_ANSWER_TYPED;
        int rc = card_set_prompt(card, "Name one of %s.", one_of);
        for (size_t i = 0; i < ctx->fact->field_count && rc == 0; i++)
            if (strcmp(ctx->fact->fields[i].name, "member") == 0)
                rc = card_add_alts(card, &ctx->fact->fields[i]);
        return rc;
    }
    card->answer_kind = RECITE_ANSWER_TRUEFALSE;
    card->truth = recite_rng_below(ctx->rng, 2) == 0;
    /* a false statement names one of the author's non-members when there are some */
    if (!card->truth)
        subject = pool.items[recite_rng_below(ctx->rng, own ? own : pool.count)];
    int rc = card_set_prompt(card, "True or false: %s%s is one of %s.", name_article(subject),
                             subject, one_of);
    pool_release(&pool);
    return rc < 0 ? rc : card_add_accepted(card, card->truth ? "true" : "false");
}

int cards_set(struct recite_card *card, const struct card_ctx *ctx)
{
    if (is(ctx, "member-choice"))
        return set_choice(card, ctx);
    if (is(ctx, "member-truefalse"))
        return set_truefalse(card, ctx);
    return set_members(card, ctx);
}

/* ---- question ---- */

/* The year an answer names, when it is just a four-digit year; else 0. */
static int plain_year(const char *text)
{
    if (strlen(text) != 4)
        return 0;
    for (size_t i = 0; i < 4; i++)
        if (text[i] < '0' || text[i] > '9')
            return 0;
    return (int)strtol(text, NULL, 10);
}

int cards_question(struct recite_card *card, const struct card_ctx *ctx)
{
    const struct recite_fact *fact = ctx->fact;
    const struct recite_field *answer = recite_fact_field(fact, "answer");
    const char *explain = recite_fact_get(fact, "explain");
    if (explain && !(card->explain = recite_strdup(explain)))
        return RECITE_ENOMEM;
    int rc = card_set_prompt(card, "%s", recite_fact_get(fact, "ask"));
    if (rc < 0 || !is(ctx, "choice")) {
        card->answer_kind = RECITE_ANSWER_TYPED;
        return rc < 0 ? rc : card_add_alts(card, answer);
    }
    struct pool pool = {0};
    for (size_t i = 0; i < fact->field_count; i++)
        if (strcmp(fact->fields[i].name, "wrong") == 0)
            pool_add(&pool, fact->fields[i].alts[0], answer);
    /* A year answer with too few wrong options gets nearby years. */
    char years[2 * DISTRACTORS][8];
    int year = plain_year(answer->alts[0]);
    for (int k = 1, used = 0; year && pool.count < DISTRACTORS && used < 2 * DISTRACTORS; k++) {
        snprintf(years[used], sizeof(years[used]), "%d", year + (k % 2 ? k / 2 + 1 : -(k / 2)));
        pool_add(&pool, years[used++], answer);
    }
    rc = make_choice(card, ctx->rng, answer->alts[0], answer, &pool, 0);
    rc = rc < 0 ? rc : card_set_typed_prompt(card, recite_fact_get(fact, "ask"));
    pool_release(&pool);
    return rc;
}

/* ---- cloze ---- */

/* Appends [s, s + n) to a growing string; false when out of memory. */
static bool append(char **buf, size_t *len, const char *s, size_t n)
{
    char *grown = realloc(*buf, *len + n + 1);
    if (!grown)
        return false;
    memcpy(grown + *len, s, n);
    *len += n;
    grown[*len] = '\0';
    *buf = grown;
    return true;
}

/* The deletion's spellings: '|' inside {{...}} separates them, the first is shown. */
static int add_deletion_answers(struct recite_card *card, const char *s, size_t n)
{
    while (n > 0) {
        size_t part = 0;
        while (part < n && s[part] != '|')
            part++;
        char *text = bank_trim_dup(s, part);
        int rc = !text ? RECITE_ENOMEM : text[0] ? card_add_accepted(card, text) : 0;
        free(text);
        if (rc < 0)
            return rc;
        s += part < n ? part + 1 : part;
        n -= part < n ? part + 1 : part;
    }
    return 0;
}

int cards_cloze(struct recite_card *card, const struct card_ctx *ctx)
{
    const char *text = recite_fact_get(ctx->fact, "text");
    size_t asked = (size_t)strtoul(ctx->template_name + strlen("cloze-"), NULL, 10) - 1;
    char *prompt = NULL;
    size_t len = 0, at = 0, start, n;
    bool ok = append(&prompt, &len, "", 0);
    for (size_t i = 0; ok && bank_cloze_span(text, i, &start, &n); i++) {
        ok = append(&prompt, &len, text + at, start - 2 - at);
        size_t shown = 0;
        while (shown < n && text[start + shown] != '|')
            shown++;
        char *first = bank_trim_dup(text + start, shown);
        ok = ok && first && append(&prompt, &len, i == asked ? "[...]" : first,
                                   i == asked ? 5 : strlen(first));
        free(first);
        if (ok && i == asked && add_deletion_answers(card, text + start, n) < 0)
            ok = false;
        at = start + n + 2;
    }
    ok = ok && append(&prompt, &len, text + at, strlen(text + at));
    if (!ok) {
        free(prompt);
        return RECITE_ENOMEM;
    }
    card->answer_kind = RECITE_ANSWER_TYPED;
    free(card->prompt);
    card->prompt = prompt;
    return 0;
}
