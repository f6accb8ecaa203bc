/* rk_lua_gnuplot.h: rapkit.gnuplot, and gnuplot runs for the chart bindings. */
#ifndef RK_LUA_GNUPLOT_H
#define RK_LUA_GNUPLOT_H

#include <lua.h>

#include "rk_gnuplot.h"

/* A gnuplot run made by a binding: its options, and where its warnings go. */
typedef struct rk_lua_gnuplot_run {
    rk_gnuplot_options opts;
    lua_State *L;
    const char *where;      /* "script.lua:12: ", the line of the call */
} rk_lua_gnuplot_run;

/* stack: [-0, +1] Sets up run for the binding running in L: the timeout
 * (0: the default) cut to the time the run has left, so gnuplot is stopped
 * before the run's own limit ends rapkit, and gnuplot's warnings passed to
 * rk_host_warn with the line of the call. Pushes that line's text, which
 * must stay on the stack while run is used. */
void rk_lua_gnuplot_prepare(lua_State *L, rk_lua_gnuplot_run *run, double timeout);

/* Sets rapkit.gnuplot. stack: rapkit -> rapkit */
void rk_lua_open_gnuplot(lua_State *L);

#endif
