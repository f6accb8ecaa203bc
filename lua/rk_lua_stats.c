/* rapkit.stats: intervals, changes, significance tests and XmR charts, as
 * plain result tables. Types are checked here and values in core/rk_stats.c;
 * either way the error reads "stats.NAME: what is wrong". A figure that
 * cannot be computed is absent from the result (nil), and `flag` says why;
 * no result holds NaN or infinity. Option tables are read raw, so no script
 * code runs while a result is built. */
#include "rk_lua_stats.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rk_host.h"
#include "rk_lua_dataset.h"
#include "rk_random.h"
#include "rk_stats.h"

#define DEFAULT_CONF 0.95
#define DEFAULT_PER 1000
/* More points than any monthly (or daily) series needs; it keeps the
 * arrays' sizes far from overflow. */
#define MAX_SPC_POINTS 10000000

static const char SPC_METHOD[] =
    "XmR chart: centre = mean, limits = mean +/- 2.66 x mean moving range; signals: a value beyond "
    "a limit, 7 in a row on one side of the centre, 6 in a row each rising or each falling";

/* ---- arguments ---------------------------------------------------------- */

/* Argument `arg` as a number; strings are not converted, since a count held
 * as text is a column that was not typed. */
static double check_number(lua_State *L, int arg, const char *fname, const char *name)
{
    if (lua_type(L, arg) != LUA_TNUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.%s: %s must be a number, got %s", fname, name,
                     luaL_typename(L, arg));
    return lua_tonumber(L, arg);
}

/* The options table at `arg`: 0 when it is absent or nil. Raises unless
 * it is a table whose every key is one of names (NULL-terminated), so a
 * misspelt option is not silently ignored. */
static int check_options(lua_State *L, int arg, const char *fname, const char *const *names)
{
    if (lua_isnoneornil(L, arg))
        return 0;
    if (!lua_istable(L, arg))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.%s: options must be a table, got %s", fname,
                     luaL_typename(L, arg));
    arg = lua_absindex(L, arg);
    char qualified[64];
    snprintf(qualified, sizeof qualified, "stats.%s", fname);
    rk_lua_check_option_names(L, arg, qualified, names, 0);
    return arg;
}

/* opts[key] as a number, or `fallback` when there are no options or the
 * key is absent. stack: [-0, +0] */
static double opt_number(lua_State *L, int opts, const char *key, double fallback, const char *fname)
{
    if (!opts)
        return fallback;
    lua_pushstring(L, key);
    int type = lua_rawget(L, opts);
    if (type != LUA_TNIL && type != LUA_TNUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.%s: %s must be a number, got %s", fname, key,
                     lua_typename(L, type));
    double value = type == LUA_TNUMBER ? lua_tonumber(L, -1) : fallback;
    lua_pop(L, 1);
    return value;
}

/* opts[key] as the index of one of choices (exactly two), or 0 (the first,
 * the default) when absent. stack: [-0, +0] */
static int opt_choice(lua_State *L, int opts, const char *key, const char *const choices[2],
                      const char *fname)
{
    if (!opts)
        return 0;
    lua_pushstring(L, key);
    int type = lua_rawget(L, opts);
    int choice = 0;
    if (type == LUA_TSTRING) {
        const char *s = lua_tostring(L, -1);
        if (strcmp(s, choices[0]) == 0)
            choice = 0;
        else if (strcmp(s, choices[1]) == 0)
            choice = 1;
        else
            rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.%s: %s must be '%s' or '%s', got '%s'", fname,
                         key, choices[0], choices[1], s);
    } else if (type != LUA_TNIL) {
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.%s: %s must be '%s' or '%s', got %s", fname, key,
                     choices[0], choices[1], lua_typename(L, type));
    }
    lua_pop(L, 1);
    return choice;
}

/* Raises a core error as "stats.fname: message". */
static int raise_core_error(lua_State *L, const char *fname, const rk_error *err)
{
    return rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.%s: %s", fname, err->message);
}

/* ---- results ------------------------------------------------------------ */

/* Sets result[key] = value if `has`; otherwise leaves it nil.
 * stack: result -> result */
static void set_number(lua_State *L, const char *key, bool has, double value)
{
    if (!has)
        return;
    lua_pushnumber(L, value);
    lua_setfield(L, -2, key);
}

/* Sets result[key] to argument `arg` as the script gave it (5 stays an
 * integer). stack: result -> result */
static void set_input(lua_State *L, const char *key, int arg)
{
    lua_pushvalue(L, arg);
    lua_setfield(L, -2, key);
}

static void set_string(lua_State *L, const char *key, const char *value)
{
    if (!value)
        return;
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

static void set_boolean(lua_State *L, const char *key, bool value)
{
    lua_pushboolean(L, value);
    lua_setfield(L, -2, key);
}

/* stack: result -> result */
static void set_interval(lua_State *L, const rk_interval *interval)
{
    set_number(L, "estimate", interval->has_estimate, interval->estimate);
    set_number(L, "lower", interval->has_lower, interval->lower);
    set_number(L, "upper", interval->has_upper, interval->upper);
    set_string(L, "flag", rk_stats_flag_text(interval->flag));
}

/* ---- intervals ---------------------------------------------------------- */

/* proportion(k, n [, {conf, method = "wilson" | "exact"}]) */
static int stats_proportion(lua_State *L)
{
    static const char *const options[] = {"conf", "method", NULL};
    static const char *const methods[2] = {"wilson", "exact"};
    double k = check_number(L, 1, "proportion", "k");
    double n = check_number(L, 2, "proportion", "n");
    int opts = check_options(L, 3, "proportion", options);
    double conf = opt_number(L, opts, "conf", DEFAULT_CONF, "proportion");
    int method = opt_choice(L, opts, "method", methods, "proportion");
    rk_interval result;
    rk_error err;
    if (rk_stats_proportion(k, n, conf, method ? RK_PROPORTION_EXACT : RK_PROPORTION_WILSON,
                            &result, &err) != RK_OK)
        return raise_core_error(L, "proportion", &err);
    lua_createtable(L, 0, 8);
    set_interval(L, &result);
    set_input(L, "k", 1);
    set_input(L, "n", 2);
    set_number(L, "conf", true, conf);
    set_string(L, "method", methods[method]);
    return 1;
}

/* rate(k, population [, {per = 1000, conf, method = "byar" | "exact"}]) */
static int stats_rate(lua_State *L)
{
    static const char *const options[] = {"per", "conf", "method", NULL};
    static const char *const methods[2] = {"byar", "exact"};
    double k = check_number(L, 1, "rate", "k");
    double population = check_number(L, 2, "rate", "population");
    int opts = check_options(L, 3, "rate", options);
    double per = opt_number(L, opts, "per", DEFAULT_PER, "rate");
    double conf = opt_number(L, opts, "conf", DEFAULT_CONF, "rate");
    int method = opt_choice(L, opts, "method", methods, "rate");
    rk_interval result;
    rk_error err;
    if (rk_stats_rate(k, population, per, conf, method ? RK_RATE_EXACT : RK_RATE_BYAR, &result,
                      &err) != RK_OK)
        return raise_core_error(L, "rate", &err);
    lua_createtable(L, 0, 9);
    set_interval(L, &result);
    set_input(L, "k", 1);
    set_input(L, "population", 2);
    if (opts) {
        lua_pushstring(L, "per");
        lua_rawget(L, opts);                           /* stack: result per */
    }
    if (!opts || lua_isnil(L, -1)) {
        lua_pop(L, opts ? 1 : 0);
        lua_pushinteger(L, DEFAULT_PER);               /* stack: result per */
    }
    lua_setfield(L, -2, "per");
    set_number(L, "conf", true, conf);
    set_string(L, "method", methods[method]);
    return 1;
}

/* rate_ratio(k1, n1, k0, n0 [, {conf}]): group 1 against reference group 0 */
static int stats_rate_ratio(lua_State *L)
{
    static const char *const options[] = {"conf", NULL};
    double k1 = check_number(L, 1, "rate_ratio", "k1");
    double n1 = check_number(L, 2, "rate_ratio", "n1");
    double k0 = check_number(L, 3, "rate_ratio", "k0");
    double n0 = check_number(L, 4, "rate_ratio", "n0");
    int opts = check_options(L, 5, "rate_ratio", options);
    double conf = opt_number(L, opts, "conf", DEFAULT_CONF, "rate_ratio");
    rk_interval result;
    rk_error err;
    if (rk_stats_rate_ratio(k1, n1, k0, n0, conf, &result, &err) != RK_OK)
        return raise_core_error(L, "rate_ratio", &err);
    lua_createtable(L, 0, 10);
    set_interval(L, &result);
    set_input(L, "k1", 1);
    set_input(L, "n1", 2);
    set_input(L, "k0", 3);
    set_input(L, "n0", 4);
    set_number(L, "conf", true, conf);
    set_string(L, "method", "log");
    return 1;
}

/* z(conf): the two-sided critical value, 1.959963984540054 at 0.95 */
static int stats_z(lua_State *L)
{
    double conf = check_number(L, 1, "z", "conf");
    rk_error err;
    if (rk_stats_check_conf(conf, &err) != RK_OK)
        return raise_core_error(L, "z", &err);
    lua_pushnumber(L, rk_stats_z(conf));
    return 1;
}

/* ---- change ------------------------------------------------------------- */

/* change(old, new [, {kind = "count" | "proportion"}]) */
static int stats_change(lua_State *L)
{
    static const char *const options[] = {"kind", NULL};
    static const char *const kinds[2] = {"count", "proportion"};
    double old_value = check_number(L, 1, "change", "old");
    double new_value = check_number(L, 2, "change", "new");
    int opts = check_options(L, 3, "change", options);
    int kind = opt_choice(L, opts, "kind", kinds, "change");
    rk_change result;
    rk_error err;
    if (rk_stats_change(old_value, new_value, kind ? RK_CHANGE_PROPORTION : RK_CHANGE_COUNT,
                        &result, &err) != RK_OK)
        return raise_core_error(L, "change", &err);
    lua_createtable(L, 0, 7);
    set_input(L, "old", 1);
    set_input(L, "new", 2);
    set_string(L, "kind", kinds[kind]);
    set_number(L, "absolute", true, result.absolute);
    set_number(L, "relative", result.has_relative, result.relative);
    set_number(L, "points", result.has_points, result.points);
    set_string(L, "flag", rk_stats_flag_text(result.flag));
    return 1;
}

/* ---- significance tests -------------------------------------------------- */

typedef rk_status (*compare_fn)(double, double, double, double, double, rk_comparison *, rk_error *);

/* compare_*(k1, n1, k0, n0 [, {conf}]); the estimate is stored as
 * `estimate_key` so that a ratio and a difference are not confused. */
static int compare(lua_State *L, const char *fname, compare_fn fn, const char *estimate_key)
{
    static const char *const options[] = {"conf", NULL};
    double k1 = check_number(L, 1, fname, "k1");
    double n1 = check_number(L, 2, fname, "n1");
    double k0 = check_number(L, 3, fname, "k0");
    double n0 = check_number(L, 4, fname, "n0");
    int opts = check_options(L, 5, fname, options);
    double conf = opt_number(L, opts, "conf", DEFAULT_CONF, fname);
    rk_comparison result;
    rk_error err;
    if (fn(k1, n1, k0, n0, conf, &result, &err) != RK_OK)
        return raise_core_error(L, fname, &err);
    lua_createtable(L, 0, 11);
    set_input(L, "k1", 1);
    set_input(L, "n1", 2);
    set_input(L, "k0", 3);
    set_input(L, "n0", 4);
    set_number(L, "conf", true, conf);
    set_number(L, estimate_key, result.has_estimate, result.estimate);
    set_number(L, "z", result.has_z, result.z);
    set_number(L, "p_value", true, result.p_value);
    set_boolean(L, "significant", result.significant);
    set_string(L, "method", result.method);
    set_string(L, "flag", rk_stats_flag_text(result.flag));
    return 1;
}

static int stats_compare_rates(lua_State *L)
{
    return compare(L, "compare_rates", rk_stats_compare_rates, "ratio");
}

static int stats_compare_proportions(lua_State *L)
{
    return compare(L, "compare_proportions", rk_stats_compare_proportions, "difference");
}

/* ---- spc ---------------------------------------------------------------- */

/* The series' length: #labels when labels are given, else the largest key
 * of values. Checks that values is a list of numbers (nil for a gap) and
 * that every label is text. */
static size_t spc_length(lua_State *L, int values, int labels)
{
    lua_Integer largest = 0;
    lua_pushnil(L);
    while (lua_next(L, values)) {                      /* stack: ... key value */
        if (!lua_isinteger(L, -2) || lua_tointeger(L, -2) < 1) {
            int type = lua_type(L, -2);
            lua_pushvalue(L, -2);                      /* a copy, for lua_tostring to convert */
            if (type == LUA_TSTRING)
                rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: values must be a list, but has the key '%s'",
                             lua_tostring(L, -1));
            if (type == LUA_TNUMBER)
                rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: values must be a list, but has the key %s",
                             lua_tostring(L, -1));
            rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: values must be a list, but has a %s key",
                         lua_typename(L, type));
        }
        lua_Integer key = lua_tointeger(L, -2);
        if (lua_type(L, -1) != LUA_TNUMBER)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: values[%lld] must be a number or nil, got %s",
                         (long long)key, luaL_typename(L, -1));
        double v = lua_tonumber(L, -1);
        if (isinf(v))
            rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: values[%lld] is infinite", (long long)key);
        if (key > largest)
            largest = key;
        lua_pop(L, 1);
    }
    if (!labels) {
        if (largest == 0)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: values has no numbers");
        if (largest > MAX_SPC_POINTS)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: more than %d points", MAX_SPC_POINTS);
        return (size_t)largest;
    }
    lua_Unsigned nlabels = lua_rawlen(L, labels);
    if (nlabels == 0)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: labels is empty");
    if (nlabels > MAX_SPC_POINTS)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: more than %d points", MAX_SPC_POINTS);
    if ((lua_Unsigned)largest > nlabels)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: values[%lld] has no label (labels has %llu)",
                     (long long)largest, (unsigned long long)nlabels);
    for (lua_Unsigned i = 1; i <= nlabels; i++) {
        int type = lua_rawgeti(L, labels, (lua_Integer)i);
        if (type != LUA_TSTRING)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: labels[%llu] must be text, got %s",
                         (unsigned long long)i, lua_typename(L, type));
        lua_pop(L, 1);
    }
    return (size_t)nlabels;
}

/* The 0-based point where the step given by the value at idx (a point
 * number from 1, or a label) starts a new segment. */
static size_t spc_step(lua_State *L, int idx, int labels, size_t n)
{
    if (lua_type(L, idx) == LUA_TSTRING) {
        const char *label = lua_tostring(L, idx);
        if (!labels)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: step_at '%s' is a label, but no labels were given",
                         label);
        for (size_t i = 0; i < n; i++) {
            lua_rawgeti(L, labels, (lua_Integer)(i + 1));
            bool same = strcmp(lua_tostring(L, -1), label) == 0;
            lua_pop(L, 1);
            if (!same)
                continue;
            if (i == 0)
                rk_lua_raise(L, RK_ERROR_SCRIPT,
                             "stats.spc: step_at '%s' is the first point: a step starts a later one",
                             label);
            return i;
        }
        return (size_t)rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: step_at '%s' is not one of the labels",
                                    label);
    }
    if (!lua_isinteger(L, idx))
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "stats.spc: step_at must be a point number (from 2), a label or a list of them, got %s",
                     lua_type(L, idx) == LUA_TNUMBER ? "a fraction" : luaL_typename(L, idx));
    lua_Integer point = lua_tointeger(L, idx);
    if (point < 2 || (lua_Unsigned)point > n)
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "stats.spc: step_at %lld is not a point after the first (2 to %zu)",
                     (long long)point, n);
    return (size_t)point - 1;
}

/* Reads opts.step_at (nil, one step or a list) into a GC-owned array.
 * stack: -> ..., steps_box */
static size_t *spc_steps(lua_State *L, int opts, int labels, size_t n, size_t *nsteps)
{
    *nsteps = 0;
    int type = LUA_TNIL;
    if (opts) {
        lua_pushstring(L, "step_at");
        type = lua_rawget(L, opts);                    /* stack: step_at */
    } else {
        lua_pushnil(L);
    }
    int step_at = lua_absindex(L, -1);
    size_t count = type == LUA_TNIL ? 0 : type == LUA_TTABLE ? lua_rawlen(L, step_at) : 1;
    if (type == LUA_TTABLE && count == 0) {
        lua_pushnil(L);
        if (lua_next(L, step_at))                      /* a table with keys but no list */
            rk_lua_raise(L, RK_ERROR_SCRIPT,
                         "stats.spc: step_at must be a point number (from 2), a label or a list of them");
    }
    if (count > n)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: more steps than points");
    size_t *steps = lua_newuserdatauv(L, (count ? count : 1) * sizeof *steps, 0);
    for (size_t s = 0; s < count; s++) {
        if (type == LUA_TTABLE)
            lua_rawgeti(L, step_at, (lua_Integer)(s + 1));
        else
            lua_pushvalue(L, step_at);
        steps[s] = spc_step(L, -1, labels, n);
        lua_pop(L, 1);
        if (s > 0 && steps[s] <= steps[s - 1])
            rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: step_at must list the steps in increasing order");
    }
    lua_remove(L, step_at);                            /* stack: steps_box */
    *nsteps = count;
    return steps;
}

/* Sets result[key] = labels[point + 1] when there are labels.
 * stack: result -> result */
static void set_label(lua_State *L, int labels, const char *key, size_t point)
{
    if (!labels)
        return;
    lua_rawgeti(L, labels, (lua_Integer)(point + 1));
    lua_setfield(L, -2, key);
}

/* spc(values [, {step_at = point | label | {...}, labels = {...}}]) */
static int stats_spc(lua_State *L)
{
    static const char *const options[] = {"step_at", "labels", NULL};
    if (!lua_istable(L, 1))
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "stats.spc: values must be a list of numbers (nil for a missing period), got %s",
                            luaL_typename(L, 1));
    int opts = check_options(L, 2, "spc", options);
    int labels = 0;
    if (opts) {
        lua_pushstring(L, "labels");
        int type = lua_rawget(L, opts);                /* stack: labels */
        if (type == LUA_TTABLE)
            labels = lua_gettop(L);
        else if (type == LUA_TNIL)
            lua_pop(L, 1);
        else
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.spc: labels must be a list of text, got %s",
                                lua_typename(L, type));
    }
    size_t n = spc_length(L, 1, labels);
    size_t nsteps;
    const size_t *steps = spc_steps(L, opts, labels, n, &nsteps);   /* stack: steps */

    /* GC-owned arrays, so that nothing leaks if an error is raised. */
    double *values = lua_newuserdatauv(L, n * sizeof *values, 0);
    uint8_t *missing = lua_newuserdatauv(L, n, 0);
    rk_spc_point *points = lua_newuserdatauv(L, n * sizeof *points, 0);
    rk_spc_segment *segments = lua_newuserdatauv(L, (nsteps + 1) * sizeof *segments, 0);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (lua_Integer)(i + 1));
        values[i] = lua_tonumber(L, -1);
        missing[i] = lua_isnil(L, -1) || isnan(values[i]);   /* NaN is missing, as in a dataset */
        lua_pop(L, 1);
    }
    rk_error err;
    if (rk_stats_spc(values, missing, n, steps, nsteps, points, segments, &err) != RK_OK)
        return raise_core_error(L, "spc", &err);

    lua_createtable(L, 0, 3);                          /* stack: result */
    lua_createtable(L, (int)n, 0);                     /* stack: result points */
    for (size_t i = 0; i < n; i++) {
        const rk_spc_point *p = &points[i];
        const rk_spc_segment *seg = &segments[p->segment];
        lua_createtable(L, 0, 11);                     /* stack: result points point */
        lua_pushinteger(L, (lua_Integer)(i + 1));
        lua_setfield(L, -2, "index");
        set_label(L, labels, "label", i);
        set_number(L, "value", !p->missing, values[i]);
        lua_pushinteger(L, (lua_Integer)(p->segment + 1));
        lua_setfield(L, -2, "segment");
        set_number(L, "centre", seg->has_centre, seg->centre);
        set_number(L, "lower", seg->has_limits, seg->lower);
        set_number(L, "upper", seg->has_limits, seg->upper);
        set_boolean(L, "beyond_limits", p->beyond_limits);
        set_boolean(L, "shift", p->shift);
        set_boolean(L, "trend", p->trend);
        set_boolean(L, "signal", p->beyond_limits || p->shift || p->trend);
        lua_rawseti(L, -2, (lua_Integer)(i + 1));
    }
    lua_setfield(L, -2, "points");
    lua_createtable(L, (int)nsteps + 1, 0);            /* stack: result segments */
    for (size_t s = 0; s <= nsteps; s++) {
        const rk_spc_segment *seg = &segments[s];
        lua_createtable(L, 0, 12);                     /* stack: result segments segment */
        lua_pushinteger(L, (lua_Integer)(seg->first + 1));
        lua_setfield(L, -2, "from");
        lua_pushinteger(L, (lua_Integer)(seg->last + 1));
        lua_setfield(L, -2, "to");
        set_label(L, labels, "from_label", seg->first);
        set_label(L, labels, "to_label", seg->last);
        lua_pushinteger(L, (lua_Integer)seg->n);
        lua_setfield(L, -2, "n");
        lua_pushinteger(L, (lua_Integer)(seg->last - seg->first + 1 - seg->n));
        lua_setfield(L, -2, "missing");
        lua_pushinteger(L, (lua_Integer)seg->moving_ranges);
        lua_setfield(L, -2, "moving_ranges");
        set_number(L, "centre", seg->has_centre, seg->centre);
        set_number(L, "mean_moving_range", seg->has_limits, seg->mean_moving_range);
        set_number(L, "lower", seg->has_limits, seg->lower);
        set_number(L, "upper", seg->has_limits, seg->upper);
        set_string(L, "flag", rk_stats_flag_text(seg->flag));
        lua_rawseti(L, -2, (lua_Integer)(s + 1));
    }
    lua_setfield(L, -2, "segments");
    set_string(L, "method", SPC_METHOD);
    return 1;
}

/* ---- rank agreement ------------------------------------------------------ */

typedef rk_status (*rank_fn)(const double *, const double *, size_t, double *, bool *, rk_stats_flag *,
                             rk_error *);

/* The list at `arg` as numbers in a GC-owned array of its length *n (the
 * first list decides; the second must match). stack: [-0, +1] */
static double *rank_list(lua_State *L, int arg, const char *fname, const char *name, size_t *n)
{
    if (!lua_istable(L, arg))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.%s: %s must be a list of numbers, got %s", fname, name,
                     luaL_typename(L, arg));
    size_t len = lua_rawlen(L, arg);
    if (*n != (size_t)-1 && len != *n)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.%s: x and y must be the same length, got %zu and %zu", fname,
                     *n, len);
    double *v = lua_newuserdatauv(L, (len ? len : 1) * sizeof *v, 0);
    for (size_t i = 0; i < len; i++) {
        if (lua_rawgeti(L, arg, (lua_Integer)(i + 1)) != LUA_TNUMBER)
            rk_lua_raise(L, RK_ERROR_SCRIPT,
                         "stats.%s: %s[%zu] is %s: give numbers only (drop the items missing in either list first)",
                         fname, name, i + 1, luaL_typename(L, -1));
        v[i] = lua_tonumber(L, -1);
        lua_pop(L, 1);
    }
    *n = len;
    return v;
}

static int rank_correlation(lua_State *L, const char *fname, rank_fn fn, const char *method)
{
    size_t n = (size_t)-1;
    const double *x = rank_list(L, 1, fname, "x", &n);
    const double *y = rank_list(L, 2, fname, "y", &n);
    double estimate;
    bool has;
    rk_stats_flag flag;
    rk_error err;
    if (fn(x, y, n, &estimate, &has, &flag, &err) != RK_OK)
        return raise_core_error(L, fname, &err);
    lua_createtable(L, 0, 4);
    set_number(L, "estimate", has, estimate);
    lua_pushinteger(L, (lua_Integer)n);
    lua_setfield(L, -2, "n");
    set_string(L, "method", method);
    set_string(L, "flag", rk_stats_flag_text(flag));
    return 1;
}

/* spearman(x, y) */
static int stats_spearman(lua_State *L)
{
    return rank_correlation(L, "spearman", rk_stats_spearman,
                            "Spearman's rank correlation (rho), ties given their mean rank");
}

/* kendall(x, y) */
static int stats_kendall(lua_State *L)
{
    return rank_correlation(L, "kendall", rk_stats_kendall_tau_b, "Kendall's tau-b, adjusted for ties");
}

/* ---- seeded draws --------------------------------------------------------- */

#define RANDOM_TYPE "rapkit.Random"

/* random(seed) -> a generator whose draws are the same on every build
 * (SplitMix64, core/rk_random.h). */
static int stats_random(lua_State *L)
{
    if (!lua_isinteger(L, 1))
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.random: the seed must be a whole number, got %s",
                            lua_type(L, 1) == LUA_TNUMBER ? "a fraction" : luaL_typename(L, 1));
    rk_random *r = lua_newuserdatauv(L, sizeof *r, 0);
    rk_random_seed(r, (uint64_t)lua_tointeger(L, 1));
    luaL_setmetatable(L, RANDOM_TYPE);
    return 1;
}

/* r:uniform() in [0, 1); r:uniform(lo, hi) in [lo, hi). */
static int random_uniform(lua_State *L)
{
    rk_random *r = luaL_checkudata(L, 1, RANDOM_TYPE);
    if (lua_isnone(L, 2)) {
        lua_pushnumber(L, rk_random_uniform(r));
        return 1;
    }
    double lo = check_number(L, 2, "random", "lo"), hi = check_number(L, 3, "random", "hi");
    if (!isfinite(lo) || !isfinite(hi) || hi < lo)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "stats.random: uniform(lo, hi) needs finite lo <= hi");
    lua_pushnumber(L, lo + (hi - lo) * rk_random_uniform(r));
    return 1;
}

void rk_lua_open_stats(lua_State *L)
{
    luaL_newmetatable(L, RANDOM_TYPE);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, random_uniform);
    lua_setfield(L, -2, "uniform");
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, RANDOM_TYPE);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);

    static const luaL_Reg functions[] = {
        {"proportion", stats_proportion},
        {"rate", stats_rate},
        {"rate_ratio", stats_rate_ratio},
        {"z", stats_z},
        {"change", stats_change},
        {"compare_rates", stats_compare_rates},
        {"compare_proportions", stats_compare_proportions},
        {"spc", stats_spc},
        {"spearman", stats_spearman},
        {"kendall", stats_kendall},
        {"random", stats_random},
        {NULL, NULL},
    };
    luaL_newlib(L, functions);
    lua_setfield(L, -2, "stats");
}
