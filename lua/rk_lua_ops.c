/* Reshaping methods: scripts name the columns, core/rk_reshape.c does the
 * work. As in rk_lua_dataset.c, arguments are checked first, temporaries
 * are GC-owned userdata, and Lua errors are raised only after core has
 * returned, so no malloc'd memory is pending. */
#include "rk_lua_ops.h"

#include <lauxlib.h>
#include <stdbool.h>
#include <string.h>

#include "rk_host.h"
#include "rk_lua_dataset.h"
#include "rk_reshape.h"

/* A GC-owned array of n elements of the given size (zeroed). */
static void *scratch(lua_State *L, size_t n, size_t size)
{
    void *p = lua_newuserdatauv(L, (n ? n : 1) * size, 0);
    memset(p, 0, (n ? n : 1) * size);
    return p;
}

/* Pushes the result of a core operation, or raises its error. */
static int push_result(lua_State *L, rk_dataset *ds, const rk_error *err)
{
    if (!ds)
        return rk_lua_raise_error(L, err);
    rk_lua_push_dataset(L, ds);
    return 1;
}

/* The `by` columns at arg: none (nil or absent), a column name, or a list
 * of names. stack: [-0, +1] pushes the GC-owned array it returns. */
static size_t *check_by(lua_State *L, const rk_dataset *ds, int arg, const char *fname, size_t *n)
{
    int t = lua_type(L, arg);
    if (t == LUA_TNONE || t == LUA_TNIL) {
        *n = 0;
        return scratch(L, 0, sizeof(size_t));
    }
    if (t == LUA_TSTRING) {
        *n = 1;
        size_t *by = scratch(L, 1, sizeof *by);
        by[0] = rk_lua_check_column(L, ds, lua_tostring(L, arg));
        return by;
    }
    if (t != LUA_TTABLE)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: 'by' must be a column name or a list of column names "
                     "(got %s)", fname, luaL_typename(L, arg));
    *n = lua_rawlen(L, arg);
    size_t *by = scratch(L, *n, sizeof *by);
    for (size_t k = 0; k < *n; k++) {
        lua_rawgeti(L, arg, (lua_Integer)k + 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: 'by' must be a column name or a list of column "
                         "names (item %zu is %s)", fname, k + 1, luaL_typename(L, -1));
        by[k] = rk_lua_check_column(L, ds, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    return by;
}

/* The row count n at arg, a whole number of at least 1. */
static size_t check_window(lua_State *L, int arg, const char *fname)
{
    lua_Integer n = luaL_checkinteger(L, arg);
    if (n < 1)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: n must be 1 or more (got %lld)", fname, (long long)n);
    return (size_t)n;
}

/* distinct(col, ...) */
static int ds_distinct(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    int top = lua_gettop(L);
    size_t n = (size_t)(top - 1);
    size_t *cols = scratch(L, n, sizeof *cols);
    for (size_t k = 0; k < n; k++)
        cols[k] = rk_lua_check_column(L, ds, luaL_checkstring(L, 2 + (int)k));
    rk_error err;
    return push_result(L, rk_dataset_distinct(ds, cols, n, &err), &err);
}

/* pivot(row_col, col_col, value_col) */
static int ds_pivot(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    size_t row_col = rk_lua_check_column(L, ds, luaL_checkstring(L, 2));
    size_t col_col = rk_lua_check_column(L, ds, luaL_checkstring(L, 3));
    size_t value_col = rk_lua_check_column(L, ds, luaL_checkstring(L, 4));
    rk_error err;
    return push_result(L, rk_dataset_pivot(ds, row_col, col_col, value_col, &err), &err);
}

/* share(col [, by]): adds <col>_share */
static int ds_share(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    size_t col = rk_lua_check_column(L, ds, name);
    size_t nby;
    size_t *by = check_by(L, ds, 3, "share", &nby);
    const char *out_name = lua_pushfstring(L, "%s_share", name);
    rk_error err;
    return push_result(L, rk_dataset_share(ds, col, by, nby, out_name, &err), &err);
}

/* lag(col, n [, by]): adds <col>_lag<n> */
static int ds_lag(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    size_t col = rk_lua_check_column(L, ds, name);
    size_t n = check_window(L, 3, "lag");
    size_t nby;
    size_t *by = check_by(L, ds, 4, "lag", &nby);
    const char *out_name = lua_pushfstring(L, "%s_lag%I", name, (lua_Integer)n);
    rk_error err;
    return push_result(L, rk_dataset_lag(ds, col, n, by, nby, out_name, &err), &err);
}

/* rolling(col, n [, by]): adds <col>_rolling<n> */
static int ds_rolling(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    size_t col = rk_lua_check_column(L, ds, name);
    size_t n = check_window(L, 3, "rolling");
    size_t nby;
    size_t *by = check_by(L, ds, 4, "rolling", &nby);
    const char *out_name = lua_pushfstring(L, "%s_rolling%I", name, (lua_Integer)n);
    rk_error err;
    return push_result(L, rk_dataset_rolling_sum(ds, col, n, by, nby, out_name, &err), &err);
}

/* The Dataset at idx, or an error naming what the script gave instead. */
static rk_dataset *check_part(lua_State *L, int idx, const char *what, size_t k)
{
    if (!luaL_testudata(L, idx, RK_DATASET_TYPE))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "bind: %s %zu must be a Dataset (got %s)", what, k,
                     luaL_typename(L, idx));
    return rk_lua_check_dataset(L, idx);
}

/* rapkit.bind(ds1, ds2, ...) or rapkit.bind{ds1, ds2, ...} */
static int api_bind(lua_State *L)
{
    int top = lua_gettop(L);
    bool list = top == 1 && lua_type(L, 1) == LUA_TTABLE;
    size_t n = list ? lua_rawlen(L, 1) : (size_t)top;
    if (n == 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "bind: give the datasets to stack, as rapkit.bind(ds1, ds2)");
    const rk_dataset **parts = scratch(L, n, sizeof *parts);
    for (size_t k = 0; k < n; k++) {
        if (list) {
            lua_rawgeti(L, 1, (lua_Integer)k + 1); /* the list keeps the dataset alive */
            parts[k] = check_part(L, -1, "item", k + 1);
            lua_pop(L, 1);
        } else {
            parts[k] = check_part(L, (int)k + 1, "argument", k + 1);
        }
    }
    rk_error err;
    return push_result(L, rk_dataset_bind(parts, n, &err), &err);
}

void rk_lua_open_ops(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"distinct", ds_distinct}, {"pivot", ds_pivot},     {"share", ds_share},
        {"lag", ds_lag},           {"rolling", ds_rolling}, {NULL, NULL},
    };
    rk_lua_add_dataset_methods(L, methods);
    lua_pushcfunction(L, api_bind);     /* stack: rapkit bind */
    lua_setfield(L, -2, "bind");        /* stack: rapkit */
}
