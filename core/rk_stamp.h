/* rk_stamp.h: the reproducibility stamp written with every chart.
 *
 * A run keeps one rk_stamp_run: the rapkit version, when it ran, the script
 * and every module and input file it read, each with its SHA-256. A chart
 * adds its own part, rk_chart_stamp: its type, the rows it was given, the
 * values it drew and did not draw, and the rows used and excluded that the
 * script stated (withheld where they would disclose a small number). rk_chart_stamp_json writes the whole as JSON with its keys
 * in a fixed order (docs/reference.md, "Reproducibility stamp"), so the
 * same run gives the same text.
 *
 * Ownership: an rk_stamp_run owns the copies rk_stamp_run_add_* make; free
 * them with rk_stamp_run_free. An rk_chart_stamp owns nothing: its
 * pointers must outlive the save that reads it.
 */
#ifndef RK_STAMP_H
#define RK_STAMP_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "rk_error.h"
#include "rk_sha256.h"

#define RK_STAMP_TIME_SIZE 21 /* "2024-05-01T09:30:00Z" and a NUL */

/* A module the script loaded with require. */
typedef struct rk_stamp_module {
    char *name;                       /* as given to require */
    char *path;                       /* the file found */
    char sha256[RK_SHA256_HEX_SIZE];
} rk_stamp_module;

/* A data file the script read. */
typedef struct rk_stamp_input {
    char *path;                       /* as rapkit opened it */
    char sha256[RK_SHA256_HEX_SIZE];  /* of the bytes the reader read */
    const char *read_by;              /* "read_csv" or "load" (not copied: a static string) */
    char *kind;                       /* the kind given to load; NULL for read_csv */
    long long rows;                   /* data rows loaded from the file */
    long long rows_set_aside;         /* rows of the wrong width a lenient load left out */
    long long rows_unusable;          /* load: rows kept with a needed value empty or
                                         unreadable; -1 when not checked (read_csv) */
} rk_stamp_input;

typedef struct rk_stamp_run {
    const char *version;              /* static */
    char run_time[RK_STAMP_TIME_SIZE];
    char *script_path;
    char script_sha256[RK_SHA256_HEX_SIZE];
    rk_stamp_module *modules;
    size_t nmodules;
    rk_stamp_input *inputs;
    size_t ninputs;
} rk_stamp_run;

/* Copies the entry into the run, unless an identical one is there already
 * (a file read twice the same way is listed once). RK_ENOMEM on failure,
 * leaving the run as it was. */
rk_status rk_stamp_run_add_module(rk_stamp_run *run, const rk_stamp_module *module, rk_error *err);
rk_status rk_stamp_run_add_input(rk_stamp_run *run, const rk_stamp_input *input, rk_error *err);

/* Frees the copies and the script path; the run is empty afterwards. */
void rk_stamp_run_free(rk_stamp_run *run);

/* The run time as UTC ISO 8601 ("2024-05-01T09:30:00Z"): the value of
 * SOURCE_DATE_EPOCH when it is set and not empty (seconds since
 * 1970-01-01 UTC, digits only, up to the end of year 9999), else `now`.
 * RK_EARG, naming the variable and the value, when it is set but
 * malformed: the reproducible-builds convention is to fail, not to guess. */
rk_status rk_stamp_time(const char *source_date_epoch, time_t now, char out[RK_STAMP_TIME_SIZE],
                        rk_error *err);

/* Rows a script says it left out, for one reason. */
typedef struct rk_stamp_reason {
    const char *reason;
    long long rows;
} rk_stamp_reason;

typedef struct rk_chart_stamp {
    const rk_stamp_run *run;
    const char *chart;                /* the chart type: "bar", "line", ... */
    size_t data_rows;                 /* rows of the data given to the chart (spc: points) */
    size_t values;                    /* places for a value: bars, points, cells */
    size_t drawn;                     /* ... holding a value that is drawn */
    size_t missing;                   /* ... not drawn, marked [x] */
    size_t suppressed;                /* ... not drawn, withheld, marked [c] */
    long long used;                   /* rows the script says it used; -1: not stated */
    long long excluded;               /* rows it says it excluded; -1: not stated */
    const rk_stamp_reason *reasons;   /* excluded rows by reason, or NULL */
    size_t nreasons;
    long long min_count;              /* the run's small-number threshold; 0: none */
} rk_chart_stamp;

/* The stamp as JSON: pretty for NAME.json, compact for the metadata of an
 * SVG, PDF or PNG. Returns text the caller frees, or NULL if memory ran out.
 *
 * The counts the script states (used, excluded, each reason's rows) would
 * undo the chart's disclosure control, so they are written as the string
 * "withheld", with a note saying why, when the chart withholds any value
 * (suppressed > 0: a total less the values drawn gives what was withheld),
 * and otherwise each one from 1 to min_count - 1 (a small number), with
 * the total excluded when a reason's rows are withheld. */
char *rk_chart_stamp_json(const rk_chart_stamp *stamp, bool pretty);

#endif
