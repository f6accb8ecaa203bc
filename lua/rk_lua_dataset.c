/* The rapkit.Dataset type: scripts say what to compute, core computes it.
 *
 * A Dataset userdata holds a pointer to a core dataset it owns; __gc and
 * __close are the same idempotent function. Work that can fail in core runs
 * first and Lua errors are raised after, with no malloc'd temporary pending:
 * the GC owner of C memory (a Dataset made empty, or a box) is pushed before
 * the memory is allocated, then the memory attached to it (see
 * push_empty_dataset, box_new).
 *
 * Closing. __gc releases the dataset: nothing can reach it any more. A
 * script's <close> variable (__close) may end while a C binding is reading
 * the dataset: in a filter or mutate callback, in a finalizer that runs
 * during any allocation a binding makes, in a metamethod a binding
 * triggers. So __close releases at once only when no binding is on the call
 * stack (see binding_running); otherwise it marks the dataset closed and
 * __gc releases it later. Either way the script sees the same thing: every
 * use of a closed dataset raises "the dataset is closed". The metatables
 * are protected with __metatable, so scripts cannot reach __gc, __close or
 * the methods. */
#include "rk_lua_dataset.h"

#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "rk_csv.h"
#include "rk_csv_formula.h"
#include "rk_host.h"
#include "rk_outfile.h"
#include "rk_period.h"
#include "rk_table.h"

#define GROUPING_TYPE "rapkit.Grouping"
#define CURSOR_TYPE "rapkit.RowCursor"
#define MISSING_TYPE "rapkit.MISSING"
#define BOX_TYPE "rapkit.Box"

typedef struct lua_dataset {
    rk_dataset *ds;      /* NULL until attached, and once closed */
    size_t bytes;        /* reported to the host's dataset-memory account */
    bool close_pending;  /* closed while a binding may read ds: __gc releases it */
} lua_dataset;

/* Registry key of rapkit.MISSING (the address is the key). */
static const char missing_key = 'M';

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

static int push_empty_box(lua_State *L)
{
    box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->p = NULL;
    b->release = NULL;
    luaL_setmetatable(L, BOX_TYPE);
    return 1;
}

/* Calls push (a function pushing one new GC-owned value) in protected mode,
 * for memory p that exists already: if Lua runs out of memory making the
 * owner, p is released before the error goes on. stack: -> ..., value */
static void protected_push(lua_State *L, lua_CFunction push, void *p, void (*release)(void *))
{
    if (!lua_checkstack(L, 2)) {
        release(p);
        luaL_error(L, "not enough memory");
    }
    lua_pushcfunction(L, push);
    if (lua_pcall(L, 0, 1, 0) != LUA_OK) {
        release(p);
        lua_error(L); /* the same error, on */
    }
}

/* Pushes a box that frees p with release when collected (or on error). A
 * box made for memory allocated later is pushed with p NULL first. */
static box *box_new(lua_State *L, void *p, void (*release)(void *))
{
    if (p)
        protected_push(L, push_empty_box, p, release);
    else
        push_empty_box(L);
    box *b = lua_touserdata(L, -1);
    b->p = p;
    b->release = release;
    return b;
}

void rk_lua_box(lua_State *L, void *p, void (*release)(void *))
{
    box_new(L, p, release);
}

/* Level by level: `copies` maps each table copied to its copy. */
int rk_lua_raw_field(lua_State *L, int t, const char *field)
{
    t = lua_absindex(L, t);
    lua_pushstring(L, field);
    return lua_rawget(L, t);
}

void rk_lua_push_table_copy(lua_State *L, int idx, int depth_limit)
{
    idx = lua_absindex(L, idx);
    lua_checkstack(L, 8);
    lua_newtable(L);                                    /* stack: copies (original -> copy) */
    int copies = lua_gettop(L);
    lua_newtable(L);                                    /* stack: copies level (originals to copy) */
    lua_pushvalue(L, idx);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, idx);
    lua_newtable(L);
    lua_rawset(L, copies);
    for (int depth = 0; depth <= depth_limit; depth++) {
        int level = lua_gettop(L);
        lua_newtable(L);                                /* stack: ... level next */
        int next = level + 1;
        lua_Integer n_next = 0, n = (lua_Integer)lua_rawlen(L, level);
        for (lua_Integer i = 1; i <= n; i++) {
            lua_rawgeti(L, level, i);                   /* stack: ... original */
            int original = lua_gettop(L);
            lua_pushvalue(L, original);
            lua_rawget(L, copies);                      /* stack: ... original copy */
            int copy = original + 1;
            lua_pushnil(L);
            while (lua_next(L, original)) {             /* stack: ... original copy key value */
                if (lua_type(L, -1) == LUA_TTABLE && depth < depth_limit) {
                    lua_pushvalue(L, -1);
                    if (lua_rawget(L, copies) == LUA_TNIL) {   /* stack: ... key value copy-or-nil */
                        lua_pop(L, 1);
                        lua_newtable(L);
                        lua_pushvalue(L, -2);
                        lua_pushvalue(L, -2);
                        lua_rawset(L, copies);
                        lua_pushvalue(L, -2);
                        lua_rawseti(L, next, ++n_next);
                    }
                    lua_replace(L, -2);                 /* stack: ... key copied-value */
                }
                lua_pushvalue(L, -2);
                lua_insert(L, -2);                      /* stack: ... key key value */
                lua_rawset(L, copy);
            }
            lua_settop(L, next);
        }
        lua_remove(L, level);                           /* stack: copies next */
    }
    lua_pop(L, 1);
    lua_pushvalue(L, idx);
    lua_rawget(L, copies);                              /* stack: copies copy */
    lua_remove(L, copies);
}

/* A zeroed GC-owned array of n elements of the given size. */
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

/* ---- the Dataset userdata --------------------------------------------- */

static void dataset_release(lua_State *L, lua_dataset *ud)
{
    if (ud->ds) {
        rk_host_dataset_bytes(L, -(long long)ud->bytes);
        rk_dataset_free(ud->ds);
        ud->ds = NULL;
    }
}

static int dataset_gc(lua_State *L)
{
    dataset_release(L, luaL_checkudata(L, 1, RK_DATASET_TYPE));
    return 0;
}

/* Whether a C function that may hold a dataset is running below the
 * caller (a metamethod, level 0). The outermost frame is left out: the
 * script's chunk, or the C function the host or the repl called from C,
 * which hold none; so are the host's pcall, xpcall and require, which only
 * run Lua. lua_getstack walks from the top, so this is quadratic in the
 * depth of the stack: it runs only when a script closes a dataset. */
static bool binding_running(lua_State *L)
{
    lua_Debug ar, below;
    if (!lua_getstack(L, 1, &ar))
        return false;
    for (int level = 1; lua_getstack(L, level + 1, &below); level++, ar = below) {
        lua_getinfo(L, "Sf", &ar);                      /* stack: ... function */
        lua_CFunction f = lua_tocfunction(L, -1);
        lua_pop(L, 1);
        if (strcmp(ar.what, "C") == 0 && !rk_host_runs_only_lua(f))
            return true;
    }
    return false;
}

/* __close: released at once unless a binding may be reading the dataset;
 * then only marked closed, and __gc releases it. */
static int dataset_close(lua_State *L)
{
    lua_dataset *ud = luaL_checkudata(L, 1, RK_DATASET_TYPE);
    if (!ud->ds || ud->close_pending)
        return 0;
    if (binding_running(L))
        ud->close_pending = true;
    else
        dataset_release(L, ud);
    return 0;
}

/* Pushes a Dataset with no dataset yet (closed, as liolib's newprefile
 * makes a file): make it before the core dataset it will own, then attach.
 * stack: -> ..., Dataset */
static lua_dataset *push_empty_dataset(lua_State *L)
{
    /* user value 1: notes about how it was made (agg's skipped counts) */
    lua_dataset *ud = lua_newuserdatauv(L, sizeof *ud, 1);
    memset(ud, 0, sizeof *ud);
    luaL_setmetatable(L, RK_DATASET_TYPE);
    return ud;
}

static int push_empty_dataset_cf(lua_State *L)
{
    push_empty_dataset(L);
    return 1;
}

/* Gives the empty Dataset ud the dataset ds, which it owns from now on.
 * Cannot fail. */
static void attach_dataset(lua_State *L, lua_dataset *ud, rk_dataset *ds)
{
    ud->ds = ds;
    ud->bytes = rk_dataset_bytes(ds);
    rk_host_dataset_bytes(L, (long long)ud->bytes);
}

void rk_lua_push_dataset(lua_State *L, rk_dataset *ds)
{
    protected_push(L, push_empty_dataset_cf, ds, release_dataset);
    attach_dataset(L, lua_touserdata(L, -1), ds);
}

static int raise_closed(lua_State *L)
{
    return rk_lua_raise(L, RK_ERROR_SCRIPT,
                        "the dataset is closed (its <close> variable went out of scope)");
}

/* The open Dataset at idx; raises if it is another type or closed. */
static lua_dataset *check_open_dataset(lua_State *L, int idx)
{
    lua_dataset *ud = luaL_checkudata(L, idx, RK_DATASET_TYPE);
    if (!ud->ds || ud->close_pending)
        raise_closed(L);
    return ud;
}

rk_dataset *rk_lua_check_dataset(lua_State *L, int arg)
{
    return check_open_dataset(L, arg)->ds;
}

rk_dataset *rk_lua_check_dataset_field(lua_State *L, int idx, const char *fname, const char *field)
{
    lua_dataset *ud = luaL_testudata(L, idx, RK_DATASET_TYPE);
    if (!ud || !ud->ds || ud->close_pending)
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

void rk_lua_check_option_names(lua_State *L, int idx, const char *fname, const char *const *names,
                               lua_Integer npositional)
{
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);                                  /* stack: ... key */
        bool known = false;
        if (lua_type(L, -1) == LUA_TSTRING) {
            for (size_t k = 0; names[k] && !known; k++)
                known = strcmp(lua_tostring(L, -1), names[k]) == 0;
        } else if (lua_isinteger(L, -1)) {
            lua_Integer i = lua_tointeger(L, -1);
            known = i >= 1 && i <= npositional;
        }
        if (known)
            continue;
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        for (size_t k = 0; names[k]; k++) {
            if (k)
                luaL_addstring(&b, ", ");
            luaL_addstring(&b, names[k]);
        }
        luaL_pushresult(&b);                            /* stack: ... key list */
        if (lua_type(L, -2) == LUA_TSTRING)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: unknown option '%s' (options: %s)", fname,
                         lua_tostring(L, -2), lua_tostring(L, -1));
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: options are named, as {%s = ...} (options: %s)", fname,
                     names[0], lua_tostring(L, -1));
    }
}

/* Walks the keys of the table at idx (absolute) as those of a list: *count
 * gets how many entries it has, *max its largest index. false if a key is
 * not a whole number of at least 1, so the table is no list; the caller
 * raises, saying what the list was for. */
static bool list_extent(lua_State *L, int idx, size_t *count, lua_Integer *max)
{
    *count = 0;
    *max = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);                                  /* stack: ... key */
        if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1) {
            lua_pop(L, 1);
            return false;
        }
        if (lua_tointeger(L, -1) > *max)
            *max = lua_tointeger(L, -1);
        (*count)++;
    }
    return true;
}

static int cmp_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of the table at idx (absolute), sorted in byte order, in a
 * GC-owned array of *n: a script's names in an order of their own, which
 * Lua tables do not have. The strings stay alive as the table's keys: give
 * a table no script can change (rk_lua_push_table_copy). Raises `unnamed`
 * if a key is not a string. stack: -> ..., array */
static const char **sorted_keys(lua_State *L, int idx, size_t *n, const char *unnamed)
{
    *n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);                                  /* stack: ... key */
        if (lua_type(L, -1) != LUA_TSTRING)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "%s", unnamed);
        (*n)++;
    }
    const char **keys = scratch(L, *n, sizeof *keys);
    int array = lua_gettop(L);
    size_t k = 0;
    lua_pushnil(L);
    while (k < *n && lua_next(L, idx)) {   /* bounded: the count was taken before scratch allocated */
        lua_pop(L, 1);
        keys[k++] = lua_tostring(L, -1);
    }
    lua_settop(L, array);
    *n = k;
    qsort(keys, *n, sizeof *keys, cmp_strings);
    return keys;
}

/* ---- values from Lua -------------------------------------------------- */

static bool is_missing_marker(lua_State *L, int idx)
{
    if (lua_type(L, idx) != LUA_TUSERDATA)
        return false;
    idx = lua_absindex(L, idx);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &missing_key);
    bool same = lua_rawequal(L, idx, -1);
    lua_pop(L, 1);
    return same;
}

/* Reads the Lua value at idx as a cell; returns 0 if it has no cell type
 * (a table, a function). Text is borrowed from the Lua string. Allocates
 * nothing, so it cannot raise. */
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
    case LUA_TUSERDATA:
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

/* Builds column `name` from the Lua values list[1..n] (nil or
 * rapkit.MISSING for missing; NaN is stored as missing too). Its type
 * follows the values: text, booleans, integers, or numbers when integers
 * and floats mix. Returns NULL with err set if a value cannot be a cell or
 * the types differ. Allocates no Lua memory, so nothing raises while the
 * column is being built; the caller hands it to a GC owner at once. */
static rk_column *column_from_list(lua_State *L, int list, const char *name, size_t n, rk_error *err)
{
    rk_type type = RK_TEXT;
    bool decided = false;
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, list, (lua_Integer)i);
        rk_value v;
        if (!to_value(L, -1, &v)) {
            rk_error_set(err, RK_EARG,
                         "column '%s', row %zu: a %s cannot be a cell (use text, a number, a boolean "
                         "or rapkit.MISSING)", name, i, luaL_typename(L, -1));
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
        lua_rawgeti(L, list, (lua_Integer)i);
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

/* ---- row proxies: fields by column name, read lazily ------------------- */

/* What the row proxies of one filter or mutate call read through. It sits
 * in a to-be-closed slot of that call, so however the call ends (the
 * script's function may raise) closing it ends the rows' validity. User
 * value 1: the Dataset. */
typedef struct row_cursor {
    lua_dataset *ud;
    size_t row;
    bool active;
} row_cursor;

static int cursor_close(lua_State *L)
{
    row_cursor *cur = luaL_checkudata(L, 1, CURSOR_TYPE);
    cur->active = false;
    return 0;
}

static int row_index(lua_State *L)
{
    /* upvalue 1: the cursor; upvalue 2: the Dataset, kept alive by the row */
    row_cursor *cur = lua_touserdata(L, lua_upvalueindex(1));
    lua_dataset *ud = lua_touserdata(L, lua_upvalueindex(2));
    if (!cur->active)
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "a row can be used only inside the filter or mutate function that received it");
    if (!ud->ds || ud->close_pending)
        return raise_closed(L);
    const char *name = luaL_checkstring(L, 2);
    size_t c = rk_lua_check_column(L, ud->ds, name);
    rk_lua_push_cell(L, ud->ds->cols[c], cur->row);
    return 1;
}

static int row_newindex(lua_State *L)
{
    return rk_lua_raise(L, RK_ERROR_SCRIPT, "a row is read-only: use ds:mutate to add a column");
}

/* Pushes an active cursor over the Dataset at ds_idx, in a to-be-closed
 * slot (the rows are valid until the slot is closed), and a row proxy
 * whose fields read the dataset at cursor->row. stack: -> ..., cursor, proxy */
static row_cursor *push_row_proxy(lua_State *L, int ds_idx)
{
    ds_idx = lua_absindex(L, ds_idx);
    row_cursor *cur = lua_newuserdatauv(L, sizeof *cur, 1);   /* stack: cursor */
    cur->ud = lua_touserdata(L, ds_idx);
    cur->row = 0;
    cur->active = false;
    luaL_setmetatable(L, CURSOR_TYPE);
    lua_pushvalue(L, ds_idx);
    lua_setiuservalue(L, -2, 1);
    lua_toclose(L, -1);
    cur->active = true;
    lua_newtable(L);                                          /* stack: cursor proxy */
    lua_createtable(L, 0, 3);                                 /* stack: cursor proxy mt */
    lua_pushvalue(L, -3);
    lua_pushvalue(L, ds_idx);
    lua_pushcclosure(L, row_index, 2);                        /* stack: cursor proxy mt __index */
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, row_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "rapkit.Row");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);                                  /* stack: cursor proxy */
    return cur;
}

/* Calls the function at fn with a row proxy for every row of the Dataset
 * at ds_idx. filter passes keep (keep[row] is
 * set to the result's truth), mutate the table at `results` (results[row +
 * 1] is set to the result). Raises if the function closed the dataset;
 * `what` names the method. */
static void call_per_row(lua_State *L, int ds_idx, int fn, uint8_t *keep, int results, const char *what)
{
    row_cursor *cur = push_row_proxy(L, ds_idx);              /* stack: cursor proxy */
    int proxy = lua_gettop(L);
    size_t nrow = cur->ud->ds->nrow;
    for (size_t row = 0; row < nrow; row++) {
        cur->row = row;
        lua_pushvalue(L, fn);
        lua_pushvalue(L, proxy);
        lua_call(L, 1, 1);                                    /* stack: cursor proxy result */
        if (keep) {
            keep[row] = (uint8_t)lua_toboolean(L, -1);
            lua_pop(L, 1);
        } else {
            lua_rawseti(L, results, (lua_Integer)row + 1);
        }
        if (cur->ud->close_pending)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: the function closed the dataset it was reading", what);
    }
    lua_closeslot(L, proxy - 1); /* the rows end here */
    lua_settop(L, proxy - 2);
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
    if (!ud->ds || ud->close_pending) {
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

/* The number of values in the filter list at idx for column `col`: its keys
 * must be exactly 1..n (nil inside a list would silently shorten it). */
static size_t filter_list_length(lua_State *L, int idx, const char *col)
{
    size_t count;
    lua_Integer max;
    if (!list_extent(L, idx, &count, &max))
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "filter: the values for '%s' must be a value or a list of values, as "
                     "{\"a\", \"b\"} (use rapkit.MISSING for missing)", col);
    if ((lua_Unsigned)max != count)
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "filter: the list of values for '%s' has a nil in it: use rapkit.MISSING for missing",
                     col);
    return count;
}

/* filter{col = value | {v1, v2, ...}} or filter(function(row) ... end) */
static int ds_filter(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    lua_settop(L, 2);
    rk_error err;
    if (lua_isfunction(L, 2)) {
        uint8_t *keep = scratch(L, ds->nrow, 1);        /* stack: ds fn keep */
        call_per_row(L, 1, 2, keep, 0, "filter");
        return push_result(L, rk_dataset_filter_mask(ds, keep, &err), &err);
    }
    luaL_checktype(L, 2, LUA_TTABLE);
    uint8_t *keep = scratch(L, ds->nrow, 1);            /* stack: ds spec keep */
    memset(keep, 1, ds->nrow);
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        int value_idx = lua_gettop(L);                  /* stack: ... key value */
        if (lua_type(L, value_idx - 1) != LUA_TSTRING)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "filter keys must be column names");
        const char *name = lua_tostring(L, value_idx - 1);
        size_t c = rk_lua_check_column(L, ds, name);
        bool list = lua_istable(L, value_idx);
        size_t n = list ? filter_list_length(L, value_idx, name) : 1;
        rk_value *values = scratch(L, n, sizeof *values);
        for (size_t k = 0; k < n; k++) {
            int idx = value_idx;
            if (list) {
                lua_rawgeti(L, value_idx, (lua_Integer)k + 1);
                idx = lua_gettop(L);
            }
            if (!to_value(L, idx, &values[k]))
                return rk_lua_raise(L, RK_ERROR_SCRIPT, "filter value for '%s' must be text, a "
                                    "number, a boolean or rapkit.MISSING", name);
            if (list)
                lua_pop(L, 1); /* a string stays alive: the list holds it */
        }
        if (rk_mask_in(ds, c, values, n, keep, &err) != RK_OK)
            return rk_lua_raise_error(L, &err);
        lua_settop(L, value_idx - 1);                   /* stack: ... key */
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
static int ds_mutate(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    const char *name = luaL_checkstring(L, 2);
    luaL_checktype(L, 3, LUA_TFUNCTION);
    lua_settop(L, 3);
    if (rk_dataset_find(ds, name) >= 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "column '%s' already exists: choose another name",
                            name);
    lua_createtable(L, (int)ds->nrow, 0);               /* stack: ds name fn values */
    call_per_row(L, 1, 3, NULL, 4, "mutate");
    /* The result's owner first; then C work only, nothing that raises. */
    lua_dataset *out_ud = push_empty_dataset(L);        /* stack: ds name fn values out */
    rk_error err;
    rk_column *col = column_from_list(L, 4, name, ds->nrow, &err);
    if (!col)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "mutate: %s", err.message);
    rk_dataset *out = rk_dataset_with_column(ds, col, &err);
    if (!out)
        return rk_lua_raise_error(L, &err);
    attach_dataset(L, out_ud, out);
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
                            "\"financial_year\", \"year\", \"year_ending_march\" or \"date\"");
    if (rk_dataset_find(ds, name) >= 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "column '%s' already exists: choose another name", name);
    lua_settop(L, 4);
    lua_dataset *out_ud = push_empty_dataset(L);        /* stack: ds name col period out */
    rk_error err;
    rk_column *col = rk_column_period(ds->cols[c], period, name, &err);
    rk_dataset *out = col ? rk_dataset_with_column(ds, col, &err) : NULL;
    if (!out)
        return rk_lua_raise_error(L, &err);
    attach_dataset(L, out_ud, out);
    return 1;
}

/* rename(old, new) or rename{old = "new", ...}: a copy with columns renamed. */
static int ds_rename(lua_State *L)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    size_t n = 1;
    const char **from, **to;
    if (lua_istable(L, 2)) {
        rk_lua_push_table_copy(L, 2, 0); /* a copy holds the names while scratch allocates */
        lua_replace(L, 2);
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
        while (k < n && lua_next(L, 2)) { /* the strings stay alive in the copy */
            from[k] = lua_tostring(L, -2);
            to[k++] = lua_tostring(L, -1);
            lua_pop(L, 1);
        }
        n = k;
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

typedef enum table_format { TABLE_CSV, TABLE_MARKDOWN } table_format;

/* Writes the dataset at 1 to the output path at 2, atomically (a failed
 * write leaves no file and no temporary). */
static int write_dataset(lua_State *L, table_format format)
{
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    luaL_checkstring(L, 2);
    lua_settop(L, 2);
    lua_pushvalue(L, 2); /* the path as given, kept alive for the record (slot 2 is replaced) */
    rk_output_set outputs = {.what = "write_csv", .main = lua_tostring(L, 3)};
    rk_host_check_outputs(L, &outputs);
    const char *path = rk_host_output_path(L, 2);
    rk_outfile out;
    rk_error err;
    if (rk_outfile_open(&out, path, &err) != RK_OK)
        return rk_lua_raise_error(L, &err);
    rk_csv_formula formula = {0};
    rk_status st = format == TABLE_CSV ? rk_dataset_write_csv(ds, out.fp, &formula, &err)
                                       : rk_table_write_markdown(ds, out.fp, &err);
    if (st != RK_OK && st != RK_EIO) {
        rk_outfile_abort(&out);
        return rk_lua_raise_error(L, &err);
    }
    /* A write error is left on the stream: the commit reports it with the
     * path and the reason, and removes the temporary. */
    if (rk_outfile_commit(&out, &err) != RK_OK)
        return rk_lua_raise_error(L, &err);
    rk_host_record_outputs(L, &outputs);
    rk_host_warn_formula(L, path, &formula);
    return 0;
}

static int ds_write_csv(lua_State *L)
{
    return write_dataset(L, TABLE_CSV);
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    return len >= n && strcmp(s + len - n, suffix) == 0;
}

/* ds:write(path): the format follows the extension, checked before any
 * folder is made for the file. */
static int ds_write(lua_State *L)
{
    rk_lua_check_dataset(L, 1);
    size_t len;
    const char *path = luaL_checklstring(L, 2, &len);
    if (ends_with(path, len, ".csv"))
        return write_dataset(L, TABLE_CSV);
    if (ends_with(path, len, ".md"))
        return write_dataset(L, TABLE_MARKDOWN);
    return rk_lua_raise(L, RK_ERROR_SCRIPT,
                        "write: cannot tell the format of '%s': name the file .csv (CSV) or .md "
                        "(a Markdown table)", path);
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

static int grouping_agg(lua_State *L)
{
    luaL_checkudata(L, 1, GROUPING_TYPE);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    rk_lua_push_table_copy(L, 2, 1); /* holds the names and specs' strings until agg returns */
    lua_replace(L, 2);
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
    /* Output columns in name order. */
    size_t nspecs;
    const char **names = sorted_keys(L, 2, &nspecs,
                                     "agg: name each result, as {total = {\"sum\", \"col\"}}");
    if (nspecs == 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "agg: give at least one result, as {n = \"count\"}");
    rk_agg_spec *specs = scratch(L, nspecs, sizeof *specs);
    for (size_t k = 0; k < nspecs; k++) {
        specs[k].name = names[k];
        specs[k].col = -1;
        lua_getfield(L, 2, names[k]);                   /* stack: ... spec */
        const char *op_name = NULL;
        const char *col_name = NULL;
        bool col_given = false;
        /* Only strings are read as strings: lua_tostring would turn a
         * number into a string in the table slot and leave it unreferenced. */
        if (lua_type(L, -1) == LUA_TSTRING) {
            op_name = lua_tostring(L, -1);
        } else if (lua_istable(L, -1)) {
            lua_rawgeti(L, -1, 1);
            lua_rawgeti(L, -2, 2);                      /* stack: ... spec op col */
            if (lua_type(L, -2) == LUA_TSTRING)
                op_name = lua_tostring(L, -2);
            col_given = !lua_isnil(L, -1);
            if (col_given && lua_type(L, -1) != LUA_TSTRING)
                return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                    "agg '%s': the column must be given by name (text), as {\"%s\", \"col\"}",
                                    names[k], op_name ? op_name : "sum");
            if (col_given)
                col_name = lua_tostring(L, -1);
            lua_pop(L, 2); /* the strings stay alive in the spec's copy */
        }
        int op = -1;
        for (int i = 0; op_name && agg_names[i]; i++)
            if (strcmp(op_name, agg_names[i]) == 0)
                op = i;
        if (op < 0)
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "agg '%s': expected \"count\" or {\"count\"|\"sum\"|\"mean\"|\"min\"|\"max\", column}",
                                names[k]);
        specs[k].op = (rk_agg_op)op;
        if (op != RK_AGG_COUNT && !col_name)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "agg '%s': name the column, as {\"%s\", \"col\"}",
                                names[k], op_name);
        if (col_name)
            specs[k].col = (int)rk_lua_check_column(L, ds, col_name);
        lua_pop(L, 1);
    }
    size_t *skipped = scratch(L, nspecs, sizeof *skipped);
    rk_error err;
    rk_dataset *out = rk_dataset_aggregate(ds, keys, nkeys, specs, nspecs, skipped, &err);
    push_result(L, out, &err);
    /* How many missing values each aggregate skipped, for ds:skipped(). */
    lua_createtable(L, 0, (int)nspecs);
    for (size_t k = 0; k < nspecs; k++) {
        lua_pushinteger(L, (lua_Integer)skipped[k]);
        lua_setfield(L, -2, specs[k].name);
    }
    lua_setiuservalue(L, -2, 1);
    return 1;
}

/* skipped(): for a result of agg, a table of how many missing values each
 * aggregate skipped ({total = 3}); an empty table for other datasets. */
static int ds_skipped(lua_State *L)
{
    rk_lua_check_dataset(L, 1);
    if (lua_getiuservalue(L, 1, 1) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    return 1;
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
        items[k] = lua_tostring(L, -1); /* alive: held by the list, in the options' copy */
        lua_pop(L, 1);
    }
    /* Leave list and items on the stack so they stay alive. */
    return items;
}

/* The rows a lenient load set aside, as a dataset {line, fields, text}. */
static rk_dataset *set_aside_dataset(const rk_csv_report *report, rk_error *err)
{
    size_t n = report->nbad_rows;
    rk_column *cols[] = {rk_column_new("line", RK_INTEGER, n),
                         rk_column_new("fields", RK_INTEGER, n),
                         rk_column_new("text", RK_TEXT, n)};
    size_t added = 0; /* cols[0..added) belong to ds */
    rk_dataset *ds = rk_dataset_new();
    if (!ds || !cols[0] || !cols[1] || !cols[2]) {
        rk_error_nomem(err);
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        const rk_csv_bad_row *b = &report->bad_rows[i];
        rk_value v = {.type = RK_INTEGER, .as.integer = (int64_t)b->line};
        rk_value f = {.type = RK_INTEGER, .as.integer = (int64_t)b->nfields};
        rk_value t = {.type = RK_TEXT, .missing = b->text == NULL};
        if (b->text)
            t.as.text.s = b->text, t.as.text.len = strlen(b->text);
        if (rk_column_append(cols[0], &v, err) != RK_OK ||
            rk_column_append(cols[1], &f, err) != RK_OK ||
            rk_column_append(cols[2], &t, err) != RK_OK)
            goto fail;
    }
    while (added < 3)
        if (rk_dataset_add_column(ds, cols[added++], err) != RK_OK) /* takes it, also on failure */
            goto fail;
    return ds;
fail:
    rk_dataset_free(ds);
    for (size_t c = added; c < 3; c++)
        rk_column_free(cols[c]);
    return NULL;
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
        static const char *const option_names[] = {"types", "columns", "missing", "lenient", NULL};
        luaL_checktype(L, 2, LUA_TTABLE);
        lua_settop(L, 2);
        rk_lua_push_table_copy(L, 2, 1); /* holds the options' strings until the file is read */
        lua_replace(L, 2);
        rk_lua_check_option_names(L, 2, "read_csv", option_names, 0);
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
            while (k < n && lua_next(L, types)) {
                const char *col = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
                const char *tname = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
                if (!col || !tname || rk_type_from_name(tname, &over[k].type) != 0)
                    return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                        "read_csv: opts.types.%s must be \"integer\", \"number\", \"text\", "
                                        "\"boolean\", \"date\" or \"datetime\"", col ? col : "?");
                over[k++].column = col;
                lua_pop(L, 1);
            }
            lua_settop(L, types + 1); /* stack: ... types over */
            opts.types = over;
            opts.ntypes = k;
        }
    }
    /* The owners first (the report's box, the results), then the memory. */
    box *report_box = box_new(L, NULL, release_report);
    lua_dataset *data_ud = push_empty_dataset(L);
    lua_dataset *aside_ud = opts.lenient ? push_empty_dataset(L) : NULL;
    rk_csv_report *report = report_box->p = calloc(1, sizeof *report);
    if (!report)
        return luaL_error(L, "not enough memory");
    rk_error err;
    rk_host_load_progress(L, &opts.progress, &opts.progress_ctx);
    rk_dataset *ds = rk_csv_read_file(path, &opts, report, &err);
    if (ds)
        attach_dataset(L, data_ud, ds);
    for (size_t i = 0; i < report->nwarnings; i++)
        rk_host_warn(L, "%s", report->warnings[i]);
    if (!ds)
        return rk_lua_raise_error(L, &err);
    rk_stamp_input input = {.path = (char *)path, .read_by = "read_csv", .rows = (long long)report->rows,
                            .rows_set_aside = (long long)report->nbad_rows, .rows_unusable = -1};
    memcpy(input.sha256, report->sha256, sizeof input.sha256);
    rk_host_record_input(L, &input);
    if (!opts.lenient)
        return 1;
    /* Lenient loads also return the rows set aside: line, fields, text. */
    rk_dataset *aside = set_aside_dataset(report, &err);
    if (!aside)
        return rk_lua_raise_error(L, &err);
    attach_dataset(L, aside_ud, aside);
    return 2;
}

/* The length of the column list at idx for rapkit.dataset: its keys must
 * be whole numbers from 1, with no huge gap (a nil inside is a missing
 * value, but {[1e12] = 1} is no list of a trillion rows). */
static size_t column_list_length(lua_State *L, int idx, const char *name)
{
    size_t count;
    lua_Integer max;
    if (!list_extent(L, idx, &count, &max))
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "dataset: column '%s' is not a list: give its values in order, as {1, 2, 3} "
                     "(use rapkit.MISSING for a missing value)", name);
    if ((lua_Unsigned)max > 2 * (lua_Unsigned)count + 16)
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "dataset: column '%s' is not a list: it has %zu value%s but an index of %lld "
                     "(use rapkit.MISSING for a missing value)", name, count, count == 1 ? "" : "s",
                     (long long)max);
    return (size_t)max;
}

static int api_dataset(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    /* A copy holds the names and the column lists while this allocates
     * (the lists' values are read without allocating). */
    rk_lua_push_table_copy(L, 1, 0);
    lua_replace(L, 1);
    /* Every entry is a named column (or names = {...}); the columns go in
     * the order names gives, else in name order. */
    size_t ncols;
    const char **sorted = sorted_keys(L, 1, &ncols, "dataset: every column needs a name, as "
                                      "rapkit.dataset{group = {\"a\", \"b\"}}");
    lua_pushliteral(L, "names");
    lua_rawget(L, 1);
    int names_idx = lua_gettop(L);                      /* stack: spec sorted names */
    bool names_given = !lua_isnil(L, names_idx);
    if (names_given && !lua_istable(L, names_idx))
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "dataset: names must be a list of column names");
    if (names_given)
        ncols = lua_rawlen(L, names_idx);
    /* The box first, then the dataset it owns until the Dataset does. */
    box *b = box_new(L, NULL, release_dataset);
    rk_dataset *ds = b->p = rk_dataset_new();
    if (!ds)
        return luaL_error(L, "not enough memory");
    rk_error err;
    size_t nrow = 0;
    for (size_t k = 1; k <= ncols; k++) {
        if (names_given)
            lua_rawgeti(L, names_idx, (lua_Integer)k);  /* stack: ... name */
        else
            lua_pushstring(L, sorted[k - 1]);
        if (lua_type(L, -1) != LUA_TSTRING)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "dataset: names must be a list of column names");
        const char *name = lua_tostring(L, -1);
        lua_pushvalue(L, -1);
        lua_rawget(L, 1);                               /* stack: ... name list */
        if (!lua_istable(L, -1))
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "dataset: column '%s' must be a list of values", name);
        size_t n = column_list_length(L, lua_gettop(L), name);
        if (k == 1)
            nrow = n;
        else if (n != nrow)
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "dataset: column '%s' has %zu value%s but '%s' has %zu: columns must "
                                "be the same length (use rapkit.MISSING for a missing value)",
                                name, n, n == 1 ? "" : "s", ds->cols[0]->name, nrow);
        rk_column *col = column_from_list(L, lua_gettop(L), name, nrow, &err);
        if (!col || rk_dataset_add_column(ds, col, &err) != RK_OK)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "dataset: %s", err.message);
        lua_pop(L, 2);
    }
    lua_dataset *ud = push_empty_dataset(L);
    b->p = NULL;
    attach_dataset(L, ud, ds);
    return 1;
}

/* ---- registration ----------------------------------------------------- */

static const luaL_Reg dataset_methods[] = {
    {"nrow", ds_nrow},       {"names", ds_names},   {"type", ds_type},
    {"get", ds_get},         {"filter", ds_filter}, {"count", ds_count},
    {"group_by", ds_group_by}, {"mutate", ds_mutate}, {"join", ds_join},
    {"sort", ds_sort},       {"select", ds_select}, {"rows", ds_rows},
    {"to_table", ds_to_table}, {"write_csv", ds_write_csv}, {"rename", ds_rename},
    {"write", ds_write},
    {"skipped", ds_skipped},
    {"add_period", ds_add_period},
    {NULL, NULL},
};

static const luaL_Reg dataset_meta[] = {
    {"__gc", dataset_gc}, {"__close", dataset_close}, {"__tostring", ds_tostring},
    {"__len", ds_len},       {NULL, NULL},
};

/* A metatable for `name`, protected with __metatable so that a script's
 * getmetatable sees only the name: no __gc or __close to call, no methods
 * to replace. */
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
    lua_pushstring(L, name);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}

void rk_lua_add_dataset_methods(lua_State *L, const luaL_Reg *methods)
{
    luaL_getmetatable(L, RK_DATASET_TYPE);
    lua_getfield(L, -1, "__index");
    luaL_setfuncs(L, methods, 0);
    lua_pop(L, 2);
}

static int missing_tostring(lua_State *L)
{
    lua_pushliteral(L, "rapkit.MISSING");
    return 1;
}

void rk_lua_open_dataset(lua_State *L)
{
    static const luaL_Reg box_meta[] = {{"__gc", box_gc}, {NULL, NULL}};
    static const luaL_Reg cursor_meta[] = {{"__close", cursor_close}, {"__gc", cursor_close}, {NULL, NULL}};
    static const luaL_Reg missing_meta[] = {{"__tostring", missing_tostring}, {NULL, NULL}};
    static const luaL_Reg grouping_methods[] = {{"agg", grouping_agg}, {NULL, NULL}};
    create_meta(L, BOX_TYPE, box_meta, NULL);
    create_meta(L, CURSOR_TYPE, cursor_meta, NULL);
    create_meta(L, RK_DATASET_TYPE, dataset_meta, dataset_methods);
    create_meta(L, GROUPING_TYPE, NULL, grouping_methods);
    create_meta(L, MISSING_TYPE, missing_meta, NULL);

    lua_pushcfunction(L, api_read_csv);
    lua_setfield(L, -2, "read_csv");
    lua_pushcfunction(L, api_dataset);
    lua_setfield(L, -2, "dataset");
    /* rapkit.MISSING: one userdata made here, known by identity (its
     * registry entry), printing as "rapkit.MISSING". */
    lua_newuserdatauv(L, 0, 0);
    luaL_setmetatable(L, MISSING_TYPE);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &missing_key);
    lua_setfield(L, -2, "MISSING");
}
