/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite help [COMMAND]: the main help, or one command's usage.
 */
#include <string.h>

#include "cmd.h"
#include "cmds.h"

static const struct cli_parser parser = {
    .command = "help",
    .synopsis = "recite help [COMMAND]",
    .summary = "Shows what recite does and lists its commands, or shows the usage and\n"
               "options of COMMAND (as 'recite COMMAND --help' does).",
};

/* recite help [COMMAND] */
int cmd_help(int argc, char **argv)
{
    const char *name = NULL;
    const struct cli_option options[] = {
        CLI_OPT_OPERAND_ROW("COMMAND", &name, NULL),
        CLI_OPT_END_ROW,
    };
    int status = cli_parse(&parser, options, argc, argv);
    if (status != CLI_CONTINUE)
        return status;
    if (!name) {
        cli_print_main_help(stdout);
        return CLI_EXIT_OK;
    }
    const struct cli_command *cmd = cli_command_find(name);
    if (!cmd)
        return cli_usage_error("help", "'%s' is not a recite command", name);
    /* argv[0] is only ever named in getopt's messages, which are off. */
    static char command[] = "recite", help_flag[] = "--help";
    char *args[] = {command, help_flag, NULL};
    return cmd->fn(2, args);
}
