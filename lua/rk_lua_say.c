/* rapkit.say and rapkit.disclose: the script gives numbers, labels and
 * options; core/rk_say.c and core/rk_disclose.c do the arithmetic, the
 * rounding and the suppression. Arguments are checked first, arrays are
 * GC-owned userdata, phrases are built in a stack buffer (or a luaL_Buffer
 * when long), and errors are raised after core has returned, so no malloc'd
 * memory is ever pending.
 *
 * Every function is a closure whose upvalue 1 is the rapkit table, where
 * rapkit.min_count is read at each call. */
#include "rk_lua_say.h"

#include <lauxlib.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "rk_disclose.h"
#include "rk_host.h"
#include "rk_lua_dataset.h"
#include "rk_say.h"

/* ---- arguments ------------------------------------------------------------ */

/* The options table at arg: absent or nil gives 0 (no table), a table its
 * index; anything else is an error. */
static int opt_table(lua_State *L, int arg, const char *fname, const char *const *names,
                     lua_Integer npositional)
{
    int t = lua_type(L, arg);
    if (t == LUA_TNONE || t == LUA_TNIL)
        return 0;
    if (t != LUA_TTABLE)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: argument %d must be a table of options (got %s)",
                     fname, arg, luaL_typename(L, arg));
    rk_lua_check_option_names(L, arg, fname, names, npositional);
    return arg;
}

/* Pushes opts[field] (nil when there is no table). stack: [-0, +1] */
static int get_opt(lua_State *L, int opts, const char *field)
{
    if (!opts) {
        lua_pushnil(L);
        return LUA_TNIL;
    }
    return lua_getfield(L, opts, field);
}

/* The value at idx as a whole number, or an error naming `what`. */
static int64_t to_whole(lua_State *L, int idx, const char *fname, const char *what)
{
    int isnum;
    lua_Integer i = lua_tointegerx(L, idx, &isnum);
    if (!isnum || lua_type(L, idx) != LUA_TNUMBER) {
        if (lua_type(L, idx) == LUA_TNUMBER)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: %s must be a whole number (got %s)", fname, what,
                         luaL_tolstring(L, idx, NULL));
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: %s must be a whole number (got %s)", fname, what,
                     luaL_typename(L, idx));
    }
    return (int64_t)i;
}

static double to_number(lua_State *L, int idx, const char *fname, const char *what)
{
    if (lua_type(L, idx) != LUA_TNUMBER)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: %s must be a number (got %s)", fname, what,
                     luaL_typename(L, idx));
    return lua_tonumber(L, idx);
}

static const char *to_label(lua_State *L, int idx, const char *fname, const char *what)
{
    if (lua_type(L, idx) != LUA_TSTRING)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: %s must be text (got %s)", fname, what,
                     luaL_typename(L, idx));
    return lua_tostring(L, idx);
}

/* The small-number threshold: opts.min, else rapkit.min_count, else 10. */
static int64_t check_min(lua_State *L, int opts, const char *fname)
{
    const char *what = "min";
    if (get_opt(L, opts, "min") == LUA_TNIL) {
        lua_pop(L, 1);
        what = "rapkit.min_count";
        lua_getfield(L, lua_upvalueindex(1), "min_count");
    }
    int64_t min = RK_SAY_DEFAULT_MIN;                     /* stack: ... value */
    if (!lua_isnil(L, -1)) {
        min = to_whole(L, -1, fname, what);
        if (min < 1)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: %s must be 1 or more (got %lld)", fname, what,
                         (long long)min);
    }
    lua_pop(L, 1);
    return min;
}

/* opts[field] as a whole number, or dflt when absent. */
static int64_t opt_whole(lua_State *L, int opts, const char *field, int64_t dflt,
                         const char *fname)
{
    int64_t v = dflt;
    if (get_opt(L, opts, field) != LUA_TNIL)
        v = to_whole(L, -1, fname, field);
    lua_pop(L, 1);
    return v;
}

/* opts.cases: a count, 0 or more, or -1 when not given. */
static int64_t opt_cases(lua_State *L, int opts, const char *fname)
{
    int64_t cases = opt_whole(L, opts, "cases", -1, fname);
    if (cases < 0 && get_opt(L, opts, "cases") != LUA_TNIL)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: cases must be 0 or more (got %lld)", fname,
                     (long long)cases);
    lua_pop(L, 1);
    return cases;
}

/* opts[field] as text, or NULL when absent; the options table keeps it. */
static const char *opt_label(lua_State *L, int opts, const char *field, const char *fname)
{
    const char *s = NULL;
    if (get_opt(L, opts, field) != LUA_TNIL)
        s = to_label(L, -1, fname, field);
    lua_pop(L, 1);
    return s;
}

/* Bound k of an interval table (nil: not computable). */
static double interval_bound(lua_State *L, int idx, const char *fname, const char *what)
{
    if (lua_isnil(L, idx))
        return NAN;
    return to_number(L, idx, fname, what);
}

/* Reads an interval from the table at idx: a list {lower, upper} or a
 * table with fields lower and upper (a rapkit.stats result), where nil is
 * not computable; its conf, if any, into ci->conf. Sets *estimate to the
 * table's estimate field (NAN when it has none). Returns false when the
 * table has neither lower nor upper. */
static bool read_interval(lua_State *L, int idx, const char *fname, rk_say_interval *ci,
                          double *estimate)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) != LUA_TTABLE)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: the interval must be {lower, upper} or a table with "
                     "lower and upper (got %s)", fname, luaL_typename(L, idx));
    *estimate = NAN;
    if (lua_rawlen(L, idx) > 0) {
        lua_rawgeti(L, idx, 1);
        lua_rawgeti(L, idx, 2);
        if (lua_rawlen(L, idx) != 2 || lua_type(L, -2) != LUA_TNUMBER || lua_type(L, -1) != LUA_TNUMBER)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: the interval must be two numbers, {lower, upper}",
                         fname);
        ci->lower = lua_tonumber(L, -2);
        ci->upper = lua_tonumber(L, -1);
        lua_pop(L, 2);
        return true;
    }
    if (lua_getfield(L, idx, "estimate") != LUA_TNIL)
        *estimate = to_number(L, -1, fname, "the estimate");
    lua_pop(L, 1);
    if (lua_getfield(L, idx, "conf") != LUA_TNIL)
        ci->conf = to_number(L, -1, fname, "conf");
    lua_pop(L, 1);
    int tl = lua_getfield(L, idx, "lower");
    int tu = lua_getfield(L, idx, "upper");
    bool any = tl != LUA_TNIL || tu != LUA_TNIL;
    ci->lower = interval_bound(L, -2, fname, "the interval's lower");
    ci->upper = interval_bound(L, -1, fname, "the interval's upper");
    lua_pop(L, 2);
    return any;
}

/* The interval's confidence level: opts.conf, or the level the interval
 * table gave (ci->conf; NAN when it gave none), or 0.95. A level in both
 * that differs is an error: the label would not match the bounds. */
static void apply_conf(lua_State *L, int opts, rk_say_interval *ci, const char *fname)
{
    if (get_opt(L, opts, "conf") != LUA_TNIL) {
        double conf = to_number(L, -1, fname, "conf");
        if (!isnan(ci->conf) && conf != ci->conf)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: the interval's confidence level is %g, not %g",
                         fname, ci->conf, conf);
        ci->conf = conf;
    }
    lua_pop(L, 1);
    if (isnan(ci->conf))
        ci->conf = 0.95;
}

/* The estimate of a stats result whose estimate is nil: an error saying
 * why, from its flag if it has one. */
static double no_estimate(lua_State *L, int idx, const char *fname, const char *what)
{
    if (lua_getfield(L, idx, "flag") == LUA_TSTRING)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: %s has no estimate (%s)", fname, what,
                     lua_tostring(L, -1));
    rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: %s must be a number or a table with an estimate",
                 fname, what);
    return 0;
}

/* A number argument that may also be a rapkit.stats result (its estimate). */
static double number_or_estimate(lua_State *L, int arg, const char *fname, const char *what)
{
    if (lua_type(L, arg) != LUA_TTABLE)
        return to_number(L, arg, fname, what);
    if (lua_getfield(L, arg, "estimate") == LUA_TNIL) {
        lua_pop(L, 1);
        return no_estimate(L, arg, fname, what);
    }
    double v = to_number(L, -1, fname, what);
    lua_pop(L, 1);
    return v;
}

/* ---- phrases ------------------------------------------------------------- */

typedef rk_status (*phrase_fn)(void *args, char *buf, size_t size, size_t *len, rk_error *err);

/* Calls fn into a stack buffer, again into a luaL_Buffer if it was too
 * short, and pushes the phrase; or raises "say.<fname>: <message>". */
static int push_phrase(lua_State *L, const char *fname, phrase_fn fn, void *args)
{
    char buf[RK_SAY_BUF];
    size_t len;
    rk_error err;
    if (fn(args, buf, sizeof buf, &len, &err) != RK_OK)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "say.%s: %s", fname, err.message);
    if (len < sizeof buf) {
        lua_pushlstring(L, buf, len);
        return 1;
    }
    luaL_Buffer b;
    char *big = luaL_buffinitsize(L, &b, len + 1);
    size_t again;
    fn(args, big, len + 1, &again, &err);
    luaL_pushresultsize(&b, again);
    return 1;
}

typedef struct phrase_args {
    int64_t a, b;
    double x, y;
    const char *label1, *label2, *label3;
    rk_say_kind kind;
    rk_say_options opts;
} phrase_args;

static rk_status call_compare(void *p, char *buf, size_t size, size_t *len, rk_error *err)
{
    phrase_args *a = p;
    return rk_say_compare(a->a, a->b, a->label1, a->label2, &a->opts, buf, size, len, err);
}

static rk_status call_proportion(void *p, char *buf, size_t size, size_t *len, rk_error *err)
{
    phrase_args *a = p;
    return rk_say_proportion(a->a, a->b, a->label1, &a->opts, buf, size, len, err);
}

static rk_status call_rate(void *p, char *buf, size_t size, size_t *len, rk_error *err)
{
    phrase_args *a = p;
    return rk_say_rate(a->a, a->x, a->y, a->label1, &a->opts, buf, size, len, err);
}

static rk_status call_ratio(void *p, char *buf, size_t size, size_t *len, rk_error *err)
{
    phrase_args *a = p;
    return rk_say_ratio(a->x, a->label1, a->label2, a->label3, &a->opts, buf, size, len, err);
}

static rk_status call_change(void *p, char *buf, size_t size, size_t *len, rk_error *err)
{
    phrase_args *a = p;
    return rk_say_change(a->x, a->y, a->kind, &a->opts, buf, size, len, err);
}

/* The options every phrase shares: min and decimals. */
static void common_options(lua_State *L, int opts, const char *fname, rk_say_options *o)
{
    rk_say_options init = RK_SAY_OPTIONS_INIT;
    *o = init;
    o->min = check_min(L, opts, fname);
    int64_t decimals = opt_whole(L, opts, "decimals", 1, fname);
    if (decimals < 0 || decimals > RK_SAY_MAX_DECIMALS)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: decimals must be from 0 to %d (got %lld)", fname,
                     RK_SAY_MAX_DECIMALS, (long long)decimals);
    o->decimals = (int)decimals;
}

/* say.compare(a, b, a_label, b_label [, {min, decimals}]) */
static int say_compare(lua_State *L)
{
    static const char *const names[] = {"min", "decimals", NULL};
    const char *fname = "say.compare";
    phrase_args a;
    a.a = to_whole(L, 1, fname, "the first count");
    a.b = to_whole(L, 2, fname, "the second count");
    a.label1 = to_label(L, 3, fname, "the first label");
    a.label2 = to_label(L, 4, fname, "the second label");
    int opts = opt_table(L, 5, fname, names, 0);
    common_options(L, opts, fname, &a.opts);
    return push_phrase(L, "compare", call_compare, &a);
}

/* Field `field` of the rapkit.stats result at idx, as a whole number. */
static int64_t result_whole(lua_State *L, int idx, const char *field, const char *fname,
                            const char *what)
{
    lua_getfield(L, idx, field);
    if (lua_isnil(L, -1))
        rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: the result has no %s: give a rapkit.stats result "
                     "or the numbers", fname, field);
    int64_t v = to_whole(L, -1, fname, what);
    lua_pop(L, 1);
    return v;
}

/* The interval of a phrase: from the rapkit.stats result at `result` (0:
 * none) or from opts.interval, never both; with opts.conf over its own. */
static bool phrase_interval(lua_State *L, int result, int opts, const char *fname,
                            rk_say_interval *ci, double *estimate)
{
    bool found = false;
    *estimate = NAN;
    if (get_opt(L, opts, "interval") != LUA_TNIL) {       /* stack: ... interval */
        if (result)
            rk_lua_raise(L, RK_ERROR_SCRIPT,
                         "%s: the result has its interval already: give it once", fname);
        if (!read_interval(L, -1, fname, ci, estimate))
            rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: the interval has no lower or upper", fname);
        found = true;
    } else if (result) {
        found = read_interval(L, result, fname, ci, estimate);
    }
    lua_pop(L, 1);
    if (found)
        apply_conf(L, opts, ci, fname);
    return found;
}

/* say.proportion(k, n, what [, {interval, conf, min, decimals}]) or
 * say.proportion(result, what [, {...}]) with a rapkit.stats.proportion
 * result (k, n, lower, upper, conf). */
static int say_proportion(lua_State *L)
{
    static const char *const names[] = {"interval", "conf", "min", "decimals", NULL};
    const char *fname = "say.proportion";
    phrase_args a;
    int result = lua_type(L, 1) == LUA_TTABLE ? 1 : 0;
    int next = 3;
    if (result) {
        a.a = result_whole(L, 1, "k", fname, "k");
        a.b = result_whole(L, 1, "n", fname, "n");
        next = 2;
    } else {
        a.a = to_whole(L, 1, fname, "k");
        a.b = to_whole(L, 2, fname, "n");
    }
    a.label1 = to_label(L, next, fname, "what is counted");
    int opts = opt_table(L, next + 1, fname, names, 0);
    common_options(L, opts, fname, &a.opts);
    rk_say_interval ci = {NAN, NAN, NAN};
    double estimate;
    if (phrase_interval(L, result, opts, fname, &ci, &estimate)) {
        if (!isnan(estimate) && a.b > 0 && fabs(estimate - (double)a.a / (double)a.b) > 1e-9)
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "%s: the interval is for a proportion of %g, not %lld of %lld",
                                fname, estimate, (long long)a.a, (long long)a.b);
        a.opts.interval = &ci;
    }
    return push_phrase(L, "proportion", call_proportion, &a);
}

/* say.rate(k, population [, {per, of, interval, conf, min, decimals}]) or
 * say.rate(result [, {...}]) with a rapkit.stats.rate result (k,
 * population, per, lower, upper, conf). */
static int say_rate(lua_State *L)
{
    static const char *const names[] = {"per", "of", "interval", "conf", "min", "decimals", NULL};
    const char *fname = "say.rate";
    phrase_args a;
    int result = lua_type(L, 1) == LUA_TTABLE ? 1 : 0;
    a.y = NAN;
    if (result) {
        a.a = result_whole(L, 1, "k", fname, "the count");
        lua_getfield(L, 1, "population");
        a.x = to_number(L, -1, fname, "the population");
        if (lua_getfield(L, 1, "per") != LUA_TNIL)
            a.y = to_number(L, -1, fname, "per");
        lua_pop(L, 2);
    } else {
        a.a = to_whole(L, 1, fname, "the count");
        a.x = to_number(L, 2, fname, "the population");
    }
    int opts = opt_table(L, result ? 2 : 3, fname, names, 0);
    common_options(L, opts, fname, &a.opts);
    if (get_opt(L, opts, "per") != LUA_TNIL) {
        double per = to_number(L, -1, fname, "per");
        if (!isnan(a.y) && per != a.y)
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "%s: the result is per %g, not per %g: give per once", fname, a.y,
                                per);
        a.y = per;
    }
    lua_pop(L, 1);
    if (isnan(a.y))
        a.y = 1000;
    a.label1 = opt_label(L, opts, "of", fname);
    rk_say_interval ci = {NAN, NAN, NAN};
    double estimate;
    if (phrase_interval(L, result, opts, fname, &ci, &estimate)) {
        double rate = (double)a.a / a.x * a.y;
        if (!isnan(estimate) && a.x > 0 && fabs(estimate - rate) > 1e-9 * (rate > 1 ? rate : 1)) {
            char per_text[RK_SAY_NUMBER_BUF];
            rk_say_number(a.y, 0, per_text);
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "%s: the interval is for a rate of %g, but %lld in %g is %g per %s",
                                fname, estimate, (long long)a.a, a.x, rate, per_text);
        }
        a.opts.interval = &ci;
    }
    return push_phrase(L, "rate", call_rate, &a);
}

/* say.ratio(r [, {lower, upper, group, reference, verb, conf, cases, min,
 * decimals}]); r a number or a table with estimate, lower, upper, conf
 * (a rapkit.stats.rate_ratio result, whose smaller count k1 or k0 is then
 * the cases); lower and upper may also be the first two items of the
 * options. */
static int say_ratio(lua_State *L)
{
    static const char *const names[] = {"lower", "upper", "group", "reference", "verb",
                                        "conf", "cases", "min", "decimals", NULL};
    const char *fname = "say.ratio";
    phrase_args a;
    int opts = opt_table(L, 2, fname, names, 2);
    common_options(L, opts, fname, &a.opts);
    rk_say_interval ci = {NAN, NAN, NAN};
    bool has_interval = false;
    if (lua_type(L, 1) == LUA_TTABLE) {
        double estimate;
        if (lua_getfield(L, 1, "estimate") == LUA_TNIL)
            no_estimate(L, 1, fname, "the ratio");
        lua_pop(L, 1);
        has_interval = read_interval(L, 1, fname, &ci, &estimate);
        a.x = estimate;
    } else {
        a.x = to_number(L, 1, fname, "the ratio");
    }
    /* The interval in the options: named, or the first two items. */
    int tl = get_opt(L, opts, "lower");
    int tu = get_opt(L, opts, "upper");
    if (opts && (tl != LUA_TNIL || tu != LUA_TNIL) && lua_rawlen(L, opts) > 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "%s: give the interval once, as {lower, upper} or lower = and upper =",
                            fname);
    if (opts && tl == LUA_TNIL && tu == LUA_TNIL) {
        lua_pop(L, 2);
        lua_rawgeti(L, opts, 1);
        lua_rawgeti(L, opts, 2);
        tl = lua_type(L, -2);
        tu = lua_type(L, -1);
    }
    if (tl != LUA_TNIL || tu != LUA_TNIL) {
        if (has_interval)
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "%s: the ratio already has its interval: give it once", fname);
        if (tl == LUA_TNIL || tu == LUA_TNIL)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "%s: give both lower and upper", fname);
        ci.lower = to_number(L, -2, fname, "lower");
        ci.upper = to_number(L, -1, fname, "upper");
        has_interval = true;
    }
    lua_pop(L, 2);
    if (has_interval) {
        apply_conf(L, opts, &ci, fname);
        a.opts.interval = &ci;
    }
    a.label1 = opt_label(L, opts, "group", fname);
    a.label2 = opt_label(L, opts, "reference", fname);
    a.label3 = opt_label(L, opts, "verb", fname);
    if (!a.label1 || !a.label2)
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "%s: name the groups, as {group = \"Black\", reference = \"White\"}",
                            fname);
    a.opts.cases = opt_cases(L, opts, fname);
    if (a.opts.cases < 0 && lua_type(L, 1) == LUA_TTABLE) {
        /* A rapkit.stats.rate_ratio result: the smaller of its counts. */
        int t1 = lua_getfield(L, 1, "k1"), t0 = lua_getfield(L, 1, "k0");
        if (t1 == LUA_TNUMBER && t0 == LUA_TNUMBER) {
            double k1 = lua_tonumber(L, -2), k0 = lua_tonumber(L, -1);
            double k = k1 < k0 ? k1 : k0;
            if (k >= 0 && k < 9e15)
                a.opts.cases = (int64_t)k;
        }
        lua_pop(L, 2);
    }
    return push_phrase(L, "ratio", call_ratio, &a);
}

/* say.change(old, new [, {kind, cases, min, decimals}]) */
static int say_change(lua_State *L)
{
    static const char *const names[] = {"kind", "cases", "min", "decimals", NULL};
    const char *fname = "say.change";
    phrase_args a;
    a.x = number_or_estimate(L, 1, fname, "the old value");
    a.y = number_or_estimate(L, 2, fname, "the new value");
    int opts = opt_table(L, 3, fname, names, 0);
    common_options(L, opts, fname, &a.opts);
    a.kind = RK_SAY_COUNT;
    if (get_opt(L, opts, "kind") != LUA_TNIL) {
        const char *kind = to_label(L, -1, fname, "kind");
        if (strcmp(kind, "count") == 0)
            a.kind = RK_SAY_COUNT;
        else if (strcmp(kind, "proportion") == 0)
            a.kind = RK_SAY_PROPORTION;
        else if (strcmp(kind, "number") == 0)
            a.kind = RK_SAY_NUMBER;
        else
            return rk_lua_raise(L, RK_ERROR_SCRIPT,
                                "%s: unknown kind '%s' (kinds: count, proportion, number)", fname,
                                kind);
    }
    lua_pop(L, 1);
    a.opts.cases = opt_cases(L, opts, fname);
    return push_phrase(L, "change", call_change, &a);
}

static bool ascii_iequal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* say.group(name) */
/* say.number(x [, decimals]): x as the phrases write it, rounded half away
 * from zero, with thousands separators. */
static int say_number(lua_State *L)
{
    double x = to_number(L, 1, "say.number", "the number");
    lua_Integer decimals = luaL_optinteger(L, 2, 0);
    if (!isfinite(x))
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "say.number: the number must be finite");
    if (decimals < 0 || decimals > 6)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "say.number: decimals must be 0 to 6 (got %d)", (int)decimals);
    char buf[RK_SAY_NUMBER_BUF];
    size_t len = rk_say_number(x, (int)decimals, buf);
    lua_pushlstring(L, buf, len);
    return 1;
}

static int say_group(lua_State *L)
{
    const char *name = to_label(L, 1, "say.group", "the group");
    const char *ons = rk_say_group(name);
    if (ons) {
        lua_pushstring(L, ons);
        return 1;
    }
    if (ascii_iequal(name, "bame") || ascii_iequal(name, "bme"))
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "say.group: '%s' is not used in ONS style: name the ethnic groups, "
                            "or write 'ethnic minorities'",
                            name);
    return rk_lua_raise(L, RK_ERROR_SCRIPT,
                        "say.group: unknown ethnic group '%s' (groups: Asian, Black, Mixed, White, "
                        "Other, Not stated)",
                        name);
}

/* ---- disclose ------------------------------------------------------------ */

/* A GC-owned zeroed array of n elements of the given size. stack: [-0, +1] */
static void *scratch(lua_State *L, size_t n, size_t size)
{
    void *p = lua_newuserdatauv(L, (n ? n : 1) * size, 0);
    memset(p, 0, (n ? n : 1) * size);
    return p;
}

/* Index of the column named at idx, or "disclose: no column named 'x'
 * (columns: ...)". */
static size_t check_column(lua_State *L, const rk_dataset *ds, int idx, const char *field,
                           size_t item)
{
    if (lua_type(L, idx) != LUA_TSTRING) {
        if (item)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "disclose: '%s' must be a column name or a list of "
                         "column names (item %zu is %s)", field, item, luaL_typename(L, idx));
        rk_lua_raise(L, RK_ERROR_SCRIPT, "disclose: '%s' must be a column name or a list of "
                     "column names (got %s)", field, luaL_typename(L, idx));
    }
    const char *name = lua_tostring(L, idx);
    int c = rk_dataset_find(ds, name);
    if (c >= 0)
        return (size_t)c;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (size_t k = 0; k < ds->ncol; k++) {
        if (k)
            luaL_addstring(&b, ", ");
        luaL_addstring(&b, ds->cols[k]->name);
    }
    luaL_pushresult(&b);
    return (size_t)rk_lua_raise(L, RK_ERROR_SCRIPT, "disclose: no column named '%s' (columns: %s)",
                                name, lua_tostring(L, -1));
}

/* The columns named by opts[field]: a name or a list of names. stack:
 * [-0, +1] pushes the GC-owned array it returns. */
static size_t *check_columns(lua_State *L, const rk_dataset *ds, int opts, const char *field,
                             size_t *n)
{
    int t = lua_getfield(L, opts, field);                 /* stack: ... value */
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        *n = 0;
        return scratch(L, 0, sizeof(size_t));
    }
    if (t != LUA_TTABLE) {
        size_t *cols = scratch(L, 1, sizeof *cols);       /* stack: ... value cols */
        cols[0] = check_column(L, ds, -2, field, 0);
        lua_remove(L, -2);
        *n = 1;
        return cols;
    }
    *n = lua_rawlen(L, -1);
    size_t *cols = scratch(L, *n, sizeof *cols);          /* stack: ... list cols */
    for (size_t k = 0; k < *n; k++) {
        lua_rawgeti(L, -2, (lua_Integer)k + 1);
        cols[k] = check_column(L, ds, -1, field, k + 1);
        lua_pop(L, 1);
    }
    lua_remove(L, -2);
    return cols;
}

/* rapkit.disclose(ds, {cols, min, by, total, zeros}) -> dataset, {primary, secondary} */
static int api_disclose(lua_State *L)
{
    static const char *const names[] = {"cols", "min", "by", "total", "zeros", NULL};
    if (!luaL_testudata(L, 1, RK_DATASET_TYPE))
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "disclose: argument 1 must be a Dataset (got %s)",
                            luaL_typename(L, 1));
    rk_dataset *ds = rk_lua_check_dataset(L, 1);
    if (lua_type(L, 2) != LUA_TTABLE)
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "disclose: give the options, as rapkit.disclose(ds, {cols = {\"n\"}})"
                            " (got %s)", luaL_typename(L, 2));
    lua_settop(L, 2);
    rk_lua_push_table_copy(L, 2, 1); /* holds the total's text while disclose allocates */
    lua_replace(L, 2);
    rk_lua_check_option_names(L, 2, "disclose", names, 0);
    rk_disclose_options o;
    memset(&o, 0, sizeof o);
    o.min = check_min(L, 2, "disclose");
    o.cols = check_columns(L, ds, 2, "cols", &o.ncols);   /* stack: ds opts cols */
    if (o.ncols == 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "disclose: name the count columns, as {cols = {\"n\"}}");
    o.by = check_columns(L, ds, 2, "by", &o.nby);         /* stack: ds opts cols by */
    int t = lua_getfield(L, 2, "zeros");                  /* stack: ... zeros */
    if (t != LUA_TNIL && t != LUA_TBOOLEAN)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "disclose: 'zeros' must be true or false (got %s)",
                            luaL_typename(L, -1));
    o.zeros = lua_toboolean(L, -1);
    lua_pop(L, 1);
    o.total_col = -1;
    t = lua_getfield(L, 2, "total");                      /* stack: ... total */
    if (t != LUA_TNIL) {
        const char *shape = "disclose: 'total' must name one column and its value in the total "
                            "row, as {ethnic_group = \"Total\"}";
        if (t != LUA_TTABLE)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "%s", shape);
        lua_pushnil(L);
        if (!lua_next(L, -2))                             /* stack: ... total key value */
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "%s", shape);
        if (lua_type(L, -2) != LUA_TSTRING)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "%s", shape);
        o.total_col = (int)check_column(L, ds, -2, "total", 0);
        rk_value *v = &o.total_value;
        switch (lua_type(L, -1)) {
        case LUA_TSTRING: {
            size_t len;
            v->type = RK_TEXT;
            v->as.text.s = lua_tolstring(L, -1, &len);    /* the options' copy keeps it */
            v->as.text.len = len;
            break;
        }
        case LUA_TNUMBER:
            if (lua_isinteger(L, -1)) {
                v->type = RK_INTEGER;
                v->as.integer = (int64_t)lua_tointeger(L, -1);
            } else {
                v->type = RK_NUMBER;
                v->as.number = lua_tonumber(L, -1);
            }
            break;
        case LUA_TBOOLEAN:
            v->type = RK_BOOLEAN;
            v->as.boolean = lua_toboolean(L, -1);
            break;
        default:
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "disclose: the total row's value of '%s' must "
                                "be text, a number or a boolean (got %s)",
                                lua_tostring(L, -2), luaL_typename(L, -1));
        }
        lua_pop(L, 1);                                    /* stack: ... total key */
        if (lua_next(L, -2))
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "%s", shape);
    }                                                     /* stack: ds opts cols by total */
    rk_error err;
    rk_disclose_counts counts;
    rk_dataset *out = rk_disclose(ds, &o, &counts, &err);
    if (!out)
        return rk_lua_raise(L, err.status == RK_EARG ? RK_ERROR_SCRIPT : RK_ERROR_IO,
                            "disclose: %s", err.message);
    rk_lua_push_dataset(L, out);
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, (lua_Integer)counts.primary);
    lua_setfield(L, -2, "primary");
    lua_pushinteger(L, (lua_Integer)counts.secondary);
    lua_setfield(L, -2, "secondary");
    return 2;
}

void rk_lua_open_say(lua_State *L)
{
    static const luaL_Reg say[] = {
        {"compare", say_compare}, {"proportion", say_proportion}, {"rate", say_rate},
        {"ratio", say_ratio},     {"change", say_change},         {"group", say_group},
        {"number", say_number},
        {NULL, NULL},
    };
    lua_newtable(L);                                      /* stack: rapkit say */
    lua_pushvalue(L, -2);                                 /* stack: rapkit say rapkit */
    luaL_setfuncs(L, say, 1);                             /* stack: rapkit say */
    lua_setfield(L, -2, "say");                           /* stack: rapkit */
    lua_pushvalue(L, -1);                                 /* stack: rapkit rapkit */
    lua_pushcclosure(L, api_disclose, 1);                 /* stack: rapkit disclose */
    lua_setfield(L, -2, "disclose");                      /* stack: rapkit */
}
