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
 * After either, nothing of the temporary remains on disk, whatever happened.
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

rk_status rk_outfile_open(rk_outfile *out, const char *path, rk_error *err);

/* Closes out->fp if still open; a caller that wrote temp_path itself may
 * fclose(out->fp) and set it NULL first. */
rk_status rk_outfile_commit(rk_outfile *out, rk_error *err);

void rk_outfile_abort(rk_outfile *out);

#endif
