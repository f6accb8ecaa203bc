/* Aligned text tables of datasets (see rk_table.h for the layout). */
#include "rk_table.h"

#include "rk_disclose.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A growing string; after a failed allocation it stays failed. */
typedef struct text_buf {
    char *p;
    size_t len, cap;
    bool failed;
} text_buf;

static void buf_add(text_buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_spaces(text_buf *b, size_t n)
{
    static const char spaces[] = "                                ";
    while (n > 0) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        buf_add(b, spaces, k);
        n -= k;
    }
}

/* One displayed character (a "unit") of the text s[i..len): its bytes to
 * show, in `out` or (when *out_len is 0) as the source bytes, and how many
 * source bytes it takes. Control characters become escapes; a UTF-8
 * sequence is one unit. */
static size_t next_unit(const char *s, size_t len, size_t i, char out[8], size_t *out_len)
{
    unsigned char c = (unsigned char)s[i];
    *out_len = 0;
    if (c < 0x20 || c == 0x7f) {
        static const char hex[] = "0123456789abcdef";
        out[0] = '\\';
        if (c == '\n' || c == '\r' || c == '\t') {
            out[1] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
            *out_len = 2;
        } else {
            out[1] = 'x';
            out[2] = hex[c >> 4];
            out[3] = hex[c & 15];
            *out_len = 4;
        }
        return 1;
    }
    size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    size_t n = 1;
    while (n < want && i + n < len && ((unsigned char)s[i + n] & 0xc0) == 0x80)
        n++;
    return n;
}

/* A cell as shown: where its text starts in the cells buffer, its bytes
 * and its width in characters. */
typedef struct shown {
    size_t offset, len, width;
} shown;

/* Appends s[0..len) as shown to `cells`, cut to max_width characters. */
static shown add_shown(text_buf *cells, const char *s, size_t len, size_t max_width)
{
    char esc[8];
    size_t esc_len, total = 0;
    for (size_t i = 0; i < len;) {
        size_t n = next_unit(s, len, i, esc, &esc_len);
        total += esc_len ? esc_len : 1;
        i += n;
    }
    size_t limit = total > max_width ? max_width - 3 : total; /* room before "..." */
    shown out = {cells->len, 0, 0};
    for (size_t i = 0; i < len;) {
        size_t n = next_unit(s, len, i, esc, &esc_len);
        size_t w = esc_len ? esc_len : 1;
        if (out.width + w > limit)
            break;
        buf_add(cells, esc_len ? esc : s + i, esc_len ? esc_len : n);
        out.width += w;
        i += n;
    }
    if (total > max_width) {
        buf_add(cells, "...", 3);
        out.width += 3;
    }
    out.len = cells->len - out.offset;
    return out;
}

void rk_table_options_init(rk_table_options *opts)
{
    opts->max_rows = RK_TABLE_DEFAULT_ROWS;
    opts->max_width = RK_TABLE_DEFAULT_WIDTH;
}

static bool right_aligned(const rk_column *col)
{
    return col->type == RK_INTEGER || col->type == RK_NUMBER;
}

/* Writes one line of cells; padding is held back until text follows it, so
 * a line never ends in spaces. */
static void add_line(text_buf *out, const rk_dataset *ds, const text_buf *cells,
                     const shown *line, const size_t *widths)
{
    size_t pad = 0;
    for (size_t c = 0; c < ds->ncol; c++) {
        if (c)
            pad += 2;
        size_t gap = widths[c] - line[c].width;
        if (right_aligned(ds->cols[c]))
            pad += gap;
        if (line[c].len) {
            buf_spaces(out, pad);
            buf_add(out, cells->p + line[c].offset, line[c].len);
            pad = 0;
        }
        if (!right_aligned(ds->cols[c]))
            pad += gap;
    }
    buf_add(out, "\n", 1);
}

char *rk_table_format(const rk_dataset *ds, const rk_table_options *opts, size_t *len)
{
    rk_table_options defaults;
    if (!opts) {
        rk_table_options_init(&defaults);
        opts = &defaults;
    }
    size_t max_width = opts->max_width < 4 ? 4 : opts->max_width;
    size_t nshow = ds->ncol == 0 ? 0 : ds->nrow < opts->max_rows ? ds->nrow : opts->max_rows;
    size_t ncells = (nshow + 1) * ds->ncol;
    shown *cells = malloc((ncells ? ncells : 1) * sizeof *cells);  /* header, then rows */
    size_t *widths = calloc(ds->ncol ? ds->ncol : 1, sizeof *widths);
    text_buf texts = {0}, out = {0};
    if (!cells || !widths) {
        free(cells);
        free(widths);
        return NULL;
    }
    char buf[RK_VALUE_BUF];
    for (size_t c = 0; c < ds->ncol; c++) {
        const rk_column *col = ds->cols[c];
        cells[c] = add_shown(&texts, col->name, strlen(col->name), max_width);
        for (size_t row = 0; row < nshow; row++) {
            shown *cell = &cells[(row + 1) * ds->ncol + c];
            size_t n;
            /* A cell suppressed for disclosure shows "[c]", never a blank. */
            const char *s = rk_disclose_format(ds, c, row, buf, &n);
            if (rk_column_is_missing(col, row) && n > 0)
                *cell = add_shown(&texts, s, n, max_width);
            else if (rk_column_is_missing(col, row))
                *cell = (shown){texts.len, 0, 0};
            else if (n == 0)
                *cell = add_shown(&texts, "\"\"", 2, max_width);
            else
                *cell = add_shown(&texts, s, n, max_width);
        }
        for (size_t row = 0; row <= nshow; row++)
            if (cells[row * ds->ncol + c].width > widths[c])
                widths[c] = cells[row * ds->ncol + c].width;
    }
    if (texts.failed) {
        free(cells);
        free(widths);
        free(texts.p);
        return NULL;
    }
    if (ds->ncol)
        for (size_t row = 0; row <= nshow; row++)
            add_line(&out, ds, &texts, &cells[row * ds->ncol], widths);
    char line[128];
    if (ds->ncol && ds->nrow > nshow) {
        size_t more = ds->nrow - nshow;
        snprintf(line, sizeof line, "... %zu more row%s\n", more, more == 1 ? "" : "s");
        buf_add(&out, line, strlen(line));
    }
    snprintf(line, sizeof line, "(%zu row%s x %zu column%s)\n", ds->nrow, ds->nrow == 1 ? "" : "s",
             ds->ncol, ds->ncol == 1 ? "" : "s");
    buf_add(&out, line, strlen(line));
    free(cells);
    free(widths);
    free(texts.p);
    if (out.failed) {
        free(out.p);
        return NULL;
    }
    if (len)
        *len = out.len;
    return out.p;
}

rk_status rk_table_write(const rk_dataset *ds, const rk_table_options *opts, FILE *fp,
                         rk_error *err)
{
    size_t len;
    char *text = rk_table_format(ds, opts, &len);
    if (!text)
        return rk_error_nomem(err);
    size_t written = fwrite(text, 1, len, fp);
    free(text);
    if (written != len || ferror(fp))
        return rk_error_set(err, RK_EIO, "write failed");
    return RK_OK;
}
