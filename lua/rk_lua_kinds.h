/* rk_lua_kinds.h: rapkit.load and the kinds' constants. */
#ifndef RK_LUA_KINDS_H
#define RK_LUA_KINDS_H

#include <lua.h>

/* Sets rapkit.load and rapkit.ETHNIC_GROUPS. stack: rapkit -> rapkit */
void rk_lua_open_kinds(lua_State *L);

#endif
