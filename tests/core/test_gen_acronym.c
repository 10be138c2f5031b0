/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The acronym extractor on one sentence at a time, as the pipeline hands it
 * over: emphasised short forms, glossary lines, "X or ABBR", and the traps
 * each of those must not fall into.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gen_acronym.h"
#include "recite.h"

struct found {
    char sf[64], lf[256], rule[16];
    size_t count;
};

static int collect(void *ctx, const struct recite_gen_fact *fact)
{
    struct found *f = ctx;
    if (fact->kind != RECITE_GEN_ACRONYM)
        return 0;
    if (f->count++ == 0) {
        snprintf(f->sf, sizeof(f->sf), "%s", fact->short_form);
        snprintf(f->lf, sizeof(f->lf), "%s", fact->long_form);
        snprintf(f->rule, sizeof(f->rule), "%s", fact->rule);
    }
    return 0;
}

static struct found extract(const char *text)
{
    struct found f = {0};
    struct gen_sink sink = {collect, &f};
    struct gen_sentence s = {.text = text, .len = strlen(text)};
    assert_int_equal(gen_acronyms(&sink, &s), 0);
    return f;
}

static void expect(const char *text, const char *sf, const char *lf)
{
    struct found f = extract(text);
    if (f.count == 0)
        fail_msg("no definition in: %s", text);
    if (strcmp(f.sf, sf) != 0 || strcmp(f.lf, lf) != 0)
        fail_msg("%s = %s, wanted %s = %s, in: %s", f.sf, f.lf, sf, lf, text);
}

static void expect_none(const char *text)
{
    struct found f = extract(text);
    if (f.count != 0)
        fail_msg("unexpected %s = %s in: %s", f.sf, f.lf, text);
}

static void test_emphasised_short_forms(void **state)
{
    (void)state;
    expect("The **Gulf Cooperation Council** (**GCC** ; Arabic: x), is a union.", "GCC",
           "Gulf Cooperation Council");
    expect("The Gulf Cooperation Council (*GCC*) met.", "GCC", "Gulf Cooperation Council");
    expect("The Gulf Cooperation Council (_GCC_) met.", "GCC", "Gulf Cooperation Council");
    expect("The Gulf Cooperation Council (`GCC`) met.", "GCC", "Gulf Cooperation Council");
    expect("The **XYZ** (Xeno Yield Zone) opened.", "XYZ", "Xeno Yield Zone");
    /* the close of an emphasis opened earlier is no part of a short form */
    expect_none("_Protocol for the Prevention of Pollution by Dumping_ (Dumping Protocol of the "
                "Noumea Convention) 1986");
    /* unequal markers are not emphasis */
    expect_none("The Gulf Cooperation Council (**GCC*) met.");
}

static void test_glossary_lines(void **state)
{
    (void)state;
    expect("ANSI    American National Standards Institute", "ANSI",
           "American National Standards Institute");
    expect("ANSI\tAmerican National Standards Institute", "ANSI",
           "American National Standards Institute");
    expect("ANSI - American National Standards Institute, a standards body.", "ANSI",
           "American National Standards Institute");
    expect("ANSI \xE2\x80\x94 American National Standards Institute", "ANSI",
           "American National Standards Institute");
    expect("ANSI: American National Standards Institute", "ANSI",
           "American National Standards Institute");
    expect("ARP : Address Resolution Protocol", "ARP", "Address Resolution Protocol");
    expect("- **ARP**: Address Resolution Protocol", "ARP", "Address Resolution Protocol");
    expect("S&T: science and technology", "S&T", "science and technology");
    expect("| ANSI | American National Standards Institute |", "ANSI",
           "American National Standards Institute");
    /* table rows joined into one paragraph: the next row's short form ends the long form */
    expect("CCIVS | Co-ordinating Committee for International Voluntary Service CIPSH | "
           "International Council for Philosophy",
           "CCIVS", "Co-ordinating Committee for International Voluntary Service");
    /* a glossary joined into prose: the definition follows on the same line */
    expect("ANSI American National Standards Institute A group that defines standards.", "ANSI",
           "American National Standards Institute");
    expect("AIX     Advanced Interactive Executive", "AIX", "Advanced Interactive Executive");
    expect("HOMERe \xE2\x80\x93 High Opportunity for Mediterranean Executive Recruitment", "HOMERe",
           "High Opportunity for Mediterranean Executive Recruitment");
    expect("ARPANET    Advanced Research Projects Agency Network", "ARPANET",
           "Advanced Research Projects Agency Network");
    expect("BITNET  Because It's Time Network", "BITNET", "Because It's Time Network");
}

static void test_glossary_traps(void **state)
{
    (void)state;
    /* an abstract's section label is no short form of what follows */
    expect_none("RESULTS: Review of the literature highlights the difficulties.");
    expect_none("CONCLUSION: CTA may be more suitable for differentiation.");
    /* letters that do not fit */
    expect_none("NATO: the alliance grew in 2004.");
    expect_none("ANSI    A group that defines standards");
    /* one space and lowercase words: ordinary prose */
    expect_none("NATO named a new secretary general in October.");
    expect_none("RFC 1177 FYI Q/A for New Internet Users");
    expect_none("b       bit - binary digit");
    /* the long form runs on past the word limit: no prefix of it is the long form */
    expect_none("ESO \xE2\x80\x93 European Organisation for Astronomical Research in the Southern "
                "Hemisphere");
    expect_none("UN Under Secretary General Patricia Espinosa spoke.");
    expect_none("AIX Advanced Interactive Executive IBM's version of Unix.");
}

static void test_or_definitions(void **state)
{
    (void)state;
    expect("The Gulf Cooperation Council or GCC met in Riyadh.", "GCC", "Gulf Cooperation Council");
    expect("It joined the North Atlantic Treaty Organization, or NATO, in 1982.", "NATO",
           "North Atlantic Treaty Organization");
    expect("Teams work on science and technology or S&T projects.", "S&T",
           "science and technology");
    expect("The Global Statistics Service, abbreviated GSS, publishes data.", "GSS",
           "Global Statistics Service");
    expect("The Gulf Cooperation Council, also known as the GCC, met.", "GCC",
           "Gulf Cooperation Council");
    expect_none("Members may choose France or UK rules.");
    expect_none("Either the Union or EU decides.");
    expect_none("Either the council or NATO decides.");
}

static void test_short_form_after_a_comment(void **state)
{
    (void)state;
    expect("We measured erythrocyte glutathione peroxidase (EC 1.11.1.9; GPx) in rats.", "GPx",
           "glutathione peroxidase");
    /* one word holding every letter is a coincidence there */
    expect_none("The Indian Ocean Commission (French: Commission de l'Ocean Indien, COI) met.");
}

static void test_one_letter_short_forms(void **state)
{
    (void)state;
    expect("Activity of the masseter (M) rose.", "M", "masseter");
    expect("Testosterone (T) was measured.", "T", "Testosterone");
    /* a name mid-clause, an enumeration, a word of another letter */
    expect_none("Temperatures are given in Kelvin (K) here.");
    expect_none("Patients formed group (A) and group (B).");
    expect_none("Thrombosis of the internal carotid artery (B) was seen.");
    expect_none("It was seen in (A) and in (B).");
}

static void test_introduced_and_quoted_short_forms(void **state)
{
    (void)state;
    expect("The Inter-American Tropical Tuna Commission (abbreviated **IATTC**) manages tuna.",
           "IATTC", "Inter-American Tropical Tuna Commission");
    expect("The Caribbean Community (abbreviated as **CARICOM** or **CC**) is a group.", "CARICOM",
           "Caribbean Community");
    expect("The International Court of Justice (hereafter ICJ) ruled.", "ICJ",
           "International Court of Justice");
    expect("The European Central Bank (\"ECB\") decided.", "ECB", "European Central Bank");
    expect("The European Central Bank (\xE2\x80\x9C"
           "ECB\xE2\x80\x9D) decided.",
           "ECB", "European Central Bank");
    expect_none("The organisation (known as DCNS until 2017) grew.");
}

static void test_stands_for(void **state)
{
    (void)state;
    expect("RFC stands for Request for Comments.", "RFC", "Request for Comments");
    expect("The GSS, which stands for \"Global Statistics Service\", met.", "GSS",
           "Global Statistics Service");
    expect("NATO is an acronym for the North Atlantic Treaty Organization, an alliance.", "NATO",
           "North Atlantic Treaty Organization");
    expect_none("India stands for peace and dialogue.");
    expect_none("The flag's blue stands for the sky of the Western world.");
}

static void test_apposition(void **state)
{
    (void)state;
    expect("Near the site ALMA, the Atacama Large Millimeter Array, is located.", "ALMA",
           "Atacama Large Millimeter Array");
    expect("Members include EAFF, the Eastern Africa Farmers Federation.", "EAFF",
           "Eastern Africa Farmers Federation");
    /* a list of names, not an apposition */
    expect_none("It has members in NATO, the United States, Canada and Turkey.");
    expect_none("Ties with NATO, North Atlantic Trade Organisations and others grew.");
}

/* Issue 17: the O of OMB went to "of", and the definition was dropped. */
static void test_capital_initial_prefers_content_word(void **state)
{
    (void)state;
    expect("He joined the Office of Management and Budget (OMB) in May.", "OMB",
           "Office of Management and Budget");
    expect("The Organization of American States (OAS) met.", "OAS",
           "Organization of American States");
    /* a lowercase letter of the short form still takes the function word */
    expect("The Department of Defense (DoD) said so.", "DoD", "Department of Defense");
}

/* An en dash between two words joins them, as a hyphen does; a spaced one sets off an aside. */
static void test_en_dash_joins_name(void **state)
{
    (void)state;
    expect("The Mekong\u2013Ganga Cooperation (MGC) was founded in Vientiane.", "MGC",
           "Mekong\u2013Ganga Cooperation");
    expect("The Asia\u2013Europe Foundation (ASEF) met.", "ASEF", "Asia\u2013Europe Foundation");
    expect("The Mekong-Ganga Cooperation (MGC) was founded in Vientiane.", "MGC",
           "Mekong-Ganga Cooperation");
    /* the words after a spaced dash are the window; what is before it is not */
    expect("A forum \u2013 the Asia Europe Foundation (AEF) \u2013 met.", "AEF",
           "Asia Europe Foundation");
}

/* A verb of the sentence is no word of a name in capitals; a participle before a name is */
static void test_sentence_verb_not_in_name(void **state)
{
    (void)state;
    expect_none("In 1989, CCAMLR set up the Ecosystem Monitoring Program (CEMP) to watch.");
    expect_none("Congress passed a constitutional reform to leave the Central American "
                "Parliament (PARLACEN).");
    expect("Members apply the revised Kyoto Convention (RKC) at their borders.", "RKC",
           "revised Kyoto Convention");
    expect("The tumor necrosis factor (TNF) was measured.", "TNF", "tumor necrosis factor");
}

/* Issue 17: RFC glossaries: the definition opens with an article or holds the long form. */
static void test_glossary_article_and_embedded(void **state)
{
    (void)state;
    expect("IMP The Interface Message Processor, the packet switch of the ARPANET.", "IMP",
           "Interface Message Processor");
    expect("MF The More-Fragments Flag carried in the internet header flags field.", "MF",
           "More-Fragments Flag");
    expect("IHL The internet header field Internet Header Length is the length of the header.",
           "IHL", "Internet Header Length");
    /* capitalised words that do not spell the short form are no long form */
    expect_none("IHL The internet header field Header Size Limit is the length of the header.");
    expect_none("TTL The Internet Protocol carries it in every datagram.");
}

/* Issue 17: a reference entry's "Name or ABBR" line, letters from another language. */
static void test_whole_entry_or(void **state)
{
    (void)state;
    expect("Alternative for Germany or AfD", "AfD", "Alternative for Germany");
    expect("Social Democratic Party or SPD", "SPD", "Social Democratic Party");
    /* in a sentence, or with one word, letters that do not match are no definition */
    expect_none("The treaty was signed by France or NATO.");
    expect_none("Russia or NATO");
    expect_none("The Left or Die Linke");
}

/* a first name shortened, a list in brackets, a clause run on before the short form */
static void test_not_definitions(void **state)
{
    (void)state;
    expect_none("It is represented by Governor General Samantha (Sam) MOSTYN since 2024.");
    expect_none("Vietnam has followed the \"Four Nos\" (no alliances, no siding with one "
                "country against another, no foreign bases, and no use of force).");
    expect_none("Former mayor Andres Manuel LOPEZ OBRADOR, from the National Regeneration "
                "Movement (MORENA), became president in 2018.");
    /* the name, not its possessive */
    expect("Later the South African National Defense Force's (SANDF) duties grew.", "SANDF",
           "South African National Defense Force");
    /* a name's prefix is a short form where no name follows it */
    expect("The pathway requires the protein Smoothened (Smo) and a factor.", "Smo",
           "Smoothened");
    expect("It was signed with the Five Powers Defense Arrangements (FPDA), a series of "
           "agreements.",
           "FPDA", "Five Powers Defense Arrangements");
}

/* a word in lower case after a name that spells the short form is no part of it */
static void test_unspelled_tail(void **state)
{
    (void)state;
    expect("The End Of Life date (EOL) for Python 2.7 has been moved.", "EOL", "End Of Life");
    /* a word in capitals is part of the name; a long form in lower case is kept whole */
    expect("The Science for Peace and Security Programme (SPS) grew.", "SPS",
           "Science for Peace and Security Programme");
    expect("The forced expiratory volume in 1 second (FEV1) fell.", "FEV1",
           "forced expiratory volume in 1 second");
    expect("The mean arterial pressure value (MAP) rose.", "MAP", "mean arterial pressure value");
}

/* names before a bracket each give the short form an initial, or define nothing */
static void test_names_with_commas(void **state)
{
    (void)state;
    expect_none("consulate(s) general: Atlanta, Boston, Chicago, Dallas, Denver, Hartford (CT), "
                "Houston");
    expect("It was tested with the Deese, Roediger, and McDermott (DRM) paradigm.", "DRM",
           "Deese, Roediger, and McDermott");
    expect("Cases of Non-A, non-B hepatitis (NANB) rose.", "NANB", "Non-A, non-B hepatitis");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_emphasised_short_forms),
        cmocka_unit_test(test_glossary_lines),
        cmocka_unit_test(test_glossary_traps),
        cmocka_unit_test(test_or_definitions),
        cmocka_unit_test(test_short_form_after_a_comment),
        cmocka_unit_test(test_one_letter_short_forms),
        cmocka_unit_test(test_introduced_and_quoted_short_forms),
        cmocka_unit_test(test_stands_for),
        cmocka_unit_test(test_apposition),
        cmocka_unit_test(test_capital_initial_prefers_content_word),
        cmocka_unit_test(test_glossary_article_and_embedded),
        cmocka_unit_test(test_whole_entry_or),
        cmocka_unit_test(test_not_definitions),
        cmocka_unit_test(test_en_dash_joins_name),
        cmocka_unit_test(test_sentence_verb_not_in_name),
        cmocka_unit_test(test_unspelled_tail),
        cmocka_unit_test(test_names_with_commas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
