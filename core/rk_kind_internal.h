/* rk_kind_internal.h: how kinds are defined (rk_kinds.c) and loaded
 * (rk_kind.c). Not part of the public API. */
#ifndef RK_KIND_INTERNAL_H
#define RK_KIND_INTERNAL_H

#include "rk_kind.h"

typedef struct rk_kind_column {
    const char *name;             /* snake_case name in the dataset */
    const char *header;           /* the header as files usually write it */
    rk_type type;
    bool required;
    const char *const *allowed;   /* NULL-terminated vocabulary; NULL = any value */
    const char *const *aliases;   /* other headers accepted; NULL-terminated or NULL */
    bool thousands;               /* numbers may have thousands separators: " 1,976 " */
    bool needs_value;             /* an empty cell is reported (the column is always filled) */
} rk_kind_column;

/* Writing kinds' column tables. */
#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
/* One column of a kind: name, header, type, required, allowed values,
 * other headers. */
#define COL(name_, header_, type_, required_, allowed_, aliases_) \
    {.name = name_, .header = header_, .type = type_, .required = required_, .allowed = allowed_, \
     .aliases = aliases_}
/* The same for numbers written with thousands separators (" 1,976 "). */
#define COL_THOUSANDS(name_, header_, type_, required_, allowed_, aliases_) \
    {.name = name_, .header = header_, .type = type_, .required = required_, .allowed = allowed_, \
     .aliases = aliases_, .thousands = true}

/* The same for a column whose every cell must hold a value. */
#define COL_FILLED(name_, header_, type_, required_, allowed_, aliases_) \
    {.name = name_, .header = header_, .type = type_, .required = required_, .allowed = allowed_, \
     .aliases = aliases_, .needs_value = true}

/* What a kind's hooks get while one file loads. */
typedef struct rk_kind_ctx {
    const rk_kind *kind;
    const rk_kind_options *opts;
    rk_kind_report *report;
    const char *path;             /* the file being loaded */
    const rk_csv_report *csv;     /* its rows' line numbers */
    uint8_t *unusable;            /* per row of the file: a needed value is empty or bad */
} rk_kind_ctx;

struct rk_kind {
    const char *name;
    const rk_kind_column *columns;
    size_t ncolumns;
    const char *const *missing;   /* cell values meaning missing in every column */
    /* Optional: turns a file of another layout into the kind's columns
     * (population files come in several). Takes raw (text columns, named
     * as in the file) and returns the dataset to check, or NULL with err. */
    rk_dataset *(*transform)(rk_kind_ctx *ctx, rk_dataset *raw, rk_error *err);
    /* Optional: adds derived columns to ds (typed, named). */
    rk_status (*derive)(rk_kind_ctx *ctx, rk_dataset *ds, rk_error *err);
    /* The derived columns and the column each is made from, NULL-ended,
     * so that loading chosen columns reads what they need. */
    const struct rk_derived { const char *name, *source; } *derived;
};

/* Records a problem (merged with an earlier identical one): `count` rows,
 * first at data row `row` of the current file (SIZE_MAX: no row). */
rk_status rk_kind_problem(rk_kind_ctx *ctx, const char *column, size_t count, size_t row,
                          rk_error *err, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

rk_status rk_kind_note(rk_kind_report *report, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A text column `name` made from the distinct values of text column `src`
 * by map(value, len, ctx) -> the new value (NULL: missing); *known is set
 * false for values map did not recognise, whose rows are then counted and
 * reported against src with message "unknown value '...'" (`what` names the
 * vocabulary in the message). */
typedef const char *(*rk_value_map)(const char *value, size_t len, bool *known, void *ctx);
rk_column *rk_kind_map_text(rk_kind_ctx *ctx, const rk_column *src, const char *name, rk_value_map map,
                            void *map_ctx, const char *what, rk_error *err);

/* month, quarter and financial_year from a date, datetime or month column
 * (each skipped if the file has its own). */
rk_status rk_kind_add_periods(rk_dataset *ds, const char *source, rk_error *err);

/* ethnic_group (and with_detail: ethnicity_detail) from a column of
 * ethnicity labels in any classification (rk_ethnicity_map); unknown labels
 * are reported against src and kept in ethnicity_detail. */
rk_status rk_kind_add_ethnic_group(rk_kind_ctx *ctx, rk_dataset *ds, const char *src, bool with_detail,
                                   rk_error *err);

/* A boolean column from a text column by a test on each value; missing
 * stays missing. NULL if memory ran out. */
rk_column *rk_kind_boolean_of(const rk_column *src, const char *name, bool (*test)(const char *));

/* Adds col to ds, taking it (also on failure). */
rk_status rk_kind_add(rk_dataset *ds, rk_column *col, const char *label, rk_error *err);

extern const rk_kind *const rk_all_kinds[];
extern const rk_kind rk_kind_population;
extern const rk_kind rk_kind_workforce_events;
extern const rk_kind rk_kind_s136;
extern const rk_kind rk_kind_survey_actions;
extern const rk_kind rk_kind_activities;

#endif
