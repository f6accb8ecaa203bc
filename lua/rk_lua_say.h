/* rk_lua_say.h: rapkit.say (the phrases of a board paper, core/rk_say.h)
 * and rapkit.disclose (disclosure control, core/rk_disclose.h).
 *
 * Both read the small-number threshold, when a call does not give `min`,
 * from rapkit.min_count at the time of the call (set by the command line
 * or the script), else 10. */
#ifndef RK_LUA_SAY_H
#define RK_LUA_SAY_H

#include <lua.h>

/* Sets rapkit.say and rapkit.disclose; call after rk_lua_open_dataset.
 * stack: rapkit -> rapkit */
void rk_lua_open_say(lua_State *L);

#endif
