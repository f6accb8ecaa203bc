/* rk_kind.h: dataset kinds: the files analysts work with, known by schema.
 *
 * A kind names the columns a file of that kind has (matched to its headers
 * whatever their case, spacing and punctuation), their types, their allowed
 * values and markers of missing, and the columns derived from them (for
 * stop and search: `ethnic_group` from the self-defined ethnicity in either
 * classification, `outcome` and `nfa` from either Outcome vocabulary,
 * `person_search`, `month`, `quarter`, `financial_year`). Columns get
 * snake_case names; each keeps the file's header as its label.
 *
 * Loading never drops or silently changes a value: a value outside a
 * column's vocabulary is kept as written and reported as a problem, with
 * how many rows have it and the first file and line.
 */
#ifndef RK_KIND_H
#define RK_KIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "rk_csv.h"
#include "rk_dataset.h"

typedef struct rk_kind rk_kind;

/* The kind with this name, or NULL. */
const rk_kind *rk_kind_find(const char *name);

/* The kinds' names, in a fixed order, NULL-terminated. */
const char *const *rk_kind_names(void);

const char *rk_kind_name(const rk_kind *kind);

/* One problem, with how often it occurs and where it first does. */
typedef struct rk_problem {
    char *column;      /* snake_case column name; NULL for a whole-file problem */
    char *message;     /* e.g. "unknown value 'Arrested'" */
    size_t count;      /* rows affected */
    char *file;        /* where it first occurs */
    size_t line;       /* 0 when not about one line */
} rk_problem;

/* One file of a load, as read. */
typedef struct rk_kind_file {
    char *path;              /* as given to rk_kind_load */
    char sha256[RK_SHA256_HEX_SIZE]; /* of the bytes read */
    size_t rows;             /* data rows the CSV reader loaded from it */
    size_t rows_set_aside;   /* lenient: rows of the wrong width left out */
    size_t rows_unusable;    /* loaded, but a needed value is empty or does not parse */
    bool unusable_counted;   /* false for a kind reshaped on load (population): its rows
                                are not the file's, and none is counted unusable */
} rk_kind_file;

typedef struct rk_kind_report {
    size_t rows_read;        /* data rows loaded from all files */
    size_t rows_set_aside;   /* lenient loads: rows of the wrong width, not loaded */
    size_t rows_unusable;    /* loaded, but a required or needed value is empty or does not parse */
    size_t blank_lines;
    rk_problem *problems;    /* in the order first met */
    size_t nproblems;
    char **notes;            /* things to know about the data loaded (owned) */
    size_t nnotes;
    char **warnings;         /* from the CSV reader: "path:line: ..." (owned) */
    size_t nwarnings;
    rk_kind_file *files;     /* each file loaded, in order, once the load succeeded */
    size_t nfiles;
} rk_kind_report;

void rk_kind_report_free(rk_kind_report *report);

typedef struct rk_kind_options {
    /* false: a value that does not parse as its column's type (a bad date)
     * fails the load with "path:line: ..."; true: the cell becomes missing
     * and the value is reported as a problem (what `rapkit check` does). */
    bool keep_going;
    bool lenient;     /* rows of the wrong width are set aside and reported */
    /* Load only these columns (snake_case names, derived ones included, in
     * this order; the files' columns they derive from are read too). NULL
     * loads every column. */
    const char *const *columns;
    size_t ncolumns;
    rk_csv_progress_fn *progress; /* as rk_csv_options: reports per file; may be NULL */
    void *progress_ctx;
} rk_kind_options;

/* Loads one or more files of the kind as one dataset. With several files
 * their headers must agree, and a `source_file` column (the file's base
 * name) is added. report may be NULL. */
rk_dataset *rk_kind_load(const rk_kind *kind, const char *const *paths, size_t npaths,
                         const rk_kind_options *opts, rk_kind_report *report, rk_error *err);

/* Data rapkit ships, loadable by name as a path: the CSV text for a name
 * such as "builtin:census-2011-west-midlands" (population: Census 2011
 * counts for the West Midlands police force area), or NULL. */
const char *rk_builtin_data(const char *name);

/* Writes the validation report of `rapkit check` for these files to out:
 * rows read and usable, every problem as "path:line: column: message" with
 * its count, the share of missing values per column, and for stop_search
 * the months each force's files cover (and the months missing between the
 * first and last) and the share of times at exactly midnight. Sets *usable
 * to whether the files load as the kind with at least one row whose
 * required values are all readable (rows usable). Returns an error only when the
 * report cannot be made (out of memory). */
rk_status rk_check_report(FILE *out, const rk_kind *kind, const char *const *paths, size_t npaths,
                          bool *usable, rk_error *err);

/* snake_case of a header: lower case, runs of anything but letters and
 * digits become one '_', none at either end ("Officer-defined ethnicity" ->
 * "officer_defined_ethnicity", "Total (FTE)" -> "total_fte"). Writes at
 * most size bytes including the NUL. */
void rk_snake_case(const char *header, char *out, size_t size);

/* The five ethnic groups of the ONS and Race Disparity Unit style, then
 * "Not stated", in their fixed display order; NULL-terminated. */
extern const char *const rk_ethnic_groups[];

/* Maps one self-defined ethnicity label, in the 2011 Census labels
 * ("Black/African/Caribbean/Black British - Caribbean"), the 2001 labels
 * with codes ("Black or Black British - Caribbean (B1)") or a broad group
 * ("Black"), to its group (one of rk_ethnic_groups) and its detail
 * ("Caribbean"; NULL when there is none). Returns false for an unknown
 * label. `detail` points into a static or into `buf` (RK_VALUE_BUF*2). */
bool rk_ethnicity_map(const char *label, size_t len, const char **group, const char **detail,
                      size_t *detail_len);

#endif
