/* rk_disclose: primary and secondary suppression, on small tables whose
 * every cell is checked (the whole result as CSV), and the input left as
 * it was. */
#include <stdlib.h>

#include "rk_disclose.h"
#include "rk_test.h"
#include "rk_test_data.h"

static size_t col(const rk_dataset *ds, const char *name)
{
    int c = rk_dataset_find(ds, name);
    if (c < 0) {
        fprintf(stderr, "no column %s\n", name);
        abort();
    }
    return (size_t)c;
}

static rk_disclose_options options(const rk_dataset *ds, const char *count, const char *by)
{
    static size_t cols[1], bys[1];
    rk_disclose_options o;
    memset(&o, 0, sizeof o);
    o.min = RK_DISCLOSE_DEFAULT_MIN;
    cols[0] = col(ds, count);
    o.cols = cols;
    o.ncols = 1;
    if (by) {
        bys[0] = col(ds, by);
        o.by = bys;
        o.nby = 1;
    }
    o.total_col = -1;
    return o;
}

static void set_total(rk_disclose_options *o, const rk_dataset *ds, const char *column,
                      const char *value)
{
    o->total_col = (int)col(ds, column);
    o->total_value.type = RK_TEXT;
    o->total_value.as.text.s = value;
    o->total_value.as.text.len = strlen(value);
}

/* Runs rk_disclose and checks the result as CSV, the counts, and that the
 * input is unchanged. */
static void check_disclose(const rk_dataset *ds, const rk_disclose_options *o, const char *want,
                           size_t primary, size_t secondary)
{
    char *before = to_csv(ds);
    rk_disclose_counts counts = {99, 99};
    rk_error err;
    rk_dataset *out = rk_disclose(ds, o, &counts, &err);
    if (!out)
        fprintf(stderr, "rk_disclose failed: %s\n", err.message);
    char *got = out ? to_csv(out) : NULL;
    CHECK_STR(got, want);
    CHECK(counts.primary == primary);
    CHECK(counts.secondary == secondary);
    char *after = to_csv(ds);
    CHECK_STR(after, before);
    free(before);
    free(after);
    free(got);
    rk_dataset_free(out);
}

static void check_error(const rk_dataset *ds, const rk_disclose_options *o, const char *want)
{
    rk_error err = {0};
    rk_disclose_counts counts = {99, 99};
    rk_dataset *out = rk_disclose(ds, o, &counts, &err);
    CHECK(out == NULL);
    CHECK(err.status == RK_EARG);
    CHECK_STR(err.message, want);
    CHECK(counts.primary == 0 && counts.secondary == 0);
    rk_dataset_free(out);
}

/* Areas by group with a total row per area. North: one small cell, so the
 * next smallest (Black 12) goes too. South: a zero, shown. East: two small
 * cells already protect each other. West: the part and the total are both
 * small. */
static const char *areas_csv =
    "area,group,n\n"
    "North,Asian,3\n"
    "North,Black,12\n"
    "North,White,40\n"
    "North,Total,55\n"
    "South,Asian,0\n"
    "South,Black,15\n"
    "South,White,30\n"
    "South,Total,45\n"
    "East,Asian,4\n"
    "East,Black,6\n"
    "East,White,50\n"
    "East,Total,60\n"
    "West,Asian,2\n"
    "West,Total,2\n";

static void test_primary_and_secondary(void)
{
    rk_dataset *ds = load(areas_csv);
    if (!ds)
        return;
    rk_disclose_options o = options(ds, "n", "area");
    set_total(&o, ds, "group", "Total");
    check_disclose(ds, &o,
                   "area,group,n,n_suppressed\n"
                   "North,Asian,,true\n"
                   "North,Black,,true\n"
                   "North,White,40,false\n"
                   "North,Total,55,false\n"
                   "South,Asian,0,false\n"
                   "South,Black,15,false\n"
                   "South,White,30,false\n"
                   "South,Total,45,false\n"
                   "East,Asian,,true\n"
                   "East,Black,,true\n"
                   "East,White,50,false\n"
                   "East,Total,60,false\n"
                   "West,Asian,,true\n"
                   "West,Total,,true\n",
                   5, 1);

    /* zeros: South's 0 is suppressed, and with it the next smallest. */
    o.zeros = true;
    check_disclose(ds, &o,
                   "area,group,n,n_suppressed\n"
                   "North,Asian,,true\n"
                   "North,Black,,true\n"
                   "North,White,40,false\n"
                   "North,Total,55,false\n"
                   "South,Asian,,true\n"
                   "South,Black,,true\n"
                   "South,White,30,false\n"
                   "South,Total,45,false\n"
                   "East,Asian,,true\n"
                   "East,Black,,true\n"
                   "East,White,50,false\n"
                   "East,Total,60,false\n"
                   "West,Asian,,true\n"
                   "West,Total,,true\n",
                   6, 2);

    /* A lower threshold: only North's 3 and West's 2 (and West's total). */
    o.zeros = false;
    o.min = 4;
    check_disclose(ds, &o,
                   "area,group,n,n_suppressed\n"
                   "North,Asian,,true\n"
                   "North,Black,,true\n"
                   "North,White,40,false\n"
                   "North,Total,55,false\n"
                   "South,Asian,0,false\n"
                   "South,Black,15,false\n"
                   "South,White,30,false\n"
                   "South,Total,45,false\n"
                   "East,Asian,4,false\n"
                   "East,Black,6,false\n"
                   "East,White,50,false\n"
                   "East,Total,60,false\n"
                   "West,Asian,,true\n"
                   "West,Total,,true\n",
                   3, 1);

    /* min 1 suppresses nothing. */
    o.min = 1;
    rk_error err;
    rk_disclose_counts counts;
    rk_dataset *out = rk_disclose(ds, &o, &counts, &err);
    CHECK(out && counts.primary == 0 && counts.secondary == 0);
    rk_dataset_free(out);
    rk_dataset_free(ds);
}

/* Without `by`, the whole dataset is one group. */
static void test_one_group(void)
{
    rk_dataset *ds = load("group,n\nAsian,3\nBlack,25\nMixed,14\nWhite,300\n");
    if (!ds)
        return;
    rk_disclose_options o = options(ds, "n", NULL);
    check_disclose(ds, &o,
                   "group,n,n_suppressed\n"
                   "Asian,,true\n"
                   "Black,25,false\n"
                   "Mixed,,true\n"
                   "White,300,false\n",
                   1, 1);
    rk_dataset_free(ds);
}

/* A zero is not chosen as the second cell: 3 and 0 suppressed together
 * would add up to 3. */
static void test_zero_not_secondary(void)
{
    rk_dataset *ds = load("g,n\na,3\nb,0\nc,50\nd,70\n");
    if (!ds)
        return;
    rk_disclose_options o = options(ds, "n", NULL);
    check_disclose(ds, &o, "g,n,n_suppressed\na,,true\nb,0,false\nc,,true\nd,70,false\n", 1, 1);
    rk_dataset_free(ds);
}

/* Groups whose every cell is small, or with no other cell to suppress. */
static void test_all_suppressed(void)
{
    rk_dataset *ds = load("area,n\nA,1\nA,2\nA,3\nB,5\nC,4\nC,0\n");
    if (!ds)
        return;
    rk_disclose_options o = options(ds, "n", "area");
    check_disclose(ds, &o,
                   "area,n,n_suppressed\n"
                   "A,,true\n"
                   "A,,true\n"
                   "A,,true\n"
                   "B,,true\n"
                   "C,,true\n"
                   "C,0,false\n",
                   5, 0);
    rk_dataset_free(ds);
}

/* Missing counts stay missing and unflagged and are not chosen; the total
 * row is a cell, so it is the one chosen when nothing else is left. */
static void test_missing_and_total_as_cell(void)
{
    rk_dataset *ds = load("area,g,n\n"
                          "A,x,3\nA,y,\nA,z,12\nA,all,45\n"
                          "B,x,4\nB,y,\nB,all,50\n");
    if (!ds)
        return;
    rk_disclose_options o = options(ds, "n", "area");
    set_total(&o, ds, "g", "all");
    check_disclose(ds, &o,
                   "area,g,n,n_suppressed\n"
                   "A,x,,true\nA,y,,false\nA,z,,true\nA,all,45,false\n"
                   "B,x,,true\nB,y,,false\nB,all,,true\n",
                   2, 2);
    rk_dataset_free(ds);
}

/* Ties go to the first row; groups need not be contiguous; a missing key
 * is a group of its own. */
static void test_ties_and_order(void)
{
    rk_dataset *ds = load("area,n\nN,20\nS,7\nN,3\n,5\nS,20\nN,20\nS,20\n,40\n");
    if (!ds)
        return;
    rk_disclose_options o = options(ds, "n", "area");
    check_disclose(ds, &o,
                   "area,n,n_suppressed\n"
                   "N,,true\n"
                   "S,,true\n"
                   "N,,true\n"
                   ",,true\n"
                   "S,,true\n"
                   "N,20,false\n"
                   "S,20,false\n"
                   ",,true\n",
                   3, 3);
    rk_dataset_free(ds);
}

/* Number columns, and several count columns each a table of its own. */
static void test_numbers_and_columns(void)
{
    rk_dataset *ds = load("area,fte,heads\nA,2.5,30\nA,30.5,2\nA,40,40\nB,12,11\nB,9.99,12\n");
    if (!ds)
        return;
    size_t cols[2] = {col(ds, "fte"), col(ds, "heads")};
    size_t by[1] = {col(ds, "area")};
    rk_disclose_options o;
    memset(&o, 0, sizeof o);
    o.min = 10;
    o.cols = cols;
    o.ncols = 2;
    o.by = by;
    o.nby = 1;
    o.total_col = -1;
    check_disclose(ds, &o,
                   "area,fte,heads,fte_suppressed,heads_suppressed\n"
                   "A,,,true,true\n"
                   "A,,,true,true\n"
                   "A,40.0,40,false,false\n"
                   "B,,11,true,false\n"
                   "B,,12,true,false\n",
                   3, 3);
    rk_dataset_free(ds);
}

static void test_format(void)
{
    rk_dataset *ds = load("g,n,m\na,3,\nb,25,1\nc,,2\nd,40,3\n");
    if (!ds)
        return;
    rk_disclose_options o = options(ds, "n", NULL);
    rk_error err;
    rk_dataset *out = rk_disclose(ds, &o, NULL, &err);
    CHECK(out != NULL);
    if (out) {
        char buf[RK_VALUE_BUF];
        size_t len;
        size_t n = col(out, "n");
        CHECK(rk_disclose_flag_column(out, n) == (int)col(out, "n_suppressed"));
        CHECK(rk_disclose_flag_column(out, col(out, "m")) == -1);
        CHECK_STR(rk_disclose_format(out, n, 0, buf, &len), "[c]");
        CHECK(len == 3);
        CHECK_STR(rk_disclose_format(out, n, 1, buf, &len), "[c]");
        CHECK_STR(rk_disclose_format(out, n, 2, buf, &len), "");
        CHECK_STR(rk_disclose_format(out, n, 3, buf, &len), "40");
        CHECK(len == 2);
        CHECK_STR(rk_disclose_format(out, col(out, "m"), 1, buf, &len), "1");
        CHECK_STR(rk_disclose_format(out, col(out, "g"), 0, buf, &len), "a");
        /* The suppressed value is gone from the result, not only hidden. */
        CHECK(out->cols[n]->v.integers[0] == 0 && out->cols[n]->v.integers[1] == 0);
    }
    rk_dataset_free(out);
    rk_dataset_free(ds);
}

static void test_errors(void)
{
    rk_dataset *ds = load("area,group,n,label\nN,x,3,a\nN,Total,3,b\nS,x,-2,c\n");
    rk_dataset *two_totals = load("area,group,n\nN,Total,3\nN,x,3\nN,Total,5\n");
    rk_dataset *flagged = load("n,n_suppressed\n3,no\n");
    if (!ds || !two_totals || !flagged)
        return;
    rk_disclose_options o = options(ds, "label", NULL);
    check_error(ds, &o, "cannot disclose column 'label': it is text, not a count");
    o = options(ds, "n", NULL);
    check_error(ds, &o, "column 'n' holds a negative count (-2 in row 3): counts cannot be disclosed");

    rk_dataset *ok = load("area,group,n,m\nN,x,3,4\nN,Total,3,4\n");
    if (!ok)
        return;
    size_t twice[2] = {col(ok, "n"), col(ok, "n")};
    o = options(ok, "n", "area");
    o.cols = twice;
    o.ncols = 2;
    check_error(ok, &o, "column 'n' is given twice");
    o = options(ok, "n", "n");
    check_error(ok, &o, "column 'n' is both a count and a 'by' column");
    o = options(ok, "n", "area");
    set_total(&o, ok, "n", "3");
    check_error(ok, &o, "the total column 'n' cannot be a count column");
    set_total(&o, ok, "area", "N");
    check_error(ok, &o, "the total column 'area' cannot be a 'by' column: a total row shares "
                        "its group's 'by' values");
    set_total(&o, ok, "group", "Totl");
    check_error(ok, &o, "no row has 'group' = 'Totl' to be the total row");
    o.total_col = (int)col(ok, "group");
    o.total_value.type = RK_INTEGER;
    o.total_value.as.integer = 1;
    check_error(ok, &o, "column 'group' is text: the total row's value must be text (got a number)");
    o.total_col = (int)col(ok, "m");
    o.total_value.type = RK_TEXT;
    o.total_value.as.text.s = "4";
    o.total_value.as.text.len = 1;
    o.cols = (size_t[]){col(ok, "n")};
    check_error(ok, &o, "column 'm' is integer: the total row's value must be a number (got text)");
    o = options(ok, "n", "area");
    o.min = 0;
    check_error(ok, &o, "the threshold must be 1 or more (got 0)");
    o.min = 10;
    o.ncols = 0;
    check_error(ok, &o, "name at least one count column");

    o = options(two_totals, "n", "area");
    set_total(&o, two_totals, "group", "Total");
    check_error(two_totals, &o, "rows 1 and 3 are both total rows of one group: give 'by' "
                                "columns that tell the groups apart");
    o = options(flagged, "n", NULL);
    check_error(flagged, &o, "column 'n_suppressed' already exists: rename it first");
    rk_dataset_free(ok);
    rk_dataset_free(ds);
    rk_dataset_free(two_totals);
    rk_dataset_free(flagged);
}

int main(void)
{
    test_primary_and_secondary();
    test_one_group();
    test_zero_not_secondary();
    test_all_suppressed();
    test_missing_and_total_as_cell();
    test_ties_and_order();
    test_numbers_and_columns();
    test_format();
    test_errors();
    return rk_test_summary();
}
