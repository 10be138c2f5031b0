/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite bank preview: every card of a bank exactly as a student sees it,
 * and how each given reply would be judged, for instructors checking a
 * bank and tuning its spellings. Reads a stored bank or a .bank file;
 * never touches a schedule.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ask.h"
#include "cmd.h"
#include "cmds.h"
#include "session.h"

struct preview_args {
    uint64_t seed;
    enum cli_mode mode;
    struct cli_strings answers; /* --answer, owned */
    bool json;
    const char *bank;
    struct cli_strings selectors; /* FACT or FACT/TEMPLATE, borrowed from argv */
};

/* Cards being shown, with their judgements. */
struct shown {
    struct recite_card *cards;
    struct recite_preview *items;
    struct recite_judgement *judgements; /* count * answer_count */
    size_t count, cap;
};

static bool is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The bank named by text: a .bank file, or a stored bank (bundled ones imported first). */
static int load_bank(struct recite_bank **out, const char *text)
{
    struct recite_error err = {0};
    if (is_file(text) || strchr(text, '/') || strstr(text, ".bank")) {
        struct recite_diags diags = {0};
        int rc = recite_bank_load(out, text, &diags, &err);
        for (size_t i = 0; i < diags.count; i++) {
            char *safe = cli_sanitize(diags.items[i].message, strlen(diags.items[i].message), false);
            char *path = cli_sanitize(text, strlen(text), false);
            fprintf(stderr, "%s:%u:%u: %s\n", path ? path : "", diags.items[i].line,
                    diags.items[i].col, safe ? safe : "");
            free(safe);
            free(path);
        }
        recite_diags_release(&diags);
        if (rc < 0)
            return cli_report(&err);
        return 0;
    }
    struct recite_store *st = NULL;
    int status = cli_session_open_store(&st);
    if (status != 0)
        return status;
    if (recite_store_bank_load(st, text, out, &err) < 0)
        status = cli_report(&err);
    recite_store_close(st);
    return status;
}

static int add_card(struct shown *s, const struct recite_bank *bank, const struct recite_fact *fact,
                    const char *template_name, uint64_t seed)
{
    if (recite_grow((void **)&s->cards, &s->cap, s->count + 1, sizeof(*s->cards)) < 0)
        return RECITE_ENOMEM;
    struct recite_error err = {0};
    if (recite_card_build(&s->cards[s->count], bank, fact, template_name, seed, &err) < 0)
        return err.code ? err.code : RECITE_EINTERNAL;
    s->count++;
    return 0;
}

/* The cards of fact: all its templates, or the one named (NULL: all). */
static int add_fact(struct shown *s, const struct recite_bank *bank, const struct recite_fact *fact,
                    const char *only, uint64_t seed)
{
    char names[64][RECITE_TEMPLATE_NAME_MAX];
    size_t n = recite_fact_templates(fact, names, 64);
    bool found = false;
    for (size_t i = 0; i < n && i < 64; i++) {
        if (only && strcmp(only, names[i]) != 0)
            continue;
        found = true;
        int rc = add_card(s, bank, fact, names[i], seed);
        if (rc < 0)
            return rc;
    }
    if (!found) {
        cli_error("fact '%s' of bank '%s' has no card '%s'", fact->key, bank->id,
                  only ? only : "(any)");
        return RECITE_ENOTFOUND;
    }
    return 0;
}

static int collect(struct shown *s, const struct recite_bank *bank, const struct preview_args *a)
{
    if (a->selectors.count == 0) {
        for (size_t i = 0; i < bank->fact_count; i++) {
            int rc = add_fact(s, bank, &bank->facts[i], NULL, a->seed);
            if (rc < 0)
                return rc;
        }
        return 0;
    }
    for (size_t i = 0; i < a->selectors.count; i++) {
        char *key = a->selectors.items[i];
        char *slash = strchr(key, '/');
        if (slash)
            *slash = '\0';
        const struct recite_fact *fact = recite_bank_find_fact(bank, key);
        if (!fact) {
            cli_error("bank '%s' has no fact '%s'", bank->id, key);
            return RECITE_ENOTFOUND;
        }
        int rc = add_fact(s, bank, fact, slash ? slash + 1 : NULL, a->seed);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static int judge_all(struct shown *s, const struct recite_bank *bank, const struct preview_args *a)
{
    struct recite_error err = {0};
    struct recite_judge *judge = NULL;
    int rc = recite_judge_new(&judge, bank->language, &err);
    if (rc == 0)
        rc = recite_judge_add_bank(judge, bank, &err);
    s->items = calloc(s->count + 1, sizeof(*s->items));
    s->judgements = calloc(s->count * a->answers.count + 1, sizeof(*s->judgements));
    if (rc == 0 && (!s->items || !s->judgements))
        rc = recite_error_set(&err, RECITE_ENOMEM, "out of memory");
    for (size_t i = 0; rc == 0 && i < s->count; i++) {
        enum recite_answer_kind kind = cli_effective_kind(&s->cards[i], a->mode);
        struct recite_judgement *j = &s->judgements[i * a->answers.count];
        s->items[i] = (struct recite_preview){
            &s->cards[i], kind, (const char *const *)a->answers.items, j, a->answers.count};
        if (kind == RECITE_ANSWER_FLASH)
            kind = RECITE_ANSWER_TYPED; /* a flash card's back, judged as if typed */
        for (size_t k = 0; rc == 0 && k < a->answers.count; k++)
            rc = recite_judge_reply(&j[k], judge, &s->cards[i], kind, a->answers.items[k], &err);
    }
    recite_judge_free(judge);
    return rc < 0 ? cli_report(&err) : 0;
}

static void print_text(const struct shown *s, const struct preview_args *a)
{
    for (size_t i = 0; i < s->count; i++) {
        const struct recite_preview *p = &s->items[i];
        const struct recite_card *card = p->card;
        printf("%s── ", i ? "\n" : "");
        cli_put_safe(stdout, card->fact_key);
        printf("/%s · %s%s%s\n", card->template_name, recite_answer_kind_name(p->kind),
                cli_c(stdout, ""), "");
        cli_card_print(stdout, card, a->mode, 0);
        char **answers = NULL;
        size_t n = 0;
        struct recite_error err = {0};
        bool by_member = card->answer_kind == RECITE_ANSWER_LIST ||
                         (card->member_count > 0 && p->kind == RECITE_ANSWER_TYPED);
        if (recite_card_answers(&answers, &n, card, p->kind, &err) == 0) {
            fputs(by_member && p->kind == RECITE_ANSWER_TYPED ? "accepts any of: " : "accepts: ",
                  stdout);
            for (size_t k = 0; k < n; k++) {
                fputs(k ? (by_member ? "; " : " | ") : "", stdout);
                cli_put_safe(stdout, answers[k]);
            }
            fputc('\n', stdout);
            recite_strings_free(answers, n);
        }
        for (size_t k = 0; k < p->reply_count; k++) {
            const struct recite_judgement *j = &p->judgements[k];
            fputs("> ", stdout);
            cli_put_safe(stdout, p->replies[k]);
            printf("\n  [%s, credit %.2f, rating %d] ", recite_judgement_verdict_name(j), j->credit,
                   j->unclear ? 0 : j->rating);
            char *safe = cli_sanitize(j->feedback ? j->feedback : "",
                                      strlen(j->feedback ? j->feedback : ""), true);
            fputs(safe ? safe : "", stdout);
            fputc('\n', stdout);
            free(safe);
        }
    }
}

static const struct cli_parser parser = {
    .command = "bank preview",
    .synopsis = "recite bank preview BANK [FACT[/TEMPLATE]]... [--seed S] [--mode MODE]\n"
                "                    [--answer TEXT]... [--json]",
    .summary = "Shows every card of BANK (a stored bank's id, or a .bank file), or of\n"
               "the facts and cards named, as a student would see it, with the answers\n"
               "it accepts; each --answer is judged as a reply to every card shown, as\n"
               "review and quiz would judge it. Nothing is recorded.",
};

static int parse(struct preview_args *a, int argc, char **argv)
{
    const char *seed_text = "1";
    const struct cli_option options[] = {
        CLI_OPT_OPERAND_ROW("BANK", &a->bank, "which bank? name one"),
        CLI_OPT_OPERANDS_ROW("FACT[/TEMPLATE]", &a->selectors, NULL),
        CLI_OPT_STRING_ROW("seed", 0, &seed_text, "S",
                           "draw options and subjects with seed S (default 1)"),
        CLI_OPT_PARSE_ROW("mode", 0, &a->mode, cli_mode_option, "MODE",
                          "ask as auto, typed, choice or flash would",
                          "--mode wants auto, typed, choice or flash"),
        CLI_OPT_STRINGS_ROW("answer", 0, &a->answers, "TEXT",
                            "judge TEXT as a reply to each card (repeatable)"),
        CLI_OPT_SWITCH_ROW("json", 0, &a->json, "print a JSON array, one object per card"),
        CLI_OPT_END_ROW,
    };
    int status = cli_parse(&parser, options, argc, argv);
    if (status == CLI_CONTINUE && !cli_seed_parse(&a->seed, seed_text))
        status = cli_usage_error("bank preview", "--seed wants a non-negative integer");
    return status;
}

/* recite bank preview BANK [FACT[/TEMPLATE]]... [--seed S] [--mode MODE] [--answer TEXT]... [--json] */
int cmd_bank_preview(int argc, char **argv)
{
    struct preview_args a = {.mode = CLI_MODE_AUTO};
    int status = parse(&a, argc, argv);
    if (status != CLI_CONTINUE) {
        cli_strings_release(&a.answers);
        return status;
    }
    status = 0;
    struct recite_bank *bank = NULL;
    struct shown s = {0};
    if ((status = load_bank(&bank, a.bank)) != 0)
        goto out;
    int rc = collect(&s, bank, &a);
    if (rc == RECITE_ENOTFOUND) {
        status = CLI_EXIT_DATAERR;
        goto out;
    }
    if (rc < 0) {
        status = cli_report(&(struct recite_error){rc, "cannot build the cards"});
        goto out;
    }
    if ((status = judge_all(&s, bank, &a)) != 0)
        goto out;
    if (a.json) {
        char *json = NULL;
        struct recite_error err = {0};
        if (recite_preview_json(&json, s.items, s.count, &err) < 0) {
            status = cli_report(&err);
        } else {
            puts(json);
        }
        free(json);
    } else {
        print_text(&s, &a);
    }
out:
    for (size_t i = 0; s.judgements && i < s.count * a.answers.count; i++)
        recite_judgement_release(&s.judgements[i]);
    free(s.judgements);
    free(s.items);
    recite_cards_free(s.cards, s.count);
    recite_bank_free(bank);
    cli_strings_release(&a.answers);
    return status;
}
