/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Command-line options as a table, in the spirit of libgit2's cli_opt: each
 * row declares an option or an operand, binds it to a variable and gives
 * its line of help. One parser (getopt_long underneath, so options and
 * operands mix and long names may be abbreviated) fills the variables,
 * answers -h/--help (every command has it) with the usage printed from the
 * table, and words every usage error the same way. A command with actions
 * (`recite bank import`) declares them in a table too, with the number of
 * operands each takes and whether it needs the database, and is dispatched
 * by the same code.
 */
#ifndef RECITE_CLI_OPT_H
#define RECITE_CLI_OPT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum cli_opt_type {
    CLI_OPT_END = 0,  /* the row that ends a table */
    CLI_OPT_SWITCH,   /* bool *: true when given */
    CLI_OPT_STRING,   /* const char **: the argument (the last one given wins) */
    CLI_OPT_STRINGS,  /* struct cli_strings *: every argument given, in order */
    CLI_OPT_SIZE,     /* size_t *: a whole number from min to max */
    CLI_OPT_INT,      /* int *: likewise */
    CLI_OPT_INT64,    /* int64_t *: likewise */
    CLI_OPT_PARSE,    /* parse(value, argument); no argument when arg is NULL */
    CLI_OPT_OPERAND,  /* const char **: the next operand; required when invalid says why */
    CLI_OPT_OPERANDS, /* struct cli_strings *: the operands left; at least one when invalid */
};

/* Strings gathered by the parser: operands point into argv; --answer-like options are owned. */
struct cli_strings {
    char **items;
    size_t count;
};

/* Frees what a CLI_OPT_STRINGS option gathered (not the strings). */
void cli_strings_release(struct cli_strings *list);

struct cli_option {
    enum cli_opt_type type;
    const char *name; /* long name without the dashes; an operand's placeholder */
    int key;          /* short letter, or 0 for a long option only */
    void *value;      /* the variable bound; its type is set by type */
    const char *arg;  /* the argument's placeholder in the help ("N"), NULL for none */
    const char *help; /* one line of help */
    /*
     * The usage error for a bad argument, where "%s" stands for it, or, for
     * an operand, the one for its absence (NULL: the operand is optional).
     */
    const char *invalid;
    long long min, max;                          /* numbers: the range accepted */
    bool (*parse)(void *value, const char *arg); /* CLI_OPT_PARSE: false when arg is bad */
};

/* The rows, without naming every field: a variable's type must match its row. */
#define CLI_OPT_SWITCH_ROW(long_, key_, var_, help_)                                               \
    {                                                                                              \
        .type = CLI_OPT_SWITCH, .name = (long_), .key = (key_), .value = (var_), .help = (help_)   \
    }
#define CLI_OPT_STRING_ROW(long_, key_, var_, arg_, help_)                                         \
    {                                                                                              \
        .type = CLI_OPT_STRING, .name = (long_), .key = (key_), .value = (var_), .arg = (arg_),    \
        .help = (help_)                                                                            \
    }
#define CLI_OPT_STRINGS_ROW(long_, key_, var_, arg_, help_)                                        \
    {                                                                                              \
        .type = CLI_OPT_STRINGS, .name = (long_), .key = (key_), .value = (var_), .arg = (arg_),   \
        .help = (help_)                                                                            \
    }
/* A whole number from min_ to max_ into a size_t, int or int64_t. */
#define CLI_OPT_NUMBER_ROW(long_, key_, var_, min_, max_, arg_, help_, invalid_)                          \
    {                                                                                                     \
        .type = _Generic((var_), size_t *: CLI_OPT_SIZE, int *: CLI_OPT_INT, int64_t *: CLI_OPT_INT64), \
     .name = (long_), .key = (key_), .value = (var_), .arg = (arg_), .help = (help_),             \
     .invalid = (invalid_), .min = (min_), .max = (max_) \
    }
#define CLI_OPT_PARSE_ROW(long_, key_, var_, parse_, arg_, help_, invalid_)                        \
    {                                                                                              \
        .type = CLI_OPT_PARSE, .name = (long_), .key = (key_), .value = (var_), .arg = (arg_),     \
        .help = (help_), .invalid = (invalid_), .parse = (parse_)                                  \
    }
#define CLI_OPT_OPERAND_ROW(name_, var_, missing_)                                                 \
    {                                                                                              \
        .type = CLI_OPT_OPERAND, .name = (name_), .value = (var_), .invalid = (missing_)           \
    }
#define CLI_OPT_OPERANDS_ROW(name_, var_, missing_)                                                \
    {                                                                                              \
        .type = CLI_OPT_OPERANDS, .name = (name_), .value = (var_), .invalid = (missing_)          \
    }
#define CLI_OPT_END_ROW                                                                            \
    {                                                                                              \
        .type = CLI_OPT_END                                                                        \
    }

struct recite_store;

/* What an action is run with. */
struct cli_call {
    void *ctx;               /* the command's, as given to cli_run() */
    struct recite_store *st; /* the database when the action's row asks for it, else NULL */
    int argc;                /* the operands after the action's name */
    char **argv;
};

/*
 * An action of a command (`recite bank import`), named by its first operand.
 * The number of operands after its name must lie in [min, max] (max -1:
 * any); usage is the error when it does not (NULL: "too many arguments").
 * With store, the database is opened (cli_open_store()) before run and
 * closed after. An action with options of its own sets own instead of run:
 * it is handed argv from its name on, before the command's options are
 * parsed.
 */
struct cli_action {
    const char *name;
    int (*run)(const struct cli_call *call);
    int min, max;
    const char *usage;
    bool store;
    int (*own)(int argc, char **argv);
};

/* A command's usage: a file's static description, its option table beside the variables. */
struct cli_parser {
    const char *command;              /* "bank", "bank preview": names it in errors */
    const char *synopsis;             /* lines separated by '\n', each without "usage: " */
    const char *summary;              /* a paragraph under the synopsis, or NULL */
    const struct cli_action *actions; /* NULL, or a table ending with a row whose name is NULL */
    const char *default_action;       /* run when no operand is given; NULL: one must be */
};

/* What cli_parse() returns when the command should go on. */
#define CLI_CONTINUE (-1)

/*
 * Parses argv (argv[0] is the command) against the table options (which
 * ends with CLI_OPT_END_ROW): fills the bound variables, then binds the
 * operands in order. Returns CLI_CONTINUE, or the exit status to return: 0
 * after printing the help for -h/--help, 64 after a usage error (printed,
 * with the hint to see --help).
 */
int cli_parse(const struct cli_parser *p, const struct cli_option *options, int argc, char **argv);

/*
 * For a command with actions: hands argv to an action with options of its
 * own, else parses the options as cli_parse() does and runs the action the
 * first operand names (or the default) with ctx. Returns the exit status.
 */
int cli_run(const struct cli_parser *p, const struct cli_option *options, void *ctx, int argc,
            char **argv);

/* Prints "usage: SYNOPSIS", the summary and every option of the table to out. */
void cli_print_usage(FILE *out, const struct cli_parser *p, const struct cli_option *options);

#endif
