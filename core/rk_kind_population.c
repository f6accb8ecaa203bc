/* The population kind: Census counts per ethnic group and area, read from
 * the layouts analysts download, into one long table:
 *   area, area_code, census_year, ethnic_group, population
 * with one row per area and group (Asian, Black, Mixed, White, Other).
 *
 * Layouts read (recognised by their headers):
 * - nomis bulk download of Census 2021 table TS021 (GEOGRAPHY_NAME,
 *   C2021_ETH_20_NAME, OBS_VALUE...): detailed categories summed to groups;
 * - Census 2011 by police force area (PFA16NM, "Ethnic Group: White;
 *   measures: Value"...): the group totals;
 * - police-defined groups by force (Police force, White, Black (or Black
 *   British), Asian (or Asian British), Chinese, Mixed, Other): Chinese is
 *   added to Asian, as the 2011 Census classifies it;
 * - Census 2021 by local authority (LAD, LAD_code, Asian, Black, Mixed,
 *   Other, White), whose Black includes Mixed White and Black: loaded with a
 *   note that it is not the Home Office denominator;
 * - rapkit's own long layout (area, area_code, census_year, ethnic_group,
 *   population), as in the file rapkit ships for West Midlands. */
#include <stdlib.h>
#include <string.h>

#include "rk_kind_internal.h"

static const rk_kind_column population_columns[] = {
    COL("area", "Area", RK_TEXT, true, NULL, NULL),
    COL("area_code", "Area code", RK_TEXT, false, NULL, NULL),
    COL("census_year", "Census year", RK_INTEGER, false, NULL, NULL),
    COL("ethnic_group", "Ethnic group", RK_TEXT, true, LIST("Asian", "Black", "Mixed", "White", "Other"), NULL),
    COL("population", "Population", RK_INTEGER, true, NULL, NULL),
};

/* The output being built. */
typedef struct long_table {
    rk_column *area, *code, *year, *group, *count;
} long_table;

static void long_free(long_table *t)
{
    rk_column_free(t->area);
    rk_column_free(t->code);
    rk_column_free(t->year);
    rk_column_free(t->group);
    rk_column_free(t->count);
}

static int long_init(long_table *t)
{
    t->area = rk_column_new("area", RK_TEXT, 64);
    t->code = rk_column_new("area_code", RK_TEXT, 64);
    t->year = rk_column_new("census_year", RK_INTEGER, 64);
    t->group = rk_column_new("ethnic_group", RK_TEXT, 64);
    t->count = rk_column_new("population", RK_INTEGER, 64);
    if (t->area && t->code && t->year && t->group && t->count)
        return 0;
    long_free(t);
    return -1;
}

static rk_value text_value(const char *s)
{
    rk_value v = {.type = RK_TEXT, .missing = s == NULL || !*s};
    if (!v.missing)
        v.as.text.s = s, v.as.text.len = strlen(s);
    return v;
}

static rk_status long_add(long_table *t, const char *area, const char *code, int year, const char *group,
                          int64_t count, rk_error *err)
{
    rk_value a = text_value(area), c = text_value(code), g = text_value(group);
    rk_value y = {.type = RK_INTEGER, .missing = year == 0, .as.integer = year};
    rk_value n = {.type = RK_INTEGER, .as.integer = count};
    rk_status st = rk_column_append(t->area, &a, err);
    if (st == RK_OK) st = rk_column_append(t->code, &c, err);
    if (st == RK_OK) st = rk_column_append(t->year, &y, err);
    if (st == RK_OK) st = rk_column_append(t->group, &g, err);
    if (st == RK_OK) st = rk_column_append(t->count, &n, err);
    return st;
}

static rk_dataset *long_finish(long_table *t, rk_error *err)
{
    rk_dataset *ds = rk_dataset_new();
    if (!ds) {
        long_free(t);
        rk_error_nomem(err);
        return NULL;
    }
    rk_column *cols[] = {t->area, t->code, t->year, t->group, t->count};
    const char *labels[] = {"Area", "Area code", "Census year", "Ethnic group", "Population"};
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < 5; i++) {
        if (rk_kind_add(ds, cols[i], labels[i], err) != RK_OK) {
            for (size_t j = i + 1; j < 5; j++)
                rk_column_free(cols[j]);
            rk_dataset_free(ds);
            return NULL;
        }
    }
    return ds;
}

/* The text of a cell ("" when missing). */
static const char *cell(const rk_dataset *raw, int col, size_t row)
{
    const rk_column *c = raw->cols[col];
    return rk_column_is_missing(c, row) ? "" : rk_dict_str(&c->dict, c->v.codes[row]);
}

/* A count cell: an integer, else a problem at its line and false. */
static bool count_cell(rk_kind_ctx *ctx, const rk_dataset *raw, int col, size_t row, int64_t *out,
                       rk_status *st, rk_error *err)
{
    const char *s = cell(raw, col, row);
    if (rk_parse_integer(s, strlen(s), out) && *out >= 0)
        return true;
    if (!ctx->opts->keep_going) {
        *st = rk_error_set(err, RK_EDATA, "%s:%zu: %s: '%s' is not a count of people", ctx->path,
                           rk_csv_row_line(ctx->csv, row), rk_column_label(raw->cols[col]), s);
    } else {
        *st = rk_kind_problem(ctx, raw->cols[col]->name, 1, row, err, "'%s' is not a count of people", s);
    }
    return false;
}

static int find_col(const rk_dataset *raw, const char *header)
{
    return rk_dataset_find(raw, header);
}

static int group_index(const char *group)
{
    for (int i = 0; rk_ethnic_groups[i]; i++)
        if (strcmp(rk_ethnic_groups[i], group) == 0)
            return i;
    return -1;
}

/* nomis TS021: one row per area and detailed category; sum to groups. */
static rk_dataset *from_nomis(rk_kind_ctx *ctx, const rk_dataset *raw, rk_error *err)
{
    int name = find_col(raw, "GEOGRAPHY_NAME"), code = find_col(raw, "GEOGRAPHY_CODE");
    int cat = find_col(raw, "C2021_ETH_20_NAME"), value = find_col(raw, "OBS_VALUE"), date = find_col(raw, "DATE");
    long_table t;
    if (long_init(&t) != 0) {
        rk_error_nomem(err);
        return NULL;
    }
    /* Rows of one area are consecutive in a nomis download; sum as we go. */
    int64_t sums[5] = {0};
    size_t broad_rows = 0, detail_rows = 0;
    const char *area = NULL, *area_code = NULL;
    int year = 2021;
    rk_status st = RK_OK;
    for (size_t row = 0; row <= raw->nrow && st == RK_OK; row++) {
        const char *this_area = row < raw->nrow ? cell(raw, name, row) : NULL;
        if (area && (!this_area || strcmp(this_area, area) != 0)) {
            for (int g = 0; g < 5 && st == RK_OK; g++)
                st = long_add(&t, area, area_code, year, rk_ethnic_groups[g], sums[g], err);
            memset(sums, 0, sizeof sums);
        }
        if (!this_area || st != RK_OK)
            break;
        area = this_area;
        area_code = code >= 0 ? cell(raw, code, row) : NULL;
        if (date >= 0)
            year = atoi(cell(raw, date, row));
        const char *label = cell(raw, cat, row);
        if (strncmp(label, "Total", 5) == 0)
            continue;
        const char *group, *detail;
        size_t detail_len;
        int64_t n;
        if (!rk_ethnicity_map(label, strlen(label), &group, &detail, &detail_len) || group_index(group) > 4) {
            st = rk_kind_problem(ctx, "C2021_ETH_20_NAME", 1, row, err, "unknown ethnic group '%s' (not counted)",
                                 label);
            continue;
        }
        if (!detail) {
            /* A broad group's own total row ("Asian, Asian British or Asian
             * Welsh"): its detailed rows are summed instead, so skip it. */
            broad_rows++;
            continue;
        }
        detail_rows++;
        if (count_cell(ctx, raw, value, row, &n, &st, err))
            sums[group_index(group)] += n;
    }
    if (st == RK_OK && broad_rows && !detail_rows)
        st = rk_error_set(err, RK_EDATA,
                          "%s: the download has only broad ethnic group totals; download table TS021 with its "
                          "detailed categories (rapkit sums them to the five groups)", ctx->path);
    if (st != RK_OK) {
        long_free(&t);
        return NULL;
    }
    return long_finish(&t, err);
}

/* Wide layouts: one row per area, one column per group. cols[g] lists the
 * columns summed into group g (-1 ends a list). */
static rk_dataset *from_wide(rk_kind_ctx *ctx, const rk_dataset *raw, int name, int code, int year,
                             const int cols[5][3], rk_error *err)
{
    long_table t;
    if (long_init(&t) != 0) {
        rk_error_nomem(err);
        return NULL;
    }
    rk_status st = RK_OK;
    for (size_t row = 0; row < raw->nrow && st == RK_OK; row++) {
        for (int g = 0; g < 5 && st == RK_OK; g++) {
            int64_t total = 0, n;
            bool ok = true;
            for (int k = 0; k < 3 && cols[g][k] >= 0; k++)
                if (count_cell(ctx, raw, cols[g][k], row, &n, &st, err))
                    total += n;
                else
                    ok = false;
            if (st == RK_OK && ok)
                st = long_add(&t, cell(raw, name, row), code >= 0 ? cell(raw, code, row) : NULL, year,
                              rk_ethnic_groups[g], total, err);
        }
    }
    if (st != RK_OK) {
        long_free(&t);
        return NULL;
    }
    return long_finish(&t, err);
}

static rk_dataset *population_transform(rk_kind_ctx *ctx, rk_dataset *raw, rk_error *err)
{
    if (find_col(raw, "C2021_ETH_20_NAME") >= 0 && find_col(raw, "OBS_VALUE") >= 0 &&
        find_col(raw, "GEOGRAPHY_NAME") >= 0)
        return from_nomis(ctx, raw, err);

    if (find_col(raw, "PFA16NM") >= 0) {
        static const char *const headers[5] = {
            "Ethnic Group: Asian; measures: Value", "Ethnic Group: Black; measures: Value",
            "Ethnic Group: Mixed; measures: Value", "Ethnic Group: White; measures: Value",
            "Ethnic Group: Other; measures: Value",
        };
        int cols[5][3];
        for (int g = 0; g < 5; g++) {
            cols[g][0] = find_col(raw, headers[g]);
            cols[g][1] = -1;
            if (cols[g][0] < 0) {
                rk_error_set(err, RK_EDATA, "%s:1: a Census 2011 force-area table needs a column '%s'", ctx->path,
                             headers[g]);
                return NULL;
            }
        }
        return from_wide(ctx, raw, find_col(raw, "PFA16NM"), -1, 2011, (const int(*)[3])cols, err);
    }

    if (find_col(raw, "Police force") >= 0) {
        int asian = find_col(raw, "Asian (or Asian British)"), chinese = find_col(raw, "Chinese");
        int cols[5][3] = {{asian, chinese, -1}, {find_col(raw, "Black (or Black British)"), -1, -1},
                          {find_col(raw, "Mixed"), -1, -1}, {find_col(raw, "White"), -1, -1},
                          {find_col(raw, "Other"), -1, -1}};
        for (int g = 0; g < 5; g++)
            for (int k = 0; k < 2; k++)
                if (cols[g][k] < 0 && !(k == 1 && g != 0)) {
                    rk_error_set(err, RK_EDATA,
                                 "%s:1: a police-defined population table needs the columns White, Black (or Black "
                                 "British), Asian (or Asian British), Chinese, Mixed and Other", ctx->path);
                    return NULL;
                }
        rk_kind_note(ctx->report, "%s: Chinese is counted within Asian, as in the 2011 Census groups", ctx->path);
        return from_wide(ctx, raw, find_col(raw, "Police force"), -1, 2011, (const int(*)[3])cols, err);
    }

    if (find_col(raw, "LAD") >= 0 && find_col(raw, "LAD_code") >= 0) {
        int cols[5][3] = {{find_col(raw, "Asian"), -1, -1}, {find_col(raw, "Black"), -1, -1},
                          {find_col(raw, "Mixed"), -1, -1}, {find_col(raw, "White"), -1, -1},
                          {find_col(raw, "Other"), -1, -1}};
        for (int g = 0; g < 5; g++)
            if (cols[g][0] < 0) {
                rk_error_set(err, RK_EDATA, "%s:1: a local authority table needs the columns Asian, Black, Mixed, "
                             "Other and White", ctx->path);
                return NULL;
            }
        rk_kind_note(ctx->report,
                     "%s: this table counts the Mixed White and Black groups within Black, so it is not the Home "
                     "Office denominator; use Census table TS021 (nomis) for rates comparable with Home Office "
                     "figures", ctx->path);
        return from_wide(ctx, raw, find_col(raw, "LAD"), find_col(raw, "LAD_code"), 2021,
                         (const int(*)[3])cols, err);
    }

    /* rapkit's own long layout: match it like any other kind. */
    char snake[64];
    size_t matched = 0;
    for (size_t c = 0; c < raw->ncol; c++) {
        rk_snake_case(raw->cols[c]->name, snake, sizeof snake);
        for (size_t k = 0; k < sizeof population_columns / sizeof population_columns[0]; k++) {
            if (strcmp(snake, population_columns[k].name) == 0) {
                char *copy = strdup(snake);
                if (!copy) {
                    rk_error_nomem(err);
                    return NULL;
                }
                free(raw->cols[c]->label);
                raw->cols[c]->label = raw->cols[c]->name;
                raw->cols[c]->name = copy;
                matched += population_columns[k].required;
            }
        }
    }
    if (matched < 3) {
        rk_error_set(err, RK_EDATA,
                     "%s:1: not a population layout rapkit knows: give area, ethnic_group and population columns "
                     "(or a nomis TS021 download, or a Census force-area table); see docs/kinds.md", ctx->path);
        return NULL;
    }
    /* The caller owns raw; hand back a copy. */
    size_t *all = malloc(raw->ncol * sizeof *all);
    if (!all) {
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t c = 0; c < raw->ncol; c++)
        all[c] = c;
    rk_dataset *copy = rk_dataset_select(raw, all, raw->ncol, err);
    free(all);
    return copy;
}

const rk_kind rk_kind_population = {
    "population", population_columns, sizeof population_columns / sizeof population_columns[0],
    NULL, population_transform, NULL, NULL,
};
