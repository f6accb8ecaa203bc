/* rk_pack_doc.c: the board pack's PDF (rk_pack_doc.h).
 *
 * Each figure page is drawn once, when the figure is added, onto a cairo
 * recording surface; writing the document replays the recordings after the
 * cover, so the cover can list every figure with its page and each page
 * can say "Page 3 of 11". Replayed recordings stay vectors in the PDF.
 */
#include "rk_pack_doc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "rk_chart_draw.h"
#include "rk_chart_frame.h"
#include "rk_disclose.h"

/* A4 portrait, in points, and the house measures of a board paper page. */
#define A4_W_MM 210.0
#define A4_H_MM 297.0
#define MARGIN_X 56.7         /* 20 mm */
#define BODY_TOP 64.0         /* below the running header */
#define BODY_BOTTOM_GAP 56.0  /* from the foot of the page, above the footer */
#define HEADER_Y 30.0
#define PAGE_FOOT_GAP 34.0       /* from the foot of the page to the footer text */

#define LABEL_PT 11.0
#define HEADING_PT 15.0
#define STATEMENT_PT 12.0
#define TABLE_PT 9.5
#define SMALL_PT 9.0
#define CAVEAT_PT 10.0

#define STATEMENT_PAD 10.0
#define STATEMENT_BAR 5.0
#define CELL_PAD_Y 3.0
#define CELL_GAP_X 12.0
#define MIN_TEXT_COLUMN 60.0  /* a wrapped text column is never narrower */
#define BULLET_INDENT 12.0
#define MIN_CHART_SCALE 0.65  /* a chart shrinks at most this far to make room for its table */
#define MAX_TABLE_ROWS 80     /* rows laid out at most: more never fit a page */

#define COLOUR_PANEL 0xF3F2F1u    /* GOV.UK light grey: the statement's box */
#define COLOUR_NOTE_BOX 0xFDEBDCu /* the cover's note: a light tint of the palette's orange */
#define COLOUR_NOTE_BAR 0xF46A25u

typedef struct figure_page {
    char *title;
    cairo_surface_t *recording; /* the page's body, A4 */
} figure_page;

struct rk_pack_doc {
    char *title, *organisation, *period, *date, *note, *colophon;
    figure_page *pages;
    size_t n, cap;
    PangoContext *pango;
};

static double page_w(void)
{
    return rk_frame_mm_to_pt(A4_W_MM);
}

static double page_h(void)
{
    return rk_frame_mm_to_pt(A4_H_MM);
}

static double content_w(void)
{
    return page_w() - 2 * MARGIN_X;
}

static char *copy_or_null(const char *s)
{
    return s ? g_strdup(s) : NULL;
}

rk_pack_doc *rk_pack_doc_new(const rk_pack_cover *cover, rk_error *err)
{
    const char *texts[] = {cover->title, cover->organisation, cover->period, cover->date, cover->note,
                           cover->colophon};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (rk_frame_check_text("board pack", texts[i], "cover text", err) != RK_OK)
            return NULL;
    if (!cover->title || !cover->title[0]) {
        rk_error_set(err, RK_EARG, "the board pack needs a title for its cover");
        return NULL;
    }
    rk_pack_doc *doc = calloc(1, sizeof *doc);
    if (!doc) {
        rk_error_nomem(err);
        return NULL;
    }
    doc->title = g_strdup(cover->title);
    doc->organisation = copy_or_null(cover->organisation);
    doc->period = copy_or_null(cover->period);
    doc->date = copy_or_null(cover->date);
    doc->note = copy_or_null(cover->note);
    doc->colophon = copy_or_null(cover->colophon);
    doc->pango = rk_frame_pango_context();
    return doc;
}

void rk_pack_doc_free(rk_pack_doc *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->n; i++) {
        g_free(doc->pages[i].title);
        cairo_surface_destroy(doc->pages[i].recording);
    }
    free(doc->pages);
    g_free(doc->title);
    g_free(doc->organisation);
    g_free(doc->period);
    g_free(doc->date);
    g_free(doc->note);
    g_free(doc->colophon);
    g_object_unref(doc->pango);
    free(doc);
}

size_t rk_pack_doc_figures(const rk_pack_doc *doc)
{
    return doc->n;
}

/* ---- text ----------------------------------------------------------------- */

static PangoLayout *text(rk_pack_doc *doc, const char *s, double size, bool bold, double width)
{
    PangoLayout *layout = rk_frame_text(doc->pango, s, size, bold, width, PANGO_ALIGN_LEFT);
    if (width > 0)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR); /* a long path still wraps */
    return layout;
}

static void unref(PangoLayout *layout)
{
    if (layout)
        g_object_unref(layout);
}

/* ---- tables --------------------------------------------------------------- */

typedef struct table_plan {
    size_t ncol;           /* columns shown */
    size_t *col;           /* their indexes in the dataset */
    bool *right;           /* numbers: right-aligned */
    double *width;         /* drawn widths */
    PangoLayout **header;  /* ncol */
    size_t nrow;           /* rows laid out (at most MAX_TABLE_ROWS) */
    PangoLayout **cells;   /* nrow * ncol */
    double *row_h;         /* nrow: with padding */
    double header_h;
} table_plan;

static void table_plan_free(table_plan *t)
{
    for (size_t c = 0; t->header && c < t->ncol; c++)
        unref(t->header[c]);
    for (size_t i = 0; t->cells && i < t->nrow * t->ncol; i++)
        unref(t->cells[i]);
    free(t->col);
    free(t->right);
    free(t->width);
    free(t->header);
    free(t->cells);
    free(t->row_h);
    memset(t, 0, sizeof *t);
}

/* Whether column c is another column's `_suppressed` flag: not shown. */
static bool is_flag_column(const rk_dataset *ds, size_t c)
{
    for (size_t k = 0; k < ds->ncol; k++)
        if (k != c && rk_disclose_flag_column(ds, k) == (int)c)
            return true;
    return false;
}

static bool is_number(const rk_column *col)
{
    return col->type == RK_INTEGER || col->type == RK_NUMBER;
}

static double number_at(const rk_column *col, size_t row)
{
    return col->type == RK_INTEGER ? (double)col->v.integers[row] : col->v.numbers[row];
}

/* Years print without separators: 2024, not 2,024. */
static bool holds_years(const rk_column *col)
{
    if (col->type != RK_INTEGER)
        return false;
    char *lower = g_ascii_strdown(rk_column_label(col), -1);
    bool years = strstr(lower, "year") != NULL;
    g_free(lower);
    return years;
}

/* The places a number column is shown with: the fewest that show every
 * value exactly, at most two (more for values all below 1, as the charts
 * choose them), one when the column reaches 10, none when it reaches 1,000;
 * then more, up to MAX_DECIMALS, until no value other than zero shows as 0
 * (0.4 beside 1,500 gives one place). rk_frame_format_number rounds halves
 * away from zero and prints "<0.000001" for what even that cannot show. */
static int column_decimals(const rk_column *col, size_t nrow)
{
    if (col->type != RK_NUMBER || nrow == 0)
        return 0;
    bool *skip = malloc(nrow * sizeof *skip);
    if (!skip)
        return 2;
    for (size_t r = 0; r < nrow; r++)
        skip[r] = rk_column_is_missing(col, r) || fabs(col->v.numbers[r]) > MAX_ABS_VALUE;
    int decimals = rk_frame_decimals(col->v.numbers, skip, nrow);
    double max_abs = 0;
    for (size_t r = 0; r < nrow; r++)
        if (!skip[r])
            max_abs = fmax(max_abs, fabs(col->v.numbers[r]));
    /* As board papers round: 24.2 per 1,000, 4.78 times, 1,919,138 people. */
    if (max_abs >= 1000)
        decimals = 0;
    else if (max_abs >= 10 && decimals > 1)
        decimals = 1;
    decimals = rk_frame_decimals_to_show(col->v.numbers, skip, nrow, decimals);
    free(skip);
    return decimals;
}

/* The cell as the page shows it; points into buf, the dictionary or a static. */
static const char *shown_cell(const rk_dataset *ds, size_t c, size_t row, int decimals, char buf[RK_VALUE_BUF])
{
    const rk_column *col = ds->cols[c];
    int flag = rk_disclose_flag_column(ds, c);
    if (flag >= 0 && !rk_column_is_missing(ds->cols[flag], row) && ds->cols[flag]->v.booleans[row])
        return RK_DISCLOSE_MARK;
    if (rk_column_is_missing(col, row))
        return is_number(col) ? RK_DISCLOSE_NOT_AVAILABLE : "";
    if (is_number(col) && !holds_years(col) && fabs(number_at(col, row)) <= MAX_ABS_VALUE) {
        rk_frame_format_number(buf, number_at(col, row), decimals);
        return buf;
    }
    size_t len;
    return rk_column_format(col, row, buf, &len);
}

/* Widths: each column's widest line, when they all fit. Otherwise number
 * columns narrow to `narrowest` (their widest cell or header word: the
 * header wraps), and the text columns, wrapped, share what is left evenly:
 * a column that needs less than an even share keeps its width and leaves
 * the rest to the others, so long texts get equal room and rows stay short. */
static rk_status fit_columns(table_plan *t, const double *natural, const double *narrowest, double avail,
                             rk_error *err)
{
    double total = CELL_GAP_X * (double)(t->ncol - 1);
    for (size_t c = 0; c < t->ncol; c++) {
        t->width[c] = natural[c];
        total += natural[c];
    }
    if (total <= avail)
        return RK_OK;
    double room = avail - CELL_GAP_X * (double)(t->ncol - 1);
    size_t open = 0;
    for (size_t c = 0; c < t->ncol; c++) {
        if (t->right[c]) {
            t->width[c] = narrowest[c];
            room -= narrowest[c];
        } else {
            t->width[c] = -1; /* not settled yet */
            open++;
        }
    }
    /* Settle the text columns that fit in an even share, narrowest first. */
    bool settled = true;
    while (open && settled) {
        settled = false;
        double share = room / (double)open;
        for (size_t c = 0; c < t->ncol; c++)
            if (t->width[c] < 0 && natural[c] <= share) {
                t->width[c] = natural[c];
                room -= natural[c];
                open--;
                settled = true;
            }
    }
    double share = open ? room / (double)open : 0;
    if (room < 0 || (open && share < MIN_TEXT_COLUMN))
        return rk_error_set(err, RK_EARG,
                            "its table's %zu columns do not fit the width of the page: select fewer columns "
                            "or give them shorter labels", t->ncol);
    for (size_t c = 0; c < t->ncol; c++)
        if (t->width[c] < 0)
            t->width[c] = share;
    return RK_OK;
}

/* The widest word of text in bold at the table's size: a wrapped header is never narrower. */
static double widest_word(rk_pack_doc *doc, const char *text_in)
{
    double widest = 0;
    char **words = g_strsplit(text_in, " ", -1);
    for (char **w = words; *w; w++) {
        PangoLayout *layout = text(doc, *w, TABLE_PT, true, 0);
        widest = fmax(widest, rk_frame_text_width(layout) + 1);
        g_object_unref(layout);
    }
    g_strfreev(words);
    return widest;
}

/* The header of a column: the figure's label for it, else the column's. */
static const char *header_text(const rk_pack_figure *f, const rk_column *col)
{
    for (size_t i = 0; i < f->nlabels; i++)
        if (strcmp(f->label_columns[i], col->name) == 0)
            return f->labels[i];
    return rk_column_label(col);
}

static rk_status plan_table(rk_pack_doc *doc, const rk_pack_figure *f, table_plan *t, rk_error *err)
{
    const rk_dataset *ds = f->table;
    memset(t, 0, sizeof *t);
    size_t shown = 0;
    for (size_t c = 0; c < ds->ncol; c++)
        shown += !is_flag_column(ds, c);
    if (shown == 0)
        return rk_error_set(err, RK_EARG, "its table has no columns to show");
    t->ncol = shown;
    t->nrow = ds->nrow < MAX_TABLE_ROWS ? ds->nrow : MAX_TABLE_ROWS;
    t->col = calloc(shown, sizeof *t->col);
    t->right = calloc(shown, sizeof *t->right);
    t->width = calloc(shown, sizeof *t->width);
    t->header = calloc(shown, sizeof *t->header);
    t->cells = calloc(t->nrow * shown + 1, sizeof *t->cells);
    t->row_h = calloc(t->nrow + 1, sizeof *t->row_h);
    double *natural = calloc(shown, sizeof *natural);
    double *narrowest = calloc(shown, sizeof *narrowest);
    int *decimals = calloc(shown, sizeof *decimals);
    if (!t->col || !t->right || !t->width || !t->header || !t->cells || !t->row_h || !natural || !narrowest || !decimals) {
        free(natural);
        free(narrowest);
        free(decimals);
        table_plan_free(t);
        return rk_error_nomem(err);
    }
    for (size_t c = 0, k = 0; c < ds->ncol; c++) {
        if (is_flag_column(ds, c))
            continue;
        const rk_column *col = ds->cols[c];
        t->col[k] = c;
        t->right[k] = is_number(col);
        decimals[k] = column_decimals(col, ds->nrow);
        k++;
    }
    /* Natural widths: every cell on one line. */
    char buf[RK_VALUE_BUF];
    for (size_t k = 0; k < shown; k++) {
        const char *label = header_text(f, ds->cols[t->col[k]]);
        PangoLayout *header = text(doc, label, TABLE_PT, true, 0);
        natural[k] = rk_frame_text_width(header) + 1;
        g_object_unref(header);
        narrowest[k] = widest_word(doc, label);
        for (size_t r = 0; r < t->nrow; r++) {
            double w = rk_frame_measure(doc->pango, shown_cell(ds, t->col[k], r, decimals[k], buf), TABLE_PT, NULL);
            natural[k] = fmax(natural[k], w);
            narrowest[k] = fmax(narrowest[k], w);
        }
    }
    rk_status st = fit_columns(t, natural, narrowest, content_w(), err);
    for (size_t k = 0; st == RK_OK && k < shown; k++) {
        t->header[k] = text(doc, header_text(f, ds->cols[t->col[k]]), TABLE_PT, true, t->width[k]);
        pango_layout_set_alignment(t->header[k], t->right[k] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        t->header_h = fmax(t->header_h, rk_frame_text_height(t->header[k]) + 2 * CELL_PAD_Y);
    }
    for (size_t r = 0; st == RK_OK && r < t->nrow; r++)
        for (size_t k = 0; k < shown; k++) {
            PangoLayout *cell = text(doc, shown_cell(ds, t->col[k], r, decimals[k], buf), TABLE_PT, false, t->width[k]);
            pango_layout_set_alignment(cell, t->right[k] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
            t->cells[r * shown + k] = cell;
            t->row_h[r] = fmax(t->row_h[r], rk_frame_text_height(cell) + 2 * CELL_PAD_Y);
        }
    free(natural);
    free(narrowest);
    free(decimals);
    if (st != RK_OK)
        table_plan_free(t);
    return st;
}

/* How many rows fit in `height`, after the header. */
static size_t rows_fitting(const table_plan *t, double height)
{
    double used = t->header_h;
    size_t r = 0;
    while (r < t->nrow && used + t->row_h[r] <= height)
        used += t->row_h[r++];
    return used > height ? 0 : r;
}

static double rows_height(const table_plan *t, size_t rows)
{
    double h = t->header_h;
    for (size_t r = 0; r < rows; r++)
        h += t->row_h[r];
    return h;
}

static void draw_table(cairo_t *cr, const table_plan *t, size_t rows, double x, double y)
{
    double right = x;
    for (size_t k = 0; k < t->ncol; k++)
        right += t->width[k] + (k ? CELL_GAP_X : 0);
    double cx = x;
    for (size_t k = 0; k < t->ncol; k++) {
        rk_frame_draw_text(cr, t->header[k], cx, y + CELL_PAD_Y, COLOUR_TEXT);
        cx += t->width[k] + CELL_GAP_X;
    }
    y += t->header_h;
    rk_frame_line(cr, x, y, right, y, ZERO_LINE_PT, COLOUR_TEXT);
    for (size_t r = 0; r < rows; r++) {
        cx = x;
        for (size_t k = 0; k < t->ncol; k++) {
            rk_frame_draw_text(cr, t->cells[r * t->ncol + k], cx, y + CELL_PAD_Y, COLOUR_TEXT);
            cx += t->width[k] + CELL_GAP_X;
        }
        y += t->row_h[r];
        rk_frame_line(cr, x, y, right, y, GRID_LINE_PT / 1.5, COLOUR_GRID);
    }
}

/* ---- a figure's page ------------------------------------------------------ */

/* The texts of a figure page, laid out at the content width. */
typedef struct page_texts {
    PangoLayout *label, *heading, *statement, *table_caption, *cut_note, *source, *caveats_heading;
    PangoLayout **caveats;
    size_t ncaveats;
    PangoLayout *placeholder;
} page_texts;

static void page_texts_free(page_texts *p)
{
    PangoLayout *all[] = {p->label, p->heading, p->statement, p->table_caption, p->cut_note, p->source,
                          p->caveats_heading, p->placeholder};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        unref(all[i]);
    for (size_t i = 0; i < p->ncaveats; i++)
        unref(p->caveats[i]);
    free(p->caveats);
}

/* The page cannot show text that is not UTF-8: refused, naming which. */
static rk_status check_utf8(const char *text, const char *what, size_t number, rk_error *err)
{
    if (!text || g_utf8_validate(text, -1, NULL))
        return RK_OK;
    if (number)
        return rk_error_set(err, RK_EARG, "its %s %zu is not valid UTF-8: save the script as UTF-8", what, number);
    return rk_error_set(err, RK_EARG, "its %s is not valid UTF-8: save the script as UTF-8", what);
}

static rk_status check_figure_texts(const rk_pack_figure *f, rk_error *err)
{
    const char *texts[] = {f->title, f->statement, f->source, f->table_file, f->placeholder};
    static const char *const names[] = {"title", "statement", "source", "table file", "placeholder"};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (check_utf8(texts[i], names[i], 0, err) != RK_OK)
            return RK_EARG;
    for (size_t i = 0; i < f->ncaveats; i++)
        if (check_utf8(f->caveats[i], "caveat", i + 1, err) != RK_OK)
            return RK_EARG;
    for (size_t i = 0; i < f->nlabels; i++)
        if (check_utf8(f->labels[i], "label", i + 1, err) != RK_OK)
            return RK_EARG;
    if (!f->title || !f->title[0])
        return rk_error_set(err, RK_EARG, "a figure needs a title");
    if (!f->statement || !f->statement[0])
        return rk_error_set(err, RK_EARG, "a figure needs a statement");
    return RK_OK;
}

/* The chart's own size in points, and the image for a chart placed as a PNG. */
static rk_status chart_size(const rk_pack_chart *chart, cairo_surface_t **image, double *w, double *h,
                            rk_error *err)
{
    *image = NULL;
    if (chart->spec) {
        *w = rk_frame_mm_to_pt(chart->width_mm ? chart->width_mm : DEFAULT_WIDTH_MM);
        *h = rk_frame_mm_to_pt(chart->height_mm ? chart->height_mm : DEFAULT_HEIGHT_MM);
        return RK_OK;
    }
    if (!chart->png_path)
        return rk_error_set(err, RK_EARG, "the chart has neither a spec nor a saved PNG to place");
    cairo_surface_t *png = cairo_image_surface_create_from_png(chart->png_path);
    if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(png);
        return rk_error_set(err, RK_EIO, "cannot read the chart's image %s", chart->png_path);
    }
    *image = png;
    *w = cairo_image_surface_get_width(png) * PT_PER_INCH / PNG_DPI;
    *h = cairo_image_surface_get_height(png) * PT_PER_INCH / PNG_DPI;
    return RK_OK;
}

static rk_status draw_chart(cairo_t *cr, const rk_pack_chart *chart, cairo_surface_t *image, double w, double h,
                            double x, double y, double scale, rk_error *err)
{
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, scale, scale);
    rk_status st = RK_OK;
    if (image) {
        cairo_scale(cr, PT_PER_INCH / PNG_DPI, PT_PER_INCH / PNG_DPI);
        cairo_set_source_surface(cr, image, 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
        cairo_paint(cr);
    } else {
        st = rk_chart_draw_in(chart->kind, chart->spec, cr, w, h, err);
    }
    cairo_restore(cr);
    return st;
}

static void draw_statement(cairo_t *cr, PangoLayout *statement, double x, double y, double h)
{
    rk_frame_set_colour(cr, COLOUR_PANEL);
    cairo_rectangle(cr, x, y, content_w(), h);
    cairo_fill(cr);
    rk_frame_set_colour(cr, COLOUR_BAR);
    cairo_rectangle(cr, x, y, STATEMENT_BAR, h);
    cairo_fill(cr);
    rk_frame_draw_text(cr, statement, x + STATEMENT_BAR + STATEMENT_PAD, y + STATEMENT_PAD, COLOUR_TEXT);
}

static void draw_placeholder(cairo_t *cr, PangoLayout *what, double x, double y, double h)
{
    static const double dash[] = {6.0, 4.0};
    rk_frame_set_colour(cr, COLOUR_SECONDARY);
    cairo_set_line_width(cr, 1.0);
    cairo_set_dash(cr, dash, 2, 0);
    cairo_rectangle(cr, x + 0.5, y + 0.5, content_w() - 1, h - 1);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    double th = rk_frame_text_height(what), tw = rk_frame_text_width(what);
    rk_frame_draw_text(cr, what, x + (content_w() - tw) / 2, y + (h - th) / 2, COLOUR_SECONDARY);
}

#define GAP_AFTER_LABEL 4.0
#define GAP_AFTER_HEADING 10.0
#define GAP_AFTER_CHART 12.0
#define GAP_AFTER_STATEMENT 16.0
#define GAP_AFTER_CAPTION 4.0
#define GAP_AFTER_TABLE 10.0
#define GAP_AFTER_SOURCE 8.0
#define GAP_BETWEEN_CAVEATS 3.0
#define PLACEHOLDER_HEIGHT 220.0

static rk_status lay_out_page(rk_pack_doc *doc, cairo_t *cr, const rk_pack_figure *f, size_t number, rk_error *err)
{
    double w = content_w(), x = MARGIN_X;
    double bottom = page_h() - BODY_BOTTOM_GAP;
    page_texts p = {0};
    table_plan t = {0};
    cairo_surface_t *image = NULL;
    double chart_w = 0, chart_h = 0, scale = 1;
    const rk_pack_chart *chart = f->placeholder ? NULL : f->chart;
    const rk_dataset *table = f->placeholder ? NULL : f->table;
    rk_status st = RK_OK;

    char label[64];
    snprintf(label, sizeof label, "Figure %zu", number);
    p.label = text(doc, label, LABEL_PT, true, w);
    if (!chart)
        p.heading = text(doc, f->title, HEADING_PT, true, w);
    if (f->placeholder)
        p.placeholder = text(doc, f->placeholder, STATEMENT_PT, false, w - 48);
    p.statement = text(doc, f->statement, STATEMENT_PT, false, w - STATEMENT_BAR - 2 * STATEMENT_PAD);
    if (f->source && !f->source_in_chart) {
        char *source = strncasecmp(f->source, "Source:", 7) == 0 ? g_strdup(f->source)
                                                                  : g_strdup_printf("Source: %s", f->source);
        p.source = text(doc, source, SMALL_PT, false, w);
        g_free(source);
    }
    if (f->ncaveats) {
        p.caveats_heading = text(doc, f->ncaveats == 1 ? "Caveat" : "Caveats", CAVEAT_PT, true, w);
        p.caveats = calloc(f->ncaveats, sizeof *p.caveats);
        if (!p.caveats)
            st = rk_error_nomem(err);
        for (size_t i = 0; st == RK_OK && i < f->ncaveats; i++, p.ncaveats++)
            p.caveats[i] = text(doc, f->caveats[i], CAVEAT_PT, false, w - BULLET_INDENT);
    }
    if (st == RK_OK && chart) {
        st = chart_size(chart, &image, &chart_w, &chart_h, err);
        scale = fmin(1.0, w / chart_w);
    }
    if (st == RK_OK && table && table->nrow > 0) {
        if (chart) {
            char caption[96];
            snprintf(caption, sizeof caption, "Table for figure %zu", number);
            p.table_caption = text(doc, caption, CAVEAT_PT, true, w);
        }
        st = plan_table(doc, f, &t, err);
    }

    /* Everything but the table, then what is left for the table. */
    double fixed = rk_frame_text_height(p.label) + GAP_AFTER_LABEL;
    if (p.heading)
        fixed += rk_frame_text_height(p.heading) + GAP_AFTER_HEADING;
    if (f->placeholder)
        fixed += PLACEHOLDER_HEIGHT + GAP_AFTER_CHART;
    double statement_h = rk_frame_text_height(p.statement) + 2 * STATEMENT_PAD;
    fixed += statement_h + GAP_AFTER_STATEMENT;
    if (p.source)
        fixed += rk_frame_text_height(p.source) + GAP_AFTER_SOURCE;
    if (p.caveats_heading)
        fixed += rk_frame_text_height(p.caveats_heading) + GAP_BETWEEN_CAVEATS;
    for (size_t i = 0; i < p.ncaveats; i++)
        fixed += rk_frame_text_height(p.caveats[i]) + GAP_BETWEEN_CAVEATS;
    double caption_h = p.table_caption ? rk_frame_text_height(p.table_caption) + GAP_AFTER_CAPTION : 0;
    double room = bottom - BODY_TOP - fixed - (chart ? chart_h * scale + GAP_AFTER_CHART : 0);
    size_t rows = 0;
    if (st == RK_OK && t.ncol) {
        double note_h;
        rk_frame_measure(doc->pango, "Showing", SMALL_PT, &note_h);
        note_h += 4;
        double want = caption_h + rows_height(&t, t.nrow) + GAP_AFTER_TABLE;
        if (t.nrow < table->nrow)
            want += note_h;
        /* A chart gives up to a third of its height so that its table shows whole. */
        if (chart && want > room) {
            double give = fmin(want - room, chart_h * scale * (1 - MIN_CHART_SCALE));
            scale *= 1 - give / (chart_h * scale);
            room += give;
        }
        rows = rows_fitting(&t, room - caption_h - GAP_AFTER_TABLE);
        if (rows < table->nrow)
            rows = rows_fitting(&t, room - caption_h - GAP_AFTER_TABLE - note_h);
        if (rows == 0)
            st = rk_error_set(err, RK_EARG,
                              "the page has no room for its table once the chart, statement and caveats are "
                              "placed: shorten the caveats, or make the chart shorter");
        if (st == RK_OK && rows < table->nrow) {
            char *note = g_strdup_printf("Showing the first %zu of %zu rows: all are in %s.", rows, table->nrow,
                                         f->table_file ? f->table_file : "the table's CSV file");
            p.cut_note = text(doc, note, SMALL_PT, false, w);
            g_free(note);
        }
        room -= caption_h + rows_height(&t, rows) + GAP_AFTER_TABLE
                + (p.cut_note ? note_h : 0);
    }
    if (st == RK_OK && room < 0)
        st = rk_error_set(err, RK_EARG,
                          "its statement, chart and caveats do not fit on one page: shorten the caveats or "
                          "make the chart shorter");

    /* Draw, top to bottom. */
    double y = BODY_TOP;
    if (st == RK_OK) {
        rk_frame_draw_text(cr, p.label, x, y, COLOUR_BAR);
        y += rk_frame_text_height(p.label) + GAP_AFTER_LABEL;
        if (p.heading) {
            rk_frame_draw_text(cr, p.heading, x, y, COLOUR_TEXT);
            y += rk_frame_text_height(p.heading) + GAP_AFTER_HEADING;
        }
        if (f->placeholder) {
            draw_placeholder(cr, p.placeholder, x, y, PLACEHOLDER_HEIGHT);
            y += PLACEHOLDER_HEIGHT + GAP_AFTER_CHART;
        }
    }
    if (st == RK_OK && chart) {
        /* The chart's own margin outside the page's, so its title lines up
         * with the text below; centred if that leaves it too wide. */
        double inset = PAGE_MARGIN * scale;
        double left = chart_w * scale - inset <= w ? x - inset : x + (w - chart_w * scale) / 2;
        st = draw_chart(cr, chart, image, chart_w, chart_h, left, y, scale, err);
        y += chart_h * scale + GAP_AFTER_CHART;
    }
    if (st == RK_OK) {
        draw_statement(cr, p.statement, x, y, statement_h);
        y += statement_h + GAP_AFTER_STATEMENT;
        if (t.ncol) {
            if (p.table_caption)
                rk_frame_draw_text(cr, p.table_caption, x, y, COLOUR_TEXT);
            y += caption_h;
            draw_table(cr, &t, rows, x, y);
            y += rows_height(&t, rows) + 2;
            if (p.cut_note) {
                rk_frame_draw_text(cr, p.cut_note, x, y + 2, COLOUR_SECONDARY);
                y += rk_frame_text_height(p.cut_note) + 2;
            }
            y += GAP_AFTER_TABLE;
        }
        if (p.source) {
            rk_frame_draw_text(cr, p.source, x, y, COLOUR_SECONDARY);
            y += rk_frame_text_height(p.source) + GAP_AFTER_SOURCE;
        }
        if (p.caveats_heading) {
            rk_frame_draw_text(cr, p.caveats_heading, x, y, COLOUR_TEXT);
            y += rk_frame_text_height(p.caveats_heading) + GAP_BETWEEN_CAVEATS;
        }
        for (size_t i = 0; i < p.ncaveats; i++) {
            rk_frame_draw_string(cr, doc->pango, "\u2022", CAVEAT_PT, x + 2, y, COLOUR_TEXT);
            rk_frame_draw_text(cr, p.caveats[i], x + BULLET_INDENT, y, COLOUR_TEXT);
            y += rk_frame_text_height(p.caveats[i]) + GAP_BETWEEN_CAVEATS;
        }
    }
    if (image)
        cairo_surface_destroy(image);
    table_plan_free(&t);
    page_texts_free(&p);
    return st;
}

rk_status rk_pack_doc_add(rk_pack_doc *doc, const rk_pack_figure *figure, rk_error *err)
{
    rk_status st = check_figure_texts(figure, err);
    if (st != RK_OK)
        return st;
    if (doc->n == doc->cap) {
        size_t cap = doc->cap ? doc->cap * 2 : 16;
        figure_page *pages = realloc(doc->pages, cap * sizeof *pages);
        if (!pages)
            return rk_error_nomem(err);
        doc->pages = pages;
        doc->cap = cap;
    }
    cairo_rectangle_t extents = {0, 0, page_w(), page_h()};
    cairo_surface_t *recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    cairo_t *cr = cairo_create(recording);
    pango_cairo_update_context(cr, doc->pango);
    st = lay_out_page(doc, cr, figure, doc->n + 1, err);
    cairo_status_t cs = cairo_status(cr);
    cairo_destroy(cr);
    if (st == RK_OK && cs != CAIRO_STATUS_SUCCESS)
        st = cs == CAIRO_STATUS_NO_MEMORY ? rk_error_nomem(err)
                                          : rk_error_set(err, RK_EIO, "cannot draw the page: %s",
                                                         cairo_status_to_string(cs));
    if (st != RK_OK) {
        cairo_surface_destroy(recording);
        return st;
    }
    doc->pages[doc->n].title = g_strdup(figure->title);
    doc->pages[doc->n].recording = recording;
    doc->n++;
    return RK_OK;
}

/* ---- the cover and the running headers ----------------------------------- */

#define BAND_HEIGHT 250.0

static void draw_furniture(rk_pack_doc *doc, cairo_t *cr, size_t page, size_t pages)
{
    double w = page_w(), h = page_h();
    if (page > 1) {
        PangoLayout *left = text(doc, doc->title, SMALL_PT, false, 0);
        rk_frame_draw_text(cr, left, MARGIN_X, HEADER_Y, COLOUR_SECONDARY);
        g_object_unref(left);
        if (doc->period) {
            double pw = rk_frame_measure(doc->pango, doc->period, SMALL_PT, NULL);
            rk_frame_draw_string(cr, doc->pango, doc->period, SMALL_PT, w - MARGIN_X - pw, HEADER_Y,
                                 COLOUR_SECONDARY);
        }
        rk_frame_line(cr, MARGIN_X, HEADER_Y + 16, w - MARGIN_X, HEADER_Y + 16, 0.5, COLOUR_GRID);
    }
    double fy = h - PAGE_FOOT_GAP;
    rk_frame_line(cr, MARGIN_X, fy - 6, w - MARGIN_X, fy - 6, 0.5, COLOUR_GRID);
    if (doc->organisation)
        rk_frame_draw_string(cr, doc->pango, doc->organisation, SMALL_PT, MARGIN_X, fy, COLOUR_SECONDARY);
    char number[64];
    snprintf(number, sizeof number, "Page %zu of %zu", page, pages);
    double nw = rk_frame_measure(doc->pango, number, SMALL_PT, NULL);
    rk_frame_draw_string(cr, doc->pango, number, SMALL_PT, w - MARGIN_X - nw, fy, COLOUR_SECONDARY);
}

static double draw_layout(cairo_t *cr, PangoLayout *layout, double x, double y, uint32_t colour)
{
    rk_frame_draw_text(cr, layout, x, y, colour);
    double h = rk_frame_text_height(layout);
    g_object_unref(layout);
    return h;
}

static void draw_cover(rk_pack_doc *doc, cairo_t *cr)
{
    double w = content_w(), x = MARGIN_X;
    rk_frame_set_colour(cr, COLOUR_BAR);
    cairo_rectangle(cr, 0, 0, page_w(), BAND_HEIGHT);
    cairo_fill(cr);
    double y = 72;
    if (doc->organisation)
        y += draw_layout(cr, text(doc, doc->organisation, 13, false, w), x, y, COLOUR_BACKGROUND) + 14;
    y += draw_layout(cr, text(doc, doc->title, 26, true, w), x, y, COLOUR_BACKGROUND) + 12;
    if (doc->period)
        draw_layout(cr, text(doc, doc->period, 15, false, w), x, y, COLOUR_BACKGROUND);

    y = BAND_HEIGHT + 30;
    if (doc->date)
        y += draw_layout(cr, text(doc, doc->date, 13, false, w), x, y, COLOUR_TEXT) + 18;
    if (doc->note) {
        PangoLayout *note = text(doc, doc->note, 11, false, w - STATEMENT_BAR - 2 * STATEMENT_PAD);
        double nh = rk_frame_text_height(note) + 2 * STATEMENT_PAD;
        rk_frame_set_colour(cr, COLOUR_NOTE_BOX);
        cairo_rectangle(cr, x, y, w, nh);
        cairo_fill(cr);
        rk_frame_set_colour(cr, COLOUR_NOTE_BAR);
        cairo_rectangle(cr, x, y, STATEMENT_BAR, nh);
        cairo_fill(cr);
        draw_layout(cr, note, x + STATEMENT_BAR + STATEMENT_PAD, y + STATEMENT_PAD, COLOUR_TEXT);
        y += nh + 24;
    }

    /* Contents: each figure, its title and its page, while they fit. */
    PangoLayout *colophon = doc->colophon ? text(doc, doc->colophon, 8.5, false, w) : NULL;
    double limit = page_h() - BODY_BOTTOM_GAP - (colophon ? rk_frame_text_height(colophon) + 12 : 0);
    y += draw_layout(cr, text(doc, "Contents", 15, true, w), x, y, COLOUR_TEXT) + 8;
    double number_w = rk_frame_measure(doc->pango, "Figure 00", 11, NULL) + 10;
    double page_col = rk_frame_measure(doc->pango, "page 000", 11, NULL);
    for (size_t i = 0; i < doc->n; i++) {
        PangoLayout *title = text(doc, doc->pages[i].title, 11, false, w - number_w - page_col - 10);
        double th = rk_frame_text_height(title);
        if (y + th + 14 > limit) {
            g_object_unref(title);
            char *more = g_strdup_printf("... and %zu more figures", doc->n - i);
            draw_layout(cr, text(doc, more, 11, false, w), x, y + 4, COLOUR_SECONDARY);
            g_free(more);
            break;
        }
        char label[32], page[32];
        snprintf(label, sizeof label, "Figure %zu", i + 1);
        snprintf(page, sizeof page, "page %zu", i + 2);
        y += 4;
        rk_frame_draw_string(cr, doc->pango, label, 11, x, y, COLOUR_BAR);
        draw_layout(cr, title, x + number_w, y, COLOUR_TEXT);
        double pw = rk_frame_measure(doc->pango, page, 11, NULL);
        rk_frame_draw_string(cr, doc->pango, page, 11, x + w - pw, y, COLOUR_SECONDARY);
        y += th + 4;
        rk_frame_line(cr, x, y, x + w, y, 0.5, COLOUR_GRID);
    }
    if (colophon)
        draw_layout(cr, colophon, x, limit + 12, COLOUR_SECONDARY);
}

static void draw_document(cairo_t *cr, void *data)
{
    rk_pack_doc *doc = data;
    size_t pages = doc->n + 1;
    pango_cairo_update_context(cr, doc->pango);
    rk_frame_set_colour(cr, COLOUR_BACKGROUND);
    cairo_paint(cr);
    draw_cover(doc, cr);
    draw_furniture(doc, cr, 1, pages);
    for (size_t i = 0; i < doc->n; i++) {
        cairo_show_page(cr);
        rk_frame_set_colour(cr, COLOUR_BACKGROUND);
        cairo_paint(cr);
        cairo_set_source_surface(cr, doc->pages[i].recording, 0, 0);
        cairo_paint(cr);
        draw_furniture(doc, cr, i + 2, pages);
    }
}

rk_status rk_pack_doc_write(rk_pack_doc *doc, const char *path, rk_error *err)
{
    char *subject = g_strdup_printf("%s: a cover and %zu figure%s", doc->title, doc->n, doc->n == 1 ? "" : "s");
    rk_frame_page page = {A4_W_MM, A4_H_MM, doc->title, subject, NULL};
    rk_status st = rk_frame_render(&page, FORMAT_PDF, draw_document, doc, path, err);
    g_free(subject);
    return st;
}
