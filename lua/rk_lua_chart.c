/* rapkit.chart: chart objects built from a spec table and saved by path.
 *
 * A Chart userdata keeps its spec table (and so its dataset) alive as user
 * value 1; save() reads the spec, builds the renderer's spec from the
 * dataset's columns and writes the file through the host's output rules. */
#include "rk_lua_chart.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "rk_chart.h"
#include "rk_host.h"
#include "rk_lua_dataset.h"

#define CHART_TYPE "rapkit.Chart"

/* spec.field as a string, or NULL if absent; raises if it is not text. */
static const char *opt_text(lua_State *L, int spec, const char *field, const char *chart)
{
    lua_getfield(L, spec, field);
    int t = lua_type(L, -1);
    lua_pop(L, 1); /* the string stays alive: the spec table holds it */
    if (t == LUA_TNIL)
        return NULL;
    if (t != LUA_TSTRING) {
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: '%s' must be text", chart, field);
        return NULL;
    }
    lua_getfield(L, spec, field);
    const char *s = lua_tostring(L, -1);
    lua_pop(L, 1);
    return s;
}

static double opt_number(lua_State *L, int spec, const char *field, const char *chart)
{
    lua_getfield(L, spec, field);
    double v = 0;
    if (!lua_isnil(L, -1)) {
        if (!lua_isnumber(L, -1) || lua_tonumber(L, -1) <= 0)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.%s: '%s' must be a positive number (millimetres)",
                         chart, field);
        v = lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
    return v;
}

/* Checks a bar spec now, so the error blames the line that made the chart. */
static void check_bar_spec(lua_State *L, int spec)
{
    lua_getfield(L, spec, "data");
    rk_dataset *ds = rk_lua_check_dataset_field(L, -1, "chart.bar", "data");
    const char *x = opt_text(L, spec, "x", "bar");
    const char *y = opt_text(L, spec, "y", "bar");
    if (!x || !y)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: give the columns to draw, as x = \"group\", y = \"n\"");
    rk_lua_check_column(L, ds, x);
    size_t yc = rk_lua_check_column(L, ds, y);
    rk_type yt = ds->cols[yc]->type;
    if (yt != RK_INTEGER && yt != RK_NUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: y column '%s' is %s: bars need numbers", y,
                     rk_type_name(yt));
    const char *title = opt_text(L, spec, "title", "bar");
    if (!title || !title[0])
        rk_lua_raise(L, RK_ERROR_SCRIPT, "chart.bar: give a title that states the finding");
    opt_text(L, spec, "subtitle", "bar");
    opt_text(L, spec, "source", "bar");
    opt_number(L, spec, "width", "bar");
    opt_number(L, spec, "height", "bar");
    lua_pop(L, 1);
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

static int chart_save(lua_State *L)
{
    luaL_checkudata(L, 1, CHART_TYPE);
    const char *path = rk_host_output_path(L, 2);
    lua_getiuservalue(L, 1, 1);
    int spec = lua_gettop(L);
    check_bar_spec(L, spec); /* the table may have changed since */
    lua_getfield(L, spec, "data");
    rk_dataset *ds = rk_lua_check_dataset(L, -1);
    const rk_column *xcol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "x", "bar"))];
    const rk_column *ycol = ds->cols[rk_lua_check_column(L, ds, opt_text(L, spec, "y", "bar"))];

    size_t n = ds->nrow;
    const char **labels = lua_newuserdatauv(L, (n ? n : 1) * sizeof *labels, 0);
    double *values = lua_newuserdatauv(L, (n ? n : 1) * sizeof *values, 0);
    bool *missing = lua_newuserdatauv(L, (n ? n : 1) * sizeof *missing, 0);
    /* Labels as text: one Lua string each, kept alive in a table. */
    lua_createtable(L, (int)n, 0);
    int label_store = lua_gettop(L);
    for (size_t i = 0; i < n; i++) {
        if (rk_column_is_missing(xcol, i)) {
            labels[i] = NULL;
        } else {
            rk_lua_push_cell(L, xcol, i);
            labels[i] = luaL_tolstring(L, -1, NULL);
            lua_rawseti(L, label_store, (lua_Integer)i + 1);
            lua_pop(L, 1);
        }
        missing[i] = rk_column_is_missing(ycol, i);
        values[i] = missing[i] ? 0
                    : ycol->type == RK_INTEGER ? (double)ycol->v.integers[i]
                                               : ycol->v.numbers[i];
    }
    rk_bar_spec bar = {
        .title = opt_text(L, spec, "title", "bar"),
        .subtitle = opt_text(L, spec, "subtitle", "bar"),
        .source = opt_text(L, spec, "source", "bar"),
        .x_title = opt_text(L, spec, "x_title", "bar"),
        .y_title = opt_text(L, spec, "y_title", "bar"),
        .n = n,
        .labels = labels,
        .values = values,
        .missing = missing,
        .width_mm = opt_number(L, spec, "width", "bar"),
        .height_mm = opt_number(L, spec, "height", "bar"),
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
    lua_pop(L, 1);
    luaL_newlib(L, constructors);
    lua_setfield(L, -2, "chart");
}
