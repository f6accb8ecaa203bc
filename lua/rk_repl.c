/* rk_repl.c: the read-eval-print loop of `rapkit repl` (see rk_repl.h).
 *
 * The lines read so far live in a malloc'd buffer owned by the loop; every
 * Lua call on them happens inside rk_host_call, so no Lua error can jump
 * over the buffer. */
#include "rk_repl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "rk_dataset.h"
#include "rk_lua_dataset.h"

#ifndef RK_VERSION
#define RK_VERSION "unknown"
#endif

#define CHUNK_NAME "=stdin"   /* errors read "stdin:LINE: ..." as in the Lua interpreter */
#define PROMPT "> "
#define PROMPT_MORE "+ "      /* the input goes on (as R shows it) */
#define EOF_MARK "<eof>"      /* how Lua's parser names the end of the text */

/* The input of one evaluation, shared with repl_eval. */
typedef struct repl_input {
    const char *text;   /* the lines read so far, joined by '\n' */
    size_t len;
    bool at_end;        /* no more lines will come: input that stops short is an error */
    bool incomplete;    /* set by repl_eval: the input needs more lines */
} repl_input;

/* True when a syntax error at the top of the stack only says that the text
 * stopped short ("'end' expected near <eof>"): more lines may finish it. */
static bool stops_short(lua_State *L, int status)
{
    if (status != LUA_ERRSYNTAX)
        return false;
    size_t len;
    const char *msg = lua_tolstring(L, -1, &len);
    size_t n = strlen(EOF_MARK);
    return msg && len >= n && memcmp(msg + len - n, EOF_MARK, n) == 0;
}

/* Prints the values from `first` to the top as print() does, tabs between,
 * but a Dataset as its aligned table on lines of its own. */
static void print_values(lua_State *L, int first)
{
    int top = lua_gettop(L);
    bool line_open = false;   /* a value has been printed on the current line */
    for (int i = first; i <= top; i++) {
        bool is_dataset = luaL_testudata(L, i, RK_DATASET_TYPE) != NULL;
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (line_open)
            fputc(is_dataset ? '\n' : '\t', stdout);
        fwrite(s, 1, len, stdout);
        lua_pop(L, 1);
        line_open = !is_dataset;
        if (is_dataset)
            fputc('\n', stdout);
    }
    if (line_open)
        fputc('\n', stdout);
}

/* Compiles the input as an expression, else as statements, and runs it,
 * printing what it returns; or marks it incomplete. stack: input (light
 * userdata) -> */
static int repl_eval(lua_State *L)
{
    repl_input *in = lua_touserdata(L, 1);
    lua_settop(L, 0);
    /* stack: "return ..." (built in a Lua buffer: nothing to free on an error) */
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addstring(&b, "return ");
    luaL_addlstring(&b, in->text, in->len);
    luaL_pushresult(&b);
    size_t len;
    const char *expr = lua_tolstring(L, 1, &len);
    /* stack: expr, chunk or message */
    if (luaL_loadbufferx(L, expr, len, CHUNK_NAME, "t") != LUA_OK) {
        lua_settop(L, 1);
        int status = luaL_loadbufferx(L, in->text, in->len, CHUNK_NAME, "t");
        if (status != LUA_OK) {
            if (!in->at_end && stops_short(L, status)) {
                in->incomplete = true;
                return 0;
            }
            return lua_error(L);
        }
    }
    /* stack: expr, chunk -> expr, values... */
    lua_call(L, 0, LUA_MULTRET);
    print_values(L, 2);
    return 0;
}

typedef struct line_buf {
    char *p;
    size_t len, cap;
} line_buf;

static bool line_buf_add(line_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p)
            return false;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return true;
}

/* Appends the next line of `in` (without its line end) to `chunk`, after a
 * '\n' if the chunk has text. Returns 1, 0 at the end of input, -1 when
 * memory ran out. */
static int read_line(FILE *in, line_buf *chunk)
{
    char part[1024];
    bool started = false;
    while (fgets(part, sizeof part, in)) {
        size_t n = strlen(part);
        bool ended = n > 0 && part[n - 1] == '\n';
        if (ended)
            n--;
        if (ended && n > 0 && part[n - 1] == '\r')
            n--;
        if (!started && chunk->len > 0 && !line_buf_add(chunk, "\n", 1))
            return -1;
        started = true;
        if (!line_buf_add(chunk, part, n))
            return -1;
        if (ended)
            return 1;
    }
    return started ? 1 : 0;   /* a last line without a line end still counts */
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

/* Loads one --data file as a dataset in the global of its name, as
 * `NAME = rapkit.read_csv(rapkit.data.NAME)` would, and says so; a file that
 * does not load stays a path (the error is printed, the session goes on),
 * and a name a global already has (print, rapkit...) is left alone.
 * stack: name (light userdata) */
static int repl_load_data(lua_State *L)
{
    const char *name = lua_touserdata(L, 1);
    lua_pushglobaltable(L);                              /* 2: _G, read raw: it raises on unknown names */
    lua_pushstring(L, name);
    if (lua_rawget(L, 2) != LUA_TNIL) {
        printf("%s: not loaded, a global of that name exists; the file is rapkit.data.%s\n", name, name);
        return 0;
    }
    lua_pop(L, 1);
    lua_pushstring(L, "rapkit");
    lua_rawget(L, 2);                                    /* 3: rapkit */
    lua_getfield(L, 3, "read_csv");
    lua_getfield(L, 3, "data");
    lua_getfield(L, -1, name);
    lua_remove(L, -2);                                   /* stack: ... read_csv path */
    lua_call(L, 1, 1);
    const rk_dataset *ds = rk_lua_check_dataset(L, -1);
    printf("%s = rapkit.read_csv(rapkit.data.%s): %zu rows x %zu columns\n", name, name, ds->nrow, ds->ncol);
    lua_pushstring(L, name);
    lua_insert(L, -2);
    lua_rawset(L, 2);
    return 0;
}

static void greet(const rk_host_options *opts)
{
    fprintf(stderr, "rapkit %s (%s): type Lua; a value is printed, a dataset as a table.\n",
            RK_VERSION, LUA_RELEASE);
    for (size_t i = 0; i < opts->ndata; i++)
        fprintf(stderr, "rapkit.data.%s = \"%s\"\n", opts->data[i].name, opts->data[i].path);
    fputs("Ctrl-D leaves; 'rapkit help repl' says more.\n", stderr);
}

int rk_repl_run(const rk_host_options *opts, FILE *in, bool interactive)
{
    int code;
    rk_host *h = rk_host_open(opts, &code);
    if (!h)
        return code;
    if (interactive)
        greet(opts);
    for (size_t i = 0; i < opts->ndata; i++) {
        if (!opts->data[i].name)
            continue;
        lua_State *L = rk_host_lua(h);
        lua_pushcfunction(L, repl_load_data);
        lua_pushlightuserdata(L, (void *)opts->data[i].name);
        rk_host_call(h, 1);
    }
    fflush(stdout);
    line_buf chunk = {0};
    bool out_of_memory = false;
    for (;;) {
        if (interactive) {
            fputs(chunk.len ? PROMPT_MORE : PROMPT, stdout);
            fflush(stdout);
        }
        int r = read_line(in, &chunk);
        if (r < 0) {
            out_of_memory = true;
            break;
        }
        if (r == 0 && chunk.len == 0)
            break;
        if (r > 0 && is_blank(chunk.p, chunk.len)) {
            chunk.len = 0;
            continue;
        }
        repl_input input = {chunk.p, chunk.len, r == 0, false};
        lua_State *L = rk_host_lua(h);
        lua_pushcfunction(L, repl_eval);
        lua_pushlightuserdata(L, &input);
        rk_host_call(h, 1);
        if (!input.incomplete)
            chunk.len = 0;
        if (r == 0)
            break;
    }
    if (interactive)
        fputc('\n', stdout);
    free(chunk.p);
    code = rk_host_close(h);
    if (out_of_memory) {
        fputs("rapkit: out of memory reading the input\n", stderr);
        code = RK_EXIT_FAILURE;
    }
    return code;
}
