/* rk_lua_ops.h: reshaping methods of the Dataset type (distinct, pivot,
 * share, lag, rolling) and rapkit.bind, bound to core/rk_reshape.h. */
#ifndef RK_LUA_OPS_H
#define RK_LUA_OPS_H

#include <lua.h>

/* Adds the methods to the Dataset type and sets rapkit.bind; call after
 * rk_lua_open_dataset. stack: rapkit -> rapkit */
void rk_lua_open_ops(lua_State *L);

#endif
