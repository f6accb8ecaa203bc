/* rk_lua_figure.h: rapkit.figure, a board paper's figure (rk_lua_figure.c). */
#ifndef RK_LUA_FIGURE_H
#define RK_LUA_FIGURE_H

#include <lua.h>

/* Sets rapkit.figure. stack: rapkit -> rapkit */
void rk_lua_open_figure(lua_State *L);

#endif
