#include "rk_json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void rk_json_init(rk_json *j, bool pretty)
{
    memset(j, 0, sizeof *j);
    j->pretty = pretty;
    j->first = true;
}

static void put(rk_json *j, const char *s, size_t n)
{
    if (j->failed)
        return;
    if (j->len + n + 1 > j->cap) {
        size_t cap = j->cap ? j->cap : 256;
        while (j->len + n + 1 > cap)
            cap *= 2;
        char *p = realloc(j->text, cap);
        if (!p) {
            j->failed = true;
            return;
        }
        j->text = p;
        j->cap = cap;
    }
    memcpy(j->text + j->len, s, n);
    j->len += n;
    j->text[j->len] = '\0';
}

static void put_str(rk_json *j, const char *s)
{
    put(j, s, strlen(s));
}

static void newline(rk_json *j)
{
    if (!j->pretty)
        return;
    put(j, "\n", 1);
    for (int i = 0; i < j->depth; i++)
        put(j, "  ", 2);
}

/* Before a member or an element: the comma, and its own line. */
static void before_value(rk_json *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (!j->first)
        put(j, ",", 1);
    if (j->depth > 0)
        newline(j);
    j->first = false;
}

static void open_container(rk_json *j, const char *bracket)
{
    before_value(j);
    put_str(j, bracket);
    j->depth++;
    j->first = true;
}

static void close_container(rk_json *j, const char *bracket)
{
    j->depth--;
    if (!j->first)
        newline(j);
    put_str(j, bracket);
    j->first = false;
}

void rk_json_begin_object(rk_json *j) { open_container(j, "{"); }
void rk_json_end_object(rk_json *j) { close_container(j, "}"); }
void rk_json_begin_array(rk_json *j) { open_container(j, "["); }
void rk_json_end_array(rk_json *j) { close_container(j, "]"); }

/* Bytes in the valid UTF-8 sequence at s (1 to 4), or 0 if it is not one:
 * overlong forms, surrogates and values past U+10FFFF are refused. */
static size_t utf8_sequence(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t n;
    uint32_t cp, min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, cp = c & 0x1Fu, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, cp = c & 0x0Fu, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, cp = c & 0x07u, min = 0x10000;
    else
        return 0;
    if (n > avail)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

void rk_json_put_string(rk_json *j, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    put(j, "\"", 1);
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            put(j, esc, 2);
            i++;
        } else if (c < 0x20) {
            static const char short_form[] = "btn\0fr"; /* \b \t \n, no \v, \f \r */
            char esc[8];
            if (c >= '\b' && c <= '\r' && short_form[c - '\b'])
                snprintf(esc, sizeof esc, "\\%c", short_form[c - '\b']);
            else
                snprintf(esc, sizeof esc, "\\u%04x", c);
            put_str(j, esc);
            i++;
        } else {
            size_t n = utf8_sequence(p + i, len - i);
            if (n == 0) {
                put(j, "\xEF\xBF\xBD", 3); /* U+FFFD REPLACEMENT CHARACTER */
                i++;
            } else {
                put(j, (const char *)p + i, n);
                i += n;
            }
        }
    }
    put(j, "\"", 1);
}

void rk_json_key(rk_json *j, const char *key)
{
    before_value(j);
    rk_json_put_string(j, key);
    put_str(j, j->pretty ? ": " : ":");
    j->after_key = true;
}

void rk_json_string(rk_json *j, const char *s)
{
    if (!s) {
        rk_json_null(j);
        return;
    }
    before_value(j);
    rk_json_put_string(j, s);
}

void rk_json_integer(rk_json *j, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    before_value(j);
    put_str(j, buf);
}

void rk_json_bool(rk_json *j, bool v)
{
    before_value(j);
    put_str(j, v ? "true" : "false");
}

void rk_json_null(rk_json *j)
{
    before_value(j);
    put_str(j, "null");
}

char *rk_json_finish(rk_json *j)
{
    if (j->pretty)
        put(j, "\n", 1);
    put(j, "", 0); /* allocates the text of an empty document */
    char *text = j->failed ? NULL : j->text;
    if (j->failed)
        free(j->text);
    bool pretty = j->pretty;
    rk_json_init(j, pretty);
    return text;
}

void rk_json_free(rk_json *j)
{
    free(j->text);
    rk_json_init(j, j->pretty);
}
