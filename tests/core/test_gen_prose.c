/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Event and list facts read from prose (gen_events.c, gen_lists.c): one case
 * per defect seen on real documents, each beside a positive control so a
 * fix that simply drops facts fails too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "recite.h"

static struct recite_gen *run(const char *text)
{
    struct recite_gen *gen = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_gen_new(&gen, NULL, &err), 0);
    assert_int_equal(recite_gen_add_buffer(gen, "doc.md", text, strlen(text), &err), 0);
    return gen;
}

/* The first fact of kind whose `when` (events) or first member (sets) is key. */
static const struct recite_gen_fact *find(struct recite_gen *gen, enum recite_gen_kind kind,
                                          const char *key)
{
    size_t n;
    const struct recite_gen_fact *f = recite_gen_facts(gen, &n);
    for (size_t i = 0; i < n; i++) {
        if (f[i].kind != kind)
            continue;
        const char *k = kind == RECITE_GEN_EVENT ? f[i].when : f[i].members[0];
        if (strcmp(k, key) == 0)
            return &f[i];
    }
    return NULL;
}

/* Fails unless text gives an event dated when whose description contains each of words. */
static void expect_event(const char *text, const char *when, const char *const *words)
{
    struct recite_gen *gen = run(text);
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, when);
    if (!f)
        fail_msg("no event dated %s in: %s", when, text);
    for (size_t i = 0; words && words[i]; i++)
        if (!strstr(f->what, words[i]))
            fail_msg("event %s reads '%s', without '%s'", when, f->what, words[i]);
    recite_gen_free(gen);
}

static void expect_no_event(const char *text, const char *when)
{
    struct recite_gen *gen = run(text);
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, when);
    if (f)
        fail_msg("unexpected event %s '%s' in: %s", when, f->what, text);
    recite_gen_free(gen);
}

/* Fails when text gives an event dated when whose description contains word. */
static void expect_event_without(const char *text, const char *when, const char *word)
{
    struct recite_gen *gen = run(text);
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, when);
    if (f && strstr(f->what, word))
        fail_msg("event %s reads '%s', with '%s'", when, f->what, word);
    recite_gen_free(gen);
}

/*
 * Fails when text gives an event (a kept one, when kept_only) whose description holds word;
 * returns how many events it gave.
 */
static size_t expect_no_event_reading(const char *text, const char *word, bool kept_only)
{
    struct recite_gen *gen = run(text);
    size_t n, events = 0;
    const struct recite_gen_fact *f = recite_gen_facts(gen, &n);
    for (size_t i = 0; i < n; i++) {
        if (f[i].kind != RECITE_GEN_EVENT || (kept_only && !recite_gen_fact_kept(&f[i])))
            continue;
        events++;
        if (strstr(f[i].what, word))
            fail_msg("event %s reads '%s'", f[i].when, f[i].what);
    }
    recite_gen_free(gen);
    return events;
}

#define WORDS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- a fact that cannot be described never costs the run ---- */

static void test_gen_prose_undescribable_date_is_skipped(void **state)
{
    (void)state;
    struct recite_gen *gen = run("(Smith 1957).\n\n"
                                 "The council was founded in 1961.\n");
    assert_non_null(find(gen, RECITE_GEN_EVENT, "1961"));
    recite_gen_free(gen);
}

/* ---- numbers that are not years ---- */

static void test_gen_prose_citation_year_is_no_date(void **state)
{
    (void)state;
    expect_no_event("Lists of members were compiled later (Smith 1957).\n", "1957");
    expect_no_event("The pact was studied closely (Smith and Jones, 1957).\n", "1957");
    expect_event("The pact was signed in Manila (1957).\n", "1957", WORDS("signed"));
    expect_event("The council was founded in 1957.\n", "1957", WORDS("council was founded"));
}

static void test_gen_prose_numbers_that_are_not_years(void **state)
{
    (void)state;
    expect_no_event("The standards are listed in RFC 1140, which was published.\n", "1140");
    expect_no_event("Population: 448 million (2025)\n\nThe figure was revised.\n", "2025");
    expect_no_event("GDP growth was 2.1 percent (2023 est.) in the union.\n", "2023");
    expect_no_event("It was established on 21 Rajab 1401 on the Islamic calendar.\n", "1401");
    expect_no_event("The text was printed on page 1234 of the report.\n", "1234");
    expect_no_event("The council adopted 1,400 measures.\n", "1400");
    expect_event("The council was established on 25 May 1981 in Abu Dhabi.\n", "1981-05-25",
                 WORDS("council was established"));
}

/* ---- events: one description per date, with its own subject ---- */

static void test_gen_prose_two_dates_two_subjects(void **state)
{
    (void)state;
    const char *text = "The 1980s saw further expansion, with Greece joining in 1981 and Spain "
                       "and Portugal in 1986.\n";
    expect_event(text, "1981", WORDS("Greece"));
    expect_event(text, "1986", WORDS("Spain and Portugal"));
    expect_no_event("Greece joined the union in 1981.\n", "1986");
    text = "Bulgaria and Romania joined in 2007 and Croatia in 2013.\n";
    expect_event(text, "2007", WORDS("Bulgaria and Romania joined"));
    expect_event(text, "2013", WORDS("Croatia joined"));
    text = "Finland and Sweden joined the alliance in 1995 and 2023, respectively.\n";
    expect_event(text, "1995", WORDS("Finland joined"));
    expect_event(text, "2023", WORDS("Sweden joined"));
    struct recite_gen *gen = run(text);
    assert_false(strstr(find(gen, RECITE_GEN_EVENT, "2023")->what, "Finland"));
    recite_gen_free(gen);
}

/* A name joined by an en dash is one subject ("Mekong–Ganga Cooperation"), as with a hyphen. */
static void test_gen_prose_en_dash_name_is_one_subject(void **state)
{
    (void)state;
    expect_event("The Mekong\u2013Ganga Cooperation was established on November 10, 2000.\n",
                 "2000-11-10", WORDS("Mekong\u2013Ganga Cooperation was established"));
    expect_event("The Tenth Mekong\u2013Ganga Cooperation Ministerial Meeting was held in "
                 "Bangkok on 1 August 2019.\n",
                 "2019-08-01", WORDS("Mekong\u2013Ganga Cooperation Ministerial Meeting was held"));
    /* an em dash so written is an aside, not part of the name */
    expect_event_without("The treaty\u2014signed by six states\u2014entered into force in 1952.\n",
                         "1952", "six states entered");
}

/* "the 2015 United Nations Climate Change Conference" says which one, when the clause is dated */
static void test_gen_prose_year_before_name_when_dated_closer(void **state)
{
    (void)state;
    const char *text = "The summit was held ahead of the 2015 United Nations Climate Change "
                       "Conference in November 2015.\n";
    expect_no_event(text, "2015");
    expect_event(text, "2015-11",
                 WORDS("summit was held ahead of the 2015 United Nations Climate Change"));
    /* alone, the year dates the clause */
    expect_event("The 1997 Summit adopted a plan.\n", "1997", WORDS("Summit adopted a plan"));
}

/*
 * "X is a group established in 1985": it was established then; an aside in brackets with a
 * date phrase of its own is a note on that clause, a bare date there dates the clause.
 */
static void test_gen_prose_copula_participle_and_dated_asides(void **state)
{
    (void)state;
    const char *text = "The Australia Group is an informal group established in 1985 (after the "
                       "use of chemical weapons by Iraq in 1984) to help members.\n";
    expect_event(text, "1985", WORDS("Australia Group was established to help members"));
    expect_event_without(text, "1985", "1984");
    expect_no_event(text, "1984");
    expect_event("The bank is a lender founded in 1960 by five states.\n", "1960",
                 WORDS("bank was founded by five states"));
    /* the date may be the second participle's: left as written */
    expect_event("The EU is the union created by the treaty signed in 1992.\n", "1992",
                 WORDS("union created by the treaty signed"));
    text = "Payments were suspended for one year (Hoover moratorium, June 1931) and then "
           "stopped after the Lausanne Agreement of July 1932 failed to be ratified.\n";
    expect_event(text, "1931-06", WORDS("Payments were suspended"));
    expect_event(text, "1932-07", WORDS("stopped"));
}

/* Two dates joined by "and" leave no "and" behind: "won elections in 1992 and 1996 but" */
static void test_gen_prose_joined_dates_leave_no_and(void **state)
{
    (void)state;
    const char *text = "After approving a new constitution and restoring multiparty politics in "
                       "1992, RAWLINGS won presidential elections in 1992 and 1996 but was "
                       "constitutionally prevented from running for a third term in 2000.\n";
    assert_true(expect_no_event_reading(text, " and but ", false) > 0);
    expect_no_event_reading(text, " and and ", false);
    /* the fronted clause's 1992 is not the main clause's, which has dates of its own */
    expect_no_event_reading(text, "prevented", true);
}

/* A long subject keeps its verb when the description is cut to length */
static void test_gen_prose_long_subject_keeps_verb(void **state)
{
    (void)state;
    /* the date of the law a clause acts under names the law: no event of that clause */
    expect_no_event("In accordance with the India Independence Act of July 18, 1947, two states "
                    "were created.\n",
                    "1947-07-18");
    expect_event("The Immigration Act of 1924 limited immigration.\n", "1924",
                 WORDS("Immigration Act limited immigration"));
    /* a place set before a borrowed subject is not part of it */
    expect_event("The war in North America settled into a stalemate, while in Europe the French "
                 "scored a naval victory and captured the British possession of Minorca in "
                 "1756.\n",
                 "1756", WORDS("French captured the British possession of Minorca"));
    expect_event_without("The war in North America settled into a stalemate, while in Europe the "
                         "French scored a naval victory and captured the British possession of "
                         "Minorca in 1756.\n",
                         "1756", "Europe");
    /* a description that starts with "like" or "despite" has lost its subject */
    expect_no_event_reading("Other unions, like the Latin Monetary Union started in 1865, "
                            "failed.\n",
                            "like", true);
    expect_no_event_reading("The French, along with representatives from the United States and "
                            "China met in Geneva in 1954.\n",
                            "along", true);
    /* a description cut short inside a "when" clause ends before it */
    expect_event("The United States and Japan granted each other formal recognition on March 31, "
                 "1854 when Special Ambassador of the United States to Japan Matthew C. Perry "
                 "and Japanese representatives signed a Treaty of Peace and Amity at Kanagawa, "
                 "Japan.\n",
                 "1854-03-31", WORDS("granted each other formal recognition"));
    expect_event_without("The United States and Japan granted each other formal recognition on "
                         "March 31, 1854 when Special Ambassador of the United States to Japan "
                         "Matthew C. Perry and Japanese representatives signed a Treaty of Peace "
                         "and Amity at Kanagawa, Japan.\n",
                         "1854-03-31", "Perry");
    expect_event("In 2015, a new coalition government headed by President Maithripala SIRISENA of "
                 "the Sri Lanka Freedom Party and Prime Minister Ranil WICKREMESINGHE of the "
                 "United National Party came to power with pledges to advance economic, "
                 "political, and judicial reforms.\n",
                 "2015", WORDS("coalition government", "came to power"));
    expect_event_without("In 2015, a new coalition government headed by President Maithripala "
                         "SIRISENA of the Sri Lanka Freedom Party and Prime Minister Ranil "
                         "WICKREMESINGHE of the United National Party came to power with pledges "
                         "to advance economic, political, and judicial reforms.\n",
                         "2015", "power with");
}

/* "Gen V.K. Singh": a title's initials end no sentence; "the U.S. The rest" still splits. */
static void test_gen_prose_initials_after_title(void **state)
{
    (void)state;
    expect_event("The meeting was chaired by Gen V.K. Singh in New Delhi on 9 July 2019.\n",
                 "2019-07-09", WORDS("chaired by Gen V.K. Singh"));
    expect_event("Dr. H.W. Smith founded the institute in 1951.\n", "1951",
                 WORDS("H.W. Smith founded"));
    expect_event("The envoy flew to the U.S. The talks opened in 1990.\n", "1990",
                 WORDS("talks opened"));
}

/* What did not happen is no event: "There was no meeting in 2002". */
static void test_gen_prose_negated_clause_is_no_event(void **state)
{
    (void)state;
    expect_no_event("There was no Ministerial Meeting in 2002 and 2004 because the meeting was "
                    "held in Brunei and Indonesia respectively.\n",
                    "2002");
    expect_no_event("There was no Ministerial Meeting in 2002 and 2004.\n", "2004");
    expect_no_event("No agreement was reached in 1995.\n", "1995");
    expect_no_event("The summit was never held in 1999.\n", "1999");
    expect_no_event("There were no elections in 1961.\n", "1961");
    /* it did happen: then, or in the clause before a condition */
    expect_event("The book was not published until 1966.\n", "1966", WORDS("published"));
    expect_event("The treaty was not only signed in 1990 but ratified.\n", "1990",
                 WORDS("signed"));
    expect_event("In 1774 the Articles outlined an embargo if the Acts were not repealed.\n",
                 "1774", WORDS("Articles outlined"));
    expect_event("The council was founded with no objection in 1957.\n", "1957",
                 WORDS("council was founded"));
}

static void test_gen_prose_ranges_stay_ranges(void **state)
{
    (void)state;
    const char *text = "A convention was held in 2002-2003 and a second one met in 2005–07.\n";
    expect_event(text, "2002/2003", WORDS("convention was held"));
    expect_event(text, "2005/2007", WORDS("second one met"));
    expect_no_event(text, "2003");
    expect_no_event(text, "2007");
}

static void test_gen_prose_subject_is_never_dropped(void **state)
{
    (void)state;
    const char *text = "The Treaties of Rome, signed on 25 March 1957 and entered into force on 1 "
                       "January 1958, created the community.\n";
    expect_event(text, "1957-03-25", WORDS("Treaties of Rome signed"));
    expect_event(text, "1958-01-01", WORDS("Treaties of Rome entered into force"));
    text = "The treaty was signed in 1957 and entered into force in 1958.\n";
    expect_event(text, "1958", WORDS("treaty entered into force"));
    struct recite_gen *gen = run(text);
    assert_false(strstr(find(gen, RECITE_GEN_EVENT, "1958")->what, "signed"));
    recite_gen_free(gen);
    expect_event("UK citizens voted to leave; the formal exit, widely known as \"Brexit,\" took "
                 "place on 31 January 2020.\n",
                 "2020-01-31", WORDS("formal exit", "took place"));
}

static void test_gen_prose_pronoun_subjects(void **state)
{
    (void)state;
    expect_event("The Arctic Council was founded in 1996. It adopted a strategy in 2004.\n", "2004",
                 WORDS("Arctic Council adopted a strategy"));
    /* the document's topic stands in when the previous sentence names no agent */
    expect_event("The Coastal Pact is a regional alliance.\n\nIn 2008, it opened an office in "
                 "Valletta.\n",
                 "2008", WORDS("Coastal Pact opened an office"));
    /* a common noun subject is what "it" stands for; the topic when it names a body */
    expect_event("The Casablanca Conference is a meeting of allies.\n\nThe treaty was signed "
                 "in 1950. It entered into force in 1951.\n",
                 "1951", WORDS("the treaty entered into force"));
    expect_event("The Caribbean Pact is a regional bloc.\n\nThe organisation grew in 1990. It "
                 "added Spanish as an official language in 2003.\n",
                 "2003", WORDS("Caribbean Pact added Spanish"));
    expect_no_event("The Caribbean Pact is a regional bloc.\n\nThe radioactive ions are "
                    "produced by protons. It was first commissioned in 1967.\n",
                    "1967");
    expect_event("The Development Fund is a lender.\n\nIt was here that the agreement was "
                 "cosigned by 23 governments on August 4, 1963.\n",
                 "1963-08-04", WORDS("agreement was cosigned"));
    expect_no_event("The Development Fund is a lender.\n\nIt was here that the agreement was "
                    "cosigned by 23 governments on August 4, 1963.\n",
                    "1963");
    /* "he", "she": the person the sentence before or the clause before names, else no one */
    expect_event("Slobodan Milosevic started as a banker. Milosevic entered politics early. He "
                 "became head of the party in 1986.\n",
                 "1986", WORDS("Milosevic became head of the party"));
    expect_event("When Roosevelt met with Stalin in Tehran, Iran, in November 1943, he proposed "
                 "an organization.\n",
                 "1943-11", WORDS("Roosevelt proposed an organization"));
    expect_no_event("The United Nations was founded by treaty. In 1950, he announced a plan.\n",
                    "1950");
    /* a wiki's maintenance notice, even in a table row, is no event */
    expect_no_event("| It has been suggested that IWC meeting in 2006 be merged into this "
                    "article.\n",
                    "2006");
    /* nothing to stand for: left out */
    expect_no_event("The debate went on for years.\n\nIn 2008, it invaded Georgia.\n", "2008");
    expect_event("In 2008, Russia invaded Georgia, occupying parts of the country to this day.\n",
                 "2008", WORDS("Russia invaded Georgia"));
}

/* parallel dated items take the first's predicate, each without its "and" */
static void test_gen_prose_parallel_items(void **state)
{
    (void)state;
    const char *text = "The CSCE held further meetings in Belgrade in 1977-78, Madrid in "
                       "1980-83, and Vienna in 1986-89.\n";
    expect_event(text, "1980/1983", WORDS("CSCE held further meetings in Madrid"));
    expect_event(text, "1986/1989", WORDS("CSCE held further meetings in Vienna"));
}

/* "February 4–11, 1945": a range of days is dated by its first day */
static void test_gen_prose_day_ranges(void **state)
{
    (void)state;
    expect_event("The Yalta Conference took place in a Russian resort town in the Crimea from "
                 "February 4\u201311, 1945, during World War Two.\n",
                 "1945-02-04", WORDS("Yalta Conference took place in a Russian resort town"));
    expect_event("The congress met from June 4-9, 1950, in Rome.\n", "1950-06-04",
                 WORDS("congress met"));
    expect_no_event("The congress met from June 4-9, 1950, in Rome.\n", "1950");
}

/*
 * "U.S. President ..." goes on the sentence; a description a few words over
 * twenty keeps its subject.
 */
static void test_gen_prose_initials_before_an_office(void **state)
{
    (void)state;
    expect_event("The Casablanca Conference was a meeting between U.S. President Franklin D. "
                 "Roosevelt and British Prime Minister Winston Churchill in Casablanca that took "
                 "place in 1943.\n",
                 "1943", WORDS("Casablanca Conference was a meeting", "U.S. President Franklin"));
    expect_event("The treaty was signed by the U.S. in 1950. The war ended in 1953.\n", "1953",
                 WORDS("war ended"));
    expect_event("In 1854, Soule met with other U.S. Ministers to draft a document.\n", "1854",
                 WORDS("U.S. Ministers to draft"));
    /* a description the cap ends on a relative pronoun drops it */
    struct recite_gen *gen =
        run("While the commissions debated, Rush and Gallatin concluded the Anglo-American "
            "Convention of 1818 that, among other things, confirmed the fishing rights.\n");
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, "1818");
    assert_non_null(f);
    size_t len = strlen(f->what);
    if (len >= 5 && strcmp(f->what + len - 5, " that") == 0)
        fail_msg("1818 ends on a relative: '%s'", f->what);
    recite_gen_free(gen);
    expect_event("In November 1988, the PLO met the demand to accept U.N. Security Council "
                 "Resolutions 242 and 338.\n",
                 "1988-11", WORDS("Resolutions 242 and 338"));
}

/* a date mid-sentence before a result participle dates the clause before it */
static void test_gen_prose_date_before_participle(void **state)
{
    (void)state;
    expect_event("Japan attacked US forces at Pearl Harbor, Hawaii, in 1941, triggering the "
                 "entry of America into the war.\n",
                 "1941", WORDS("Japan attacked US forces"));
    /* the words that only led into the date go with it */
    const char *const led[][2] = {
        {"Japan's economy experienced a major slowdown starting in the 1990s.\n", "1990s"},
        {"Colombia applied for membership of the forum as early as 2013.\n", "2013"},
    };
    for (size_t i = 0; i < sizeof(led) / sizeof(led[0]); i++) {
        struct recite_gen *gen = run(led[i][0]);
        const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, led[i][1]);
        assert_non_null(f);
        size_t len = strlen(f->what);
        static const char *const ends[] = {" starting", " as early", " as", NULL};
        for (int k = 0; ends[k]; k++)
            if (len > strlen(ends[k]) && strcmp(f->what + len - strlen(ends[k]), ends[k]) == 0)
                fail_msg("'%s' ends on '%s'", f->what, ends[k]);
        recite_gen_free(gen);
    }
}

/* a borrowed subject takes the verb of its clause without the "and" before it */
static void test_gen_prose_borrowed_subject(void **state)
{
    (void)state;
    expect_event("Barre's government became increasingly radical in foreign affairs, and in 1977 "
                 "launched a war against Ethiopia.\n",
                 "1977", WORDS("government launched a war"));
    expect_event("The GCC members Bahrain and Qatar and observer Jordan commenced air operations "
                 "in 2014.\n",
                 "2014", WORDS("Qatar and observer Jordan commenced"));
}

/* "NATO had ..., culminating in the NATO membership of A in 2009": the result is the event */
static void test_gen_prose_result_participle(void **state)
{
    (void)state;
    const char *text = "NATO had been engaged in the Balkans since the mid-1990s, culminating in "
                       "the NATO membership of Albania and Croatia in 2009, and Montenegro in "
                       "2017.\n";
    expect_event(text, "2009", WORDS("the NATO membership of Albania and Croatia"));
    expect_event(text, "2017", WORDS("the NATO membership of Montenegro"));
    expect_event("Progress followed Bush's declaration, culminating in the Madrid Peace "
                 "Conference in October 1991.\n",
                 "1991-10", WORDS("Madrid Peace Conference"));
    expect_event("This structure served to enflame tension, contributing to a bloody coup led by "
                 "officers in 1966.\n",
                 "1966", WORDS("a bloody coup led by officers"));
    /* a participle clause with its own date follows the clause before: no subject, no item */
    const char *pav = "Resistance forces expelled a brief Federalist incursion into Buenos Aires "
                      "and the Confederation collapsed in 1861, paving way for the national rule "
                      "under the Argentine Republic that same year.\n";
    expect_no_event_reading(pav, "brief paving", false);
    expect_no_event("Soon after Peden was nominated as Envoy to the Argentine Confederation, "
                    "eventually receiving a commission in 1856 with letters of credence.\n",
                    "1856");

    expect_event("Six more states joined in 1932, including Iraq.\n", "1932",
                 WORDS("states joined"));
    /* the strikes were what happened; the result is not */
    expect_event("In August 1995, further NATO air strikes hit Serb positions, resulting in "
                 "talks.\n",
                 "1995-08", WORDS("air strikes"));
}

/* "the last of which was in 1971": what it is about is lost, the event left out */
static void test_gen_prose_orphan_relatives(void **state)
{
    (void)state;
    expect_no_event("The neighbours have fought three wars since independence, the last of which "
                    "was in 1971.\n",
                    "1971");
    expect_event("The Arab League, which was formed in 1945, met in Cairo.\n", "1945",
                 WORDS("Arab League"));
    expect_no_event("The PRC leaders repeatedly objected to the act, which became law in 1979.\n",
                    "1979");
}

/* a date that names a thing after the verb dates nothing: "withdraw to the 1923 border" */
static void test_gen_prose_attributive_dates(void **state)
{
    (void)state;
    expect_no_event("The Israelis wanted to pull back to the 1923 international border.\n", "1923");
    expect_no_event("The talks foundered when Barak refused to withdraw to the June 4, 1967 "
                    "line.\n",
                    "1967-06-04");
    expect_no_event("Ukraine formally withdrew from the 1992 agreement that set up the "
                    "assembly.\n",
                    "1992");
    expect_no_event("Egypt insisted on an Israeli withdrawal to June 4, 1967 borders.\n",
                    "1967-06-04");
    /* ... and stays in the description of the clause's own date */
    expect_event("North Korea broke out of the 1994 agreement in the winter of 2002.\n", "2002",
                 WORDS("broke out of the 1994 agreement"));
    /* the period of initials stays */
    expect_event("In 1991 both Koreas were admitted into the U.N.\n", "1991",
                 WORDS("admitted into the U.N."));
    /* inside the subject, or fronted, the date is the clause's */
    expect_event("Provisions of the 1974 constitution provided for the devolution of power.\n",
                 "1974", WORDS("constitution provided"));
    expect_event("In its 1999 summit, NATO adopted a new strategic concept.\n", "1999",
                 WORDS("NATO adopted"));
    /* a statement in the present about a dated thing is no event */
    expect_no_event("My definition of the series is supported by the 1894 volume.\n", "1894");
    /* a date quoted in a sentence dated outside the quote is the quote's */
    expect_no_event("In an August 1954 review, Winnacker expressed “shock when reading the actual "
                    "1945 plans for Germany” to the committee.\n",
                    "1945");
    expect_event("In an August 1954 review, Winnacker expressed “shock when reading the actual "
                 "1945 plans for Germany” to the committee.\n",
                 "1954-08", WORDS("Winnacker expressed"));
}

/* a year that qualifies a thing, or names a title, dates nothing; one before a subject does */
static void test_gen_prose_qualifying_years(void **state)
{
    (void)state;
    expect_no_event("The CDC was assuming responsibility for reviewing pre-1955 records.\n",
                    "1955");
    expect_no_event("The volumes set the post-1945 order in print.\n", "1945");
    expect_no_event("Those special volumes carried the sub-title “The Lansing Papers, "
                    "1914-1919.”\n",
                    "1914..1919");
    expect_event("In 1955 Dulles said the papers would be published.\n", "1955",
                 WORDS("Dulles said"));
    expect_event("By 1990 Congress had passed the statute.\n", "1990",
                 WORDS("Congress had passed"));
    /* a name with its year stays a name: "the War of 1812 Museum" */
    expect_no_event("Visitors filled the War of 1812 Museum.\n", "1812");
    /* what a year is for, or a record covers, is no time */
    expect_no_event("A plan was devised for 1946 which set priorities.\n", "1946");
    expect_no_event("The annual volumes covering 1922 skipped over Iran.\n", "1922");
    expect_no_event("Your withdrawal of clearances for the volumes covering 1950-1954 is "
                    "surprising.\n",
                    "1950/1954");
    expect_event("The CDC delayed the transfer of the records for 1950-1954 in 1980.\n", "1980",
                 WORDS("records for 1950-1954"));
    expect_no_event("The Department opposed publishing records from 1922 on the mission.\n",
                    "1922");
    expect_event("In November 2023 Russia vetoed the appointment of Estonia as chairman for "
                 "2024.\n",
                 "2023-11", WORDS("as chairman for 2024"));
}

/* what a pronoun stands for: a name with initials, "A Consulate", and a pronoun before it */
static void test_gen_prose_pronoun_antecedents(void **state)
{
    (void)state;
    expect_event("Charles H. Graves was appointed Minister on March 8, 1905. On November 14, "
                 "1905, he acknowledged his instructions.\n",
                 "1905-11-14", WORDS("Charles H. Graves acknowledged"));
    expect_event("# Modern Flag of Norway\n\nA Consulate was opened in Bergen in 1828. It closed "
                 "in 1941.\n",
                 "1941", WORDS("the Consulate closed"));
    expect_event("The treaty was signed in 1893. It entered into force in 1894. It was amended in "
                 "1904.\n",
                 "1904", WORDS("treaty was amended"));
    /* a heading after the first is no topic for a pronoun: "# Modern Flag of Poland" */
    struct recite_gen *gen = run("# Summary\n\nPoland is a country.\n\n# Modern Flag of Poland\n\n"
                                 "# Consular Presence\n\nThe first U.S. consular post in Poland "
                                 "was a Consulate in Warsaw. It opened in 1871.\n");
    size_t n;
    const struct recite_gen_fact *all = recite_gen_facts(gen, &n);
    for (size_t i = 0; i < n; i++)
        if (all[i].kind == RECITE_GEN_EVENT && strstr(all[i].what, "Flag"))
            fail_msg("event %s reads '%s'", all[i].when, all[i].what);
    recite_gen_free(gen);
    /* "it" after a common noun subject that says where it is: that thing, not the topic */
    expect_event("# Poland\n\nThe first U.S. consular post in Poland was a Consulate in Warsaw. "
                 "It opened in 1871 and closed in 1917.\n",
                 "1871", WORDS("the first U.S. consular post in Poland opened"));
    expect_event("# Poland\n\nThe post at Poznan opened as a Consulate in 1946. It reopened in "
                 "1959.\n",
                 "1959", WORDS("the post at Poznan reopened"));
    /* ... not after a name and its verb ("The IFC prepares ..."), nor an abstract "of" */
    expect_event("# International Finance Corporation\n\nThe IFC prepares consolidated financial "
                 "statements in accordance with GAAP. It reported income of $2.18 billion in "
                 "fiscal year 2011.\n",
                 "2011", WORDS("International Finance Corporation reported"));
    expect_event_without("# Federation of Stock Exchanges\n\nThe purpose of the Federation is "
                         "to help. It was established with 12 founding members in 1995.\n",
                         "1995", "purpose");
    /* brackets a date left empty go with it */
    expect_event("The United States fought two separate wars with Tripoli (1801-1805) and Algiers "
                 "(1815-1816), although at other times it paid tribute.\n",
                 "1815/1816", WORDS("with Tripoli and Algiers"));
}

/* a date in brackets with its own verb, or the end of a term held, dates no event */
static void test_gen_prose_bracketed_and_term_dates(void **state)
{
    (void)state;
    expect_no_event("In 1936, the company purchased a share in the firm (which was renamed "
                    "Aramco in 1944).\n",
                    "1944");
    expect_event("In 1936, the company purchased a share in the firm (which was renamed "
                 "Aramco in 1944).\n",
                 "1936", WORDS("company purchased a share"));
    /* a date that qualifies a noun after the verb names it when the clause has its own date */
    expect_no_event("The republic severed relations with the United States on June 6, 1967, in "
                    "the wake of the June 1967 Arab-Israeli War.\n",
                    "1967-06");
    expect_event("Carter relied on Vance to advise him during the 1976 presidential campaign and "
                 "offered him a post after he won election in November 1976.\n",
                 "1976", WORDS("Carter relied on Vance"));
    expect_no_event("On November 14, 1905, he took up the post, which he did until August 6, "
                    "1906.\n",
                    "1906-08-06");
}

/* a date set off by commas between the subject and the verb is no subject to borrow */
static void test_gen_prose_date_between_subject_and_verb(void **state)
{
    (void)state;
    expect_event("Although Carter and Brezhnev, in 1979, signed the SALT II Treaty, the invasion "
                 "forced a delay.\n",
                 "1979", WORDS("Carter and Brezhnev signed the SALT II Treaty"));
    expect_event("Ronald Reagan and George Bush capitalized upon this dissatisfaction and, in "
                 "November 1980, defeated Carter and Mondale.\n",
                 "1980-11", WORDS("Ronald Reagan and George Bush defeated Carter"));
    /* a borrowed subject is the head, not its relative clause */
    expect_event("The first treaty that the United States signed with an independent Norway dealt "
                 "with arbitration of disputes, and was signed in Washington on April 4, 1908.\n",
                 "1908-04-04", WORDS("first treaty was signed in Washington"));
}

/* "a dispatch dated January 17, 1870" is a fronted phrase: the clause after it is the event */
static void test_gen_prose_dated_phrase_fronted(void **state)
{
    (void)state;
    expect_event("In an unofficial dispatch dated January 17, 1870, Fish told the Minister that "
                 "the publication had been discontinued.\n",
                 "1870-01-17", WORDS("Fish told the Minister"));
}

/* "from April 1914 to June 1915" is a term: one range; a second term takes its own complement */
static void test_gen_prose_month_ranges(void **state)
{
    (void)state;
    const char *text = "Robert Lansing served as Counselor from April 1914 to June 1915 and "
                       "then as Secretary of State from June 1915 to February 1920.\n";
    expect_event(text, "1914/1915", WORDS("Robert Lansing served as Counselor"));
    expect_event(text, "1915/1920", WORDS("Robert Lansing served as Secretary of State"));
    expect_no_event(text, "1914-04");
    expect_no_event(text, "1915-06");
    expect_event("The Nuremberg Trial lasted from November 1945 to October 1946.\n", "1945/1946",
                 WORDS("Nuremberg Trial lasted"));
}

/* "in July of 1943" is a month; two predicates keep the "and" between them */
static void test_gen_prose_month_of_year_and_predicates(void **state)
{
    (void)state;
    expect_event("Churchill and Eden balked in July of 1943 when the U.S. asked for permission.\n",
                 "1943-07", WORDS("Churchill and Eden balked"));
    expect_event("In 1938, Congress renewed the Code, and prohibited sales.\n", "1938",
                 WORDS("Congress renewed the Code and prohibited sales"));
    expect_event("Congress renewed the Law and prohibited credits in 1937.\n", "1937",
                 WORDS("renewed the Law and prohibited credits"));
}

/* a date left out of a description leaves its article: "the rebellion", "A meeting" */
static void test_gen_prose_article_of_a_dated_noun(void **state)
{
    (void)state;
    expect_event("The question returned as the core argument during the 1895 rebellion.\n", "1895",
                 WORDS("during the rebellion"));
    expect_event("An April 1954 meeting at the White House reduced the friction.\n", "1954-04",
                 WORDS("A meeting at the White House reduced"));
    expect_event("A 1999 agreement ended the war.\n", "1999", WORDS("An agreement ended"));
    expect_event("NATO held the 1997 Summit in Madrid.\n", "1997", WORDS("held the Summit"));
}

static void test_gen_prose_statuses_and_plans(void **state)
{
    (void)state;
    expect_no_event("As of 2020, the bank had 68 members.\n", "2020");
    expect_no_event("Since 2004, the council has met every year.\n", "2004");
    expect_no_event("The current flag was adopted in 1854, but a sun flag has been in use since "
                    "at least 1184.\n",
                    "1184");
    expect_no_event("Ukraine hoped to join the union by 2030.\n", "2030");
    expect_no_event("The members aim to reach the target by 2030.\n", "2030");
    /* the end of what a verb began, and where a date was moved to */
    expect_no_event("2.7 received bugfix support until 2020.\n", "2020");
    expect_no_event("Poland vanished from the map of Europe until 1918.\n", "1918");
    expect_no_event("The end of life date has been moved five years into the future, to 2020.\n",
                    "2020");
    expect_no_event("The summit was postponed to 2027.\n", "2027");
    expect_event("The report was not published until 1966.\n", "1966",
                 WORDS("report was published"));
    expect_event("The summit was moved to Paris in 2019.\n", "2019", WORDS("moved to Paris"));
    /* ... but a clause of its own dated there is an event, and a term from one date until
       another is no event of its first date alone */
    expect_event("IPS was based in Copenhagen until 2015 when it relocated to Tromso.\n", "2015",
                 WORDS("relocated to Tromso"));
    expect_no_event_reading("Calvino served as Minister of Economy from 2018 until December "
                            "2023.\n",
                            "Minister", true);
    /* a footnote's document is no event: "X letter to Y, May 3, 1956" */
    expect_no_event_reading("Bernard Noble letter to Shafer, May 3, 1956.\n\nNote verbale "
                            "enclosed with Edward Reed despatch to Secretary of State, June 24, "
                            "1938.\n",
                            "to", true);
    expect_event("The bank had 68 members in 2020 when it admitted Chile.\n", "2020",
                 WORDS("admitted Chile"));
    /* a term that runs until a date, told in the present */
    expect_no_event("The current chair is Denmark, which serves until the Ministerial meeting "
                    "in 2027.\n",
                    "2027");
    expect_no_event("Norway holds the chair until 2030.\n", "2030");
    /* a term moved is dated when it was moved, not by its new end */
    expect_no_event("Stalin exploded when the invasion was postponed again until May of 1944.\n",
                    "1944-05");
    expect_event("On February 29, 1936, Congress renewed the Act until May 1937 and prohibited "
                 "loans.\n",
                 "1936-02-29", WORDS("renewed the Act and prohibited loans"));
    expect_no_event("On February 29, 1936, Congress renewed the Act until May 1937 and prohibited "
                    "loans.\n",
                    "1937-05");
    /* a date foreseen is no event: the sentence's own event stands */
    expect_no_event("NATO invited the Czech Republic, Poland, and Hungary to join the Alliance, "
                    "projecting an accession date in 1999.\n",
                    "1999");
    expect_no_event("The launch of the satellite is scheduled for 2027.\n", "2027");
    expect_no_event("The first round was held on 18 May 2025, with a second round to be held on "
                    "1 June 2025.\n",
                    "2025-06-01");
    expect_no_event("The summit was due to be held in mid-2011 but was postponed.\n", "2011");
    /* ... unless it was: "the first agency to be incorporated", "began to be built" */
    expect_event("The ILO was the first agency to be incorporated into the UN in 1946.\n", "1946",
                 WORDS("ILO was the first agency"));
    expect_event("The highway between Peru and Brazil began to be built in 2006.\n", "2006",
                 WORDS("began to be built"));
    expect_no_event("The new headquarters, expected in 2026, will house the staff.\n", "2026");
    expect_event("The summit, planned for 2001, was cancelled in 2000.\n", "2000",
                 WORDS("summit", "cancelled"));
    expect_no_event("The summit, planned for 2001, was cancelled in 2000.\n", "2001");
    expect_event("Due to the war in 1914, the congress was postponed.\n", "1914", NULL);
    expect_event("The customs union was formed as planned at the beginning of 2010.\n", "2010",
                 WORDS("customs union was formed"));
    expect_event("Planning started in 2015 with works spanning the years 2018-2020.\n", "2015",
                 WORDS("Planning started"));
    expect_event("Biden cancelled the planned withdrawal and announced in January 2021 that the "
                 "U.S. would resume funding.\n",
                 "2021-01", WORDS("announced"));
    /* "not ... until": it happened then */
    expect_event("Hawaii was not annexed until 1898.\n", "1898", WORDS("Hawaii was annexed"));
    struct recite_gen *neg = run("The novel was never published until 1966.\n");
    const struct recite_gen_fact *nf = find(neg, RECITE_GEN_EVENT, "1966");
    assert_non_null(nf);
    assert_null(strstr(nf->what, "never"));
    recite_gen_free(neg);
    /* a date inside an "including" phrase dates the item named in passing */
    expect_no_event("Democratic rule returned in 1945 -- including a democratically elected VARGAS "
                    "administration from 1951 to 1954 -- and lasted until 1964.\n",
                    "1951/1954");
    /* a range in brackets after a name, the clause's own date just before it */
    const char *lula = "LULA's revival became complete in 2022 when he narrowly defeated "
                       "incumbent Jair BOLSONARO (2019-2022) in the presidential election.\n";
    expect_no_event(lula, "2019/2022");
    expect_event(lula, "2022", WORDS("defeated incumbent Jair BOLSONARO in the presidential"));
    /* a participle clause after a list of the clause's objects: no event of its own */
    struct recite_gen *rec = run("Brazil was plagued by a sagging economy, high unemployment, and "
                                 "high inflation, only emerging from recession in 2017.\n");
    const struct recite_gen_fact *rf = find(rec, RECITE_GEN_EVENT, "2017");
    if (rf && rf->confidence >= 0.3)
        fail_msg("2017: '%s'", rf->what);
    recite_gen_free(rec);
    /* a date line with a bracketed note under a heading: the heading says what */
    expect_event("# Government\n\n## Independence\n\n12 December 1963 (from the UK)\n\n"
                 "## Constitution\n\nhistory: current constitution passed on 4 August 2010\n",
                 "1963-12-12", WORDS("Independence: from the UK"));
    /* a present statement about a thing the year names ("the Act of 2012") */
    expect_no_event("The force is governed by the Kenya Defense Forces Act of 2012.\n", "2012");
    expect_no_event("Mahan's books complemented the work of Professor Frederick Jackson Turner, "
                    "who is best known for his seminal essay of 1893.\n",
                    "1893");
    expect_event("The Congress of Vienna met in 1815.\n", "1815", WORDS("Congress of Vienna met"));
    /* a term's end: "When did the chair serve?" has no such answer */
    expect_no_event("The chair served until 2019 and then retired.\n", "2019");
    expect_no_event("Blix was succeeded by Mohamed ElBaradei of Egypt, who served until November "
                    "2009.\n",
                    "2009-11");
}

static void test_gen_prose_predicates_found(void **state)
{
    (void)state;
    expect_event("The minister said in 2019 that the union would expand.\n", "2019",
                 WORDS("minister said"));
    expect_no_event("The union would expand in 2031 to the east.\n", "2031");
    expect_event("In its 1999 summit, NATO adopted a new strategic concept.\n", "1999",
                 WORDS("NATO adopted"));
    expect_event("The charter was revised (2007) to add a court.\n", "2007",
                 WORDS("charter was revised"));
    /* a term in brackets after a name notes the name: the clause is dated elsewhere */
    const char *term = "Congress removed then-President Dilma ROUSSEFF (2011-2016) from office in "
                       "2016 for having committed impeachable acts.\n";
    expect_no_event(term, "2011/2016");
    expect_event(term, "2016", WORDS("Congress removed then-President Dilma ROUSSEFF from office"));
    /* the stamp is no part of another date's description */
    struct recite_gen *gen = run("the Armed Forces were established following independence in "
                                 "1960 (2025)\n");
    assert_null(strstr(find(gen, RECITE_GEN_EVENT, "1960")->what, "2025"));
    recite_gen_free(gen);
    expect_event("In 2015, the bank cut its lending rates.\n", "2015", WORDS("bank cut"));
    expect_event("In 1990, the council set new standards.\n", "1990", WORDS("council set"));
    expect_event("In 2001, the secretary led the talks.\n", "2001", WORDS("secretary led"));
    expect_event("The war began in 1950.\n", "1950", WORDS("war began"));
}

/* "2,030 troops": the comma of a number is no clause break */
static void test_gen_prose_thousands_stay_whole(void **state)
{
    (void)state;
    expect_event("In January 2022, the CSTO deployed 2,030 troops to Kazakhstan.\n", "2022-01",
                 WORDS("CSTO deployed 2,030 troops"));
    struct recite_gen *gen = run("In August 2014, 4,000 soldiers from Armenia took part in "
                                 "exercises.\n");
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, "2014-08");
    assert_non_null(f);
    assert_string_equal(f->what, "4,000 soldiers from Armenia took part in exercises");
    recite_gen_free(gen);
    /* a comma and a space still end the clause */
    gen = run("In 1990, 12 states signed the charter, 30 others observed the talks.\n");
    f = find(gen, RECITE_GEN_EVENT, "1990");
    assert_non_null(f);
    assert_null(strstr(f->what, "30 others"));
    recite_gen_free(gen);
}

/* "in mid-1951": the qualifier goes with the date, never left dangling */
static void test_gen_prose_qualified_year_leaves_no_stub(void **state)
{
    (void)state;
    struct recite_gen *gen = run("Both treaties were concluded in mid-1951.\n");
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, "1951");
    assert_non_null(f);
    assert_string_equal(f->what, "Both treaties were concluded");
    recite_gen_free(gen);
    /* a hyphenated word that is no qualifier stays in the description */
    expect_event("The council met in mid-session in 1990.\n", "1990", WORDS("mid-session"));
}

/* "When the war ended in 1975, ...": the event is the clause, without its subordinator */
static void test_gen_prose_subordinate_clause(void **state)
{
    (void)state;
    struct recite_gen *gen = run("When the Vietnam War ended in 1975, the pact lost its "
                                 "purpose.\n\nAfter the talks failed in 1977, it was dissolved.\n");
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, "1975");
    assert_non_null(f);
    assert_string_equal(f->what, "Vietnam War ended");
    f = find(gen, RECITE_GEN_EVENT, "1977");
    assert_non_null(f);
    assert_string_equal(f->what, "talks failed");
    recite_gen_free(gen);
    /* a subordinator never becomes the subject a later pronoun stands for */
    expect_no_event("When the Vietnam War ended, the pact lost its purpose. It was dissolved in "
                    "1977.\n",
                    "1977");
    expect_event("The Baghdad Pact lost its purpose. It was dissolved in 1977.\n", "1977",
                 WORDS("Baghdad Pact was dissolved"));
}

/* "... in accessing space (2025)" closing an entry: the year it was written */
static void test_gen_prose_closing_year_stamp(void **state)
{
    (void)state;
    expect_no_event("The strategy fosters innovation and reinforces autonomy in accessing space "
                    "(2025)\n",
                    "2025");
    expect_no_event("The brigade was formed in 2014 and is headquartered in Poland (2025)\n",
                    "2025");
    expect_no_event("Other bodies include the Directorate (PCM) (2025)\n", "2025");
    /* closing an entry of clauses joined by semicolons, even after a name */
    expect_no_event("the origins stretch back to the 1640s; the Navy participated in the Battle "
                    "of the Atlantic (2025)\n",
                    "2025");
    expect_event("The brigade was formed in 2014 and is headquartered in Poland (2025)\n", "2014",
                 WORDS("brigade was formed"));
    expect_event("The charter was revised (2007) to add a court.\n", "2007",
                 WORDS("charter was revised"));
}

/* "..., which in 1920 was converted": the relative clause is about the name before it */
static void test_gen_prose_relative_clause_antecedent(void **state)
{
    (void)state;
    const struct recite_gen_fact *f;
    const char *text = "In 1895, the British established the East Africa Protectorate, which in "
                       "1920 was converted into a colony, and named Kenya after its highest "
                       "mountain.\n";
    expect_event(text, "1920", WORDS("East Africa Protectorate was converted into a colony"));
    expect_event(text, "1895", WORDS("British established"));
    text = "Numerous political disputes between the colony and the UK led to the violent Mau Mau "
           "Uprising, which began in 1952.\n";
    expect_event(text, "1952", WORDS("Mau Mau Uprising began"));
    struct recite_gen *gen = run(text);
    assert_null(strstr(find(gen, RECITE_GEN_EVENT, "1952")->what, "disputes"));
    recite_gen_free(gen);
    /* "of" joins a name; "who" as "which" */
    expect_event("Delegates met at the Palace of Nations, which opened in 1936.\n", "1936",
                 WORDS("Palace of Nations opened"));
    expect_event("The fort was built by the Portuguese, who arrived in 1498.\n", "1498",
                 WORDS("Portuguese arrived"));
    /* the last name only, never a place the clause passed through, nor what it led from */
    expect_event("The coup installed Ibrahim Traore over Paul-Henri Damiba, who had come to power "
                 "in the January 2022 coup.\n",
                 "2022-01", WORDS("Paul-Henri Damiba had come to power"));
    text = "It has been seen as the forerunner of the Benelux Union, which was established as the "
           "Benelux Customs Union in 1944.\n";
    gen = run(text);
    f = find(gen, RECITE_GEN_EVENT, "1944");
    assert_non_null(f);
    assert_null(strstr(f->what, "forerunner"));
    recite_gen_free(gen);
    /* a name with brackets, "and" or "of" inside stays whole; a list's last item is no name */
    expect_event("These gave rise to the International Ship and Port Facility Security (ISPS) "
                 "Code, which went into effect on 1 July 2004.\n",
                 "2004-07-01", WORDS("International Ship and Port Facility Security (ISPS) Code"));
    expect_event("It was established by Resolution 827 of the United Nations Security Council, "
                 "which was passed on 25 May 1993.\n",
                 "1993-05-25", WORDS("Resolution 827 of the United Nations Security Council"));
    expect_event_without(
        "Delegates came from Transnistria, Abkhazia, and South Ossetia, which took place in "
        "Sukhumi in 2013.\n",
        "2013", "Ossetia took");
    expect_event("President Pierce signed the treaty and Gadsden presented it to Santa Anna, who "
                 "signed it on June 8, 1854.\n",
                 "1854-06-08", WORDS("Santa Anna signed it"));
    /* an object of a verb the rules do not know: not a name's clause */
    expect_event_without(
        "In January 2017, Russia announced it would permanently leave the G8, which came "
        "into effect in June 2018.\n",
        "2018-06", "leave the G8 came");
    expect_event_without(
        "The CDB was established by an Agreement signed on 18 October 1969, in Kingston, "
        "Jamaica, which entered into force on 26 January 1970.\n",
        "1970-01-26", "Jamaica entered");
    expect_event_without(
        "The treaty was signed on 3 February 1958 in The Hague, which came into force on 1 "
        "November 1960.\n",
        "1960-11-01", "Hague came");
}

/* "Jomo KENYATTA, the founding president, led": a name's apposition is not the subject */
static void test_gen_prose_apposition_after_name(void **state)
{
    (void)state;
    expect_event("Jomo KENYATTA, the founding president and an icon of the liberation struggle, "
                 "led Kenya from independence in 1963.\n",
                 "1963", WORDS("Jomo KENYATTA led Kenya"));
    expect_event("The Kurdistan Workers' Party (PKK), a US-designated terrorist organization, "
                 "began a separatist insurgency in Turkey in 1984.\n",
                 "1984", WORDS("Kurdistan Workers' Party (PKK) began"));
    /* a phrase about the subject is not it; a term between two names is a note */
    const char *amlo = "Politician and former mayor of Mexico City (2000-05) Andres Manuel LOPEZ "
                       "OBRADOR, from the National Regeneration Movement (MORENA), became "
                       "president in 2018.\n";
    expect_event(amlo, "2018", WORDS("LOPEZ OBRADOR became president"));
    expect_no_event(amlo, "2000/2005");
    /* ... and never an earlier phrase instead, nor a name the date's own phrase follows */
    struct recite_gen *bleu = run("BLEU was created by a treaty, signed on 25 July 1921, despite a "
                                  "referendum against such a proposal, between Belgium and "
                                  "Luxembourg, and came into effect on 22 December 1922.\n");
    const struct recite_gen_fact *bf = find(bleu, RECITE_GEN_EVENT, "1922-12-22");
    if (bf && bf->confidence >= 0.3 && strstr(bf->what, "despite"))
        fail_msg("1922: '%s'", bf->what);
    recite_gen_free(bleu);
    expect_event_without(
        "The newest members are Nauru (May 2018), Botswana (landlocked, October 2021) and, "
        "on 27 February 2024, landlocked Kyrgyzstan became the 176th Member State.\n",
        "2024-02-27", "Botswana");
    /* a clause before the apposition keeps its own subject */
    expect_event("Ministers signed the accord, a landmark text, in 1990.\n", "1990",
                 WORDS("Ministers signed the accord"));
    expect_event("In 1279, TRAN Hung Dao, one of the national heroes, led Dai Viet forces to fight "
                 "off Mongol invaders.\n",
                 "1279", WORDS("TRAN Hung Dao led Dai Viet forces"));
}

/* "gained partial independence in 1922 and full sovereignty in 1952": the verb is gapped */
static void test_gen_prose_gapped_second_object(void **state)
{
    (void)state;
    const char *text = "Egypt gained partial independence from the UK in 1922 and full "
                       "sovereignty in 1952.\n";
    expect_event(text, "1922", WORDS("Egypt gained partial independence"));
    expect_event(text, "1952", WORDS("Egypt gained full sovereignty"));
    struct recite_gen *gen = run(text);
    assert_null(strstr(find(gen, RECITE_GEN_EVENT, "1952")->what, "partial"));
    recite_gen_free(gen);
    text = "EL-SISI was reelected to a second four-year term in 2018 and a third term in December "
           "2023.\n";
    expect_event(text, "2023-12", WORDS("EL-SISI was reelected to a third term"));
    gen = run(text);
    assert_null(strstr(find(gen, RECITE_GEN_EVENT, "2023-12")->what, "second"));
    recite_gen_free(gen);
}

/* ", but the ethnically fractured opposition failed": a joined clause's own subject */
static void test_gen_prose_joined_clause_subject(void **state)
{
    (void)state;
    const char *text = "MOI gave in to pressure for liberalization in 1991, but the ethnically "
                       "fractured opposition failed to dislodge KANU in the 1992 elections.\n";
    expect_event(text, "1991", WORDS("MOI gave in"));
    expect_event(text, "1992", WORDS("opposition failed to dislodge KANU"));
    struct recite_gen *gen = run(text);
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, "1992");
    assert_null(strstr(f->what, "MOI"));
    assert_true(f->confidence >= 0.5);
    recite_gen_free(gen);
}

/* "until his death in 1978": when a state ended; "until X signed ... in 1987": X's act */
static void test_gen_prose_until_dates(void **state)
{
    (void)state;
    expect_no_event("Jomo KENYATTA led Kenya from independence in 1963 until his death in "
                    "1978.\n",
                    "1978");
    expect_no_event("Brazil kept a monarchy until the abolition of slavery in 1888.\n", "1888");
    expect_no_event("Military rule predominated until the first durable transition to civilian "
                    "government and adoption of a new constitution in 1999.\n",
                    "1999");
    /* the unrest the clause is about, not the place it spread through */
    struct recite_gen *gen = run("The 1890s were marked by social unrest throughout the United "
                                 "States, which culminated in an economic depression in 1893.\n");
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, "1893");
    if (f && strstr(f->what, "United States culminated"))
        fail_msg("1893: '%s'", f->what);
    recite_gen_free(gen);
    /* a long description cut at its word limit never ends on an initial */
    struct recite_gen *cut = run("In 1854 the United States and Japan granted each other formal "
                                 "recognition when Special Ambassador of the United States to "
                                 "Japan Matthew C. Perry signed the Treaty of Kanagawa with "
                                 "representatives of the Shogun.\n");
    const struct recite_gen_fact *cf = find(cut, RECITE_GEN_EVENT, "1854");
    assert_non_null(cf);
    size_t cn = strlen(cf->what);
    if (cn >= 2 && cf->what[cn - 1] == 'C' && cf->what[cn - 2] == ' ')
        fail_msg("1854: '%s'", cf->what);
    recite_gen_free(cut);
    /* a participle after "before" or "after" owns the date */
    expect_no_event("Britain sent more than 150,000 convicts to Australia before ending the "
                    "practice in 1868.\n",
                    "1868");
    expect_event("Britain sent convicts to Australia in 1788 before ending the practice.\n", "1788",
                 WORDS("sent convicts"));
    expect_no_event("The two roles were reunited until the former was abolished on 27 June "
                    "2005.\n",
                    "2005-06-27");
    const char *text = "Until 1985, the deployment of the missiles loomed until the U.S. and the "
                       "USSR signed the Intermediate-Range Nuclear Forces Treaty in 1987.\n";
    expect_no_event(text, "1985");
    expect_event(text, "1987", WORDS("U.S. and the USSR signed the Intermediate-Range"));
    gen = run(text);
    assert_null(strstr(find(gen, RECITE_GEN_EVENT, "1987")->what, "loomed"));
    recite_gen_free(gen);
    expect_event("Coffee exporters dominated the country until populist leader Getulio VARGAS "
                 "rose to power in 1930.\n",
                 "1930", WORDS("VARGAS rose to power"));
}

/*
 * One description for several dates asks a question with several answers: left out, unless
 * one date stands within the description and the others outside it.
 */
static void test_gen_prose_shared_description(void **state)
{
    (void)state;
    const char *texts[] = {
        "Military coups have since fractured the multiparty democracy, in 1960, 1971, and "
        "1980.\n",
        "The opposition failed to dislodge KANU from power in elections in 1992 and 1997.\n",
    };
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        struct recite_gen *gen = run(texts[i]);
        size_t n;
        const struct recite_gen_fact *f = recite_gen_facts(gen, &n);
        size_t events = 0;
        for (size_t k = 0; k < n; k++)
            if (f[k].kind == RECITE_GEN_EVENT) {
                events++;
                assert_true(f[k].confidence < 0.3);
                assert_non_null(strstr(f[k].low, "same description"));
            }
        assert_true(events >= 2);
        recite_gen_free(gen);
    }
    const char *text = "Portugal lost much of its wealth with the destruction of Lisbon in a 1755 "
                       "earthquake, and the independence of Brazil in 1822.\n";
    struct recite_gen *gen = run(text);
    assert_true(find(gen, RECITE_GEN_EVENT, "1755")->confidence >= 0.5);
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_EVENT, "1822");
    if (f && strstr(f->what, "Lisbon"))
        assert_true(f->confidence < 0.3);
    recite_gen_free(gen);
    /* a fronted date before the description, the other after it: the latter's */
    text = "Following adoption of the Alexandria Protocol in 1944, the Arab League was founded on "
           "22 March 1945.\n";
    gen = run(text);
    assert_true(find(gen, RECITE_GEN_EVENT, "1945-03-22")->confidence >= 0.5);
    f = find(gen, RECITE_GEN_EVENT, "1944");
    if (f && strstr(f->what, "Arab League was founded"))
        assert_true(f->confidence < 0.3);
    recite_gen_free(gen);
    /* two dates, two descriptions: both kept */
    text = "Turkey joined the UN in 1945 and NATO in 1952.\n";
    gen = run(text);
    assert_true(find(gen, RECITE_GEN_EVENT, "1945")->confidence >= 0.5);
    assert_true(find(gen, RECITE_GEN_EVENT, "1952")->confidence >= 0.5);
    recite_gen_free(gen);
}

/* "X ...; it was formed in 2014": a pronoun after a verb stands for its own sentence's subject */
static void test_gen_prose_pronoun_in_later_clause(void **state)
{
    (void)state;
    const char *text = "Coastal Pact\n\nThe Coastal Pact is a regional alliance.\n\n"
                       "The Lithuanian Brigade (LITBRIG) is composed of staff; it was formed in "
                       "2014.\n\n"
                       "In 2014, Russia launched an invasion of Ukraine, and in 2022, it escalated "
                       "the conflict.\n";
    expect_event(text, "2014", WORDS("Lithuanian Brigade was formed"));
    expect_event(text, "2022", WORDS("Russia escalated the conflict"));
    struct recite_gen *gen = run(text);
    assert_null(strstr(find(gen, RECITE_GEN_EVENT, "2022")->what, "Coastal"));
    recite_gen_free(gen);
    /* the nearest clause's subject, and never a fronted participle's first word */
    text = "Coastal Pact\n\nThe Coastal Pact is a regional alliance.\n\n"
           "The European Air Group is a body of seven air forces; the Air Command is a unit of "
           "four; it was established in 2010.\n";
    expect_event(text, "2010", WORDS("Air Command was established"));
    expect_event("Coastal Pact\n\nThe Coastal Pact is a regional alliance.\n\n"
                 "First proposed by the president in 2006, it was founded in 2009.\n",
                 "2009", WORDS("Coastal Pact was founded"));
    /* no name in the sentence: the topic does not stand in, the event is left out */
    expect_no_event("Coastal Pact\n\nThe Coastal Pact is a regional alliance.\n\n"
                    "The brigade is composed of staff; it was formed in 2014.\n",
                    "2014");
}

/* table cells the layout did not recognise are no prose */
static void test_gen_prose_table_cells_are_no_event(void **state)
{
    (void)state;
    /* a pipe table whose header is wrapped over several lines */
    const char *text = "The treaty was signed in 1992 by six states.\n\n"
                       "**Member states:**\n\n"
                       "Member country | Capital | Population | Area | Ratification of "
                       "Collective  \n"
                       "Security Treaty | Ratification of the Protocol  \n"
                       "on extension of the treaty | Ratification of the  \n"
                       "CSTO charter  \n"
                       "---|---|---|---|---|---|---  \n"
                       "Armenia | Yerevan | 3,015,400 | 29,743 km2 | 15 May 1992 | 2 April 1999 "
                       "| 18 September 2003  \n";
    expect_no_event(text, "1992-05-15");
    expect_no_event(text, "2003-09-18");
    expect_event(text, "1992", WORDS("treaty was signed"));
    expect_event("The pipe symbol | was adopted in 1973.\n", "1973", WORDS("adopted"));
}

/* ---- lists ---- */

/* The set whose first member is first; fails when there is none. */
static const struct recite_gen_fact *expect_set(struct recite_gen *gen, const char *first,
                                                size_t members)
{
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_SET, first);
    if (!f)
        fail_msg("no list starting with %s", first);
    if (f->member_count != members)
        fail_msg("list %s has %zu members, not %zu", first, f->member_count, members);
    return f;
}

static void test_gen_prose_list_prompt_from_predicate(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("In September of 1954, the United States, France, Great Britain, New Zealand, "
            "Australia, the Philippines, Thailand and Pakistan formed the Southeast Asia Treaty "
            "Organization, or SEATO.\n\n"
            "In 2004, Portugal and Croatia joined the pact.\n\n"
            "Eurocorps was established in 1992 by France, Germany and Spain.\n");
    const struct recite_gen_fact *f = expect_set(gen, "United States", 8);
    assert_string_equal(f->prompt, "founding members of the Southeast Asia Treaty Organization");
    f = expect_set(gen, "Portugal", 2);
    assert_string_equal(f->prompt, "members that joined the pact");
    f = expect_set(gen, "France", 3);
    assert_string_equal(f->prompt, "parties that established Eurocorps in 1992");
    recite_gen_free(gen);
}

/*
 * Two lists of nearly the same members under unrelated prompts are two questions; under
 * prompts with a word in common ("member countries", "Member Nations") they are one.
 */
static void test_gen_prose_list_same_members_other_prompt(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("The bank has regional offices in Guatemala, Honduras, El Salvador, Nicaragua, Costa "
            "Rica and Panama.\n\n"
            "## Members\n\n"
            "  * Founding countries: Guatemala, Honduras, El Salvador, Nicaragua and Costa Rica. "
            "These countries signed the founding covenant.\n");
    size_t n, sets = 0;
    const struct recite_gen_fact *f = recite_gen_facts(gen, &n);
    for (size_t i = 0; i < n; i++)
        sets += f[i].kind == RECITE_GEN_SET && strcmp(f[i].members[0], "Guatemala") == 0;
    assert_int_equal(sets, 2);
    recite_gen_free(gen);
    gen = run("It comprises seven member countries, namely India, Thailand, Myanmar, Cambodia, "
              "Laos, Brunei and Vietnam.\n\n"
              "## Member Nations\n\n  * India\n  * Thailand\n  * Myanmar\n  * Cambodia\n"
              "  * Laos\n  * Vietnam\n");
    f = recite_gen_facts(gen, &n);
    sets = 0;
    for (size_t i = 0; i < n; i++)
        sets += f[i].kind == RECITE_GEN_SET;
    assert_int_equal(sets, 1);
    recite_gen_free(gen);
}

/* Things no capital marks, counted by the sentence: "The four areas of cooperation are ..." */
static void test_gen_prose_list_counted_common_nouns(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("The four areas of cooperation are tourism, culture, education, and transportation.\n\n"
            "It works in three fields: health, water and energy.\n\n"
            "The issue is considered in the three types of cases: contentious issues, incidental "
            "jurisdiction, and advisory opinions.\n");
    const struct recite_gen_fact *f = expect_set(gen, "tourism", 4);
    assert_string_equal(f->prompt, "areas of cooperation");
    assert_string_equal(f->members[3], "transportation");
    f = expect_set(gen, "health", 3);
    assert_string_equal(f->prompt, "fields in which it works");
    f = expect_set(gen, "contentious issues", 3);
    assert_string_equal(f->prompt, "types of cases in which the issue is considered");
    recite_gen_free(gen);
    /* a count that is not the items', or no count, or names: no such list */
    gen = run("The four areas are trade, investment, and security.\n\n"
              "Trade, investment and security were discussed.\n\n"
              "In 1990 the three partners met in Oslo, Bergen and Tromso.\n");
    assert_null(find(gen, RECITE_GEN_SET, "trade"));
    assert_null(find(gen, RECITE_GEN_SET, "investment"));
    recite_gen_free(gen);
}

/* A name and its holder's offices are no list; a prompt is the noun phrase, not what is before */
static void test_gen_prose_list_prompt_words(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("Riccardo Puliti, Senior Director and Head of the Energy Practice, said so.\n\n"
            "Officers have the following ranks: Recruit, Officer, Senior Officer, Sergeant.\n\n"
            "The union comprises France, Germany and Italy.\n\n"
            "It aims to make equipment within developing countries, such as Algeria, Argentina "
            "and Chile.\n\n"
            "In all 107 countries joined, incl. many major countries, such as Japan, Peru and "
            "Australia.\n");
    assert_null(find(gen, RECITE_GEN_SET, "Riccardo Puliti"));
    expect_set(gen, "Recruit", 4);
    assert_string_equal(expect_set(gen, "France", 3)->prompt, "members of the union");
    assert_string_equal(expect_set(gen, "Algeria", 3)->prompt, "developing countries");
    assert_string_equal(expect_set(gen, "Japan", 3)->prompt, "major countries");
    recite_gen_free(gen);
}

/* Words that qualify one name's noun are no list; a plural head shares its noun with all */
static void test_gen_prose_list_shared_noun(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("The cabinet includes the Coordinating Ministry for Political, Legal, and Security "
            "Affairs.\n\n"
            "The Bureaus of European, Near Eastern and South Asian, and African Affairs were "
            "merged in 1990.\n\n"
            "In 2008 the Hashemite Kingdom of Jordan and the United Arab Emirates were "
            "admitted.\n");
    const struct recite_gen_fact *f =
        find(gen, RECITE_GEN_SET, "Coordinating Ministry for Political");
    assert_non_null(f);
    assert_non_null(f->low);
    assert_non_null(strstr(f->low, "one name"));
    f = expect_set(gen, "Bureau of European Affairs", 3);
    assert_string_equal(f->members[1], "Bureau of Near Eastern and South Asian Affairs");
    assert_string_equal(f->members[2], "Bureau of African Affairs");
    f = expect_set(gen, "Hashemite Kingdom of Jordan", 2);
    assert_null(f->low);
    recite_gen_free(gen);
}

/* A counted list keeps its region words as members: "16 regions; Ahafo, ..., Central, ..." */
static void test_gen_prose_list_counted_region_words(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("The country is a republic.\n\n## Administrative divisions\n\n"
            "5 regions; Ahafo, Ashanti, Central, Eastern, Western North\n\n## History\n\n"
            "Troops moved between the North and the South and the East in 1950.\n");
    const struct recite_gen_fact *f = expect_set(gen, "Ahafo", 5);
    assert_string_equal(f->members[2], "Central");
    assert_null(find(gen, RECITE_GEN_SET, "North"));
    recite_gen_free(gen);
}

/* The topic is named before brackets and appositions: "The X (...), also known as Y, is a ..." */
static void test_gen_prose_topic_after_appositions(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("Regional trade bloc in the Middle East\n\n"
            "The **Cooperation Council for the Arab States of the Gulf** (Arabic: x), also known "
            "as the **Gulf Cooperation Council** (**GCC**; Arabic: y), is a regional union "
            "comprising Bahrain, Kuwait, Oman, Qatar, Saudi Arabia, and the United Arab "
            "Emirates.\n");
    const struct recite_gen_fact *f = expect_set(gen, "Bahrain", 6);
    assert_string_equal(f->prompt,
                        "members of the Cooperation Council for the Arab States of the Gulf");
    recite_gen_free(gen);
    /* an apposition between commas still leaves the subject its verb */
    expect_event("NATO, the Atlantic alliance, was founded in 1949. In 1952 it admitted Greece.\n",
                 "1952", (const char *const[]){"NATO", "admitted", NULL});
}

static void test_gen_prose_list_prompt_from_introducer(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("Coastal Pact\n\n"
            "The Coastal Pact is a regional alliance of small states.\n\n"
            "Its members are Malta, Cyprus, Greece and Italy.\n\n"
            "It works with partner countries such as Tunisia, Egypt and Morocco.\n\n"
            "## Member states\n\n"
            "4 countries: Malta, Cyprus, Greece, Italy; the secretariat is in Valletta and "
            "meets twice a year in the capital of the chair.\n");
    const struct recite_gen_fact *f = expect_set(gen, "Malta", 4);
    assert_string_equal(f->prompt, "members of the Coastal Pact");
    f = expect_set(gen, "Tunisia", 3);
    assert_string_equal(f->prompt, "partner countries");
    f = expect_set(gen, "Malta", 4);
    recite_gen_free(gen);
}

static void test_gen_prose_list_comma_list_after_colon(void **state)
{
    (void)state;
    /* no "and" before the last item: found after a colon, with its stated count */
    struct recite_gen *gen =
        run("## Member states\n\n"
            "27 countries: Austria, Belgium, Bulgaria, Croatia, Cyprus, Czechia, Denmark, "
            "Estonia, Finland, France, Germany, Greece, Hungary, Ireland, Italy, Latvia, "
            "Lithuania, Luxembourg, Malta, Netherlands, Poland, Portugal, Romania, Slovakia, "
            "Slovenia, Spain, Sweden\n");
    const struct recite_gen_fact *f = expect_set(gen, "Austria", 27);
    assert_null(f->low);
    assert_string_equal(f->prompt, "member states");
    recite_gen_free(gen);
    /* without a colon a bare comma run is no list */
    gen = run("Visitors came from Austria, Belgium, Bulgaria, Croatia to see it.\n");
    assert_null(find(gen, RECITE_GEN_SET, "Austria"));
    recite_gen_free(gen);
}

static void expect_prompt(const char *text, const char *first, const char *prompt);

/* "the Divisions of A, B and C": each is a Division; "the Bureau of A, B and C (ABC)" is one */
static void test_gen_prose_list_plural_head(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("Three divisions were formed in the Office of Security: the Divisions of "
            "Investigations, Evaluations, and Physical Security.\n");
    const struct recite_gen_fact *f = expect_set(gen, "Division of Investigations", 3);
    assert_string_equal(f->members[1], "Division of Evaluations");
    assert_string_equal(f->members[2], "Division of Physical Security");
    recite_gen_free(gen);
    /* the head names the list where the prompt has no noun of its own */
    expect_prompt("In 1950 the Divisions of Economic Security Controls, German and Austrian "
                  "Economic Affairs, and Japanese and Korean Economic Affairs were also "
                  "abolished.\n",
                  "Division of Economic Security Controls", "divisions that were also abolished");
    gen = run("In 2000 the Bureau of Population, Refugees, and Migration (PRM) was reorganized.\n");
    f = find(gen, RECITE_GEN_SET, "Bureau of Population");
    if (f && f->confidence >= 0.3)
        fail_msg("one name drafted as a list of %zu, confidence %.2f", f->member_count,
                 f->confidence);
    recite_gen_free(gen);
}

static void test_gen_prose_list_names_with_and_stay_whole(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("The observers are Albania, Bosnia and Herzegovina, Serbia, and Trinidad and "
            "Tobago.\n\n"
            "The treaties created the European Coal and Steel Community, Euratom and the "
            "European Economic Community.\n\n"
            "Its founders were Antigua and Barbuda, Jamaica, and Guyana.\n");
    const struct recite_gen_fact *f = expect_set(gen, "Albania", 4);
    assert_string_equal(f->members[1], "Bosnia and Herzegovina");
    assert_string_equal(f->members[3], "Trinidad and Tobago");
    f = expect_set(gen, "European Coal and Steel Community", 3);
    f = expect_set(gen, "Antigua and Barbuda", 3);
    recite_gen_free(gen);
    /* a name with "and" alone is no list, and dated items still split */
    gen = run("The European Coal and Steel Community was set up in 1951.\n\n"
              "The alliance grew with Albania and Croatia in 2009, Montenegro in 2017, and "
              "North Macedonia in 2020.\n");
    assert_null(find(gen, RECITE_GEN_SET, "European Coal"));
    expect_set(gen, "Albania", 4);
    recite_gen_free(gen);
}

/*
 * "members were A, B and C, and D hosted ...": after its verb the list closes
 * at "and C" and ", and D hosted" is a clause of its own; a list that opens
 * its clause is its subject, so "Asia and Africa" stays one of its items.
 */
static void test_gen_prose_list_closed_before_a_clause(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("Its founding members were Torquinul, Selquin, Haldankel and Corvenbel, and "
            "Wesquinfen hosted its first meeting.\n\n"
            "The council has four members: Norway, Sweden, Finland and Denmark, and Iceland "
            "sends an observer.\n\n"
            "The original members of the union were France, Germany and Italy, and Spain "
            "joined in 1986.\n\n"
            "The alliance included Kenya, Uganda and Tanzania, and Rwanda later joined in "
            "2007.\n\n"
            "Latin America, Asia and Africa, and Eastern Europe made their own groups in "
            "1957.\n");
    const struct recite_gen_fact *f = expect_set(gen, "Torquinul", 4);
    assert_string_equal(f->members[2], "Haldankel");
    assert_string_equal(f->members[3], "Corvenbel");
    f = expect_set(gen, "Norway", 4);
    assert_string_equal(f->members[3], "Denmark");
    f = expect_set(gen, "France", 3);
    assert_string_equal(f->members[2], "Italy");
    f = expect_set(gen, "Latin America", 3);
    assert_string_equal(f->members[1], "Asia and Africa");
    /* the clause's event is its own */
    f = find(gen, RECITE_GEN_EVENT, "1986");
    assert_non_null(f);
    assert_string_equal(f->what, "Spain joined");
    f = find(gen, RECITE_GEN_EVENT, "2007");
    assert_non_null(f);
    assert_string_equal(f->what, "Rwanda later joined");
    f = find(gen, RECITE_GEN_EVENT, "1957");
    assert_non_null(f);
    assert_non_null(strstr(f->what, "Latin America, Asia and Africa, and Eastern Europe made"));
    recite_gen_free(gen);
    /* after one name ", and Congress approved" is a clause; after a list, its last item */
    expect_event("On January 20, 1823, President Monroe nominated Heman Allen as Minister to "
                 "Chile, and Congress approved the nomination a week later on January 27, "
                 "1823.\n",
                 "1823-01-27", WORDS("Congress approved the nomination"));
    expect_event_without("On January 20, 1823, President Monroe nominated Heman Allen as "
                         "Minister to Chile, and Congress approved the nomination a week later "
                         "on January 27, 1823.\n",
                         "1823-01-27", "Monroe");
    expect_event("In 1945, China, the United Kingdom, and the United States signed the Potsdam "
                 "Declaration.\n",
                 "1945", WORDS("China, the United Kingdom, and the United States signed"));
}

static void test_gen_prose_list_rejects_non_members(void **state)
{
    (void)state;
    /* a sentence adverb set off by a comma is no member */
    struct recite_gen *adverb = run("Indeed, France, Germany and Italy signed the treaty.\n\n"
                                    "Still, Jonas Savimbi and UNITA continued an insurgency.\n");
    expect_set(adverb, "France", 3);
    assert_null(find(adverb, RECITE_GEN_SET, "Indeed"));
    assert_null(find(adverb, RECITE_GEN_SET, "Still"));
    recite_gen_free(adverb);
    /* where the last one met is no member: "... and Joseph Stalin in Tehran, Iran, between" */
    adverb = run("The Tehran Conference was a meeting between U.S. President Franklin Delano "
                 "Roosevelt, British Prime Minister Winston Churchill, and Soviet Premier Joseph "
                 "Stalin in Tehran, Iran, between November 28 and December 1, 1943.\n");
    expect_set(adverb, "U.S. President Franklin Delano Roosevelt", 3);
    recite_gen_free(adverb);
    /* a plural head before the first name is each name's, as a body's is */
    adverb = run("The Soviet Union agreed that the Republics of Lithuania, Latvia, and Estonia "
                 "would be free.\n");
    const struct recite_gen_fact *states = expect_set(adverb, "Republic of Lithuania", 3);
    assert_string_equal(states->members[2], "Republic of Estonia");
    recite_gen_free(adverb);
    struct recite_gen *gen =
        run("The council meets in Luxembourg in April, June, and October.\n\n"
            "It covers Central, Eastern and South Eastern Europe.\n\n"
            "[6] Leiner, B., R. Cole, J. Postel, and D. Mills, \"The Protocol Suite\", 1985.\n\n"
            "It was joined by Belgian, Hungarian and Swedish troops.\n\n"
            "Britain maintained an obligation to defend Australian and New Zealander security.\n\n"
            "The Southeast Asia Treaty Organization, or SEATO, was formed.\n\n"
            "The Science and Technology Committee met.\n\n"
            "Beginning in 1910, the British and the Afrikaners ruled together.\n");
    size_t n;
    const struct recite_gen_fact *f = recite_gen_facts(gen, &n);
    for (size_t i = 0; i < n; i++)
        if (f[i].kind == RECITE_GEN_SET)
            fail_msg("unexpected list '%s' starting with %s", f[i].prompt, f[i].members[0]);
    recite_gen_free(gen);
    /* positive control: countries named with a region word inside are kept */
    gen = run("The forum brought together North Korea, South Korea, Japan and China.\n");
    expect_set(gen, "North Korea", 4);
    recite_gen_free(gen);
}

static void test_gen_prose_list_stated_count(void **state)
{
    (void)state;
    struct recite_gen *gen = run("The three founding members were Malta, Cyprus and Greece.\n\n"
                                 "The twelve founding members were Malta, Cyprus and Greece.\n");
    size_t n, seen = 0;
    const struct recite_gen_fact *f = recite_gen_facts(gen, &n);
    for (size_t i = 0; i < n; i++) {
        if (f[i].kind != RECITE_GEN_SET)
            continue;
        /* the count leaves the prompt; a mismatch marks the list */
        assert_string_equal(f[i].prompt, "founding members");
        assert_true(seen == 0 ? f[i].low == NULL : f[i].low != NULL);
        seen++;
    }
    recite_gen_free(gen);
}

/* The set whose first member is first, and its prompt; fails when there is none. */
static void expect_prompt(const char *text, const char *first, const char *prompt)
{
    struct recite_gen *gen = run(text);
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_SET, first);
    if (!f)
        fail_msg("no list starting with %s in: %s", first, text);
    if (strcmp(f->prompt, prompt) != 0)
        fail_msg("list %s reads '%s', not '%s'", first, f->prompt, prompt);
    recite_gen_free(gen);
}

/* Fails unless the list starting with first, if drafted, has a prompt that only quotes. */
static void expect_quoted_prompt(const char *text, const char *first)
{
    struct recite_gen *gen = run(text);
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_SET, first);
    if (f && !strstr(f->prompt, " listed after \""))
        fail_msg("'%s' is no noun phrase", f->prompt);
    recite_gen_free(gen);
}

/* the object of a fronted phrase with no article is no member; a list in that phrase is whole */
static void test_gen_prose_list_after_fronted_name(void **state)
{
    (void)state;
    const char *yalta = "At Yalta, Roosevelt, Churchill, and Stalin made important decisions "
                        "regarding the future of the war.\n";
    struct recite_gen *gen = run(yalta);
    assert_null(find(gen, RECITE_GEN_SET, "Yalta"));
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_SET, "Roosevelt");
    assert_non_null(f);
    assert_int_equal(f->member_count, 3);
    recite_gen_free(gen);
    gen = run("During World War II, Roosevelt, Churchill and the British cabinet blocked the "
              "publication of the records.\n");
    assert_null(find(gen, RECITE_GEN_SET, "World War II"));
    recite_gen_free(gen);
    /* "As" takes a clause: what follows it is the list */
    gen = run("As the United States, Soviet Union and United Kingdom tested new weapons, concerns "
              "emerged worldwide.\n");
    assert_non_null(find(gen, RECITE_GEN_SET, "United States"));
    recite_gen_free(gen);
    /* the whole list is the phrase's object when a comma follows it */
    gen = run("In Poland, Hungary, East Germany and Czechoslovakia, communist regimes fell in "
              "1989.\n");
    assert_null(find(gen, RECITE_GEN_SET, "Hungary"));
    recite_gen_free(gen);
}

/* a predicate cut by the word cap ends where a phrase is whole, never on "their" or "a single" */
static void test_gen_prose_list_predicate_ends_whole(void **state)
{
    (void)state;
    expect_prompt("Bahrain, Kuwait, Qatar and Saudi Arabia took major steps to ensure the "
                  "creation of a single market in the region soon.\n",
                  "Bahrain", "parties that took major steps to ensure the creation");
    expect_prompt("Canada, Denmark, Norway and Russia are rapidly increasing their defence "
                  "presence by building up their forces.\n",
                  "Canada", "parties that are rapidly increasing their defence presence");
    /* a predicate within the cap stays whole */
    expect_prompt("Bahrain, Egypt and the United Arab Emirates agreed to restore ties with "
                  "Qatar.\n",
                  "Bahrain", "parties that agreed to restore ties with Qatar");
}

/* "X between A, B and C": the members are the parties to X */
static void test_gen_prose_list_parties_to(void **state)
{
    (void)state;
    expect_prompt("The ANZUS Treaty was a tripartite security treaty between the United States, "
                  "Australia and New Zealand.\n",
                  "United States", "parties to a tripartite security treaty");
    expect_prompt("NATO was a collective security alliance concluded between the United States, "
                  "Canada and the Netherlands.\n",
                  "United States", "parties to a collective security alliance");
    expect_prompt("The border dispute among Chile, Peru and Bolivia lasted decades.\n", "Chile",
                  "parties to the border dispute");
    expect_prompt("China's coercion across Europe, territorial disputes over Bhutan, India, Japan, "
                  "and Taiwan, and closer ties made it a concern.\n",
                  "Bhutan", "parties to territorial disputes");
    /* "over" after any other noun is no dispute */
    struct recite_gen *gen = run("It took control over Bhutan, India, Japan, and Taiwan.\n");
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_SET, "Bhutan");
    if (f && strstr(f->prompt, "parties to"))
        fail_msg("'%s' is no dispute", f->prompt);
    recite_gen_free(gen);
    /* without "between" the predicate still names the list */
    expect_prompt("Chile, Peru and Bolivia signed the accord.\n", "Chile",
                  "signatories of the accord");
}

/*
 * "X was established by A, B and C": what they did, in the active ("parties
 * that established X"); only a passive with its subject reads as one.
 */
static void test_gen_prose_list_by_which_needs_passive(void **state)
{
    (void)state;
    expect_prompt("Eurocorps was established in 1992 by France, Germany and Spain.\n", "France",
                  "parties that established Eurocorps in 1992");
    expect_prompt("The North Atlantic Treaty (NAT) was signed in 1949 by Belgium, Canada, "
                  "Denmark and France.\n",
                  "Belgium", "parties that signed the North Atlantic Treaty in 1949");
    expect_prompt("The Bangladeshi proposal was promptly endorsed by India, Nepal and Bhutan.\n",
                  "India", "parties that promptly endorsed the Bangladeshi proposal");
    /* an irregular participle or a present passive keeps the passive's words */
    expect_prompt("The body was set up in 1992 by France, Germany and Spain.\n", "France",
                  "parties by which the body was set up in 1992");
    expect_prompt("Paris is followed by Lyon, Marseille and Nice.\n", "Lyon",
                  "parties by which Paris is followed");
    /* no auxiliary: neither "parties by which X signed" nor "parties X signed by"; the draft
       leaves a list out whose prompt only quotes the words before it */
    expect_quoted_prompt("The agreement on the river basin signed by Cambodia, Laos and "
                         "Thailand.\n",
                         "Cambodia");
    /* nor when the document's name stands in as the subject ("parties X the agreement signed
       by") */
    expect_quoted_prompt("The Mekong Pact is a regional body.\n\nIt grew out of the agreement on "
                         "the basin signed by Cambodia, Laos and Thailand.\n",
                         "Cambodia");
    /* nor a relative pronoun ("parties by which who in turn were replaced") */
    expect_quoted_prompt("The last dynasty fell to the Persians, who in turn were replaced by the "
                         "Greeks, Romans, and Byzantines.\n",
                         "Greeks");
}

/*
 * "NATO had agreed that A and B would join": no reduced relative ends on
 * "that"; the list is the subject of what follows it, and a modal's verb
 * names it ("parties that would eventually become members", not "members
 * that ... become members").
 */
static void test_gen_prose_list_no_relative_on_complementizer(void **state)
{
    (void)state;
    struct recite_gen *gen = run("NATO had also agreed that Georgia and Ukraine would eventually "
                                 "become members.\n");
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_SET, "Georgia");
    if (f && strcmp(f->prompt, "parties that would eventually become members") != 0)
        fail_msg("'%s' is no noun phrase", f->prompt);
    recite_gen_free(gen);
    /* a reduced relative ending on its preposition stays, its article in lower case */
    expect_prompt("The union has signed trade deals with Chile, Peru and Mexico.\n", "Chile",
                  "parties the union has signed trade deals with");
}

/* "US, Canadian and German partners": adjectives of a plural noun are no members */
static void test_gen_prose_list_adjectives_before_plural(void **state)
{
    (void)state;
    struct recite_gen *gen = run("As conceived by the US, Canadian and German partners, the "
                                 "group met.\n\n"
                                 "The meeting was held by the Bohemian, Polish and Hungarian "
                                 "kings.\n");
    assert_null(find(gen, RECITE_GEN_SET, "US"));
    assert_null(find(gen, RECITE_GEN_SET, "Bohemian"));
    recite_gen_free(gen);
    /* a verb in -s after a country is no plural noun */
    gen = run("China, Russia and Kazakhstan shares borders with the bloc.\n");
    expect_set(gen, "China", 3);
    recite_gen_free(gen);
}

/* "The conference featured prominent speakers such as": the noun phrase starts after the verb */
static void test_gen_prose_list_introducer_stops_at_verb(void **state)
{
    (void)state;
    expect_prompt("The conference featured prominent speakers such as Guy Ryder, Paul Singer and "
                  "Sarah Cook.\n",
                  "Guy Ryder", "prominent speakers");
    expect_prompt("The affiliated organizations such as UNICEF, UNESCO and the WHO met.\n",
                  "UNICEF", "affiliated organizations");
}

/* Issue 17: a range of months or days sharing its year is dated at its start, whole. */
static void test_gen_prose_month_and_day_ranges(void **state)
{
    (void)state;
    const char *met = "British and Soviet representatives met at Dumbarton Oaks in August and "
                      "September 1944 to draft the charter.";
    expect_event(met, "1944-08", (const char *const[]){"met at Dumbarton Oaks", NULL});
    expect_no_event(met, "1944-09");
    const char *floated = "The currencies were floated in February/March 1973 by the banks.";
    expect_event(floated, "1973-02", (const char *const[]){"currencies were floated", NULL});
    expect_no_event(floated, "1973-03");
    expect_event("The constitution was drafted 10-23 August 1948 by the council.", "1948-08-10",
                 (const char *const[]){"constitution was drafted", NULL});
    /* a month after "and" with its own year is no range */
    expect_event("The treaty was signed in May 1949 and ratified in August 1950.", "1950-08", NULL);
}

/* Issue 17: deadlines and sizes are no events. */
static void test_gen_prose_deadlines_and_sizes(void **state)
{
    (void)state;
    expect_no_event("Forms: By March 20, 2024, any new or redesigned website, service, and form "
                    "was expected to meet the requirements.",
                    "2024-03-20");
    expect_event("On March 20, 2024, the new website was launched.", "2024-03-20",
                 (const char *const[]){"website was launched", NULL});
    expect_no_event("The maximum size is about 126 octets (1008 bits).", "1008");
}

/* A pair is a set when what frames it says so: admission, founding, "the two <things> of" */
static void test_gen_prose_list_pairs_by_cue(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("In 1952, the members agreed to admit Greece and Turkey to the alliance and added "
            "a command.\n\n"
            "He moved to strip the two autonomous provinces of Kosovo and Vojvodina of their "
            "autonomy.\n\n"
            "In 1992 Serbia and Montenegro formed a new federal republic.\n\n"
            "They agreed to General Assembly membership for Ukraine and Byelorussia.\n");
    const struct recite_gen_fact *f = expect_set(gen, "Greece", 2);
    assert_string_equal(f->prompt, "members admitted to the alliance");
    f = expect_set(gen, "Kosovo", 2);
    assert_string_equal(f->prompt, "autonomous provinces");
    expect_set(gen, "Serbia", 2);
    recite_gen_free(gen);
    gen = run("The summit invited Hungary, Poland and Czechia to begin talks.\n\n"
              "They agreed to General Assembly membership for Ukraine and Byelorussia.\n");
    f = expect_set(gen, "Hungary", 3);
    assert_string_equal(f->prompt, "members invited to begin talks");
    expect_set(gen, "Ukraine", 2);
    recite_gen_free(gen);
    /* without such a cue a pair is no set */
    gen = run("Greece and Turkey argued about the islands for years.\n\n"
              "The three provinces of Kosovo and Vojvodina were quiet.\n\n"
              "Talks between Serbia and Montenegro formally ended.\n\n"
              "Khubeis invited Iaccarino and Schopper to dinner.\n");
    assert_null(find(gen, RECITE_GEN_SET, "Iaccarino"));
    assert_null(find(gen, RECITE_GEN_SET, "Greece"));
    assert_null(find(gen, RECITE_GEN_SET, "Kosovo"));
    assert_null(find(gen, RECITE_GEN_SET, "Serbia"));
    recite_gen_free(gen);
}

/* "the victorious Allied powers of A, B, C and D": the noun phrase before "of" names the list */
static void test_gen_prose_list_named_before_of(void **state)
{
    (void)state;
    expect_prompt("The war left the country occupied by the victorious Allied powers of the US, "
                  "UK, France, and the Soviet Union in 1945.\n",
                  "US", "victorious Allied powers");
    /* a relational plural without a count or a name ("the capitals of") is not taken */
    struct recite_gen *gen = run("He visited the capitals of France, Spain and Italy.\n");
    const struct recite_gen_fact *f = find(gen, RECITE_GEN_SET, "France");
    if (f && strcmp(f->prompt, "capitals") == 0)
        fail_msg("'%s' names the cities, not the countries", f->prompt);
    recite_gen_free(gen);
}

/* "X (May 1943), the Relief and Rehabilitation Administration (November 1943), ...": one list */
static void test_gen_prose_list_dated_members_stay_one_list(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("Delegates founded a set of organizations: the Food and Agricultural Organization "
            "(May 1943), the United Nations Relief and Rehabilitation Administration (November "
            "1943), the International Monetary Fund and the World Bank (July 1944), and the "
            "International Civil Aviation Organization (November 1944).\n");
    const struct recite_gen_fact *f = expect_set(gen, "Food and Agricultural Organization", 5);
    assert_string_equal(f->members[1], "United Nations Relief and Rehabilitation Administration");
    assert_string_equal(f->members[2], "International Monetary Fund");
    assert_string_equal(f->members[3], "World Bank");
    recite_gen_free(gen);
    /* an acronym in parentheses still belongs to the name */
    gen = run("The treaties include the Open Skies (OS) Treaty, the Test Ban Treaty (CTBT) and "
              "the Arms Trade Treaty.\n");
    f = expect_set(gen, "Open Skies (OS) Treaty", 3);
    assert_string_equal(f->members[1], "Test Ban Treaty (CTBT)");
    recite_gen_free(gen);
    /* ... and closes the whole name, "and the" inside it included */
    gen = run("It included the Asian Development Bank (ADB), the Development Bank of Latin America "
              "and the Caribbean (CAF), and the Islamic Development Bank (IsDB).\n");
    f = expect_set(gen, "Asian Development Bank (ADB)", 3);
    assert_string_equal(f->members[1], "Development Bank of Latin America and the Caribbean (CAF)");
    recite_gen_free(gen);
}

/* Reference entries: "16 states (...); A, B (Gloss), ..." and "Forces (...): A, B, C (2025)" */
static void test_gen_prose_list_reference_entry(void **state)
{
    (void)state;
    struct recite_gen *gen =
        run("## Administrative divisions\n\n"
            "4 states (Laender, singular - Land); Bayern (Bavaria), Berlin, Hessen (Hesse), "
            "Nordrhein-Westfalen (North Rhine-Westphalia)\n\n"
            "## Military\n\n"
            "Armed Forces (Defensie or La Defense): Land Component, Marine (Naval) Component, "
            "Air Component, Cyber Command (2025)\n");
    const struct recite_gen_fact *f = expect_set(gen, "Bayern", 4);
    assert_string_equal(f->members[2], "Hessen");
    assert_string_equal(f->members[3], "Nordrhein-Westfalen");
    f = expect_set(gen, "Land Component", 4);
    assert_string_equal(f->members[1], "Marine (Naval) Component");
    assert_string_equal(f->members[3], "Cyber Command");
    recite_gen_free(gen);
    /* after a semicolon without the count stated, or with another count, a comma run is no list */
    gen = run("It has many regions; Bayern (Bavaria), Berlin, Hessen (Hesse), Bremen\n\n"
              "It has 7 states; Bayern (Bavaria), Berlin, Hessen (Hesse), Bremen\n");
    assert_null(find(gen, RECITE_GEN_SET, "Bayern"));
    recite_gen_free(gen);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gen_prose_undescribable_date_is_skipped),
        cmocka_unit_test(test_gen_prose_citation_year_is_no_date),
        cmocka_unit_test(test_gen_prose_numbers_that_are_not_years),
        cmocka_unit_test(test_gen_prose_two_dates_two_subjects),
        cmocka_unit_test(test_gen_prose_ranges_stay_ranges),
        cmocka_unit_test(test_gen_prose_month_and_day_ranges),
        cmocka_unit_test(test_gen_prose_deadlines_and_sizes),
        cmocka_unit_test(test_gen_prose_subject_is_never_dropped),
        cmocka_unit_test(test_gen_prose_pronoun_subjects),
        cmocka_unit_test(test_gen_prose_parallel_items),
        cmocka_unit_test(test_gen_prose_day_ranges),
        cmocka_unit_test(test_gen_prose_initials_before_an_office),
        cmocka_unit_test(test_gen_prose_attributive_dates),
        cmocka_unit_test(test_gen_prose_article_of_a_dated_noun),
        cmocka_unit_test(test_gen_prose_month_of_year_and_predicates),
        cmocka_unit_test(test_gen_prose_qualifying_years),
        cmocka_unit_test(test_gen_prose_month_ranges),
        cmocka_unit_test(test_gen_prose_dated_phrase_fronted),
        cmocka_unit_test(test_gen_prose_date_between_subject_and_verb),
        cmocka_unit_test(test_gen_prose_pronoun_antecedents),
        cmocka_unit_test(test_gen_prose_bracketed_and_term_dates),
        cmocka_unit_test(test_gen_prose_orphan_relatives),
        cmocka_unit_test(test_gen_prose_result_participle),
        cmocka_unit_test(test_gen_prose_borrowed_subject),
        cmocka_unit_test(test_gen_prose_date_before_participle),
        cmocka_unit_test(test_gen_prose_statuses_and_plans),
        cmocka_unit_test(test_gen_prose_predicates_found),
        cmocka_unit_test(test_gen_prose_thousands_stay_whole),
        cmocka_unit_test(test_gen_prose_qualified_year_leaves_no_stub),
        cmocka_unit_test(test_gen_prose_subordinate_clause),
        cmocka_unit_test(test_gen_prose_closing_year_stamp),
        cmocka_unit_test(test_gen_prose_relative_clause_antecedent),
        cmocka_unit_test(test_gen_prose_apposition_after_name),
        cmocka_unit_test(test_gen_prose_joined_clause_subject),
        cmocka_unit_test(test_gen_prose_gapped_second_object),
        cmocka_unit_test(test_gen_prose_until_dates),
        cmocka_unit_test(test_gen_prose_shared_description),
        cmocka_unit_test(test_gen_prose_pronoun_in_later_clause),
        cmocka_unit_test(test_gen_prose_table_cells_are_no_event),
        cmocka_unit_test(test_gen_prose_list_prompt_from_predicate),
        cmocka_unit_test(test_gen_prose_list_prompt_from_introducer),
        cmocka_unit_test(test_gen_prose_topic_after_appositions),
        cmocka_unit_test(test_gen_prose_list_comma_list_after_colon),
        cmocka_unit_test(test_gen_prose_list_names_with_and_stay_whole),
        cmocka_unit_test(test_gen_prose_list_closed_before_a_clause),
        cmocka_unit_test(test_gen_prose_list_plural_head),
        cmocka_unit_test(test_gen_prose_list_after_fronted_name),
        cmocka_unit_test(test_gen_prose_list_rejects_non_members),
        cmocka_unit_test(test_gen_prose_list_stated_count),
        cmocka_unit_test(test_gen_prose_list_predicate_ends_whole),
        cmocka_unit_test(test_gen_prose_list_parties_to),
        cmocka_unit_test(test_gen_prose_list_by_which_needs_passive),
        cmocka_unit_test(test_gen_prose_list_no_relative_on_complementizer),
        cmocka_unit_test(test_gen_prose_list_adjectives_before_plural),
        cmocka_unit_test(test_gen_prose_list_introducer_stops_at_verb),
        cmocka_unit_test(test_gen_prose_list_pairs_by_cue),
        cmocka_unit_test(test_gen_prose_list_named_before_of),
        cmocka_unit_test(test_gen_prose_list_dated_members_stay_one_list),
        cmocka_unit_test(test_gen_prose_list_reference_entry),
        cmocka_unit_test(test_gen_prose_en_dash_name_is_one_subject),
        cmocka_unit_test(test_gen_prose_initials_after_title),
        cmocka_unit_test(test_gen_prose_long_subject_keeps_verb),
        cmocka_unit_test(test_gen_prose_joined_dates_leave_no_and),
        cmocka_unit_test(test_gen_prose_copula_participle_and_dated_asides),
        cmocka_unit_test(test_gen_prose_year_before_name_when_dated_closer),
        cmocka_unit_test(test_gen_prose_negated_clause_is_no_event),
        cmocka_unit_test(test_gen_prose_list_same_members_other_prompt),
        cmocka_unit_test(test_gen_prose_list_counted_common_nouns),
        cmocka_unit_test(test_gen_prose_list_prompt_words),
        cmocka_unit_test(test_gen_prose_list_shared_noun),
        cmocka_unit_test(test_gen_prose_list_counted_region_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
