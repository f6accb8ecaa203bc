/* rk_lua_stats.h: the rapkit.stats functions (core/rk_stats.h). */
#ifndef RK_LUA_STATS_H
#define RK_LUA_STATS_H

#include <lua.h>

/* Sets rapkit.stats. stack: rapkit -> rapkit */
void rk_lua_open_stats(lua_State *L);

#endif
