/* rapkit.figure{...}: a figure of a board paper, made of a chart, the one
 * sentence it supports, its table, its source and its caveats.
 *
 * Under `rapkit run` it saves the chart as charts/NAME.png and
 * charts/NAME.svg (with their companions) and the table as
 * tables/NAME.csv. Under `rapkit pack` it does the same, then lays the
 * figure's page out in the pack's PDF (rk_pack.h), so an error in the
 * figure blames the script's line while the script still runs.
 *
 * The spec is read raw from a copy no script can reach, kept in stack slot
 * 1 until api_figure returns: saving the chart runs finalizers, which may
 * change the script's table, and the strings and lists read from the spec
 * must outlive the save.
 */
#include "rk_lua_figure.h"

#include <lauxlib.h>
#include <string.h>

#include "rk_host.h"
#include "rk_lua_chart.h"
#include "rk_lua_dataset.h"
#include "rk_pack.h"

static const char *const figure_fields[] = {
    "name", "chart", "statement", "table", "labels", "title", "source", "caveats", NULL,
};

static char names_key; /* registry: figure name -> "script.lua:12", for this run */

#define MAX_CAVEATS 20

/* spec.field as text, or NULL; raises if it is another type. */
static const char *field_text(lua_State *L, int spec, const char *field)
{
    int t = rk_lua_raw_field(L, spec, field);
    const char *s = t == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1); /* the spec's copy keeps it alive */
    if (t != LUA_TNIL && t != LUA_TSTRING)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: '%s' must be text", field);
    return s;
}

/* A name makes file names: letters, digits, '-' and '_'. */
static bool is_file_name(const char *s)
{
    if (!s[0] || s[0] == '-')
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-'
              || *s == '_'))
            return false;
    return true;
}

/* stack: -> ..., "script.lua:12" (where the script called figure) */
static const char *push_where(lua_State *L)
{
    lua_Debug ar;
    if (rk_host_find_lua_frame(L, 1, &ar))
        return lua_pushfstring(L, "%s:%d", rk_host_frame_source(&ar), ar.currentline);
    return lua_pushliteral(L, "?");
}

/* The caveats as a C array on a GC-owned box; the spec's copy keeps the
 * strings alive. stack: -> ..., box */
static const char **push_caveats(lua_State *L, int spec, size_t *n)
{
    int t = rk_lua_raw_field(L, spec, "caveats");
    *n = 0;
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        lua_pushnil(L);
        return NULL;
    }
    size_t len = t == LUA_TTABLE ? (size_t)lua_rawlen(L, -1) : 0;
    bool list = t == LUA_TTABLE && len <= MAX_CAVEATS;
    for (size_t i = 1; list && i <= len; i++) {
        list = lua_rawgeti(L, -1, (lua_Integer)i) == LUA_TSTRING;
        lua_pop(L, 1);
    }
    if (!list)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: 'caveats' must be a list of up to %d sentences, as caveats = "
                     "{\"Four months is too short to show a change\"}", MAX_CAVEATS);
    const char **caveats = lua_newuserdatauv(L, (len ? len : 1) * sizeof *caveats, 0);
    for (size_t i = 1; i <= len; i++) {
        lua_rawgeti(L, -2, (lua_Integer)i);
        caveats[i - 1] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    lua_remove(L, -2); /* the list stays in the spec's copy */
    *n = len;
    return caveats;
}

/* The table's header labels, {column = "label"}, as two arrays on GC-owned
 * boxes; the spec's copy keeps the strings alive. stack: -> ..., columns,
 * labels (or nil, nil) */
static size_t push_labels(lua_State *L, int spec, const rk_dataset *table, const char ***columns,
                          const char ***labels)
{
    *columns = *labels = NULL;
    int t = rk_lua_raw_field(L, spec, "labels");
    if (t == LUA_TNIL) {
        lua_pushnil(L);
        return 0;
    }
    if (t != LUA_TTABLE)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: 'labels' must be a table of headers for the table's columns, as "
                     "labels = {joiners = \"Joined\"}");
    if (!table)
        rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: 'labels' name a table's columns: give the table too");
    int list = lua_gettop(L);
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, list)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
            rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: 'labels' must map column names to text, as labels = "
                         "{joiners = \"Joined\"}");
        if (rk_dataset_find(table, lua_tostring(L, -2)) < 0) {
            luaL_Buffer b;
            luaL_buffinit(L, &b);
            for (size_t c = 0; c < table->ncol; c++) {
                luaL_addstring(&b, c ? ", " : "");
                luaL_addstring(&b, table->cols[c]->name);
            }
            luaL_pushresult(&b);
            rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: 'labels' names '%s', which is not a column of the table "
                         "(columns: %s)", lua_tostring(L, -3), lua_tostring(L, -1));
        }
        lua_pop(L, 1);
        n++;
    }
    *columns = lua_newuserdatauv(L, (n ? n : 1) * sizeof **columns, 0);
    *labels = lua_newuserdatauv(L, (n ? n : 1) * sizeof **labels, 0);
    size_t i = 0;
    lua_pushnil(L);
    while (i < n && lua_next(L, list)) {
        (*columns)[i] = lua_tostring(L, -2);
        (*labels)[i++] = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    lua_settop(L, list + 2);
    lua_remove(L, list); /* the table stays in the spec's copy */
    return i;
}

/* Calls method `name` of the value at idx with one text argument. */
static void call_method(lua_State *L, int idx, const char *name, const char *arg)
{
    lua_getfield(L, idx, name);
    lua_pushvalue(L, idx);
    lua_pushstring(L, arg);
    lua_call(L, 2, 0);
}

static int api_figure(lua_State *L)
{
    if (!lua_istable(L, 1))
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: give a table, as rapkit.figure{name = \"joiners-leavers\", "
                            "chart = chart, statement = \"...\"}");
    lua_settop(L, 1);
    rk_lua_push_table_copy(L, 1, 1); /* the caveats and labels tables are copied too */
    lua_replace(L, 1);
    rk_lua_check_option_names(L, 1, "figure", figure_fields, 0);
    const char *name = field_text(L, 1, "name");
    if (!name)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: give the figure a name for its files, as name = "
                            "\"joiners-leavers\"");
    if (!is_file_name(name))
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: name '%s' must be letters, digits, '-' and '_' (it names "
                            "the figure's files)", name);
    const char *statement = field_text(L, 1, "statement");
    if (!statement || !statement[0])
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: give the one sentence the figure supports, as statement = "
                            "\"...\"");
    if (strpbrk(statement, "\r\n"))
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: the statement must be one sentence, without line breaks");
    const char *title = field_text(L, 1, "title");
    const char *source = field_text(L, 1, "source");
    /* stack: spec, chart, table */
    rk_lua_raw_field(L, 1, "chart");
    if (!lua_isnil(L, 2) && !rk_lua_is_chart(L, 2))
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: 'chart' must be a chart, as chart = rapkit.chart.line{...}");
    bool has_chart = !lua_isnil(L, 2);
    rk_lua_raw_field(L, 1, "table");
    rk_dataset *table = lua_isnil(L, 3) ? NULL : rk_lua_check_dataset_field(L, 3, "figure", "table");
    if (!has_chart && !table)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: give a chart, a table or both");
    if (!has_chart && !title)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: a figure without a chart needs a title, as title = \"...\"");
    size_t ncaveats;
    const char **caveats = push_caveats(L, 1, &ncaveats); /* stack: spec chart table caveats */
    const char **label_columns, **labels;
    size_t nlabels = push_labels(L, 1, table, &label_columns, &labels); /* stack: ... columns labels */
    const char *where = push_where(L);                    /* stack: ... where */

    /* One name, one set of files: a second figure of that name would overwrite the first's. */
    rk_pack *pack = rk_host_pack(L);
    rk_error err;
    if (pack && rk_pack_check_name(pack, name, &err) != RK_OK)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: %s", err.message);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &names_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &names_key);
    }
    if (lua_getfield(L, -1, name) == LUA_TSTRING)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "figure: a figure named '%s' was made already, at %s: give each "
                            "figure its own name", name, lua_tostring(L, -1));
    lua_pop(L, 1);
    lua_pushstring(L, where);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);

    const char *png = lua_pushfstring(L, "charts/%s.png", name);
    const char *svg = lua_pushfstring(L, "charts/%s.svg", name);
    const char *csv = lua_pushfstring(L, "tables/%s.csv", name);
    if (has_chart) {
        call_method(L, 2, "save", png);
        call_method(L, 2, "save", svg);
    }
    if (table)
        call_method(L, 3, "write_csv", csv);

    if (!pack)
        return 0;
    rk_lua_chart_built built = {0};
    rk_pack_chart chart = {0};
    if (has_chart) {
        rk_lua_chart_build(L, 2, &built); /* pushes what keeps the spec alive */
        const char *png_full = lua_pushfstring(L, "%s/%s", rk_pack_out_dir(pack), png);
        chart = (rk_pack_chart){built.kind, built.spec, built.spec ? NULL : png_full, built.width_mm, built.height_mm};
        if (!title)
            title = built.title;
        if (!source)
            source = built.source;
    }
    bool source_in_chart = has_chart && source && built.source && strcmp(source, built.source) == 0;
    const char *files[3];
    size_t nfiles = 0;
    if (has_chart) {
        files[nfiles++] = png;
        files[nfiles++] = svg;
    }
    if (table)
        files[nfiles++] = csv;
    rk_pack_figure page = {
        .title = title,
        .statement = statement,
        .chart = has_chart ? &chart : NULL,
        .table = table,
        .table_file = csv,
        .label_columns = label_columns,
        .labels = labels,
        .nlabels = nlabels,
        .source = source,
        .source_in_chart = source_in_chart,
        .caveats = caveats,
        .ncaveats = ncaveats,
    };
    if (rk_pack_add_figure(pack, &page, name, where, files, nfiles, &err) != RK_OK)
        return rk_lua_raise(L, err.status == RK_EARG ? RK_ERROR_SCRIPT : RK_ERROR_IO, "figure '%s': %s", name,
                            err.message);
    return 0;
}

void rk_lua_open_figure(lua_State *L)
{
    lua_pushcfunction(L, api_figure);
    lua_setfield(L, -2, "figure");
}
