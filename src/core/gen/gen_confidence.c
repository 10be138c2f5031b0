/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * How far to trust a fact (spec §2.4, §3.2, issue 17): a score in [0, 1]
 * from the evidence the rules saw, each piece adding or taking away weight
 * (log-odds), so the draft can put the doubtful facts first and name the
 * weakest piece of evidence. Deterministic: the same fact, the same score.
 */
#include <math.h>
#include <string.h>

#include "gen_internal.h"

struct evidence {
    double score;       /* log-odds so far */
    double worst;       /* the most negative weight seen */
    const char *reason; /* what it was */
};

/*
 * "it was finally established that Antarctica was a continent", "it became
 * clear that ...", "It was asserted that ...", "It was here that ...": an
 * "it" that stands for the clause after it, not a name.
 */
bool gen_expletive_it(const char *what)
{
    if (strncmp(what, "It ", 3) != 0 && strncmp(what, "it ", 3) != 0)
        return false;
    const char *that = strstr(what, " that ");
    if (!that)
        return false;
    static const char *const linking[] = {"was", "is", "became", "had", "has", "been", "be",
                                          "seemed", "appeared", "finally", "soon", "then",
                                          "also", "later", "not", "never", "quickly", NULL};
    static const char *const meanings[] = {"clear", "known", "evident", "obvious", "apparent",
                                           "likely", "possible", "certain", "agreed", "decided",
                                           "established", "announced", "reported", "confirmed",
                                           "determined", "recognized", "recognised", "accepted",
                                           "understood", "discovered", "found", "proved",
                                           "proven", "shown", "expected", "feared", NULL};
    /* these only after "was", "has been"...: "It suggested that" is a report's verb */
    static const char *const passives[] = {"asserted", "estimated", "believed", "said",
                                           "thought", "argued", "claimed", "suggested", "noted",
                                           "alleged", "predicted", "assumed", "stated", "hoped",
                                           /* a cleft: "It was here that ..." */
                                           "here", "there", NULL};
    /* "It" [linking words] meaning "that": nothing else between */
    bool meaning = false, linked = false;
    for (const char *w = what + 3; w < that;) {
        const char *e = strchr(w, ' ');
        if (!e || e > that)
            e = that;
        size_t len = (size_t)(e - w);
        if (gen_word_in(w, len, meanings, false) ||
            (linked && gen_word_in(w, len, passives, false)))
            meaning = true;
        else if (meaning || !gen_word_in(w, len, linking, false))
            return false;
        else
            linked = true;
        w = e + 1;
    }
    return meaning;
}

/* Verbs of saying: a description that ends in one has lost what was said. */
const char *const gen_saying_verbs[] = {
    "announced", "said", "stated", "declared", "reported", "claimed", "noted", "warned",
    "revealed", "confirmed", "agreed", "decided", "argued", "insisted", "suggested",
    "indicated", "added", "explained", "wrote", "proposed", "promised", "hoped", "reiterated",
    "stressed", "emphasized", "emphasised", "affirmed", "reaffirmed", "asserted", "remarked",
    "commented", "responded", "replied", "concluded", "acknowledged", "urged", NULL,
};

static void weigh(struct evidence *e, double weight, const char *reason)
{
    e->score += weight;
    if (weight < e->worst) {
        e->worst = weight;
        e->reason = reason;
    }
}

static size_t words_of(const char *s)
{
    return s ? gen_word_count(s, strlen(s)) : 0;
}

/* Whether s holds more than limit words. */
static bool more_words_than(const char *s, size_t limit)
{
    return words_of(s) > limit;
}

static size_t letters_of(const char *s)
{
    size_t n = 0;
    for (size_t i = 0; s[i]; i++)
        n += gen_is_alnum(s[i]);
    return n;
}

static bool has_upper_after_first(const char *s)
{
    for (size_t i = 1; s[i]; i++)
        if (gen_is_lower(s[i]))
            return false;
    return true;
}

static void acronym_evidence(struct evidence *e, const struct recite_gen_fact *f)
{
    const char *rule = f->rule ? f->rule : "";
    if (strcmp(rule, "synonym") == 0)
        weigh(e, -1.2, "the letters do not spell the long form");
    else if (strcmp(rule, "sh") == 0)
        weigh(e, 2.2, NULL);
    else
        weigh(e, 1.0, NULL);
    size_t letters = letters_of(f->short_form), words = words_of(f->long_form);
    if (words + 1 < letters || words > letters + 3)
        weigh(e, -0.9, "the long form has not one word per letter");
    else if (words == letters)
        weigh(e, 0.6, NULL);
    if (has_upper_after_first(f->short_form))
        weigh(e, 0.3, NULL);
    if (strchr(f->long_form, '|'))
        weigh(e, -0.3, "spelt more than one way");
}

/* One past-tense test for the whole generator: the event rules' (gen_events.c). */
static bool past_verb(const char *w, size_t n)
{
    return gen_past_word(w, n);
}

/* A verb other than one that places a document ("enclosed with", "attached to"). */
static bool acting_verb(const char *w, size_t n)
{
    static const char *const placing[] = {"enclosed", "attached", "appended", "cited",
                                          "quoted", NULL};
    return past_verb(w, n) && !gen_word_in(w, n, placing, false);
}

static bool any_word(const char *s, bool (*test)(const char *, size_t));

/*
 * "Bernard Noble letter to Shafer", "Note verbale enclosed with Edward Reed
 * despatch to Secretary of State": a footnote's document dated, no event.
 */
static bool document_cited(const char *what)
{
    static const char *const documents[] = {"letter", "memorandum", "despatch", "dispatch",
                                            "telegram", "cable", "memo", "note", "address",
                                            "minutes", NULL};
    /* the document's word first: nearly every description has none, and no verb is read */
    for (const char *p = what; (p = strstr(p, " to ")) != NULL; p++) {
        const char *w = p;
        while (w > what && w[-1] != ' ')
            w--;
        if (gen_word_in(w, (size_t)(p - w), documents, true))
            return !any_word(what, acting_verb);
    }
    return false;
}

static bool any_word(const char *s, bool (*test)(const char *, size_t))
{
    for (size_t i = 0; s[i];) {
        while (s[i] == ' ')
            i++;
        size_t e = i;
        while (s[e] && s[e] != ' ' && s[e] != ',' && s[e] != ';')
            e++;
        if (e > i && test(s + i, e - i))
            return true;
        i = e + (s[e] != '\0');
    }
    return false;
}

static bool year_like(const char *w, size_t n)
{
    if (n != 4)
        return false;
    for (size_t i = 0; i < 4; i++)
        if (!gen_is_digit(w[i]))
            return false;
    return (w[0] == '1' || w[0] == '2');
}

/*
 * "established between the Soviet Union" (and the rest cut off): "between"
 * and one singular thing, no "and" after it. "between 12 nations" and
 * "between the two countries" name several.
 */
static bool between_one(const char *what, const char *end)
{
    static const char *const several[] = {"two", "three", "four", "both", "several", "many",
                                          "various", "member", NULL};
    const char *b = strstr(what, " between ");
    if (!b || b >= end)
        return false;
    const char *p = b + 9;
    if (strstr(p, " and ") || strstr(p, " & "))
        return false;
    for (const char *q = p; q < end; q++)
        if (gen_is_digit(*q))
            return false;
    const char *w = p;
    while (w < end) {
        size_t n = strcspn(w, " ");
        if (w + n > end)
            n = (size_t)(end - w);
        if (gen_word_in(w, n, several, true))
            return false;
        /* a plural last word: "between member states" */
        if (w + n == end && n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
            return false;
        w += n;
        w += strspn(w, " ");
    }
    return true;
}

/* "first announced to the public", "formally ended": an adverb, then the verb, no subject */
static bool adverb_then_verb(const char *what, size_t first)
{
    static const char *const adverbs[] = {"first", "later", "then", "soon", "again", "also",
                                          "once", "still", "finally", NULL};
    bool adverb = (first > 4 && what[first - 1] == 'y' && what[first - 2] == 'l') ||
                  gen_word_in(what, first, adverbs, false);
    if (!adverb || !what[first])
        return false;
    const char *next = what + first + strspn(what + first, " ");
    size_t n = strcspn(next, " ,");
    if (!past_verb(next, n))
        return false;
    /* "newly appointed U.S. Secretary of State Richard Olney sent": it qualifies the subject */
    const char *after = next + n + strspn(next + n, " ");
    if (gen_is_upper(after[0]))
        return false;
    /* "ethnically fractured opposition failed": a noun and its verb come after it */
    static const char *const finite[] = {"was", "were", "had", "has", "is", "are", "did", NULL};
    size_t an = strcspn(after, " ,");
    const char *verb = after + an + strspn(after + an, " ");
    size_t vn = strcspn(verb, " ,");
    return !(an > 2 && after[an] == ' ' && !past_verb(after, an) &&
             (past_verb(verb, vn) || gen_word_in(verb, vn, finite, false)));
}

/* Whether a count stands alone before its verb: " was published" (not " German states"). */
static bool counted_alone(const char *rest)
{
    static const char *const verbs[] = {"was", "were", "had", "has", "have", "is", "are", "did",
                                        "would", "could", "became", "remained", NULL};
    rest += strspn(rest, " ");
    return gen_word_in(rest, strcspn(rest, " "), verbs, false);
}

const char gen_shared_description[] =
    "the same description is given to another date: a question would have two answers";
const char gen_one_name[] = "the items are one name with its short form, not a list";
const char gen_one_name_parts[] = "the items are the words of one name, not a list";

/* The weight of a rule's reason for doubt: usual, or enough to leave the fact out. */
static double low_weight(const char *low, double usual)
{
    return low == gen_shared_description || low == gen_one_name || low == gen_one_name_parts
               ? -3.0
               : usual;
}

static void event_evidence(struct evidence *e, const struct recite_gen_fact *f)
{
    static const char *const pronouns[] = {"it", "they", "this", "these", "he", "she", "which",
                                           "its", "their", "that", NULL};
    /* "one was published in 1981": one of what the sentence counted, not named here */
    static const char *const counted[] = {"one", "some", "others", "both", "many", "several",
                                          "most", "none", "each", "two", "three", NULL};
    /* a link's words, not what happened: "Read the documents on the 1980 re-review" */
    static const char *const imperatives[] = {"Read", "See", "Download", "Click", "Visit",
                                              "View", "Watch", "Listen", "Learn", "Explore",
                                              "Find", "Browse", "Discover", NULL};
    const char *what = f->what ? f->what : "";
    size_t len = strlen(f->when ? f->when : "");
    weigh(e, 0.4, NULL);
    if (len == 10)
        weigh(e, 0.6, NULL);
    else if (len == 7)
        weigh(e, 0.3, NULL);
    else if (len == 5)
        weigh(e, -0.8, "only a decade");
    else if (len == 9)
        weigh(e, -0.2, "a range");
    size_t words = words_of(what);
    /* a list or table pairs the date with its entry: a label is all it needs */
    bool entry = f->rule && strcmp(f->rule, "timeline") == 0;
    if (entry)
        weigh(e, 0.6, NULL);
    if (words < 3 && !entry)
        weigh(e, -1.2, "says little of what happened");
    else if (words <= 14)
        weigh(e, 0.3, NULL);
    else if (words > 18)
        weigh(e, -0.5, "a long description");
    /* "or that patent license was granted prior": the tail of a clause, its date cut out */
    static const char *const joining[] = {"or", "and", "but", "nor", "unless", "if", "whereas",
                                          NULL};
    /* ... or cut short: "from joining any", "between the Soviet Union" */
    static const char *const cut_off[] = {"prior", "before", "after", "until", "since", "any",
                                          "each", "every", "some", "all", "no", "its", "their",
                                          "his", "her", "our", "these", "those", "whose",
                                          /* "The China problem was [1949]": the date was what
                                             was said of it */
                                          "was", "were", "is", "are", NULL};
    size_t first = strcspn(what, " ");
    size_t tail = strlen(what);
    while (tail > 0 && (what[tail - 1] == ' ' || what[tail - 1] == '.' || what[tail - 1] == ','))
        tail--;
    size_t last = tail;
    while (last > 0 && what[last - 1] != ' ')
        last--;
    if (gen_word_in(what, first, joining, true) ||
        (!entry && !gen_ever_since(what, last, tail) &&
         gen_word_in(what + last, tail - last, cut_off, true)))
        weigh(e, -3.0, "the description is the tail of a clause");
    else if (!entry && between_one(what, what + tail))
        weigh(e, -3.0, "the description is cut short: between one thing alone");
    /* a clause with no subject of its own: "about the lag established by Nixon", "(chief of
       the Division) to announce"; or the author speaking: "I'll talk about the volume" */
    static const char *const preps[] = {"about", "for", "from", "with", "of", "by", "in", "on",
                                        "at", "to", "into", "during", "after", "before",
                                        "following", "as", "than", "among", "between",
                                        /* "however attempted to secure its boundaries" */
                                        "however", "therefore", "thus", "also", "then", "but",
                                        "along", "together",
                                        NULL};
    /* "like the Latin Monetary Union started", "Despite the group refusing ...": in any case,
       no subject ("After" may open a clause with its own) */
    static const char *const preps_any_case[] = {"like", "unlike", "despite", "amid", "including",
                                                 NULL};
    static const char *const first_person[] = {"I", "I’ll", "I'll", "I’ve", "I've", "We",
                                               "We’ll", "We'll", "we", "My", "Our", NULL};
    bool upper = gen_is_upper(what[0]);
    if ((upper || what[0] == 'w') && gen_word_in(what, first, first_person, false))
        weigh(e, -3.0, "the author speaking, not what happened");
    else if (upper && !entry && gen_word_in(what, first, imperatives, false))
        weigh(e, -3.0, "an instruction to the reader, not what happened");
    else if (what[0] == '(')
        weigh(e, -2.0, "the description starts inside brackets, not with its subject");
    else if (gen_expletive_it(what))
        ; /* "it was established that ...": the clause after it is the subject */
    else if (!entry && (gen_word_in(what, first, preps_any_case, true) ||
                        (!upper && gen_word_in(what, first, preps, false))))
        weigh(e, -3.0, "the description starts with a preposition or a connective, not its "
                       "subject");
    else if (!upper && gen_word_in(what, first, counted, false) && counted_alone(what + first))
        weigh(e, -2.5, "the subject is a count of something named elsewhere");
    else if (!upper && !entry && (past_verb(what, first) || adverb_then_verb(what, first)))
        weigh(e, -3.0, "the description starts with its verb: who did it is missing");
    else if (gen_word_in(what, first, pronouns, true))
        weigh(e, -0.9, "the subject is a pronoun");
    else if (gen_is_lower(what[0]))
        weigh(e, -0.6, "the description does not start with its subject");
    if (any_word(what, past_verb))
        weigh(e, 0.6, NULL);
    else if (!entry)
        weigh(e, -0.7, "no past-tense verb");
    if (!entry && document_cited(what))
        weigh(e, -3.0, "a document cited (a letter, a memorandum), not what happened");
    /* "Oman announced" (... that it would not meet the target): what was said is missing */
    size_t end = strlen(what);
    while (end > 0 && (what[end - 1] == ' ' || what[end - 1] == '.' || what[end - 1] == ','))
        end--;
    size_t start = end;
    while (start > 0 && what[start - 1] != ' ')
        start--;
    static const char *const passive[] = {"was", "were", "been", "be", "is", "are", NULL};
    size_t before = start > 0 ? start - 1 : 0, from = before;
    while (from > 0 && what[from - 1] != ' ')
        from--;
    bool passive_voice = start > 0 && gen_word_in(what + from, before - from, passive, true);
    if (!passive_voice && gen_word_in(what + start, end - start, gen_saying_verbs, true))
        weigh(e, -3.0, "the description stops before what was said");
    if (strpbrk(what, "/<>_=@[]{}"))
        weigh(e, -1.5, "markup or an address in the description");
    if (any_word(what, year_like))
        weigh(e, -0.6, "another date in the description");
    if (f->low)
        weigh(e, low_weight(f->low, -1.0), f->low);
    if (more_words_than(f->quote, 60))
        weigh(e, -0.3, "a long sentence");
}

static bool lower_start(const char *s)
{
    return gen_is_lower(s[0]) && !(s[0] == 'v' && strncmp(s, "van ", 4) == 0);
}

static void set_evidence(struct evidence *e, const struct recite_gen_fact *f)
{
    const char *rule = f->rule ? f->rule : "";
    const char *prompt = f->prompt ? f->prompt : "";
    if (strncmp(rule, "list-", 5) == 0)
        weigh(e, 1.2, NULL);
    /* "The four areas of cooperation are ...": as many items as the sentence says, things
       no capital marks as names (no "does not start as a name" doubt) */
    bool counted = strcmp(rule, "counted enumeration") == 0;
    if (f->low)
        weigh(e, low_weight(f->low, -1.5), f->low);
    if (f->concept)
        weigh(e, -1.0, "the items are not names");
    if (f->member_count >= 3)
        weigh(e, 0.3, NULL);
    size_t long_members = 0, lower = 0;
    for (size_t i = 0; i < f->member_count; i++) {
        long_members += words_of(f->members[i]) > 5;
        lower += lower_start(f->members[i]);
    }
    if (long_members)
        weigh(e, -0.9, "a member is more than a name");
    if (lower && !counted)
        weigh(e, -1.0, "a member does not start as a name");
    size_t pw = words_of(prompt);
    if (pw == 0 || !(gen_is_alpha(prompt[0]) || (unsigned char)prompt[0] >= 0x80))
        weigh(e, -1.5, "the prompt is not a noun phrase");
    else if (strstr(prompt, " listed after \""))
        weigh(e, -1.2, "no noun phrase names the list: the prompt quotes the words before it");
    else if (pw > 8)
        weigh(e, -1.0, "the prompt is a clause, not a noun phrase");
    else if (pw <= 5)
        weigh(e, 0.5, NULL);
    if (gen_is_upper(prompt[0]) && pw > 1 && gen_is_lower(prompt[1]))
        weigh(e, -0.4, "the prompt starts like a sentence");
}

double gen_confidence(const char **reason, const struct recite_gen_fact *f)
{
    struct evidence e = {0.0, 0.0, NULL};
    switch (f->kind) {
    case RECITE_GEN_ACRONYM:
        acronym_evidence(&e, f);
        break;
    case RECITE_GEN_EVENT:
        event_evidence(&e, f);
        break;
    case RECITE_GEN_SET:
        set_evidence(&e, f);
        break;
    }
    *reason = e.reason ? e.reason : "weak evidence";
    double c = 1.0 / (1.0 + exp(-e.score));
    /* two decimals, so the draft and the ordering agree on what was written */
    return floor(c * 100.0 + 0.5) / 100.0;
}
