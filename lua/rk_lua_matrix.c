/* rapkit.matrix and the small file and position helpers the impact matrix
 * module (scripts/matrix.lua) is written with:
 *
 *   rapkit.matrix{...}       defines a scheme: calls require("matrix").define
 *                            with the definition, the "path:line" of the call
 *                            and the text of the file it is in
 *   rapkit.matrix.NAME       require("matrix").NAME (run, load, compare, ...);
 *                            pairs(rapkit.matrix) lists them
 *   rapkit.where(fn)         "path:line" where a Lua function was defined
 *   rapkit.read_text(path)   a text file the script may read, whole
 *   rapkit.write_text(path, text [, opts])  a file under --out, written
 *                            atomically, under the run's output guard
 *   rapkit.markdown_text(text)  text made safe to put in Markdown
 *
 * The module is loaded on first use, so runs that never touch the matrix
 * pay nothing for it. */
#include "rk_lua_matrix.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <lauxlib.h>

#include "rk_csv_formula.h"
#include "rk_host.h"
#include "rk_lua_dataset.h"
#include "rk_markdown.h"
#include "rk_outfile.h"

#define MATRIX_MODULE "matrix"
#define MAX_READ_TEXT ((size_t)64 << 20)

/* stack: -> module */
static void push_module(lua_State *L)
{
    lua_getglobal(L, "require");
    lua_pushliteral(L, MATRIX_MODULE);
    lua_call(L, 1, 1);
}

/* rapkit.matrix{...}: stack: proxy, def -> scheme */
static int matrix_call(lua_State *L)
{
    lua_settop(L, 2);
    push_module(L);                                    /* stack: proxy, def, module */
    lua_getfield(L, 3, "define");
    lua_pushvalue(L, 2);
    lua_createtable(L, 0, 2);                          /* stack: ..., define, def, info */
    lua_Debug ar;
    if (rk_host_find_lua_frame(L, 1, &ar)) {
        lua_pushfstring(L, "%s:%d", rk_host_frame_source(&ar), ar.currentline);
        lua_setfield(L, -2, "where");
        rk_host_push_chunk_text(L, ar.source);
        lua_setfield(L, -2, "source");
    }
    lua_call(L, 2, 1);
    return 1;
}

/* rapkit.matrix.NAME: stack: proxy, key -> module[key] */
static int matrix_index(lua_State *L)
{
    push_module(L);
    lua_pushvalue(L, 2);
    lua_gettable(L, -2);
    return 1;
}

/* The iterator of pairs(rapkit.matrix): the global `next` may have been
 * replaced by the script. stack: module, key -> key, value | nil */
static int module_next(lua_State *L)
{
    lua_settop(L, 2);
    if (lua_next(L, 1))
        return 2;
    lua_pushnil(L);
    return 1;
}

/* pairs(rapkit.matrix): the module's functions, as if the proxy held them,
 * so that the repl and tests/tools/api_walk.lua see what it offers.
 * stack: proxy -> module_next, module, nil */
static int matrix_pairs(lua_State *L)
{
    lua_pushcfunction(L, module_next);
    push_module(L);
    lua_pushnil(L);
    return 3;
}

/* rapkit.where(fn) -> "path:line" of its definition, or nil for a C function. */
static int where(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_Debug ar;
    lua_pushvalue(L, 1);
    lua_getinfo(L, ">S", &ar);
    if (ar.what[0] == 'C' || ar.linedefined <= 0) {
        lua_pushnil(L);
        return 1;
    }
    lua_pushfstring(L, "%s:%d", rk_host_frame_source(&ar), ar.linedefined);
    return 1;
}

/* rapkit.read_text(path) -> the file's text */
static int read_text(lua_State *L)
{
    luaL_checkstring(L, 1);
    lua_pushvalue(L, 1);                               /* stack: path, path as given */
    const char *path = rk_host_input_path(L, 1);
    FILE *fp = fopen(path, "rbe");
    if (!fp) {
        int e = errno;
        return rk_lua_raise(L, RK_ERROR_IO, "read_text: cannot read '%s': %s", lua_tostring(L, 2), strerror(e));
    }
    int failed = rk_host_push_file(L, fp, MAX_READ_TEXT);
    fclose(fp);
    if (failed == EFBIG)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "read_text: '%s' is over 64 MiB", lua_tostring(L, 2));
    if (failed)
        return rk_lua_raise(L, RK_ERROR_IO, "read_text: cannot read '%s': %s", lua_tostring(L, 2),
                            strerror(failed));
    return 1;
}

/* rapkit.write_text(path, text [, {replace = true}]): under the output
 * guard, as write_csv, unless `replace` says an earlier write of the run
 * (a chart's companion, say) is to be replaced on purpose. */
static int write_text(lua_State *L)
{
    static const char *const options[] = {"replace", NULL};
    size_t len;
    luaL_checkstring(L, 1);
    const char *text = luaL_checklstring(L, 2, &len);
    bool replace = false;
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TTABLE);
        rk_lua_check_option_names(L, 3, "write_text", options, 0);
        int type = lua_getfield(L, 3, "replace");
        if (type != LUA_TNIL && type != LUA_TBOOLEAN)
            return rk_lua_raise(L, RK_ERROR_SCRIPT, "write_text: 'replace' must be true or false");
        replace = lua_toboolean(L, -1);
    }
    lua_settop(L, 2);
    lua_pushvalue(L, 1); /* the path as given, kept for the record (slot 1 is replaced) */
    rk_output_set outputs = {.what = "write_text", .main = lua_tostring(L, 3),
                             .remedy = "rename one of them, or give {replace = true} to replace it on purpose"};
    if (!replace)
        rk_host_check_outputs(L, &outputs);
    const char *path = rk_host_output_path(L, 1);
    rk_outfile out;
    rk_error err;
    if (rk_outfile_open(&out, path, &err) != RK_OK)
        return rk_lua_raise_error(L, &err);
    /* A short write stays on the stream: the commit reports it and removes
     * the temporary. */
    fwrite(text, 1, len, out.fp);
    if (rk_outfile_commit(&out, &err) != RK_OK)
        return rk_lua_raise_error(L, &err);
    rk_host_record_outputs(L, &outputs);
    size_t path_len = strlen(path);
    if (path_len >= 4 && strcasecmp(path + path_len - 4, ".csv") == 0) {
        rk_csv_formula formula = {0};
        rk_csv_formula_scan(&formula, text, len);
        rk_host_warn_formula(L, path, &formula);
    }
    return 0;
}

/* rapkit.markdown_text(text) -> text escaped by the rule of rk_markdown.h */
static int markdown_text(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *dst = luaL_buffinitsize(L, &b, rk_md_escape(NULL, text, len));
    luaL_pushresultsize(&b, rk_md_escape(dst, text, len));
    return 1;
}

void rk_lua_open_matrix(lua_State *L)
{
    /* stack: rapkit -> rapkit, proxy, meta */
    lua_newtable(L);
    lua_createtable(L, 0, 4);
    lua_pushcfunction(L, matrix_call);
    lua_setfield(L, -2, "__call");
    lua_pushcfunction(L, matrix_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, matrix_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushliteral(L, "rapkit.matrix");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "matrix");

    static const luaL_Reg functions[] = {
        {"where", where},
        {"read_text", read_text},
        {"write_text", write_text},
        {"markdown_text", markdown_text},
        {NULL, NULL},
    };
    luaL_setfuncs(L, functions, 0);
}
