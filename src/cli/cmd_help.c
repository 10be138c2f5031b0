/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * recite help [COMMAND]: the main help, or one command's usage.
 */
#include <string.h>

#include "cmd.h"
#include "cmds.h"

/* recite help [COMMAND] */
int cmd_help(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        cli_print_main_help(stdout);
        return CLI_EXIT_OK;
    }
    const struct cli_command *cmd = cli_command_find(argv[1]);
    if (!cmd)
        return cli_usage_error("help", "'%s' is not a recite command", argv[1]);
    static char help_flag[] = "--help";
    char *args[] = {argv[1], help_flag, NULL};
    return cmd->fn(2, args);
}
