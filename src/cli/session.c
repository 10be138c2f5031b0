/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Shared pieces of the review and quiz sessions (see session.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cmd.h"
#include "session.h"

int cli_session_open_store(struct recite_store **out)
{
    int status = cli_open_store(out);
    if (status != 0)
        return status;
    struct recite_error err = {0};
    int64_t now;
    size_t imported = 0;
    if (recite_now_ms(&now, &err) < 0 || recite_bank_first_run(*out, now, &imported, &err) < 0) {
        recite_store_close(*out);
        *out = NULL;
        return cli_report(&err);
    }
    if (imported > 0)
        fprintf(stderr, "recite: imported %zu bundled bank%s\n", imported,
                imported == 1 ? "" : "s");
    return 0;
}

/* The slot of bank slug, or NULL. */
static size_t slot_find(const struct cli_session *s, const char *slug)
{
    for (size_t i = 0; i < s->bank_count; i++) {
        const struct recite_bank *bank =
            s->banks[i].bank ? s->banks[i].bank : recite_bank_view_bank(s->banks[i].view);
        if (strcmp(bank->id, slug) == 0)
            return i;
    }
    return SIZE_MAX;
}

/* A new empty slot; SIZE_MAX (printed) when memory runs out. */
static size_t slot_add(struct cli_session *s)
{
    if (s->bank_count == s->bank_cap) {
        size_t cap = s->bank_cap ? 2 * s->bank_cap : 8;
        struct cli_session_bank *banks = realloc(s->banks, cap * sizeof(*banks));
        if (!banks) {
            cli_error("out of memory");
            return SIZE_MAX;
        }
        s->banks = banks;
        s->bank_cap = cap;
    }
    memset(&s->banks[s->bank_count], 0, sizeof(s->banks[0]));
    return s->bank_count++;
}

const struct recite_bank *cli_session_bank(struct cli_session *s, const char *slug)
{
    size_t at = slot_find(s, slug);
    if (at != SIZE_MAX && s->banks[at].bank)
        return s->banks[at].bank;
    struct recite_error err = {0};
    struct recite_bank *bank = NULL;
    if (recite_store_bank_load(s->st, slug, &bank, &err) < 0) {
        cli_report(&err);
        return NULL;
    }
    if (at == SIZE_MAX && (at = slot_add(s)) == SIZE_MAX) {
        recite_bank_free(bank);
        return NULL;
    }
    s->banks[at].bank = bank;
    return bank;
}

struct recite_bank_view *cli_session_view(struct cli_session *s, const char *slug)
{
    size_t at = slot_find(s, slug);
    if (at != SIZE_MAX && s->banks[at].view)
        return s->banks[at].view;
    struct recite_error err = {0};
    struct recite_bank_view *view = NULL;
    if (recite_bank_view_open(&view, s->st, slug, &err) < 0) {
        cli_report(&err);
        return NULL;
    }
    if (at == SIZE_MAX && (at = slot_add(s)) == SIZE_MAX) {
        recite_bank_view_close(view);
        return NULL;
    }
    s->banks[at].view = view;
    return view;
}

struct recite_judge *cli_session_judge(struct cli_session *s, const char *slug)
{
    size_t at = slot_find(s, slug);
    if (at == SIZE_MAX) {
        cli_error("bank '%s' is not open", slug);
        return NULL;
    }
    if (s->banks[at].judge)
        return s->banks[at].judge;
    const struct recite_bank *bank =
        s->banks[at].bank ? s->banks[at].bank : recite_bank_view_bank(s->banks[at].view);
    struct recite_error err = {0};
    struct recite_judge *judge = NULL;
    if (recite_judge_new(&judge, bank->language, &err) < 0) {
        cli_report(&err);
        return NULL;
    }
    if (s->banks[at].bank)
        recite_judge_fill_with(judge, NULL, NULL);
    if (s->banks[at].bank && recite_judge_add_bank(judge, s->banks[at].bank, &err) < 0) {
        recite_judge_free(judge);
        cli_report(&err);
        return NULL;
    }
    if (!s->banks[at].bank)
        recite_judge_fill_with(judge, recite_bank_view_fill_judge, s->banks[at].view);
    s->banks[at].judge = judge;
    return judge;
}

void cli_session_print_source(FILE *out, const struct recite_bank *bank,
                              const struct recite_fact *fact)
{
    if (!fact->cite_source) {
        fputs("source: this fact cites no source\n", out);
        return;
    }
    const struct recite_source *src = recite_bank_find_source(bank, fact->cite_source);
    fputs("source: ", out);
    cli_put_safe(out, fact->cite_source);
    if (src) {
        fputs(" — ", out);
        cli_put_safe(out, src->title);
    }
    if (fact->cite_place) {
        fputs(", ", out);
        cli_put_safe(out, fact->cite_place);
    }
    fputc('\n', out);
    if (fact->quote) {
        fputs("  \"", out);
        cli_put_safe(out, fact->quote);
        fputs("\"\n", out);
    }
}

void cli_session_release(struct cli_session *s)
{
    for (size_t i = 0; i < s->bank_count; i++) {
        recite_judge_free(s->banks[i].judge);
        recite_bank_free(s->banks[i].bank);
        recite_bank_view_close(s->banks[i].view);
    }
    free(s->banks);
    s->banks = NULL;
    s->bank_count = s->bank_cap = 0;
}

int64_t cli_monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool cli_seed_parse(uint64_t *out, const char *text)
{
    if (!text) {
        *out = recite_random_u64() >> 1; /* stored as a signed 64-bit integer */
        return true;
    }
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end || text[0] == '-')
        return false;
    *out = v;
    return true;
}

char *cli_history_path(void)
{
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char path[4096];
    if (state && state[0] == '/')
        snprintf(path, sizeof(path), "%s/recite", state);
    else if (home && *home)
        snprintf(path, sizeof(path), "%s/.local/state/recite", home);
    else
        return NULL;
    /* Best effort: history is a convenience, never a reason to fail. */
    char partial[4096];
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            snprintf(partial, sizeof(partial), "%.*s", (int)(p - path), path);
            mkdir(partial, 0700);
        }
    }
    mkdir(path, 0700);
    size_t n = strlen(path) + sizeof("/history");
    char *full = malloc(n);
    if (full)
        snprintf(full, n, "%s/history", path);
    return full;
}
