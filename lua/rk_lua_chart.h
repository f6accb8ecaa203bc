/* rk_lua_chart.h: the rapkit.chart constructors and the Chart type. */
#ifndef RK_LUA_CHART_H
#define RK_LUA_CHART_H

#include <stdbool.h>

#include <lua.h>

#include "rk_chart.h"

/* Sets rapkit.chart. stack: rapkit -> rapkit */
void rk_lua_open_chart(lua_State *L);

bool rk_lua_is_chart(lua_State *L, int idx);

/* A Chart's renderer spec, for drawing it elsewhere (rk_chart_draw_in). */
typedef struct rk_lua_chart_built {
    rk_chart_kind kind;
    const void *spec;           /* NULL for a chart only its saved image can show: a bar chart, small multiples */
    double width_mm, height_mm; /* as saved; 0: the default */
    const char *title;          /* the spec's; the Chart keeps them alive */
    const char *source;         /* may be NULL */
} rk_lua_chart_built;

/* stack: [-0, +1] Checks the Chart at idx as its save does (raising as it
 * would) and builds its spec into *out; pushes the value that keeps the
 * spec alive. */
void rk_lua_chart_build(lua_State *L, int idx, rk_lua_chart_built *out);

#endif
