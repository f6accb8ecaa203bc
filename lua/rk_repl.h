/* rk_repl.h: `rapkit repl`, an interactive prompt in the sandbox of
 * `rapkit run` (rk_host.h: same libraries, rapkit table, limits and path
 * rules, with the current folder standing for the script's folder).
 *
 * Each input is tried first as an expression ("return " + input), whose
 * values are printed (a Dataset as its aligned table, on lines of its own),
 * then as statements. Input that stops short ("... near <eof>") is
 * continued on the next line. Errors are printed as `rapkit run` prints
 * them ("rapkit: stdin:1: ...") and the session goes on; each input has a
 * time limit of its own (--timeout), the Lua heap budget is the session's.
 * `local` variables last one input, as in the Lua interpreter; globals
 * last the session.
 */
#ifndef RK_REPL_H
#define RK_REPL_H

#include <stdbool.h>
#include <stdio.h>

#include "rk_host.h"

/* Reads Lua from `in` a line at a time until end of input (Ctrl-D), with
 * prompts on standard output and a greeting on standard error when
 * `interactive`. opts->script_path must be NULL. Returns the exit code:
 * 0 at the end of input whatever errors were printed along the way; the
 * sandbox's own failures (an unreadable --data file, standard output that
 * cannot be written) as rk_host_run returns them. */
int rk_repl_run(const rk_host_options *opts, FILE *in, bool interactive);

#endif
