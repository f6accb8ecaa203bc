/* commands.h: rapkit's commands beyond run, repl and describe (main.c).
 * Each takes the arguments after its name and returns an exit code
 * (rk_exit_code). */
#ifndef RK_COMMANDS_H
#define RK_COMMANDS_H

#include <stddef.h>
#include <stdio.h>

#include "rk_host.h"

int rk_cmd_check(int argc, char **argv);
int rk_cmd_pack(int argc, char **argv);
int rk_cmd_matrix(int argc, char **argv);

/* Shared by the commands' parsers (main.c). */

/* Prints "rapkit: <message>" and where to find help; returns the usage
 * exit code. */
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* If argv[*i] is the option `name`, as "--name VALUE" or "--name=VALUE",
 * stores VALUE, advances *i past it and returns 1; returns 0 if it is
 * another argument, -1 (after a usage message) if the value is missing. */
int option_value(int argc, char **argv, int *i, const char *name, const char **value);

/* Adds "--data NAME=PATH" to data[*ndata] (NAME malloc'd, PATH kept in
 * argv) and counts it; on a bad or repeated NAME prints a usage message
 * and returns -1. data must have room for one more. */
int add_data_option(const char *value, rk_data_file *data, size_t *ndata);

/* `rapkit help [TOPIC]` (help.c): the overview, or one topic. */
int rk_cmd_help(int argc, char **argv);

/* Prints a help topic (a command's name, or "charts", "exit-codes", ...)
 * on standard output and returns 0; an unknown one is a usage error that
 * lists the topics. */
int rk_help_topic(const char *name);

/* The overview: every command, the options and exit codes, the topics. */
void rk_help_overview(FILE *fp);

#endif
