/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The generator on two threads (gen/gen_pipe.c): the reading stage and the
 * second stage (events, lists, the fact store) must give the draft one
 * thread gives, on every document of the regression corpus, alone and all
 * in one run, and carry the document's context (dateline, headings, anchor
 * dates, the previous sentence's subject) across the batches handed over.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gen_pipeline.h"
#include "recite.h"

#define CORPUS RECITE_TEST_DATA "/gen/corpus"

/*
 * Where the member lists are read on two threads: as the second stage keeps
 * up (0), always by the reading stage from its copy of the context (1), or
 * always by the second stage (2). Each must give one thread's draft.
 */
static int list_stage;

/* The draft of the documents paths[0, count) (texts when given, else files) on threads threads. */
static int add_piece(void *ctx, const char *data, size_t len)
{
    assert_true(len > 0);
    return recite_buf_add(ctx, data, len);
}

static char *draft_on(unsigned threads, const char *const *paths, const char *const *texts,
                      size_t count, int *last_rc)
{
    struct recite_gen_options opts = RECITE_GEN_OPTIONS_INIT;
    opts.threads = threads;
    struct recite_gen *gen = NULL;
    struct recite_error err = {0};
    assert_int_equal(recite_gen_new(&gen, &opts, &err), 0);
    gen_set_list_stage(gen, threads >= 2 ? list_stage : 2); /* one thread: as it always was */
    for (size_t i = 0; i < count; i++)
        *last_rc = texts ? recite_gen_add_buffer(gen, paths[i], texts[i], strlen(texts[i]), &err)
                         : recite_gen_add_file(gen, paths[i], NULL, &err);
    char *draft;
    size_t len;
    assert_int_equal(recite_gen_draft(&draft, &len, gen, &err), 0);
    /* the same bytes handed out in pieces (the back half's chunks not joined) */
    struct recite_buf pieces = {0};
    assert_int_equal(recite_gen_draft_each(gen, add_piece, &pieces, &err), 0);
    assert_int_equal(pieces.len, len);
    assert_memory_equal(pieces.data ? pieces.data : "", draft, len);
    recite_buf_free(&pieces);
    recite_gen_free(gen);
    return draft;
}

/* The draft of text on one thread, checked byte for byte against two threads'. */
static char *same_on_two(const char *name, const char *text)
{
    const char *names[] = {name};
    const char *texts[] = {text};
    int rc;
    char *one = draft_on(1, names, texts, 1, &rc);
    assert_int_equal(rc, 0);
    char *two = draft_on(2, names, texts, 1, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(one, two);
    free(two);
    return one;
}

/* The facts a draft states (its "acronym", "event" and "set" lines not commented out). */
static size_t facts_in(const char *draft)
{
    size_t n = 0;
    for (const char *p = draft; p && *p;) {
        n += strncmp(p, "acronym ", 8) == 0 || strncmp(p, "event ", 6) == 0 ||
             strncmp(p, "set ", 4) == 0;
        const char *nl = strchr(p, '\n');
        p = nl ? nl + 1 : NULL;
    }
    return n;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The corpus's documents (not its gold, notes or scripts), sorted; *count of them. */
static char **corpus_files(size_t *count)
{
    DIR *dir = opendir(CORPUS);
    assert_non_null(dir);
    char **paths = NULL;
    *count = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        const char *dot = strrchr(e->d_name, '.');
        if (e->d_name[0] == '.' || !dot || strcmp(dot, ".tsv") == 0 || strcmp(dot, ".py") == 0 ||
            strcmp(dot, ".sh") == 0 || strcmp(e->d_name, "SOURCES.md") == 0)
            continue;
        paths = realloc(paths, (*count + 1) * sizeof(*paths));
        assert_non_null(paths);
        size_t n = strlen(CORPUS) + strlen(e->d_name) + 2;
        paths[*count] = malloc(n);
        assert_non_null(paths[*count]);
        snprintf(paths[(*count)++], n, "%s/%s", CORPUS, e->d_name);
    }
    closedir(dir);
    qsort(paths, *count, sizeof(*paths), by_name);
    return paths;
}

static void test_gen_threads_same_draft_on_corpus(void **state)
{
    list_stage = *(int *)*state;
    size_t count;
    char **paths = corpus_files(&count);
    assert_true(count >= 15);
    int rc;
    for (size_t i = 0; i < count; i++) {
        const char *one[] = {paths[i]};
        char *a = draft_on(1, one, NULL, 1, &rc);
        assert_int_equal(rc, 0);
        char *b = draft_on(2, one, NULL, 1, &rc);
        assert_int_equal(rc, 0);
        if (strcmp(a, b) != 0)
            fail_msg("%s: the draft on two threads differs from one thread's", paths[i]);
        free(a);
        free(b);
    }
    /* all in one run: the store's dedup across documents, document after document */
    char *a = draft_on(1, (const char *const *)paths, NULL, count, &rc);
    char *b = draft_on(2, (const char *const *)paths, NULL, count, &rc);
    assert_string_equal(a, b);
    /* the comparison is over a real draft: the corpus gives some 200 facts kept */
    assert_true(facts_in(a) >= 150);
    free(a);
    free(b);
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
}

/*
 * Relative dates and pronouns read the sentence before, across hundreds of
 * paragraphs (many hand-overs): every "Two years later" is dated two years
 * after its own paragraph's year, and "It" is the paragraph's organisation.
 */
static void test_gen_threads_context_crosses_batches(void **state)
{
    list_stage = *(int *)*state;
    enum { PARAGRAPHS = 300 };
    size_t room = PARAGRAPHS * 256, len = 0;
    char *text = malloc(room);
    assert_non_null(text);
    for (int i = 0; i < PARAGRAPHS; i++) {
        int year = 1700 + i;
        len += (size_t)snprintf(text + len, room - len,
                                "The Council of Vel%03d was founded in %d by the towns of the "
                                "coast. Two years later, it opened a school in Harbour%03d.\n\n",
                                i, year, i);
    }
    char *two = same_on_two("context.txt", text);
    for (int i = 0; i < PARAGRAPHS; i += 37) {
        char want[160];
        snprintf(want, sizeof(want), "when: %d\n", 1702 + i);
        const char *at = strstr(two, want);
        if (!at)
            fail_msg("no event dated %d (paragraph %d) in:\n%.2000s", 1702 + i, i, two);
        snprintf(want, sizeof(want), "Harbour%03d", i);
        const char *next = strstr(at, "\nevent ");
        const char *school = strstr(at, want);
        assert_non_null(school);
        assert_true(!next || school < next);
    }
    free(two);
    free(text);
}

/*
 * A pronoun after a pronoun keeps what the first stood for, for the events;
 * a list read by either stage reads no such subject: "It also replaced A
 * with B, C and D" gives one draft however the lists were read.
 */
static void test_gen_threads_pronoun_chain_and_lists(void **state)
{
    list_stage = *(int *)*state;
    enum { PARAGRAPHS = 120 };
    size_t room = PARAGRAPHS * 480, len = 0;
    char *text = malloc(room);
    assert_non_null(text);
    for (int i = 0; i < PARAGRAPHS; i++)
        len += (size_t)snprintf(text + len, room - len,
                                "# May %d, %d\n\nThe Office of Vel%03d was abolished and its "
                                "functions moved to the Office of Ark%03d. Circular %03d "
                                "announced the change in %d.\n\n# June %d, %d\n\nCircular "
                                "%03dB established an Office of Hal%03d. It also replaced the "
                                "Office of Cor%03d with the Office of Bel%03d and the Office "
                                "of Dan%03d.\n\n",
                                1 + i % 28, 1800 + i, i, i, i, 1800 + i, 1 + i % 28, 1800 + i, i,
                                i, i, i, i);
    char *one = same_on_two("chain.txt", text);
    assert_non_null(strstr(one, "Circular 007B established an Office of Hal007"));
    free(one);
    free(text);
}

/* A document refused mid-run loses its own facts only, on either thread count. */
static void test_gen_threads_refused_document_keeps_the_others(void **state)
{
    (void)state;
    list_stage = 0;
    const char *names[] = {"first.txt", "bad.txt", "last.txt"};
    const char *texts[] = {
        "The North Atlantic Treaty Organization (NATO) was founded in 1949.\n",
        "The Warsaw Pact (WP) was founded in 1955.\n\x01\x02\x03\x04\x05\x06\x07\x08\n",
        "The European Union (EU) was founded in 1993.\n",
    };
    struct recite_gen_options opts = RECITE_GEN_OPTIONS_INIT;
    char *drafts[2];
    for (unsigned threads = 1; threads <= 2; threads++) {
        opts.threads = threads;
        struct recite_gen *gen = NULL;
        struct recite_error err = {0};
        assert_int_equal(recite_gen_new(&gen, &opts, &err), 0);
        assert_int_equal(recite_gen_add_buffer(gen, names[0], texts[0], strlen(texts[0]), &err),
                         0);
        assert_int_equal(recite_gen_add_buffer(gen, names[1], texts[1], strlen(texts[1]), &err),
                         RECITE_EDATA);
        assert_int_equal(recite_gen_add_buffer(gen, names[2], texts[2], strlen(texts[2]), &err),
                         0);
        size_t len;
        assert_int_equal(recite_gen_draft(&drafts[threads - 1], &len, gen, &err), 0);
        recite_gen_free(gen);
        assert_non_null(strstr(drafts[threads - 1], "NATO"));
        assert_non_null(strstr(drafts[threads - 1], "long: European Union"));
        assert_null(strstr(drafts[threads - 1], "Warsaw"));
    }
    assert_string_equal(drafts[0], drafts[1]);
    free(drafts[0]);
    free(drafts[1]);
}

int main(void)
{
    static int as_it_goes = 0, reader = 1, second = 2;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_prestate(test_gen_threads_same_draft_on_corpus, &as_it_goes),
        cmocka_unit_test_prestate(test_gen_threads_same_draft_on_corpus, &reader),
        cmocka_unit_test_prestate(test_gen_threads_same_draft_on_corpus, &second),
        cmocka_unit_test_prestate(test_gen_threads_context_crosses_batches, &as_it_goes),
        cmocka_unit_test_prestate(test_gen_threads_context_crosses_batches, &reader),
        cmocka_unit_test_prestate(test_gen_threads_pronoun_chain_and_lists, &reader),
        cmocka_unit_test_prestate(test_gen_threads_pronoun_chain_and_lists, &as_it_goes),
        cmocka_unit_test(test_gen_threads_refused_document_keeps_the_others),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
