/* rk_lua_dataset.h: the rapkit.Dataset type seen by scripts. */
#ifndef RK_LUA_DATASET_H
#define RK_LUA_DATASET_H

#include <lauxlib.h>
#include <lua.h>

#include "rk_dataset.h"

#define RK_DATASET_TYPE "rapkit.Dataset"

/* Registers the Dataset and Grouping metatables and sets read_csv, dataset
 * and MISSING in the rapkit table. stack: rapkit -> rapkit */
void rk_lua_open_dataset(lua_State *L);

/* Adds methods to the Dataset type (for bindings in other files); call
 * after rk_lua_open_dataset. */
void rk_lua_add_dataset_methods(lua_State *L, const luaL_Reg *methods);

/* Raises "fname: unknown option 'x' (options: a, b)" unless every key of
 * the table at idx is one of names (NULL-terminated) or a whole number from
 * 1 to npositional, so a misspelt option is never silently ignored. */
void rk_lua_check_option_names(lua_State *L, int idx, const char *fname, const char *const *names,
                               lua_Integer npositional);

/* Pushes a GC-owned box that calls release(p) when collected, so that p is
 * freed even if a Lua error is raised before the caller is done with it. */
void rk_lua_box(lua_State *L, void *p, void (*release)(void *));

/* Pushes a copy of the table at idx, read raw and without metatables, with
 * the tables it holds copied too down to depth_limit levels below it
 * (breadth first: a table met twice is copied once, at its shallowest;
 * keys and deeper tables are shared, as are strings and datasets). A
 * binding that reads a script's table while it allocates reads such a
 * copy: a finalizer may run at any allocation and change the script's
 * table, but not the copy, which keeps alive every string and dataset the
 * binding took from it. stack: -> ..., copy */
void rk_lua_push_table_copy(lua_State *L, int idx, int depth_limit);

/* Pushes t[field], read raw (no metamethod runs); returns its type.
 * stack: -> ..., value */
int rk_lua_raw_field(lua_State *L, int t, const char *field);

/* Pushes a new Dataset owning ds (freed with it). If memory for the
 * userdata runs out, ds is freed and a Lua error raised. */
void rk_lua_push_dataset(lua_State *L, rk_dataset *ds);

/* The dataset at stack index arg, or a Lua error naming the type. */
rk_dataset *rk_lua_check_dataset(lua_State *L, int arg);

/* The dataset at stack index idx, which a function `fname` took as its
 * spec field `field`; raises "fname: 'field' must be a Dataset" otherwise. */
rk_dataset *rk_lua_check_dataset_field(lua_State *L, int idx, const char *fname, const char *field);

/* Index of column `name` in ds, or a Lua error "no column named '...'"
 * listing the columns. */
size_t rk_lua_check_column(lua_State *L, const rk_dataset *ds, const char *name);

/* Pushes the cell as a Lua value: nil when missing, dates as ISO text. */
void rk_lua_push_cell(lua_State *L, const rk_column *col, size_t row);

#endif
