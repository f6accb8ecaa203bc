/* rk_lua_chart.h: the rapkit.chart constructors and the Chart type. */
#ifndef RK_LUA_CHART_H
#define RK_LUA_CHART_H

#include <lua.h>

/* Sets rapkit.chart. stack: rapkit -> rapkit */
void rk_lua_open_chart(lua_State *L);

#endif
