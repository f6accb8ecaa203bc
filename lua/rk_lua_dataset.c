/* The rapkit.Dataset type: scripts say what to compute, core computes it.
 *
 * A Dataset userdata holds a pointer to a core dataset it owns; __gc and
 * __close are the same idempotent function. Work that can fail in core runs
 * first and Lua errors are raised after, with no malloc'd temporary pending:
 * temporaries live in GC-owned boxes (see box_new). */
#include "rk_lua_dataset.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "rk_csv.h"
#include "rk_host.h"
#include "rk_outfile.h"
#include "rk_period.h"
#include "rk_table.h"

#define GROUPING_TYPE "rapkit.Grouping"
#define ROW_TYPE "rapkit.Row"
#define BOX_TYPE "rapkit.Box"

typedef struct lua_dataset {
    rk_dataset *ds;   /* NULL once closed */
    size_t bytes;     /* reported to the host's dataset-memory account */
} lua_dataset;

/* ---- GC-owned temporaries --------------------------------------------- */

typedef struct box {
    void *p;
    void (*release)(void *);
} box;

static int box_gc(lua_State *L)
{
    box *b = luaL_checkudata(L, 1, BOX_TYPE);
    if (b->p && b->release)
        b->release(b->p);
    b->p = NULL;
    return 0;
}

/* Pushes a box that frees p with release when collected (or on error). */
static box *box_new(lua_State *L, void *p, void (*release)(void *))
{
    box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->p = p;
    b->release = release;
    luaL_setmetatable(L, BOX_TYPE);
    return b;
}

/* A zeroed GC-owned array of n elements of the given size. */
void rk_lua_box(lua_State *L, void *p, void (*release)(void *))
{
    box_new(L, p, release);
}

static void *scratch(lua_State *L, size_t n, size_t size)
{
    void *p = lua_newuserdatauv(L, (n ? n : 1) * size, 0);
    memset(p, 0, (n ? n : 1) * size);
    return p;
}

static void release_dataset(void *p)
{
    rk_dataset_free(p);
}

static void release_column(void *p)
{
    rk_column_free(p);
}

/* ---- the Dataset userdata --------------------------------------------- */

static int dataset_gc(lua_State *L)
{
    lua_dataset *ud = luaL_checkudata(L, 1, RK_DATASET_TYPE);
    if (ud->ds) {
        rk_host_dataset_bytes(L, -(long long)ud->bytes);
        rk_dataset_free(ud->ds);
        ud->ds = NULL;
    }
    return 0;
}

void rk_lua_push_dataset(lua_State *L, rk_dataset *ds)
{
    /* Create the userdata closed, then attach: if allocation fails, ds is
     * still freed by the box. */
    box *b = box_new(L, ds, release_dataset);
    lua_dataset *ud = lua_newuserdatauv(L, sizeof *ud, 0);
    ud->ds = NULL;
    ud->bytes = 0;
    luaL_setmetatable(L, RK_DATASET_TYPE);
    ud->ds = ds;
    b->p = NULL;
    ud->bytes = rk_dataset_bytes(ds);
    rk_host_dataset_bytes(L, (long long)ud->bytes);
    lua_remove(L, -2); /* the box */
}

rk_dataset *rk_lua_check_dataset(lua_State *L, int arg)
{
    lua_dataset *ud = luaL_checkudata(L, arg, RK_DATASET_TYPE);
    if (!ud->ds)
        luaL_argerror(L, arg, "the dataset is closed");
    return ud->ds;
}

rk_dataset *rk_lua_check_dataset_field(lua_State *L, int idx, const char *fname, const char *field)
{
    lua_dataset *ud = luaL_testudata(L, idx, RK_DATASET_TYPE);
    if (!ud || !ud->ds)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: '%s' must be a Dataset (got %s)", fname, field,
                     ud ? "a closed dataset" : luaL_typename(L, idx));
    return ud->ds;
}

size_t rk_lua_check_column(lua_State *L, const rk_dataset *ds, const char *name)
{
    int c = rk_dataset_find(ds, name);
    if (c >= 0)
        return (size_t)c;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t i = 0; i < ds->ncol && i < 20; i++) {
        if (i)
            luaL_addstring(&b, ", ");
        luaL_addstring(&b, ds->cols[i]->name);
    }
    if (ds->ncol > 20)
        luaL_addstring(&b, ", ...");
    luaL_pushresult(&b);
    return (size_t)rk_lua_raise(L, RK_ERROR_SCRIPT, "no column named '%s' (columns: %s)", name,
                                lua_tostring(L, -1));
}

/* Pushes the result of a core operation, or raises its error. */
static int push_result(lua_State *L, rk_dataset *ds, const rk_error *err)
{
    if (!ds)
        return rk_lua_raise_error(L, err);
    rk_lua_push_dataset(L, ds);
    return 1;
}

void rk_lua_push_cell(lua_State *L, const rk_column *col, size_t row)
{
    if (rk_column_is_missing(col, row)) {
        lua_pushnil(L);
        return;
    }
    char buf[RK_VALUE_BUF];
    size_t len;
    switch (col->type) {
    case RK_INTEGER: lua_pushinteger(L, (lua_Integer)col->v.integers[row]); break;
    case RK_NUMBER: lua_pushnumber(L, col->v.numbers[row]); break;
    case RK_BOOLEAN: lua_pushboolean(L, col->v.booleans[row]); break;
    default: {
        const char *s = rk_column_format(col, row, buf, &len);
        lua_pushlstring(L, s, len);
    }
    }
}

/* ---- values from Lua -------------------------------------------------- */

static int is_missing_marker(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TLIGHTUSERDATA)
        return 0;
    return lua_touserdata(L, idx) == (void *)&rk_lua_push_dataset;
}

/* Reads the Lua value at idx as a cell; returns 0 if it has no cell type
 * (a table, a function). Text is borrowed from the Lua string. */
static int to_value(lua_State *L, int idx, rk_value *v)
{
    memset(v, 0, sizeof *v);
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
        v->missing = true;
        v->type = RK_TEXT;
        return 1;
    case LUA_TBOOLEAN:
        v->type = RK_BOOLEAN;
        v->as.boolean = lua_toboolean(L, idx);
        return 1;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            v->type = RK_INTEGER;
            v->as.integer = lua_tointeger(L, idx);
        } else {
            v->type = RK_NUMBER;
            v->as.number = lua_tonumber(L, idx);
        }
        return 1;
    case LUA_TSTRING:
        v->type = RK_TEXT;
        v->as.text.s = lua_tolstring(L, idx, &v->as.text.len);
        return 1;
    case LUA_TLIGHTUSERDATA:
        if (is_missing_marker(L, idx)) {
            v->missing = true;
            v->type = RK_TEXT;
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/* ---- row proxies: fields by column name, read lazily ------------------- */

typedef struct row_cursor {
    const rk_dataset *ds;
    size_t row;
} row_cursor;

static int row_index(lua_State *L)
{
    /* upvalue 1: the cursor */
    row_cursor *cur = lua_touserdata(L, lua_upvalueindex(1));
    const char *name = luaL_checkstring(L, 2);
    int c = rk_dataset_find(cur->ds, name);
    if (c < 0)
        rk_lua_check_column(L, cur->ds, name); /* raises */
    rk_lua_push_cell(L, cur->ds->cols[c], cur->row);
    return 1;
}

static int row_newindex(lua_State *L)
{
    return rk_lua_raise(L, RK_ERROR_SCRIPT, "a row is read-only: use ds:mutate to add a column");
}

/* Pushes a row proxy whose fields read ds at cursor->row; returns the cursor. */
static row_cursor *push_row_proxy(lua_State *L, const rk_dataset *ds)
{
    lua_newtable(L);                                /* stack: proxy */
    lua_createtable(L, 0, 2);                       /* stack: proxy mt */
    row_cursor *cur = lua_newuserdatauv(L, sizeof *cur, 0);
    cur->ds = ds;
    cur->row = 0;
    lua_pushcclosure(L, row_index, 1);              /* stack: proxy mt __index */
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, row_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_setmetatable(L, -2);                        /* stack: proxy */
    return cur;
}

/* A fresh plain table of the row's cells (missing cells absent). */
static void push_row_table(lua_State *L, const rk_dataset *ds, size_t row)
{
    lua_createtable(L, 0, (int)ds->ncol);
    for (size_t c = 0; c < ds->ncol; c++) {
        rk_lua_push_cell(L, ds->cols[c], row);
        lua_setfield(L, -2, ds->cols[c]->name);
    }
}

/* ---- methods ---------------------------------------------------------- */

static int ds_nrow(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)rk_lua_check_dataset(L, 1)->nrow);
    return 1;
}

static int ds_len(lua_State *L)
{
    return ds_nrow(L);
}

static int ds_names(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    lua_createtable(L, (int)ds->ncol, 0);
    for (size_t c = 0; c < ds->ncol; c++) {
        lua_pushstring(L, ds->cols[c]->name);
        lua_rawseti(L, -2, (lua_Integer)c + 1);
    }
    return 1;
}

static int ds_type(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    size_t c = rk_lua_check_column(L, ds, luaL_checkstring(L, 2));
    lua_pushstring(L, rk_type_name(ds->cols[c]->type));
    return 1;
}

static int ds_get(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    size_t c = rk_lua_check_column(L, ds, luaL_checkstring(L, 3));
    if (i < 1 || (lua_Unsigned)i > ds->nrow)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "row %lld is out of range (the dataset has %zu rows)",
                            (long long)i, ds->nrow);
    rk_lua_push_cell(L, ds->cols[c], (size_t)(i - 1));
    return 1;
}

static int ds_tostring(lua_State *L)
{
    lua_dataset *ud = luaL_checkudata(L, 1, RK_DATASET_TYPE);
    if (!ud->ds) {
        lua_pushliteral(L, "Dataset (closed)");
        return 1;
    }
    /* The first rows as an aligned table (core/rk_table.h), held by a box
     * made before it exists, so an error pushing it cannot leak it. */
    box *b = box_new(L, NULL, free);
    size_t len;
    b->p = rk_table_format(ud->ds, NULL, &len);
    if (!b->p)
        return luaL_error(L, "not enough memory");
    lua_pushlstring(L, b->p, len - 1); /* without the last newline: print adds one */
    return 1;
}

/* filter{col = value | {v1, v2, ...}} or filter(function(row) ... end) */
static int ds_filter(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    uint8_t *keep = scratch(L, ds->nrow, 1);          /* stack: ds arg keep */
    memset(keep, 1, ds->nrow);
    rk_error err;
    if (lua_isfunction(L, 2)) {
        row_cursor *cur = push_row_proxy(L, ds);        /* stack: ds fn keep proxy */
        for (size_t row = 0; row < ds->nrow; row++) {
            cur->row = row;
            lua_pushvalue(L, 2);
            lua_pushvalue(L, -2);
            lua_call(L, 1, 1);
            keep[row] = (uint8_t)lua_toboolean(L, -1);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    } else {
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_pushnil(L);
        while (lua_next(L, 2)) {
            int value_idx = lua_gettop(L);              /* stack: ... key value */
            if (lua_type(L, value_idx - 1) != LUA_TSTRING)
                return rk_lua_raise(L, RK_ERROR_SCRIPT, "filter keys must be column names");
            size_t c = rk_lua_check_column(L, ds, lua_tostring(L, value_idx - 1));
            bool list = lua_istable(L, value_idx);
            size_t n = list ? lua_rawlen(L, value_idx) : 1;
            rk_value *values = scratch(L, n, sizeof *values);
            for (size_t k = 0; k < n; k++) {
                int idx = value_idx;
                if (list) {
                    lua_rawgeti(L, value_idx, (lua_Integer)k + 1);
                    idx = lua_gettop(L);
                }
                if (!to_value(L, idx, &values[k]))
                    return rk_lua_raise(L, RK_ERROR_SCRIPT, "filter value for '%s' must be text, a "
                                        "number, a boolean or rapkit.MISSING", ds->cols[c]->name);
                if (list)
                    lua_pop(L, 1); /* a string stays alive: the list holds it */
            }
            if (rk_mask_in(ds, c, values, n, keep, &err) != RK_OK)
                return rk_lua_raise_error(L, &err);
            lua_settop(L, value_idx - 1);               /* stack: ... key */
        }
    }
    return push_result(L, rk_dataset_filter_mask(ds, keep, &err), &err);
}

/* Column indices from the string arguments first..top; GC-owned. */
static size_t *check_columns(lua_State *L, const rk_dataset *ds, int first, size_t *n)
{
    int top = lua_gettop(L);
    *n = top >= first ? (size_t)(top - first + 1) : 0;
    size_t *cols = scratch(L, *n, sizeof *cols);
    for (size_t k = 0; k < *n; k++)
        cols[k] = rk_lua_check_column(L, ds, luaL_checkstring(L, first + (int)k));
    return cols;
}

static int ds_count(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    size_t n;
    size_t *keys = check_columns(L, ds, 2, &n);
    if (n == 0)
        luaL_argerror(L, 2, "name at least one column to count by");
    rk_error err;
    return push_result(L, rk_dataset_count_by(ds, keys, n, &err), &err);
}

static int ds_select(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    size_t n;
    size_t *cols = check_columns(L, ds, 2, &n);
    if (n == 0)
        luaL_argerror(L, 2, "name at least one column to select");
    rk_error err;
    return push_result(L, rk_dataset_select(ds, cols, n, &err), &err);
}

static int ds_sort(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    rk_sort_key key = {rk_lua_check_column(L, ds, luaL_checkstring(L, 2)), false};
    const char *dir = luaL_optstring(L, 3, "asc");
    if (strcmp(dir, "desc") == 0)
        key.descending = true;
    else if (strcmp(dir, "asc") != 0)
        luaL_argerror(L, 3, "expected \"asc\" or \"desc\"");
    rk_error err;
    return push_result(L, rk_dataset_sort(ds, &key, 1, &err), &err);
}

static int ds_join(lua_State *L)
{
    rk_dataset *left = rk_lua_check_dataset(L, 1);
    rk_dataset *right = rk_lua_check_dataset(L, 2);
    const char *key = luaL_checkstring(L, 3);
    const char *other_key = luaL_optstring(L, 4, key);
    size_t lk = rk_lua_check_column(L, left, key);
    size_t rkey = rk_lua_check_column(L, right, other_key);
    rk_error err;
    return push_result(L, rk_dataset_join(left, right, lk, rkey, &err), &err);
}

/* mutate(name, function(row) ... end): the column's type follows the values
 * returned (integers, numbers, booleans or text; nil is missing). */
static int push_with_column(lua_State *L, const rk_dataset *ds, rk_column *col);

static int ds_mutate(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    luaL_checktype(L, 3, LUA_TFUNCTION);
    if (rk_dataset_find(ds, name) >= 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "column '%s' already exists: choose another name",
                            name);
    /* First pass: collect the values in a Lua table, deciding the type. */
    lua_createtable(L, (int)ds->nrow, 0);               /* stack: ... values */
    int values_idx = lua_gettop(L);
    row_cursor *cur = push_row_proxy(L, ds);            /* stack: ... values proxy */
    bool any_text = false, any_int = false, any_float = false, any_bool = false;
    for (size_t row = 0; row < ds->nrow; row++) {
        cur->row = row;
        lua_pushvalue(L, 3);
        lua_pushvalue(L, -2);
        lua_call(L, 1, 1);
        switch (lua_type(L, -1)) {
        case LUA_TNIL: break;
        case LUA_TSTRING: any_text = true; break;
        case LUA_TBOOLEAN: any_bool = true; break;
        case LUA_TNUMBER:
            if (lua_isinteger(L, -1))
                any_int = true;
            else
                any_float = true;
            break;
        default:
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "mutate '%s': row %zu gave a %s; return text, a number, a boolean or nil",
                                name, row + 1, luaL_typename(L, -1));
        }
        lua_rawseti(L, values_idx, (lua_Integer)row + 1);
    }
    lua_pop(L, 1);
    int kinds = any_text + (any_int || any_float) + any_bool;
    if (kinds > 1)
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "mutate '%s': the function returned values of different types "
                            "(text, numbers, booleans): return one type", name);
    rk_type type = any_text ? RK_TEXT : any_float ? RK_NUMBER : any_int ? RK_INTEGER
                 : any_bool ? RK_BOOLEAN : RK_TEXT;
    rk_column *col = rk_column_new(name, type, ds->nrow);
    if (!col)
        return luaL_error(L, "not enough memory");
    box *b = box_new(L, col, release_column);
    rk_error err;
    for (size_t row = 0; row < ds->nrow; row++) {
        lua_rawgeti(L, values_idx, (lua_Integer)row + 1);
        rk_value v;
        to_value(L, -1, &v);
        if (rk_column_append(col, &v, &err) != RK_OK)
            return rk_lua_raise_error(L, &err);
        lua_pop(L, 1);
    }
    b->p = NULL;
    lua_pop(L, 1); /* the box: push_with_column boxes col again */
    return push_with_column(L, ds, col);
}

/* Returns a copy of ds with col added (taking col, also on failure). */
static int push_with_column(lua_State *L, const rk_dataset *ds, rk_column *col)
{
    box *b = box_new(L, col, release_column);
    size_t *all = scratch(L, ds->ncol, sizeof *all);
    for (size_t k = 0; k < ds->ncol; k++)
        all[k] = k;
    rk_error err;
    rk_dataset *out = rk_dataset_select(ds, all, ds->ncol, &err);
    if (!out)
        return rk_lua_raise_error(L, &err);
    b->p = NULL;
    if (rk_dataset_add_column(out, col, &err) != RK_OK) {
        rk_dataset_free(out);
        return rk_lua_raise_error(L, &err);
    }
    rk_lua_push_dataset(L, out);
    return 1;
}

/* add_period(name, col, "month" | "quarter" | "financial_year" | "year" | "date") */
static int ds_add_period(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    size_t c = rk_lua_check_column(L, ds, luaL_checkstring(L, 3));
    rk_period period;
    if (rk_period_from_name(luaL_checkstring(L, 4), &period) != 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "add_period: the period must be \"month\", \"quarter\", "
                            "\"financial_year\", \"year\" or \"date\"");
    if (rk_dataset_find(ds, name) >= 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "column '%s' already exists: choose another name", name);
    rk_error err;
    rk_column *col = rk_column_period(ds->cols[c], period, name, &err);
    if (!col)
        return rk_lua_raise_error(L, &err);
    return push_with_column(L, ds, col);
}

/* rename(old, new) or rename{old = "new", ...}: a copy with columns renamed. */
static int ds_rename(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    size_t n = 1;
    const char **from, **to;
    if (lua_istable(L, 2)) {
        n = 0;
        lua_pushnil(L);
        while (lua_next(L, 2)) {
            if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
                return rk_lua_raise(L, RK_ERROR_SCRIPT, "rename: give {old = \"new\", ...} with names as text");
            n++;
            lua_pop(L, 1);
        }
        from = scratch(L, n, sizeof *from);
        to = scratch(L, n, sizeof *to);
        size_t k = 0;
        lua_pushnil(L);
        while (lua_next(L, 2)) { /* the strings stay alive in the table */
            from[k] = lua_tostring(L, -2);
            to[k++] = lua_tostring(L, -1);
            lua_pop(L, 1);
        }
    } else {
        from = scratch(L, 1, sizeof *from);
        to = scratch(L, 1, sizeof *to);
        from[0] = luaL_checkstring(L, 2);
        to[0] = luaL_checkstring(L, 3);
    }
    for (size_t k = 0; k < n; k++)
        rk_lua_check_column(L, ds, from[k]); /* the error lists the columns */
    rk_error err;
    return push_result(L, rk_dataset_rename(ds, from, to, n, &err), &err);
}

static int rows_next(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, lua_upvalueindex(1));
    lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
    if ((lua_Unsigned)i >= ds->nrow)
        return 0;
    lua_pushinteger(L, i + 1);
    lua_replace(L, lua_upvalueindex(2));
    push_row_table(L, ds, (size_t)i);
    return 1;
}

static int ds_rows(lua_State *L)
{
    rk_lua_check_dataset(L, 1);
    lua_settop(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, rows_next, 2);
    return 1;
}

static int ds_to_table(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    lua_createtable(L, (int)ds->nrow, 0);
    for (size_t row = 0; row < ds->nrow; row++) {
        push_row_table(L, ds, row);
        lua_rawseti(L, -2, (lua_Integer)row + 1);
    }
    return 1;
}

static int ds_write_csv(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    const char *path = rk_host_output_path(L, 2);
    rk_outfile out;
    rk_error err;
    if (rk_outfile_open(&out, path, &err) != RK_OK)
        return rk_lua_raise_error(L, &err);
    if (rk_dataset_write_csv(ds, out.fp, &err) != RK_OK) {
        rk_outfile_abort(&out);
        return rk_lua_raise_error(L, &err);
    }
    if (rk_outfile_commit(&out, &err) != RK_OK)
        return rk_lua_raise_error(L, &err);
    return 0;
}

/* ---- group_by(...):agg{...} ------------------------------------------- */

static int ds_group_by(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    size_t n;
    check_columns(L, ds, 2, &n);
    lua_pop(L, 1);
    /* A Grouping keeps its dataset alive as user value 1 and the key names
     * as user value 2. */
    int nargs = lua_gettop(L);
    lua_newuserdatauv(L, 1, 2);
    luaL_setmetatable(L, GROUPING_TYPE);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    lua_createtable(L, nargs - 1, 0);
    for (int k = 2; k <= nargs; k++) {
        lua_pushvalue(L, k);
        lua_rawseti(L, -2, k - 1);
    }
    lua_setiuservalue(L, -2, 2);
    return 1;
}

static const char *const agg_names[] = {"count", "sum", "mean", "min", "max", NULL};

static int cmp_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int grouping_agg(lua_State *L)
{
    luaL_checkudata(L, 1, GROUPING_TYPE);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_getiuservalue(L, 1, 1);
    rk_dataset *ds = rk_lua_check_dataset(L, -1);
    /* the dataset stays alive on the stack while it is used */
    lua_getiuservalue(L, 1, 2);
    int keys_idx = lua_gettop(L);
    size_t nkeys = lua_rawlen(L, keys_idx);
    size_t *keys = scratch(L, nkeys, sizeof *keys);
    for (size_t k = 0; k < nkeys; k++) {
        lua_rawgeti(L, keys_idx, (lua_Integer)k + 1);
        keys[k] = rk_lua_check_column(L, ds, lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    /* Output columns in name order: Lua tables have no order of their own. */
    size_t nspecs = 0;
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        if (lua_type(L, -2) != LUA_TSTRING)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "agg: name each result, as {total = {\"sum\", \"col\"}}");
        nspecs++;
        lua_pop(L, 1);
    }
    if (nspecs == 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "agg: give at least one result, as {n = \"count\"}");
    const char **names = scratch(L, nspecs, sizeof *names);
    size_t k = 0;
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        names[k++] = lua_tostring(L, -2); /* stays alive: the key is in the table */
        lua_pop(L, 1);
    }
    qsort(names, nspecs, sizeof *names, cmp_strings);
    rk_agg_spec *specs = scratch(L, nspecs, sizeof *specs);
    for (k = 0; k < nspecs; k++) {
        specs[k].name = names[k];
        lua_getfield(L, 2, names[k]);
        const char *op_name = NULL;
        const char *col_name = NULL;
        if (lua_type(L, -1) == LUA_TSTRING) {
            op_name = lua_tostring(L, -1);
        } else if (lua_istable(L, -1)) {
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 2);
            op_name = lua_tostring(L, -2);
            col_name = lua_tostring(L, -1);
            lua_pop(L, 2); /* strings stay alive in the spec table */
        }
        int op = -1;
        for (int i = 0; op_name && agg_names[i]; i++)
            if (strcmp(op_name, agg_names[i]) == 0)
                op = i;
        if (op < 0)
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "agg '%s': expected \"count\" or {\"sum\"|\"mean\"|\"min\"|\"max\", column}",
                                names[k]);
        specs[k].op = (rk_agg_op)op;
        if (op != RK_AGG_COUNT) {
            if (!col_name)
                return rk_lua_raise(L, RK_ERROR_SCRIPT, "agg '%s': name the column, as {\"%s\", \"col\"}",
                                    names[k], op_name);
            specs[k].col = (int)rk_lua_check_column(L, ds, col_name);
        }
        lua_pop(L, 1);
    }
    size_t *skipped = scratch(L, nspecs, sizeof *skipped);
    rk_error err;
    rk_dataset *out = rk_dataset_aggregate(ds, keys, nkeys, specs, nspecs, skipped, &err);
    push_result(L, out, &err);
    /* Second result: how many missing values each aggregate skipped. */
    lua_createtable(L, 0, (int)nspecs);
    for (k = 0; k < nspecs; k++) {
        lua_pushinteger(L, (lua_Integer)skipped[k]);
        lua_setfield(L, -2, specs[k].name);
    }
    return 2;
}

/* ---- rapkit.read_csv and rapkit.dataset ------------------------------- */

/* An array of strings from opts[field], GC-owned; NULL if absent. */
static const char **string_list(lua_State *L, int opts, const char *field, size_t *n)
{
    *n = 0;
    lua_getfield(L, opts, field);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return NULL;
    }
    if (!lua_istable(L, -1))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "read_csv: opts.%s must be a list of strings", field);
    int list = lua_gettop(L);
    *n = lua_rawlen(L, list);
    const char **items = scratch(L, *n, sizeof *items);
    for (size_t k = 0; k < *n; k++) {
        lua_rawgeti(L, list, (lua_Integer)k + 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "read_csv: opts.%s must be a list of strings", field);
        items[k] = lua_tostring(L, -1); /* alive: held by the list */
        lua_pop(L, 1);
    }
    /* Leave list and items on the stack so they stay alive. */
    return items;
}

/* The rows a lenient load set aside, as a dataset {line, fields, text}. */
static rk_dataset *set_aside_dataset(const rk_csv_report *report, rk_error *err)
{
    rk_dataset *ds = rk_dataset_new();
    rk_column *line = rk_column_new("line", RK_INTEGER, report->nbad_rows);
    rk_column *fields = rk_column_new("fields", RK_INTEGER, report->nbad_rows);
    rk_column *text = rk_column_new("text", RK_TEXT, report->nbad_rows);
    if (!ds || !line || !fields || !text) {
        rk_dataset_free(ds);
        rk_column_free(line);
        rk_column_free(fields);
        rk_column_free(text);
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t i = 0; i < report->nbad_rows; i++) {
        const rk_csv_bad_row *b = &report->bad_rows[i];
        rk_value v = {.type = RK_INTEGER, .as.integer = (int64_t)b->line};
        rk_value f = {.type = RK_INTEGER, .as.integer = (int64_t)b->nfields};
        rk_value t = {.type = RK_TEXT, .missing = b->text == NULL};
        if (b->text)
            t.as.text.s = b->text, t.as.text.len = strlen(b->text);
        if (rk_column_append(line, &v, err) != RK_OK || rk_column_append(fields, &f, err) != RK_OK ||
            rk_column_append(text, &t, err) != RK_OK) {
            rk_dataset_free(ds);
            rk_column_free(line);
            rk_column_free(fields);
            rk_column_free(text);
            return NULL;
        }
    }
    if (rk_dataset_add_column(ds, line, err) != RK_OK) {
        rk_column_free(fields);
        rk_column_free(text);
        rk_dataset_free(ds);
        return NULL;
    }
    if (rk_dataset_add_column(ds, fields, err) != RK_OK) {
        rk_column_free(text);
        rk_dataset_free(ds);
        return NULL;
    }
    if (rk_dataset_add_column(ds, text, err) != RK_OK) {
        rk_dataset_free(ds);
        return NULL;
    }
    return ds;
}

static void release_report(void *p)
{
    rk_csv_report_free(p);
    free(p);
}

static int api_read_csv(lua_State *L)
{
    const char *path = rk_host_input_path(L, 1);
    rk_csv_options opts;
    rk_csv_options_init(&opts);
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        opts.columns = string_list(L, 2, "columns", &opts.ncolumns);
        opts.missing = string_list(L, 2, "missing", &opts.nmissing);
        lua_getfield(L, 2, "lenient");
        opts.lenient = lua_toboolean(L, -1);
        lua_pop(L, 1);
        lua_getfield(L, 2, "types");
        if (!lua_isnil(L, -1)) {
            if (!lua_istable(L, -1))
                return rk_lua_raise(L, RK_ERROR_SCRIPT, "read_csv: opts.types must be a table {column = \"type\"}");
            int types = lua_gettop(L);
            size_t n = 0;
            lua_pushnil(L);
            while (lua_next(L, types)) {
                n++;
                lua_pop(L, 1);
            }
            rk_csv_type_override *over = scratch(L, n, sizeof *over);
            size_t k = 0;
            lua_pushnil(L);
            while (lua_next(L, types)) {
                const char *col = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
                const char *tname = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
                if (!col || !tname || rk_type_from_name(tname, &over[k].type) != 0)
                    return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                        "read_csv: opts.types.%s must be \"integer\", \"number\", \"text\", "
                                        "\"boolean\", \"date\" or \"datetime\"", col ? col : "?");
                over[k++].column = col;
                lua_pop(L, 1);
            }
            opts.types = over;
            opts.ntypes = n;
        }
    }
    rk_csv_report *report = calloc(1, sizeof *report);
    if (!report)
        return luaL_error(L, "not enough memory");
    box_new(L, report, release_report);
    rk_error err;
    rk_dataset *ds = rk_csv_read_file(path, &opts, report, &err);
    for (size_t i = 0; i < report->nwarnings; i++)
        rk_host_warn(L, "%s", report->warnings[i]);
    push_result(L, ds, &err);
    if (!opts.lenient)
        return 1;
    /* Lenient loads also return the rows set aside: line, fields, text. */
    rk_dataset *aside = set_aside_dataset(report, &err);
    if (!aside)
        return rk_lua_raise_error(L, &err);
    rk_lua_push_dataset(L, aside);
    return 2;
}

/* Largest positive integer key of the table at idx (arrays with nil holes). */
static size_t max_index(lua_State *L, int idx)
{
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (lua_isinteger(L, -2) && lua_tointeger(L, -2) > 0 && (size_t)lua_tointeger(L, -2) > n)
            n = (size_t)lua_tointeger(L, -2);
        lua_pop(L, 1);
    }
    return n;
}

/* Builds one column from the Lua array at idx. */
static rk_column *column_from_array(lua_State *L, int idx, const char *name, size_t n, rk_error *err)
{
    rk_type type = RK_TEXT;
    bool decided = false;
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i);
        rk_value v;
        if (!to_value(L, -1, &v)) {
            rk_error_set(err, RK_EARG, "column '%s', row %zu: a %s cannot be a cell", name, i,
                         luaL_typename(L, -1));
            lua_pop(L, 1);
            return NULL;
        }
        lua_pop(L, 1);
        if (v.missing)
            continue;
        if (!decided) {
            type = v.type;
            decided = true;
        } else if (type != v.type) {
            if ((type == RK_INTEGER || type == RK_NUMBER) && (v.type == RK_INTEGER || v.type == RK_NUMBER)) {
                type = RK_NUMBER;
            } else {
                rk_error_set(err, RK_EARG, "column '%s' mixes %s and %s values (row %zu): use one type",
                             name, rk_type_name(type), rk_type_name(v.type), i);
                return NULL;
            }
        }
    }
    rk_column *col = rk_column_new(name, type, n);
    if (!col) {
        rk_error_nomem(err);
        return NULL;
    }
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, idx, (lua_Integer)i);
        rk_value v;
        to_value(L, -1, &v);
        if (v.missing)
            v.type = type;
        rk_status st = rk_column_append(col, &v, err);
        lua_pop(L, 1);
        if (st != RK_OK) {
            rk_column_free(col);
            return NULL;
        }
    }
    return col;
}

static int api_dataset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    /* Column order: names = {...} if given, else sorted. */
    lua_getfield(L, 1, "names");
    int names_idx = lua_gettop(L);
    if (lua_isnil(L, names_idx)) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushnil(L);
        while (lua_next(L, 1)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) == LUA_TSTRING) {
                lua_pushvalue(L, -1);
                lua_rawseti(L, names_idx, (lua_Integer)lua_rawlen(L, names_idx) + 1);
            }
        }
        /* Sort with table.sort semantics in C. */
        size_t n = lua_rawlen(L, names_idx);
        const char **tmp = scratch(L, n, sizeof *tmp);
        for (size_t k = 0; k < n; k++) {
            lua_rawgeti(L, names_idx, (lua_Integer)k + 1);
            tmp[k] = lua_tostring(L, -1);
            lua_pop(L, 1);
        }
        qsort(tmp, n, sizeof *tmp, cmp_strings);
        lua_createtable(L, (int)n, 0);
        for (size_t k = 0; k < n; k++) {
            lua_pushstring(L, tmp[k]);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        lua_replace(L, names_idx);
        lua_pop(L, 1);
    } else if (!lua_istable(L, names_idx)) {
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "dataset: names must be a list of column names");
    }
    size_t ncols = lua_rawlen(L, names_idx);
    rk_dataset *ds = rk_dataset_new();
    if (!ds)
        return luaL_error(L, "not enough memory");
    box *b = box_new(L, ds, release_dataset);
    rk_error err;
    size_t nrow = 0;
    for (size_t k = 1; k <= ncols; k++) {
        lua_rawgeti(L, names_idx, (lua_Integer)k);
        const char *name = lua_tostring(L, -1);
        if (!name)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "dataset: names must be a list of column names");
        lua_getfield(L, 1, name);
        if (!lua_istable(L, -1))
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "dataset: column '%s' must be a list of values", name);
        size_t n = max_index(L, lua_gettop(L));
        if (k == 1)
            nrow = n;
        else if (n != nrow)
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "dataset: column '%s' has %zu value%s but '%s' has %zu: columns must "
                                "be the same length (use rapkit.MISSING for a missing value)",
                                name, n, n == 1 ? "" : "s", ds->cols[0]->name, nrow);
        rk_column *col = column_from_array(L, lua_gettop(L), name, nrow, &err);
        if (!col || rk_dataset_add_column(ds, col, &err) != RK_OK)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "dataset: %s", err.message);
        lua_pop(L, 2);
    }
    b->p = NULL;
    rk_lua_push_dataset(L, ds);
    return 1;
}

/* ---- registration ----------------------------------------------------- */

static const luaL_Reg dataset_methods[] = {
    {"nrow", ds_nrow},       {"names", ds_names},   {"type", ds_type},
    {"get", ds_get},         {"filter", ds_filter}, {"count", ds_count},
    {"group_by", ds_group_by}, {"mutate", ds_mutate}, {"join", ds_join},
    {"sort", ds_sort},       {"select", ds_select}, {"rows", ds_rows},
    {"to_table", ds_to_table}, {"write_csv", ds_write_csv}, {"rename", ds_rename},
    {"add_period", ds_add_period},
    {NULL, NULL},
};

static const luaL_Reg dataset_meta[] = {
    {"__gc", dataset_gc}, {"__close", dataset_gc}, {"__tostring", ds_tostring},
    {"__len", ds_len},    {NULL, NULL},
};

static void create_meta(lua_State *L, const char *name, const luaL_Reg *meta, const luaL_Reg *methods)
{
    luaL_newmetatable(L, name);
    if (meta)
        luaL_setfuncs(L, meta, 0);
    if (methods) {
        lua_newtable(L);
        luaL_setfuncs(L, methods, 0);
        lua_setfield(L, -2, "__index");
    }
    lua_pop(L, 1);
}

void rk_lua_add_dataset_methods(lua_State *L, const luaL_Reg *methods)
{
    luaL_getmetatable(L, RK_DATASET_TYPE);
    lua_getfield(L, -1, "__index");
    luaL_setfuncs(L, methods, 0);
    lua_pop(L, 2);
}

void rk_lua_open_dataset(lua_State *L)
{
    static const luaL_Reg box_meta[] = {{"__gc", box_gc}, {NULL, NULL}};
    static const luaL_Reg grouping_methods[] = {{"agg", grouping_agg}, {NULL, NULL}};
    create_meta(L, BOX_TYPE, box_meta, NULL);
    create_meta(L, RK_DATASET_TYPE, dataset_meta, dataset_methods);
    create_meta(L, GROUPING_TYPE, NULL, grouping_methods);

    lua_pushcfunction(L, api_read_csv);
    lua_setfield(L, -2, "read_csv");
    lua_pushcfunction(L, api_dataset);
    lua_setfield(L, -2, "dataset");
    /* rapkit.MISSING: a unique light userdata, so it can sit in tables. */
    lua_pushlightuserdata(L, (void *)&rk_lua_push_dataset);
    lua_setfield(L, -2, "MISSING");
}
