/* rapkit.chart: chart objects built from a spec table and saved by path.
 *
 * A Chart userdata keeps its spec table (and so its dataset) alive as user
 * value 1; save() reads the spec, builds the renderer's spec from the
 * dataset's columns and writes the file through the host's output rules.
 *
 * Spec fields are read raw, so no metamethod runs. Script code can still
 * run while a chart is checked or saved: a finalizer may run at any
 * allocation, and it may change the spec or close the dataset. So the
 * checks and the save read a copy of the spec that no script can reach
 * (push_spec_copy): every string, table and dataset they hold stays alive,
 * anchored by that copy or by the stack, until they return; a dataset
 * closed meanwhile is released only later (rk_lua_dataset.c). */
#include "rk_lua_chart.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rk_chart.h"
#include "rk_disclose.h"
#include "rk_host.h"
#include "rk_kind.h"
#include "rk_lua_chart_stamp.h"
#include "rk_lua_dataset.h"
#include "rk_lua_gnuplot.h"

#define CHART_TYPE "rapkit.Chart"

/* The sizes rk_chart_bar_save accepts (rk_chart.h), checked when the chart
 * is made so the error blames that line. */
#define MIN_SIDE_MM 20.0
#define MAX_SIDE_MM 1000.0

/* The chart types; a Chart userdata holds one of these. */
typedef enum chart_kind { CHART_BAR, CHART_LINE, CHART_INTERVAL, CHART_SPC, CHART_FUNNEL, CHART_HEATMAP } chart_kind;
static const char *const chart_kind_names[] = {"bar", "line", "interval", "spc", "funnel", "heatmap"};

static const char *const bar_fields[] = {
    "data", "x", "y", "group", "layout", "horizontal", "labels", "palette", "focus", "many_colours", "title",
    "subtitle", "source", "x_title", "y_title", "width", "height", "backend",
    "facet", "columns",           /* small multiples */
    "rows_used", "rows_excluded", /* stated on the stamp (rk_lua_chart_stamp.h) */
    NULL,
};
static const char *const line_fields[] = {
    "data", "x", "y", "group", "title", "subtitle", "source", "x_title", "y_title", "markers", "shade",
    "baseline", "palette", "focus", "width", "height", "backend",
    "facet", "columns",           /* small multiples */
    "rows_used", "rows_excluded", /* stated on the stamp (rk_lua_chart_stamp.h) */
    NULL,
};
static const char *const interval_fields[] = {
    "data", "x", "estimate", "lower", "upper", "reference", "title", "subtitle", "source", "x_title",
    "y_title", "width", "height", "backend",
    "facet", "columns",           /* small multiples */
    "rows_used", "rows_excluded", /* stated on the stamp (rk_lua_chart_stamp.h) */
    NULL,
};

static const char *const spc_fields[] = {
    "spc", "title", "subtitle", "source", "x_title", "y_title", "step_label", "width", "height",
    "facet", "columns",           /* small multiples */
    "rows_used", "rows_excluded", /* stated on the stamp (rk_lua_chart_stamp.h) */
    NULL,
};

static const char *const funnel_fields[] = {
    "data", "stage", "value", "title", "subtitle", "source", "x_title", "y_title", "width", "height",
    "facet", "columns",           /* small multiples */
    "rows_used", "rows_excluded", /* stated on the stamp (rk_lua_chart_stamp.h) */
    NULL,
};

static const char *const heatmap_fields[] = {
    "data", "row", "col", "value", "level", "rows", "cols", "scale", "decimals", "title", "subtitle", "source",
    "x_title", "y_title", "width", "height",
    "facet", "columns",           /* small multiples */
    "rows_used", "rows_excluded", /* stated on the stamp (rk_lua_chart_stamp.h) */
    NULL,
};

#define MAX_X_POSITIONS 2000 /* a longer month or year sequence is a mistake, not a chart */

#define SPEC_COPY_DEPTH 4 /* spec.spc[i].points[j] is the deepest table a chart reads */

/* Pushes a copy of the spec at idx that no script can reach (see the top
 * of the file). stack: -> ..., copy */
static void push_spec_copy(lua_State *L, int idx)
{
    rk_lua_push_table_copy(L, idx, SPEC_COPY_DEPTH);
}

/* spec.field as a string, or NULL if absent; raises if it is not text. */
static const char *opt_text(lua_State *L, int spec, const char *field, const char *chart)
{
    int t = rk_lua_raw_field(L, spec, field);
    const char *s = t == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1); /* the string stays alive: the spec table holds it */
    if (t != LUA_TNIL && t != LUA_TSTRING)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: '%s' must be text", chart, field);
    return s;
}

/* spec.field as a size in millimetres, or 0 (the default) if absent. */
static double opt_size(lua_State *L, int spec, const char *field, const char *chart)
{
    int t = rk_lua_raw_field(L, spec, field);
    double v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (t == LUA_TNIL)
        return 0;
    /* Written so that NaN (0/0) fails too. */
    if (t != LUA_TNUMBER || !(v >= MIN_SIDE_MM && v <= MAX_SIDE_MM))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: '%s' must be a number of millimetres from %g to %g",
                     chart, field, MIN_SIDE_MM, MAX_SIDE_MM);
    return v;
}

/* spec.field as decimal places, 0 to RK_CHART_MAX_DECIMALS, or -1 if absent. */
static int opt_decimals(lua_State *L, int spec, const char *field, const char *chart)
{
    int t = rk_lua_raw_field(L, spec, field);
    bool whole = lua_isinteger(L, -1);
    lua_Integer v = lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (t == LUA_TNIL)
        return -1;
    if (t != LUA_TNUMBER || !whole || v < 0 || v > RK_CHART_MAX_DECIMALS)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: '%s' must be a whole number of places from 0 to %d", chart,
                     field, RK_CHART_MAX_DECIMALS);
    return (int)v;
}

/* Columns per row of small multiples: spec.columns, or 0 for the default. */
static size_t opt_columns(lua_State *L, int spec, const char *chart)
{
    int t = rk_lua_raw_field(L, spec, "columns");
    int is_int = 0;
    lua_Integer v = lua_tointegerx(L, -1, &is_int);
    lua_pop(L, 1);
    if (t == LUA_TNIL)
        return 0;
    if (!is_int || v < 1 || v > RK_MAX_PANELS)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: 'columns' must be a whole number of panels per row, 1 to %d",
                     chart, RK_MAX_PANELS);
    return (size_t)v;
}

/* Checks the small-multiples options of a spec (facet, columns). */
static void check_facet_options(lua_State *L, int spec, const rk_dataset *ds, const char *chart)
{
    const char *facet = opt_text(L, spec, "facet", chart);
    size_t columns = opt_columns(L, spec, chart);
    if (facet)
        rk_lua_check_column(L, ds, facet);
    else if (columns)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: 'columns' arranges small multiples: give facet = \"column\" too",
                     chart);
}

/* spec.field as true or false (absent: false); raises if it is neither. */
static bool opt_flag(lua_State *L, int spec, const char *field, const char *chart)
{
    int t = rk_lua_raw_field(L, spec, field);
    bool on = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: '%s' must be true or false", chart, field);
    return on;
}

/* The index of spec.field in `names` (NULL-terminated), or `absent` when
 * the field is not given; raises naming the choices otherwise. */
static int opt_choice(lua_State *L, int spec, const char *field, const char *chart, const char *const *names,
                      int absent)
{
    const char *given = opt_text(L, spec, field, chart);
    if (!given)
        return absent;
    for (int k = 0; names[k]; k++)
        if (strcmp(given, names[k]) == 0)
            return k;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int k = 0; names[k]; k++) {
        luaL_addstring(&b, k == 0 ? "\"" : names[k + 1] ? ", \"" : " or \"");
        luaL_addstring(&b, names[k]);
        luaL_addstring(&b, "\"");
    }
    luaL_pushresult(&b);
    return rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: '%s' must be %s, not '%s'", chart, field, lua_tostring(L, -1),
                        given);
}

/* In the order of rk_bar_layout and rk_chart_palette. */
static const char *const bar_layouts[] = {"grouped", "stacked", "percent", NULL};
static const char *const palettes[] = {"categorical", "focus", "sequential", NULL};

/* The palette options, checked where the chart is made: `palette` (absent:
 * focus when `focus` is given, else categorical) and `focus`. */
static rk_chart_palette check_palette(lua_State *L, int spec, const char *chart, bool several)
{
    const char *focus = opt_text(L, spec, "focus", chart);
    const char *what = several || strcmp(chart, "bar") != 0 ? "series" : "category";
    int palette = opt_choice(L, spec, "palette", chart, palettes, focus ? RK_PALETTE_FOCUS : RK_PALETTE_CATEGORICAL);
    if (palette == RK_PALETTE_FOCUS && !focus)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: palette \"focus\" needs focus = \"...\", the %s to draw in "
                     "colour (the rest are grey)", chart, what);
    if (palette != RK_PALETTE_FOCUS && focus)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: 'focus' highlights one %s with palette \"focus\", not \"%s\"",
                     chart, what, palettes[palette]);
    if (palette == RK_PALETTE_SEQUENTIAL && !several)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: palette \"sequential\" shades several series in order: give "
                     "group = \"...\" too%s", chart,
                     strcmp(chart, "bar") == 0 ? ", or use palette \"focus\" to highlight one bar" : "");
    return (rk_chart_palette)palette;
}

/* Whether spec.backend asks for gnuplot ("cairo", the default, or "gnuplot"). */
static bool uses_gnuplot(lua_State *L, int spec, const char *chart)
{
    const char *backend = opt_text(L, spec, "backend", chart);
    if (backend && strcmp(backend, "gnuplot") != 0 && strcmp(backend, "cairo") != 0)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: 'backend' must be \"cairo\" (the default) or \"gnuplot\"",
                     chart);
    return backend && strcmp(backend, "gnuplot") == 0;
}

/* The options of a gnuplot run when spec.backend asks for one, else NULL.
 * stack: [-0, +(0|1)] (the run's position text, see rk_lua_gnuplot_prepare) */
static const rk_gnuplot_options *gnuplot_options(lua_State *L, int spec, const char *chart, rk_lua_gnuplot_run *run)
{
    if (!uses_gnuplot(L, spec, chart))
        return NULL;
    rk_lua_gnuplot_prepare(L, run, 0);
    return &run->opts;
}

/* The headings and page size every chart spec may give, each checked (text,
 * or millimetres in range) where the chart is made; returns the title, or
 * NULL when there is none (require_title says so, after the columns). */
static const char *check_headings_and_size(lua_State *L, int spec, const char *chart)
{
    static const char *const texts[] = {"subtitle", "source", "x_title", "y_title"};
    const char *title = opt_text(L, spec, "title", chart);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        opt_text(L, spec, texts[i], chart);
    opt_size(L, spec, "width", chart);
    opt_size(L, spec, "height", chart);
    return title;
}

/* spec.data, which must be a Dataset; the spec table keeps it alive. */
static rk_dataset *spec_data(lua_State *L, int spec, const char *chart)
{
    char fname[32];
    snprintf(fname, sizeof fname, "chart.%s", chart);
    rk_lua_raw_field(L, spec, "data");
    rk_dataset *ds = rk_lua_check_dataset_field(L, -1, fname, "data");
    lua_pop(L, 1);
    return ds;
}

static void require_title(lua_State *L, const char *title, const char *chart)
{
    if (!title || !title[0])
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: give a title that states the finding", chart);
}

/* Checks a bar spec now, so the error blames the line that made the chart;
 * returns its dataset (the spec holds it). */
static rk_dataset *check_bar_spec(lua_State *L, int spec)
{
    rk_lua_check_option_names(L, spec, "chart.bar", bar_fields, 0);
    const char *x = opt_text(L, spec, "x", "bar");
    const char *y = opt_text(L, spec, "y", "bar");
    const char *group = opt_text(L, spec, "group", "bar");
    int layout = opt_choice(L, spec, "layout", "bar", bar_layouts, -1);
    if (layout >= 0 && !group)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: 'layout' arranges several series: give group = \"...\" too, "
                                         "the column that names them");
    opt_flag(L, spec, "horizontal", "bar");
    opt_flag(L, spec, "labels", "bar");
    opt_flag(L, spec, "many_colours", "bar");
    check_palette(L, spec, "bar", group != NULL);
    const char *title = check_headings_and_size(L, spec, "bar");
    uses_gnuplot(L, spec, "bar");
    rk_dataset *ds = spec_data(L, spec, "bar");
    if (!x || !y)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: give the columns to draw, as x = \"group\", y = \"n\"");
    rk_lua_check_column(L, ds, x);
    size_t yc = rk_lua_check_column(L, ds, y);
    rk_type yt = ds->cols[yc]->type;
    if (yt != RK_INTEGER && yt != RK_NUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: y column '%s' is %s: bars need numbers", y,
                     rk_type_name(yt));
    if (group)
        rk_lua_check_column(L, ds, group);
    require_title(L, title, "bar");
    return ds;
}

/* A Chart of `kind` holding the spec table at index 1 as its user value 1;
 * user value 2 is true once its warnings have been given, so saving one
 * chart in three formats warns once. The text is linted here, once per
 * chart, with the line that made it, from the spec's copy at index 2. */
static int push_chart(lua_State *L, chart_kind kind)
{
    rk_lua_chart_check_rows(L, 2, chart_kind_names[kind]);
    rk_lua_chart_lint(L, 2, chart_kind_names[kind]);
    chart_kind *box = lua_newuserdatauv(L, sizeof *box, 2);
    *box = kind;
    luaL_setmetatable(L, CHART_TYPE);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    return 1;
}

static int chart_bar(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    push_spec_copy(L, 1); /* stack: spec copy */
    check_facet_options(L, 2, check_bar_spec(L, 2), "bar");
    return push_chart(L, CHART_BAR);
}

/* Raises unless the path names a format the renderer writes: checked before
 * the host creates any folder for it. */
static void check_chart_path(lua_State *L, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "cannot save chart to %s: no file extension (use .png, .svg or .pdf)",
                     path);
    if (strcasecmp(dot, ".png") != 0 && strcasecmp(dot, ".svg") != 0 && strcasecmp(dot, ".pdf") != 0)
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "cannot save chart to %s: unknown format '%s' (use .png, .svg or .pdf)", path, dot);
}

static void read_cell(const rk_dataset *ds, const rk_column *col, int flag_col, size_t row, double *value,
                      bool *missing, bool *suppressed);

/* The rows of the data one chart draws: all of them, or one panel's. */
typedef struct row_set {
    const size_t *rows; /* NULL: every row, in order */
    size_t n;
} row_set;

static size_t row_at(const row_set *set, size_t i)
{
    return set->rows ? set->rows[i] : i;
}

/* An axis title: the spec's, else the column's label when it has one (the
 * header of a file loaded as a kind, "Officer-defined ethnicity"). */
static const char *axis_title(lua_State *L, int spec, const char *field, const rk_column *col,
                              const char *chart)
{
    const char *given = opt_text(L, spec, field, chart);
    return given ? given : col->label;
}

static const char *push_cell_text(lua_State *L, const rk_column *col, size_t row);
#define MAX_GROUP_SERIES 6 /* the GAF palette's colours */
static size_t push_group_series(lua_State *L, const rk_dataset *ds, const rk_column *gcol, const char *chart,
                                const char *too_many, size_t rank[MAX_GROUP_SERIES]);

/* Where a chart's warnings go: the host, with the script line that saved it. */
typedef struct chart_warning {
    lua_State *L;
    const char *where; /* "script.lua:12: " or "" */
    bool given;
} chart_warning;

static void warn_in_script(void *ctx, const char *message)
{
    chart_warning *w = ctx;
    rk_host_warn(w->L, "%schart.bar: %s", w->where, message);
    w->given = true;
}

/* One series per value of the group column, one category per value of x
 * (both in the order they first appear; series in the ONS order when all
 * are ethnic groups); a category with no row in a series is missing, "[x]".
 * Fills the category and series fields of *bar; the arrays are userdata
 * and tables left on the stack. Categories and series come from all rows,
 * so every panel of small multiples has the same; values from rows `sel`. */
static void read_bar_groups(lua_State *L, int spec, const rk_dataset *ds, const row_set *sel,
                            const rk_column *xcol, const rk_column *ycol, int flag_col, rk_bar_spec *bar)
{
    const rk_column *gcol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "group", "bar"))];
    size_t rank[MAX_GROUP_SERIES];
    size_t n_series = push_group_series(L, ds, gcol, "bar",
                                        "the palette has six colours, and more than four are hard to tell apart; "
                                        "draw small multiples or fewer groups",
                                        rank);
    int series_index = lua_gettop(L) - 1, series_names = lua_gettop(L);

    /* Categories: a missing x is a category of its own, keyed false. */
    lua_newtable(L);
    int cat_index = lua_gettop(L);
    lua_newtable(L);
    int cat_keys = lua_gettop(L);
    size_t n_cat = 0, nrow = ds->nrow;
    size_t *cat_of = lua_newuserdatauv(L, nrow * sizeof *cat_of, 0);
    for (size_t r = 0; r < nrow; r++) {
        if (rk_column_is_missing(xcol, r))
            lua_pushboolean(L, 0);
        else
            push_cell_text(L, xcol, r);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, cat_index) == LUA_TNUMBER) {
            cat_of[r] = (size_t)lua_tointeger(L, -1) - 1;
            lua_pop(L, 2);
            continue;
        }
        lua_pop(L, 1);
        cat_of[r] = n_cat++;
        lua_pushvalue(L, -1);
        lua_pushinteger(L, (lua_Integer)n_cat);
        lua_rawset(L, cat_index);
        lua_rawseti(L, cat_keys, (lua_Integer)n_cat);
    }
    const char **labels = lua_newuserdatauv(L, n_cat * sizeof *labels, 0);
    for (size_t i = 0; i < n_cat; i++) {
        lua_rawgeti(L, cat_keys, (lua_Integer)i + 1);
        labels[i] = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL; /* the list keeps it */
        lua_pop(L, 1);
    }

    size_t cells = n_cat * n_series;
    double *values = lua_newuserdatauv(L, cells * sizeof *values, 0);
    bool *flags = lua_newuserdatauv(L, 3 * cells * sizeof *flags, 0);
    bool *missing = flags, *suppressed = flags + cells, *seen = flags + 2 * cells;
    for (size_t k = 0; k < cells; k++) {
        values[k] = 0;
        missing[k] = true; /* no row for this category and series: not available */
        suppressed[k] = seen[k] = false;
    }
    for (size_t i = 0; i < sel->n; i++) {
        size_t r = row_at(sel, i);
        push_cell_text(L, gcol, r);
        lua_rawget(L, series_index);
        size_t s = rank[lua_tointeger(L, -1) - 1];
        lua_pop(L, 1);
        size_t cell = s * n_cat + cat_of[r];
        if (seen[cell]) {
            const char *x = labels[cat_of[r]] ? labels[cat_of[r]] : "(missing)";
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: two rows for x = '%s' and group = '%s' (row %zu): a bar "
                         "has one value per x and group; count or filter first", x, push_cell_text(L, gcol, r),
                         r + 1);
        }
        seen[cell] = true;
        read_cell(ds, ycol, flag_col, r, &values[cell], &missing[cell], &suppressed[cell]);
    }
    rk_bar_series *series = lua_newuserdatauv(L, n_series * sizeof *series, 0);
    for (size_t k = 0; k < n_series; k++) {
        size_t s = rank[k];
        lua_rawgeti(L, series_names, (lua_Integer)k + 1);
        series[s] = (rk_bar_series){
            .name = lua_tostring(L, -1), /* the list keeps it */
            .values = values + s * n_cat,
            .missing = missing + s * n_cat,
            .suppressed = suppressed + s * n_cat,
        };
        lua_pop(L, 1);
    }
    bar->n = n_cat;
    bar->labels = labels;
    bar->n_series = n_series;
    bar->series = series;
    bar->layout = (rk_bar_layout)opt_choice(L, spec, "layout", "bar", bar_layouts, RK_BAR_GROUPED);
}

/* One bar per row, in the data's order. Fills the category and value
 * fields of *bar; the arrays are userdata and a table left on the stack. */
/* One bar per row of `sel`, in order. */
static void read_bar_rows(lua_State *L, const rk_dataset *ds, const row_set *sel, const rk_column *xcol,
                          const rk_column *ycol, int flag_col, rk_bar_spec *bar)
{
    size_t n = sel->n;
    const char **labels = lua_newuserdatauv(L, n * sizeof *labels, 0);
    double *values = lua_newuserdatauv(L, n * sizeof *values, 0);
    bool *missing = lua_newuserdatauv(L, n * sizeof *missing, 0);
    bool *suppressed = lua_newuserdatauv(L, n * sizeof *suppressed, 0);
    /* Labels as text: one Lua string each, kept alive in a table. */
    lua_createtable(L, (int)n, 0);
    int label_store = lua_gettop(L);
    for (size_t i = 0; i < n; i++) {
        size_t r = row_at(sel, i);
        if (rk_column_is_missing(xcol, r)) {
            labels[i] = NULL;
        } else {
            labels[i] = push_cell_text(L, xcol, r);
            lua_rawseti(L, label_store, (lua_Integer)i + 1);
        }
        read_cell(ds, ycol, flag_col, r, &values[i], &missing[i], &suppressed[i]);
    }
    bar->n = n;
    bar->labels = labels;
    bar->values = values;
    bar->missing = missing;
    bar->suppressed = suppressed;
}

/* The bar chart's spec from the rows `sel` of ds; it and what it points to
 * are on the stack. */
static void *build_bar(lua_State *L, int spec, rk_dataset *ds, const row_set *sel)
{
    const rk_column *xcol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "x", "bar"))];
    size_t y_index = rk_lua_check_column(L, ds, opt_text(L, spec, "y", "bar"));
    const rk_column *ycol = ds->cols[y_index];
    /* A `<y>_suppressed` column (rapkit.disclose) marks withheld values "[c]". */
    int flag_col = rk_disclose_flag_column(ds, y_index);
    bool grouped = opt_text(L, spec, "group", "bar") != NULL;
    rk_bar_spec *bar = lua_newuserdatauv(L, sizeof *bar, 0);
    *bar = (rk_bar_spec){0};
    if (grouped)
        read_bar_groups(L, spec, ds, sel, xcol, ycol, flag_col, bar);
    else
        read_bar_rows(L, ds, sel, xcol, ycol, flag_col, bar);
    int labels_type = rk_lua_raw_field(L, spec, "labels");
    bar->no_value_labels = labels_type == LUA_TBOOLEAN && !lua_toboolean(L, -1);
    lua_pop(L, 1);
    bar->title = opt_text(L, spec, "title", "bar");
    bar->subtitle = opt_text(L, spec, "subtitle", "bar");
    bar->source = opt_text(L, spec, "source", "bar");
    bar->x_title = axis_title(L, spec, "x_title", xcol, "bar");
    bar->y_title = axis_title(L, spec, "y_title", ycol, "bar");
    bar->width_mm = opt_size(L, spec, "width", "bar");
    bar->height_mm = opt_size(L, spec, "height", "bar");
    bar->x_name = xcol->name;
    bar->y_name = ycol->name;
    bar->companions = true;
    bar->horizontal = opt_flag(L, spec, "horizontal", "bar");
    bar->palette = check_palette(L, spec, "bar", grouped);
    bar->focus = opt_text(L, spec, "focus", "bar");
    bar->many_colours = opt_flag(L, spec, "many_colours", "bar");
    /* Grouped series lie one after another in one block of flags. */
    bool several = bar->n_series > 0;
    bar->stamp = rk_lua_chart_stamp(L, spec, "bar", sel->n, several ? bar->n * bar->n_series : bar->n,
                                    several ? bar->series[0].missing : bar->missing,
                                    several ? bar->series[0].suppressed : bar->suppressed);
    /* The palette rules and values, checked before any folder is made. */
    rk_error err;
    if (rk_chart_bar_check(bar, &err) != RK_OK)
        rk_lua_raise_error(L, &err);
    return bar;
}

/* ---- line and interval charts -------------------------------------------- */

/* Raises unless column `name` of ds holds numbers; returns its index. */
static size_t check_number_column(lua_State *L, const rk_dataset *ds, const char *name, const char *chart,
                                  const char *field)
{
    size_t c = rk_lua_check_column(L, ds, name);
    rk_type t = ds->cols[c]->type;
    if (t != RK_INTEGER && t != RK_NUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: %s column '%s' is %s: it needs numbers", chart, field, name,
                     rk_type_name(t));
    return c;
}

static double number_at(const rk_column *col, size_t row)
{
    return col->type == RK_INTEGER ? (double)col->v.integers[row] : col->v.numbers[row];
}

/* A number column's cell at row as a chart draws it: its value, or missing;
 * and whether a missing value was withheld by rapkit.disclose (flag_col is
 * its `<col>_suppressed` column, or -1), so it is marked [c], not [x]. */
static void read_cell(const rk_dataset *ds, const rk_column *col, int flag_col, size_t row, double *value,
                      bool *missing, bool *suppressed)
{
    *missing = rk_column_is_missing(col, row);
    *value = *missing ? 0 : number_at(col, row);
    *suppressed = *missing && flag_col >= 0 && !rk_column_is_missing(ds->cols[flag_col], row) &&
                  ds->cols[flag_col]->v.booleans[row];
}

/* Cell text pushed on the stack and returned. stack: -> ..., text */
static const char *push_cell_text(lua_State *L, const rk_column *col, size_t row)
{
    char buf[RK_VALUE_BUF];
    size_t len;
    const char *s = rk_column_format(col, row, buf, &len);
    return lua_pushlstring(L, s, len);
}

/* The position of `label` in rapkit.ETHNIC_GROUPS, or -1. */
static int ethnic_rank(const char *label)
{
    for (int i = 0; rk_ethnic_groups[i]; i++)
        if (strcmp(rk_ethnic_groups[i], label) == 0)
            return i;
    return -1;
}

/* The values of group column gcol as series, in the order they first
 * appear, or the ONS order when every one is in rapkit.ETHNIC_GROUPS.
 * Pushes a table name -> k (1-based, in order found) and the list of names
 * in order found; rank[k - 1] is where the k-th found is drawn. Raises on a
 * missing group or more than MAX_GROUP_SERIES, saying `too_many` why.
 * stack: -> ..., index, names */
static size_t push_group_series(lua_State *L, const rk_dataset *ds, const rk_column *gcol, const char *chart,
                                const char *too_many, size_t rank[MAX_GROUP_SERIES])
{
    lua_newtable(L);
    int series_index = lua_gettop(L);
    lua_newtable(L);
    int series_names = lua_gettop(L);
    size_t n_series = 0;
    bool ethnic = true;
    for (size_t r = 0; r < ds->nrow; r++) {
        if (rk_column_is_missing(gcol, r))
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: group column '%s' is missing in row %zu", chart, gcol->name,
                         r + 1);
        const char *name = push_cell_text(L, gcol, r);
        ethnic = ethnic && ethnic_rank(name) >= 0;
        lua_pushvalue(L, -1);
        if (lua_rawget(L, series_index) != LUA_TNIL) {
            lua_pop(L, 2);
            continue;
        }
        lua_pop(L, 1);
        if (++n_series > MAX_GROUP_SERIES)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: group column '%s' has more than %d values: %s", chart,
                         gcol->name, MAX_GROUP_SERIES, too_many);
        lua_pushvalue(L, -1);
        lua_rawseti(L, series_names, (lua_Integer)n_series);
        lua_pushinteger(L, (lua_Integer)n_series);
        lua_rawset(L, series_index);
    }
    size_t order[MAX_GROUP_SERIES] = {0, 1, 2, 3, 4, 5};
    if (ethnic) /* insertion sort of n_series <= 6 names by ONS rank */
        for (size_t i = 1; i < n_series; i++)
            for (size_t j = i; j > 0; j--) {
                lua_rawgeti(L, series_names, (lua_Integer)order[j] + 1);
                lua_rawgeti(L, series_names, (lua_Integer)order[j - 1] + 1);
                bool before = ethnic_rank(lua_tostring(L, -2)) < ethnic_rank(lua_tostring(L, -1));
                lua_pop(L, 2);
                if (!before)
                    break;
                size_t t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
            }
    for (size_t i = 0; i < n_series; i++)
        rank[order[i]] = i;
    return n_series;
}

static rk_dataset *check_line_spec(lua_State *L, int spec)
{
    rk_lua_check_option_names(L, spec, "chart.line", line_fields, 0);
    const char *x = opt_text(L, spec, "x", "line");
    const char *y = opt_text(L, spec, "y", "line");
    const char *group = opt_text(L, spec, "group", "line");
    const char *title = check_headings_and_size(L, spec, "line");
    if (check_palette(L, spec, "line", group != NULL) == RK_PALETTE_FOCUS && !group)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: palette \"focus\" highlights one of several lines: give "
                                         "group = \"...\" too");
    const char *baseline = opt_text(L, spec, "baseline", "line");
    if (baseline && strcmp(baseline, "zero") != 0 && strcmp(baseline, "data") != 0)
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "chart.line: 'baseline' must be \"zero\" (the default, for counts) or \"data\" (the axis "
                     "fits the data and a note says it does not start at zero)");
    uses_gnuplot(L, spec, "line");
    for (int k = 0; k < 2; k++) {
        const char *field = k == 0 ? "markers" : "shade";
        int t = rk_lua_raw_field(L, spec, field);
        if (t != LUA_TNIL && t != LUA_TTABLE)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: '%s' must be a list of tables, as %s", field,
                         k == 0 ? "{{at = \"2024-02\", label = \"RCRP go-live\"}}"
                                : "{{from = \"2024-02\", to = \"2024-05\", label = \"...\"}}");
        lua_pop(L, 1);
    }
    rk_dataset *ds = spec_data(L, spec, "line");
    if (!x || !y)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: give the columns to draw, as x = \"month\", y = \"n\"");
    rk_lua_check_column(L, ds, x);
    check_number_column(L, ds, y, "line", "y");
    if (group)
        rk_lua_check_column(L, ds, group);
    require_title(L, title, "line");
    return ds;
}

static int chart_line(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    push_spec_copy(L, 1); /* stack: spec copy */
    check_facet_options(L, 2, check_line_spec(L, 2), "line");
    return push_chart(L, CHART_LINE);
}

/* Whether s is a month "YYYY-MM"; sets *index to year * 12 + month - 1. */
static bool parse_month(const char *s, long *index)
{
    if (strlen(s) != 7 || s[4] != '-')
        return false;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return false;
    long year = strtol(s, NULL, 10), month = strtol(s + 5, NULL, 10);
    if (month < 1 || month > 12)
        return false;
    *index = year * 12 + month - 1;
    return true;
}

/* The x positions, pushed as a table label -> position and a list of
 * labels. Months ("2024-02") and whole numbers (years) run from the first
 * to the last with none skipped, so a month with no row is a gap; other
 * values keep the order they first appear in. Returns their count.
 * stack: -> ..., index, labels */
static size_t push_x_positions(lua_State *L, const rk_dataset *ds, const rk_column *xcol)
{
    lua_newtable(L);
    int index = lua_gettop(L);
    lua_newtable(L);
    int labels = lua_gettop(L);
    bool months = true, integers = xcol->type == RK_INTEGER;
    long lo = 0, hi = 0;
    for (size_t r = 0; r < ds->nrow; r++) {
        if (rk_column_is_missing(xcol, r))
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: x column '%s' is missing in row %zu", xcol->name, r + 1);
        const char *s = push_cell_text(L, xcol, r);
        long m = 0;
        if (integers)
            m = (long)xcol->v.integers[r];
        else if (months && !parse_month(s, &m))
            months = false;
        lo = r == 0 ? m : (m < lo ? m : lo);
        hi = r == 0 ? m : (m > hi ? m : hi);
        lua_pop(L, 1);
    }
    size_t n = 0;
    if ((months || integers) && ds->nrow > 0) {
        if (hi - lo >= MAX_X_POSITIONS)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: x runs over %ld %s, more than a chart can show (%d)",
                         hi - lo + 1, integers ? "values" : "months", MAX_X_POSITIONS);
        for (long m = lo; m <= hi; m++) {
            if (integers)
                lua_pushfstring(L, "%I", (lua_Integer)m);
            else
                lua_pushfstring(L, "%d-%s%d", (int)(m / 12), m % 12 + 1 < 10 ? "0" : "", (int)(m % 12 + 1));
            lua_pushvalue(L, -1);
            lua_rawseti(L, labels, (lua_Integer)++n);
            lua_pushinteger(L, (lua_Integer)n);
            lua_rawset(L, index);
        }
        return n;
    }
    for (size_t r = 0; r < ds->nrow; r++) {
        push_cell_text(L, xcol, r);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, index) != LUA_TNIL) {
            lua_pop(L, 2);
            continue;
        }
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_rawseti(L, labels, (lua_Integer)++n);
        lua_pushinteger(L, (lua_Integer)n);
        lua_rawset(L, index);
    }
    return n;
}

/* The position named by item[field] (a label from the x axis, text or a
 * whole number), 0-based; raises if it is not on the axis. */
static size_t x_position(lua_State *L, int item, const char *field, int index, const char *what, size_t k)
{
    rk_lua_raw_field(L, item, field);
    if (lua_type(L, -1) == LUA_TNUMBER && lua_isinteger(L, -1))
        lua_pushfstring(L, "%I", lua_tointeger(L, -1));
    else
        lua_pushvalue(L, -1);
    if (lua_type(L, -1) != LUA_TSTRING)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: %s %zu needs '%s', a value on the x axis", what, k, field);
    const char *label = lua_tostring(L, -1);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, index) != LUA_TNUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: %s %zu: '%s' is not on the x axis", what, k, label);
    size_t at = (size_t)lua_tointeger(L, -1) - 1;
    lua_pop(L, 3);
    return at;
}

/* item[field] as text or NULL; the item (a table of the spec's copy)
 * keeps it alive. */
static const char *item_text(lua_State *L, int item, const char *field, const char *what, size_t k)
{
    int t = rk_lua_raw_field(L, item, field);
    const char *s = t == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1);
    if (t != LUA_TNIL && t != LUA_TSTRING)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: %s %zu: '%s' must be text", what, k, field);
    return s;
}

/* The line chart's spec, built from the rows `sel` of ds; it and what it
 * points to are on the stack. The x positions and the series come from all
 * rows, so every panel of small multiples has the same. */
static void *build_line(lua_State *L, int spec, rk_dataset *ds, const row_set *sel)
{
    const rk_column *xcol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "x", "line"))];
    size_t y_index = rk_lua_check_column(L, ds, opt_text(L, spec, "y", "line"));
    const rk_column *ycol = ds->cols[y_index];
    const char *group = opt_text(L, spec, "group", "line");
    const rk_column *gcol = group ? ds->cols[rk_lua_check_column(L, ds, group)] : NULL;
    int flag_col = rk_disclose_flag_column(ds, y_index);

    size_t n_x = push_x_positions(L, ds, xcol);
    int x_index = lua_gettop(L) - 1, x_labels_table = lua_gettop(L);

    size_t rank[MAX_GROUP_SERIES];
    size_t n_series = 1;
    if (gcol) {
        n_series = push_group_series(L, ds, gcol, "line", "at most 6 lines can be told apart by colour and dash; "
                                                          "filter the groups or draw several charts", rank);
    } else {
        lua_newtable(L);
        lua_newtable(L);
        lua_pushstring(L, ycol->name);
        lua_rawseti(L, -2, 1);
        rank[0] = 0;
    }
    int series_index = lua_gettop(L) - 1, series_names = lua_gettop(L);

    size_t cells = n_x * n_series;
    double *values = lua_newuserdatauv(L, cells * sizeof *values, 0);
    bool *missing = lua_newuserdatauv(L, cells * sizeof *missing, 0);
    bool *suppressed = lua_newuserdatauv(L, cells * sizeof *suppressed, 0);
    bool *seen = lua_newuserdatauv(L, cells * sizeof *seen, 0);
    for (size_t i = 0; i < cells; i++) {
        values[i] = 0;
        missing[i] = true;
        suppressed[i] = seen[i] = false;
    }
    for (size_t i = 0; i < sel->n; i++) {
        size_t r = row_at(sel, i);
        push_cell_text(L, xcol, r);
        lua_rawget(L, x_index);
        size_t xi = (size_t)lua_tointeger(L, -1) - 1;
        lua_pop(L, 1);
        size_t s = 0;
        if (gcol) {
            push_cell_text(L, gcol, r);
            lua_rawget(L, series_index);
            s = rank[lua_tointeger(L, -1) - 1];
            lua_pop(L, 1);
        }
        size_t cell = s * n_x + xi;
        if (seen[cell]) {
            lua_rawgeti(L, x_labels_table, (lua_Integer)xi + 1);
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: two rows for x = '%s'%s (row %zu): a line has one "
                         "value per x; count or filter first", lua_tostring(L, -1), gcol ? " in one group" : "", r + 1);
        }
        seen[cell] = true;
        read_cell(ds, ycol, flag_col, r, &values[cell], &missing[cell], &suppressed[cell]);
    }

    const char **x_labels = lua_newuserdatauv(L, n_x * sizeof *x_labels, 0);
    for (size_t i = 0; i < n_x; i++) {
        lua_rawgeti(L, x_labels_table, (lua_Integer)i + 1);
        x_labels[i] = lua_tostring(L, -1); /* the table keeps it alive */
        lua_pop(L, 1);
    }
    rk_line_series *series = lua_newuserdatauv(L, n_series * sizeof *series, 0);
    for (size_t k = 0; k < n_series; k++) {
        size_t s = rank[k];
        lua_rawgeti(L, series_names, (lua_Integer)k + 1);
        series[s] = (rk_line_series){
            .name = lua_tostring(L, -1),
            .values = values + s * n_x,
            .missing = missing + s * n_x,
            .suppressed = suppressed + s * n_x,
        };
        lua_pop(L, 1);
    }

    /* Markers and shaded periods. */
    size_t n_markers = 0, n_shades = 0;
    rk_line_marker *markers = NULL;
    rk_line_shade *shades = NULL;
    if (rk_lua_raw_field(L, spec, "markers") == LUA_TTABLE) {
        int list = lua_gettop(L);
        n_markers = (size_t)lua_rawlen(L, list);
        markers = lua_newuserdatauv(L, (n_markers + 1) * sizeof *markers, 0);
        for (size_t k = 0; k < n_markers; k++) {
            if (lua_rawgeti(L, list, (lua_Integer)k + 1) != LUA_TTABLE)
                rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: marker %zu must be a table, as {at = ..., label = ...}",
                             k + 1);
            int item = lua_gettop(L);
            markers[k].at = x_position(L, item, "at", x_index, "marker", k + 1);
            markers[k].label = item_text(L, item, "label", "marker", k + 1);
            lua_pop(L, 1);
        }
    } /* the list stays on the stack: it keeps the labels alive */
    if (rk_lua_raw_field(L, spec, "shade") == LUA_TTABLE) {
        int list = lua_gettop(L);
        n_shades = (size_t)lua_rawlen(L, list);
        shades = lua_newuserdatauv(L, (n_shades + 1) * sizeof *shades, 0);
        for (size_t k = 0; k < n_shades; k++) {
            if (lua_rawgeti(L, list, (lua_Integer)k + 1) != LUA_TTABLE)
                rk_lua_raise(L, RK_ERROR_SCRIPT,
                             "chart.line: shaded period %zu must be a table, as {from = ..., to = ..., label = ...}",
                             k + 1);
            int item = lua_gettop(L);
            shades[k].from = x_position(L, item, "from", x_index, "shaded period", k + 1);
            shades[k].to = x_position(L, item, "to", x_index, "shaded period", k + 1);
            shades[k].label = item_text(L, item, "label", "shaded period", k + 1);
            if (shades[k].from > shades[k].to)
                rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.line: shaded period %zu ends before it starts", k + 1);
            lua_pop(L, 1);
        }
    }
    const char *baseline = opt_text(L, spec, "baseline", "line");
    rk_line_spec *line = lua_newuserdatauv(L, sizeof *line, 0);
    *line = (rk_line_spec){
        .title = opt_text(L, spec, "title", "line"),
        .subtitle = opt_text(L, spec, "subtitle", "line"),
        .source = opt_text(L, spec, "source", "line"),
        .x_title = axis_title(L, spec, "x_title", xcol, "line"),
        .y_title = axis_title(L, spec, "y_title", ycol, "line"),
        .n_x = n_x,
        .x_labels = x_labels,
        .n_series = n_series,
        .series = series,
        .n_markers = n_markers,
        .markers = markers,
        .n_shades = n_shades,
        .shades = shades,
        .from_data = baseline && strcmp(baseline, "data") == 0,
        .palette = check_palette(L, spec, "line", true),
        .focus = opt_text(L, spec, "focus", "line"),
        .width_mm = opt_size(L, spec, "width", "line"),
        .height_mm = opt_size(L, spec, "height", "line"),
        .x_name = xcol->name,
        .y_name = ycol->name,
        .companions = true,
        .stamp = rk_lua_chart_stamp(L, spec, "line", sel->n, cells, missing, suppressed),
    };
    return line;
}

static rk_dataset *check_interval_spec(lua_State *L, int spec)
{
    rk_lua_check_option_names(L, spec, "chart.interval", interval_fields, 0);
    const char *names[4] = {opt_text(L, spec, "x", "interval"), opt_text(L, spec, "estimate", "interval"),
                            opt_text(L, spec, "lower", "interval"), opt_text(L, spec, "upper", "interval")};
    const char *title = check_headings_and_size(L, spec, "interval");
    uses_gnuplot(L, spec, "interval");
    int t = rk_lua_raw_field(L, spec, "reference");
    double ref = lua_tonumber(L, -1);
    bool none = t == LUA_TBOOLEAN && !lua_toboolean(L, -1); /* read before the pop */
    lua_pop(L, 1);
    if (!(t == LUA_TNIL || none || (t == LUA_TNUMBER && isfinite(ref))))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.interval: 'reference' must be a number (default 1) or false for none");
    rk_dataset *ds = spec_data(L, spec, "interval");
    if (!names[0] || !names[1] || !names[2] || !names[3])
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.interval: give the columns to draw, as x = \"group\", "
                                         "estimate = \"ratio\", lower = \"lower\", upper = \"upper\"");
    rk_lua_check_column(L, ds, names[0]);
    check_number_column(L, ds, names[1], "interval", "estimate");
    check_number_column(L, ds, names[2], "interval", "lower");
    check_number_column(L, ds, names[3], "interval", "upper");
    require_title(L, title, "interval");
    return ds;
}

static int chart_interval(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    push_spec_copy(L, 1); /* stack: spec copy */
    check_facet_options(L, 2, check_interval_spec(L, 2), "interval");
    return push_chart(L, CHART_INTERVAL);
}

static void *build_interval(lua_State *L, int spec, rk_dataset *ds, const row_set *sel)
{
    const rk_column *xcol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "x", "interval"))];
    size_t e_index = rk_lua_check_column(L, ds, opt_text(L, spec, "estimate", "interval"));
    const rk_column *ecol = ds->cols[e_index];
    const rk_column *lcol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "lower", "interval"))];
    const rk_column *ucol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "upper", "interval"))];
    int flag_col = rk_disclose_flag_column(ds, e_index);
    size_t n = sel->n;

    /* Rows in the data's order, or the ONS order when every group is one of
     * rapkit.ETHNIC_GROUPS (a stable sort: ties keep the data's order). */
    size_t *rows = lua_newuserdatauv(L, n * sizeof *rows, 0);
    int *ranks = lua_newuserdatauv(L, n * sizeof *ranks, 0);
    bool ethnic = true;
    for (size_t i = 0; i < n; i++) {
        rows[i] = row_at(sel, i);
        ranks[i] = -1;
        if (!rk_column_is_missing(xcol, rows[i])) {
            ranks[i] = ethnic_rank(push_cell_text(L, xcol, rows[i]));
            lua_pop(L, 1);
        }
        ethnic = ethnic && ranks[i] >= 0;
    }
    if (ethnic)
        for (size_t i = 1; i < n; i++)
            for (size_t j = i; j > 0 && ranks[j] < ranks[j - 1]; j--) {
                size_t t = rows[j];
                rows[j] = rows[j - 1];
                rows[j - 1] = t;
                int rank = ranks[j];
                ranks[j] = ranks[j - 1];
                ranks[j - 1] = rank;
            }

    const char **labels = lua_newuserdatauv(L, n * sizeof *labels, 0);
    double *est = lua_newuserdatauv(L, 3 * n * sizeof *est, 0);
    double *lower = est + n, *upper = est + 2 * n;
    bool *flags = lua_newuserdatauv(L, 3 * n * sizeof *flags, 0);
    bool *missing = flags, *suppressed = flags + n, *no_interval = flags + 2 * n;
    lua_createtable(L, (int)n, 0);
    int label_store = lua_gettop(L);
    for (size_t i = 0; i < n; i++) {
        size_t r = rows[i];
        labels[i] = NULL;
        if (!rk_column_is_missing(xcol, r)) {
            labels[i] = push_cell_text(L, xcol, r);
            lua_rawseti(L, label_store, (lua_Integer)i + 1);
        }
        read_cell(ds, ecol, flag_col, r, &est[i], &missing[i], &suppressed[i]);
        no_interval[i] = rk_column_is_missing(lcol, r) || rk_column_is_missing(ucol, r);
        lower[i] = no_interval[i] ? 0 : number_at(lcol, r);
        upper[i] = no_interval[i] ? 0 : number_at(ucol, r);
        if (!missing[i] && !no_interval[i] && !(lower[i] <= est[i] && est[i] <= upper[i]))
            rk_lua_raise(L, RK_ERROR_SCRIPT,
                         "chart.interval: row %zu: the interval %s to %s does not contain the estimate %s", r + 1,
                         lua_pushfstring(L, "%f", lower[i]), lua_pushfstring(L, "%f", upper[i]),
                         lua_pushfstring(L, "%f", est[i]));
    }
    int t = rk_lua_raw_field(L, spec, "reference");
    double reference = t == LUA_TNUMBER ? lua_tonumber(L, -1) : 1;
    lua_pop(L, 1);
    rk_interval_spec *chart = lua_newuserdatauv(L, sizeof *chart, 0);
    *chart = (rk_interval_spec){
        .title = opt_text(L, spec, "title", "interval"),
        .subtitle = opt_text(L, spec, "subtitle", "interval"),
        .source = opt_text(L, spec, "source", "interval"),
        .x_title = axis_title(L, spec, "x_title", ecol, "interval"),
        .y_title = axis_title(L, spec, "y_title", xcol, "interval"),
        .n = n,
        .labels = labels,
        .estimate = est,
        .lower = lower,
        .upper = upper,
        .missing = missing,
        .suppressed = suppressed,
        .no_interval = no_interval,
        .reference = reference,
        .no_reference = t == LUA_TBOOLEAN,
        .width_mm = opt_size(L, spec, "width", "interval"),
        .height_mm = opt_size(L, spec, "height", "interval"),
        .x_name = xcol->name,
        .companions = true,
        .stamp = rk_lua_chart_stamp(L, spec, "interval", n, n, missing, suppressed),
    };
    return chart;
}

/* ---- spc charts ---------------------------------------------------------- */

#define SPC_USAGE "give the result of rapkit.stats.spc, as spc = rapkit.stats.spc(values, {labels = months})"

/* Pushes the points of the spc result at `result` (the i-th of small
 * multiples when panel > 0) after checking they are a non-empty list of
 * tables; returns their number. stack: -> ..., points */
static size_t push_spc_points(lua_State *L, int result, size_t panel)
{
    const char *which = panel ? lua_pushfstring(L, "'spc' result %d", (int)panel) : "'spc'";
    if (lua_type(L, result) != LUA_TTABLE)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: %s is not a result: " SPC_USAGE, which);
    lua_pushstring(L, "points");
    int t = lua_rawget(L, result);
    size_t n = t == LUA_TTABLE ? (size_t)lua_rawlen(L, -1) : 0;
    if (n == 0)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: %s has no points: " SPC_USAGE, which);
    if (n > MAX_X_POSITIONS)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: more than %d points", MAX_X_POSITIONS);
    if (panel)
        lua_remove(L, -2); /* the name */
    return n;
}

/* The number of panels when spec.facet lists them (small multiples: spc is
 * then a list of results, one per label), else 0. */
static size_t spc_panels(lua_State *L, int spec)
{
    int t = rk_lua_raw_field(L, spec, "facet");
    size_t n = t == LUA_TTABLE ? (size_t)lua_rawlen(L, -1) : 0;
    for (size_t i = 1; i <= n; i++) {
        if (lua_rawgeti(L, -1, (lua_Integer)i) != LUA_TSTRING)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: 'facet' must list the panels' labels, as facet = {\"North\", "
                         "\"South\"}, with spc = {north, south}");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (t != LUA_TNIL && (t != LUA_TTABLE || n == 0))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: 'facet' must list the panels' labels, as facet = {\"North\", "
                     "\"South\"}, with spc = {north, south}");
    if (n > RK_MAX_PANELS)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: %zu panels are too many to read (at most %d)", n, RK_MAX_PANELS);
    if (t == LUA_TNIL && opt_columns(L, spec, "spc"))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: 'columns' arranges small multiples: give facet = {labels} too");
    opt_columns(L, spec, "spc");
    return n;
}

/* Checks every result the spec draws: spec.spc, or each of its list. */
static void check_spc_results(lua_State *L, int spec, size_t panels)
{
    rk_lua_raw_field(L, spec, "spc");
    int spc = lua_gettop(L);
    if (panels == 0) {
        push_spc_points(L, spc, 0);
    } else {
        if (lua_type(L, spc) != LUA_TTABLE || lua_rawlen(L, spc) != panels)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: 'spc' must list one result per label in 'facet' (%zu)",
                         panels);
        for (size_t i = 1; i <= panels; i++) {
            lua_rawgeti(L, spc, (lua_Integer)i);
            push_spc_points(L, lua_gettop(L), i);
            lua_pop(L, 2);
        }
    }
    lua_settop(L, spc - 1);
}

static void check_spc_spec(lua_State *L, int spec)
{
    rk_lua_check_option_names(L, spec, "chart.spc", spc_fields, 0);
    const char *title = check_headings_and_size(L, spec, "spc");
    opt_text(L, spec, "step_label", "spc");
    check_spc_results(L, spec, spc_panels(L, spec));
    require_title(L, title, "spc");
}

static int chart_spc(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    push_spec_copy(L, 1); /* stack: spec copy */
    check_spc_spec(L, 2);
    return push_chart(L, CHART_SPC);
}

/* point[field] as a number, or *present = false when nil; raises otherwise.
 * stack: point at -1, unchanged */
static double spc_point_number(lua_State *L, size_t i, const char *field, bool *present)
{
    lua_pushstring(L, field);
    int t = lua_rawget(L, -2);
    double v = lua_tonumber(L, -1);
    lua_pop(L, 1);
    *present = t == LUA_TNUMBER && !isnan(v);
    if (t != LUA_TNIL && t != LUA_TNUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: point %zu: '%s' must be a number or nil", i + 1, field);
    return *present ? v : 0;
}

/* The spc chart's spec from the result at `result`; it and what it points
 * to are on the stack. */
static rk_spc_spec *build_spc(lua_State *L, int spec, int result)
{
    size_t n = push_spc_points(L, result, 0);                /* stack: ... points */
    int points = lua_gettop(L);
    const char **labels = lua_newuserdatauv(L, n * sizeof *labels, 0);
    double *values = lua_newuserdatauv(L, 4 * n * sizeof *values, 0);
    double *centre = values + n, *lower = values + 2 * n, *upper = values + 3 * n;
    bool *flags = lua_newuserdatauv(L, 4 * n * sizeof *flags, 0);
    bool *missing = flags, *no_centre = flags + n, *no_limits = flags + 2 * n, *signal = flags + 3 * n;
    size_t *segment = lua_newuserdatauv(L, n * sizeof *segment, 0);
    lua_createtable(L, (int)n, 0);                           /* labels made here stay alive in it */
    int label_store = lua_gettop(L);
    for (size_t i = 0; i < n; i++) {
        if (lua_rawgeti(L, points, (lua_Integer)i + 1) != LUA_TTABLE) /* stack: ... point */
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: point %zu is not a table: " SPC_USAGE, i + 1);
        lua_pushstring(L, "label");
        int t = lua_rawget(L, -2);
        if (t == LUA_TNIL) {                                 /* no labels given: the point number */
            lua_pop(L, 1);
            lua_pushfstring(L, "%d", (int)i + 1);
        } else if (t != LUA_TSTRING) {
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: point %zu: 'label' must be text", i + 1);
        }
        labels[i] = lua_tostring(L, -1);
        lua_rawseti(L, label_store, (lua_Integer)i + 1);     /* stack: ... point; the store holds the label */
        bool present, limits_lo, limits_hi;
        values[i] = spc_point_number(L, i, "value", &present);
        missing[i] = !present;
        centre[i] = spc_point_number(L, i, "centre", &present);
        no_centre[i] = !present;
        lower[i] = spc_point_number(L, i, "lower", &limits_lo);
        upper[i] = spc_point_number(L, i, "upper", &limits_hi);
        no_limits[i] = !limits_lo || !limits_hi;
        lua_pushstring(L, "segment");
        lua_rawget(L, -2);
        int is_int = 0;
        lua_Integer seg = lua_tointegerx(L, -1, &is_int);
        lua_pop(L, 1);
        if (!is_int || seg < 1 || (size_t)seg > n)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.spc: point %zu: 'segment' must be a segment number", i + 1);
        segment[i] = (size_t)seg - 1;
        lua_pushstring(L, "signal");
        lua_rawget(L, -2);
        signal[i] = lua_toboolean(L, -1);
        lua_pop(L, 2);                                       /* stack: ... */
    }
    const char *x_title = opt_text(L, spec, "x_title", "spc"), *y_title = opt_text(L, spec, "y_title", "spc");
    rk_spc_spec *chart = lua_newuserdatauv(L, sizeof *chart, 0);
    *chart = (rk_spc_spec){
        .title = opt_text(L, spec, "title", "spc"),
        .subtitle = opt_text(L, spec, "subtitle", "spc"),
        .source = opt_text(L, spec, "source", "spc"),
        .x_title = x_title,
        .y_title = y_title,
        .n = n,
        .labels = labels,
        .values = values,
        .missing = missing,
        .segment = segment,
        .centre = centre,
        .lower = lower,
        .upper = upper,
        .no_centre = no_centre,
        .no_limits = no_limits,
        .signal = signal,
        .step_label = opt_text(L, spec, "step_label", "spc"),
        .width_mm = opt_size(L, spec, "width", "spc"),
        .height_mm = opt_size(L, spec, "height", "spc"),
        .x_name = x_title ? x_title : "period",
        .y_name = y_title ? y_title : "value",
        .companions = true,
        .stamp = rk_lua_chart_stamp(L, spec, "spc", n, n, missing, NULL),
    };
    return chart;
}

/* ---- funnel charts ------------------------------------------------------- */

static rk_dataset *check_funnel_spec(lua_State *L, int spec)
{
    rk_lua_check_option_names(L, spec, "chart.funnel", funnel_fields, 0);
    const char *stage = opt_text(L, spec, "stage", "funnel");
    const char *value = opt_text(L, spec, "value", "funnel");
    const char *title = check_headings_and_size(L, spec, "funnel");
    rk_dataset *ds = spec_data(L, spec, "funnel");
    if (!stage || !value)
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "chart.funnel: give the columns to draw, as stage = \"stage\", value = \"n\" (one row per stage, "
                     "in order)");
    rk_lua_check_column(L, ds, stage);
    check_number_column(L, ds, value, "funnel", "value");
    require_title(L, title, "funnel");
    return ds;
}

static int chart_funnel(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    push_spec_copy(L, 1); /* stack: spec copy */
    check_facet_options(L, 2, check_funnel_spec(L, 2), "funnel");
    return push_chart(L, CHART_FUNNEL);
}

static void *build_funnel(lua_State *L, int spec, rk_dataset *ds, const row_set *sel)
{
    if (sel->n > MAX_X_POSITIONS)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.funnel: more than %d stages", MAX_X_POSITIONS);
    const rk_column *scol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "stage", "funnel"))];
    size_t v_index = rk_lua_check_column(L, ds, opt_text(L, spec, "value", "funnel"));
    const rk_column *vcol = ds->cols[v_index];
    int flag_col = rk_disclose_flag_column(ds, v_index);
    size_t n = sel->n;
    const char **labels = lua_newuserdatauv(L, n * sizeof *labels, 0);
    double *values = lua_newuserdatauv(L, n * sizeof *values, 0);
    bool *flags = lua_newuserdatauv(L, 2 * n * sizeof *flags, 0);
    bool *missing = flags, *suppressed = flags + n;
    lua_createtable(L, (int)n, 0);
    int label_store = lua_gettop(L);
    for (size_t i = 0; i < n; i++) {
        size_t r = row_at(sel, i);
        labels[i] = NULL;
        if (!rk_column_is_missing(scol, r)) {
            labels[i] = push_cell_text(L, scol, r);
            lua_rawseti(L, label_store, (lua_Integer)i + 1);
        }
        read_cell(ds, vcol, flag_col, r, &values[i], &missing[i], &suppressed[i]);
        if (!missing[i] && !(values[i] >= 0))
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.funnel: row %zu: the count %s is below 0", r + 1,
                         lua_pushfstring(L, "%f", values[i]));
    }
    rk_funnel_spec *chart = lua_newuserdatauv(L, sizeof *chart, 0);
    *chart = (rk_funnel_spec){
        .title = opt_text(L, spec, "title", "funnel"),
        .subtitle = opt_text(L, spec, "subtitle", "funnel"),
        .source = opt_text(L, spec, "source", "funnel"),
        .x_title = axis_title(L, spec, "x_title", vcol, "funnel"),
        .y_title = axis_title(L, spec, "y_title", scol, "funnel"),
        .n = n,
        .labels = labels,
        .values = values,
        .missing = missing,
        .suppressed = suppressed,
        .width_mm = opt_size(L, spec, "width", "funnel"),
        .height_mm = opt_size(L, spec, "height", "funnel"),
        .x_name = scol->name,
        .y_name = vcol->name,
        .companions = true,
        .stamp = rk_lua_chart_stamp(L, spec, "funnel", n, n, missing, suppressed),
    };
    return chart;
}

/* ---- heatmaps ------------------------------------------------------------ */

#define MAX_HEATMAP_SIDE 200 /* rows or columns: more cannot carry a printed value each */

/* Checks spec[field] is absent or a list of text; returns its length or 0. */
static size_t check_order_list(lua_State *L, int spec, const char *field)
{
    int t = rk_lua_raw_field(L, spec, field);
    size_t n = 0;
    if (t == LUA_TTABLE) {
        n = (size_t)lua_rawlen(L, -1);
        for (size_t i = 1; i <= n; i++) {
            if (lua_rawgeti(L, -1, (lua_Integer)i) != LUA_TSTRING)
                rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: '%s' must be a list of text (the order to draw)",
                             field);
            lua_pop(L, 1);
        }
        if (n == 0 || n > MAX_HEATMAP_SIDE)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: '%s' must list 1 to %d values", field,
                         MAX_HEATMAP_SIDE);
    } else if (t != LUA_TNIL) {
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: '%s' must be a list of text (the order to draw)", field);
    }
    lua_pop(L, 1);
    return n;
}

static rk_dataset *check_heatmap_spec(lua_State *L, int spec)
{
    rk_lua_check_option_names(L, spec, "chart.heatmap", heatmap_fields, 0);
    const char *row = opt_text(L, spec, "row", "heatmap");
    const char *col = opt_text(L, spec, "col", "heatmap");
    const char *value = opt_text(L, spec, "value", "heatmap");
    const char *level = opt_text(L, spec, "level", "heatmap");
    const char *scale = opt_text(L, spec, "scale", "heatmap");
    const char *title = check_headings_and_size(L, spec, "heatmap");
    opt_decimals(L, spec, "decimals", "heatmap");
    check_order_list(L, spec, "rows");
    check_order_list(L, spec, "cols");
    if (scale && strcmp(scale, "sequential") != 0 && strcmp(scale, "rag") != 0)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: 'scale' must be \"sequential\" or \"rag\"");
    if (scale && strcmp(scale, "rag") == 0 && !level)
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "chart.heatmap: scale \"rag\" needs a level column of red, amber or green, as level = \"rag\"");
    if (scale && strcmp(scale, "sequential") == 0 && level)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: a level column is drawn on the \"rag\" scale, not "
                                         "\"sequential\"");
    rk_dataset *ds = spec_data(L, spec, "heatmap");
    if (!row || !col || !value)
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "chart.heatmap: give the columns to draw, as row = \"area\", col = \"measure\", value = \"n\"");
    rk_lua_check_column(L, ds, row);
    rk_lua_check_column(L, ds, col);
    check_number_column(L, ds, value, "heatmap", "value");
    if (level) {
        size_t lc = rk_lua_check_column(L, ds, level);
        if (ds->cols[lc]->type != RK_TEXT)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: level column '%s' is %s: it needs text (red, amber "
                         "or green)", level, rk_type_name(ds->cols[lc]->type));
    }
    require_title(L, title, "heatmap");
    return ds;
}

static int chart_heatmap(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    push_spec_copy(L, 1); /* stack: spec copy */
    check_facet_options(L, 2, check_heatmap_spec(L, 2), "heatmap");
    return push_chart(L, CHART_HEATMAP);
}

/* The positions of a row or column key: from spec[field] when given, else
 * the data's values in the order they first appear. Pushes a table text ->
 * position (from 0) and a list of the texts; returns the count.
 * stack: -> ..., index, labels */
static size_t push_heatmap_axis(lua_State *L, int spec, const char *field, const rk_column *col)
{
    lua_newtable(L);
    int index = lua_gettop(L);
    lua_newtable(L);
    int labels = lua_gettop(L);
    size_t n = 0;
    if (rk_lua_raw_field(L, spec, field) == LUA_TTABLE) {
        int list = lua_gettop(L);
        size_t len = (size_t)lua_rawlen(L, list);
        for (size_t i = 1; i <= len; i++) {
            lua_rawgeti(L, list, (lua_Integer)i);
            lua_pushvalue(L, -1);
            if (lua_rawget(L, index) != LUA_TNIL)
                rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: '%s' lists '%s' twice", field, lua_tostring(L, -2));
            lua_pop(L, 1);
            lua_pushvalue(L, -1);
            lua_pushinteger(L, (lua_Integer)n);
            lua_rawset(L, index);
            lua_rawseti(L, labels, (lua_Integer)++n);
        }
        lua_pop(L, 1);
        return n;
    }
    lua_pop(L, 1);
    for (size_t r = 0; r < col->nrow; r++) {
        if (rk_column_is_missing(col, r))
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: row %zu has no %s ('%s' is missing)", r + 1,
                         strcmp(field, "rows") == 0 ? "row" : "column", col->name);
        push_cell_text(L, col, r);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, index) == LUA_TNIL) {
            if (n == MAX_HEATMAP_SIDE)
                rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: more than %d %s", MAX_HEATMAP_SIDE, field);
            lua_pop(L, 1);
            lua_pushvalue(L, -1);
            lua_pushinteger(L, (lua_Integer)n);
            lua_rawset(L, index);
            lua_rawseti(L, labels, (lua_Integer)++n);
        } else {
            lua_pop(L, 2);
        }
    }
    return n;
}

/* Whether text names a RAG level as rk_chart_heatmap_save reads them. */
static bool is_rag_level(const char *text)
{
    static const char *const names[] = {"red", "amber", "green", "r", "a", "g"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(text, names[i]) == 0)
            return true;
    return false;
}

/* The position of the row's key in `index`. stack: unchanged */
static size_t heatmap_position(lua_State *L, int index, const rk_column *col, size_t r, const char *field)
{
    if (rk_column_is_missing(col, r))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: row %zu has no %s ('%s' is missing)", r + 1, field,
                     col->name);
    const char *text = push_cell_text(L, col, r);
    if (lua_rawget(L, index) != LUA_TNUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: row %zu: %s '%s' is not in '%ss'", r + 1, field,
                     lua_pushstring(L, text), field);
    size_t pos = (size_t)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return pos;
}

/* The heatmap's spec from the rows `sel` of ds; the grid's rows and
 * columns come from all rows, so every panel has the same grid. */
static void *build_heatmap(lua_State *L, int spec, rk_dataset *ds, const row_set *sel)
{
    const rk_column *rcol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "row", "heatmap"))];
    const rk_column *ccol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "col", "heatmap"))];
    size_t v_index = rk_lua_check_column(L, ds, opt_text(L, spec, "value", "heatmap"));
    const rk_column *vcol = ds->cols[v_index];
    const char *level_name = opt_text(L, spec, "level", "heatmap");
    const rk_column *lcol = level_name ? ds->cols[rk_lua_check_column(L, ds, level_name)] : NULL;
    int flag_col = rk_disclose_flag_column(ds, v_index);

    size_t n_rows = push_heatmap_axis(L, spec, "rows", rcol);        /* stack: ... rindex rlabels */
    int row_index = lua_gettop(L) - 1, row_list = lua_gettop(L);
    size_t n_cols = push_heatmap_axis(L, spec, "cols", ccol);        /* stack: ... cindex clabels */
    int col_index = lua_gettop(L) - 1, col_list = lua_gettop(L);
    const char **row_labels = lua_newuserdatauv(L, n_rows * sizeof *row_labels, 0);
    const char **col_labels = lua_newuserdatauv(L, n_cols * sizeof *col_labels, 0);
    for (size_t i = 0; i < n_rows; i++) {
        lua_rawgeti(L, row_list, (lua_Integer)i + 1);
        row_labels[i] = lua_tostring(L, -1); /* held by the list */
        lua_pop(L, 1);
    }
    for (size_t i = 0; i < n_cols; i++) {
        lua_rawgeti(L, col_list, (lua_Integer)i + 1);
        col_labels[i] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    size_t n = n_rows * n_cols;
    double *values = lua_newuserdatauv(L, n * sizeof *values, 0);
    bool *flags = lua_newuserdatauv(L, 3 * n * sizeof *flags, 0);
    bool *missing = flags, *suppressed = flags + n, *seen = flags + 2 * n;
    const char **levels = lua_newuserdatauv(L, n * sizeof *levels, 0);
    lua_createtable(L, 0, 0); /* keeps the level texts alive */
    int level_store = lua_gettop(L);
    for (size_t k = 0; k < n; k++) {
        values[k] = 0;
        missing[k] = true; /* a cell with no row in the data is not available */
        suppressed[k] = seen[k] = false;
        levels[k] = NULL;
    }
    for (size_t i = 0; i < sel->n; i++) {
        size_t r = row_at(sel, i);
        size_t k = heatmap_position(L, row_index, rcol, r, "row") * n_cols +
                   heatmap_position(L, col_index, ccol, r, "col");
        if (seen[k])
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: two rows for the cell '%s', '%s' (row %zu): a heatmap "
                         "has one value per cell; count or filter first", row_labels[k / n_cols],
                         col_labels[k % n_cols], r + 1);
        seen[k] = true;
        read_cell(ds, vcol, flag_col, r, &values[k], &missing[k], &suppressed[k]);
        if (lcol && !rk_column_is_missing(lcol, r)) {
            levels[k] = push_cell_text(L, lcol, r);
            lua_rawseti(L, level_store, (lua_Integer)k + 1);
        }
        if (lcol && !missing[k] && !levels[k])
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: row %zu has a value but no level", r + 1);
        if (levels[k] && !is_rag_level(levels[k]))
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.heatmap: row %zu: level '%s' is not red, amber or green", r + 1,
                         levels[k]);
    }
    rk_heatmap_spec *chart = lua_newuserdatauv(L, sizeof *chart, 0);
    *chart = (rk_heatmap_spec){
        .title = opt_text(L, spec, "title", "heatmap"),
        .subtitle = opt_text(L, spec, "subtitle", "heatmap"),
        .source = opt_text(L, spec, "source", "heatmap"),
        .x_title = axis_title(L, spec, "x_title", ccol, "heatmap"),
        .y_title = axis_title(L, spec, "y_title", rcol, "heatmap"),
        .n_rows = n_rows,
        .n_cols = n_cols,
        .row_labels = row_labels,
        .col_labels = col_labels,
        .values = values,
        .missing = missing,
        .suppressed = suppressed,
        .scale = lcol ? RK_HEATMAP_RAG : RK_HEATMAP_SEQUENTIAL,
        .levels = lcol ? levels : NULL,
        .width_mm = opt_size(L, spec, "width", "heatmap"),
        .height_mm = opt_size(L, spec, "height", "heatmap"),
        .fixed_decimals = opt_decimals(L, spec, "decimals", "heatmap") >= 0,
        .decimals = opt_decimals(L, spec, "decimals", "heatmap"),
        .row_name = rcol->name,
        .col_name = ccol->name,
        .value_name = vcol->name,
        .companions = true,
        .stamp = rk_lua_chart_stamp(L, spec, "heatmap", sel->n, n, missing, suppressed),
    };
    return chart;
}

/* ---- saving, alone or as small multiples --------------------------------- */

/* A chart type whose spec is built from a dataset's rows. */
typedef struct dataset_chart {
    const char *name;
    rk_chart_kind kind;
    rk_dataset *(*check)(lua_State *L, int spec);
    void *(*build)(lua_State *L, int spec, rk_dataset *ds, const row_set *sel);
    const char *empty; /* why data without rows is refused */
} dataset_chart;

static const dataset_chart dataset_charts[] = {
    {"bar", RK_CHART_BAR, check_bar_spec, build_bar, "there are no bars to draw"},
    {"line", RK_CHART_LINE, check_line_spec, build_line, "there are no lines to draw"},
    {"interval", RK_CHART_INTERVAL, check_interval_spec, build_interval, "there is nothing to draw"},
    {"funnel", RK_CHART_FUNNEL, check_funnel_spec, build_funnel, "there are no stages to draw"},
    {"heatmap", RK_CHART_HEATMAP, check_heatmap_spec, build_heatmap, "there are no cells to draw"},
};

/* Saves a built spec through gnuplot when `gnuplot` is given (bar, line and
 * interval charts), else with cairo. */
static rk_status save_spec(rk_chart_kind kind, const void *chart, const char *path, const rk_gnuplot_options *gnuplot,
                           rk_error *err)
{
    if (gnuplot)
        switch (kind) {
        case RK_CHART_BAR: return rk_gnuplot_bar_save(chart, path, gnuplot, err);
        case RK_CHART_LINE: return rk_gnuplot_line_save(chart, path, gnuplot, err);
        case RK_CHART_INTERVAL: return rk_gnuplot_interval_save(chart, path, gnuplot, err);
        default: return rk_error_set(err, RK_EARG, "cannot save chart: gnuplot draws bar, line and interval charts");
        }
    switch (kind) {
    case RK_CHART_BAR: return rk_chart_bar_save(chart, path, err);
    case RK_CHART_LINE: return rk_chart_line_save(chart, path, err);
    case RK_CHART_INTERVAL: return rk_chart_interval_save(chart, path, err);
    case RK_CHART_FUNNEL: return rk_chart_funnel_save(chart, path, err);
    case RK_CHART_HEATMAP: return rk_chart_heatmap_save(chart, path, err);
    default: return rk_error_set(err, RK_EARG, "cannot save chart: unknown chart type");
    }
}

/* The fields of a built spec that small multiples move from each panel to
 * the page, whatever the spec's type: pointers into the spec, all NULL for
 * a kind without panels. */
typedef struct panel_fields {
    const char **title, **subtitle, **source, **x_title, **y_title;
    const rk_chart_stamp *stamp;
} panel_fields;

static panel_fields fields_of(rk_chart_kind kind, void *chart)
{
    switch (kind) {
    case RK_CHART_BAR: {
        rk_bar_spec *s = chart;
        return (panel_fields){&s->title, &s->subtitle, &s->source, &s->x_title, &s->y_title, s->stamp};
    }
    case RK_CHART_LINE: {
        rk_line_spec *s = chart;
        return (panel_fields){&s->title, &s->subtitle, &s->source, &s->x_title, &s->y_title, s->stamp};
    }
    case RK_CHART_INTERVAL: {
        rk_interval_spec *s = chart;
        return (panel_fields){&s->title, &s->subtitle, &s->source, &s->x_title, &s->y_title, s->stamp};
    }
    case RK_CHART_FUNNEL: {
        rk_funnel_spec *s = chart;
        return (panel_fields){&s->title, &s->subtitle, &s->source, &s->x_title, &s->y_title, s->stamp};
    }
    case RK_CHART_HEATMAP: {
        rk_heatmap_spec *s = chart;
        return (panel_fields){&s->title, &s->subtitle, &s->source, &s->x_title, &s->y_title, s->stamp};
    }
    case RK_CHART_SPC: {
        rk_spc_spec *s = chart;
        return (panel_fields){&s->title, &s->subtitle, &s->source, &s->x_title, &s->y_title, s->stamp};
    }
    default: return (panel_fields){0};
    }
}

/* What a panel hands to its page: the axis titles it would have printed
 * (the page says them once) and its stamp. */
typedef struct panel_handover {
    const char *x_title, *y_title;
    const rk_chart_stamp *stamp;
} panel_handover;

/* Makes a built spec one panel of small multiples: its title is the
 * panel's label; its subtitle, source and axis titles go to the page. */
static panel_handover as_panel(rk_chart_kind kind, void *chart, const char *label)
{
    panel_fields f = fields_of(kind, chart);
    panel_handover out = {NULL, NULL, f.stamp};
    if (!f.title)
        return out;
    out.x_title = *f.x_title;
    out.y_title = *f.y_title;
    /* A horizontal bar chart's categories' title goes above them, on the left. */
    if (kind == RK_CHART_BAR && ((rk_bar_spec *)chart)->horizontal) {
        out.x_title = *f.y_title;
        out.y_title = *f.x_title;
    }
    *f.title = label;
    *f.subtitle = *f.source = *f.x_title = *f.y_title = NULL;
    return out;
}

/* The stamp of small multiples: the panels' values and rows added up.
 * It lives in a userdata pushed on the stack. stack: -> ..., stamp */
static const rk_chart_stamp *push_panels_stamp(lua_State *L, size_t n, const rk_chart_stamp *const *panels)
{
    rk_chart_stamp *all = lua_newuserdatauv(L, sizeof *all, 0);
    if (!panels[0]) /* no stamp outside a run */
        return NULL;
    *all = *panels[0];
    for (size_t i = 1; i < n; i++) {
        all->data_rows += panels[i]->data_rows;
        all->values += panels[i]->values;
        all->drawn += panels[i]->drawn;
        all->missing += panels[i]->missing;
        all->suppressed += panels[i]->suppressed;
    }
    return all;
}

/* Splits ds's rows by the facet column into panels: the values in the
 * order they first appear, or the ONS order when all are ethnic groups.
 * Pushes the panels' labels (a list), the rows grouped by panel and the
 * offset of each panel's first row (n + 1 offsets); returns n.
 * stack: -> ..., labels, rows, starts */
static size_t push_facets(lua_State *L, const rk_dataset *ds, const char *facet, const char *chart)
{
    const rk_column *col = ds->cols[rk_lua_check_column(L, ds, facet)];
    lua_newtable(L);
    int index = lua_gettop(L);
    lua_newtable(L);
    int labels = lua_gettop(L);
    size_t *panel_of = lua_newuserdatauv(L, (ds->nrow + 1) * sizeof *panel_of, 0);
    size_t n = 0;
    for (size_t r = 0; r < ds->nrow; r++) {
        if (rk_column_is_missing(col, r))
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: facet column '%s' is missing in row %zu: every row needs a "
                         "panel; filter the row out or fill the value", chart, facet, r + 1);
        push_cell_text(L, col, r);
        lua_pushvalue(L, -1);
        if (lua_rawget(L, index) == LUA_TNUMBER) {
            panel_of[r] = (size_t)lua_tointeger(L, -1);
            lua_pop(L, 2);
            continue;
        }
        lua_pop(L, 1);
        if (n == RK_MAX_PANELS)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: facet column '%s' has more than %d values: more panels are "
                         "too small to read; filter the data or draw several charts", chart, facet, RK_MAX_PANELS);
        lua_pushvalue(L, -1);
        lua_rawseti(L, labels, (lua_Integer)n + 1);
        lua_pushinteger(L, (lua_Integer)n);
        lua_rawset(L, index);
        panel_of[r] = n++;
    }
    /* Panels in ONS order when every value is an ethnic group. */
    size_t order[RK_MAX_PANELS], place[RK_MAX_PANELS];
    int rank[RK_MAX_PANELS];
    bool ethnic = true;
    for (size_t p = 0; p < n; p++) {
        order[p] = p;
        lua_rawgeti(L, labels, (lua_Integer)p + 1);
        rank[p] = ethnic_rank(lua_tostring(L, -1));
        lua_pop(L, 1);
        ethnic = ethnic && rank[p] >= 0;
    }
    if (ethnic)
        for (size_t i = 1; i < n; i++)
            for (size_t j = i; j > 0 && rank[order[j]] < rank[order[j - 1]]; j--) {
                size_t t = order[j];
                order[j] = order[j - 1];
                order[j - 1] = t;
            }
    lua_createtable(L, (int)n, 0);
    int sorted = lua_gettop(L);
    for (size_t i = 0; i < n; i++) {
        place[order[i]] = i;
        lua_rawgeti(L, labels, (lua_Integer)order[i] + 1);
        lua_rawseti(L, sorted, (lua_Integer)i + 1);
    }
    /* Rows grouped by panel, each panel's in the data's order. */
    size_t *rows = lua_newuserdatauv(L, (ds->nrow + 1) * sizeof *rows, 0);
    size_t *starts = lua_newuserdatauv(L, (n + 1) * sizeof *starts, 0);
    for (size_t i = 0; i <= n; i++)
        starts[i] = 0;
    for (size_t r = 0; r < ds->nrow; r++)
        starts[place[panel_of[r]] + 1]++;
    for (size_t i = 0; i < n; i++)
        starts[i + 1] += starts[i];
    size_t *next = lua_newuserdatauv(L, (n + 1) * sizeof *next, 0);
    memcpy(next, starts, (n + 1) * sizeof *next);
    for (size_t r = 0; r < ds->nrow; r++)
        rows[next[place[panel_of[r]]]++] = r;
    lua_pop(L, 1); /* next */
    /* stack: index labels panel_of sorted rows starts -> sorted rows starts */
    lua_rotate(L, index, -3);
    lua_settop(L, lua_gettop(L) - 3);
    return n;
}

/* Moves everything above `base` into table `keep`, which keeps it alive. */
static void keep_above(lua_State *L, int base, int keep)
{
    while (lua_gettop(L) > base)
        lua_rawseti(L, keep, (lua_Integer)lua_rawlen(L, keep) + 1);
}

/* Saves n panels, built and made panels, as small multiples to the path
 * at stack index 2; the page's texts come from the spec. */
static void save_panels(lua_State *L, int spec, const char *chart, rk_chart_kind kind, const char *facet_name,
                        size_t n, const char **labels, const void **panels, const rk_chart_stamp **stamps,
                        const char *x_title, const char *y_title)
{
    rk_facet_spec facets = {
        .title = opt_text(L, spec, "title", chart),
        .subtitle = opt_text(L, spec, "subtitle", chart),
        .source = opt_text(L, spec, "source", chart),
        .x_title = x_title,
        .y_title = y_title,
        .facet_name = facet_name,
        .kind = kind,
        .n = n,
        .labels = labels,
        .panels = panels,
        .columns = opt_columns(L, spec, chart),
        .width_mm = opt_size(L, spec, "width", chart),
        .height_mm = opt_size(L, spec, "height", chart),
        .companions = true,
        .stamp = push_panels_stamp(L, n, stamps),
    };
    /* Only now, with everything checked, may folders be made for the file. */
    const char *path = rk_host_output_path(L, 2);
    rk_error err;
    if (rk_chart_facet_save(&facets, path, &err) != RK_OK)
        rk_lua_raise_error(L, &err);
}

static void save_spc(lua_State *L)
{
    int spec = 3; /* stack: chart path spec */
    check_spc_spec(L, spec);
    lua_checkstack(L, 64);
    size_t n = spc_panels(L, spec);
    rk_lua_raw_field(L, spec, "spc");
    int results = lua_gettop(L);
    if (n == 0) {
        rk_spc_spec *chart = build_spc(L, spec, results);
        const char *path = rk_host_output_path(L, 2);
        rk_error err;
        if (rk_chart_spc_save(chart, path, &err) != RK_OK)
            rk_lua_raise_error(L, &err);
        return;
    }
    rk_lua_raw_field(L, spec, "facet");
    int label_list = lua_gettop(L);
    const char **labels = lua_newuserdatauv(L, n * sizeof *labels, 0);
    const void **panels = lua_newuserdatauv(L, n * sizeof *panels, 0);
    const rk_chart_stamp **stamps = lua_newuserdatauv(L, n * sizeof *stamps, 0);
    lua_newtable(L);
    int keep = lua_gettop(L);
    const char *x_title = NULL, *y_title = NULL;
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, label_list, (lua_Integer)i + 1);
        labels[i] = lua_tostring(L, -1); /* the list keeps it alive */
        lua_pop(L, 1);
        int base = lua_gettop(L);
        lua_rawgeti(L, results, (lua_Integer)i + 1);
        rk_spc_spec *panel = build_spc(L, spec, base + 1);
        panel_handover handover = as_panel(RK_CHART_SPC, panel, labels[i]);
        stamps[i] = handover.stamp;
        x_title = handover.x_title;
        y_title = handover.y_title;
        panels[i] = panel;
        keep_above(L, base, keep);
    }
    save_panels(L, spec, "spc", RK_CHART_SPC, "panel", n, labels, panels, stamps, x_title, y_title);
}

/* Sends a built chart's warnings to w (NULL: they were given before). */
static void listen(rk_chart_kind kind, void *chart, chart_warning *w)
{
    if (kind != RK_CHART_BAR)
        return; /* the only type that warns */
    rk_bar_spec *bar = chart;
    bar->warn = w ? warn_in_script : NULL;
    bar->warn_ctx = w;
}

static void save_dataset_chart(lua_State *L, const dataset_chart *type)
{
    int spec = 3; /* stack: chart path spec */
    rk_dataset *ds = type->check(L, spec);
    check_facet_options(L, spec, ds, type->name);
    if (ds->nrow == 0)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: the data has no rows: %s", type->name, type->empty);
    lua_checkstack(L, 64);
    /* A chart's warnings are given once (user value 2 remembers), blaming
     * the line that saves it. */
    luaL_where(L, 1);
    chart_warning warning = {.L = L, .where = lua_tostring(L, -1)};
    bool warned = lua_getiuservalue(L, 1, 2) == LUA_TBOOLEAN && lua_toboolean(L, -1);
    lua_pop(L, 1);
    const char *facet = opt_text(L, spec, "facet", type->name);
    if (!facet) {
        row_set all = {NULL, ds->nrow};
        void *chart = type->build(L, spec, ds, &all);
        listen(type->kind, chart, warned ? NULL : &warning);
        rk_lua_gnuplot_run run;
        const rk_gnuplot_options *gnuplot = gnuplot_options(L, spec, type->name, &run);
        /* Only now, with everything checked, may folders be made for the file. */
        const char *path = rk_host_output_path(L, 2);
        rk_error err;
        rk_status status = save_spec(type->kind, chart, path, gnuplot, &err);
        if (warning.given) {
            lua_pushboolean(L, 1);
            lua_setiuservalue(L, 1, 2);
        }
        if (status != RK_OK)
            rk_lua_raise_error(L, &err);
        return;
    }
    if (uses_gnuplot(L, spec, type->name))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: small multiples are drawn by rapkit itself, not gnuplot: leave "
                     "out backend = \"gnuplot\" or facet", type->name);
    size_t n = push_facets(L, ds, facet, type->name); /* stack: ... labels rows starts */
    int labels = lua_gettop(L) - 2;
    const size_t *rows = lua_touserdata(L, -2), *starts = lua_touserdata(L, -1);
    const char **panel_labels = lua_newuserdatauv(L, n * sizeof *panel_labels, 0);
    const void **panels = lua_newuserdatauv(L, n * sizeof *panels, 0);
    const rk_chart_stamp **stamps = lua_newuserdatauv(L, n * sizeof *stamps, 0);
    lua_newtable(L);
    int keep = lua_gettop(L);
    const char *x_title = NULL, *y_title = NULL; /* the axis titles, said once on the page */
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, labels, (lua_Integer)i + 1);
        panel_labels[i] = lua_tostring(L, -1); /* the list keeps it alive */
        lua_pop(L, 1);
        row_set sel = {rows + starts[i], starts[i + 1] - starts[i]};
        int base = lua_gettop(L);
        void *panel = type->build(L, spec, ds, &sel);
        if (i == 0) /* the panels share their colours: one warning is enough */
            listen(type->kind, panel, warned ? NULL : &warning);
        panel_handover handover = as_panel(type->kind, panel, panel_labels[i]);
        stamps[i] = handover.stamp;
        x_title = handover.x_title;
        y_title = handover.y_title;
        panels[i] = panel;
        keep_above(L, base, keep);
    }
    save_panels(L, spec, type->name, type->kind, facet, n, panel_labels, panels, stamps, x_title, y_title);
    if (warning.given) {
        lua_pushboolean(L, 1);
        lua_setiuservalue(L, 1, 2);
    }
}

static int chart_save(lua_State *L)
{
    chart_kind kind = *(chart_kind *)luaL_checkudata(L, 1, CHART_TYPE);
    check_chart_path(L, luaL_checkstring(L, 2));
    lua_settop(L, 2);
    lua_getiuservalue(L, 1, 1);
    push_spec_copy(L, 3);
    lua_replace(L, 3);          /* stack: chart path spec's copy */
    const rk_output_set *outputs = rk_lua_chart_check_outputs(L, 1, 2, chart_kind_names[kind]);
    if (kind == CHART_SPC)
        save_spc(L);
    else
        for (size_t i = 0; i < sizeof dataset_charts / sizeof dataset_charts[0]; i++)
            if (strcmp(dataset_charts[i].name, chart_kind_names[kind]) == 0)
                save_dataset_chart(L, &dataset_charts[i]);
    rk_host_record_outputs(L, outputs);
    /* The save wrote NAME.csv beside the chart (slot 2 now holds the path
     * written): a label that starts like a formula is warned of. */
    const char *written = lua_tostring(L, 2);
    lua_pushlstring(L, written, rk_chart_stem_length(written));
    lua_pushliteral(L, ".csv");
    lua_concat(L, 2);
    rk_host_warn_formula_file(L, lua_tostring(L, -1));
    lua_settop(L, 1);
    return 1; /* the chart, so calls can chain */
}

bool rk_lua_is_chart(lua_State *L, int idx)
{
    return luaL_testudata(L, idx, CHART_TYPE) != NULL;
}

void rk_lua_chart_build(lua_State *L, int idx, rk_lua_chart_built *out)
{
    idx = lua_absindex(L, idx);
    chart_kind kind = *(chart_kind *)luaL_checkudata(L, idx, CHART_TYPE);
    const char *name = chart_kind_names[kind];
    lua_checkstack(L, 64);
    lua_newtable(L);
    int keep = lua_gettop(L);
    lua_getiuservalue(L, idx, 1);
    push_spec_copy(L, -1);
    lua_remove(L, -2);            /* stack: ... keep spec's copy */
    int spec = keep + 1;
    memset(out, 0, sizeof *out);
    out->kind = RK_CHART_BAR;
    if (kind == CHART_SPC) {
        out->kind = RK_CHART_SPC;
        check_spc_spec(L, spec);
        if (spc_panels(L, spec) == 0) {
            rk_lua_raw_field(L, spec, "spc");
            out->spec = build_spc(L, spec, lua_gettop(L));
        }
    }
    for (size_t i = 0; i < sizeof dataset_charts / sizeof dataset_charts[0]; i++) {
        const dataset_chart *type = &dataset_charts[i];
        if (strcmp(type->name, name) != 0)
            continue;
        out->kind = type->kind;
        rk_dataset *ds = type->check(L, spec);
        check_facet_options(L, spec, ds, name);
        if (!opt_text(L, spec, "facet", name) && ds->nrow > 0) {
            row_set all = {NULL, ds->nrow};
            out->spec = type->build(L, spec, ds, &all);
        }
    }
    out->title = opt_text(L, spec, "title", name);
    out->source = opt_text(L, spec, "source", name);
    out->width_mm = opt_size(L, spec, "width", name);
    out->height_mm = opt_size(L, spec, "height", name);
    keep_above(L, keep, keep);
}

static int chart_tostring(lua_State *L)
{
    chart_kind kind = *(chart_kind *)luaL_checkudata(L, 1, CHART_TYPE);
    lua_pushfstring(L, "Chart (%s)", chart_kind_names[kind]);
    return 1;
}

void rk_lua_open_chart(lua_State *L)
{
    static const luaL_Reg methods[] = {{"save", chart_save}, {NULL, NULL}};
    static const luaL_Reg constructors[] = {{"bar", chart_bar}, {"line", chart_line}, {"interval", chart_interval},
                                                {"spc", chart_spc}, {"funnel", chart_funnel},
                                                {"heatmap", chart_heatmap}, {NULL, NULL}};
    luaL_newmetatable(L, CHART_TYPE);
    lua_pushcfunction(L, chart_tostring);
    lua_setfield(L, -2, "__tostring");
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "__index");
    /* Scripts see only the name: the methods cannot be replaced. */
    lua_pushliteral(L, CHART_TYPE);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    luaL_newlib(L, constructors);
    lua_setfield(L, -2, "chart");
}
