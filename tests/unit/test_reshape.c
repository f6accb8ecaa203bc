/* Reshaping (distinct, bind, pivot, share, lag, rolling) and text tables. */
#include <stdlib.h>

#include "rk_reshape.h"
#include "rk_table.h"
#include "rk_test.h"
#include "rk_test_data.h"

static char *table(const rk_dataset *ds, size_t rows, size_t width)
{
    rk_table_options opts = {rows, width};
    return rk_table_format(ds, &opts, NULL);
}

#define CHECK_TABLE(ds, rows, width, want)   \
    do {                                     \
        char *got_ = table(ds, rows, width); \
        CHECK_STR(got_, want);               \
        free(got_);                          \
    } while (0)

/* A text column from strings; NULL is missing. */
static rk_column *text_column(const char *name, const char *const *cells, size_t n)
{
    rk_column *col = rk_column_new(name, RK_TEXT, n);
    rk_error err;
    for (size_t i = 0; i < n; i++) {
        rk_value v = {.type = RK_TEXT, .missing = cells[i] == NULL};
        if (cells[i])
            v.as.text.s = cells[i], v.as.text.len = strlen(cells[i]);
        rk_column_append(col, &v, &err);
    }
    return col;
}

static const char *groups_csv =
    "area,month,n\n"
    "North,2024-05,3\n"
    "South,2024-04,1\n"
    ",2024-04,7\n"
    "North,2024-04,2\n"
    "South,,4\n"
    "North,2024-05,3\n";

static void test_distinct(void)
{
    rk_dataset *ds = load(groups_csv);
    if (!ds)
        return;
    char *before = to_csv(ds);
    rk_error err;

    rk_dataset *d = rk_dataset_distinct(ds, (size_t[]){0}, 1, &err);
    CHECK_CSV(d, "area\nNorth\nSouth\n\n"); /* sorted, missing last */
    rk_dataset_free(d);

    d = rk_dataset_distinct(ds, (size_t[]){1, 0}, 2, &err);
    CHECK_CSV(d, "month,area\n2024-04,North\n2024-04,South\n2024-04,\n2024-05,North\n,South\n");
    rk_dataset_free(d);

    /* No columns: whole rows; the repeated North,2024-05,3 appears once. */
    d = rk_dataset_distinct(ds, NULL, 0, &err);
    CHECK_CSV(d, "area,month,n\nNorth,2024-04,2\nNorth,2024-05,3\nSouth,2024-04,1\nSouth,,4\n,2024-04,7\n");
    rk_dataset_free(d);

    /* Integers sort by value, not as text. */
    d = rk_dataset_distinct(ds, (size_t[]){2}, 1, &err);
    CHECK(d && d->cols[0]->type == RK_INTEGER);
    CHECK_CSV(d, "n\n1\n2\n3\n4\n7\n");
    rk_dataset_free(d);

    CHECK(rk_dataset_distinct(ds, (size_t[]){0, 0}, 2, &err) == NULL);
    CHECK_STR(err.message, "distinct: column 'area' is named twice");

    char *after = to_csv(ds);
    CHECK_STR(after, before); /* the input is unchanged */
    free(before);
    free(after);
    rk_dataset_free(ds);

    /* An empty dataset has no combinations; an all-missing column has one. */
    rk_dataset *empty = load("a,b\n");
    d = empty ? rk_dataset_distinct(empty, (size_t[]){1}, 1, &err) : NULL;
    CHECK(d && d->nrow == 0 && d->ncol == 1);
    CHECK_CSV(d, "b\n");
    rk_dataset_free(d);
    rk_dataset_free(empty);

    rk_dataset *blank = load("a,b\n,1\n,2\n,1\n");
    d = blank ? rk_dataset_distinct(blank, (size_t[]){0}, 1, &err) : NULL;
    CHECK_CSV(d, "a\n\n");
    CHECK(d && d->nrow == 1);
    rk_dataset_free(d);
    d = blank ? rk_dataset_distinct(blank, NULL, 0, &err) : NULL;
    CHECK_CSV(d, "a,b\n,1\n,2\n");
    rk_dataset_free(d);
    rk_dataset_free(blank);

    /* One instant written with two offsets is two values, which sort at
     * that instant in order of first appearance, as count's stable sort
     * leaves them. */
    rk_dataset *times = load("t\n2024-01-01T10:00:00+01:00\n2024-01-01T08:00:00Z\n"
                             "2024-01-01T09:00:00Z\n2024-01-01T10:00:00+01:00\n");
    d = times ? rk_dataset_distinct(times, (size_t[]){0}, 1, &err) : NULL;
    CHECK_CSV(d, "t\n2024-01-01T08:00:00Z\n2024-01-01T10:00:00+01:00\n2024-01-01T09:00:00Z\n");
    rk_dataset_free(d);
    rk_dataset_free(times);

    /* -0 and 0 are one value. */
    rk_dataset *zeros = load("x\n0.0\n-0.0\n1.5\n");
    d = zeros ? rk_dataset_distinct(zeros, (size_t[]){0}, 1, &err) : NULL;
    CHECK_CSV(d, "x\n0.0\n1.5\n");
    rk_dataset_free(d);
    rk_dataset_free(zeros);
}

/* 2026-11-24: distinct and pivot gathered their key columns without the
 * label (the file's header) that count, select and filter keep, so a chart
 * of their result titled its axis with the snake_case name. */
static void test_labels_kept(void)
{
    rk_dataset *ds = load("area,month,n\nNorth,2024-04,1\nSouth,2024-04,2\n");
    if (!ds || rk_column_set_label(ds->cols[0], "Police force area") != 0)
        return;
    rk_error err;
    rk_dataset *d = rk_dataset_distinct(ds, (size_t[]){0}, 1, &err);
    CHECK_STR(d ? rk_column_label(d->cols[0]) : NULL, "Police force area");
    rk_dataset_free(d);
    rk_dataset *wide = rk_dataset_pivot(ds, 0, 1, 2, &err);
    CHECK_STR(wide ? rk_column_label(wide->cols[0]) : NULL, "Police force area");
    CHECK(wide && wide->cols[1]->label == NULL); /* named by a value of month */
    rk_dataset_free(wide);
    rk_dataset_free(ds);
}

static void test_bind(void)
{
    rk_dataset *a = load("area,n,rate\nNorth,1,0.5\nSouth,2,\n");
    rk_dataset *b = load("area,n,rate\nEast,3,1\n,,2\nNorth,5,3\n");
    if (!a || !b)
        return;
    rk_error err;
    rk_dataset *c = rk_dataset_take(a, NULL, 0, &err); /* no rows, a's types */
    const rk_dataset *parts[] = {a, b, c};
    rk_dataset *all = rk_dataset_bind(parts, 3, &err);
    CHECK_CSV(all, "area,n,rate\nNorth,1,0.5\nSouth,2,\nEast,3,1.0\n,,2.0\nNorth,5,3.0\n");
    /* One dictionary: North once; codes remapped from b's dictionary. */
    CHECK(all && all->cols[0]->dict.count == 3);
    CHECK(all && all->cols[0]->v.codes[0] == all->cols[0]->v.codes[4]);
    CHECK(all && all->cols[1]->type == RK_INTEGER);
    /* rate is number in a, integer in b (1, 2, 3): widened to number */
    CHECK(all && all->cols[2]->type == RK_NUMBER);
    rk_dataset_free(all);

    /* Integer first, then number: still a number column. */
    rk_dataset *ba = rk_dataset_bind((const rk_dataset *[]){b, a}, 2, &err);
    CHECK(ba && ba->cols[2]->type == RK_NUMBER);
    CHECK_CSV(ba, "area,n,rate\nEast,3,1.0\n,,2.0\nNorth,5,3.0\nNorth,1,0.5\nSouth,2,\n");
    rk_dataset_free(ba);

    rk_dataset *one = rk_dataset_bind((const rk_dataset *[]){a}, 1, &err);
    CHECK_CSV(one, "area,n,rate\nNorth,1,0.5\nSouth,2,\n");
    rk_dataset_free(one);

    rk_dataset *empty = rk_dataset_bind((const rk_dataset *[]){c, c}, 2, &err);
    CHECK(empty && empty->nrow == 0 && empty->ncol == 3);
    rk_dataset_free(empty);

    CHECK(rk_dataset_bind(parts, 0, &err) == NULL);
    CHECK_STR(err.message, "bind: no datasets to stack");

    rk_dataset *fewer = load("area,n\nWest,1\n");
    rk_dataset *renamed = load("area,count,rate\nWest,1,2\n");
    rk_dataset *text_n = load("area,n,rate\nWest,many,2\n");
    if (fewer && renamed && text_n) {
        CHECK(rk_dataset_bind((const rk_dataset *[]){a, fewer}, 2, &err) == NULL);
        CHECK_STR(err.message, "bind: dataset 2 has 2 columns but dataset 1 has 3: the datasets "
                               "need the same columns in the same order");
        CHECK(rk_dataset_bind((const rk_dataset *[]){a, b, renamed}, 3, &err) == NULL);
        CHECK_STR(err.message, "bind: column 2 of dataset 3 is 'count' but of dataset 1 'n': the "
                               "datasets need the same columns in the same order (use select or rename)");
        CHECK(rk_dataset_bind((const rk_dataset *[]){a, text_n}, 2, &err) == NULL);
        CHECK_STR(err.message, "bind: column 'n' is text in dataset 2 but integer in dataset 1");
    }
    rk_dataset_free(fewer);
    rk_dataset_free(renamed);
    rk_dataset_free(text_n);

    /* Dates and booleans keep their type; missing flags come from either part. */
    rk_dataset *d1 = load("day,flag\n2024-04-01,true\n");
    rk_dataset *d2 = load("day,flag\n,false\n2024-04-03,\n");
    rk_dataset *days = d1 && d2 ? rk_dataset_bind((const rk_dataset *[]){d1, d2}, 2, &err) : NULL;
    CHECK(days && days->cols[0]->type == RK_DATE && days->cols[1]->type == RK_BOOLEAN);
    CHECK_CSV(days, "day,flag\n2024-04-01,true\n,false\n2024-04-03,\n");
    rk_dataset_free(days);
    rk_dataset_free(d1);
    rk_dataset_free(d2);

    rk_dataset_free(a);
    rk_dataset_free(b);
    rk_dataset_free(c);
}

static void test_pivot(void)
{
    rk_dataset *ds = load("area,month,n,note\n"
                          "South,2024-05,4,x\n"
                          "North,2024-04,1,y\n"
                          ",2024-04,9,z\n"
                          "North,,2,w\n"
                          "North,2024-05,3,\n");
    if (!ds)
        return;
    rk_error err;
    rk_dataset *wide = rk_dataset_pivot(ds, 0, 1, 2, &err);
    CHECK_CSV(wide, "area,2024-04,2024-05,(missing)\nNorth,1,3,2\nSouth,,4,\n,9,,\n");
    CHECK(wide && wide->cols[1]->type == RK_INTEGER);
    rk_dataset_free(wide);

    /* Text values keep their type; an empty value column makes empty cells. */
    wide = rk_dataset_pivot(ds, 1, 0, 3, &err);
    CHECK_CSV(wide, "month,North,South,(missing)\n2024-04,y,,z\n2024-05,,x,\n,w,,\n");
    CHECK(wide && wide->cols[1]->type == RK_TEXT);
    CHECK(wide && wide->cols[1]->dict.count == 2); /* y and w only: each column its own strings */
    rk_dataset_free(wide);

    CHECK(rk_dataset_pivot(ds, 0, 0, 2, &err) == NULL);
    CHECK_STR(err.message, "pivot: the row, column and value columns must be three different columns");
    rk_dataset_free(ds);

    rk_dataset *dup = load("area,month,n\nNorth,2024-04,1\nSouth,2024-04,2\nNorth,2024-04,3\n");
    CHECK(dup && rk_dataset_pivot(dup, 0, 1, 2, &err) == NULL);
    CHECK_STR(err.message, "pivot: more than one row has area 'North' and month '2024-04': use count "
                           "or group_by(...):agg first, so that each pair has one row");
    rk_dataset_free(dup);

    rk_dataset *dup_missing = load("area,month,n\n,,1\n,,2\n");
    CHECK(dup_missing && rk_dataset_pivot(dup_missing, 0, 1, 2, &err) == NULL);
    CHECK_STR(err.message, "pivot: more than one row has area '(missing)' and month '(missing)': use "
                           "count or group_by(...):agg first, so that each pair has one row");
    rk_dataset_free(dup_missing);

    /* A value named like the row column would make two columns of one name. */
    rk_dataset *clash = load("area,kind,n\nNorth,area,1\n");
    CHECK(clash && rk_dataset_pivot(clash, 0, 1, 2, &err) == NULL);
    CHECK_STR(err.message, "pivot: two columns would be named 'area' (a value of 'kind'): rename a "
                           "column or recode the value first");
    rk_dataset_free(clash);

    /* Numbers name columns as they print; an empty dataset gives the row column only. */
    rk_dataset *years = load("area,year,n\nA,2024,1.5\nA,2023,2\n");
    wide = years ? rk_dataset_pivot(years, 0, 1, 2, &err) : NULL;
    CHECK_CSV(wide, "area,2023,2024\nA,2.0,1.5\n");
    rk_dataset_free(wide);
    rk_dataset_free(years);
    rk_dataset *empty = load("area,month,n\n");
    wide = empty ? rk_dataset_pivot(empty, 0, 1, 2, &err) : NULL;
    CHECK(wide && wide->ncol == 1 && wide->nrow == 0);
    rk_dataset_free(wide);
    rk_dataset_free(empty);

    /* Empty text and missing values name their columns unambiguously. */
    rk_dataset *kinds = rk_dataset_new();
    const char *row_values[] = {"a", "a", "a"}, *col_values[] = {"", NULL, "x"};
    rk_dataset_add_column(kinds, text_column("r", row_values, 3), &err);
    rk_dataset_add_column(kinds, text_column("c", col_values, 3), &err);
    rk_dataset_add_column(kinds, text_column("v", (const char *[]){"1", "2", "3"}, 3), &err);
    wide = rk_dataset_pivot(kinds, 0, 1, 2, &err);
    CHECK_CSV(wide, "r,(empty),x,(missing)\na,1,3,2\n");
    rk_dataset_free(wide);
    rk_dataset_free(kinds);

    /* Too many distinct values for columns. */
    size_t n = RK_PIVOT_MAX_COLUMNS + 1;
    rk_dataset *many = rk_dataset_new();
    rk_column *r = rk_column_new("r", RK_INTEGER, n), *c = rk_column_new("c", RK_INTEGER, n);
    rk_column *v = rk_column_new("v", RK_INTEGER, n);
    for (size_t i = 0; i < n; i++)
        r->v.integers[i] = 1, c->v.integers[i] = (int64_t)i, v->v.integers[i] = 0;
    r->nrow = c->nrow = v->nrow = n;
    rk_dataset_add_column(many, r, &err);
    rk_dataset_add_column(many, c, &err);
    rk_dataset_add_column(many, v, &err);
    CHECK(rk_dataset_pivot(many, 0, 1, 2, &err) == NULL);
    CHECK_STR(err.message, "pivot: 'c' has 10001 distinct values, too many columns for a wide table "
                           "(at most 10000)");
    rk_dataset_free(many);
}

static void test_share(void)
{
    rk_dataset *ds = load("area,group,n\n"
                          "North,a,1\n"
                          "North,b,3\n"
                          "South,a,\n"
                          "North,c,4\n"
                          "South,b,0\n"
                          "East,a,5\n"
                          "West,a,\n");
    if (!ds)
        return;
    rk_error err;
    rk_dataset *s = rk_dataset_share(ds, 2, NULL, 0, "n_share", &err);
    CHECK(s && s->ncol == 4 && s->cols[3]->type == RK_NUMBER);
    CHECK_CSV(s, "area,group,n,n_share\nNorth,a,1,0.07692307692307693\nNorth,b,3,0.23076923076923078\n"
                 "South,a,,\nNorth,c,4,0.3076923076923077\nSouth,b,0,0.0\nEast,a,5,0.38461538461538464\n"
                 "West,a,,\n");
    rk_dataset_free(s);

    /* By area: South's total is 0 (missing shares), East is a group of one,
     * West has only a missing value. */
    s = rk_dataset_share(ds, 2, (size_t[]){0}, 1, "n_share", &err);
    CHECK_CSV(s, "area,group,n,n_share\nNorth,a,1,0.125\nNorth,b,3,0.375\nSouth,a,,\nNorth,c,4,0.5\n"
                 "South,b,0,\nEast,a,5,1.0\nWest,a,,\n");
    rk_dataset_free(s);

    /* Two by columns: every group is one row. */
    s = rk_dataset_share(ds, 2, (size_t[]){0, 1}, 2, "n_share", &err);
    CHECK_CSV(s, "area,group,n,n_share\nNorth,a,1,1.0\nNorth,b,3,1.0\nSouth,a,,\nNorth,c,4,1.0\n"
                 "South,b,0,\nEast,a,5,1.0\nWest,a,,\n");
    rk_dataset_free(s);

    CHECK(rk_dataset_share(ds, 0, NULL, 0, "area_share", &err) == NULL);
    CHECK_STR(err.message, "cannot take shares of column 'area': it is text, not a number");
    CHECK(rk_dataset_share(ds, 2, NULL, 0, "group", &err) == NULL);
    CHECK_STR(err.message, "column 'group' already exists: rename it first");
    CHECK(ds->ncol == 3); /* unchanged */
    rk_dataset_free(ds);

    rk_dataset *one = load("n\n1\n");
    rk_dataset *empty = one ? rk_dataset_take(one, NULL, 0, &err) : NULL; /* integer, no rows */
    rk_dataset_free(one);
    s = empty ? rk_dataset_share(empty, 0, NULL, 0, "n_share", &err) : NULL;
    CHECK(s && s->nrow == 0 && s->ncol == 2);
    rk_dataset_free(s);
    rk_dataset_free(empty);

    /* The total is summed with compensation: 1e16 + 1 + 1 - 1e16 is 2. */
    rk_dataset *big = load("n\n1e16\n1\n1\n-1e16\n");
    s = big ? rk_dataset_share(big, 0, NULL, 0, "n_share", &err) : NULL;
    CHECK(s && !rk_column_is_missing(s->cols[1], 1) && s->cols[1]->v.numbers[1] == 0.5);
    rk_dataset_free(s);
    rk_dataset_free(big);

    rk_dataset *negative = load("n\n-1\n3\n");
    s = negative ? rk_dataset_share(negative, 0, NULL, 0, "n_share", &err) : NULL;
    CHECK_CSV(s, "n,n_share\n-1,-0.5\n3,1.5\n");
    rk_dataset_free(s);
    rk_dataset_free(negative);
}

static const char *series_csv =
    "area,month,n\n"
    "A,2024-01,1\n"
    "B,2024-01,10\n"
    "A,2024-02,2\n"
    "B,2024-02,20\n"
    "A,2024-03,\n"
    "A,2024-04,4\n"
    "B,2024-03,30\n"
    "A,2024-05,5\n"
    "A,2024-06,6\n";

static void test_lag(void)
{
    rk_dataset *ds = load(series_csv);
    if (!ds)
        return;
    rk_error err;
    rk_dataset *l = rk_dataset_lag(ds, 2, 1, NULL, 0, "n_lag1", &err);
    CHECK(l && l->cols[3]->type == RK_INTEGER);
    CHECK_CSV(l, "area,month,n,n_lag1\nA,2024-01,1,\nB,2024-01,10,1\nA,2024-02,2,10\nB,2024-02,20,2\n"
                 "A,2024-03,,20\nA,2024-04,4,\nB,2024-03,30,4\nA,2024-05,5,30\nA,2024-06,6,5\n");
    rk_dataset_free(l);

    /* Within groups, rows interleaved; a missing value lags as missing. */
    l = rk_dataset_lag(ds, 2, 2, (size_t[]){0}, 1, "n_lag2", &err);
    CHECK_CSV(l, "area,month,n,n_lag2\nA,2024-01,1,\nB,2024-01,10,\nA,2024-02,2,\nB,2024-02,20,\n"
                 "A,2024-03,,1\nA,2024-04,4,2\nB,2024-03,30,10\nA,2024-05,5,\nA,2024-06,6,4\n");
    rk_dataset_free(l);

    /* Text lags keep their strings; n larger than every group is all missing. */
    l = rk_dataset_lag(ds, 1, 1, (size_t[]){0}, 1, "month_lag1", &err);
    CHECK_CSV(l, "area,month,n,month_lag1\nA,2024-01,1,\nB,2024-01,10,\nA,2024-02,2,2024-01\n"
                 "B,2024-02,20,2024-01\nA,2024-03,,2024-02\nA,2024-04,4,2024-03\nB,2024-03,30,2024-02\n"
                 "A,2024-05,5,2024-04\nA,2024-06,6,2024-05\n");
    rk_dataset_free(l);
    l = rk_dataset_lag(ds, 2, 7, (size_t[]){0}, 1, "n_lag7", &err);
    CHECK(l && l->ncol == 4);
    bool all_missing = l != NULL;
    for (size_t row = 0; l && row < l->nrow; row++)
        all_missing = all_missing && rk_column_is_missing(l->cols[3], row);
    CHECK(all_missing);
    rk_dataset_free(l);

    CHECK(rk_dataset_lag(ds, 2, 0, NULL, 0, "n_lag0", &err) == NULL);
    CHECK_STR(err.message, "lag: n must be 1 or more");
    CHECK(rk_dataset_lag(ds, 2, 1, NULL, 0, "month", &err) == NULL);
    CHECK_STR(err.message, "column 'month' already exists: rename it first");

    rk_dataset *empty = load("n\n");
    l = empty ? rk_dataset_lag(empty, 0, 1, NULL, 0, "n_lag1", &err) : NULL;
    CHECK(l && l->nrow == 0 && l->ncol == 2);
    rk_dataset_free(l);
    rk_dataset_free(empty);
    rk_dataset_free(ds);
}

static void test_rolling(void)
{
    rk_dataset *ds = load(series_csv);
    if (!ds)
        return;
    rk_error err;
    /* By area: A is 1, 2, -, 4, 5, 6; B is 10, 20, 30. */
    rk_dataset *r = rk_dataset_rolling_sum(ds, 2, 2, (size_t[]){0}, 1, "n_rolling2", &err);
    CHECK(r && r->cols[3]->type == RK_INTEGER);
    CHECK_CSV(r, "area,month,n,n_rolling2\nA,2024-01,1,\nB,2024-01,10,\nA,2024-02,2,3\nB,2024-02,20,30\n"
                 "A,2024-03,,\nA,2024-04,4,\nB,2024-03,30,50\nA,2024-05,5,9\nA,2024-06,6,11\n");
    rk_dataset_free(r);

    r = rk_dataset_rolling_sum(ds, 2, 3, NULL, 0, "n_rolling3", &err);
    CHECK_CSV(r, "area,month,n,n_rolling3\nA,2024-01,1,\nB,2024-01,10,\nA,2024-02,2,13\nB,2024-02,20,32\n"
                 "A,2024-03,,\nA,2024-04,4,\nB,2024-03,30,\nA,2024-05,5,39\nA,2024-06,6,41\n");
    rk_dataset_free(r);

    /* n = 1 is the value itself; n larger than a group is missing throughout it. */
    r = rk_dataset_rolling_sum(ds, 2, 1, NULL, 0, "n_rolling1", &err);
    CHECK(r && r->nrow == 9 && r->cols[3]->v.integers[1] == 10 && rk_column_is_missing(r->cols[3], 4));
    rk_dataset_free(r);
    r = rk_dataset_rolling_sum(ds, 2, 3, (size_t[]){0}, 1, "n_rolling3", &err);
    CHECK_CSV(r, "area,month,n,n_rolling3\nA,2024-01,1,\nB,2024-01,10,\nA,2024-02,2,\nB,2024-02,20,\n"
                 "A,2024-03,,\nA,2024-04,4,\nB,2024-03,30,60\nA,2024-05,5,\nA,2024-06,6,15\n");
    rk_dataset_free(r);
    r = rk_dataset_rolling_sum(ds, 2, 4, (size_t[]){0}, 1, "n_rolling4", &err);
    bool all_missing = r != NULL; /* B has 3 rows; every window of A holds the missing March */
    for (size_t row = 0; r && row < r->nrow; row++)
        all_missing = all_missing && rk_column_is_missing(r->cols[3], row);
    CHECK(all_missing);
    rk_dataset_free(r);

    CHECK(rk_dataset_rolling_sum(ds, 1, 3, NULL, 0, "month_rolling3", &err) == NULL);
    CHECK_STR(err.message, "cannot take rolling sums of column 'month': it is text, not a number");
    CHECK(rk_dataset_rolling_sum(ds, 2, 0, NULL, 0, "x", &err) == NULL);
    CHECK_STR(err.message, "rolling: n must be 1 or more");
    rk_dataset_free(ds);

    /* Numbers are summed with compensation: 0.1 + 0.2 + 0.3 is 0.6. */
    rk_dataset *tenths = load("x\n0.1\n0.2\n0.3\n");
    r = tenths ? rk_dataset_rolling_sum(tenths, 0, 3, NULL, 0, "x_rolling3", &err) : NULL;
    CHECK(r && r->cols[1]->type == RK_NUMBER);
    CHECK_CSV(r, "x,x_rolling3\n0.1,\n0.2,\n0.3,0.6\n");
    rk_dataset_free(r);
    rk_dataset_free(tenths);

    /* Booleans count as 1 and 0, giving integers. */
    rk_dataset *flags = load("f\ntrue\nfalse\ntrue\ntrue\n");
    r = flags ? rk_dataset_rolling_sum(flags, 0, 2, NULL, 0, "f_rolling2", &err) : NULL;
    CHECK(r && r->cols[1]->type == RK_INTEGER);
    CHECK_CSV(r, "f,f_rolling2\ntrue,\nfalse,1\ntrue,1\ntrue,2\n");
    rk_dataset_free(r);
    rk_dataset_free(flags);

    rk_dataset *big = load("x\n9223372036854775807\n1\n");
    CHECK(big && rk_dataset_rolling_sum(big, 0, 2, NULL, 0, "x_rolling2", &err) == NULL);
    CHECK_STR(err.message, "a rolling sum of column 'x' is too large for a 64-bit integer");
    rk_dataset_free(big);
}

static void test_table(void)
{
    rk_dataset *ds = rk_dataset_new();
    rk_error err;
    const char *names[] = {"Asha", "Zoë", "", NULL, "line\nbreak"};
    rk_dataset_add_column(ds, text_column("name", names, 5), &err);
    rk_column *age = rk_column_new("age", RK_INTEGER, 5);
    rk_column *height = rk_column_new("height", RK_NUMBER, 5);
    for (int i = 0; i < 5; i++) {
        rk_value a = {.type = RK_INTEGER, .as.integer = 30 + i * 7, .missing = i == 1};
        rk_value h = {.type = RK_NUMBER, .as.number = 1.5 + i * 0.25, .missing = i == 3};
        rk_column_append(age, &a, &err);
        rk_column_append(height, &h, &err);
    }
    rk_dataset_add_column(ds, age, &err);
    rk_dataset_add_column(ds, height, &err);
    const char *notes[] = {"ok", "a very long note that goes on and on past the limit", NULL, "", "x"};
    rk_dataset_add_column(ds, text_column("note", notes, 5), &err);

    /* Numbers right-aligned, missing blank, empty text "", a newline
     * escaped, ë one character wide, long text cut, no trailing spaces. */
    CHECK_TABLE(ds, 10, 40,
                "name         age  height  note\n"
                "Asha          30     1.5  ok\n"
                "Zoë                 1.75  a very long note that goes on and on ...\n"
                "\"\"            44     2.0\n"
                "              51          \"\"\n"
                "line\\nbreak   58     2.5  x\n"
                "(5 rows x 4 columns)\n");
    CHECK_TABLE(ds, 2, 10,
                "name  age  height  note\n"
                "Asha   30     1.5  ok\n"
                "Zoë          1.75  a very ...\n"
                "... 3 more rows\n"
                "(5 rows x 4 columns)\n");
    CHECK_TABLE(ds, 4, 1, /* widths under 4 are taken as 4 */
                "name  age  h...  note\n"
                "Asha   30   1.5  ok\n"
                "Zoë        1.75  a...\n"
                "\"\"     44   2.0\n"
                "       51        \"\"\n"
                "... 1 more row\n"
                "(5 rows x 4 columns)\n");

    size_t len = 0;
    char *text = rk_table_format(ds, NULL, &len); /* defaults: 10 rows, 40 characters */
    CHECK(text && len == strlen(text) && strstr(text, "on and on ...\n") != NULL);
    free(text);

    char *buf = NULL;
    size_t buf_len = 0;
    FILE *fp = open_memstream(&buf, &buf_len);
    CHECK(rk_table_write(ds, &(rk_table_options){1, 40}, fp, &err) == RK_OK);
    fclose(fp);
    CHECK_STR(buf, "name  age  height  note\nAsha   30     1.5  ok\n... 4 more rows\n(5 rows x 4 columns)\n");
    free(buf);
    rk_dataset_free(ds);

    rk_dataset *one = load("x\n1\n");
    CHECK_TABLE(one, 10, 40, "x\n1\n(1 row x 1 column)\n");
    rk_dataset_free(one);
    rk_dataset *empty = load("a,b\n");
    CHECK_TABLE(empty, 10, 40, "a  b\n(0 rows x 2 columns)\n");
    rk_dataset_free(empty);
    rk_dataset *none = rk_dataset_new();
    CHECK_TABLE(none, 10, 40, "(0 rows x 0 columns)\n");
    rk_dataset_free(none);
}

/* Markdown: every row, columns padded, numbers right-aligned with ':',
 * missing "[x]", empty text "", a pipe escaped, a line break a space, long
 * text not cut, ë one character wide. */
static void test_table_markdown(void)
{
    rk_dataset *ds = rk_dataset_new();
    rk_error err;
    const char *names[] = {"Asha", "Zoë", "", NULL, "a|b\nc"};
    rk_dataset_add_column(ds, text_column("name", names, 5), &err);
    rk_column *n = rk_column_new("n", RK_INTEGER, 5);
    for (int i = 0; i < 5; i++) {
        rk_value v = {.type = RK_INTEGER, .as.integer = i * 1000, .missing = i == 1};
        rk_column_append(n, &v, &err);
    }
    rk_dataset_add_column(ds, n, &err);
    const char *notes[] = {"ok", "a note longer than the forty characters a printed table shows",
                           NULL, "", "x"};
    rk_dataset_add_column(ds, text_column("note", notes, 5), &err);

    size_t len = 0;
    char *md = rk_table_format_markdown(ds, &len);
    CHECK_STR(md,
              "| name   |    n | note                                                          |\n"
              "| ------ | ---: | ------------------------------------------------------------- |\n"
              "| Asha   |    0 | ok                                                            |\n"
              "| Zoë    |  [x] | a note longer than the forty characters a printed table shows |\n"
              "| \"\"     | 2000 | [x]                                                           |\n"
              "| [x]    | 3000 | \"\"                                                            |\n"
              "| a\\|b c | 4000 | x                                                             |\n");
    CHECK(md && len == strlen(md));
    free(md);

    char *buf = NULL;
    size_t buf_len = 0;
    FILE *fp = open_memstream(&buf, &buf_len);
    CHECK(rk_table_write_markdown(ds, fp, &err) == RK_OK);
    fclose(fp);
    CHECK(buf && strncmp(buf, "| name   |    n |", 17) == 0);
    free(buf);
    rk_dataset_free(ds);

    /* A short header still gets a delimiter of three hyphens (and ':'). */
    rk_dataset *one = load("x,t\n1,a\n");
    md = rk_table_format_markdown(one, NULL);
    CHECK_STR(md, "|    x | t   |\n| ---: | --- |\n|    1 | a   |\n");
    free(md);
    rk_dataset_free(one);

    rk_dataset *none = rk_dataset_new();
    CHECK(rk_table_format_markdown(none, NULL) == NULL);
    CHECK(rk_table_write_markdown(none, stdout, &err) == RK_EARG);
    CHECK(strstr(err.message, "no columns") != NULL);
    rk_dataset_free(none);
}

/* 2026-11-24 regression: a total that overflows to infinity gave NaN cells. */
static void test_infinite_totals_are_missing(void)
{
    rk_dataset *ds = load("v\n1e308\n1e308\n");
    rk_error err;
    rk_dataset *s = rk_dataset_share(ds, 0, NULL, 0, "v_share", &err);
    CHECK(s && rk_column_is_missing(s->cols[1], 0) && rk_column_is_missing(s->cols[1], 1));
    rk_dataset *r = rk_dataset_rolling_sum(ds, 0, 2, NULL, 0, "v_rolling2", &err);
    CHECK(r && rk_column_is_missing(r->cols[1], 1));
    rk_dataset_free(s);
    rk_dataset_free(r);
    rk_dataset_free(ds);
}

int main(void)
{
    test_infinite_totals_are_missing();
    test_distinct();
    test_labels_kept();
    test_bind();
    test_pivot();
    test_share();
    test_lag();
    test_rolling();
    test_table();
    test_table_markdown();
    return rk_test_summary();
}
