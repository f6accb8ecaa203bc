/* Aligned text tables of datasets (see rk_table.h for the layout). */
#include "rk_table.h"

#include "rk_disclose.h"
#include "rk_markdown.h"

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

/* How cells are shown: in a terminal table, or in a Markdown table, where
 * a pipe would end the cell and a line break the row. */
typedef enum table_style { STYLE_TEXT, STYLE_MARKDOWN } table_style;

/* One displayed character (a "unit") of the text s[i..len): its bytes to
 * show, in `out` or (when *out_len is 0) as the source bytes, and how many
 * source bytes it takes. Control characters become escapes; in Markdown,
 * every byte follows rk_md_escape_byte. A UTF-8 sequence is one unit. */
static size_t next_unit(const char *s, size_t len, size_t i, table_style style, char out[8],
                        size_t *out_len)
{
    unsigned char c = (unsigned char)s[i];
    *out_len = 0;
    if (style == STYLE_MARKDOWN) {
        *out_len = rk_md_escape_byte(c, out);
        if (*out_len)
            return 1;
    }
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
static shown add_shown(text_buf *cells, const char *s, size_t len, size_t max_width,
                       table_style style)
{
    char esc[8];
    size_t esc_len, total = 0;
    for (size_t i = 0; i < len;) {
        size_t n = next_unit(s, len, i, style, esc, &esc_len);
        total += esc_len ? esc_len : 1;
        i += n;
    }
    size_t limit = total > max_width ? max_width - 3 : total; /* room before "..." */
    shown out = {cells->len, 0, 0};
    for (size_t i = 0; i < len;) {
        size_t n = next_unit(s, len, i, style, esc, &esc_len);
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

/* The header and the first rows of a dataset as shown, column by column:
 * cells[row * ncol + col], row 0 the header, and each column's width. */
typedef struct table_cells {
    shown *cells;
    size_t *widths;
    text_buf texts;   /* the shown bytes of every cell */
} table_cells;

static void table_cells_free(table_cells *t)
{
    free(t->cells);
    free(t->widths);
    free(t->texts.p);
}

/* Fills t with the header and rows 0..nshow-1. A missing cell is blank in
 * text and "[x]" in Markdown; a suppressed one "[c]" (never a blank or a
 * zero); empty text "". Returns false when memory ran out (t is freed). */
static bool collect_cells(const rk_dataset *ds, size_t nshow, size_t max_width,
                          table_style style, table_cells *t)
{
    size_t ncells = (nshow + 1) * ds->ncol;
    t->cells = malloc((ncells ? ncells : 1) * sizeof *t->cells);
    t->widths = calloc(ds->ncol ? ds->ncol : 1, sizeof *t->widths);
    t->texts = (text_buf){0};
    if (!t->cells || !t->widths) {
        table_cells_free(t);
        return false;
    }
    char buf[RK_VALUE_BUF];
    for (size_t c = 0; c < ds->ncol; c++) {
        const rk_column *col = ds->cols[c];
        t->cells[c] = add_shown(&t->texts, col->name, strlen(col->name), max_width, style);
        for (size_t row = 0; row < nshow; row++) {
            shown *cell = &t->cells[(row + 1) * ds->ncol + c];
            size_t n;
            const char *s = rk_disclose_format(ds, c, row, buf, &n);
            if (rk_column_is_missing(col, row) && n == 0) {
                if (style == STYLE_MARKDOWN)
                    s = RK_DISCLOSE_NOT_AVAILABLE, n = strlen(RK_DISCLOSE_NOT_AVAILABLE);
            } else if (n == 0) {
                s = "\"\"", n = 2;
            }
            *cell = add_shown(&t->texts, s, n, max_width, style);
        }
        for (size_t row = 0; row <= nshow; row++)
            if (t->cells[row * ds->ncol + c].width > t->widths[c])
                t->widths[c] = t->cells[row * ds->ncol + c].width;
    }
    if (t->texts.failed) {
        table_cells_free(t);
        return false;
    }
    return true;
}

/* The text built in out, its length in *len if len is not NULL; NULL (and
 * nothing left to free) if memory ran out while building it. */
static char *finish_text(text_buf *out, size_t *len)
{
    if (out->failed) {
        free(out->p);
        return NULL;
    }
    if (len)
        *len = out->len;
    return out->p;
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
    table_cells t;
    if (!collect_cells(ds, nshow, max_width, STYLE_TEXT, &t))
        return NULL;
    text_buf out = {0};
    if (ds->ncol)
        for (size_t row = 0; row <= nshow; row++)
            add_line(&out, ds, &t.texts, &t.cells[row * ds->ncol], t.widths);
    char line[128];
    if (ds->ncol && ds->nrow > nshow) {
        size_t more = ds->nrow - nshow;
        snprintf(line, sizeof line, "... %zu more row%s\n", more, more == 1 ? "" : "s");
        buf_add(&out, line, strlen(line));
    }
    snprintf(line, sizeof line, "(%zu row%s x %zu column%s)\n", ds->nrow, ds->nrow == 1 ? "" : "s",
             ds->ncol, ds->ncol == 1 ? "" : "s");
    buf_add(&out, line, strlen(line));
    table_cells_free(&t);
    return finish_text(&out, len);
}

static rk_status write_text(const char *text, size_t len, FILE *fp, rk_error *err)
{
    size_t written = fwrite(text, 1, len, fp);
    if (written != len || ferror(fp))
        return rk_error_set(err, RK_EIO, "write failed");
    return RK_OK;
}

rk_status rk_table_write(const rk_dataset *ds, const rk_table_options *opts, FILE *fp,
                         rk_error *err)
{
    size_t len;
    char *text = rk_table_format(ds, opts, &len);
    if (!text)
        return rk_error_nomem(err);
    rk_status st = write_text(text, len, fp, err);
    free(text);
    return st;
}

/* ---- Markdown ------------------------------------------------------------ */

#define MD_MIN_WIDTH 3   /* "---", the shortest delimiter cell most readers accept */

/* One row "| a | b |", each cell padded to its column's width on the side
 * away from its alignment. */
static void add_md_line(text_buf *out, const rk_dataset *ds, const text_buf *texts,
                        const shown *line, const size_t *widths)
{
    buf_add(out, "|", 1);
    for (size_t c = 0; c < ds->ncol; c++) {
        size_t gap = widths[c] - line[c].width;
        buf_add(out, " ", 1);
        if (right_aligned(ds->cols[c]))
            buf_spaces(out, gap);
        buf_add(out, texts->p + line[c].offset, line[c].len);
        if (!right_aligned(ds->cols[c]))
            buf_spaces(out, gap);
        buf_add(out, " |", 2);
    }
    buf_add(out, "\n", 1);
}

char *rk_table_format_markdown(const rk_dataset *ds, size_t *len)
{
    table_cells t;
    if (ds->ncol == 0 || !collect_cells(ds, ds->nrow, SIZE_MAX, STYLE_MARKDOWN, &t))
        return NULL;
    for (size_t c = 0; c < ds->ncol; c++) {
        /* A right-aligned column's delimiter ends in ':' after the hyphens. */
        size_t least = MD_MIN_WIDTH + right_aligned(ds->cols[c]);
        if (t.widths[c] < least)
            t.widths[c] = least;
    }
    text_buf out = {0};
    add_md_line(&out, ds, &t.texts, t.cells, t.widths);
    buf_add(&out, "|", 1);
    for (size_t c = 0; c < ds->ncol; c++) {
        bool right = right_aligned(ds->cols[c]);
        buf_add(&out, " ", 1);
        for (size_t k = 0; k < t.widths[c] - right; k++)
            buf_add(&out, "-", 1);
        buf_add(&out, right ? ": |" : " |", right ? 3 : 2);
    }
    buf_add(&out, "\n", 1);
    for (size_t row = 1; row <= ds->nrow; row++)
        add_md_line(&out, ds, &t.texts, &t.cells[row * ds->ncol], t.widths);
    table_cells_free(&t);
    return finish_text(&out, len);
}

rk_status rk_table_write_markdown(const rk_dataset *ds, FILE *fp, rk_error *err)
{
    if (ds->ncol == 0)
        return rk_error_set(err, RK_EARG, "a dataset with no columns cannot be written as a "
                                          "Markdown table");
    size_t len;
    char *text = rk_table_format_markdown(ds, &len);
    if (!text)
        return rk_error_nomem(err);
    rk_status st = write_text(text, len, fp, err);
    free(text);
    return st;
}
