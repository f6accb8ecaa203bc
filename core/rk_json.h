/* rk_json.h: a small JSON writer into a growing string.
 *
 * Keys come out in the order they are written, so a caller that writes
 * them in a fixed order gets a stable document. Strings are escaped
 * (quote, backslash and control characters; bytes that are not valid UTF-8
 * become U+FFFD), so the text is always valid UTF-8 JSON. With `pretty`,
 * every member and element is on its own line, indented by two spaces per
 * level; empty containers stay "{}" and "[]".
 *
 * Memory: a failed allocation sets `failed` and later calls do nothing;
 * rk_json_finish then returns NULL. The caller checks once, at the end.
 * Nesting is checked by the caller's structure, not here.
 */
#ifndef RK_JSON_H
#define RK_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rk_json {
    char *text;      /* NUL-terminated, owned until rk_json_finish */
    size_t len, cap;
    bool failed;     /* memory ran out */
    bool pretty;
    int depth;       /* containers open */
    bool first;      /* nothing written yet in the innermost container */
    bool after_key;  /* a key was written: the value follows it directly */
} rk_json;

void rk_json_init(rk_json *j, bool pretty);

void rk_json_begin_object(rk_json *j);
void rk_json_end_object(rk_json *j);
void rk_json_begin_array(rk_json *j);
void rk_json_end_array(rk_json *j);

/* A member's name; its value is the next thing written. */
void rk_json_key(rk_json *j, const char *key);

void rk_json_string(rk_json *j, const char *s); /* NULL writes null */
void rk_json_integer(rk_json *j, long long v);
void rk_json_bool(rk_json *j, bool v);
void rk_json_null(rk_json *j);

/* Appends s escaped as a JSON string, quotes included (no separators). */
void rk_json_put_string(rk_json *j, const char *s);

/* The text (a newline ends a pretty document), which the caller frees; or
 * NULL if memory ran out. The writer is empty again afterwards. */
char *rk_json_finish(rk_json *j);

/* Frees what was written without returning it. */
void rk_json_free(rk_json *j);

#endif
