#include "rk_api.h"

#include "rk_lua_chart.h"
#include "rk_lua_dataset.h"
#include "rk_lua_gnuplot.h"
#include "rk_lua_figure.h"
#include "rk_lua_ops.h"
#include "rk_lua_kinds.h"
#include "rk_lua_matrix.h"
#include "rk_lua_period.h"
#include "rk_lua_stats.h"
#include "rk_lua_say.h"

void rk_api_open(lua_State *L)
{
    rk_lua_open_dataset(L);
    rk_lua_open_ops(L);
    rk_lua_open_chart(L);
    rk_lua_open_kinds(L);
    rk_lua_open_period(L);
    rk_lua_open_stats(L);
    rk_lua_open_say(L);
    rk_lua_open_matrix(L);
    rk_lua_open_gnuplot(L);
    rk_lua_open_figure(L);
}
