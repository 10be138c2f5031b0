/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The option tables of opt.h: getopt_long's arrays built from a table, the
 * values bound, operands and actions, and the help printed from the table.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

/* getopt_long's val for --help, which every table has without a row. */
#define HELP_VAL 255

/* getopt_long's inputs: a long option's val is 256 + its row, a short one's is its letter. */
struct getopt_tables {
    struct option *longs; /* one per row, --help and the end */
    char *shorts;         /* ':' first, up to two per row, 'h' and the end */
};

static bool is_operand(const struct cli_option *o)
{
    return o->type == CLI_OPT_OPERAND || o->type == CLI_OPT_OPERANDS;
}

static bool takes_argument(const struct cli_option *o)
{
    return o->type != CLI_OPT_SWITCH && !(o->type == CLI_OPT_PARSE && !o->arg);
}

static bool has_short(const struct cli_option *o)
{
    return o->key > 0 && o->key < 128 && isalnum(o->key);
}

/* Builds g from table; false when out of memory. Free with tables_release(). */
static bool tables_init(struct getopt_tables *g, const struct cli_option *table)
{
    size_t rows = 0, n = 0, s = 0;
    while (table[rows].type != CLI_OPT_END)
        rows++;
    g->longs = calloc(rows + 2, sizeof(*g->longs));
    g->shorts = malloc(2 * rows + 3);
    if (!g->longs || !g->shorts)
        return false;
    /* ':' first: getopt prints nothing, we do. No '+': options may follow operands. */
    g->shorts[s++] = ':';
    for (int row = 0; table[row].type != CLI_OPT_END; row++) {
        const struct cli_option *o = &table[row];
        if (is_operand(o))
            continue;
        int has_arg = takes_argument(o) ? required_argument : no_argument;
        g->longs[n++] = (struct option){o->name, has_arg, NULL, 256 + row};
        if (has_short(o)) {
            g->shorts[s++] = (char)o->key;
            if (has_arg == required_argument)
                g->shorts[s++] = ':';
        }
    }
    g->longs[n++] = (struct option){"help", no_argument, NULL, HELP_VAL};
    g->longs[n] = (struct option){0};
    g->shorts[s++] = 'h';
    g->shorts[s] = '\0';
    return true;
}

static void tables_release(struct getopt_tables *g)
{
    free(g->longs);
    free(g->shorts);
}

static const struct cli_option *find_row(const struct cli_option *table, int c)
{
    for (int row = 0; table[row].type != CLI_OPT_END; row++) {
        const struct cli_option *o = &table[row];
        if (!is_operand(o) && (c == 256 + row || (has_short(o) && c == o->key)))
            return o;
    }
    return NULL;
}

/* Prints o's usage error: its message with "%s" standing for the argument. */
static int invalid_argument(const char *command, const struct cli_option *o, const char *arg)
{
    if (!o->invalid)
        return cli_usage_error(command, "--%s does not take '%s'", o->name, arg);
    const char *hole = strstr(o->invalid, "%s");
    if (!hole)
        return cli_usage_error(command, "%s", o->invalid);
    return cli_usage_error(command, "%.*s%s%s", (int)(hole - o->invalid), o->invalid, arg,
                           hole + 2);
}

/* A whole number from min to max; false on junk. */
static bool parse_number(long long *out, const char *text, long long min, long long max)
{
    char *end;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static bool append(struct cli_strings *list, char *item)
{
    char **grown = realloc(list->items, (list->count + 1) * sizeof(*grown));
    if (!grown)
        return false;
    list->items = grown;
    list->items[list->count++] = item;
    return true;
}

void cli_strings_release(struct cli_strings *list)
{
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

/* Stores arg into o's variable; 0, or the exit status of a usage error. */
static int bind_value(const char *command, const struct cli_option *o, char *arg)
{
    long long n = 0;
    switch (o->type) {
    case CLI_OPT_SWITCH:
        *(bool *)o->value = true;
        return 0;
    case CLI_OPT_STRING:
        *(const char **)o->value = arg;
        return 0;
    case CLI_OPT_STRINGS:
        if (!append(o->value, arg)) {
            cli_error("out of memory");
            return CLI_EXIT_SOFTWARE;
        }
        return 0;
    case CLI_OPT_SIZE:
    case CLI_OPT_INT:
    case CLI_OPT_INT64:
        if (!parse_number(&n, arg, o->min, o->max))
            return invalid_argument(command, o, arg);
        if (o->type == CLI_OPT_SIZE)
            *(size_t *)o->value = (size_t)n;
        else if (o->type == CLI_OPT_INT)
            *(int *)o->value = (int)n;
        else
            *(int64_t *)o->value = (int64_t)n;
        return 0;
    case CLI_OPT_PARSE:
        return o->parse(o->value, arg) ? 0 : invalid_argument(command, o, arg);
    default:
        return 0;
    }
}

/*
 * Parses the options of argv; *first is then the index of the first operand
 * (getopt_long moves them all to the end). CLI_CONTINUE or an exit status.
 */
static int parse_options(const struct cli_parser *p, const struct cli_option *options, int argc,
                         char **argv, int *first)
{
    struct getopt_tables g;
    int status = CLI_CONTINUE;
    if (!tables_init(&g, options)) {
        cli_error("out of memory");
        status = CLI_EXIT_SOFTWARE;
    }
    optind = 0;
    for (int c;
         status == CLI_CONTINUE && (c = getopt_long(argc, argv, g.shorts, g.longs, NULL)) != -1;) {
        const struct cli_option *o = c == '?' || c == ':' ? NULL : find_row(options, c);
        if (c == HELP_VAL || c == 'h') {
            cli_print_usage(stdout, p, options);
            status = CLI_EXIT_OK;
        } else if (!o) {
            status =
                cli_usage_error(p->command, "unknown or incomplete option '%s'", argv[optind - 1]);
        } else if ((status = bind_value(p->command, o, optarg)) == 0) {
            status = CLI_CONTINUE;
        }
    }
    tables_release(&g);
    *first = optind;
    return status;
}

/* Binds operands to the table's operand rows, in order. */
static int bind_operands(const struct cli_parser *p, const struct cli_option *options, int argc,
                         char **argv)
{
    int i = 0;
    for (const struct cli_option *o = options; o->type != CLI_OPT_END; o++) {
        if (o->type == CLI_OPT_OPERAND && i < argc) {
            *(const char **)o->value = argv[i++];
        } else if (o->type == CLI_OPT_OPERANDS) {
            struct cli_strings *list = o->value;
            list->items = argv + i;
            list->count = (size_t)(argc - i);
            i = argc;
            if (list->count == 0 && o->invalid)
                return cli_usage_error(p->command, "%s", o->invalid);
        } else if (o->type == CLI_OPT_OPERAND && o->invalid) {
            return cli_usage_error(p->command, "%s", o->invalid);
        }
    }
    return i < argc ? cli_usage_error(p->command, "too many arguments") : CLI_CONTINUE;
}

int cli_parse(const struct cli_parser *p, const struct cli_option *options, int argc, char **argv)
{
    int first = 0;
    int status = parse_options(p, options, argc, argv, &first);
    if (status == CLI_CONTINUE)
        status = bind_operands(p, options, argc - first, argv + first);
    return status;
}

static const struct cli_action *find_action(const struct cli_action *actions, const char *name)
{
    for (const struct cli_action *a = actions; a->name; a++)
        if (strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

/* "a, b or c": the actions' names, for usage errors. */
static void action_names(char *out, size_t size, const struct cli_action *actions)
{
    size_t used = 0;
    out[0] = '\0';
    for (const struct cli_action *a = actions; a->name && used < size; a++) {
        const char *sep = a == actions ? "" : a[1].name ? ", " : " or ";
        int n = snprintf(out + used, size - used, "%s%s", sep, a->name);
        used += n > 0 ? (size_t)n : 0;
    }
}

int cli_run(const struct cli_parser *p, const struct cli_option *options, void *ctx, int argc,
            char **argv)
{
    const struct cli_action *action = argc > 1 ? find_action(p->actions, argv[1]) : NULL;
    if (action && action->own)
        return action->own(argc - 1, argv + 1);
    int first = 0;
    int status = parse_options(p, options, argc, argv, &first);
    if (status != CLI_CONTINUE)
        return status;
    char names[256];
    action_names(names, sizeof(names), p->actions);
    const char *name = first < argc ? argv[first++] : p->default_action;
    if (!name)
        return cli_usage_error(p->command, "missing action (%s)", names);
    if (!(action = find_action(p->actions, name)))
        return cli_usage_error(p->command, "unknown action '%s' (%s)", name, names);
    if (action->own)
        return cli_usage_error(p->command, "'%s' takes its options after its name", name);
    struct cli_call call = {ctx, NULL, argc - first, argv + first};
    if (call.argc < action->min || (action->max >= 0 && call.argc > action->max))
        return cli_usage_error(p->command, "%s",
                               action->usage ? action->usage : "too many arguments");
    if (action->store && (status = cli_open_store(&call.st)) != 0)
        return status;
    status = action->run(&call);
    recite_store_close(call.st);
    return status;
}

void cli_print_usage(FILE *out, const struct cli_parser *p, const struct cli_option *options)
{
    const char *line = p->synopsis;
    const char *prefix = "usage: ";
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        fprintf(out, "%s%.*s\n", prefix, (int)n, line);
        prefix = "   or: ";
        line += n + (end != NULL);
    }
    if (p->summary)
        fprintf(out, "\n%s\n", p->summary);
    fputs("\noptions:\n", out);
    for (const struct cli_option *o = options; o->type != CLI_OPT_END; o++) {
        if (is_operand(o))
            continue;
        char left[64];
        int shown = has_short(o) ? snprintf(left, sizeof(left), "-%c, --%s", o->key, o->name)
                                 : snprintf(left, sizeof(left), "    --%s", o->name);
        if (o->arg && shown > 0 && (size_t)shown < sizeof(left))
            snprintf(left + shown, sizeof(left) - (size_t)shown, " %s", o->arg);
        fprintf(out, "  %-26s %s\n", left, o->help);
    }
    fprintf(out, "  %-26s %s\n", "-h, --help", "show this help");
}
