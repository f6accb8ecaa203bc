/* rk_pack.c: `rapkit pack` (rk_pack.h): read the pack file, run its
 * scripts through the host, and write the PDF, statements.md and
 * manifest.json.
 *
 * The manifest lists every file with its size and SHA-256, so a reader can
 * tell which inputs a figure came from and that the files are the ones made.
 */
/* realpath(3) is XSI in glibc's eyes. */
#define _XOPEN_SOURCE 700

#include "rk_pack.h"
#include "rk_sha256.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include "rk_host.h"
#include "rk_json.h"
#include "rk_markdown.h"
#include "rk_outfile.h"
#include "rk_paths.h"
#include "rk_progress.h"

#ifndef RK_VERSION
#define RK_VERSION "unknown"
#endif

#define PACK_FILE_INSTRUCTIONS 1000000 /* a table of settings needs far fewer */

typedef struct string_list {
    char **items;
    size_t n, cap;
} string_list;

typedef struct pack_entry {
    char *label;          /* as the pack file writes it: the script's path, or the placeholder's title */
    char *script_path;    /* joined with the pack's folder; NULL for a placeholder */
    char *placeholder_note;
    bool placeholder;
    string_list inputs, modules, outputs; /* inputs and modules relative to the pack's folder;
                                             outputs relative to the output folder */
} pack_entry;

typedef struct pack_figure {
    char *name, *title, *statement, *source, *where;
    string_list caveats, files;
    size_t entry;
    bool placeholder;
} pack_figure;

struct rk_pack {
    const char *pack_path;
    char *pack_dir;          /* the pack file's folder, as given */
    char *pack_dir_real;     /* realpath of pack_dir: the scripts must lie in it */
    char *data_root_real;    /* the folder that holds pack_dir: the data must lie in it */
    char *out_dir;           /* trailing '/' dropped, as the host drops it */
    char *title, *organisation, *period, *date, *note;
    rk_data_file *data;
    size_t ndata;
    pack_entry *entries;
    size_t nentries;
    size_t current;          /* the entry running */
    pack_figure *figures;
    size_t nfigures, figures_cap;
    rk_pack_doc *doc;
    bool out_of_memory;      /* a note could not be kept: the manifest would be incomplete */
};

/* ---- small helpers ------------------------------------------------------- */

static void print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void print_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fflush(stdout);
    fputs("rapkit: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static char *copy(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* Adds a copy of s unless the list holds it; false when memory ran out. */
static bool list_add(string_list *list, const char *s)
{
    for (size_t i = 0; i < list->n; i++)
        if (strcmp(list->items[i], s) == 0)
            return true;
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 8;
        char **items = realloc(list->items, cap * sizeof *items);
        if (!items)
            return false;
        list->items = items;
        list->cap = cap;
    }
    char *item = strdup(s);
    if (!item)
        return false;
    list->items[list->n++] = item;
    return true;
}

static void list_free(string_list *list)
{
    for (size_t i = 0; i < list->n; i++)
        free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

static void pack_free(rk_pack *pack)
{
    free(pack->pack_dir);
    free(pack->pack_dir_real);
    free(pack->data_root_real);
    free(pack->out_dir);
    free(pack->title);
    free(pack->organisation);
    free(pack->period);
    free(pack->date);
    free(pack->note);
    for (size_t i = 0; i < pack->ndata; i++) {
        free((char *)pack->data[i].name);
        free((char *)pack->data[i].path);
    }
    free(pack->data);
    for (size_t i = 0; i < pack->nentries; i++) {
        pack_entry *e = &pack->entries[i];
        free(e->label);
        free(e->script_path);
        free(e->placeholder_note);
        list_free(&e->inputs);
        list_free(&e->modules);
        list_free(&e->outputs);
    }
    free(pack->entries);
    for (size_t i = 0; i < pack->nfigures; i++) {
        pack_figure *f = &pack->figures[i];
        free(f->name);
        free(f->title);
        free(f->statement);
        free(f->source);
        free(f->where);
        list_free(&f->caveats);
        list_free(&f->files);
    }
    free(pack->figures);
    rk_pack_doc_free(pack->doc);
}

/* ---- notes from the host --------------------------------------------------- */

static pack_entry *running(rk_pack *pack)
{
    return pack->current < pack->nentries ? &pack->entries[pack->current] : NULL;
}

/* A file the script read or required, relative to the pack's folder. */
static void note_relative(rk_pack *pack, string_list *list, const char *path)
{
    char real[PATH_MAX];
    if (!realpath(path, real))
        return; /* a pattern or a pipe: nothing the manifest can list */
    char *rel = rk_path_relative(real, pack->pack_dir_real);
    if (!rel || !list_add(list, rel))
        pack->out_of_memory = true;
    free(rel);
}

void rk_pack_note_input(rk_pack *pack, const char *path)
{
    pack_entry *e = running(pack);
    if (e)
        note_relative(pack, &e->inputs, path);
}

void rk_pack_note_module(rk_pack *pack, const char *path)
{
    pack_entry *e = running(pack);
    if (e)
        note_relative(pack, &e->modules, path);
}

void rk_pack_note_output(rk_pack *pack, const char *path)
{
    pack_entry *e = running(pack);
    size_t n = strlen(pack->out_dir);
    if (!e)
        return;
    if (strncmp(path, pack->out_dir, n) == 0 && path[n] == '/')
        path += n + 1;
    if (!list_add(&e->outputs, path))
        pack->out_of_memory = true;
}

const char *rk_pack_out_dir(const rk_pack *pack)
{
    return pack->out_dir;
}

rk_status rk_pack_check_name(const rk_pack *pack, const char *name, rk_error *err)
{
    for (size_t i = 0; name && i < pack->nfigures; i++)
        if (pack->figures[i].name && strcmp(pack->figures[i].name, name) == 0)
            return rk_error_set(err, RK_EARG, "a figure named '%s' was made already, at %s: give each figure its "
                                "own name", name, pack->figures[i].where);
    return RK_OK;
}

rk_status rk_pack_add_figure(rk_pack *pack, const rk_pack_figure *page, const char *name, const char *where,
                             const char *const *files, size_t nfiles, rk_error *err)
{
    rk_status st = rk_pack_check_name(pack, name, err);
    if (st != RK_OK)
        return st;
    if (pack->nfigures == pack->figures_cap) {
        size_t cap = pack->figures_cap ? pack->figures_cap * 2 : 16;
        pack_figure *figures = realloc(pack->figures, cap * sizeof *figures);
        if (!figures)
            return rk_error_nomem(err);
        pack->figures = figures;
        pack->figures_cap = cap;
    }
    st = rk_pack_doc_add(pack->doc, page, err);
    if (st != RK_OK)
        return st;
    pack_figure *f = &pack->figures[pack->nfigures++];
    memset(f, 0, sizeof *f);
    f->entry = pack->current;
    f->placeholder = page->placeholder != NULL;
    f->name = copy(name);
    f->title = copy(page->title);
    f->statement = copy(page->statement);
    f->source = copy(page->source);
    size_t dir_len = strlen(pack->pack_dir);
    if (where && strcmp(pack->pack_dir, ".") != 0 && strncmp(where, pack->pack_dir, dir_len) == 0
        && where[dir_len] == '/')
        where += dir_len + 1; /* the manifest's paths are relative to the pack's folder */
    f->where = copy(where);
    bool ok = (!name || f->name) && f->title && f->statement && (!page->source || f->source) && (!where || f->where);
    for (size_t i = 0; i < page->ncaveats; i++)
        ok = ok && list_add(&f->caveats, page->caveats[i]);
    for (size_t i = 0; i < nfiles; i++)
        ok = ok && list_add(&f->files, files[i]);
    if (!ok)
        pack->out_of_memory = true;
    return RK_OK;
}

/* ---- the pack file -------------------------------------------------------- */

static void pack_file_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    luaL_error(L, "the pack file runs too long: it should only return a table");
}

static bool is_name(const char *s)
{
    if (!s[0] || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* Raises unless every key of the table at idx is one of names. */
static void check_fields(lua_State *L, int idx, const char *what, const char *const *names, const char *list)
{
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "%s%severy value needs a field name (fields: %s)", what, *what ? ": " : "", list);
        bool known = false;
        for (const char *const *n = names; *n && !known; n++)
            known = strcmp(lua_tostring(L, -1), *n) == 0;
        if (!known)
            luaL_error(L, "%s%sunknown field '%s' (fields: %s)", what, *what ? ": " : "", lua_tostring(L, -1),
                       list);
    }
}

/* t[field] as text, NULL if absent; raises if it is something else. */
static const char *opt_field_text(lua_State *L, int t, const char *field, const char *what)
{
    int type = lua_getfield(L, t, field);
    const char *s = type == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    lua_pop(L, 1); /* the table keeps the string alive */
    if (type != LUA_TNIL && type != LUA_TSTRING)
        luaL_error(L, "%s%s'%s' must be text", what, *what ? ": " : "", field);
    return s;
}

/* A pack file grants its scripts read access to what it lists, as --data
 * does; a shared one must not reach any file of the machine. So a path in
 * it is relative to its folder, and leads (symbolic links followed) inside
 * `root`: the pack's folder for scripts (a script may read its own folder),
 * the folder that holds it for data ("../data/x.csv" beside the pack).
 * Returns the path joined to the pack's folder (the caller frees it), or
 * raises naming the entry. */
static char *joined_inside(lua_State *L, const rk_pack *pack, const char *what, const char *rel, bool script)
{
    if (rel[0] == '/')
        luaL_error(L, "%s: '%s' is an absolute path: give it relative to the pack file's folder", what, rel);
    char *path = rk_path_join(pack->pack_dir, rel);
    if (!path)
        luaL_error(L, "out of memory");
    char where[PATH_MAX];
    bool resolved = rk_path_resolve(path, where);
    int resolve_errno = errno;
    const char *root = script ? pack->pack_dir_real : pack->data_root_real;
    if (resolved && rk_path_is_within(where, root))
        return path;
    free(path);
    if (!resolved)
        luaL_error(L, "%s: cannot resolve '%s': %s", what, rel, strerror(resolve_errno));
    if (script)
        luaL_error(L, "%s: '%s' leads outside the pack's folder: keep the pack's scripts in its folder", what, rel);
    luaL_error(L, "%s: '%s' leads outside the folder that holds the pack's folder: a pack reads only files in "
               "its own folder and the folders beside it", what, rel);
    return NULL;
}

static void read_data(lua_State *L, rk_pack *pack, int t)
{
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        n++;
    }
    pack->data = calloc(n ? n : 1, sizeof *pack->data);
    if (!pack->data)
        luaL_error(L, "out of memory");
    lua_pushnil(L);
    while (lua_next(L, t)) {
        if (lua_type(L, -2) != LUA_TSTRING || !is_name(lua_tostring(L, -2)) || lua_type(L, -1) != LUA_TSTRING)
            luaL_error(L, "'data' must name files, as data = {events = \"../data/events.csv\"}: names of letters, "
                       "digits and '_', paths relative to the pack file");
        rk_data_file *d = &pack->data[pack->ndata++];
        d->name = copy(lua_tostring(L, -2));
        if (!d->name)
            luaL_error(L, "out of memory");
        char what[128];
        snprintf(what, sizeof what, "data '%s'", d->name);
        d->path = joined_inside(L, pack, what, lua_tostring(L, -1), false);
        lua_pop(L, 1);
    }
}

static void read_entries(lua_State *L, rk_pack *pack, int t)
{
    size_t n = lua_rawlen(L, t);
    if (n == 0)
        luaL_error(L, "'scripts' must list the scripts to run, as scripts = {\"retention.lua\", ...}");
    pack->entries = calloc(n, sizeof *pack->entries);
    if (!pack->entries)
        luaL_error(L, "out of memory");
    static const char *const placeholder_fields[] = {"placeholder", "note", NULL};
    for (size_t i = 1; i <= n; i++) {
        pack_entry *e = &pack->entries[pack->nentries++];
        int type = lua_rawgeti(L, t, (lua_Integer)i);
        if (type == LUA_TSTRING && lua_rawlen(L, -1) > 0) {
            e->label = copy(lua_tostring(L, -1));
            if (!e->label)
                luaL_error(L, "out of memory");
            char what[64];
            snprintf(what, sizeof what, "scripts[%zu]", i);
            e->script_path = joined_inside(L, pack, what, lua_tostring(L, -1), true);
        } else if (type == LUA_TTABLE) {
            char what[64];
            snprintf(what, sizeof what, "scripts[%zu]", i);
            check_fields(L, lua_gettop(L), what, placeholder_fields, "placeholder, note");
            const char *title = opt_field_text(L, -1, "placeholder", what);
            if (!title || !title[0])
                luaL_error(L, "%s: a placeholder needs a title, as {placeholder = \"Impact matrix\"}", what);
            e->placeholder = true;
            e->label = copy(title);
            e->placeholder_note = copy(opt_field_text(L, -1, "note", what));
            if (!e->label)
                luaL_error(L, "out of memory");
        } else {
            luaL_error(L, "scripts[%zu] must be a script's path or {placeholder = \"title\"}", i);
        }
        lua_pop(L, 1);
    }
}

/* Runs under lua_pcall. stack: pack (light userdata), result table */
static int read_pack_table(lua_State *L)
{
    rk_pack *pack = lua_touserdata(L, 1);
    if (!lua_istable(L, 2))
        luaL_error(L, "the pack file must return a table, as return {title = \"...\", scripts = {...}}");
    static const char *const fields[] = {"title", "organisation", "period", "date", "note", "data", "scripts", NULL};
    check_fields(L, 2, "", fields, "title, organisation, period, date, note, data, scripts");
    const char *title = opt_field_text(L, 2, "title", "");
    if (!title || !title[0])
        luaL_error(L, "the pack needs a title for its cover, as title = \"Race Action Plan: board pack\"");
    pack->title = copy(title);
    pack->organisation = copy(opt_field_text(L, 2, "organisation", ""));
    pack->period = copy(opt_field_text(L, 2, "period", ""));
    pack->date = copy(opt_field_text(L, 2, "date", ""));
    pack->note = copy(opt_field_text(L, 2, "note", ""));
    int type = lua_getfield(L, 2, "data");
    if (type == LUA_TTABLE)
        read_data(L, pack, lua_gettop(L));
    else if (type != LUA_TNIL)
        luaL_error(L, "'data' must be a table, as data = {events = \"../data/events.csv\"}");
    lua_pop(L, 1);
    if (lua_getfield(L, 2, "scripts") != LUA_TTABLE)
        luaL_error(L, "the pack needs 'scripts', the list of scripts to run, as scripts = {\"retention.lua\"}");
    read_entries(L, pack, lua_gettop(L));
    return 0;
}

/* Reads the pack file into pack; prints what is wrong and returns an exit
 * code, or 0. */
static int read_pack_file(rk_pack *pack, const char *path)
{
    FILE *fp = fopen(path, "re");
    if (!fp) {
        print_error("cannot open pack file '%s': %s", path, strerror(errno));
        return RK_EXIT_FAILURE;
    }
    fclose(fp);
    lua_State *L = luaL_newstate();
    if (!L) {
        print_error("out of memory");
        return RK_EXIT_FAILURE;
    }
    lua_sethook(L, pack_file_hook, LUA_MASKCOUNT, PACK_FILE_INSTRUCTIONS);
    int code = 0;
    /* stack: reader, chunk */
    lua_pushcfunction(L, read_pack_table);
    int status = luaL_loadfilex(L, path, "t");
    if (status == LUA_OK) {
        lua_newtable(L); /* no globals at all: the file is data */
        lua_setupvalue(L, -2, 1);
        status = lua_pcall(L, 0, 1, 0);
    }
    if (status == LUA_OK) {
        /* stack: reader, result -> reader, pack, result */
        lua_pushlightuserdata(L, pack);
        lua_insert(L, -2);
        status = lua_pcall(L, 2, 0, 0);
        if (status != LUA_OK) {
            print_error("%s: %s", path, lua_tostring(L, -1));
            code = RK_EXIT_SCRIPT;
        }
    } else {
        const char *msg = lua_tostring(L, -1);
        print_error("%s", msg ? msg : "cannot read the pack file");
        code = status == LUA_ERRFILE ? RK_EXIT_FAILURE : RK_EXIT_SCRIPT;
    }
    lua_close(L);
    for (size_t i = 0; code == 0 && i < pack->ndata; i++) {
        fp = fopen(pack->data[i].path, "re");
        if (!fp) {
            print_error("%s: data file %s (%s): %s", path, pack->data[i].name, pack->data[i].path, strerror(errno));
            code = RK_EXIT_FAILURE;
        } else {
            fclose(fp);
        }
    }
    return code;
}

/* ---- statements.md and manifest.json -------------------------------------- */

static char *out_path(const rk_pack *pack, const char *name)
{
    return rk_path_join(pack->out_dir, name);
}

/* A path as code, `charts/a.png`, unless a backtick or a control
 * character in it could end the code span: then as escaped text. */
static void md_path(FILE *fp, const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        if (*p == '`' || *p < 0x20 || *p == 0x7f) {
            rk_md_put(fp, path);
            return;
        }
    fprintf(fp, "`%s`", path);
}

static void md_files(FILE *fp, const string_list *files)
{
    if (!files->n)
        return;
    fputs("Files:", fp);
    for (size_t i = 0; i < files->n; i++) {
        fputs(i ? ", " : " ", fp);
        md_path(fp, files->items[i]);
    }
    fputs("\n\n", fp);
}

/* Every text of statements.md comes from the pack file or a script: each
 * goes through rk_md_put, so none can break the page's structure or carry
 * HTML. */
static void write_statements(const rk_pack *pack, FILE *fp)
{
    fputs("# ", fp);
    rk_md_put(fp, pack->title);
    fputs("\n\n", fp);
    const char *parts[] = {pack->organisation, pack->period, pack->date};
    bool any = false;
    for (size_t i = 0; i < 3; i++)
        if (parts[i]) {
            fputs(any ? " | " : "", fp);
            rk_md_put(fp, parts[i]);
            any = true;
        }
    if (any)
        fputs("\n\n", fp);
    if (pack->note) {
        fputs("> ", fp);
        rk_md_put(fp, pack->note);
        fputs("\n\n", fp);
    }
    for (size_t i = 0; i < pack->nfigures; i++) {
        const pack_figure *f = &pack->figures[i];
        fprintf(fp, "## Figure %zu: ", i + 1);
        rk_md_put(fp, f->title);
        fputs(f->placeholder ? " (to follow)\n\n" : "\n\n", fp);
        rk_md_put(fp, f->statement);
        fputs("\n\n", fp);
        if (f->source) {
            /* as on the page: "Source: " unless the text starts with it */
            fputs(strncasecmp(f->source, "Source:", 7) == 0 ? "" : "Source: ", fp);
            rk_md_put(fp, f->source);
            fputs("\n\n", fp);
        }
        if (f->caveats.n) {
            fputs("Caveats:\n\n", fp);
            for (size_t k = 0; k < f->caveats.n; k++) {
                fputs("- ", fp);
                rk_md_put(fp, f->caveats.items[k]);
                fputc('\n', fp);
            }
            fputc('\n', fp);
        }
        md_files(fp, &f->files);
    }
}

/* [{"path": ..., "bytes": N, "sha256": ...}, ...] for the files that
 * exist, `dir` joined to each path to find it. */
static void json_files(rk_json *j, const string_list *list, const char *dir)
{
    rk_json_begin_array(j);
    for (size_t i = 0; i < list->n; i++) {
        char *full = rk_path_join(dir, list->items[i]);
        struct stat st;
        if (full && stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
            rk_json_begin_object(j);
            rk_json_key(j, "path");
            rk_json_string(j, list->items[i]);
            rk_json_key(j, "bytes");
            rk_json_integer(j, (long long)st.st_size);
            char digest[RK_SHA256_HEX_SIZE];
            rk_error err;
            if (rk_sha256_file(full, digest, &err) == RK_OK) {
                rk_json_key(j, "sha256");
                rk_json_string(j, digest);
            }
            rk_json_end_object(j);
        }
        free(full);
    }
    rk_json_end_array(j);
}

/* The companion files a chart's save writes beside it (NAME.alt.txt,
 * NAME.csv, NAME.md, and NAME.json where saves write a stamp). */
static void add_companions(rk_pack *pack, string_list *outputs)
{
    static const char *const chart_ext[] = {".png", ".svg", ".pdf"};
    static const char *const companion_ext[] = {".alt.txt", ".csv", ".md", ".json"};
    size_t n = outputs->n;
    for (size_t i = 0; i < n; i++) {
        const char *path = outputs->items[i];
        const char *dot = strrchr(path, '.');
        bool chart = false;
        for (size_t k = 0; dot && k < 3; k++)
            chart |= strcmp(dot, chart_ext[k]) == 0;
        if (!chart)
            continue;
        for (size_t k = 0; k < sizeof companion_ext / sizeof companion_ext[0]; k++) {
            char companion[PATH_MAX];
            snprintf(companion, sizeof companion, "%.*s%s", (int)(dot - path), path, companion_ext[k]);
            char *full = rk_path_join(pack->out_dir, companion);
            if (full && access(full, F_OK) == 0 && !list_add(outputs, companion))
                pack->out_of_memory = true;
            free(full);
        }
    }
}

/* "key": "value" (null for NULL). */
static void json_member(rk_json *j, const char *key, const char *value)
{
    rk_json_key(j, key);
    rk_json_string(j, value);
}

/* The manifest's text (the caller frees it), or NULL if memory ran out.
 * rk_json writes every string as valid UTF-8 JSON, whatever bytes a script
 * or a file name holds. */
static char *manifest_text(rk_pack *pack)
{
    const char *slash = strrchr(pack->pack_path, '/');
    rk_json j;
    rk_json_init(&j, true);
    rk_json_begin_object(&j);
    json_member(&j, "title", pack->title);
    json_member(&j, "organisation", pack->organisation);
    json_member(&j, "period", pack->period);
    json_member(&j, "date", pack->date);
    json_member(&j, "pack_file", slash ? slash + 1 : pack->pack_path);
    json_member(&j, "rapkit_version", RK_VERSION);
    rk_json_key(&j, "pdf");
    rk_json_begin_object(&j);
    json_member(&j, "path", RK_PACK_PDF);
    rk_json_key(&j, "pages");
    rk_json_integer(&j, (long long)pack->nfigures + 1);
    rk_json_end_object(&j);
    json_member(&j, "statements", RK_PACK_STATEMENTS);
    json_member(&j, "paths", "inputs and modules are relative to the pack file's folder, outputs and files to the "
                "output folder");
    rk_json_key(&j, "scripts");
    rk_json_begin_array(&j);
    for (size_t i = 0; i < pack->nentries; i++) {
        pack_entry *e = &pack->entries[i];
        rk_json_begin_object(&j);
        if (e->placeholder) {
            json_member(&j, "placeholder", e->label);
        } else {
            add_companions(pack, &e->outputs);
            json_member(&j, "script", e->label);
            rk_json_key(&j, "modules");
            json_files(&j, &e->modules, pack->pack_dir);
            rk_json_key(&j, "inputs");
            json_files(&j, &e->inputs, pack->pack_dir);
            rk_json_key(&j, "outputs");
            json_files(&j, &e->outputs, pack->out_dir);
        }
        rk_json_key(&j, "figures");
        rk_json_begin_array(&j);
        for (size_t k = 0; k < pack->nfigures; k++)
            if (pack->figures[k].entry == i)
                rk_json_integer(&j, (long long)k + 1);
        rk_json_end_array(&j);
        rk_json_end_object(&j);
    }
    rk_json_end_array(&j);
    rk_json_key(&j, "figures");
    rk_json_begin_array(&j);
    for (size_t i = 0; i < pack->nfigures; i++) {
        const pack_figure *f = &pack->figures[i];
        rk_json_begin_object(&j);
        rk_json_key(&j, "number");
        rk_json_integer(&j, (long long)i + 1);
        rk_json_key(&j, "page");
        rk_json_integer(&j, (long long)i + 2);
        json_member(&j, "name", f->name);
        rk_json_key(&j, "placeholder");
        rk_json_bool(&j, f->placeholder);
        json_member(&j, "title", f->title);
        json_member(&j, "statement", f->statement);
        json_member(&j, "source", f->source);
        rk_json_key(&j, "caveats");
        rk_json_begin_array(&j);
        for (size_t k = 0; k < f->caveats.n; k++)
            rk_json_string(&j, f->caveats.items[k]);
        rk_json_end_array(&j);
        json_member(&j, "made_at", f->where);
        rk_json_key(&j, "files");
        json_files(&j, &f->files, pack->out_dir);
        rk_json_end_object(&j);
    }
    rk_json_end_array(&j);
    rk_json_end_object(&j);
    return rk_json_finish(&j);
}

/* Writes name in the output folder, atomically, with write(ctx, fp). */
static rk_status write_out_file(const rk_pack *pack, const char *name, void (*write)(const void *, FILE *),
                                const void *ctx, rk_error *err)
{
    char *path = out_path(pack, name);
    if (!path)
        return rk_error_nomem(err);
    rk_outfile out;
    rk_status st = rk_outfile_open(&out, path, err);
    if (st == RK_OK) {
        write(ctx, out.fp);
        st = rk_outfile_commit(&out, err);
    }
    free(path);
    return st;
}

static void put_statements(const void *pack, FILE *fp)
{
    write_statements(pack, fp);
}

static void put_text(const void *text, FILE *fp)
{
    fputs(text, fp);
}

/* After a failure: no PDF, statements or manifest of the pack may remain,
 * not even an earlier run's, which would pass for this one. */
static void remove_pack_files(const rk_pack *pack)
{
    const char *names[] = {RK_PACK_PDF, RK_PACK_STATEMENTS, RK_PACK_MANIFEST};
    for (size_t i = 0; i < 3; i++) {
        char *path = out_path(pack, names[i]);
        if (path)
            unlink(path);
        free(path);
    }
}

/* ---- the run ---------------------------------------------------------------- */

static rk_status add_placeholder(rk_pack *pack, const pack_entry *e, rk_error *err)
{
    rk_pack_figure page = {
        .title = e->label,
        .statement = e->placeholder_note ? e->placeholder_note : "This figure will be added to a later pack.",
        .placeholder = "Figure to follow",
    };
    return rk_pack_add_figure(pack, &page, NULL, NULL, NULL, 0, err);
}

static int run_entries(rk_pack *pack, const rk_pack_options *opts)
{
    bool progress = rk_progress_wanted(opts->quiet);
    for (size_t i = 0; i < pack->nentries; i++) {
        pack_entry *e = &pack->entries[i];
        pack->current = i;
        if (progress)
            fprintf(stderr, "pack: %zu/%zu %s%s\n", i + 1, pack->nentries, e->placeholder ? "placeholder: " : "",
                    e->label);
        int code = RK_EXIT_OK;
        if (e->placeholder) {
            rk_error err;
            if (add_placeholder(pack, e, &err) != RK_OK) {
                print_error("%s: %s: %s", opts->pack_path, e->label, err.message);
                code = err.status == RK_EARG ? RK_EXIT_SCRIPT : RK_EXIT_FAILURE;
            }
        } else {
            rk_host_options host = {
                .script_path = e->script_path,
                .data = pack->data,
                .ndata = pack->ndata,
                .out_dir = pack->out_dir,
                .verbose = opts->verbose,
                .quiet = opts->quiet,
                .pack = pack,
            };
            code = rk_host_run(&host);
        }
        if (code != RK_EXIT_OK) {
            print_error("pack: stopped at %zu of %zu (%s): no board pack written", i + 1, pack->nentries, e->label);
            return code;
        }
    }
    pack->current = pack->nentries;
    return RK_EXIT_OK;
}

static int write_pack(rk_pack *pack)
{
    rk_error err;
    rk_status st = pack->out_of_memory ? rk_error_nomem(&err) : RK_OK;
    if (st == RK_OK)
        st = write_out_file(pack, RK_PACK_STATEMENTS, put_statements, pack, &err);
    if (st == RK_OK) {
        char *manifest = manifest_text(pack);
        st = manifest ? write_out_file(pack, RK_PACK_MANIFEST, put_text, manifest, &err) : rk_error_nomem(&err);
        free(manifest);
    }
    char *pdf = out_path(pack, RK_PACK_PDF);
    if (st == RK_OK)
        st = pdf ? rk_pack_doc_write(pack->doc, pdf, &err) : rk_error_nomem(&err);
    free(pdf);
    if (st != RK_OK) {
        print_error("pack: %s", err.message);
        return RK_EXIT_FAILURE;
    }
    return RK_EXIT_OK;
}

static int prepare(rk_pack *pack, const rk_pack_options *opts)
{
    pack->pack_path = opts->pack_path;
    pack->pack_dir = rk_path_dirname(opts->pack_path);
    const char *out = opts->out_dir && opts->out_dir[0] ? opts->out_dir : RK_PACK_DEFAULT_OUT;
    size_t olen = strlen(out);
    while (olen > 1 && out[olen - 1] == '/')
        olen--;
    pack->out_dir = strndup(out, olen);
    if (!pack->pack_dir || !pack->out_dir) {
        print_error("out of memory");
        return RK_EXIT_FAILURE;
    }
    /* Before the pack file is read: its paths are checked against these. */
    pack->pack_dir_real = realpath(pack->pack_dir, NULL);
    int resolve_errno = errno;
    pack->data_root_real = pack->pack_dir_real ? rk_path_dirname(pack->pack_dir_real) : NULL;
    if (pack->pack_dir_real && !pack->data_root_real) {
        print_error("out of memory");
        return RK_EXIT_FAILURE;
    }
    if (!pack->pack_dir_real) {
        FILE *fp = fopen(opts->pack_path, "r"); /* a missing pack file is the likelier news */
        if (!fp)
            print_error("cannot open pack file '%s': %s", opts->pack_path, strerror(errno));
        else {
            fclose(fp);
            print_error("cannot resolve the folder of '%s': %s", opts->pack_path, strerror(resolve_errno));
        }
        return RK_EXIT_FAILURE;
    }
    int code = read_pack_file(pack, opts->pack_path);
    if (code)
        return code;
    if (rk_path_make_folders(pack->out_dir) != 0) {
        print_error("cannot create output folder '%s': %s", pack->out_dir, strerror(errno));
        return RK_EXIT_FAILURE;
    }
    char colophon[512];
    const char *base = strrchr(opts->pack_path, '/') ? strrchr(opts->pack_path, '/') + 1 : opts->pack_path;
    snprintf(colophon, sizeof colophon,
             "Made with rapkit %s from %s. Every chart is also in charts/ (PNG and SVG, with its alt text and the "
             "values drawn), every table in tables/ (CSV), the statements in %s, and what was made from which "
             "files in %s.", RK_VERSION, base, RK_PACK_STATEMENTS, RK_PACK_MANIFEST);
    rk_pack_cover cover = {pack->title, pack->organisation, pack->period, pack->date, pack->note, colophon};
    rk_error err;
    pack->doc = rk_pack_doc_new(&cover, &err);
    if (!pack->doc) {
        print_error("%s: %s", opts->pack_path, err.message);
        return err.status == RK_EARG ? RK_EXIT_SCRIPT : RK_EXIT_FAILURE;
    }
    return 0;
}

int rk_pack_run(const rk_pack_options *opts)
{
    rk_pack pack;
    memset(&pack, 0, sizeof pack);
    int code = prepare(&pack, opts);
    if (code == 0)
        code = run_entries(&pack, opts);
    if (code == 0)
        code = write_pack(&pack);
    if (code != 0 && pack.out_dir && pack.entries)
        remove_pack_files(&pack);
    if (code == 0 && !opts->quiet) {
        size_t scripts = 0;
        for (size_t i = 0; i < pack.nentries; i++)
            scripts += !pack.entries[i].placeholder;
        printf("board pack: %zu figure%s from %zu script%s in %s/: %s (%zu pages), %s, %s\n", pack.nfigures,
               pack.nfigures == 1 ? "" : "s", scripts, scripts == 1 ? "" : "s", pack.out_dir, RK_PACK_PDF,
               pack.nfigures + 1, RK_PACK_STATEMENTS, RK_PACK_MANIFEST);
    }
    pack_free(&pack);
    if (fflush(stdout) != 0 && code == 0)
        code = RK_EXIT_FAILURE;
    return code;
}
