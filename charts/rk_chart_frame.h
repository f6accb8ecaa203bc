/* rk_chart_frame.h: what every chart type shares (internal to charts/).
 *
 * The page (points on a page of millimetres, PNG at 300 dpi), the house
 * style (Government Analysis Function palette and typography), text made
 * with pango, value axes with 1-2-5 ticks through zero, number formatting,
 * the headings and footers, and the output: the chart file written through
 * rk_outfile with its alt text embedded, and the companion files
 * NAME.alt.txt, NAME.csv and NAME.md beside it.
 *
 * Layouts returned by rk_frame_text are owned by the caller (g_object_unref).
 * Nothing here raises or exits; fallible functions return rk_status and fill
 * err.
 */
#ifndef RK_CHART_FRAME_H
#define RK_CHART_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "rk_chart.h"
#include "rk_error.h"
#include "rk_stamp.h"

/* ---- page ---------------------------------------------------------------- */

#define MM_PER_INCH 25.4
#define PT_PER_INCH 72.0
#define PNG_DPI 300.0
#define DEFAULT_WIDTH_MM 160.0
#define DEFAULT_HEIGHT_MM 100.0
#define MIN_SIDE_MM 20.0
#define MAX_SIDE_MM 1000.0 /* 11,811 px at 300 dpi: inside cairo's 32,767 px limit */

/* ---- house style (GAF palette and typography) ---------------------------- */

#define COLOUR_BAR 0x12436Du        /* GAF categorical palette, first colour */
#define COLOUR_TEXT 0x0B0C0Cu       /* body text, value labels, zero line */
#define COLOUR_SUBTITLE 0x3D3D3Du   /* GAF dark grey */
#define COLOUR_SECONDARY 0x505A5Fu  /* source, notes, missing markers */
#define COLOUR_GRID 0xD9D9D9u
#define COLOUR_SHADE 0xEBEBEBu      /* shaded periods: lighter than the gridlines */
#define COLOUR_BACKGROUND 0xFFFFFFu

/* The GAF categorical palette, in its order; every colour has at least 3:1
 * contrast with white. */
#define PALETTE_SIZE 6
extern const uint32_t rk_frame_palette[PALETTE_SIZE];

/* GAF focus palette: the highlighted element in the first categorical
 * colour, everything else in this grey. */
#define COLOUR_FOCUS_OTHER 0xBFBFBFu
/* GAF sequential palette: dark, mid and light blue. */
#define SEQUENTIAL_SIZE 3
extern const uint32_t rk_frame_sequential[SEQUENTIAL_SIZE];
/* GAF advice: more colours than this are hard to tell apart. */
#define MAX_EASY_COLOURS 4
/* WCAG 2.1 non-text contrast: neighbouring parts of a graphic. */
#define MIN_NEIGHBOUR_CONTRAST 3.0

/* Shade i (from 0) of n, darkest first, from the sequential palette: one
 * shade is the dark blue, two the dark and the light (the pair with the
 * most contrast), three all three; more are spaced evenly along them. */
uint32_t rk_frame_sequential_colour(size_t i, size_t n);

/* Each channel of a + (b - a) * t, rounded: t = 0 gives a, 1 gives b. */
uint32_t rk_frame_mix_colours(uint32_t a, uint32_t b, double t);

/* "#12436D" */
#define COLOUR_HEX_CAP 8
void rk_frame_colour_hex(char buf[COLOUR_HEX_CAP], uint32_t rgb);

#define FONT_FAMILY "Sans"
#define BODY_PT 12.0   /* GAF: chart text no smaller than the document's body text */
#define TITLE_PT 14.0
#define FOOTER_PT 10.0
#define MIN_LABEL_PT 8.0      /* category labels shrink to this, wrapped between words, before anything worse */
#define CATEGORY_MAX_LINES 3  /* lines of a wrapped category label */

/* ---- spacing, all in points ---------------------------------------------- */

#define PAGE_MARGIN 10.0
#define TITLE_GAP 3.0        /* between title and subtitle */
#define HEADER_GAP 12.0      /* between the headings and the chart */
#define AXIS_TITLE_GAP 4.0   /* between an axis title and what it names */
#define FOOTER_GAP 8.0       /* between the chart and the notes/source */
#define TICK_LABEL_GAP 6.0   /* between a tick label and the plot */
#define CATEGORY_GAP 5.0     /* between the lowest gridline and category labels */
#define MIN_PLOT_PT 40.0     /* a shorter plot cannot show a readable axis */
#define GRID_SPACING_PT 22.0 /* gridlines at least this far apart... */
#define MAX_INTERVALS 6      /* ...and no more than this many intervals */
#define GRID_LINE_PT 0.75
#define ZERO_LINE_PT 1.0

/* |values| above this cannot all be labelled exactly from a double. */
#define MAX_ABS_VALUE 1e15
#define NUMBER_CAP 64 /* holds any label rk_frame_format_number makes */
#define MAX_DECIMALS RK_CHART_MAX_DECIMALS

#define MISSING_MARKER "[x]" /* GAF symbol for "not available" */
#define MISSING_NOTE "[x] = not available"
#define SUPPRESSED_MARKER "[c]" /* GSS symbol for "confidential": a small number withheld */
#define SUPPRESSED_NOTE "[c] = confidential (a small number, withheld)"

typedef enum rk_frame_format { FORMAT_PNG, FORMAT_SVG, FORMAT_PDF } rk_frame_format;

/* ---- checks -------------------------------------------------------------- */

/* "<chart> chart <what> is not valid UTF-8" unless text is NULL or valid. */
rk_status rk_frame_check_text(const char *chart, const char *text, const char *what, rk_error *err);

/* A page side: 0 (the default) or MIN_SIDE_MM to MAX_SIDE_MM. */
rk_status rk_frame_check_size(const char *chart, double mm, const char *side, rk_error *err);

/* The format named by the path's extension, compared without case. */
rk_status rk_frame_format_from_path(const char *path, rk_frame_format *format, rk_error *err);

double rk_frame_mm_to_pt(double mm);

/* ---- numbers ------------------------------------------------------------- */

/* v rounded half away from zero to `decimals` places, on the number as
 * written (2.5 -> "3", 12.25 -> "12.3"), with a comma between thousands and
 * a typographic minus: "12,345", "−0.25"; no sign on zero. A value that is
 * not zero never prints as zero: when `decimals` cannot show it, it is
 * "<0.01" (">−0.01" below zero) at those places. Within 1e-12 of zero is
 * arithmetic noise (0.3 - 0.1 - 0.2), printed as 0. |v| <= MAX_ABS_VALUE * 10
 * and decimals <= MAX_DECIMALS. */
void rk_frame_format_number(char buf[NUMBER_CAP], double v, int decimals);

/* Whether v prints exactly with `decimals` places. */
bool rk_frame_exact_at(double v, int decimals);

/* The fewest places (at most 2; more when every |value| is below 1, to show
 * the largest to two significant figures) that print every value exactly,
 * then more, up to MAX_DECIMALS, until no value other than zero prints as
 * zero (12 beside 0.004: 3). Entries with skip[i] true (skip may be NULL)
 * are ignored. */
int rk_frame_decimals(const double *values, const bool *skip, size_t n);

/* `decimals`, raised as far as MAX_DECIMALS until no value other than zero
 * prints as zero. skip as for rk_frame_decimals. */
int rk_frame_decimals_to_show(const double *values, const bool *skip, size_t n, int decimals);

/* The places for a percentage: none, or one below 10 when not whole
 * ("4.5"), more when that would show a share above 0 as 0 ("0.04"). */
int rk_frame_percent_decimals(double pct);

/* The shortest plain decimal text that reads back as v ("1234", "0.1"),
 * for companion tables: the exact value drawn, no separators. */
void rk_frame_exact_text(char buf[NUMBER_CAP], double v);

/* ---- value axes ---------------------------------------------------------- */

/* Ticks are i * step for first <= i <= last. */
typedef struct rk_frame_ticks {
    double step;
    long first;
    long last;
    int decimals; /* places needed to print the step */
} rk_frame_ticks;

/* Ticks on a 1-2-5 step covering [lo, hi] with at most max_intervals (>= 2)
 * intervals, the smallest such step. Callers that want a zero baseline pass
 * a range that contains zero. */
rk_frame_ticks rk_frame_nice_ticks(double lo, double hi, int max_intervals);
int rk_frame_intervals_for(double plot_length);
bool rk_frame_same_ticks(rk_frame_ticks a, rk_frame_ticks b);
double rk_frame_tick_value(rk_frame_ticks t, long i);

/* The smallest step at least `need` from 1, 2, 3, 4, 6, 12, 24, 36, 48, 60,
 * 120: labelling every k-th month then falls on quarters, halves and years,
 * not on every 5th or 7th month; past 120, `need` itself. */
size_t rk_frame_label_step(size_t need);

/* ---- text ---------------------------------------------------------------- */

/* A pango context for points with unhinted metrics: layout is the same in
 * every format and at every scale. Caller unrefs. */
PangoContext *rk_frame_pango_context(void);

/* A layout of `text` at `size` points, wrapped at words to `width` points
 * when width > 0, lines aligned by `align`. */
PangoLayout *rk_frame_text(PangoContext *ctx, const char *text, double size, bool bold, double width,
                           PangoAlignment align);
/* Whether pango broke a word of the layout across lines, as it does when a
 * word is wider than the line: a wrapped label should keep its words whole. */
bool rk_frame_breaks_inside_word(PangoLayout *layout);
double rk_frame_text_height(PangoLayout *layout); /* 0 for NULL */
double rk_frame_text_width(PangoLayout *layout);
/* Width and height of `text` at `size` points on one line. */
double rk_frame_measure(PangoContext *ctx, const char *text, double size, double *height);

void rk_frame_set_colour(cairo_t *cr, uint32_t rgb);
/* The WCAG 2.1 contrast ratio of two colours, from 1 to 21. */
double rk_frame_contrast(uint32_t a, uint32_t b);
/* COLOUR_TEXT or COLOUR_BACKGROUND, whichever contrasts more with bg: the
 * text colour for a label drawn on a filled shape. */
uint32_t rk_frame_text_colour_on(uint32_t bg);
void rk_frame_draw_text(cairo_t *cr, PangoLayout *layout, double x, double y, uint32_t colour);
/* Draws `text` at `size` with its top-left corner at (x, y). */
void rk_frame_draw_string(cairo_t *cr, PangoContext *ctx, const char *text, double size, double x, double y,
                          uint32_t colour);

/* ---- small multiples ----------------------------------------------------- */

/* A value scale: the range the data needs and, once laid out, its ticks. */
typedef struct rk_frame_scale {
    bool has_range;
    double lo, hi;
    bool has_ticks;
    rk_frame_ticks ticks;
} rk_frame_scale;

/* A chart drawn as one panel of small multiples (NULL for a chart alone):
 * its heading replaces the title, the page carries the subtitle, axis
 * titles, notes and source, and every panel uses the shared scale. */
typedef struct rk_frame_panel {
    const char *heading;
    rk_frame_scale shared; /* has_range: widen the data range to it; has_ticks: use them */
    char *note;            /* set by rk_frame_make_texts: the note for the page (g_free) */
} rk_frame_panel;

/* Widens [*lo, *hi] to the shared range, if a panel has one. */
void rk_frame_widen_to_shared(const rk_frame_panel *panel, double *lo, double *hi);

/* The shared ticks if a panel has them, else `own`. */
rk_frame_ticks rk_frame_shared_ticks(const rk_frame_panel *panel, rk_frame_ticks own);

/* ---- headings and footers ------------------------------------------------ */

/* Title, subtitle and value-axis title stacked from the top; category-axis
 * title, note and source from the bottom. Positions are set by
 * rk_frame_stack_texts. Every layout may be NULL except the title. */
typedef struct rk_frame_texts {
    PangoLayout *title;
    PangoLayout *subtitle;
    PangoLayout *y_title;
    PangoLayout *x_title;
    PangoLayout *note;
    PangoLayout *source;
    double subtitle_y, y_title_y, x_title_y, note_y, source_y;
    rk_frame_panel *panel; /* set before rk_frame_make_texts for a panel, else NULL */
} rk_frame_texts;

/* Makes the layouts, each wrapped to the page width. `note` may be NULL;
 * source is printed "Source: ..." unless it already starts with that. For
 * a panel (t->panel) only the heading is made, at body size: the note goes
 * to t->panel->note and the rest is the page's. */
void rk_frame_make_texts(PangoContext *ctx, rk_frame_texts *t, double page_w, const char *title,
                         const char *subtitle, const char *y_title, const char *x_title, const char *note,
                         const char *source);

/* Places the texts on a page_h tall page; *top and *bottom get the space
 * left between them for the chart. */
void rk_frame_stack_texts(rk_frame_texts *t, double page_h, double *top, double *bottom);

/* Draws them; the x title is centred under [plot_left, plot_right]. */
void rk_frame_draw_texts(cairo_t *cr, const rk_frame_texts *t, double page_w, double plot_left,
                         double plot_right);

/* Tells the layouts they are now drawn on cr's surface. */
void rk_frame_texts_context_changed(rk_frame_texts *t);

void rk_frame_free_texts(rk_frame_texts *t);

/* The note explaining the markers shown: NULL, or a static string. */
const char *rk_frame_marker_note(bool any_missing_only, bool any_suppressed);

/* ---- output -------------------------------------------------------------- */

/* Draws the chart on cr, whose user unit is one point. */
typedef void rk_frame_draw_fn(cairo_t *cr, void *chart);

typedef struct rk_frame_page {
    double width_mm, height_mm;  /* the page, as the caller resolved it */
    const char *title;           /* PDF title metadata and SVG <title> */
    const char *alt_text;        /* PDF subject metadata and SVG <desc>; may be NULL */
    const rk_chart_stamp *stamp; /* may be NULL: see rk_chart.h, "Stamp" */
} rk_frame_page;

/* What every chart's save starts from: the format the path asks for and
 * the page, with 0 meaning the default size. */
typedef struct rk_frame_start {
    rk_frame_format format;
    double width_mm, height_mm;  /* resolved */
    double page_w, page_h;       /* the same in points, the unit charts draw in */
} rk_frame_start;

/* Checks there is a path with a known extension and resolves the page size
 * (the chart has validated its spec, sizes included, before). */
rk_status rk_frame_start_save(const char *path, double width_mm, double height_mm, rk_frame_start *start,
                              rk_error *err);

/* The start of every draw function: ties the text context to cr's surface
 * (layouts made before re-measure; with unhinted metrics they come out the
 * same) and paints the background. */
void rk_frame_begin_page(cairo_t *cr, PangoContext *ctx, rk_frame_texts *texts);

/* A straight line from (x0, y0) to (x1, y1). */
void rk_frame_line(cairo_t *cr, double x0, double y0, double x1, double y1, double width, uint32_t colour);

/* PNG signature (8 bytes) and IHDR chunk (4 length, 4 type, 13 data, 4 CRC):
 * IHDR must come first, and pHYs may follow it directly. */
#define PNG_IHDR_END 33u
#define PNG_DENSITY_CHUNK 21u

/* The pHYs chunk stating PNG_DPI, to go right after IHDR: without it Word
 * would place a 160 mm chart at 500 mm. */
void rk_frame_png_density_chunk(unsigned char chunk[PNG_DENSITY_CHUNK]);

/* Puts <title> (page->title) and <desc> (page->alt_text) first inside the
 * <svg> element and marks it role="img", for screen readers; then the
 * stamp's <metadata> when stamp_json is not NULL. */
void rk_frame_insert_svg_alt(GString *svg, const rk_frame_page *page, const char *stamp_json);

/* Renders to `path` in `format` through rk_outfile: whole or not at all;
 * then, with a stamp, writes NAME.json beside it. */
rk_status rk_frame_render(const rk_frame_page *page, rk_frame_format format, rk_frame_draw_fn *draw, void *chart,
                          const char *path, rk_error *err);

/* ---- the stamp in the files (rk_chart_stamp.c) --------------------------- */

/* NAME (the chart path without its extension) and suffix; g_free it. */
char *rk_frame_companion_path(const char *chart_path, const char *suffix);

/* Writes the stamp, pretty, to NAME.json through rk_outfile. */
rk_status rk_frame_write_stamp(const char *chart_path, const rk_chart_stamp *stamp, rk_error *err);

/* Appends one PNG chunk (length, type, data, CRC) to out. */
void rk_frame_png_chunk(GString *out, const char *type, const void *data, size_t len);

/* Appends the text chunks: "Software", "Title", "Description" (the alt
 * text, when given) and "rapkit-stamp" (when given). */
void rk_frame_png_text_chunks(GString *out, const char *title, const char *alt_text, const char *stamp_json);

/* The <metadata> element holding the stamp, escaped, with a newline before
 * it; "" when stamp_json is NULL. g_free it. */
char *rk_frame_svg_metadata(const char *stamp_json);

/* Sets the PDF's creator, and with a stamp its keywords and dates. */
void rk_frame_pdf_stamp(cairo_surface_t *surface, const rk_chart_stamp *stamp, const char *stamp_json);

/* ---- companions ---------------------------------------------------------- */

/* A table of text cells, row-major, for NAME.csv and NAME.md. */
typedef struct rk_frame_table {
    size_t ncol, nrow;
    char **headers;             /* ncol names, owned (copied by rk_frame_table_init) */
    char **cells;               /* nrow * ncol, owned (g_strdup'd); NULL = empty */
} rk_frame_table;

/* Allocates nrow * ncol NULL cells; returns RK_ENOMEM on failure. */
rk_status rk_frame_table_init(rk_frame_table *table, const char *const *headers, size_t ncol, size_t nrow,
                              rk_error *err);
void rk_frame_table_set(rk_frame_table *table, size_t row, size_t col, const char *text);
void rk_frame_table_free(rk_frame_table *table);

/* Writes NAME.alt.txt, NAME.csv and NAME.md beside `chart_path` (NAME is
 * the path without its extension), each through rk_outfile. */
rk_status rk_frame_write_companions(const char *chart_path, const char *alt_text, const rk_frame_table *table,
                                    rk_error *err);

#endif
