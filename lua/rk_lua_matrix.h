/* rk_lua_matrix.h: rapkit.matrix (the impact matrix, scripts/matrix.lua),
 * rapkit.where, rapkit.read_text and rapkit.write_text. */
#ifndef RK_LUA_MATRIX_H
#define RK_LUA_MATRIX_H

#include <lua.h>

/* stack: rapkit -> rapkit */
void rk_lua_open_matrix(lua_State *L);

#endif
