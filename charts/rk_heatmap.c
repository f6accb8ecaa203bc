/* rk_heatmap.c: heatmaps (a grid of rows by columns, a value in every
 * cell), drawn with cairo in the house style of rk_chart_frame.h.
 *
 * Rows and columns keep the caller's order. Every cell prints its value,
 * so the chart reads without colour; the text is black or white, whichever
 * contrasts more with the fill. The sequential scale runs from a light to
 * a dark blue (darker is higher, which also holds in greyscale); the RAG
 * scale colours each cell by its level and prints the level's letter with
 * the value. A key above the grid explains the colours. A cell without a
 * value is left white with "[x]" or "[c]" (withheld), never coloured as 0.
 */
#include "rk_chart.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "rk_chart_frame.h"
#include "rk_chart_type.h"

#define MAX_LABEL_SHARE 0.35     /* of the page width, for the row labels */
#define COLUMN_GAP 8.0           /* between the row labels and the grid */
#define MAX_CELL_H 36.0
#define CELL_PAD 4.0             /* around a cell's text */
#define CELL_RULE 1.5            /* white lines between cells */
#define KEY_GAP 8.0              /* between the key and the grid */
#define KEY_RAMP_W 110.0         /* the sequential key's graded bar */
#define KEY_SWATCH 10.0
#define RAMP_STEPS 64
#define SEQ_LOW 0xDCE9F5u        /* light blue: the lowest value */
#define SEQ_HIGH 0x12436Du       /* GAF dark blue: the highest */

enum { LEVEL_RED, LEVEL_AMBER, LEVEL_GREEN, N_LEVELS };
/* GOV.UK red, orange and green: distinct in hue and in lightness. */
static const uint32_t level_colour[N_LEVELS] = {0xD4351Cu, 0xF47738u, 0x00703Cu};
static const char *const level_name[N_LEVELS] = {"Red", "Amber", "Green"};
static const char *const level_letter[N_LEVELS] = {"R", "A", "G"};

typedef struct heatmap_chart {
    const rk_heatmap_spec *spec;
    PangoContext *pango;
    rk_frame_texts texts;
    double page_w, page_h;
    double lo, hi;
    bool any_value;
    int decimals;
    double label_w;
    double grid_left, grid_top, cell_w, cell_h;
    double col_label_pt, col_label_h; /* one size for every column label; the tallest's height */
    double key_y;
    bool any_missing_only, any_suppressed;
    rk_frame_panel *panel; /* NULL unless drawn as one of small multiples */
} heatmap_chart;

static bool cell_missing(const rk_heatmap_spec *spec, size_t k)
{
    return spec->missing && spec->missing[k];
}

static bool cell_suppressed(const rk_heatmap_spec *spec, size_t k)
{
    return cell_missing(spec, k) && spec->suppressed && spec->suppressed[k];
}

static const char *row_text(const rk_heatmap_spec *spec, size_t r)
{
    return spec->row_labels[r] ? spec->row_labels[r] : "(missing)";
}

static const char *col_text(const rk_heatmap_spec *spec, size_t c)
{
    return spec->col_labels[c] ? spec->col_labels[c] : "(missing)";
}

/* LEVEL_RED..LEVEL_GREEN for "red", "Amber", "G", ...; -1 otherwise. */
static int parse_level(const char *text)
{
    if (!text)
        return -1;
    for (int i = 0; i < N_LEVELS; i++)
        if (strcasecmp(text, level_name[i]) == 0 || strcasecmp(text, level_letter[i]) == 0)
            return i;
    return -1;
}

/* ---- validation ---------------------------------------------------------- */

static rk_status validate_heatmap(const void *chart_spec, rk_error *err)
{
    const rk_heatmap_spec *spec = chart_spec;
    if (!spec->title || !spec->title[0])
        return rk_error_set(err, RK_EARG, "heatmap has no title: give it a headline title");
    if (spec->n_rows == 0 || spec->n_cols == 0)
        return rk_error_set(err, RK_EARG, "heatmap has no cells: it needs at least one row and one column");
    if (spec->n_rows > SIZE_MAX / sizeof(double) / spec->n_cols)
        return rk_error_set(err, RK_EARG, "heatmap has too many cells");
    if (!spec->row_labels || !spec->col_labels || !spec->values)
        return rk_error_set(err, RK_EARG, "heatmap needs row labels, column labels and values");
    if (spec->scale != RK_HEATMAP_SEQUENTIAL && spec->scale != RK_HEATMAP_RAG)
        return rk_error_set(err, RK_EARG, "heatmap scale must be sequential or RAG");
    if (spec->scale == RK_HEATMAP_RAG && !spec->levels)
        return rk_error_set(err, RK_EARG, "heatmap on the RAG scale needs a level for every cell");
    rk_status st;
    if ((st = rk_frame_check_text("heatmap", spec->title, "title", err)) ||
        (st = rk_frame_check_text("heatmap", spec->subtitle, "subtitle", err)) ||
        (st = rk_frame_check_text("heatmap", spec->source, "source", err)) ||
        (st = rk_frame_check_text("heatmap", spec->x_title, "x axis title", err)) ||
        (st = rk_frame_check_text("heatmap", spec->y_title, "y axis title", err)) ||
        (st = rk_frame_check_size("heatmap", spec->width_mm, "width", err)) ||
        (st = rk_frame_check_size("heatmap", spec->height_mm, "height", err)))
        return st;
    if (spec->fixed_decimals && (spec->decimals < 0 || spec->decimals > MAX_DECIMALS))
        return rk_error_set(err, RK_EARG, "heatmap decimals %d is out of range (0 to %d)", spec->decimals,
                            MAX_DECIMALS);
    for (size_t r = 0; r < spec->n_rows; r++)
        if (spec->row_labels[r] && !g_utf8_validate(spec->row_labels[r], -1, NULL))
            return rk_error_set(err, RK_EARG, "heatmap row label %zu is not valid UTF-8", r + 1);
    for (size_t c = 0; c < spec->n_cols; c++)
        if (spec->col_labels[c] && !g_utf8_validate(spec->col_labels[c], -1, NULL))
            return rk_error_set(err, RK_EARG, "heatmap column label %zu is not valid UTF-8", c + 1);
    for (size_t r = 0; r < spec->n_rows; r++)
        for (size_t c = 0; c < spec->n_cols; c++) {
            size_t k = r * spec->n_cols + c;
            if (cell_missing(spec, k))
                continue;
            double v = spec->values[k];
            if (!isfinite(v) || fabs(v) > MAX_ABS_VALUE)
                return rk_error_set(err, RK_EARG, "heatmap value for '%.60s', '%.60s' is %g: mark it missing instead",
                                    row_text(spec, r), col_text(spec, c), v);
            if (spec->scale == RK_HEATMAP_RAG && parse_level(spec->levels[k]) < 0)
                return rk_error_set(err, RK_EARG,
                                    "heatmap level for '%.60s', '%.60s' is '%.20s': use red, amber or green",
                                    row_text(spec, r), col_text(spec, c),
                                    spec->levels[k] ? spec->levels[k] : "(none)");
        }
    return RK_OK;
}

/* ---- colours and text ---------------------------------------------------- */

static uint32_t sequential_colour(const heatmap_chart *c, double v)
{
    double t = c->hi > c->lo ? (v - c->lo) / (c->hi - c->lo) : 0.5;
    return rk_frame_mix_colours(SEQ_LOW, SEQ_HIGH, t);
}

static uint32_t cell_colour(const heatmap_chart *c, size_t k)
{
    const rk_heatmap_spec *spec = c->spec;
    if (cell_missing(spec, k))
        return COLOUR_BACKGROUND;
    if (spec->scale == RK_HEATMAP_RAG)
        return level_colour[parse_level(spec->levels[k])];
    return sequential_colour(c, spec->values[k]);
}

/* "1,234", "12 A" (RAG), "[x]", "[c]". */
static void cell_text(const heatmap_chart *c, size_t k, char *buf, size_t cap)
{
    const rk_heatmap_spec *spec = c->spec;
    if (cell_missing(spec, k)) {
        snprintf(buf, cap, "%s", cell_suppressed(spec, k) ? SUPPRESSED_MARKER : MISSING_MARKER);
        return;
    }
    char number[NUMBER_CAP];
    rk_frame_format_number(number, spec->values[k], c->decimals);
    if (spec->scale == RK_HEATMAP_RAG)
        snprintf(buf, cap, "%s %s", number, level_letter[parse_level(spec->levels[k])]);
    else
        snprintf(buf, cap, "%s", number);
}

/* ---- layout -------------------------------------------------------------- */

/* A column label centred in its cell, wrapped between words. */
static PangoLayout *col_label_layout(const heatmap_chart *c, size_t col)
{
    return rk_frame_text(c->pango, col_text(c->spec, col), c->col_label_pt, false, fmax(c->cell_w - CELL_PAD, 1),
                         PANGO_ALIGN_CENTER);
}

/* One size for every column label, as large as possible from BODY_PT down
 * to MIN_LABEL_PT, at which each keeps its words whole within its cell in
 * at most CATEGORY_MAX_LINES lines. Sets col_label_pt and col_label_h, the
 * tallest label's height. Returns the first column whose label does not
 * fit even at MIN_LABEL_PT, or n_cols when all fit. */
static size_t fit_col_labels(heatmap_chart *c)
{
    const rk_heatmap_spec *spec = c->spec;
    size_t misfit = spec->n_cols;
    for (double size = BODY_PT; size >= MIN_LABEL_PT; size -= 1) {
        c->col_label_pt = size;
        c->col_label_h = 0;
        misfit = spec->n_cols;
        for (size_t col = 0; col < spec->n_cols && misfit == spec->n_cols; col++) {
            PangoLayout *layout = col_label_layout(c, col);
            if (rk_frame_text_width(layout) > c->cell_w - CELL_PAD + 0.01 || rk_frame_breaks_inside_word(layout) ||
                pango_layout_get_line_count(layout) > CATEGORY_MAX_LINES)
                misfit = col;
            c->col_label_h = fmax(c->col_label_h, rk_frame_text_height(layout));
            g_object_unref(layout);
        }
        if (misfit == spec->n_cols)
            break;
    }
    return misfit;
}

static rk_status layout_heatmap(heatmap_chart *c, const char *path, rk_error *err)
{
    const rk_heatmap_spec *spec = c->spec;
    const char *note = rk_frame_marker_note(c->any_missing_only, c->any_suppressed);
    rk_frame_make_texts(c->pango, &c->texts, c->page_w, spec->title, spec->subtitle, spec->y_title, spec->x_title,
                        note, spec->source);
    double top, bottom;
    rk_frame_stack_texts(&c->texts, c->page_h, &top, &bottom);

    double label_h = 0;
    rk_frame_measure(c->pango, "Ag", BODY_PT, &label_h);
    c->key_y = top;
    c->grid_top = top + label_h + KEY_GAP;
    c->label_w = 0;
    for (size_t r = 0; r < spec->n_rows; r++)
        c->label_w = fmax(c->label_w, rk_frame_measure(c->pango, row_text(spec, r), BODY_PT, NULL));
    c->label_w = fmin(c->label_w, MAX_LABEL_SHARE * c->page_w);
    c->grid_left = PAGE_MARGIN + c->label_w + COLUMN_GAP;
    c->cell_w = (c->page_w - PAGE_MARGIN - c->grid_left) / (double)spec->n_cols;

    char buf[NUMBER_CAP + 8];
    double widest = 0;
    for (size_t k = 0; k < spec->n_rows * spec->n_cols; k++) {
        cell_text(c, k, buf, sizeof buf);
        widest = fmax(widest, rk_frame_measure(c->pango, buf, BODY_PT, NULL));
    }
    if (widest + 2 * CELL_PAD > c->cell_w)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: %zu columns are too narrow for the values; make it wider "
                            "or use fewer columns", path, spec->n_cols);
    size_t misfit = fit_col_labels(c);
    if (misfit < spec->n_cols)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: column label '%.60s' does not fit its %.0f mm cell, even "
                            "wrapped between words at %.0f pt; make it wider or shorten the column names",
                            path, col_text(spec, misfit), c->cell_w / PT_PER_INCH * MM_PER_INCH, MIN_LABEL_PT);
    double room = bottom - CATEGORY_GAP - c->col_label_h - c->grid_top;
    c->cell_h = fmin(room / (double)spec->n_rows, MAX_CELL_H);
    if (c->cell_h < label_h + CELL_PAD)
        return rk_error_set(err, RK_EARG, "cannot save chart to %s: %zu rows do not fit in %.0f mm; make it taller",
                            path, spec->n_rows, c->page_h / PT_PER_INCH * MM_PER_INCH);
    /* The grid sits under the key; the x title follows the column labels. */
    double slack = room - c->cell_h * (double)spec->n_rows;
    if (c->texts.x_title)
        c->texts.x_title_y -= slack;
    return RK_OK;
}

/* ---- drawing ------------------------------------------------------------- */

static void draw_key(cairo_t *cr, const heatmap_chart *c)
{
    const rk_heatmap_spec *spec = c->spec;
    double h = 0;
    rk_frame_measure(c->pango, "Ag", BODY_PT, &h);
    double x = c->grid_left;
    if (spec->scale == RK_HEATMAP_RAG) {
        char text[32];
        for (int i = 0; i < N_LEVELS; i++) {
            rk_frame_set_colour(cr, level_colour[i]);
            cairo_rectangle(cr, x, c->key_y + (h - KEY_SWATCH) / 2, KEY_SWATCH, KEY_SWATCH);
            cairo_fill(cr);
            x += KEY_SWATCH + 4;
            snprintf(text, sizeof text, "%s = %s", level_letter[i], level_name[i]);
            rk_frame_draw_string(cr, c->pango, text, BODY_PT, x, c->key_y, COLOUR_TEXT);
            x += rk_frame_measure(c->pango, text, BODY_PT, NULL) + 14;
        }
        return;
    }
    if (!c->any_value)
        return;
    char lo[NUMBER_CAP], hi[NUMBER_CAP];
    rk_frame_format_number(lo, c->lo, c->decimals);
    rk_frame_format_number(hi, c->hi, c->decimals);
    char low_text[NUMBER_CAP + 16];
    snprintf(low_text, sizeof low_text, "Lower %s", lo);
    rk_frame_draw_string(cr, c->pango, low_text, BODY_PT, x, c->key_y, COLOUR_TEXT);
    x += rk_frame_measure(c->pango, low_text, BODY_PT, NULL) + 6;
    for (int i = 0; i < RAMP_STEPS; i++) {
        rk_frame_set_colour(cr, rk_frame_mix_colours(SEQ_LOW, SEQ_HIGH, (double)i / (RAMP_STEPS - 1)));
        /* A hair of overlap, so no seams show between the steps. */
        cairo_rectangle(cr, x + KEY_RAMP_W * i / RAMP_STEPS, c->key_y + h * 0.1, KEY_RAMP_W / RAMP_STEPS + 0.3,
                        h * 0.8);
        cairo_fill(cr);
    }
    x += KEY_RAMP_W + 6;
    char high_text[NUMBER_CAP + 16];
    snprintf(high_text, sizeof high_text, "%s higher", hi);
    rk_frame_draw_string(cr, c->pango, high_text, BODY_PT, x, c->key_y, COLOUR_TEXT);
}

static void draw_heatmap_chart(cairo_t *cr, void *chart)
{
    heatmap_chart *c = chart;
    const rk_heatmap_spec *spec = c->spec;
    rk_frame_begin_page(cr, c->pango, &c->texts);
    draw_key(cr, c);

    char buf[NUMBER_CAP + 8];
    for (size_t r = 0; r < spec->n_rows; r++) {
        double y = c->grid_top + (double)r * c->cell_h;
        PangoLayout *label = rk_frame_text(c->pango, row_text(spec, r), BODY_PT, false, 0, PANGO_ALIGN_RIGHT);
        pango_layout_set_width(label, (int)floor(c->label_w * PANGO_SCALE));
        pango_layout_set_ellipsize(label, PANGO_ELLIPSIZE_END);
        rk_frame_draw_text(cr, label, PAGE_MARGIN, y + (c->cell_h - rk_frame_text_height(label)) / 2,
                           spec->row_labels[r] ? COLOUR_TEXT : COLOUR_SECONDARY);
        g_object_unref(label);
        for (size_t col = 0; col < spec->n_cols; col++) {
            size_t k = r * spec->n_cols + col;
            double x = c->grid_left + (double)col * c->cell_w;
            uint32_t fill = cell_colour(c, k);
            bool missing = cell_missing(spec, k);
            rk_frame_set_colour(cr, fill);
            cairo_rectangle(cr, x, y, c->cell_w, c->cell_h);
            cairo_fill(cr);
            if (missing) { /* an outline, so the empty cell still reads as part of the grid */
                rk_frame_set_colour(cr, COLOUR_GRID);
                cairo_set_line_width(cr, 1.0);
                cairo_rectangle(cr, x + CELL_RULE, y + CELL_RULE, c->cell_w - 2 * CELL_RULE,
                                c->cell_h - 2 * CELL_RULE);
                cairo_stroke(cr);
            }
            cell_text(c, k, buf, sizeof buf);
            double h = 0, w = rk_frame_measure(c->pango, buf, BODY_PT, &h);
            rk_frame_draw_string(cr, c->pango, buf, BODY_PT, x + (c->cell_w - w) / 2, y + (c->cell_h - h) / 2,
                                 missing ? COLOUR_SECONDARY : rk_frame_text_colour_on(fill));
        }
    }
    /* White rules between the cells. */
    rk_frame_set_colour(cr, COLOUR_BACKGROUND);
    cairo_set_line_width(cr, CELL_RULE);
    double grid_bottom = c->grid_top + c->cell_h * (double)spec->n_rows;
    double grid_right = c->grid_left + c->cell_w * (double)spec->n_cols;
    for (size_t col = 1; col < spec->n_cols; col++) {
        cairo_move_to(cr, c->grid_left + (double)col * c->cell_w, c->grid_top);
        cairo_line_to(cr, c->grid_left + (double)col * c->cell_w, grid_bottom);
    }
    for (size_t r = 1; r < spec->n_rows; r++) {
        cairo_move_to(cr, c->grid_left, c->grid_top + (double)r * c->cell_h);
        cairo_line_to(cr, grid_right, c->grid_top + (double)r * c->cell_h);
    }
    cairo_stroke(cr);
    for (size_t col = 0; col < spec->n_cols; col++) {
        PangoLayout *layout = col_label_layout(c, col);
        rk_frame_draw_text(cr, layout, c->grid_left + (double)col * c->cell_w + CELL_PAD / 2,
                           grid_bottom + CATEGORY_GAP, spec->col_labels[col] ? COLOUR_TEXT : COLOUR_SECONDARY);
        g_object_unref(layout);
    }
    rk_frame_draw_texts(cr, &c->texts, c->page_w, c->grid_left, grid_right);
}

/* ---- alt text and companion table ---------------------------------------- */

static char *heatmap_alt_text(const void *chart)
{
    const heatmap_chart *c = chart;
    const rk_heatmap_spec *spec = c->spec;
    GString *alt = g_string_new(NULL);
    g_string_append_printf(alt, "Heatmap: %s.", spec->title);
    if (spec->subtitle && spec->subtitle[0])
        g_string_append_printf(alt, " %s.", spec->subtitle);
    g_string_append_printf(alt, " It shows %s for %zu %s", spec->value_name ? spec->value_name : "a value",
                           spec->n_rows, spec->n_rows == 1 ? "row" : "rows");
    if (spec->y_title && spec->y_title[0])
        g_string_append_printf(alt, " (%s)", spec->y_title);
    g_string_append_printf(alt, " by %zu %s", spec->n_cols, spec->n_cols == 1 ? "column" : "columns");
    if (spec->x_title && spec->x_title[0])
        g_string_append_printf(alt, " (%s)", spec->x_title);
    g_string_append(alt, spec->scale == RK_HEATMAP_RAG
                             ? ", each cell coloured by its RAG level and marked R, A or G."
                             : ", each cell shaded from light (lower) to dark blue (higher) and printed.");
    size_t n = spec->n_rows * spec->n_cols, hi = n, lo = n, n_missing = 0, n_suppressed = 0;
    size_t per_level[N_LEVELS] = {0};
    for (size_t k = 0; k < n; k++) {
        if (cell_missing(spec, k)) {
            n_suppressed += cell_suppressed(spec, k);
            n_missing += !cell_suppressed(spec, k);
            continue;
        }
        if (hi == n || spec->values[k] > spec->values[hi])
            hi = k;
        if (lo == n || spec->values[k] < spec->values[lo])
            lo = k;
        if (spec->scale == RK_HEATMAP_RAG)
            per_level[parse_level(spec->levels[k])]++;
    }
    char buf[NUMBER_CAP + 8];
    if (hi < n) {
        rk_frame_format_number(buf, spec->values[hi], c->decimals);
        g_string_append_printf(alt, " The highest is %s (%s, %s)", buf, row_text(spec, hi / spec->n_cols),
                               col_text(spec, hi % spec->n_cols));
        if (lo != hi) {
            rk_frame_format_number(buf, spec->values[lo], c->decimals);
            g_string_append_printf(alt, "; the lowest is %s (%s, %s)", buf, row_text(spec, lo / spec->n_cols),
                                   col_text(spec, lo % spec->n_cols));
        }
        g_string_append(alt, ".");
    }
    if (spec->scale == RK_HEATMAP_RAG) {
        g_string_append_printf(alt, " %zu red, %zu amber and %zu green.", per_level[LEVEL_RED],
                               per_level[LEVEL_AMBER], per_level[LEVEL_GREEN]);
        if (per_level[LEVEL_RED] > 0 && per_level[LEVEL_RED] <= 10) {
            g_string_append(alt, " Red:");
            size_t seen = 0;
            for (size_t k = 0; k < n; k++)
                if (!cell_missing(spec, k) && parse_level(spec->levels[k]) == LEVEL_RED)
                    g_string_append_printf(alt, "%s %s, %s", seen++ ? ";" : "", row_text(spec, k / spec->n_cols),
                                           col_text(spec, k % spec->n_cols));
            g_string_append(alt, ".");
        }
    }
    if (n_missing)
        g_string_append_printf(alt, " %zu %s not available, marked [x].", n_missing,
                               n_missing == 1 ? "value is" : "values are");
    if (n_suppressed)
        g_string_append_printf(alt, " %zu %s withheld as confidential, marked [c].", n_suppressed,
                               n_suppressed == 1 ? "value is" : "values are");
    return g_string_free(alt, FALSE);
}

static rk_status heatmap_table(const void *chart, rk_frame_table *table, rk_error *err)
{
    const rk_heatmap_spec *spec = ((const heatmap_chart *)chart)->spec;
    bool rag = spec->scale == RK_HEATMAP_RAG;
    const char *headers[4] = {
        spec->row_name ? spec->row_name : spec->y_title && spec->y_title[0] ? spec->y_title : "row",
        spec->col_name ? spec->col_name : spec->x_title && spec->x_title[0] ? spec->x_title : "column",
        spec->value_name ? spec->value_name : "value",
        "level",
    };
    size_t n = spec->n_rows * spec->n_cols;
    rk_status st = rk_frame_table_init(table, headers, rag ? 4 : 3, n, err);
    if (st != RK_OK)
        return st;
    char buf[NUMBER_CAP];
    for (size_t k = 0; k < n; k++) {
        const char *row = spec->row_labels[k / spec->n_cols], *col = spec->col_labels[k % spec->n_cols];
        rk_frame_table_set(table, k, 0, row ? row : "");
        rk_frame_table_set(table, k, 1, col ? col : "");
        if (cell_missing(spec, k)) {
            rk_frame_table_set(table, k, 2, cell_suppressed(spec, k) ? SUPPRESSED_MARKER : MISSING_MARKER);
            continue;
        }
        rk_frame_exact_text(buf, spec->values[k]);
        rk_frame_table_set(table, k, 2, buf);
        if (rag)
            rk_frame_table_set(table, k, 3, level_name[parse_level(spec->levels[k])]);
    }
    return RK_OK;
}

/* ---- entry point --------------------------------------------------------- */

static void close_heatmap(void *chart)
{
    heatmap_chart *c = chart;
    rk_frame_free_texts(&c->texts);
    if (c->pango)
        g_object_unref(c->pango);
    free(c);
}

static rk_status open_heatmap(const void *chart_spec, rk_frame_panel *panel, double page_w, double page_h,
                           const char *path, void **out, rk_error *err)
{
    const rk_heatmap_spec *spec = chart_spec;
    *out = NULL;
    heatmap_chart *c = calloc(1, sizeof *c);
    if (!c)
        return rk_error_nomem(err);
    *c = (heatmap_chart){.spec = spec, .page_w = page_w, .page_h = page_h, .panel = panel};
    c->texts.panel = panel;
    size_t n = spec->n_rows * spec->n_cols;
    bool *skip = malloc(n * sizeof *skip);
    if (!skip) {
        close_heatmap(c);
        return rk_error_nomem(err);
    }
    for (size_t k = 0; k < n; k++) {
        skip[k] = cell_missing(spec, k);
        c->any_suppressed |= cell_suppressed(spec, k);
        c->any_missing_only |= skip[k] && !cell_suppressed(spec, k);
        if (skip[k])
            continue;
        c->lo = c->any_value ? fmin(c->lo, spec->values[k]) : spec->values[k];
        c->hi = c->any_value ? fmax(c->hi, spec->values[k]) : spec->values[k];
        c->any_value = true;
    }
    c->decimals = spec->fixed_decimals ? spec->decimals : rk_frame_decimals(spec->values, skip, n);
    free(skip);

    if (c->any_value)
        rk_frame_widen_to_shared(panel, &c->lo, &c->hi);
    c->pango = rk_frame_pango_context();
    rk_status status = layout_heatmap(c, path, err);
    if (status != RK_OK) {
        close_heatmap(c);
        return status;
    }
    *out = c;
    return RK_OK;
}

static rk_frame_scale heatmap_scale(const void *chart)
{
    const heatmap_chart *c = chart;
    return (rk_frame_scale){.has_range = c->any_value, .lo = c->lo, .hi = c->hi};
}

const rk_chart_type rk_heatmap_type = {
    .name = "heatmap",
    .validate = validate_heatmap,
    .open = open_heatmap,
    .scale = heatmap_scale,
    .draw = draw_heatmap_chart,
    .alt_text = heatmap_alt_text,
    .table = heatmap_table,
    .close = close_heatmap,
};

rk_status rk_chart_heatmap_save(const rk_heatmap_spec *spec, const char *path, rk_error *err)
{
    rk_chart_common common = {spec ? spec->title : NULL, spec ? spec->width_mm : 0, spec ? spec->height_mm : 0,
                              spec && spec->companions, spec ? spec->stamp : NULL};
    return rk_chart_save_as(&rk_heatmap_type, spec, common, path, err);
}
