/* rk_host.c: the sandboxed Lua host behind `rapkit run`.
 *
 * How the limits hold against a script that tries to catch them:
 * - the Lua heap goes through host_alloc, which refuses to grow past the
 *   budget. Lua answers most refusals with an emergency collection and asks
 *   again; a second refusal of the same request means the budget is spent.
 *   Some requests are not asked again (a luaL_Buffer grows through the
 *   allocator directly), so every refusal notes where the script was, and a
 *   memory error seen by a wrapper or at the top counts as the limit too;
 * - the deadline is a SIGALRM timer: when it fires, the handler sets a hook
 *   that raises "time limit of N s exceeded" at the next instruction (no
 *   hook runs before: a count hook would slow every instruction down);
 * - once a limit is hit it stays hit: the hook fires on every instruction
 *   and raises the limit error again, pcall, xpcall and load are replaced by
 *   wrappers that raise it again after their protected call, and the run
 *   ends with exit code 5 whatever the script did with the error;
 * - Lua runs no hooks inside __gc metamethods or message handlers called
 *   for an error raised by a hook, and a C function that runs for long sees
 *   none, so the timer fires again a grace period after the deadline and
 *   ends the process. Before it does, it kills a gnuplot that is running
 *   (and what gnuplot started) and removes the temporaries of the outputs
 *   being written, which their commit or abort would have removed.
 */

/* realpath(3) and setitimer(2) are XSI in glibc's eyes. */
#define _XOPEN_SOURCE 700

#include "rk_host.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "rk_api.h"
#include "rk_csv_formula.h"
#include "rk_gnuplot.h"
#include "rk_outfile.h"
#include "rk_pack.h"
#include "rk_paths.h"
#include "rk_stamp.h"
#include "rk_progress.h"

#ifndef RK_VERSION
#define RK_VERSION "unknown"
#endif

#define HEAP_SLACK ((size_t)4 << 20)       /* for reporting once the budget is spent */
#define WATCHDOG_GRACE 1.0                 /* seconds after the deadline */
#define POSITION_SEARCH_DEPTH 64           /* stack levels searched for a chunk name */

/* Where the metric library is (see rk_host.h): installed, relative to the
 * binary; else the source tree's copy. Both compiled in. */
#ifndef RK_LIBRARY_FROM_BINARY
#define RK_LIBRARY_FROM_BINARY "../share/rapkit/scripts"
#endif
#ifndef RK_SCRIPTS_DIR
#define RK_SCRIPTS_DIR "scripts"
#endif

typedef enum limit_kind { LIMIT_NONE, LIMIT_TIME, LIMIT_MEMORY } limit_kind;

typedef struct rk_host {
    lua_State *L;
    const char *script_path;      /* as given; the chunk name is "@" + this */
    char *script_dir;             /* dirname of script_path, for opening files */
    char *script_dir_real;        /* realpath of script_dir, for containment */
    const char *out_dir;          /* as given, trailing '/' dropped (owned copy in out_dir_buf) */
    char *out_dir_buf;
    char *out_dir_real;
    const rk_data_file *data;
    size_t ndata;
    char **data_real;             /* realpath per --data file; NULL entries if unresolvable */
    char *library_dir;            /* the metric library's folder (see rk_host.h) */
    bool verbose;
    const char *entry;            /* see rk_host_options */
    const rk_data_file *entry_args;
    size_t nentry_args;
    bool allow_gnuplot;

    /* Lua heap */
    size_t heap_bytes;
    size_t heap_peak;
    size_t heap_limit;            /* bytes */
    size_t memory_mib;
    long long min_count;          /* rapkit.min_count at the start of the run */
    size_t refusals;              /* growth requests refused so far */
    char refusal_where[PATH_MAX + 32];  /* "script.lua:3" of the last refusal, if known */
    bool refusal_pending;         /* the last growth request was refused once */
    void *refused_ptr;            /* ... and this was it */
    size_t refused_osize;
    size_t refused_nsize;
    bool running;                 /* the script is loaded or running: positions are meaningful */

    /* datasets, counted apart from the heap */
    long long dataset_bytes;
    long long dataset_peak;

    /* time */
    double timeout;               /* seconds; 0 = none */
    double deadline;              /* monotonic seconds */
    double started;

    limit_kind limit_hit;
    char limit_message[PATH_MAX + 256];  /* "script.lua:3: time limit of 1 s exceeded" */

    rk_error_kind error_kind;     /* of the error that ended the run */
    bool warn_continuing;         /* inside a multi-part Lua warning */

    rk_stamp_run stamp;           /* what the charts' stamps say of the run */
    rk_progress progress;         /* of loads, on standard error */
    struct rk_pack *pack;         /* NULL unless the run is part of a pack */
} rk_host;

static char kinds_key;            /* registry: error message -> rk_error_kind */
static char loaded_key;           /* registry: module name -> what require returned */
static char outputs_key;          /* registry: output path -> who wrote it (see rk_host_check_outputs) */
static char module_paths_key;     /* registry: path of each module require loaded -> true */
static char chunk_names_key;      /* registry: name of each chunk an error may name -> true */
static char formula_warned_key;   /* registry: CSV file warned of formula-like cells -> true */

/* ---- state lookup ------------------------------------------------------ */

static void *host_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/* The host running L, or NULL if L was not made by rk_host_run. */
static rk_host *host_of(lua_State *L)
{
    void *ud = NULL;
    lua_Alloc f = lua_getallocf(L, &ud);
    return f == host_alloc ? ud : NULL;
}

/* ---- positions in the script ------------------------------------------- */

bool rk_host_find_lua_frame(lua_State *L, int level, lua_Debug *ar)
{
    while (lua_getstack(L, level++, ar)) {
        if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0)
            return true;
    }
    return false;
}

const char *rk_host_frame_source(const lua_Debug *ar)
{
    return ar->source[0] == '@' ? ar->source + 1 : ar->short_src;
}

/* True when msg starts with "<src>:<digits>:". */
static bool starts_with_position(const char *msg, const char *src)
{
    size_t n = strlen(src);
    if (strncmp(msg, src, n) != 0 || msg[n] != ':')
        return false;
    const char *p = msg + n + 1;
    if (!isdigit((unsigned char)*p))
        return false;
    while (isdigit((unsigned char)*p))
        p++;
    return *p == ':';
}

/* True when msg starts "<name>:<digits>:" for a chunk the run has loaded:
 * the script, a module, or text load()ed with a "@name" (a scheme file the
 * matrix module loaded). A message caught and raised again after its chunk
 * has returned (a scoring function's error, reported by the module that
 * called it) keeps its own line. */
static bool names_known_chunk(lua_State *L, const char *msg)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &chunk_names_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        return false;
    }
    bool known = false;
    for (const char *colon = strchr(msg, ':'); colon && !known && colon - msg < PATH_MAX;
         colon = strchr(colon + 1, ':')) {
        const char *p = colon + 1;
        if (!isdigit((unsigned char)*p))
            continue;
        while (isdigit((unsigned char)*p))
            p++;
        if (*p != ':')
            continue;
        lua_pushlstring(L, msg, (size_t)(colon - msg));
        known = lua_rawget(L, -2) == LUA_TBOOLEAN;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return known;
}

/* Marks a chunk name as one errors may name (see names_known_chunk). */
static void add_chunk_name(lua_State *L, const char *name)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &chunk_names_key) == LUA_TTABLE) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, name);
    }
    lua_pop(L, 1);
}

/* True when msg already names a position in a chunk that is running, or
 * in a chunk the run loaded (names_known_chunk). Other files do not count,
 * so a data error "data.csv:3: ..." raised without one still gets the
 * script's line. */
static bool has_position(lua_State *L, const char *msg)
{
    if (names_known_chunk(L, msg))
        return true;
    lua_Debug ar;
    for (int level = 0; level < POSITION_SEARCH_DEPTH && lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "S", &ar) || ar.what[0] == 'C')
            continue;
        if (starts_with_position(msg, ar.short_src))
            return true;
        if (ar.source[0] == '@' && starts_with_position(msg, ar.source + 1))
            return true;
    }
    return false;
}

/* Lua's own messages name a long script path as "...tail:line:". If msg
 * starts that way and the tail ends `full`, pushes msg with the full path
 * and returns it; otherwise returns msg and pushes nothing. */
static const char *untruncate(lua_State *L, const char *msg, const char *full)
{
    if (strncmp(msg, "...", 3) != 0)
        return msg;
    const char *tail = msg + 3;
    const char *colon = strchr(tail, ':');
    while (colon && !isdigit((unsigned char)colon[1]))
        colon = strchr(colon + 1, ':');
    if (!colon)
        return msg;
    size_t tlen = (size_t)(colon - tail), flen = strlen(full);
    if (tlen > flen || strncmp(full + flen - tlen, tail, tlen) != 0)
        return msg;
    return lua_pushfstring(L, "%s%s", full, colon);
}

/* ---- limits ------------------------------------------------------------ */

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void host_hook(lua_State *L, lua_Debug *ar);

/* Marks a limit hit and writes its message, with the script's position if
 * `locate` and a script is running. Neither pushes nor allocates, so the
 * allocator may call it; it reads the call stack only if `locate`. */
static void limit_reached(rk_host *h, limit_kind kind, bool locate)
{
    if (h->limit_hit != LIMIT_NONE)
        return;
    h->limit_hit = kind;
    char what[96];
    if (kind == LIMIT_TIME)
        snprintf(what, sizeof what, "time limit of %g s exceeded", h->timeout);
    else if (h->refusals > 0)
        snprintf(what, sizeof what, "memory limit of %zu MiB exceeded", h->memory_mib);
    else
        snprintf(what, sizeof what, "out of memory");   /* malloc failed below the budget */
    lua_Debug ar;
    if (locate && h->running && rk_host_find_lua_frame(h->L, 0, &ar))
        snprintf(h->limit_message, sizeof h->limit_message, "%s:%d: %s",
                 rk_host_frame_source(&ar), ar.currentline, what);
    else if (kind == LIMIT_MEMORY && h->refusal_where[0])
        snprintf(h->limit_message, sizeof h->limit_message, "%s: %s", h->refusal_where, what);
    else
        snprintf(h->limit_message, sizeof h->limit_message, "%s", what);
    /* Raise at the next instruction of the script; lua_sethook may be
     * called anywhere, even from inside the allocator. */
    if (h->running)
        lua_sethook(h->L, host_hook, LUA_MASKCOUNT, 1);
}

__attribute__((noreturn)) static void raise_limit(lua_State *L, rk_host *h)
{
    lua_pushstring(L, h->limit_message);
    lua_error(L);
    abort();   /* not reached: lua_error does not return */
}

/* Set by the SIGALRM handler. */
static volatile sig_atomic_t alarms;

static bool past_deadline(const rk_host *h)
{
    return h->timeout > 0 && (alarms > 0 || monotonic_seconds() >= h->deadline);
}

static void host_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    rk_host *h = host_of(L);
    if (h->limit_hit == LIMIT_NONE) {
        if (!past_deadline(h))
            return;
        limit_reached(h, LIMIT_TIME, true);
    }
    raise_limit(L, h);
}

/* After any protected call a wrapper makes for the script: a spent limit
 * (or a memory error the script should not see as an ordinary one) is
 * raised again. */
static void after_protected_call(lua_State *L, int status)
{
    rk_host *h = host_of(L);
    if (!h)
        return;
    if (status == LUA_ERRMEM)
        limit_reached(h, LIMIT_MEMORY, false);   /* where it ran out is lost by now */
    else if (past_deadline(h))
        limit_reached(h, LIMIT_TIME, true);      /* the hook has not run yet */
    if (h->limit_hit != LIMIT_NONE)
        raise_limit(L, h);
}

/* May the heap grow from `osize` to `nsize` for this request? */
static bool heap_may_grow(rk_host *h, void *ptr, size_t osize, size_t nsize)
{
    size_t old = ptr ? osize : 0;
    size_t grow = nsize - old;
    size_t limit = h->heap_limit;
    if (h->limit_hit == LIMIT_MEMORY)
        limit += HEAP_SLACK;   /* room to report the error, nothing more */
    if (h->heap_bytes <= limit && grow <= limit - h->heap_bytes) {
        h->refusal_pending = false;
        return true;
    }
    if (h->limit_hit == LIMIT_MEMORY)
        return false;
    if (h->refusal_pending && h->refused_ptr == ptr && h->refused_osize == osize
        && h->refused_nsize == nsize) {
        /* Lua asks again after an emergency collection: the budget is spent. */
        h->refusal_pending = false;
        if (h->L)
            limit_reached(h, LIMIT_MEMORY, true);
        return false;
    }
    h->refusal_pending = true;
    h->refused_ptr = ptr;
    h->refused_osize = osize;
    h->refused_nsize = nsize;
    h->refusals++;
    /* Lua may raise without asking again (a luaL_Buffer, a request made
     * during a collection), so note where the script is now. Reading the
     * call stack is safe here for a fresh block only: a block being resized
     * may be the Lua stack itself, which newer Lua versions move with its
     * pointers turned into offsets. */
    h->refusal_where[0] = '\0';
    lua_Debug ar;
    if (!ptr && h->L && h->running && rk_host_find_lua_frame(h->L, 0, &ar))
        snprintf(h->refusal_where, sizeof h->refusal_where, "%s:%d", rk_host_frame_source(&ar),
                 ar.currentline);
    return false;
}

static void *host_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    rk_host *h = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        h->heap_bytes -= old;
        return NULL;
    }
    if (nsize > old && !heap_may_grow(h, ptr, osize, nsize))
        return NULL;
    void *p = realloc(ptr, nsize);
    if (!p)
        return NULL;
    h->heap_bytes = h->heap_bytes - old + nsize;
    if (h->heap_bytes > h->heap_peak)
        h->heap_peak = h->heap_bytes;
    return p;
}

/* The deadline timer. The first SIGALRM arms the hook; the second, a grace
 * period later, ends the process. Only async-signal-safe work in the
 * handler: lua_sethook is meant to be called from one (lua.c does so for
 * SIGINT); write, kill, unlink and _exit are, and the two cleanups are
 * made of them. */
static lua_State *volatile alarm_state;   /* NULL once the script is done */
static char watchdog_text[128];
static size_t watchdog_len;

static void alarm_fired(int sig)
{
    (void)sig;
    if (alarms++ == 0) {
        lua_State *L = alarm_state;
        if (L)
            lua_sethook(L, host_hook, LUA_MASKCOUNT, 1);
        return;
    }
    rk_gnuplot_kill_running();
    rk_outfile_unlink_all();
    if (write(STDERR_FILENO, watchdog_text, watchdog_len) < 0) {
        /* nothing more can be done */
    }
    _exit(RK_EXIT_LIMIT);
}

static struct timeval seconds_to_timeval(double s)
{
    struct timeval tv;
    tv.tv_sec = (time_t)s;
    tv.tv_usec = (suseconds_t)((s - (double)tv.tv_sec) * 1e6);
    if (tv.tv_sec == 0 && tv.tv_usec == 0)
        tv.tv_usec = 1;   /* zero would disarm the timer */
    return tv;
}

static void alarm_arm(rk_host *h, struct sigaction *saved)
{
    snprintf(watchdog_text, sizeof watchdog_text, "rapkit: time limit of %g s exceeded\n", h->timeout);
    watchdog_len = strlen(watchdog_text);
    alarms = 0;
    alarm_state = h->L;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = alarm_fired;
    sa.sa_flags = SA_RESTART;   /* reads and writes in C code go on */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, saved);
    struct itimerval it;
    it.it_value = seconds_to_timeval(h->timeout);
    it.it_interval = seconds_to_timeval(WATCHDOG_GRACE);
    setitimer(ITIMER_REAL, &it, NULL);
}

static void alarm_disarm(const struct sigaction *saved)
{
    struct itimerval it;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
    sigaction(SIGALRM, saved, NULL);
    alarm_state = NULL;
}

/* ---- errors for the bindings -------------------------------------------- */

static void record_kind(lua_State *L, int msg, rk_error_kind kind)
{
    msg = lua_absindex(L, msg);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kinds_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &kinds_key);
    }
    lua_pushvalue(L, msg);
    lua_pushinteger(L, kind);
    lua_rawset(L, -3);
    lua_pop(L, 1);
}

static rk_error_kind kind_of(lua_State *L, int msg)
{
    rk_error_kind kind = RK_ERROR_SCRIPT;
    if (lua_type(L, msg) != LUA_TSTRING)
        return kind;
    msg = lua_absindex(L, msg);
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kinds_key) == LUA_TTABLE) {
        lua_pushvalue(L, msg);
        if (lua_rawget(L, -2) == LUA_TNUMBER)
            kind = (rk_error_kind)lua_tointeger(L, -1);
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return kind;
}

/* stack: ... -> ..., "position: message" */
static void push_message_v(lua_State *L, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    lua_Debug ar;
    if (rk_host_find_lua_frame(L, 0, &ar))
        lua_pushfstring(L, "%s:%d: ", rk_host_frame_source(&ar), ar.currentline);
    else
        lua_pushliteral(L, "");
    /* Formatted straight into a Lua-owned buffer: nothing to free if an
     * allocation fails and Lua jumps. */
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    luaL_pushresultsize(&b, (size_t)n);
    lua_concat(L, 2);
}

int rk_lua_raise(lua_State *L, rk_error_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    push_message_v(L, fmt, ap);
    va_end(ap);
    if (kind != RK_ERROR_SCRIPT)
        record_kind(L, -1, kind);
    return lua_error(L);
}

int rk_lua_raise_error(lua_State *L, const rk_error *err)
{
    rk_error_kind kind;
    switch (err->status) {
    case RK_EDATA: kind = RK_ERROR_DATA; break;
    case RK_EARG:  kind = RK_ERROR_SCRIPT; break;
    default:       kind = RK_ERROR_IO; break;
    }
    return rk_lua_raise(L, kind, "%s", err->message[0] ? err->message : "unknown error");
}

void rk_host_warn(lua_State *L, const char *fmt, ...)
{
    (void)L;
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    fputs("rapkit: warning: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

#define MAX_CHUNK_TEXT ((size_t)16 << 20)
#define MAX_SCANNED_CSV ((size_t)64 << 20) /* a chart's table is far smaller */

const char *rk_host_push_chunk_text(lua_State *L, const char *source)
{
    rk_host *h = host_of(L);
    if (!h || source[0] != '@') {
        lua_pushnil(L);
        return NULL;
    }
    const char *path = source + 1;
    bool known = h->script_path && strcmp(path, h->script_path) == 0;
    if (!known) {
        lua_rawgetp(L, LUA_REGISTRYINDEX, &module_paths_key);
        known = lua_getfield(L, -1, path) == LUA_TBOOLEAN;
        lua_pop(L, 2);
    }
    FILE *fp = known ? fopen(path, "rbe") : NULL; /* "e": close-on-exec, as every file rapkit opens */
    if (!fp) {
        lua_pushnil(L);
        return NULL;
    }
    int failed = rk_host_push_file(L, fp, MAX_CHUNK_TEXT);
    fclose(fp);
    return failed ? NULL : lua_tostring(L, -1);
}

int rk_host_push_file(lua_State *L, FILE *fp, size_t max)
{
    /* A Lua buffer: nothing malloc'd is pending if Lua jumps. */
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t total = 0, n;
    do {
        char *p = luaL_prepbuffer(&b);
        n = fread(p, 1, LUAL_BUFFERSIZE, fp);
        luaL_addsize(&b, n);
        total += n;
    } while (n == LUAL_BUFFERSIZE && total <= max);
    int failed = ferror(fp) ? (errno ? errno : EIO) : total > max ? EFBIG : 0;
    luaL_pushresult(&b);
    if (failed) {
        lua_pop(L, 1);
        lua_pushnil(L);
    }
    return failed;
}

bool rk_host_gnuplot_allowed(lua_State *L)
{
    rk_host *h = host_of(L);
    return h && h->allow_gnuplot;
}

double rk_host_seconds_left(lua_State *L)
{
    rk_host *h = host_of(L);
    if (!h || h->timeout <= 0)
        return HUGE_VAL;
    return h->deadline - monotonic_seconds();
}

const char *rk_host_out_dir(lua_State *L)
{
    rk_host *h = host_of(L);
    return h ? h->out_dir : NULL;
}

long long rk_host_min_count(lua_State *L)
{
    rk_host *h = host_of(L);
    if (!h)
        return 0;
    long long min = h->min_count;
    lua_checkstack(L, 3);
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_pushliteral(L, "rapkit");
    if (lua_rawget(L, -2) == LUA_TTABLE) {
        lua_pushliteral(L, "min_count");
        lua_rawget(L, -2);
        int whole = 0;
        lua_Integer v = lua_tointegerx(L, -1, &whole);
        if (whole && v >= 1)
            min = (long long)v;
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    return min;
}

void rk_host_dataset_bytes(lua_State *L, long long delta)
{
    rk_host *h = host_of(L);
    if (!h)
        return;
    h->dataset_bytes += delta;
    if (h->dataset_bytes > h->dataset_peak)
        h->dataset_peak = h->dataset_bytes;
}

void rk_host_warn_here(lua_State *L, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    push_message_v(L, fmt, ap); /* "script.lua:3: ..." */
    va_end(ap);
    rk_host_warn(L, "%s", lua_tostring(L, -1));
    lua_pop(L, 1);
}

/* ---- the stamp and the outputs of the run -------------------------------- */

const rk_stamp_run *rk_host_stamp_run(lua_State *L)
{
    rk_host *h = host_of(L);
    return h ? &h->stamp : NULL;
}

void rk_host_record_input(lua_State *L, const rk_stamp_input *input)
{
    rk_host *h = host_of(L);
    if (!h)
        return;
    /* stack: ... -> ..., normalised path (GC-owned, so a raise leaks nothing) */
    size_t len = strlen(input->path);
    char *path = lua_newuserdatauv(L, len + 2, 0);
    rk_path_normalize(input->path, len, path);
    rk_stamp_input copy = *input;
    copy.path = path;
    rk_error err;
    if (rk_stamp_run_add_input(&h->stamp, &copy, &err) != RK_OK)
        rk_lua_raise_error(L, &err);
    lua_pop(L, 1);
}

/* Pushes the table of outputs written so far, made on first use.
 * stack: -> ..., outputs */
static void push_outputs(lua_State *L)
{
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &outputs_key) == LUA_TTABLE)
        return;
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &outputs_key);
}

/* Pushes path normalised as rk_host_output_path would write it, relative to
 * the output folder, or nothing (returning NULL) if that refuses it: it
 * will raise its own error. stack: -> ..., key */
static const char *push_output_key(lua_State *L, const char *path)
{
    size_t len = strlen(path);
    char *norm = lua_newuserdatauv(L, len + 2, 0);
    if (rk_path_check_output(path, len, norm) != RK_OUTPATH_OK) {
        lua_pop(L, 1);
        return NULL;
    }
    const char *key = lua_pushstring(L, norm);
    lua_remove(L, -2);
    return key;
}

/* rec.field of the record at idx, as text ("" if absent). */
static const char *record_text(lua_State *L, int idx, const char *field)
{
    lua_getfield(L, idx, field);
    const char *s = lua_tostring(L, -1);
    lua_pop(L, 1); /* the record keeps the string alive */
    return s ? s : "";
}

/* Raises for the first file of `set` that an earlier write of another
 * owner made. stack: unchanged */
void rk_host_check_outputs(lua_State *L, const rk_output_set *set)
{
    if (!host_of(L))
        return;
    /* stack: outputs, main key */
    push_outputs(L);
    int outputs = lua_gettop(L);
    const char *main_key = push_output_key(L, set->main);
    if (!main_key) {
        lua_settop(L, outputs - 1);
        return;
    }
    for (size_t i = 0; i <= set->nextra; i++) {
        const char *key = i == 0 ? main_key : push_output_key(L, set->extra[i - 1]);
        if (!key)
            continue;
        /* stack: ..., key -> ..., key, record */
        lua_pushvalue(L, -1);
        if (lua_rawget(L, outputs) == LUA_TTABLE) {
            int rec = lua_gettop(L);
            lua_getfield(L, rec, "owner");
            bool same_owner = lua_tointeger(L, -1) == set->owner;
            lua_pop(L, 1);
            if (!same_owner) {
                const char *earlier_main = record_text(L, rec, "main");
                const char *where = record_text(L, rec, "where");
                if (i == 0)
                    lua_pushfstring(L, "%s: '%s' would replace", set->what, key);
                else
                    lua_pushfstring(L, "%s: saving '%s' writes '%s' beside it, which would replace", set->what,
                                    main_key, key);
                if (strcmp(earlier_main, key) == 0)
                    lua_pushfstring(L, " the file %s wrote", record_text(L, rec, "what"));
                else
                    lua_pushfstring(L, " the file %s wrote beside '%s'", record_text(L, rec, "what"),
                                    earlier_main);
                lua_pushfstring(L, "%s%s: %s", where[0] ? " at " : "", where,
                                set->remedy ? set->remedy : "rename one of them");
                lua_concat(L, 3);
                rk_lua_raise(L, RK_ERROR_SCRIPT, "%s", lua_tostring(L, -1));
            }
        }
        lua_pop(L, i == 0 ? 1 : 2);
    }
    lua_settop(L, outputs - 1);
}

void rk_host_record_outputs(lua_State *L, const rk_output_set *set)
{
    if (!host_of(L))
        return;
    int top = lua_gettop(L);
    push_outputs(L);
    int outputs = lua_gettop(L);
    const char *main_key = push_output_key(L, set->main);
    if (!main_key) {
        lua_settop(L, top);
        return;
    }
    int main_idx = lua_gettop(L);
    /* stack: outputs, main key, record */
    lua_createtable(L, 0, 4);
    int rec = lua_gettop(L);
    lua_pushinteger(L, set->owner);
    lua_setfield(L, rec, "owner");
    lua_pushstring(L, set->what);
    lua_setfield(L, rec, "what");
    lua_pushvalue(L, main_idx);
    lua_setfield(L, rec, "main");
    lua_Debug ar;
    if (rk_host_find_lua_frame(L, 0, &ar)) {
        lua_pushfstring(L, "%s:%d", rk_host_frame_source(&ar), ar.currentline);
        lua_setfield(L, rec, "where");
    }
    for (size_t i = 0; i <= set->nextra; i++) {
        if (i == 0)
            lua_pushvalue(L, main_idx);
        else if (!push_output_key(L, set->extra[i - 1]))
            continue;
        lua_pushvalue(L, rec);
        lua_rawset(L, outputs);
    }
    lua_settop(L, top);
}

/* ---- CSV files and spreadsheets ------------------------------------------ */

void rk_host_warn_formula(lua_State *L, const char *path, const rk_csv_formula *f)
{
    if (!f->row)
        return;
    /* stack: ..., warned */
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &formula_warned_key) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_rawsetp(L, LUA_REGISTRYINDEX, &formula_warned_key);
    }
    bool warned = lua_getfield(L, -1, path) == LUA_TBOOLEAN;
    lua_pop(L, 1);
    if (!warned) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, path);
        char msg[PATH_MAX + 1024]; /* a longer path is cut */
        rk_csv_formula_message(f, path, msg, sizeof msg);
        rk_host_warn_here(L, "%s", msg);
    }
    lua_pop(L, 1);
}

void rk_host_warn_formula_file(lua_State *L, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return;
    int failed = rk_host_push_file(L, fp, MAX_SCANNED_CSV); /* stack: ..., text | nil */
    fclose(fp);
    if (!failed) {
        size_t len;
        const char *text = lua_tolstring(L, -1, &len);
        rk_csv_formula f = {0};
        rk_csv_formula_scan(&f, text, len);
        rk_host_warn_formula(L, path, &f);
    }
    lua_pop(L, 1);
}

static void host_progress(const rk_csv_progress *report, void *ctx)
{
    rk_host *h = ctx;
    rk_progress_report(&h->progress, report);
}

void rk_host_load_progress(lua_State *L, rk_csv_progress_fn **fn, void **ctx)
{
    rk_host *h = host_of(L);
    *fn = NULL;
    *ctx = NULL;
    if (!h || !h->progress.enabled)
        return;
    rk_progress_start(&h->progress);
    *fn = host_progress;
    *ctx = h;
}

struct rk_pack *rk_host_pack(lua_State *L)
{
    rk_host *h = host_of(L);
    return h ? h->pack : NULL;
}

/* ---- paths the script may read and write -------------------------------- */

/* stack: ... -> ..., dir/rel */
static const char *push_joined(lua_State *L, const char *dir, const char *rel)
{
    size_t n = strlen(dir);
    return lua_pushfstring(L, n > 0 && dir[n - 1] == '/' ? "%s%s" : "%s/%s", dir, rel);
}

const char *rk_host_input_path(lua_State *L, int arg)
{
    arg = lua_absindex(L, arg);
    size_t len;
    const char *path = luaL_checklstring(L, arg, &len);
    rk_host *h = host_of(L);
    if (!h)
        return path;
    if (len == 0 || strlen(path) != len) {
        rk_lua_raise(L, RK_ERROR_SCRIPT, "reading '%s' is not allowed: %s", path,
                     len == 0 ? "the path is empty" : "the path contains a zero byte");
        return NULL;
    }

    /* rapkit.data.NAME holds the path as given on the command line. */
    for (size_t i = 0; i < h->ndata; i++) {
        if (strcmp(path, h->data[i].path) == 0) {
            if (h->pack)
                rk_pack_note_input(h->pack, h->data_real[i] ? h->data_real[i] : path);
            return path;
        }
    }

    /* stack: ... -> ..., open_path */
    const char *open_path;
    if (path[0] == '/' || strcmp(h->script_dir, ".") == 0)
        open_path = lua_pushstring(L, path);
    else
        open_path = push_joined(L, h->script_dir, path);

    char real[PATH_MAX];
    if (!rk_path_resolve(open_path, real)) {
        int e = errno;
        rk_lua_raise(L, RK_ERROR_IO, "cannot read '%s': %s", path, strerror(e));
        return NULL;
    }
    bool allowed = rk_path_is_within(real, h->script_dir_real);
    for (size_t i = 0; i < h->ndata && !allowed; i++)
        allowed = h->data_real[i] && strcmp(real, h->data_real[i]) == 0;
    if (!allowed) {
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "reading '%s' is not allowed: a script reads only files in its own folder "
                     "and files given with --data", path);
        return NULL;
    }
    if (h->pack)
        rk_pack_note_input(h->pack, real);
    /* stack: ..., path, ..., open_path -> ..., open_path, ... */
    lua_replace(L, arg);
    return lua_tostring(L, arg);
}

/* Checks one folder on the way to an output file, creating it if missing.
 * Returns NULL when it is fine, else a static reason with *is_io telling
 * whether it is an I/O failure (errno kept in *err) or a refusal. */
static const char *check_output_folder(const rk_host *h, const char *dir, bool *is_io, int *err)
{
    struct stat st;
    char real[PATH_MAX];
    *is_io = false;
    if (lstat(dir, &st) != 0) {
        if (errno != ENOENT || (mkdir(dir, 0777) != 0 && errno != EEXIST)) {
            *is_io = true;
            *err = errno;
            return "cannot create folder";
        }
        if (lstat(dir, &st) != 0) {
            *is_io = true;
            *err = errno;
            return "cannot create folder";
        }
    }
    if (!realpath(dir, real)) {
        *is_io = true;
        *err = errno;
        return "cannot resolve folder";
    }
    if (!rk_path_is_within(real, h->out_dir_real))
        return "it leads out of the output folder through a symbolic link";
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        *is_io = true;
        *err = ENOTDIR;
        return "cannot create folder";
    }
    return NULL;
}

const char *rk_host_output_path(lua_State *L, int arg)
{
    arg = lua_absindex(L, arg);
    size_t len;
    const char *rel = luaL_checklstring(L, arg, &len);
    rk_host *h = host_of(L);
    if (!h)
        return rel;
    /* stack: ... -> ..., norm (a GC-owned box, so a raise leaks nothing) */
    char *norm = lua_newuserdatauv(L, len + 2, 0);
    rk_outpath_status status = rk_path_check_output(rel, len, norm);
    if (status != RK_OUTPATH_OK) {
        rk_lua_raise(L, RK_ERROR_SCRIPT, "writing '%s' is not allowed: %s", rel,
                     rk_outpath_reason(status));
        return NULL;
    }
    size_t nlen = strlen(norm);
    /* stack: ..., norm -> ..., full */
    const char *full = push_joined(L, h->out_dir, norm);
    lua_remove(L, -2);
    size_t flen = strlen(full);
    if (flen >= PATH_MAX) {
        rk_lua_raise(L, RK_ERROR_SCRIPT, "writing '%s' is not allowed: the path is too long", rel);
        return NULL;
    }

    /* Walk the folders below the output folder, creating missing ones and
     * checking that each still leads inside it. */
    char dir[PATH_MAX];
    memcpy(dir, full, flen + 1);
    for (size_t i = flen - nlen; i < flen; i++) {
        if (dir[i] != '/')
            continue;
        dir[i] = '\0';
        bool is_io;
        int err = 0;
        const char *why = check_output_folder(h, dir, &is_io, &err);
        if (why && is_io) {
            rk_lua_raise(L, RK_ERROR_IO, "writing '%s': %s '%s': %s", rel, why, dir, strerror(err));
            return NULL;
        }
        if (why) {
            rk_lua_raise(L, RK_ERROR_SCRIPT, "writing '%s' is not allowed: %s", rel, why);
            return NULL;
        }
        dir[i] = '/';
    }
    /* The file itself may be a symbolic link left in the output folder. */
    struct stat st;
    char real[PATH_MAX];
    if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode)
        && (!realpath(full, real) || !rk_path_is_within(real, h->out_dir_real))) {
        rk_lua_raise(L, RK_ERROR_SCRIPT,
                     "writing '%s' is not allowed: it is a symbolic link that leads out of the "
                     "output folder", rel);
        return NULL;
    }
    if (h->pack)
        rk_pack_note_output(h->pack, full);
    /* stack: ..., rel, ..., full -> ..., full, ... */
    lua_replace(L, arg);
    return lua_tostring(L, arg);
}

/* ---- the sandbox ---------------------------------------------------------- */

/* print as in Lua: tostring of each argument, tabs between, a newline. */
static int host_print(lua_State *L)
{
    int n = lua_gettop(L);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1)
            fputc('\t', stdout);
        fwrite(s, 1, len, stdout);
        lua_pop(L, 1);
    }
    fputc('\n', stdout);
    return 0;
}

static int host_pcall(lua_State *L)
{
    luaL_checkany(L, 1);
    /* stack: f, args... -> true, f, args... */
    lua_pushboolean(L, 1);
    lua_insert(L, 1);
    int status = lua_pcall(L, lua_gettop(L) - 2, LUA_MULTRET, 0);
    after_protected_call(L, status);
    if (status != LUA_OK) {
        /* stack: true, err -> true, err, false, err */
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L);
}

static int host_xpcall(lua_State *L)
{
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    /* stack: f, handler, args... -> f, handler, true, f, args... */
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);
    int status = lua_pcall(L, n - 2, LUA_MULTRET, 2);
    after_protected_call(L, status);
    if (status != LUA_OK) {
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - 2;
}

/* The reader for load(function): calls it until it returns nil or "". The
 * piece it returned is kept alive in stack slot 5. */
static const char *load_reader(lua_State *L, void *ud, size_t *size)
{
    (void)ud;
    luaL_checkstack(L, 2, "too many nested functions");
    lua_pushvalue(L, 1);
    lua_call(L, 0, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        *size = 0;
        return NULL;
    }
    if (!lua_isstring(L, -1))
        luaL_error(L, "reader function must return a string");
    lua_replace(L, 5);
    return lua_tolstring(L, 5, size);
}

/* load(chunk [, chunkname [, mode [, env]]]) for text only: the mode
 * argument is ignored and binary chunks are refused. env defaults to the
 * sandbox's globals. */
static int host_load(lua_State *L)
{
    bool has_env = !lua_isnone(L, 4);
    size_t len;
    int status;
    const char *s = lua_tolstring(L, 1, &len);
    if (s) {
        const char *name = luaL_optstring(L, 2, s);
        if (name[0] == '@')
            add_chunk_name(L, name + 1);   /* its syntax errors too name it */
        status = luaL_loadbufferx(L, s, len, name, "t");
    } else {
        const char *name = luaL_optstring(L, 2, "=(load)");
        luaL_checktype(L, 1, LUA_TFUNCTION);
        lua_settop(L, 5);   /* slot 5 keeps the reader's current piece */
        status = lua_load(L, load_reader, NULL, name, "t");
    }
    /* A reader that ran out of time or memory must not turn into an
     * ordinary "nil, message". */
    after_protected_call(L, status);
    if (status != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (has_env) {
        lua_pushvalue(L, 4);
        if (!lua_setupvalue(L, -2, 1))
            lua_pop(L, 1);
    }
    return 1;
}

/* ---- require ----------------------------------------------------------------- */

/* A module name is a dotted identifier: letters, digits, '_' and single
 * dots between them. That keeps "..", "/" and absolute paths out, so a
 * name cannot leave the folders searched. */
static bool is_module_name(const char *s, size_t n)
{
    if (n == 0 || strlen(s) != n || s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' && s[i + 1] == '.')
            return false;
        if (!(isalnum(c) || c == '_' || c == '.'))
            return false;
    }
    return true;
}

/* stack: ... -> ..., folders (a list, in search order; see rk_host.h) */
static void push_module_folders(lua_State *L, const rk_host *h)
{
    int n = 0;
    lua_newtable(L);
    lua_pushstring(L, h ? h->script_dir : ".");
    lua_rawseti(L, -2, ++n);
    const char *env = getenv("RAPKIT_PATH");
    for (const char *p = env; p && *p;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        if (len > 0) {   /* an empty entry ("a::b") adds nothing */
            lua_pushlstring(L, p, len);
            lua_rawseti(L, -2, ++n);
        }
        p = colon ? colon + 1 : p + len;
    }
    lua_pushstring(L, h ? h->library_dir : RK_SCRIPTS_DIR);
    lua_rawseti(L, -2, ++n);
}

static bool is_regular_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* True when the chunk of `path` is running: requiring it again would loop. */
static bool module_is_running(lua_State *L, const char *path)
{
    lua_Debug ar;
    for (int level = 0; lua_getstack(L, level, &ar); level++) {
        if (lua_getinfo(L, "S", &ar) && ar.source[0] == '@' && strcmp(ar.source + 1, path) == 0)
            return true;
    }
    return false;
}

/* Adds the module's file and digest to the run's stamp. The file is hashed
 * just before Lua reads it (a module is a regular file, so it can be). */
static void record_module(lua_State *L, const char *name, const char *path)
{
    rk_host *h = host_of(L);
    if (!h)
        return;
    rk_stamp_module m = {.name = (char *)name, .path = (char *)path};
    rk_error err;
    if (rk_sha256_file(path, m.sha256, &err) != RK_OK ||
        rk_stamp_run_add_module(&h->stamp, &m, &err) != RK_OK)
        rk_lua_raise_error(L, &err);
}

/* require(name): finds NAME.lua in the module folders, runs it once in the
 * sandbox's globals (text only, chunk name "@path" so its errors name its
 * file and line) and caches what it returned (true for nothing), as
 * package.loaded does. */
static int host_require(lua_State *L)
{
    if (lua_type(L, 1) != LUA_TSTRING)
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "require: the module name must be text (got %s)",
                            luaL_typename(L, 1));
    size_t len;
    const char *name = lua_tolstring(L, 1, &len);
    if (!is_module_name(name, len))
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "require: bad module name '%s': use letters, digits, '_' and '.' "
                            "(as \"disproportionality\" or \"team.metrics\")", name);
    lua_settop(L, 1);
    /* stack: name, loaded */
    lua_rawgetp(L, LUA_REGISTRYINDEX, &loaded_key);
    if (lua_getfield(L, 2, name) != LUA_TNIL)
        return 1;
    lua_pop(L, 1);

    /* stack: name, loaded, relpath, folders */
    luaL_gsub(L, name, ".", "/");
    lua_pushliteral(L, ".lua");
    lua_concat(L, 2);
    const char *relpath = lua_tostring(L, 3);
    push_module_folders(L, host_of(L));
    lua_Integer nfolders = luaL_len(L, 4);
    const char *path = NULL;
    for (lua_Integer i = 1; i <= nfolders && !path; i++) {
        /* stack: ..., folders, folder -> ..., folders, path */
        const char *folder = (lua_rawgeti(L, 4, i), lua_tostring(L, -1));
        const char *candidate = strcmp(folder, ".") == 0 ? lua_pushstring(L, relpath)
                                                         : push_joined(L, folder, relpath);
        lua_remove(L, -2);
        if (is_regular_file(candidate))
            path = candidate;
        else
            lua_pop(L, 1);
    }
    if (!path) {
        /* stack: ..., folders, "a, b, c" */
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        for (lua_Integer i = 1; i <= nfolders; i++) {
            if (i > 1)
                luaL_addstring(&b, ", ");
            lua_rawgeti(L, 4, i);
            luaL_addvalue(&b);
        }
        luaL_pushresult(&b);
        return rk_lua_raise(L, RK_ERROR_SCRIPT, "require: no module '%s': looked for %s in %s",
                            name, relpath, lua_tostring(L, -1));
    }
    rk_host *h = host_of(L);
    if (h && h->pack)
        rk_pack_note_module(h->pack, path);
    if (module_is_running(L, path))
        return rk_lua_raise(L, RK_ERROR_SCRIPT,
                            "require: module '%s' requires itself (through a loop of requires)",
                            name);

    record_module(L, name, path);

    /* stack: name, loaded, relpath, folders, path, chunk */
    int status = luaL_loadfilex(L, path, "t");
    after_protected_call(L, status);
    if (status != LUA_OK) {
        if (status == LUA_ERRFILE)
            record_kind(L, -1, RK_ERROR_IO);
        return lua_error(L);   /* a syntax error names the module's file and line */
    }
    lua_rawgetp(L, LUA_REGISTRYINDEX, &module_paths_key);
    lua_pushvalue(L, 5);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    add_chunk_name(L, path);
    /* stack: ..., path, chunk, name, path -> ..., path, result */
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 5);
    lua_call(L, 2, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_pushboolean(L, 1);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, 2, name);
    return 1;
}

/* __index of _G once the globals are locked. */
static int undefined_global(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TSTRING)
        return luaL_error(L, "undefined global '%s'", lua_tostring(L, 2));
    return luaL_error(L, "undefined global %s", luaL_tolstring(L, 2, NULL));
}

/* __index of rapkit.data. */
static int undefined_data(lua_State *L)
{
    const char *name = luaL_tolstring(L, 2, NULL);
    return rk_lua_raise(L, RK_ERROR_SCRIPT,
                        "rapkit.data.%s is not set: give the file with --data %s=PATH", name, name);
}

static void host_warnf(void *ud, const char *msg, int tocont)
{
    rk_host *h = ud;
    if (!h->warn_continuing && !tocont && msg[0] == '@')
        return;   /* "@on", "@off": warnings are always on */
    /* After a limit, finalizers interrupted at close would only add noise. */
    if (h->limit_hit == LIMIT_NONE) {
        if (!h->warn_continuing) {
            fflush(stdout);
            fputs("rapkit: warning: ", stderr);
        }
        fputs(msg, stderr);
        if (!tocont)
            fputc('\n', stderr);
    }
    h->warn_continuing = tocont;
}

bool rk_host_runs_only_lua(lua_CFunction f)
{
    return f && (f == host_pcall || f == host_xpcall || f == host_require);
}

/* Builds the sandbox. Runs under lua_pcall; stack: host (light userdata). */
static int host_setup(lua_State *L)
{
    rk_host *h = lua_touserdata(L, 1);
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},
        {LUA_TABLIBNAME, luaopen_table},
        {LUA_STRLIBNAME, luaopen_string},
        {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8},
        {NULL, NULL}
    };
    for (const luaL_Reg *lib = libs; lib->name; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }

    /* stack: host, _G */
    lua_pushglobaltable(L);
    static const char *const removed[] = {"dofile", "loadfile", NULL};
    for (const char *const *name = removed; *name; name++) {
        lua_pushnil(L);
        lua_setfield(L, -2, *name);
    }
    lua_getfield(L, -1, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
    lua_pop(L, 1);
    static const luaL_Reg replaced[] = {
        {"print", host_print},
        {"pcall", host_pcall},
        {"xpcall", host_xpcall},
        {"load", host_load},
        {"require", host_require},
        {NULL, NULL}
    };
    luaL_setfuncs(L, replaced, 0);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &loaded_key);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &module_paths_key);
    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &chunk_names_key);
    add_chunk_name(L, h->script_path ? h->script_path : "stdin"); /* a repl's input is "=stdin" */

    lua_newtable(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kinds_key);

    /* stack: host, _G, rapkit */
    lua_newtable(L);
    lua_pushliteral(L, RK_VERSION);
    lua_setfield(L, -2, "version");
    /* stack: host, _G, rapkit, data */
    lua_createtable(L, 0, (int)h->ndata);
    for (size_t i = 0; i < h->ndata; i++) {
        if (!h->data[i].name)
            continue;   /* readable, not listed */
        lua_pushstring(L, h->data[i].path);
        lua_setfield(L, -2, h->data[i].name);
    }
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, undefined_data);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "data");
    lua_pushinteger(L, (lua_Integer)h->min_count);
    lua_setfield(L, -2, "min_count");
    rk_api_open(L);
    lua_setfield(L, -2, "rapkit");

    /* Lock the globals: reading an undefined one is an error; defining new
     * ones is still allowed. __metatable keeps scripts from unlocking. */
    lua_createtable(L, 0, 2);
    lua_pushcfunction(L, undefined_global);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pop(L, 1);
    return 0;
}

/* The message handler of the run: classifies the error, gives it the
 * script's position if it has none, and with --verbose adds a traceback.
 * stack: error -> error, ..., message */
static int host_msgh(lua_State *L)
{
    rk_host *h = host_of(L);
    h->error_kind = kind_of(L, 1);

    const char *msg;
    if (lua_type(L, 1) == LUA_TSTRING || lua_type(L, 1) == LUA_TNUMBER)
        msg = lua_tostring(L, 1);
    else if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
        msg = lua_tostring(L, -1);
    else
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));

    lua_Debug ar;
    if (!has_position(L, msg)) {
        if (rk_host_find_lua_frame(L, 1, &ar))
            msg = lua_pushfstring(L, "%s:%d: %s", rk_host_frame_source(&ar), ar.currentline, msg);
    } else if (rk_host_find_lua_frame(L, 1, &ar)) {
        msg = untruncate(L, msg, rk_host_frame_source(&ar));
    }
    if (h->verbose)
        luaL_traceback(L, L, msg, 1);
    else
        lua_pushstring(L, msg);
    return 1;
}

/* ---- the run ------------------------------------------------------------- */

static void print_error(const char *msg)
{
    fflush(stdout);
    fprintf(stderr, "rapkit: %s\n", msg);
}

static void format_bytes(double bytes, char *buf, size_t size)
{
    if (bytes < 1024.0 * 1024.0)
        snprintf(buf, size, "%.0f KiB", bytes / 1024.0);
    else
        snprintf(buf, size, "%.1f MiB", bytes / (1024.0 * 1024.0));
}

/* Resolves the paths of the run before any Lua exists. Prints what is
 * wrong and returns an exit code, or 0. */
static int host_prepare(rk_host *h, const rk_host_options *opts)
{
    h->script_path = opts->script_path;
    h->data = opts->data;
    h->ndata = opts->ndata;
    h->verbose = opts->verbose;
    h->entry = opts->entry;
    h->entry_args = opts->entry_args;
    h->nentry_args = opts->nentry_args;
    h->allow_gnuplot = opts->allow_gnuplot;
    h->pack = opts->pack;
    rk_progress_init(&h->progress, opts->quiet);
    h->timeout = opts->timeout_seconds > 0 ? opts->timeout_seconds : 0;
    h->memory_mib = opts->memory_mib ? opts->memory_mib : RK_HOST_DEFAULT_MEMORY_MIB;
    h->min_count = opts->min_count > 0 ? opts->min_count : RK_HOST_DEFAULT_MIN_COUNT;
    h->heap_limit = h->memory_mib > SIZE_MAX / (1024 * 1024) ? SIZE_MAX
                                                              : h->memory_mib * 1024 * 1024;

    rk_error err;
    h->stamp.version = RK_VERSION;
    if (rk_stamp_time(getenv("SOURCE_DATE_EPOCH"), time(NULL), h->stamp.run_time, &err) != RK_OK) {
        print_error(err.message);
        return RK_EXIT_USAGE;
    }

    if (h->script_path) {
        FILE *fp = fopen(h->script_path, "re");
        int open_errno = fp ? 0 : errno;
        struct stat st;
        bool regular = false;
        if (fp && fstat(fileno(fp), &st) == 0) {
            if (S_ISDIR(st.st_mode))
                open_errno = EISDIR;
            regular = S_ISREG(st.st_mode);
        }
        if (fp)
            fclose(fp);
        if (open_errno) {
            fflush(stdout);
            fprintf(stderr, "rapkit: cannot open script '%s': %s\n", h->script_path,
                    strerror(open_errno));
            return RK_EXIT_FAILURE;
        }
        /* The stamp names the script by its digest; a pipe is left unhashed
         * rather than read before Lua reads it. */
        size_t plen = strlen(h->script_path);
        h->stamp.script_path = malloc(plen + 2);
        if (!h->stamp.script_path) {
            print_error("out of memory");
            return RK_EXIT_FAILURE;
        }
        rk_path_normalize(h->script_path, plen, h->stamp.script_path);
        if (regular && rk_sha256_file(h->script_path, h->stamp.script_sha256, &err) != RK_OK) {
            print_error(err.message);
            return RK_EXIT_FAILURE;
        }
    }
    /* A session without a script reads and requires from the current
     * folder, as a script does from its own. */
    h->script_dir = h->script_path ? rk_path_dirname(h->script_path) : strdup(".");
    if (!h->script_dir) {
        print_error("out of memory");
        return RK_EXIT_FAILURE;
    }
    h->script_dir_real = realpath(h->script_dir, NULL);
    if (!h->script_dir_real) {
        fflush(stdout);
        fprintf(stderr, "rapkit: cannot resolve the folder of '%s': %s\n",
                h->script_path ? h->script_path : ".", strerror(errno));
        return RK_EXIT_FAILURE;
    }

    /* An installed binary has the library beside it; a build does not, and
     * uses the source tree's. */
    h->library_dir = rk_path_from_executable(RK_LIBRARY_FROM_BINARY);
    struct stat library_st;
    if (!h->library_dir || stat(h->library_dir, &library_st) != 0
        || !S_ISDIR(library_st.st_mode)) {
        free(h->library_dir);
        h->library_dir = strdup(RK_SCRIPTS_DIR);
        if (!h->library_dir) {
            print_error("out of memory");
            return RK_EXIT_FAILURE;
        }
    }

    if (h->ndata) {
        h->data_real = calloc(h->ndata, sizeof *h->data_real);
        if (!h->data_real) {
            print_error("out of memory");
            return RK_EXIT_FAILURE;
        }
    }
    for (size_t i = 0; i < h->ndata; i++) {
        FILE *fp = fopen(h->data[i].path, "re");
        if (!fp) {
            fflush(stdout);
            if (h->data[i].name)
                fprintf(stderr, "rapkit: cannot open --data %s=%s: %s\n", h->data[i].name,
                        h->data[i].path, strerror(errno));
            else
                fprintf(stderr, "rapkit: cannot open '%s': %s\n", h->data[i].path, strerror(errno));
            return RK_EXIT_FAILURE;
        }
        fclose(fp);
        /* A pipe given as /dev/fd/N has no real path; it stays readable by
         * its exact name. */
        h->data_real[i] = realpath(h->data[i].path, NULL);
    }

    const char *out = opts->out_dir && opts->out_dir[0] ? opts->out_dir : RK_HOST_DEFAULT_OUT;
    size_t olen = strlen(out);
    while (olen > 1 && out[olen - 1] == '/')
        olen--;
    h->out_dir_buf = malloc(olen + 1);
    if (!h->out_dir_buf) {
        print_error("out of memory");
        return RK_EXIT_FAILURE;
    }
    memcpy(h->out_dir_buf, out, olen);
    h->out_dir_buf[olen] = '\0';
    h->out_dir = h->out_dir_buf;
    if (rk_path_make_folders(h->out_dir) != 0 || !(h->out_dir_real = realpath(h->out_dir, NULL))) {
        fflush(stdout);
        fprintf(stderr, "rapkit: cannot create output folder '%s': %s\n", h->out_dir,
                strerror(errno));
        return RK_EXIT_FAILURE;
    }
    return 0;
}

static void host_release(rk_host *h)
{
    rk_stamp_run_free(&h->stamp);
    free(h->script_dir);
    free(h->script_dir_real);
    free(h->out_dir_buf);
    free(h->out_dir_real);
    free(h->library_dir);
    if (h->data_real) {
        for (size_t i = 0; i < h->ndata; i++)
            free(h->data_real[i]);
        free(h->data_real);
    }
}

/* Prints how the run ended; returns the exit code. stack: ..., error */
static int host_report(rk_host *h, int status)
{
    lua_State *L = h->L;
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    if (status == LUA_ERRMEM)
        limit_reached(h, LIMIT_MEMORY, false);
    if (h->limit_hit != LIMIT_NONE) {
        print_error(h->limit_message);
        const char *tb = h->verbose && msg ? strstr(msg, "\nstack traceback:") : NULL;
        if (tb)
            fprintf(stderr, "%s\n", tb + 1);
        return RK_EXIT_LIMIT;
    }
    switch (status) {
    case LUA_OK:
        return RK_EXIT_OK;
    case LUA_ERRFILE:
        print_error(msg ? msg : "cannot read the script");
        return RK_EXIT_FAILURE;
    case LUA_ERRSYNTAX: {
        if (!msg)
            msg = "syntax error";
        msg = untruncate(L, msg, h->script_path);
        if (starts_with_position(msg, h->script_path)) {
            print_error(msg);
        } else {
            fflush(stdout);
            fprintf(stderr, "rapkit: %s: %s\n", h->script_path, msg);
        }
        return RK_EXIT_SCRIPT;
    }
    default:
        print_error(msg ? msg : "error in error handling");
        switch (h->error_kind) {
        case RK_ERROR_DATA: return RK_EXIT_DATA;
        case RK_ERROR_IO:   return RK_EXIT_FAILURE;
        default:            return RK_EXIT_SCRIPT;
        }
    }
}

/* Runs the script, then hands its first return value to the entry
 * module's main with the entry arguments. stack: chunk -> */
static int run_entry(lua_State *L)
{
    rk_host *h = host_of(L);
    lua_call(L, 0, 1);                                 /* stack: value */
    lua_getglobal(L, "require");
    lua_pushstring(L, h->entry);
    lua_call(L, 1, 1);                                 /* stack: value, module */
    if (lua_type(L, -1) != LUA_TTABLE || lua_getfield(L, -1, "main") != LUA_TFUNCTION)
        return luaL_error(L, "module '%s' has no main function", h->entry);
    lua_pushvalue(L, 1);                               /* stack: value, module, main, value */
    lua_createtable(L, 0, (int)h->nentry_args);
    for (size_t i = 0; i < h->nentry_args; i++) {
        lua_pushstring(L, h->entry_args[i].path);
        lua_setfield(L, -2, h->entry_args[i].name);
    }
    lua_call(L, 2, 0);
    return 0;
}

static int host_execute(rk_host *h)
{
    lua_State *L = h->L;
    /* stack: msgh */
    lua_pushcfunction(L, host_msgh);
    h->running = true;
    h->started = monotonic_seconds();
    struct sigaction saved;
    memset(&saved, 0, sizeof saved);
    if (h->timeout > 0) {
        h->deadline = h->started + h->timeout;
        alarm_arm(h, &saved);
    }
    /* stack: msgh, chunk */
    int status = luaL_loadfilex(L, h->script_path, "t");
    if (status == LUA_OK && h->entry) {
        /* stack: msgh, chunk -> msgh, run_entry, chunk */
        lua_pushcfunction(L, run_entry);
        lua_insert(L, -2);
        status = lua_pcall(L, 1, 0, 1);
    } else if (status == LUA_OK) {
        status = lua_pcall(L, 0, 0, 1);
    }
    h->running = false;
    int code = host_report(h, status);
    lua_settop(L, 0);

    /* Finalizers run now, still under the watchdog (but no hook runs in
     * them, so the first alarm has nothing to do). */
    alarm_state = NULL;
    lua_close(L);
    h->L = NULL;
    if (h->timeout > 0)
        alarm_disarm(&saved);
    if (code == RK_EXIT_OK && h->limit_hit != LIMIT_NONE) {
        print_error(h->limit_message);
        code = RK_EXIT_LIMIT;
    }
    return code;
}

/* Prepares the run and builds the sandbox; returns 0, or an exit code
 * after printing why (h is then released). */
static int host_open(rk_host *h, const rk_host_options *opts)
{
    memset(h, 0, sizeof *h);
    int code = host_prepare(h, opts);
    if (code != 0) {
        host_release(h);
        return code;
    }

    lua_State *L = lua_newstate(host_alloc, h);
    if (!L) {
        print_error("out of memory");
        host_release(h);
        return RK_EXIT_FAILURE;
    }
    h->L = L;
    lua_setwarnf(L, host_warnf, h);

    lua_pushcfunction(L, host_setup);
    lua_pushlightuserdata(L, h);
    int status = lua_pcall(L, 1, 0, 0);
    if (status != LUA_OK) {
        fflush(stdout);
        fprintf(stderr, "rapkit: cannot set up Lua: %s\n",
                status == LUA_ERRMEM ? "out of memory" : lua_tostring(L, -1));
        lua_close(L);
        host_release(h);
        return status == LUA_ERRMEM ? RK_EXIT_LIMIT : RK_EXIT_FAILURE;
    }
    return 0;
}

/* After the Lua state is closed: reports a failure to write standard
 * output and, with --verbose, time and peak memory; releases h. Returns
 * the exit code. */
static int host_finish(rk_host *h, int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "rapkit: cannot write standard output: %s\n", strerror(errno));
        if (code == RK_EXIT_OK)
            code = RK_EXIT_FAILURE;
    }
    if (h->verbose) {
        char heap[32], datasets[32];
        format_bytes((double)h->heap_peak, heap, sizeof heap);
        format_bytes((double)h->dataset_peak, datasets, sizeof datasets);
        fprintf(stderr,
                "rapkit: finished in %.3f s; peak memory: Lua heap %s (limit %zu MiB), "
                "datasets %s\n",
                monotonic_seconds() - h->started, heap, h->memory_mib, datasets);
    }
    host_release(h);
    return code;
}

int rk_host_run(const rk_host_options *opts)
{
    rk_host h;
    int code = host_open(&h, opts);
    if (code != 0)
        return code;
    code = host_execute(&h);
    return host_finish(&h, code);
}

/* ---- sessions ------------------------------------------------------------ */

rk_host *rk_host_open(const rk_host_options *opts, int *code)
{
    rk_host *h = malloc(sizeof *h);
    if (!h) {
        print_error("out of memory");
        *code = RK_EXIT_FAILURE;
        return NULL;
    }
    *code = host_open(h, opts);
    if (*code != 0) {
        free(h);
        return NULL;
    }
    h->started = monotonic_seconds();
    return h;
}

lua_State *rk_host_lua(rk_host *h)
{
    return h->L;
}

/* Runs a full collection, protected: finalizers may run. */
static int collect_garbage(lua_State *L)
{
    lua_gc(L, LUA_GCCOLLECT);
    return 0;
}

int rk_host_call(rk_host *h, int nargs)
{
    lua_State *L = h->L;
    /* stack: f, args... -> msgh, f, args... */
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, host_msgh);
    lua_insert(L, base);
    h->running = true;
    h->error_kind = RK_ERROR_SCRIPT;
    struct sigaction saved;
    memset(&saved, 0, sizeof saved);
    if (h->timeout > 0) {
        h->deadline = monotonic_seconds() + h->timeout;
        alarm_arm(h, &saved);
    }
    int status = lua_pcall(L, nargs, 0, base);
    h->running = false;
    int code = host_report(h, status);
    if (h->timeout > 0)
        alarm_disarm(&saved);
    /* A hook set by the limit, or by an alarm that fired as the call
     * returned, must not follow into the next call. */
    lua_sethook(L, NULL, 0, 0);
    lua_settop(L, 0);
    if (h->limit_hit != LIMIT_NONE) {
        /* The call that hit the limit is over: the next one starts afresh
         * (with what the collector can free after a memory limit). */
        h->limit_hit = LIMIT_NONE;
        h->limit_message[0] = '\0';
        h->refusal_pending = false;
        h->refusal_where[0] = '\0';
        lua_pushcfunction(L, collect_garbage);
        lua_pcall(L, 0, 0, 0);
        lua_settop(L, 0);
    }
    fflush(stdout);
    return code;
}

int rk_host_close(rk_host *h)
{
    lua_close(h->L);
    h->L = NULL;
    int code = host_finish(h, RK_EXIT_OK);
    free(h);
    return code;
}
