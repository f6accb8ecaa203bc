/* rk_paths.h: path arithmetic for the sandbox, with no Lua in it.
 *
 * The host decides what a script may read and write with these functions;
 * keeping them free of Lua lets tests/unit/test_paths.c check them directly.
 *
 * Ownership: rk_path_join and rk_path_dirname return a new string from
 * malloc that the caller frees (NULL when memory ran out); the others write
 * into a buffer the caller gives and allocate nothing, so the Lua host can
 * call them with nothing to free when it raises an error. Paths are POSIX:
 * '/' separates components, and only a leading '/' makes one absolute.
 */
#ifndef RK_PATHS_H
#define RK_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/* Lexical normalisation of the `len` bytes at `path` into `out`, which must
 * have room for len + 2 bytes; returns the length written (out is
 * NUL-terminated). Repeated '/' collapse, "." components go, and "name/.."
 * pairs cancel. A relative path that climbs above its start keeps its
 * leading ".." components ("a/../../b" -> "../b"); an absolute one cannot
 * climb above "/" ("/../a" -> "/a"). A trailing '/' is dropped; the empty
 * path and "a/.." become ".". This ignores symbolic links: use it to reason
 * about a path, and realpath(3) to learn where it leads. Allocates nothing. */
size_t rk_path_normalize(const char *path, size_t len, char *out);

/* `rel` appended to `dir` with one '/' between; `rel` itself if it is
 * absolute or `dir` is "" or "."; `dir` if `rel` is "" or ".". No other
 * normalisation is done, so ".." keeps its meaning for the kernel. */
char *rk_path_join(const char *dir, const char *rel);

/* The folder part of a path, as dirname(1) prints it: "a/b.lua" -> "a",
 * "b.lua" -> ".", "/b.lua" -> "/", "a/b/" -> "a". */
char *rk_path_dirname(const char *path);

/* True when `path` is `dir` or lies below it. Both must be absolute and
 * normalised (as realpath(3) or rk_path_normalize return them); the test is
 * on whole components, so "/data2" is not within "/data". */
bool rk_path_is_within(const char *path, const char *dir);

/* Where `path` leads, written to `out` (PATH_MAX bytes): made absolute
 * against the current folder with every symbolic link resolved, also when
 * its last components do not exist yet (the longest prefix that exists goes
 * through realpath(3), and the rest is appended and normalised lexically:
 * a component that does not exist cannot be a link). Returns false and sets
 * errno when a prefix cannot be resolved for another reason than not
 * existing (EACCES, ELOOP, ENOTDIR...) or the result would not fit
 * (ENAMETOOLONG). Allocates nothing. */
bool rk_path_resolve(const char *path, char *out);

/* The folder `rel` relative to the folder of the running executable (as
 * /proc/self/exe names it, symbolic links resolved), normalised lexically:
 * with the binary at /opt/rapkit/bin/rapkit, "../share/rapkit/scripts"
 * gives "/opt/rapkit/share/rapkit/scripts". A new string from malloc, or
 * NULL when the executable cannot be found (no /proc) or memory ran out. */
char *rk_path_from_executable(const char *rel);

/* Creates the folder `path` and its missing parents, as mkdir -p does.
 * Returns 0, or -1 with errno set (ENOTDIR when it exists but is not a
 * folder). */
int rk_path_make_folders(const char *path);

/* `path` relative to the folder `dir`: "../data/x.csv" for
 * "/a/data/x.csv" from "/a/pack"; "." when they are the same. Both must be
 * absolute and normalised (as realpath(3) returns them). A new string the
 * caller frees; NULL when memory ran out. */
char *rk_path_relative(const char *path, const char *dir);

/* Why an output path was refused. */
typedef enum rk_outpath_status {
    RK_OUTPATH_OK = 0,
    RK_OUTPATH_EMPTY,      /* "" */
    RK_OUTPATH_NUL,        /* contains a NUL byte (a Lua string may) */
    RK_OUTPATH_ABSOLUTE,   /* starts with '/' */
    RK_OUTPATH_CLIMBS,     /* normalised, it starts with ".." */
    RK_OUTPATH_FOLDER      /* normalised, it is "." (the output folder itself) */
} rk_outpath_status;

/* Checks a path that a script gives for writing, relative to the output
 * folder: the `len` bytes of `rel` (a Lua string, so it may hold a NUL). On
 * RK_OUTPATH_OK, `out` (room for len + 2 bytes) receives the path normalised
 * lexically, still relative. Symbolic links inside the output folder are not
 * this function's business: the host checks them with realpath(3) as it
 * creates folders. Allocates nothing. */
rk_outpath_status rk_path_check_output(const char *rel, size_t len, char *out);

/* A short reason for a refusal, for "writing 'x' is not allowed: <reason>". */
const char *rk_outpath_reason(rk_outpath_status status);

#endif
