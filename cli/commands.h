/* commands.h: rapkit's commands beyond run, repl and describe (main.c).
 * Each takes the arguments after its name and returns an exit code
 * (rk_exit_code). */
#ifndef RK_COMMANDS_H
#define RK_COMMANDS_H

#include <stdio.h>

int rk_cmd_check(int argc, char **argv);

/* `rapkit help [TOPIC]` (help.c): the overview, or one topic. */
int rk_cmd_help(int argc, char **argv);

/* Prints a help topic (a command's name, or "charts", "exit-codes", ...)
 * on standard output and returns 0; an unknown one is a usage error that
 * lists the topics. */
int rk_help_topic(const char *name);

/* The overview: every command, the options and exit codes, the topics. */
void rk_help_overview(FILE *fp);

#endif
