/* rapkit.chart: chart objects built from a spec table and saved by path.
 *
 * A Chart userdata keeps its spec table (and so its dataset) alive as user
 * value 1; save() reads the spec, builds the renderer's spec from the
 * dataset's columns and writes the file through the host's output rules.
 * Spec fields are read raw (no metamethods), so no script code runs while
 * the dataset's columns are being read. */
#include "rk_lua_chart.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "rk_chart.h"
#include "rk_disclose.h"
#include "rk_host.h"
#include "rk_lua_dataset.h"

#define CHART_TYPE "rapkit.Chart"

/* The sizes rk_chart_bar_save accepts (rk_chart.h), checked when the chart
 * is made so the error blames that line. */
#define MIN_SIDE_MM 20.0
#define MAX_SIDE_MM 1000.0

static const char *const bar_fields[] = {
    "data", "x", "y", "title", "subtitle", "source", "x_title", "y_title", "width", "height", NULL,
};

/* Pushes spec[field], read raw. stack: -> ..., value */
static int spec_field(lua_State *L, int spec, const char *field)
{
    lua_pushstring(L, field);
    return lua_rawget(L, spec);
}

/* spec.field as a string, or NULL if absent; raises if it is not text. */
static const char *opt_text(lua_State *L, int spec, const char *field, const char *chart)
{
    int t = spec_field(L, spec, field);
    const char *s = t == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1); /* the string stays alive: the spec table holds it */
    if (t != LUA_TNIL && t != LUA_TSTRING)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: '%s' must be text", chart, field);
    return s;
}

/* spec.field as a size in millimetres, or 0 (the default) if absent. */
static double opt_size(lua_State *L, int spec, const char *field, const char *chart)
{
    int t = spec_field(L, spec, field);
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

/* Checks a bar spec now, so the error blames the line that made the chart;
 * returns its dataset (the spec holds it). */
static rk_dataset *check_bar_spec(lua_State *L, int spec)
{
    rk_lua_check_option_names(L, spec, "chart.bar", bar_fields, 0);
    const char *x = opt_text(L, spec, "x", "bar");
    const char *y = opt_text(L, spec, "y", "bar");
    const char *title = opt_text(L, spec, "title", "bar");
    opt_text(L, spec, "subtitle", "bar");
    opt_text(L, spec, "source", "bar");
    opt_text(L, spec, "x_title", "bar");
    opt_text(L, spec, "y_title", "bar");
    opt_size(L, spec, "width", "bar");
    opt_size(L, spec, "height", "bar");
    spec_field(L, spec, "data");
    rk_dataset *ds = rk_lua_check_dataset_field(L, -1, "chart.bar", "data");
    lua_pop(L, 1); /* the dataset stays alive: the spec table holds it */
    if (!x || !y)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: give the columns to draw, as x = \"group\", y = \"n\"");
    rk_lua_check_column(L, ds, x);
    size_t yc = rk_lua_check_column(L, ds, y);
    rk_type yt = ds->cols[yc]->type;
    if (yt != RK_INTEGER && yt != RK_NUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: y column '%s' is %s: bars need numbers", y,
                     rk_type_name(yt));
    if (!title || !title[0])
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: give a title that states the finding");
    return ds;
}

static int chart_bar(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    check_bar_spec(L, 1);
    lua_newuserdatauv(L, 1, 1);
    luaL_setmetatable(L, CHART_TYPE);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    return 1;
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

/* An axis title: the spec's, else the column's label when it has one (the
 * header of a file loaded as a kind, "Officer-defined ethnicity"). */
static const char *axis_title(lua_State *L, int spec, const char *field, const rk_column *col)
{
    const char *given = opt_text(L, spec, field, "bar");
    return given ? given : col->label;
}

static int chart_save(lua_State *L)
{
    luaL_checkudata(L, 1, CHART_TYPE);
    check_chart_path(L, luaL_checkstring(L, 2));
    lua_settop(L, 2);
    lua_getiuservalue(L, 1, 1);
    int spec = lua_gettop(L);                            /* stack: chart path spec */
    rk_dataset *ds = check_bar_spec(L, spec); /* the table may have changed since */
    if (ds->nrow == 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: the data has no rows: there are no bars to draw");
    const rk_column *xcol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "x", "bar"))];
    size_t y_index = rk_lua_check_column(L, ds, opt_text(L, spec, "y", "bar"));
    const rk_column *ycol = ds->cols[y_index];

    size_t n = ds->nrow;
    const char **labels = lua_newuserdatauv(L, n * sizeof *labels, 0);
    double *values = lua_newuserdatauv(L, n * sizeof *values, 0);
    bool *missing = lua_newuserdatauv(L, n * sizeof *missing, 0);
    /* A `<y>_suppressed` column (rapkit.disclose) marks withheld values "[c]". */
    int flag_col = rk_disclose_flag_column(ds, y_index);
    bool *suppressed = lua_newuserdatauv(L, n * sizeof *suppressed, 0);
    /* Labels as text: one Lua string each, kept alive in a table. */
    lua_createtable(L, (int)n, 0);
    int label_store = lua_gettop(L);
    for (size_t i = 0; i < n; i++) {
        if (rk_column_is_missing(xcol, i)) {
            labels[i] = NULL;
        } else {
            char buf[RK_VALUE_BUF];
            size_t len;
            const char *s = rk_column_format(xcol, i, buf, &len);
            labels[i] = lua_pushlstring(L, s, len);
            lua_rawseti(L, label_store, (lua_Integer)i + 1);
        }
        missing[i] = rk_column_is_missing(ycol, i);
        suppressed[i] = flag_col >= 0 && !rk_column_is_missing(ds->cols[flag_col], i) &&
                        ds->cols[flag_col]->v.booleans[i];
        values[i] = missing[i] ? 0
                    : ycol->type == RK_INTEGER ? (double)ycol->v.integers[i]
                                               : ycol->v.numbers[i];
    }
    /* Only now, with everything checked, may folders be made for the file;
     * the texts are read after it, right before they are used. */
    const char *path = rk_host_output_path(L, 2);
    rk_bar_spec bar = {
        .title = opt_text(L, spec, "title", "bar"),
        .subtitle = opt_text(L, spec, "subtitle", "bar"),
        .source = opt_text(L, spec, "source", "bar"),
        .x_title = axis_title(L, spec, "x_title", xcol),
        .y_title = axis_title(L, spec, "y_title", ycol),
        .n = n,
        .labels = labels,
        .values = values,
        .missing = missing,
        .suppressed = suppressed,
        .width_mm = opt_size(L, spec, "width", "bar"),
        .height_mm = opt_size(L, spec, "height", "bar"),
    };
    rk_error err;
    if (rk_chart_bar_save(&bar, path, &err) != RK_OK)
        return rk_lua_raise_error(L, &err);
    lua_settop(L, 1);
    return 1; /* the chart, so calls can chain */
}

static int chart_tostring(lua_State *L)
{
    luaL_checkudata(L, 1, CHART_TYPE);
    lua_pushliteral(L, "Chart (bar)");
    return 1;
}

void rk_lua_open_chart(lua_State *L)
{
    static const luaL_Reg methods[] = {{"save", chart_save}, {NULL, NULL}};
    static const luaL_Reg constructors[] = {{"bar", chart_bar}, {NULL, NULL}};
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
