/* rk_pack.h: `rapkit pack`: the board pack that a pack file describes.
 *
 * A pack file is Lua that returns one table, data only:
 *
 *     return {
 *       title = "Race Action Plan: board pack",      -- required; the others optional
 *       organisation = "...", period = "2024-25", date = "25 March 2025",
 *       note = "Illustrative data: ...",             -- a boxed note on the cover
 *       data = {events = "../data/events.csv"},      -- rapkit.data.NAME in every script
 *       scripts = {                                  -- run in this order
 *         "retention.lua",
 *         {placeholder = "Impact matrix", note = "what will fill it"},
 *       },
 *     }
 *
 * It runs with no libraries and no globals, under an instruction limit.
 * Paths in it are relative to its folder, and must lead (symbolic links
 * followed) into that folder for scripts and into the folder that holds it
 * for data: a pack file grants its scripts read access to what it lists. Each script then runs as
 * `rapkit run` runs it (rk_host_run: its own sandbox, --out the pack's
 * folder, the pack's data), and each rapkit.figure it makes becomes a page.
 * When every script has run, the pack writes into its folder the PDF (a
 * cover, then a page per figure), statements.md and manifest.json, each
 * atomically. A script that fails stops the pack with the script's own
 * error (its file and line) and exit code; then no PDF, statements or
 * manifest of the pack is left in the folder, not even an earlier one.
 */
#ifndef RK_PACK_H
#define RK_PACK_H

#include <stdbool.h>
#include <stddef.h>

#include "rk_error.h"
#include "rk_pack_doc.h"

#define RK_PACK_DEFAULT_OUT "out/board-pack"
#define RK_PACK_PDF "board-pack.pdf"
#define RK_PACK_STATEMENTS "statements.md"
#define RK_PACK_MANIFEST "manifest.json"

typedef struct rk_pack_options {
    const char *pack_path;   /* the pack file, as given */
    const char *out_dir;     /* NULL: RK_PACK_DEFAULT_OUT */
    bool quiet;              /* no progress on standard error, no summary on standard output */
    bool verbose;            /* passed to every script's run */
} rk_pack_options;

/* Makes the pack; returns an rk_exit_code (rk_host.h). */
int rk_pack_run(const rk_pack_options *opts);

/* ---- for the host and rapkit.figure, while a script of the pack runs ---- */

typedef struct rk_pack rk_pack;

/* The files the running script reads, the modules it requires and the
 * files it writes, for the manifest (paths as the host opens them). */
void rk_pack_note_input(rk_pack *pack, const char *path);
void rk_pack_note_module(rk_pack *pack, const char *path);
void rk_pack_note_output(rk_pack *pack, const char *path);

/* The output folder, as the scripts' --out. */
const char *rk_pack_out_dir(const rk_pack *pack);

/* RK_EARG unless no figure of the pack has this name yet. */
rk_status rk_pack_check_name(const rk_pack *pack, const char *name, rk_error *err);

/* Adds a figure of the running script: lays its page out (page->...) and
 * keeps what the manifest and statements.md say of it. `name` must be new
 * in the pack; `where` is "script.lua:12"; files are the figure's outputs,
 * relative to the output folder. RK_EARG when the name was used already
 * or the page cannot be laid out (rk_pack_doc_add). */
rk_status rk_pack_add_figure(rk_pack *pack, const rk_pack_figure *page, const char *name, const char *where,
                             const char *const *files, size_t nfiles, rk_error *err);

#endif
