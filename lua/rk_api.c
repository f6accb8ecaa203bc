#include "rk_api.h"

#include "rk_lua_chart.h"
#include "rk_lua_dataset.h"

void rk_api_open(lua_State *L)
{
    rk_lua_open_dataset(L);
    rk_lua_open_chart(L);
}
