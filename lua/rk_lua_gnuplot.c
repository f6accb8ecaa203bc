/* rk_lua_gnuplot.c: rapkit.gnuplot(commands, {data = {name = ds}, timeout = s}).
 *
 * The escape hatch for charts rapkit does not draw: the script's own
 * gnuplot commands, with datasets as datablocks. gnuplot can run shell
 * commands (system, backquotes, `!`) and write any file, so a run that may
 * call it is not sandboxed; it is refused unless the run was started with
 * --allow-gnuplot, and the refusal says why.
 */
#include "rk_lua_gnuplot.h"

#include <lauxlib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rk_host.h"
#include "rk_lua_dataset.h"

#define MAX_DATABLOCKS 64

static void warn_from_gnuplot(void *ctx, const char *message)
{
    const rk_lua_gnuplot_run *run = ctx;
    rk_host_warn(run->L, "%sgnuplot: %s", run->where, message);
}

void rk_lua_gnuplot_prepare(lua_State *L, rk_lua_gnuplot_run *run, double timeout)
{
    luaL_where(L, 1);
    memset(run, 0, sizeof *run);
    run->L = L;
    run->where = lua_tostring(L, -1);
    double limit = timeout > 0 ? timeout : RK_GNUPLOT_DEFAULT_TIMEOUT;
    double left = rk_host_seconds_left(L);
    /* Half a second before the run's limit, so this limit is the one that
     * tells; at least a little, so a run near its end still gets an answer. */
    run->opts.timeout_seconds = fmax(0.1, fmin(limit, left - 0.5));
    run->opts.warn = warn_from_gnuplot;
    run->opts.warn_ctx = run;
}

static const char *const gnuplot_options[] = {"data", "timeout", NULL};

static int compare_names(const void *a, const void *b)
{
    return strcmp(((const rk_gnuplot_data *)a)->name, ((const rk_gnuplot_data *)b)->name);
}

/* The datasets of options.data, sorted by name, in a GC-owned array; the
 * names and datasets stay alive in the options table, a copy no script can
 * change (see lua_gnuplot). */
static rk_gnuplot_data *check_data(lua_State *L, int options, size_t *n)
{
    *n = 0;
    lua_pushliteral(L, "data");
    lua_rawget(L, options);
    int t = lua_gettop(L);
    if (lua_isnil(L, t))
        return NULL;
    if (!lua_istable(L, t))
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "rapkit.gnuplot: 'data' must be a table of datasets by name, as data = {counts = ds}");
    rk_gnuplot_data *data = lua_newuserdatauv(L, MAX_DATABLOCKS * sizeof *data, 0);
    lua_pushnil(L);
    while (lua_next(L, t)) { /* stack: data box key value */
        if (lua_type(L, -2) != LUA_TSTRING || !rk_gnuplot_is_identifier(lua_tostring(L, -2)))
            rk_lua_raise(L, RK_ERROR_SCRIPT,
                         "rapkit.gnuplot: data names must be text of letters, digits and '_', starting with a "
                         "letter (each becomes the datablock $name)");
        if (*n == MAX_DATABLOCKS)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "rapkit.gnuplot: more than %d datasets", MAX_DATABLOCKS);
        data[*n].name = lua_tostring(L, -2);
        data[*n].ds = rk_lua_check_dataset_field(L, -1, "rapkit.gnuplot", data[*n].name);
        (*n)++;
        lua_pop(L, 1);
    }
    qsort(data, *n, sizeof *data, compare_names);
    return data;
}

static int lua_gnuplot(lua_State *L)
{
    const char *commands = luaL_checkstring(L, 1);
    if (!rk_host_gnuplot_allowed(L))
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "rapkit.gnuplot is refused: gnuplot can run shell commands and write anywhere, so a "
                            "run that uses it is not sandboxed; if you trust this script, run it again with "
                            "--allow-gnuplot");
    lua_settop(L, 2);
    double timeout = 0;
    size_t ndata = 0;
    rk_gnuplot_data *data = NULL;
    if (!lua_isnil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        rk_lua_push_table_copy(L, 2, 1); /* holds the data's names and datasets until gnuplot is done */
        lua_replace(L, 2);
        rk_lua_check_option_names(L, 2, "rapkit.gnuplot", gnuplot_options, 0);
        data = check_data(L, 2, &ndata);
        lua_pushliteral(L, "timeout");
        lua_rawget(L, 2);
        int is_number = 0;
        timeout = lua_tonumberx(L, -1, &is_number);
        if (!lua_isnil(L, -1) && (!is_number || !(timeout > 0 && timeout <= 86400)))
            rk_lua_raise(L, RK_ERROR_SCRIPT,
                         "rapkit.gnuplot: 'timeout' must be a number of seconds above 0 (default %g)",
                         RK_GNUPLOT_DEFAULT_TIMEOUT);
    }
    rk_lua_gnuplot_run run;
    rk_lua_gnuplot_prepare(L, &run, timeout);
    run.opts.work_dir = rk_host_out_dir(L);
    char *output = NULL;
    rk_error err;
    if (rk_gnuplot_run_commands(commands, data, ndata, &run.opts, &output, &err) != RK_OK)
        return rk_lua_raise_error(L, &err);
    rk_lua_box(L, output, free);
    lua_pushstring(L, output);
    return 1;
}

void rk_lua_open_gnuplot(lua_State *L)
{
    lua_pushcfunction(L, lua_gnuplot);
    lua_setfield(L, -2, "gnuplot");
}
