/* rk_host.h: runs one analyst's Lua script in a sandbox, with limits.
 *
 * rk_host_run creates a fresh lua_State for the run, opens only the base,
 * table, string, math and utf8 libraries (no io, os, package, debug,
 * dofile, loadfile or string.dump; `load` takes text only), adds a
 * sandbox-safe `require` (see rk_host_options.script_path), builds the
 * `rapkit` table (rapkit.version, rapkit.data, rapkit.min_count, then
 * rk_api_open), locks
 * the globals so that reading an undefined one is an error, and runs the
 * script under a deadline and a Lua heap budget that pcall cannot swallow.
 * It prints what went wrong as "rapkit: path:line: message" on standard
 * error and returns one of the exit codes below. The script's print() goes
 * to standard output.
 *
 * The functions after rk_host_run are for the bindings (rk_api.c). They
 * take the lua_State the binding was called with. In a lua_State that
 * rk_host_run did not create (a unit test of the bindings, say) they still
 * work, without a sandbox: paths pass through unchanged and memory is not
 * counted.
 */
#ifndef RK_HOST_H
#define RK_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <lua.h>

#include "rk_csv.h"
#include "rk_error.h"
#include "rk_stamp.h"

struct rk_pack;

/* Exit codes of the rapkit command, listed in `rapkit --help`. */
typedef enum rk_exit_code {
    RK_EXIT_OK = 0,
    RK_EXIT_FAILURE = 1,   /* anything else: a file could not be read or written */
    RK_EXIT_USAGE = 2,     /* the command line is wrong */
    RK_EXIT_SCRIPT = 3,    /* the script has a syntax or run-time error */
    RK_EXIT_DATA = 4,      /* an input file is malformed */
    RK_EXIT_LIMIT = 5      /* the time or memory limit was exceeded */
} rk_exit_code;

#define RK_HOST_DEFAULT_MEMORY_MIB 2048
#define RK_HOST_DEFAULT_OUT "out"
#define RK_HOST_DEFAULT_MIN_COUNT 10

/* require(name) looks for NAME.lua (dots become '/') in these folders, in
 * order: the script's folder; each folder of the RAPKIT_PATH environment
 * variable (colon-separated, relative to the current folder); the metric
 * library. That is RK_LIBRARY_FROM_BINARY (share/rapkit/scripts of the
 * install, as a path relative to the folder of the running binary, found
 * through /proc/self/exe) when that folder exists, so an installed tree
 * works wherever it is put; otherwise, for a build that is not installed,
 * RK_SCRIPTS_DIR (the source tree's scripts/). Both are compiled in.
 * Modules are code, not data: they are read from these folders only,
 * whatever the data-read rules say. */

typedef struct rk_data_file {
    const char *name;   /* rapkit.data.<name>; letters, digits and '_'. NULL: the
                           script may read the file but rapkit.data does not list it
                           (a second scheme file given to `rapkit matrix`) */
    const char *path;   /* as given on the command line, relative to the current folder */
} rk_data_file;

typedef struct rk_host_options {
    const char *script_path;     /* as given: it is the chunk name errors show. NULL
                                    for a session (rk_host_open) with no script: the
                                    current folder then stands for the script's */
    const rk_data_file *data;    /* the --data files (may be NULL when ndata is 0) */
    size_t ndata;
    const char *out_dir;         /* NULL means RK_HOST_DEFAULT_OUT; created with its parents */
    double timeout_seconds;      /* 0: no time limit */
    size_t memory_mib;           /* Lua heap budget; 0 means RK_HOST_DEFAULT_MEMORY_MIB */
    long long min_count;         /* rapkit.min_count; 0 means RK_HOST_DEFAULT_MIN_COUNT */
    bool verbose;                /* tracebacks with errors; peak memory at the end */
    /* NULL: run the script. Otherwise a module name: the script runs, then
     * require(entry).main(value, args) is called with the script's first
     * return value and a table of entry_args (name = text value); errors in
     * either end the run as a script's do. `rapkit matrix` runs a scheme
     * file this way. */
    const char *entry;
    const rk_data_file *entry_args;
    size_t nentry_args;
    bool allow_gnuplot;          /* rapkit.gnuplot may run: the run is then not sandboxed */

    bool quiet;                  /* no progress display (there is none unless stderr is a terminal) */
    struct rk_pack *pack;        /* the board pack this run is part of (rk_pack.h), or NULL */
} rk_host_options;

/* Runs the script; returns an rk_exit_code. Everything it allocates is
 * freed before it returns. Standard output is flushed, and a failure to
 * write it is reported (exit code 1). With a timeout it owns SIGALRM and
 * ITIMER_REAL while it runs, and may end the process (exit code 5) if the
 * script is stuck where the deadline cannot interrupt it. */
int rk_host_run(const rk_host_options *opts);

/* ---- sessions: several calls in one sandbox (rapkit repl) ---------------- */

typedef struct rk_host rk_host;

/* Builds the sandbox of rk_host_run (same libraries, rapkit table, path
 * rules and Lua heap budget) and runs nothing. On failure prints why, sets
 * *code to the exit code and returns NULL. Free it with rk_host_close. */
rk_host *rk_host_open(const rk_host_options *opts, int *code);

/* The session's lua_State, for pushing a function to rk_host_call. Do not
 * call anything that may raise a Lua error on it outside rk_host_call. */
lua_State *rk_host_lua(rk_host *h);

/* stack: f, args... (nargs of them) -> (empty). Calls f as rk_host_run runs
 * a script: under the run's message handler, with a deadline of the
 * --timeout from now and the heap budget of the whole session. An error is
 * printed as a run prints it ("rapkit: stdin:1: ..."), and its exit code
 * returned (0 when f returned). A limit hit ends only this call: the next
 * one starts with no limit hit, after a full garbage collection. */
int rk_host_call(rk_host *h, int nargs);

/* Closes the Lua state (finalizers run), reports as rk_host_run does at the
 * end (standard output failures; --verbose time and peak memory) and frees
 * h. Returns 0, or 1 if standard output could not be written. */
int rk_host_close(rk_host *h);

/* ---- for the bindings --------------------------------------------------- */

/* What kind of failure an error raised by a binding reports, which decides
 * the exit code if the script does not catch it. */
typedef enum rk_error_kind {
    RK_ERROR_SCRIPT,   /* the script asked for something wrong: exit 3 */
    RK_ERROR_DATA,     /* an input file is malformed: exit 4 */
    RK_ERROR_IO        /* a file could not be read or written, or memory ran out: exit 1 */
} rk_error_kind;

/* Raises a Lua error with a printf-style message, prefixed with the
 * position of the innermost Lua code running ("script.lua:12: "), so the
 * error blames the script's line even when the binding was called from C.
 * Records the kind against the message: if that same message ends the run
 * (also after the script caught it with pcall and raised it again), the
 * exit code follows the kind; any other error that ends the run is a
 * script error. Never returns; written `return rk_lua_raise(...)`. Make
 * sure no malloc'd memory is pending when you call it. */
int rk_lua_raise(lua_State *L, rk_error_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Raises err's message with the kind its status implies: RK_EDATA is a data
 * error, RK_EIO and RK_ENOMEM are I/O errors, RK_EARG a script error. */
int rk_lua_raise_error(lua_State *L, const rk_error *err);

/* stack: [-0, +0] The string at `arg`, a path the script wants to read,
 * resolved for opening: absolute paths stay, relative ones are relative to
 * the script's folder, and the exact string of a --data path (what
 * rapkit.data.NAME holds) stays as given, relative to the current folder.
 * The path to open replaces the string at `arg` (so the stack keeps its
 * layout) and is returned; it is valid while that slot holds it. Raises
 * "reading 'x' is not allowed: ..." unless the path, with symbolic links
 * and ".." resolved, lies under the script's folder or is one of the --data
 * files. Does not check that the file exists. */
const char *rk_host_input_path(lua_State *L, int arg);

/* stack: [-0, +0] The string at `arg`, a path the script wants to write,
 * relative to the output folder (--out). Refuses, raising "writing 'x' is
 * not allowed: ...", an empty or absolute path, one that climbs out of the
 * output folder, and one that leads out through a symbolic link. Creates
 * the missing folders between the output folder and the file. The full
 * path to write (the output folder joined with the normalised path, e.g.
 * "out/charts/bar.png") replaces the string at `arg` and is returned. */
const char *rk_host_output_path(lua_State *L, int arg);

/* Finds the innermost function at `level` or outer that runs Lua code with
 * a known current line; fills ar ("Sl"). */
bool rk_host_find_lua_frame(lua_State *L, int level, lua_Debug *ar);

/* The chunk name as messages show it: the script path in full (Lua's
 * short_src cuts long paths to "...tail"), else Lua's short form. */
const char *rk_host_frame_source(const lua_Debug *ar);

/* Prints "rapkit: warning: <message>" on standard error. */
void rk_host_warn(lua_State *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* rk_host_warn with the script's position first: "rapkit: warning:
 * script.lua:3: <message>". stack: unchanged */
void rk_host_warn_here(lua_State *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- the reproducibility stamp (rk_stamp.h) ------------------------------ */

/* What the run records for the charts' stamps: the version, the run time
 * (UTC, or SOURCE_DATE_EPOCH when set: a malformed value stops the run
 * before it starts, exit code 2), the script's path and SHA-256 (taken when
 * the run starts; none for a script that is not a regular file), every
 * module require loaded (hashed as it is loaded) and every input recorded
 * below. NULL in a lua_State that rk_host_run did not create. */
const rk_stamp_run *rk_host_stamp_run(lua_State *L);

/* Records a data file a binding read, with its path lexically normalised;
 * an identical record is kept once. The input is copied. Raises only if
 * memory runs out. */
void rk_host_record_input(lua_State *L, const rk_stamp_input *input);

/* ---- outputs of the run --------------------------------------------------- */

/* What one write puts under the output folder: the path the script gave
 * and the files written beside it (a chart's companions), all relative to
 * --out as the script gives them. Writes with the same owner may replace
 * each other's files (a chart saved as .png and then .svg rewrites its
 * companions; the plain writes, write_csv, write and write_text, may
 * rewrite their files); any other replacement within the run is an error,
 * unless the caller skips the check (write_text's `replace`). */
typedef struct rk_output_set {
    const char *what;            /* who writes, for messages: "write_csv", "chart.bar" */
    lua_Integer owner;           /* 0 for plain writes (write_csv, write_text); else an id per
                                    object (a chart) */
    const char *main;
    const char *const *extra;
    size_t nextra;
    const char *remedy;          /* the refusal's advice; NULL: "rename one of them" */
} rk_output_set;

/* Before writing: raises "<what>: saving 'a.png' writes 'a.csv' beside it,
 * which would replace the file write_csv wrote at script.lua:3: rename one
 * of them" (or set->remedy) when a file of the set was written earlier in
 * the run by another owner. Paths the output rules refuse are skipped: rk_host_output_path
 * raises for them. stack: unchanged */
void rk_host_check_outputs(lua_State *L, const rk_output_set *set);

/* After writing: records the set's files as written by its owner, at the
 * script's current line. stack: unchanged */
void rk_host_record_outputs(lua_State *L, const rk_output_set *set);

/* ---- CSV files and spreadsheets (rk_csv_formula.h) ------------------------ */

struct rk_csv_formula;

/* Warns, with the script's position, that the CSV file at `path` (as
 * written: "out/rates.csv") holds f's formula-like cell; nothing when f
 * holds none, and once per file in the run. stack: unchanged */
void rk_host_warn_formula(lua_State *L, const char *path, const struct rk_csv_formula *f);

/* The same for a CSV file written by code that cannot note its cells (a
 * chart's NAME.csv): reads it back and scans it. A file that cannot be
 * read is passed over. stack: unchanged */
void rk_host_warn_formula_file(lua_State *L, const char *path);

/* stack: [-0, +1] Pushes the text of the file a running chunk came from,
 * given the chunk's source ("@path", as lua_getinfo reports it), and
 * returns it, when that file is the script or a module that require
 * loaded; otherwise pushes nil and returns NULL. A chunk made by load()
 * can name itself anything, so no other file is read. */
const char *rk_host_push_chunk_text(lua_State *L, const char *source);

/* stack: [-0, +1] Reads the rest of fp, up to max bytes, and pushes it as
 * a string; fp stays open. Returns 0, or an errno value (EFBIG past max)
 * after pushing nil instead. */
int rk_host_push_file(lua_State *L, FILE *fp, size_t max);
/* The small-number threshold: rapkit.min_count as the script has it now
 * when that is a whole number from 1, else --min-count (0 outside a run).
 * Reads raw: no script code runs. */
long long rk_host_min_count(lua_State *L);

/* Whether the run was started with --allow-gnuplot (false outside a run). */
bool rk_host_gnuplot_allowed(lua_State *L);

/* Seconds left before the run's time limit; HUGE_VAL when it has none. */
double rk_host_seconds_left(lua_State *L);

/* The output folder (--out) as given, or NULL outside a run. */
const char *rk_host_out_dir(lua_State *L);

/* The progress display for a load starting now: the callback and context
 * to put in rk_csv_options or rk_kind_options (*fn is NULL when progress is
 * not shown: --quiet, or standard error is not a terminal). */
void rk_host_load_progress(lua_State *L, rk_csv_progress_fn **fn, void **ctx);

/* The board pack the run is part of, or NULL for `rapkit run`. */
struct rk_pack *rk_host_pack(lua_State *L);

/* Whether f is one of the host's C functions that only run Lua code for
 * the script (pcall, xpcall, require) and so hold no C object a script
 * could free under them: a dataset's __close looks for other C functions
 * on the call stack (rk_lua_dataset.c). */
bool rk_host_runs_only_lua(lua_CFunction f);

/* Counts dataset memory, which lives outside the Lua heap and its budget:
 * call with +bytes when a dataset is attached to a userdata and -bytes when
 * it is freed. --verbose reports the peak. */
void rk_host_dataset_bytes(lua_State *L, long long delta);

#endif
