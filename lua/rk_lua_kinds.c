/* rapkit.load(kind, path_or_paths [, opts]): files of a known kind. */
#include "rk_lua_kinds.h"

#include <glob.h>
#include <lauxlib.h>
#include <stdlib.h>
#include <string.h>

#include "rk_host.h"
#include "rk_kind.h"
#include "rk_lua_dataset.h"

/* True when the path holds glob characters. */
static bool is_pattern(const char *s)
{
    return strpbrk(s, "*?[") != NULL;
}

static void release_report(void *p)
{
    rk_kind_report_free(p);
    free(p);
}

/* A dataset of the problems: file, line, column, message, rows. */
static rk_dataset *problems_dataset(const rk_kind_report *r, rk_error *err)
{
    rk_dataset *ds = rk_dataset_new();
    rk_column *cols[5] = {
        rk_column_new("file", RK_TEXT, r->nproblems), rk_column_new("line", RK_INTEGER, r->nproblems),
        rk_column_new("column", RK_TEXT, r->nproblems), rk_column_new("message", RK_TEXT, r->nproblems),
        rk_column_new("rows", RK_INTEGER, r->nproblems),
    };
    rk_status st = ds ? RK_OK : rk_error_nomem(err);
    for (size_t i = 0; i < 5; i++)
        if (!cols[i] && st == RK_OK)
            st = rk_error_nomem(err);
    for (size_t i = 0; i < r->nproblems && st == RK_OK; i++) {
        const rk_problem *p = &r->problems[i];
        rk_value v[5] = {
            {.type = RK_TEXT, .as.text = {p->file, strlen(p->file)}},
            {.type = RK_INTEGER, .missing = p->line == 0, .as.integer = (int64_t)p->line},
            {.type = RK_TEXT, .missing = !p->column, .as.text = {p->column, p->column ? strlen(p->column) : 0}},
            {.type = RK_TEXT, .as.text = {p->message, strlen(p->message)}},
            {.type = RK_INTEGER, .as.integer = (int64_t)p->count},
        };
        for (size_t c = 0; c < 5 && st == RK_OK; c++)
            st = rk_column_append(cols[c], &v[c], err);
    }
    for (size_t c = 0; c < 5; c++) {
        if (st == RK_OK)
            st = rk_dataset_add_column(ds, cols[c], err);
        else
            rk_column_free(cols[c]);
    }
    if (st != RK_OK) {
        rk_dataset_free(ds);
        return NULL;
    }
    return ds;
}

static int api_load(lua_State *L)
{
    const char *kind_name = luaL_checkstring(L, 1);
    const rk_kind *kind = rk_kind_find(kind_name);
    if (!kind) {
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        for (const char *const *n = rk_kind_names(); *n; n++) {
            if (n != rk_kind_names())
                luaL_addstring(&b, ", ");
            luaL_addstring(&b, *n);
        }
        luaL_pushresult(&b);
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "load: unknown kind '%s' (kinds: %s)", kind_name,
                            lua_tostring(L, -1));
    }
    /* stack: 1 kind, 2 paths, 3 opts, 4 array of column names (or nil),
     * 5 the resolved paths */
    lua_settop(L, 3);
    lua_pushnil(L);
    rk_kind_options opts = {0};
    if (!lua_isnil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        rk_lua_push_table_copy(L, 3, 1); /* holds the column names while load allocates */
        lua_replace(L, 3);
        static const char *const option_names[] = {"columns", "lenient", "keep_going", NULL};
        rk_lua_check_option_names(L, 3, "load", option_names, 0);
        lua_getfield(L, 3, "lenient");
        opts.lenient = lua_toboolean(L, -1);
        lua_getfield(L, 3, "keep_going");
        opts.keep_going = lua_toboolean(L, -1);
        lua_settop(L, 4);
        lua_getfield(L, 3, "columns");
        if (lua_istable(L, 5)) {
            size_t n = lua_rawlen(L, 5);
            const char **cols = lua_newuserdatauv(L, (n ? n : 1) * sizeof *cols, 0);
            lua_replace(L, 4);
            for (size_t i = 0; i < n; i++) {
                lua_rawgeti(L, 5, (lua_Integer)i + 1);
                if (lua_type(L, -1) != LUA_TSTRING)
                    return rk_lua_raise(L, RK_ERROR_SCRIPT, "load: opts.columns must be a list of column names");
                cols[i] = lua_tostring(L, -1); /* alive: the options' copy holds the list */
                lua_pop(L, 1);
            }
            opts.columns = cols;
            opts.ncolumns = n;
        } else if (!lua_isnil(L, 5)) {
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "load: opts.columns must be a list of column names");
        }
        lua_settop(L, 4);
    }
    lua_newtable(L);
    int list = 5;
    size_t nargs = lua_istable(L, 2) ? lua_rawlen(L, 2) : 1;
    if (!lua_istable(L, 2))
        luaL_checkstring(L, 2);
    if (nargs == 0)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "load: give a file, a list of files or a pattern");
    for (size_t k = 1; k <= nargs; k++) {
        if (lua_istable(L, 2))
            lua_rawgeti(L, 2, (lua_Integer)k);
        else
            lua_pushvalue(L, 2);
        if (lua_type(L, -1) != LUA_TSTRING)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "load: file %zu must be a path (text)", k);
        int arg = lua_gettop(L);
        if (rk_builtin_data(lua_tostring(L, arg))) { /* data rapkit ships: no file to check */
            lua_rawseti(L, list, (lua_Integer)lua_rawlen(L, list) + 1);
            lua_settop(L, list);
            continue;
        }
        bool pattern = is_pattern(lua_tostring(L, arg));
        size_t given_len = lua_rawlen(L, arg);
        const char *resolved = rk_host_input_path(L, arg);
        /* The folder the host put before the pattern: each match carries it
         * and loses it again below, so the host resolves it once. */
        size_t prefix = strlen(resolved) - given_len;
        if (!pattern) {
            lua_pushstring(L, resolved);
            lua_rawseti(L, list, (lua_Integer)lua_rawlen(L, list) + 1);
            lua_settop(L, list);
            continue;
        }
        glob_t g;
        int rc = glob(resolved, 0, NULL, &g);
        if (rc == GLOB_NOMATCH) {
            globfree(&g);
            return rk_lua_raise(L, RK_ERROR_DATA, "load: no file matches '%s'", resolved);
        }
        if (rc != 0) {
            globfree(&g);
            return rk_lua_raise(L, RK_ERROR_IO, "load: cannot list the files matching '%s'", resolved);
        }
        /* Copy the matches into Lua before checking them: a refusal raises. */
        lua_createtable(L, (int)g.gl_pathc, 0);
        for (size_t i = 0; i < g.gl_pathc; i++) {
            lua_pushstring(L, g.gl_pathv[i] + prefix);
            lua_rawseti(L, -2, (lua_Integer)i + 1);
        }
        globfree(&g);
        int matches = lua_gettop(L);
        for (size_t i = 1; i <= lua_rawlen(L, matches); i++) { /* stack: ... list opts pattern resolved matches */
            lua_rawgeti(L, matches, (lua_Integer)i);
            const char *ok = rk_host_input_path(L, lua_gettop(L));
            lua_pushstring(L, ok);
            lua_rawseti(L, list, (lua_Integer)lua_rawlen(L, list) + 1);
            lua_settop(L, matches);
        }
        lua_settop(L, list);
    }
    size_t npaths = lua_rawlen(L, list);
    const char **paths = lua_newuserdatauv(L, npaths * sizeof *paths, 0);
    for (size_t i = 0; i < npaths; i++) {
        lua_rawgeti(L, list, (lua_Integer)i + 1);
        paths[i] = lua_tostring(L, -1); /* alive: the list holds it */
        lua_pop(L, 1);
    }
    rk_kind_report *report = calloc(1, sizeof *report);
    if (!report)
        return luaL_error(L, "not enough memory");
    rk_lua_box(L, report, release_report);
    rk_error err;
    rk_host_load_progress(L, &opts.progress, &opts.progress_ctx);
    rk_dataset *ds = rk_kind_load(kind, paths, npaths, &opts, report, &err);
    for (size_t i = 0; i < report->nwarnings; i++)
        rk_host_warn(L, "%s", report->warnings[i]);
    for (size_t i = 0; i < report->nnotes; i++)
        rk_host_warn(L, "%s", report->notes[i]);
    for (size_t i = 0; ds && i < report->nproblems; i++) {
        const rk_problem *p = &report->problems[i];
        char where[64] = "";
        if (p->line)
            snprintf(where, sizeof where, ":%zu", p->line);
        rk_host_warn(L, "%s%s: %s%s%s (%zu row%s%s)", p->file, where, p->column ? p->column : "",
                     p->column ? ": " : "", p->message, p->count, p->count == 1 ? "" : "s",
                     p->line && p->count > 1 ? ", first here" : "");
    }
    if (!ds)
        return rk_lua_raise_error(L, &err);
    rk_lua_push_dataset(L, ds); /* owns ds now, before anything else can raise */
    for (size_t i = 0; i < report->nfiles; i++) {
        const rk_kind_file *f = &report->files[i];
        rk_stamp_input input = {.path = f->path, .read_by = "load", .kind = (char *)rk_kind_name(kind),
                                .rows = (long long)f->rows, .rows_set_aside = (long long)f->rows_set_aside,
                                .rows_unusable = f->unusable_counted ? (long long)f->rows_unusable : -1};
        memcpy(input.sha256, f->sha256, sizeof input.sha256);
        rk_host_record_input(L, &input);
    }
    rk_dataset *problems = problems_dataset(report, &err);
    if (!problems)
        return rk_lua_raise_error(L, &err);
    rk_lua_push_dataset(L, problems);
    return 2;
}

void rk_lua_open_kinds(lua_State *L)
{
    lua_pushcfunction(L, api_load);
    lua_setfield(L, -2, "load");
    lua_createtable(L, 6, 0);
    for (size_t i = 0; rk_ethnic_groups[i]; i++) {
        lua_pushstring(L, rk_ethnic_groups[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "ETHNIC_GROUPS");
}
