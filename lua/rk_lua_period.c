/* rapkit.period: UK financial years, quarters, months and rolling years, as
 * analysts label them, from a date, a datetime or a month. */
#include "rk_lua_period.h"

#include <lauxlib.h>

#include "rk_host.h"
#include "rk_period.h"

/* The local date of argument 1, or an error naming what is accepted. */
static int32_t check_day(lua_State *L, const char *fname)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    int32_t days;
    if (!rk_period_parse_day(s, len, &days))
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "period.%s: '%s' is not a date (2024-04-01 or 01/04/2024), datetime or month (2024-04)",
                     fname, s);
    return days;
}

static int push_label(lua_State *L, rk_period p, const char *fname)
{
    char buf[RK_VALUE_BUF];
    size_t n = rk_period_label(p, check_day(L, fname), buf);
    lua_pushlstring(L, buf, n);
    return 1;
}

static int period_month(lua_State *L) { return push_label(L, RK_PERIOD_MONTH, "month"); }
static int period_quarter(lua_State *L) { return push_label(L, RK_PERIOD_QUARTER, "quarter"); }
static int period_financial_year(lua_State *L) { return push_label(L, RK_PERIOD_FINANCIAL_YEAR, "financial_year"); }
static int period_year(lua_State *L) { return push_label(L, RK_PERIOD_YEAR, "year"); }
static int period_year_ending_march(lua_State *L)
{
    return push_label(L, RK_PERIOD_YEAR_ENDING_MARCH, "year_ending_march");
}

/* rolling_12(month) -> first month, last month, label of the 12 months
 * ending with that month: "2024-04", "2025-03", "12 months to March 2025". */
static int period_rolling_12(lua_State *L)
{
    int last = rk_month_index(check_day(L, "rolling_12"));
    char buf[RK_VALUE_BUF];
    size_t n = rk_month_label(last - 11, buf);
    lua_pushlstring(L, buf, n);
    n = rk_month_label(last, buf);
    lua_pushlstring(L, buf, n);
    n = rk_rolling_12_label(last, buf);
    lua_pushlstring(L, buf, n);
    return 3;
}

/* months(from, to) -> {"2024-04", ..., "2025-03"}, both ends included. */
static int period_months(lua_State *L)
{
    int from = rk_month_index(check_day(L, "months"));
    lua_remove(L, 1);
    int to = rk_month_index(check_day(L, "months"));
    if (to < from)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "period.months: the last month comes before the first");
    if (to - from > 12 * 200)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "period.months: more than 200 years of months");
    lua_createtable(L, to - from + 1, 0);
    char buf[RK_VALUE_BUF];
    for (int m = from; m <= to; m++) {
        size_t n = rk_month_label(m, buf);
        lua_pushlstring(L, buf, n);
        lua_rawseti(L, -2, m - from + 1);
    }
    return 1;
}

/* bounds(label) -> first day, last day, kind: "2025-26 Q2" gives
 * "2025-07-01", "2025-09-30", "quarter". */
static int period_bounds(lua_State *L)
{
    static const char *const kind_names[] = {"date", "month", "quarter", "financial_year", "year",
                                             "year_ending_march"};
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    rk_period kind;
    int32_t first, last;
    if (!rk_period_parse_label(s, len, &kind, &first, &last))
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "period.bounds: '%s' is not a period: give a quarter (2025-26 Q2), a financial "
                            "year (2025-26), a month (2025-09), a year (2025), \"year ending March 2026\" "
                            "or a date (2025-09-14)", s);
    char buf[RK_VALUE_BUF];
    size_t n = rk_format_date(first, buf);
    lua_pushlstring(L, buf, n);
    n = rk_format_date(last, buf);
    lua_pushlstring(L, buf, n);
    lua_pushstring(L, kind_names[kind]);
    return 3;
}

void rk_lua_open_period(lua_State *L)
{
    static const luaL_Reg functions[] = {
        {"month", period_month},
        {"quarter", period_quarter},
        {"financial_year", period_financial_year},
        {"year", period_year},
        {"year_ending_march", period_year_ending_march},
        {"rolling_12", period_rolling_12},
        {"months", period_months},
        {"bounds", period_bounds},
        {NULL, NULL},
    };
    luaL_newlib(L, functions);
    lua_setfield(L, -2, "period");
}
