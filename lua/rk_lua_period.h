/* rk_lua_period.h: the rapkit.period functions. */
#ifndef RK_LUA_PERIOD_H
#define RK_LUA_PERIOD_H

#include <lua.h>

/* Sets rapkit.period. stack: rapkit -> rapkit */
void rk_lua_open_period(lua_State *L);

#endif
