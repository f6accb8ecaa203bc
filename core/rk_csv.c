/* CSV loading on libcsv, with rapkit's own line counting and encoding
 * handling (libcsv knows neither).
 *
 * The loader feeds libcsv one physical line at a time, so that whenever a
 * callback runs the current line number is known: a row starts on the line
 * fed when no row was open; a field starts on the line where the previous
 * field ended. Blank lines between rows are skipped and counted before
 * libcsv sees them. Each line is checked for UTF-8; from the first line that
 * is not, the rest of the file is recoded from Windows-1252 (and if an
 * earlier line held UTF-8 multibyte text, the file is read again from the
 * start as Windows-1252, so the whole file is decoded one way).
 *
 * Cells go straight into dictionary-encoded text columns; types are decided
 * at the end from the distinct values (rk_column_infer), so each distinct
 * string is parsed once.
 *
 * Most lines hold no quote: those are split on commas directly (libcsv would
 * give the same fields), and libcsv parses the rest, so quoting rules are
 * libcsv's while the common case runs at memchr speed.
 *
 * Parallel loading (not done yet) fits this shape: all state of a load is in
 * one `loader`, so a file can be cut at line ends into chunks, each loaded
 * into its own columns and dictionaries on its own core, then the columns
 * concatenated with each chunk's codes remapped into one dictionary. Each
 * chunk is parsed on the guess that it starts outside quotes; the guess is
 * checked when chunks are joined in order (the previous chunk must end with
 * no row open, row_open false) and a chunk whose guess was wrong is parsed
 * again from the true state. Line numbers are offset by the lines before
 * the chunk, known after its predecessors are counted.
 */
#include "rk_csv.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void rk_csv_options_init(rk_csv_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->infer_types = true;
}

void rk_csv_report_free(rk_csv_report *report)
{
    if (!report)
        return;
    for (size_t i = 0; i < report->nbad_rows; i++)
        free(report->bad_rows[i].text);
    free(report->bad_rows);
    for (size_t i = 0; i < report->nwarnings; i++)
        free(report->warnings[i]);
    free(report->warnings);
    free(report->line_marks);
    memset(report, 0, sizeof *report);
}

size_t rk_csv_row_line(const rk_csv_report *report, size_t row)
{
    const struct rk_csv_line_mark *marks = report->line_marks;
    size_t lo = 0, hi = report->nline_marks;
    if (hi == 0)
        return 0;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (marks[mid].row <= row)
            lo = mid;
        else
            hi = mid;
    }
    return marks[lo].line + (row - marks[lo].row);
}

/* ---- input: whole lines from a file or a buffer ----------------------- */

typedef struct line_source {
    int fd;               /* -1 for an in-memory buffer */
    const char *mem;      /* in-memory input */
    size_t mem_len;
    char *buf;            /* file input: buffered bytes [start, end) */
    size_t start, end, cap;
    size_t mem_pos;
    bool eof;
    char terminator;      /* '\n', or '\r' for files with bare-CR line ends */
    bool terminator_known;
    rk_sha256 hash;       /* file input: the bytes read, since the last rewind */
    uint64_t consumed;    /* bytes handed out as lines since the start of the pass */
    uint64_t size;        /* of the whole input, for progress; 0 when unknown */
} line_source;

#define READ_CHUNK ((size_t)4 << 20)

/* Reads more of the file; returns -1 on a read error (errno set). */
static int source_fill(line_source *src)
{
    if (src->start > 0) {
        memmove(src->buf, src->buf + src->start, src->end - src->start);
        src->end -= src->start;
        src->start = 0;
    }
    if (src->cap - src->end < READ_CHUNK / 2) {
        size_t cap = src->cap ? src->cap * 2 : READ_CHUNK;
        char *p = realloc(src->buf, cap);
        if (!p) {
            errno = ENOMEM;
            return -1;
        }
        src->buf = p;
        src->cap = cap;
    }
    ssize_t n;
    do
        n = read(src->fd, src->buf + src->end, src->cap - src->end);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        return -1;
    if (n == 0)
        src->eof = true;
    rk_sha256_update(&src->hash, src->buf + src->end, (size_t)n);
    src->end += (size_t)n;
    return 0;
}

/* The bytes available now, for the file or buffer. */
static void source_window(line_source *src, const char **p, size_t *len)
{
    if (src->fd < 0) {
        *p = src->mem + src->mem_pos;
        *len = src->mem_len - src->mem_pos;
    } else {
        *p = src->buf + src->start;
        *len = src->end - src->start;
    }
}

static void source_consume(line_source *src, size_t n)
{
    src->consumed += n;
    if (src->fd < 0)
        src->mem_pos += n;
    else
        src->start += n;
}

#define DETECT_LIMIT ((size_t)64 << 20) /* bytes read at most to find the first line end */

/* Decides the line terminator from the first line end outside quotes: a CR
 * not followed by LF means bare-CR line ends. A line break inside a quoted
 * field is data, whatever it is ("a\rb" in a header says nothing about the
 * file). A quote opens a quoted field only at the start of a field, as
 * libcsv reads it; a doubled quote closes and reopens it. Undecided until a
 * line end outside quotes is seen; at the end of input, or past
 * DETECT_LIMIT bytes (a quote never closed), '\n'. p is the start of the
 * input: nothing has been consumed yet. */
static void source_detect_terminator(line_source *src, const char *p, size_t len, bool final)
{
    bool quoted = false, field_start = true, after_quote = false;
    size_t i = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (; i < len; i++) {
        char c = p[i];
        if (c == '"' && (quoted || field_start || after_quote)) {
            quoted = !quoted;
            after_quote = !quoted;
            field_start = false;
            continue;
        }
        after_quote = false;
        if (quoted)
            continue;
        if (c == ',') {
            field_start = true;
            continue;
        }
        field_start = false;
        if (c == '\n') {
            src->terminator = '\n';
            src->terminator_known = true;
            return;
        }
        if (c == '\r') {
            if (i + 1 < len || final) {
                src->terminator = (i + 1 < len && p[i + 1] == '\n') ? '\n' : '\r';
                src->terminator_known = true;
            }
            return;
        }
    }
    if (final || len > DETECT_LIMIT) {
        src->terminator = '\n';
        src->terminator_known = true;
    }
}

/* Next physical line, terminator included; *len = 0 at the end of input.
 * Returns -1 on a read error. */
static int source_next_line(line_source *src, const char **line, size_t *len)
{
    for (;;) {
        const char *p;
        size_t avail;
        source_window(src, &p, &avail);
        bool final = src->fd < 0 || src->eof;
        if (!src->terminator_known)
            source_detect_terminator(src, p, avail, final);
        if (src->terminator_known) {
            const char *nl = memchr(p, src->terminator, avail);
            if (nl) {
                *line = p;
                *len = (size_t)(nl - p) + 1;
                source_consume(src, *len);
                return 0;
            }
        }
        if (final) {
            *line = p;
            *len = avail;
            source_consume(src, avail);
            return 0;
        }
        if (source_fill(src) != 0)
            return -1;
    }
}

/* ---- encoding --------------------------------------------------------- */

/* True if s is valid UTF-8 (no overlongs, no surrogates). Sets *non_ascii
 * when it holds any byte >= 0x80. */
static bool valid_utf8(const unsigned char *s, size_t len, bool *non_ascii)
{
    size_t i = 0;
    while (i < len) {
        /* Skip ASCII eight bytes at a time. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        *non_ascii = true;
        size_t n;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= len)
            return false;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return false;
        i += n + 1;
    }
    return true;
}

/* Windows-1252 bytes 0x80-0x9F; the rest of 0x80-0xFF equal Unicode. Five
 * bytes are undefined and map to U+FFFD. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,
};

/* Recodes s from Windows-1252 into *out (grown as needed); returns the new
 * length or (size_t)-1 if memory ran out. */
static size_t recode_cp1252(const unsigned char *s, size_t len, char **out, size_t *cap)
{
    if (*cap < len * 3 + 1) {
        char *p = realloc(*out, len * 3 + 1);
        if (!p)
            return (size_t)-1;
        *out = p;
        *cap = len * 3 + 1;
    }
    char *o = *out;
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = s[i];
        unsigned cp = c < 0x80 ? c : c < 0xA0 ? cp1252_high[c - 0x80] : c;
        if (cp < 0x80) {
            o[k++] = (char)cp;
        } else if (cp < 0x800) {
            o[k++] = (char)(0xC0 | (cp >> 6));
            o[k++] = (char)(0x80 | (cp & 0x3F));
        } else {
            o[k++] = (char)(0xE0 | (cp >> 12));
            o[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            o[k++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    return k;
}

/* ---- the loader ------------------------------------------------------- */

/* Where data rows start, when the row-to-line relation changes (blank lines,
 * fields spanning lines): enough to name the line of any row in messages. */
typedef struct rk_csv_line_mark line_mark;

typedef struct loader {
    const char *name;
    const rk_csv_options *opts;
    rk_csv_report *report;
    rk_error *err;
    struct csv_parser parser;
    size_t max_field;

    size_t line;             /* physical line being fed, from 1 */
    size_t row_line;         /* line where the current row started */
    size_t field_line;       /* line where the current field started */
    bool row_open;           /* libcsv holds part of a row after the last line fed */
    size_t field_index;      /* of the current field within its row */
    char terminator;         /* of the lines fed: '\n', or '\r' for bare-CR files */
    bool failed;             /* an error is in err: stop storing */

    bool have_header;
    char **header;           /* names as written */
    size_t nheader, header_cap;
    rk_column **target;      /* per header field: its column, or NULL if not loaded */
    size_t nrows;            /* complete data rows stored */

    line_mark *marks;
    size_t nmarks, marks_cap;

    bool lenient;
    char *row_text;          /* lenient: the current row re-joined, for set-aside rows */
    size_t row_text_len, row_text_cap;

    bool cp1252;             /* recode lines from Windows-1252 */
    bool saw_non_ascii;      /* valid UTF-8 multibyte text seen before any recoding */
    bool restart_cp1252;     /* must read again from the start as Windows-1252 */
    char *recoded;
    size_t recoded_cap;
} loader;

static void loader_fail(loader *ld, rk_status status, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void loader_fail(loader *ld, rk_status status, size_t line, const char *fmt, ...)
{
    if (ld->failed)
        return;
    ld->failed = true;
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line)
        rk_error_set(ld->err, status, "%s:%zu: %s", ld->name, line, msg);
    else
        rk_error_set(ld->err, status, "%s: %s", ld->name, msg);
}

static void loader_warn(loader *ld, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void loader_warn(loader *ld, size_t line, const char *fmt, ...)
{
    if (!ld->report)
        return;
    char msg[768], full[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "%s:%zu: %s", ld->name, line, msg);
    char **w = realloc(ld->report->warnings, (ld->report->nwarnings + 1) * sizeof *w);
    if (!w)
        return;
    ld->report->warnings = w;
    if ((w[ld->report->nwarnings] = strdup(full)))
        ld->report->nwarnings++;
}

static void row_text_append(loader *ld, const char *s, size_t len)
{
    /* The field re-quoted as CSV, after a comma. */
    size_t need = ld->row_text_len + 1 + rk_csv_quote(NULL, s, len);
    if (need > ld->row_text_cap) {
        size_t cap = ld->row_text_cap ? ld->row_text_cap * 2 : 256;
        while (cap < need)
            cap *= 2;
        char *p = realloc(ld->row_text, cap);
        if (!p) {
            loader_fail(ld, RK_ENOMEM, 0, "out of memory");
            return;
        }
        ld->row_text = p;
        ld->row_text_cap = cap;
    }
    if (ld->field_index > 0)
        ld->row_text[ld->row_text_len++] = ',';
    ld->row_text_len += rk_csv_quote(ld->row_text + ld->row_text_len, s, len);
}

static void add_header_name(loader *ld, const char *s, size_t len)
{
    if (ld->nheader == ld->header_cap) {
        size_t cap = ld->header_cap ? ld->header_cap * 2 : 32;
        char **h = realloc(ld->header, cap * sizeof *h);
        if (!h) {
            loader_fail(ld, RK_ENOMEM, 0, "out of memory");
            return;
        }
        ld->header = h;
        ld->header_cap = cap;
    }
    char *name = malloc(len + 1);
    if (!name) {
        loader_fail(ld, RK_ENOMEM, 0, "out of memory");
        return;
    }
    memcpy(name, s, len);
    name[len] = '\0';
    ld->header[ld->nheader++] = name;
}

/* Appends a cell to a text column being loaded. */
static void store_cell(loader *ld, rk_column *col, const char *s, size_t len)
{
    if (col->nrow == col->cap) {
        size_t cap = col->cap * 2;
        uint32_t *codes = realloc(col->v.codes, cap * sizeof *codes);
        if (!codes) {
            loader_fail(ld, RK_ENOMEM, 0, "out of memory");
            return;
        }
        col->v.codes = codes;
        col->cap = cap;
    }
    uint32_t code = RK_NO_CODE; /* an empty cell is missing */
    if (len > 0 && (code = rk_dict_intern(&col->dict, s, len)) == RK_NO_CODE) {
        loader_fail(ld, RK_ENOMEM, 0, "out of memory");
        return;
    }
    col->v.codes[col->nrow++] = code;
}

static void on_field(void *field, size_t len, void *data)
{
    loader *ld = data;
    if (ld->failed)
        return;
    const char *s = field ? field : "";
    if (len > ld->max_field) {
        loader_fail(ld, RK_EDATA, ld->field_line,
                    "field is longer than the limit of %zu bytes: is a closing quote missing?",
                    ld->max_field);
        return;
    }
    if (!ld->have_header) {
        add_header_name(ld, s, len);
    } else {
        if (ld->lenient)
            row_text_append(ld, s, len);
        if (ld->field_index < ld->nheader && ld->target[ld->field_index])
            store_cell(ld, ld->target[ld->field_index], s, len);
    }
    ld->field_index++;
    ld->field_line = ld->line;
}

static void finish_header(loader *ld);

static void note_row_line(loader *ld)
{
    /* Row r (0-based) normally starts on line header_line + 1 + r; record
     * where that stops holding. */
    size_t expected = ld->nmarks ? ld->marks[ld->nmarks - 1].line + (ld->nrows - ld->marks[ld->nmarks - 1].row)
                                 : 0;
    if (ld->nmarks && expected == ld->row_line)
        return;
    if (ld->nmarks == ld->marks_cap) {
        size_t cap = ld->marks_cap ? ld->marks_cap * 2 : 16;
        line_mark *m = realloc(ld->marks, cap * sizeof *m);
        if (!m) {
            loader_fail(ld, RK_ENOMEM, 0, "out of memory");
            return;
        }
        ld->marks = m;
        ld->marks_cap = cap;
    }
    ld->marks[ld->nmarks++] = (line_mark){ld->nrows, ld->row_line};
}

static void set_row_aside(loader *ld, size_t nfields)
{
    rk_csv_report *r = ld->report;
    if (r) {
        rk_csv_bad_row *b = realloc(r->bad_rows, (r->nbad_rows + 1) * sizeof *b);
        if (!b) {
            loader_fail(ld, RK_ENOMEM, 0, "out of memory");
            return;
        }
        r->bad_rows = b;
        char *text = malloc(ld->row_text_len + 1);
        if (text) {
            memcpy(text, ld->row_text, ld->row_text_len);
            text[ld->row_text_len] = '\0';
        }
        b[r->nbad_rows++] = (rk_csv_bad_row){ld->row_line, nfields, text};
    }
    /* Take back the cells this row stored. */
    for (size_t i = 0; i < ld->nheader; i++)
        if (ld->target[i] && ld->target[i]->nrow > ld->nrows)
            ld->target[i]->nrow = ld->nrows;
}

static void on_row(int terminator, void *data)
{
    loader *ld = data;
    (void)terminator;
    if (ld->failed)
        return;
    if (!ld->have_header) {
        finish_header(ld);
    } else if (ld->field_index != ld->nheader) {
        if (ld->lenient) {
            set_row_aside(ld, ld->field_index);
        } else {
            loader_fail(ld, RK_EDATA, ld->row_line,
                        "row has %zu field%s but the header has %zu: check for a missing or extra "
                        "comma, or load leniently to set such rows aside",
                        ld->field_index, ld->field_index == 1 ? "" : "s", ld->nheader);
        }
    } else {
        note_row_line(ld);
        ld->nrows++;
    }
    ld->field_index = 0;
    ld->row_text_len = 0;
    /* libcsv may end a row in the middle of the line being fed (at a bare
     * CR in an LF file, or an LF in a CR file): a row starting after it
     * starts on this line. */
    ld->row_line = ld->field_line = ld->line;
}

static bool wanted_column(const loader *ld, const char *name)
{
    if (ld->opts->want_column)
        return ld->opts->want_column(name, ld->opts->want_ctx);
    if (!ld->opts->columns)
        return true;
    for (size_t i = 0; i < ld->opts->ncolumns; i++)
        if (strcmp(ld->opts->columns[i], name) == 0)
            return true;
    return false;
}

/* Appends ", a, b, c" (the first 20 names of the header) to msg. */
static void list_header(const loader *ld, size_t last_named, char *msg, size_t size)
{
    size_t n = strlen(msg);
    for (size_t i = 0; i < last_named && i < 20 && n < size; i++)
        n += (size_t)snprintf(msg + n, size - n, "%s%s", i ? ", " : "", ld->header[i]);
    if (last_named > 20 && n < size)
        snprintf(msg + n, size - n, ", ...");
}

static void finish_header(loader *ld)
{
    size_t header_line = ld->row_line;
    ld->have_header = true;
    /* Empty names are errors, except trailing ones (checked at the end). */
    size_t last_named = 0;
    for (size_t i = 0; i < ld->nheader; i++)
        if (ld->header[i][0])
            last_named = i + 1;
    if (last_named == 0) {
        loader_fail(ld, RK_EDATA, header_line, "the header row has no column names");
        return;
    }
    for (size_t i = 0; i < last_named; i++) {
        if (!ld->header[i][0]) {
            loader_fail(ld, RK_EDATA, header_line,
                        "column %zu has an empty name in the header row: give every column a name", i + 1);
            return;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(ld->header[i], ld->header[j]) == 0) {
                loader_fail(ld, RK_EDATA, header_line,
                            "duplicate column name '%s' (columns %zu and %zu): column names must be unique",
                            ld->header[i], j + 1, i + 1);
                return;
            }
        }
    }
    const rk_csv_options *o = ld->opts;
    for (size_t k = 0; k < o->ncolumns; k++) {
        bool found = false;
        for (size_t i = 0; i < last_named && !found; i++)
            found = strcmp(o->columns[k], ld->header[i]) == 0;
        if (!found) {
            char names[512] = "";
            list_header(ld, last_named, names, sizeof names);
            loader_fail(ld, RK_EARG, header_line, "no column named '%s' in the header (columns: %s)",
                        o->columns[k], names);
            return;
        }
    }
    for (size_t k = 0; k < o->ntypes; k++) {
        bool found = false;
        for (size_t i = 0; i < last_named && !found; i++)
            found = strcmp(o->types[k].column, ld->header[i]) == 0;
        if (!found) {
            char names[512] = "";
            list_header(ld, last_named, names, sizeof names);
            loader_fail(ld, RK_EARG, header_line,
                        "cannot set the type of '%s': no such column in the header (columns: %s)",
                        o->types[k].column, names);
            return;
        }
    }
    ld->target = calloc(ld->nheader, sizeof *ld->target);
    if (!ld->target) {
        loader_fail(ld, RK_ENOMEM, 0, "out of memory");
        return;
    }
    for (size_t i = 0; i < ld->nheader; i++) {
        if (i < last_named && !wanted_column(ld, ld->header[i]))
            continue;
        if (!(ld->target[i] = rk_column_new(ld->header[i], RK_TEXT, 1024))) {
            loader_fail(ld, RK_ENOMEM, 0, "out of memory");
            return;
        }
    }
}

/* Splits a line with no quote and no carriage return before its line end:
 * libcsv would give exactly its comma-separated pieces, so skip the
 * per-byte state machine for the great majority of lines. */
static void split_plain_line(loader *ld, const char *line, size_t len)
{
    if (len && line[len - 1] == '\n')
        len--;
    if (len && line[len - 1] == '\r')
        len--;
    const char *end = line + len;
    for (const char *p = line;;) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *stop = comma ? comma : end;
        on_field((void *)p, (size_t)(stop - p), ld);
        if (!comma)
            break;
        p = comma + 1;
    }
    on_row('\n', ld);
}

/* True when libcsv must parse the line: it holds a quote, or a line break
 * other than the terminator ending it (a CR before the end of a line of an
 * LF file, an LF anywhere in a line of a bare-CR file). libcsv ends a row at
 * any unquoted CR or LF, where split_plain_line would keep it in a field. */
static bool needs_csv_parser(const char *line, size_t len, char terminator)
{
    if (memchr(line, '"', len))
        return true;
    if (terminator == '\r')
        return memchr(line, '\n', len) != NULL;
    const char *cr = memchr(line, '\r', len);
    return cr && !(cr + 1 == line + len || (cr + 2 == line + len && cr[1] == '\n'));
}

/* Feeds one physical line: split here if it is plain, else to libcsv.
 *
 * libcsv has no accessors for its state, so this reads three fields of its
 * public struct csv_parser, which every libcsv release (1.0 to 3.0.3) has
 * had with these meanings: pstate is 0 (ROW_NOT_BEGUN, private to libcsv.c)
 * when no row is open; quoted is set while the current field began with a
 * quote; entry_pos is the length of the current field so far. */
static void feed_line(loader *ld, const char *line, size_t len)
{
    bool blank = len == 0 || (len == 1 && (line[0] == '\n' || line[0] == '\r')) ||
                 (len == 2 && line[0] == '\r' && line[1] == '\n');
    if (!ld->row_open) {
        if (blank) {
            ld->report->blank_lines++;
            return;
        }
        ld->row_line = ld->field_line = ld->line;
        if (!needs_csv_parser(line, len, ld->terminator)) {
            split_plain_line(ld, line, len);
            return;
        }
    }
    size_t done = csv_parse(&ld->parser, line, len, on_field, on_row, ld);
    /* A row may go on past this line (a quoted line break), or a row may
     * have ended inside it and another begun. */
    ld->row_open = ld->parser.pstate != 0;
    if (ld->failed)
        return;
    if (done != len) {
        if (csv_error(&ld->parser) == CSV_EPARSE) {
            if (ld->parser.quoted)
                loader_fail(ld, RK_EDATA, ld->line,
                            "unexpected text after a closing quote: a quote inside a quoted field "
                            "must be doubled (\"\")");
            else
                loader_fail(ld, RK_EDATA, ld->line,
                            "quote inside an unquoted field: quote the whole field and double the "
                            "quote (\"\")");
        } else {
            loader_fail(ld, RK_ENOMEM, 0, "%s", csv_strerror(csv_error(&ld->parser)));
        }
        return;
    }
    if (ld->parser.entry_pos > ld->max_field)
        loader_fail(ld, RK_EDATA, ld->field_line,
                    "field is longer than the limit of %zu bytes: is a closing quote missing?",
                    ld->max_field);
}

static int never_space(unsigned char c)
{
    (void)c;
    return 0; /* keep spaces in unquoted fields as they are */
}

static void report_progress(const loader *ld, const line_source *src, bool done)
{
    const rk_csv_options *o = ld->opts;
    if (!o->progress)
        return;
    rk_csv_progress p = {ld->name, ld->nrows, src->consumed, src->size, done};
    o->progress(&p, o->progress_ctx);
}

/* One pass over the input. Returns 1 if the input must be read again as
 * Windows-1252, 0 otherwise (check ld->failed). */
static int load_pass(loader *ld, line_source *src)
{
    if (csv_init(&ld->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        loader_fail(ld, RK_ENOMEM, 0, "out of memory");
        return 0;
    }
    csv_set_space_func(&ld->parser, never_space);
    const char *line;
    size_t len;
    bool first = true;
    while (!ld->failed) {
        if (source_next_line(src, &line, &len) != 0) {
            loader_fail(ld, RK_EIO, 0, "cannot read: %s", strerror(errno));
            break;
        }
        if (len == 0)
            break;
        ld->line++;
        ld->report->lines = ld->line;
        ld->terminator = src->terminator;
        if (ld->line % RK_CSV_PROGRESS_LINES == 0)
            report_progress(ld, src, false);
        if (first) {
            first = false;
            const unsigned char *u = (const unsigned char *)line;
            if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
                loader_fail(ld, RK_EDATA, 1,
                            "the file is UTF-16 encoded: save it as UTF-8 (in Excel, \"CSV UTF-8\")");
                break;
            }
            if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
                line += 3;
                len -= 3;
            }
        }
        if (memchr(line, '\0', len)) {
            loader_fail(ld, RK_EDATA, ld->line,
                        "the file holds NUL bytes: it is not text (UTF-16 without a byte-order mark?)");
            break;
        }
        if (!ld->cp1252) {
            bool non_ascii = false;
            if (valid_utf8((const unsigned char *)line, len, &non_ascii)) {
                ld->saw_non_ascii |= non_ascii;
            } else if (ld->saw_non_ascii) {
                ld->restart_cp1252 = true;
                ld->report->recoded_line = ld->line;
                break;
            } else {
                ld->cp1252 = true;
                ld->report->recoded_line = ld->line;
            }
        }
        if (ld->cp1252) {
            size_t n = recode_cp1252((const unsigned char *)line, len, &ld->recoded, &ld->recoded_cap);
            if (n == (size_t)-1) {
                loader_fail(ld, RK_ENOMEM, 0, "out of memory");
                break;
            }
            feed_line(ld, ld->recoded, n);
        } else {
            feed_line(ld, line, len);
        }
    }
    if (!ld->failed && !ld->restart_cp1252) {
        if (csv_fini(&ld->parser, on_field, on_row, ld) != 0 && !ld->failed)
            loader_fail(ld, RK_EDATA, ld->field_line,
                        "a quoted field starting here is never closed: add the closing quote");
    }
    csv_free(&ld->parser);
    return ld->restart_cp1252 ? 1 : 0;
}

static void loader_init(loader *ld, const char *name, const rk_csv_options *opts,
                        rk_csv_report *report, rk_error *err)
{
    memset(ld, 0, sizeof *ld);
    ld->name = name;
    ld->opts = opts;
    ld->report = report;
    ld->err = err;
    ld->lenient = opts->lenient;
    ld->max_field = opts->max_field_bytes ? opts->max_field_bytes : RK_CSV_DEFAULT_MAX_FIELD;
}

/* Frees what the loader holds; it must be initialised again before reuse. */
static void loader_free(loader *ld)
{
    for (size_t i = 0; i < ld->nheader; i++) {
        free(ld->header[i]);
        if (ld->target)
            rk_column_free(ld->target[i]);
    }
    free(ld->header);
    free(ld->target);
    free(ld->marks);
    free(ld->row_text);
    free(ld->recoded);
}

/* The line where data row `row` (0-based) started. */
static size_t line_of_row(const loader *ld, size_t row)
{
    rk_csv_report marks = {.line_marks = ld->marks, .nline_marks = ld->nmarks};
    return rk_csv_row_line(&marks, row);
}

/* Turns the loaded text columns into the dataset: trailing unnamed empty
 * columns dropped, missing markers applied, types set. */
static rk_dataset *build_dataset(loader *ld)
{
    const rk_csv_options *o = ld->opts;
    size_t dropped = 0;
    for (size_t i = ld->nheader; i-- > 0 && !ld->header[i][0];) {
        rk_column *col = ld->target[i];
        for (size_t row = 0; row < col->nrow; row++) {
            if (col->v.codes[row] != RK_NO_CODE) {
                loader_fail(ld, RK_EDATA, line_of_row(ld, row),
                            "column %zu has a value but no name in the header row: name the column",
                            i + 1);
                return NULL;
            }
        }
        rk_column_free(col);
        ld->target[i] = NULL;
        dropped++;
    }
    if (dropped)
        loader_warn(ld, 1, "dropped %zu trailing column%s with no name and no values", dropped,
                    dropped == 1 ? "" : "s");

    rk_dataset *ds = rk_dataset_new();
    if (!ds) {
        loader_fail(ld, RK_ENOMEM, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < ld->nheader; i++) {
        rk_column *col = ld->target[i];
        if (!col)
            continue;
        ld->target[i] = NULL;
        col->nrow = ld->nrows; /* a short last row may have stored fewer: it was set aside */
        for (size_t k = 0; k < o->nmissing; k++) {
            uint32_t code = rk_dict_find(&col->dict, o->missing[k], strlen(o->missing[k]));
            if (code == RK_NO_CODE)
                continue;
            for (size_t row = 0; row < col->nrow; row++)
                if (col->v.codes[row] == code)
                    col->v.codes[row] = RK_NO_CODE;
        }
        rk_type type = RK_TEXT;
        bool overridden = false;
        for (size_t k = 0; k < o->ntypes; k++) {
            if (strcmp(o->types[k].column, col->name) == 0) {
                type = o->types[k].type;
                overridden = true;
            }
        }
        if (!overridden && o->infer_types)
            type = rk_column_infer(col);
        rk_error cerr;
        size_t bad_row = 0;
        rk_status st = rk_column_convert_checked(col, type, &bad_row, &cerr);
        if (st == RK_EDATA) /* the column is unchanged: name the value and its line */
            loader_fail(ld, RK_EDATA, line_of_row(ld, bad_row), "column '%s': '%s' is not %s %s",
                        col->name, rk_dict_str(&col->dict, col->v.codes[bad_row]),
                        type == RK_INTEGER ? "an" : "a", rk_type_name(type));
        else if (st != RK_OK)
            loader_fail(ld, st, 0, "%s", cerr.message);
        if (st != RK_OK) {
            rk_column_free(col);
            rk_dataset_free(ds);
            return NULL;
        }
        if (rk_dataset_add_column(ds, col, ld->err) != RK_OK) {
            ld->failed = true;
            rk_dataset_free(ds);
            return NULL;
        }
    }
    ds->nrow = ld->nrows;
    return ds;
}

static rk_dataset *load(line_source *src, const char *name, const rk_csv_options *opts,
                        rk_csv_report *report, rk_error *err)
{
    rk_csv_options defaults;
    if (!opts) {
        rk_csv_options_init(&defaults);
        opts = &defaults;
    }
    rk_csv_report local_report;
    bool own_report = report == NULL;
    if (own_report)
        report = &local_report;
    memset(report, 0, sizeof *report);

    loader ld;
    loader_init(&ld, name, opts, report, err);
    if (load_pass(&ld, src) == 1) {
        /* Multibyte UTF-8 came before the first invalid byte: decode the
         * whole file one way, from the start, as Windows-1252. */
        size_t recoded_line = report->recoded_line;
        loader_free(&ld);
        rk_csv_report_free(report);
        report->recoded_line = recoded_line;
        loader_init(&ld, name, opts, report, err);
        ld.cp1252 = true;
        if (src->fd >= 0) {
            if (lseek(src->fd, 0, SEEK_SET) < 0)
                loader_fail(&ld, RK_EIO, 0, "cannot read it again: %s", strerror(errno));
            src->start = src->end = 0;
            src->eof = false;
            rk_sha256_init(&src->hash);
        } else {
            src->mem_pos = 0;
        }
        src->consumed = 0;
        if (!ld.failed)
            load_pass(&ld, src);
    }
    rk_dataset *ds = NULL;
    if (!ld.failed && !ld.have_header)
        loader_fail(&ld, RK_EDATA, 1, "the file is empty: a CSV file needs a header row");
    if (!ld.failed)
        ds = build_dataset(&ld);
    if (ds && report->recoded_line)
        loader_warn(&ld, report->recoded_line,
                    "not valid UTF-8: read the file as Windows-1252 (save it as UTF-8 to avoid this)");
    report->rows = ds ? ds->nrow : ld.nrows;
    report_progress(&ld, src, true);
    if (ds) {
        report->line_marks = ld.marks; /* the report owns them now */
        report->nline_marks = ld.nmarks;
        ld.marks = NULL;
    }
    if (ds && report->nbad_rows)
        loader_warn(&ld, report->bad_rows[0].line,
                    "set aside %zu row%s with the wrong number of fields (first here)",
                    report->nbad_rows, report->nbad_rows == 1 ? "" : "s");
    loader_free(&ld);
    if (own_report)
        rk_csv_report_free(report);
    return ds;
}

rk_dataset *rk_csv_read_buffer(const char *data, size_t len, const char *name,
                               const rk_csv_options *opts, rk_csv_report *report, rk_error *err)
{
    line_source src = {.fd = -1, .mem = data, .mem_len = len, .size = len};
    rk_dataset *ds = load(&src, name, opts, report, err);
    if (ds && report)
        rk_sha256_hex_of(data, len, report->sha256);
    return ds;
}

rk_dataset *rk_csv_read_file(const char *path, const rk_csv_options *opts, rk_csv_report *report,
                             rk_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC); /* not for a program rapkit runs (gnuplot) to inherit */
    if (fd < 0) {
        if (report)
            memset(report, 0, sizeof *report);
        rk_error_set(err, RK_EIO, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    line_source src = {.fd = fd};
    rk_sha256_init(&src.hash);
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        src.size = (uint64_t)st.st_size;
    rk_dataset *ds = load(&src, path, opts, report, err);
    /* A load that succeeded read to the end: the digest is of the whole
     * file as read (the last pass, if it was read twice). */
    if (ds && report)
        rk_sha256_hex(&src.hash, report->sha256);
    free(src.buf);
    close(fd);
    return ds;
}
