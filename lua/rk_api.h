/* rk_api.h: the `rapkit` table that scripts see (bindings to core and charts).
 *
 * The host (rk_host.c) builds the sandbox, then calls rk_api_open with the
 * `rapkit` table on top of the stack; rk_api_open fills it with the API's
 * functions and types and leaves the stack as it found it.
 */
#ifndef RK_API_H
#define RK_API_H

#include <lua.h>

/* stack: rapkit -> rapkit */
void rk_api_open(lua_State *L);

#endif
