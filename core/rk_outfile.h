/* rk_outfile.h: write a file so that it either appears whole or not at all.
 *
 * rk_outfile_open creates a temporary file beside the destination (same
 * folder, so the final rename cannot cross file systems). Write through
 * out->fp, or write to out->temp_path with another library (cairo), then
 * call exactly one of:
 *   rk_outfile_commit: flushes, checks every write succeeded (a full disk
 *                      included), and renames the temporary over the
 *                      destination;
 *   rk_outfile_abort:  closes and removes the temporary.
 * After either, nothing of the temporary remains on disk, whatever happened;
 * if the process is ended first, rk_outfile_unlink_all removes it.
 */
#ifndef RK_OUTFILE_H
#define RK_OUTFILE_H

#include <stdio.h>

#include "rk_error.h"

typedef struct rk_outfile {
    FILE *fp;          /* open for writing on temp_path; NULL once closed */
    char *final_path;  /* owned */
    char *temp_path;   /* owned */
} rk_outfile;

/* The temporary is opened close-on-exec, so a program rapkit runs does not
 * inherit it. */
rk_status rk_outfile_open(rk_outfile *out, const char *path, rk_error *err);

/* Closes out->fp if still open; a caller that wrote temp_path itself may
 * fclose(out->fp) and set it NULL first. */
rk_status rk_outfile_commit(rk_outfile *out, rk_error *err);

void rk_outfile_abort(rk_outfile *out);

/* Removes (unlinks) the temporary of every rk_outfile open now, and does
 * nothing else: for a signal handler that is about to end the process with
 * _exit, where commit and abort cannot run. Async-signal-safe. Up to 64
 * open at once are known (rapkit writes one file at a time). */
void rk_outfile_unlink_all(void);

#endif
