/* rk_lua_chart_stamp.c: the lint, the rows option, the stamp and the output
 * guard of chart saves (rk_lua_chart_stamp.h). Spec fields are read raw, as
 * in rk_lua_chart.c, so no metamethod runs; a finalizer still may, at any
 * allocation, so what is read stays anchored on the stack (or in the
 * stamp's user value) while it is used. */
#include "rk_lua_chart_stamp.h"

#include <lauxlib.h>
#include <math.h>
#include <string.h>

#include "rk_chart.h"
#include "rk_lint.h"
#include "rk_lua_dataset.h"

#define MAX_COUNT 9007199254740992.0 /* 2^53: every whole number below is exact */
#define EXCLUDED_USAGE \
    "chart.%s: 'rows_excluded' must be a count (a whole number, 0 or more) or a dataset of reason and rows, " \
    "as a metric's result.excluded"

static char chart_ids_key; /* registry: a weak table, Chart -> id; [0] = the last id given */

/* ---- rows_used and rows_excluded ------------------------------------------ */

static bool is_count(double v)
{
    return v >= 0 && v <= MAX_COUNT && v == floor(v);
}

/* What the spec states of the rows behind the chart. */
typedef struct stated_rows {
    long long used, excluded;  /* -1: not stated */
    bool by_reason;            /* rows_excluded was a dataset of reasons */
    size_t nreasons;
} stated_rows;

/* Row r of a rows_excluded dataset (checked to have a text column
 * 'reason' and a number column 'rows') as a reason; false if the reason is
 * missing or the rows are not a count. The text is the dataset's. */
static bool read_reason(const rk_dataset *ds, size_t r, rk_stamp_reason *out)
{
    const rk_column *reason = ds->cols[rk_dataset_find(ds, "reason")];
    const rk_column *count = ds->cols[rk_dataset_find(ds, "rows")];
    double v = rk_column_is_missing(count, r) ? -1
               : count->type == RK_INTEGER    ? (double)count->v.integers[r]
                                              : count->v.numbers[r];
    if (rk_column_is_missing(reason, r) || !is_count(v))
        return false;
    *out = (rk_stamp_reason){rk_dict_str(&reason->dict, reason->v.codes[r]), (long long)v};
    return true;
}

/* Reads and checks spec.rows_used and spec.rows_excluded. Pushes the
 * value of rows_excluded, which keeps its dataset, if it is one, alive;
 * *excluded gets that dataset (else NULL). stack: -> ..., rows_excluded */
static stated_rows read_rows(lua_State *L, int spec, const char *chart, const rk_dataset **excluded)
{
    stated_rows out = {-1, -1, false, 0};
    *excluded = NULL;
    int t = rk_lua_raw_field(L, spec, "rows_used");
    if (t != LUA_TNIL) {
        if (t != LUA_TNUMBER || !is_count(lua_tonumber(L, -1)))
            rk_lua_raise(L, RK_ERROR_SCRIPT,
                         "chart.%s: 'rows_used' must be a count (a whole number, 0 or more), as a metric's "
                         "result.used", chart);
        out.used = (long long)lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
    t = rk_lua_raw_field(L, spec, "rows_excluded");
    int value = lua_gettop(L);
    if (t == LUA_TNUMBER) {
        if (!is_count(lua_tonumber(L, -1)))
            rk_lua_raise(L, RK_ERROR_SCRIPT, EXCLUDED_USAGE, chart);
        out.excluded = (long long)lua_tonumber(L, -1);
    } else if (t != LUA_TNIL) {
        if (t != LUA_TUSERDATA)
            rk_lua_raise(L, RK_ERROR_SCRIPT, EXCLUDED_USAGE, chart);
        const rk_dataset *ds = rk_lua_check_dataset_field(L, value, lua_pushfstring(L, "chart.%s", chart),
                                                          "rows_excluded");
        lua_settop(L, value);
        int rc = rk_dataset_find(ds, "reason"), nc = rk_dataset_find(ds, "rows");
        /* An empty list makes a column of no particular type: only a dataset
         * with rows must have them typed. */
        if (rc < 0 || nc < 0 ||
            (ds->nrow > 0 && (ds->cols[rc]->type != RK_TEXT ||
                              (ds->cols[nc]->type != RK_INTEGER && ds->cols[nc]->type != RK_NUMBER))))
            rk_lua_raise(L, RK_ERROR_SCRIPT,
                         "chart.%s: 'rows_excluded' must have a text column 'reason' and a number column 'rows', "
                         "as a metric's result.excluded", chart);
        out.by_reason = true;
        out.excluded = 0;
        for (size_t r = 0; r < ds->nrow; r++) {
            rk_stamp_reason reason;
            if (!read_reason(ds, r, &reason))
                rk_lua_raise(L, RK_ERROR_SCRIPT,
                             "chart.%s: 'rows_excluded' row %zu needs a reason and a count of rows (a whole "
                             "number, 0 or more)", chart, r + 1);
            out.excluded += reason.rows;
        }
        out.nreasons = ds->nrow;
        *excluded = ds;
    }
    return out;
}

void rk_lua_chart_check_rows(lua_State *L, int spec, const char *chart)
{
    const rk_dataset *excluded;
    read_rows(L, lua_absindex(L, spec), chart, &excluded);
    lua_pop(L, 1);
}

/* ---- the stamp ----------------------------------------------------------- */

typedef struct stamp_box {
    rk_chart_stamp stamp;
    rk_stamp_reason reasons[]; /* spec.rows.excluded's rows, when a dataset */
} stamp_box;

const rk_chart_stamp *rk_lua_chart_stamp(lua_State *L, int spec, const char *chart, size_t data_rows,
                                         size_t nvalues, const bool *missing, const bool *suppressed)
{
    spec = lua_absindex(L, spec);
    const rk_stamp_run *run = rk_host_stamp_run(L);
    if (!run) {
        lua_pushnil(L);
        return NULL;
    }
    /* One read: the dataset counted is the one whose rows fill the box, and
     * the box's user value keeps it (and so the reasons' text) alive.
     * stack: ... rows_excluded -> ... box */
    const rk_dataset *excluded;
    stated_rows rows = read_rows(L, spec, chart, &excluded);
    size_t nreasons = rows.nreasons;
    stamp_box *box = lua_newuserdatauv(L, sizeof *box + nreasons * sizeof box->reasons[0], 1);
    lua_rotate(L, -2, 1);
    lua_setiuservalue(L, -2, 1);
    size_t filled = 0;
    for (size_t r = 0; excluded && r < excluded->nrow && r < nreasons; r++)
        if (read_reason(excluded, r, &box->reasons[filled]))
            filled++;
    rk_chart_stamp *s = &box->stamp;
    *s = (rk_chart_stamp){.run = run, .chart = chart, .data_rows = data_rows, .values = nvalues,
                          .used = rows.used, .excluded = rows.excluded,
                          .reasons = rows.by_reason ? box->reasons : NULL, .nreasons = filled,
                          .min_count = rk_host_min_count(L)};
    for (size_t i = 0; i < nvalues; i++) {
        if (!missing[i])
            s->drawn++;
        else if (suppressed && suppressed[i])
            s->suppressed++;
        else
            s->missing++;
    }
    return s;
}

/* ---- the lint ------------------------------------------------------------ */

typedef struct lint_state {
    lua_State *L;
    const char *chart;
    bool warned[RK_LINT_NTERMS];
} lint_state;

/* Warns about each term in text not warned about yet; `where` names the
 * text ("the subtitle", "a label in column 'group'"). */
static void lint_text(lint_state *ls, const char *text, const char *where)
{
    rk_lint_finding found[RK_LINT_NTERMS];
    size_t n = rk_lint_terms(text, found, RK_LINT_NTERMS);
    for (size_t i = 0; i < n; i++) {
        size_t t = (size_t)(found[i].term - rk_lint_term_list);
        if (ls->warned[t])
            continue;
        ls->warned[t] = true;
        rk_host_warn_here(ls->L, "chart.%s: %s says '%.*s': %s (%s)", ls->chart, where, (int)found[i].len,
                          text + found[i].start, found[i].term->advice, found[i].term->source);
    }
}

/* Lints t[field] when it is text. */
static void lint_field(lint_state *ls, int t, const char *field, const char *where)
{
    if (rk_lua_raw_field(ls->L, t, field) == LUA_TSTRING)
        lint_text(ls, lua_tostring(ls->L, -1), where);
    lua_pop(ls->L, 1);
}

/* Lints each string, or each item's `field` (when not NULL), of the list
 * spec[list]; `what` names an item ("marker"). */
static void lint_list(lint_state *ls, int spec, const char *list, const char *field, const char *what)
{
    lua_State *L = ls->L;
    if (rk_lua_raw_field(L, spec, list) == LUA_TTABLE) {
        int items = lua_gettop(L);
        lua_Integer n = (lua_Integer)lua_rawlen(L, items);
        for (lua_Integer i = 1; i <= n; i++) {
            int t = lua_rawgeti(L, items, i);
            const char *where = lua_pushfstring(L, "%s %I", what, i);
            if (!field && t == LUA_TSTRING)
                lint_text(ls, lua_tostring(L, -2), where);
            else if (field && t == LUA_TTABLE)
                lint_field(ls, items + 1, field, where);
            lua_pop(L, 2);
        }
    }
    lua_pop(L, 1);
}

/* Lints the distinct values of the text column that spec[field] names in
 * spec.data, each once. */
static void lint_column(lint_state *ls, int spec, const char *field)
{
    lua_State *L = ls->L;
    int top = lua_gettop(L);
    const rk_dataset *ds = NULL;
    int col = -1;
    if (rk_lua_raw_field(L, spec, field) == LUA_TSTRING && rk_lua_raw_field(L, spec, "data") == LUA_TUSERDATA) {
        ds = rk_lua_check_dataset_field(L, -1, "chart", "data");
        col = rk_dataset_find(ds, lua_tostring(L, -2));
    }
    if (col >= 0 && ds->cols[col]->type == RK_TEXT) {
        const rk_column *c = ds->cols[col];
        bool *seen = lua_newuserdatauv(L, c->dict.count + 1, 0);
        memset(seen, 0, c->dict.count + 1);
        const char *where = lua_pushfstring(L, "a label in column '%s'", c->name);
        for (size_t r = 0; r < c->nrow; r++) {
            uint32_t code = c->v.codes[r];
            if (code == RK_NO_CODE || seen[code])
                continue;
            seen[code] = true;
            lint_text(ls, rk_dict_str(&c->dict, code), where);
        }
    }
    lua_settop(L, top);
}

void rk_lua_chart_lint(lua_State *L, int spec, const char *chart)
{
    spec = lua_absindex(L, spec);
    lint_state ls = {.L = L, .chart = chart};
    if (rk_lua_raw_field(L, spec, "title") == LUA_TSTRING) {
        size_t words = rk_lint_count_words(lua_tostring(L, -1));
        if (words > RK_LINT_TITLE_WORDS)
            rk_host_warn_here(L,
                              "chart.%s: the title has %zu words; a headline title of %d words or fewer reads "
                              "better (GAF)", chart, words, RK_LINT_TITLE_WORDS);
    }
    lua_pop(L, 1);
    static const struct {
        const char *field, *where;
    } texts[] = {
        {"title", "the title"},     {"subtitle", "the subtitle"},     {"source", "the source"},
        {"x_title", "the x title"}, {"y_title", "the y title"},       {"note", "the note"},
        {"notes", "the note"},      {"step_label", "the step label"},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        lint_field(&ls, spec, texts[i].field, texts[i].where);
    lint_list(&ls, spec, "notes", NULL, "note");
    lint_list(&ls, spec, "markers", "label", "marker");
    lint_list(&ls, spec, "shade", "label", "shaded period");
    static const char *const label_columns[] = {"x", "group", "stage", "row", "col"};
    for (size_t i = 0; i < sizeof label_columns / sizeof label_columns[0]; i++)
        lint_column(&ls, spec, label_columns[i]);
    lint_list(&ls, spec, "rows", NULL, "row label");
    lint_list(&ls, spec, "cols", NULL, "column label");
    if (rk_lua_raw_field(L, spec, "spc") == LUA_TTABLE) {
        lint_list(&ls, lua_gettop(L), "points", "label", "point label");
    }
    lua_pop(L, 1);
}

/* ---- the output guard ---------------------------------------------------- */

/* The id of the chart at idx, given on first use: ids are never reused in
 * a run, so a new chart that happens to get a dead one's memory is another
 * owner. */
static lua_Integer chart_id(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &chart_ids_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_createtable(L, 0, 1);
        lua_pushliteral(L, "k");
        lua_setfield(L, -2, "__mode");
        lua_setmetatable(L, -2);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &chart_ids_key);
    }
    lua_pushvalue(L, idx);
    lua_Integer id = lua_rawget(L, -2) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
    lua_pop(L, 1);
    if (id == 0) {
        lua_rawgeti(L, -1, 0);
        id = lua_tointeger(L, -1) + 1;
        lua_pop(L, 1);
        lua_pushinteger(L, id);
        lua_rawseti(L, -2, 0);
        lua_pushvalue(L, idx);
        lua_pushinteger(L, id);
        lua_rawset(L, -3);
    }
    lua_pop(L, 1);
    return id;
}

#define NCOMPANIONS 4

typedef struct outputs_box {
    rk_output_set set;
    const char *companions[NCOMPANIONS];
} outputs_box;

const rk_output_set *rk_lua_chart_check_outputs(lua_State *L, int chart_ud, int path, const char *chart)
{
    chart_ud = lua_absindex(L, chart_ud);
    path = lua_absindex(L, path);
    /* stack: ..., box, what, given path, companions... (the box's user values hold the strings) */
    outputs_box *box = lua_newuserdatauv(L, sizeof *box, 2 + NCOMPANIONS);
    int b = lua_gettop(L);
    const char *given = lua_tostring(L, path);
    box->set = (rk_output_set){.what = lua_pushfstring(L, "chart.%s", chart), .owner = chart_id(L, chart_ud),
                               .main = given, .extra = box->companions};
    lua_setiuservalue(L, b, 1);
    lua_pushvalue(L, path); /* rk_host_output_path replaces the string at `path` later */
    lua_setiuservalue(L, b, 2);
    size_t stem = rk_chart_stem_length(given);
    for (size_t i = 0; rk_chart_companion_suffixes[i] && i < NCOMPANIONS; i++) {
        lua_pushlstring(L, given, stem);
        lua_pushstring(L, rk_chart_companion_suffixes[i]);
        lua_concat(L, 2);
        box->companions[i] = lua_tostring(L, -1);
        lua_setiuservalue(L, b, 3 + (int)i);
        box->set.nextra++;
    }
    rk_host_check_outputs(L, &box->set);
    return &box->set;
}
