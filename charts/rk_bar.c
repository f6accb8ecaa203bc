/* rk_bar.c: vertical bar charts, drawn with cairo and laid out with pango.
 *
 * The chart is drawn in points (1/72 inch) on a page of the requested size,
 * whatever the output: PDF and SVG surfaces are sized in points, and the PNG
 * surface is scaled by 300/72 so it becomes a 300 dpi image. Text metrics are
 * unhinted, so line breaks and positions are the same in all three formats.
 *
 * The look follows the Government Analysis Function guidance on charts: a
 * headline title left-aligned, a subtitle saying what is measured, one colour
 * for the bars, a value axis that starts at zero, light gridlines, no border,
 * horizontal text only, and a source line. Everything is laid out first
 * (before any file is touched, so a chart that cannot fit fails cleanly),
 * then drawn.
 */
#include "rk_chart.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "rk_outfile.h"

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
#define COLOUR_BACKGROUND 0xFFFFFFu

#define FONT_FAMILY "Sans"
#define BODY_PT 12.0   /* GAF: chart text no smaller than the document's body text */
#define TITLE_PT 14.0
#define FOOTER_PT 10.0
#define MIN_LABEL_PT 8.0 /* category labels shrink to this before cutting lines */
#define MIN_SQUEEZED_PT 6.5 /* and to this before breaking words */
#define MIN_VALUE_PT 8.0 /* value labels shrink to this; if still too wide, they are left out */

/* ---- spacing, all in points ---------------------------------------------- */

#define PAGE_MARGIN 10.0
#define TITLE_GAP 3.0        /* between title and subtitle */
#define HEADER_GAP 12.0      /* between the headings and the chart */
#define AXIS_TITLE_GAP 4.0   /* between an axis title and what it names */
#define FOOTER_GAP 8.0       /* between the chart and the notes/source */
#define TICK_LABEL_GAP 6.0   /* between a tick label and the plot */
#define CATEGORY_GAP 5.0     /* between the lowest gridline and category labels */
#define VALUE_LABEL_GAP 2.0  /* between a bar's end and its value label */
#define BAR_FRACTION 0.65    /* of the slot: a gap of about half a bar between bars */
#define MAX_BAR_FRACTION 0.2 /* of the plot: one or two bars should not be slabs */
#define MIN_SLOT_PT 12.0     /* narrower slots cannot carry a label of any kind */
#define MIN_PLOT_PT 40.0     /* a shorter plot cannot show a readable axis */
#define GRID_SPACING_PT 22.0 /* gridlines at least this far apart... */
#define MAX_INTERVALS 6      /* ...and no more than this many intervals */
#define CATEGORY_MAX_LINES 3
#define GRID_LINE_PT 0.75
#define ZERO_LINE_PT 1.0

/* |values| above this cannot all be labelled exactly from a double. */
#define MAX_ABS_VALUE 1e15
#define NUMBER_CAP 64 /* holds any label format_thousands makes */
#define MAX_DECIMALS 6

#define MISSING_MARKER "[x]" /* GAF symbol for "not available" */
#define MISSING_NOTE "[x] = not available"
#define SUPPRESSED_MARKER "[c]" /* GSS symbol for "confidential": a small number withheld */
#define SUPPRESSED_NOTE "[c] = confidential (a small number, withheld)"

typedef enum chart_format { FORMAT_PNG, FORMAT_SVG, FORMAT_PDF } chart_format;

/* How category labels were made to fit their slots, best first. */
typedef enum category_fit {
    LABELS_WHOLE,      /* every word and line shown */
    LABELS_CUT_LINES,  /* lines beyond CATEGORY_MAX_LINES end in an ellipsis */
    LABELS_BREAK_WORDS /* words wider than the slot broken too */
} category_fit;

/* Value-axis ticks are i * step for first <= i <= last; first <= 0 <= last,
 * so zero is always a tick and the axis starts at zero. */
typedef struct axis_ticks {
    double step;
    long first;
    long last;
    int decimals; /* places needed to print the step */
} axis_ticks;

/* Headings and footers: created once while laying out, drawn as they are. */
typedef struct chart_texts {
    PangoLayout *title;
    PangoLayout *subtitle; /* NULL when absent, like every field below */
    PangoLayout *y_title;
    PangoLayout *x_title;
    PangoLayout *note;
    PangoLayout *source;
} chart_texts;

/* Where everything goes, in points from the page's top-left corner. */
typedef struct bar_layout {
    double page_w, page_h;
    axis_ticks ticks;
    double plot_left, plot_right; /* across all slots */
    double plot_top, plot_bottom; /* y of the highest and lowest tick */
    double slot_w;                /* each category's share of the plot width */
    double bar_w;
    double subtitle_y, y_title_y, x_title_y, note_y, source_y;
    double category_y;     /* top of the category labels */
    double category_pt;    /* one size for every category label */
    category_fit category_fit;
    bool show_values;      /* value labels fit their slots; missing markers always show */
    double value_pt;       /* value labels and missing markers */
    int value_decimals;
} bar_layout;

typedef struct bar_chart {
    const rk_bar_spec *spec;
    double lo, hi;      /* data range widened to include zero */
    bool any_missing;
    bool any_suppressed;      /* some missing bars are "[c]" */
    bool any_missing_only;    /* some missing bars are "[x]" */
    bool any_non_negative; /* some bar's value label stands above it */
    PangoContext *pango;
    chart_texts texts;
    bar_layout lay;
} bar_chart;

/* ---- validation ---------------------------------------------------------- */

static bool is_suppressed(const rk_bar_spec *spec, size_t i)
{
    return spec->missing && spec->missing[i] && spec->suppressed && spec->suppressed[i];
}

static bool is_missing(const rk_bar_spec *spec, size_t i)
{
    return spec->missing && spec->missing[i];
}

static const char *category_text(const rk_bar_spec *spec, size_t i)
{
    return spec->labels[i] ? spec->labels[i] : "(missing)";
}

static rk_status check_text(const char *text, const char *what, rk_error *err)
{
    if (text && !g_utf8_validate(text, -1, NULL))
        return rk_error_set(err, RK_EARG, "bar chart %s is not valid UTF-8", what);
    return RK_OK;
}

static rk_status check_size(double mm, const char *side, rk_error *err)
{
    if (!isfinite(mm) || mm < MIN_SIDE_MM || mm > MAX_SIDE_MM)
        return rk_error_set(err, RK_EARG,
                            "bar chart %s %g mm is out of range (%g to %g mm, or 0 for the default)",
                            side, mm, MIN_SIDE_MM, MAX_SIDE_MM);
    return RK_OK;
}

static rk_status validate_spec(const rk_bar_spec *spec, rk_error *err)
{
    if (!spec->title || !spec->title[0])
        return rk_error_set(err, RK_EARG, "bar chart has no title: give it a headline title");
    if (spec->n == 0)
        return rk_error_set(err, RK_EARG, "bar chart has no bars: the data has no rows");
    if (!spec->labels || !spec->values)
        return rk_error_set(err, RK_EARG, "bar chart has %zu bars but no %s", spec->n,
                            spec->labels ? "values" : "labels");
    rk_status st;
    if ((st = check_text(spec->title, "title", err)) || (st = check_text(spec->subtitle, "subtitle", err)) ||
        (st = check_text(spec->source, "source", err)) || (st = check_text(spec->x_title, "x axis title", err)) ||
        (st = check_text(spec->y_title, "y axis title", err)))
        return st;
    for (size_t i = 0; i < spec->n; i++) {
        if (spec->labels[i] && !g_utf8_validate(spec->labels[i], -1, NULL))
            return rk_error_set(err, RK_EARG, "bar chart label %zu is not valid UTF-8", i + 1);
        if (is_missing(spec, i))
            continue; /* a missing value's slot may hold anything, NaN included */
        double v = spec->values[i];
        if (!isfinite(v))
            return rk_error_set(err, RK_EARG,
                                "bar chart value for '%.60s' (bar %zu) is %g: mark it missing instead",
                                category_text(spec, i), i + 1, v);
        if (fabs(v) > MAX_ABS_VALUE)
            return rk_error_set(err, RK_EARG,
                                "bar chart value for '%.60s' (bar %zu) is too large to label (limit %g)",
                                category_text(spec, i), i + 1, MAX_ABS_VALUE);
    }
    if ((spec->width_mm != 0 && (st = check_size(spec->width_mm, "width", err))) ||
        (spec->height_mm != 0 && (st = check_size(spec->height_mm, "height", err))))
        return st;
    return RK_OK;
}

/* The format named by the path's extension, compared without case. */
static rk_status format_from_path(const char *path, chart_format *format, rk_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: no file extension (use .png, .svg or .pdf)", path);
    if (strcasecmp(dot, ".png") == 0)
        *format = FORMAT_PNG;
    else if (strcasecmp(dot, ".svg") == 0)
        *format = FORMAT_SVG;
    else if (strcasecmp(dot, ".pdf") == 0)
        *format = FORMAT_PDF;
    else
        return rk_error_set(err, RK_EARG, "cannot save chart to %s: unknown format '%s' (use .png, .svg or .pdf)",
                            path, dot);
    return RK_OK;
}

/* ---- numbers ------------------------------------------------------------- */

/* Writes v rounded to `decimals` places with a comma between thousands and a
 * typographic minus: "12,345", "−0.25". A value that rounds to zero prints
 * without a sign. buf holds NUMBER_CAP bytes; |v| <= MAX_ABS_VALUE * 10 and
 * decimals <= MAX_DECIMALS keep the result well inside it. */
static void format_thousands(char buf[NUMBER_CAP], double v, int decimals)
{
    char digits[NUMBER_CAP];
    snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
    size_t int_len = strspn(digits, "0123456789");
    size_t len = strlen(digits);
    /* Whatever radix character the locale gave, the fraction is the last
     * `decimals` characters; it is printed after a full stop. */
    const char *fraction = decimals > 0 ? digits + len - decimals : NULL;
    bool negative = v < 0 && strspn(digits, "0.,") != len;

    size_t o = 0;
    if (negative) {
        memcpy(buf, "\xE2\x88\x92", 3); /* U+2212 MINUS SIGN */
        o = 3;
    }
    for (size_t i = 0; i < int_len && o + 2 < NUMBER_CAP; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    if (fraction && o + 1 + (size_t)decimals < NUMBER_CAP) {
        buf[o++] = '.';
        memcpy(buf + o, fraction, (size_t)decimals);
        o += (size_t)decimals;
    }
    buf[o] = '\0';
}

static bool exact_at(double v, int decimals)
{
    double scaled = v * pow(10.0, decimals);
    return fabs(scaled - nearbyint(scaled)) <= 1e-6 * fmax(1.0, fabs(scaled));
}

/* One number of decimal places for every value label, so the labels line
 * up and compare: none for counts, else the fewest that show every value
 * exactly, at most two. When every value is below 1 (rates, proportions) the
 * limit rises to show the largest to two significant figures, so 0.0121
 * prints as "0.012", not "0.01". */
static int value_decimals(const rk_bar_spec *spec)
{
    double max_abs = 0;
    for (size_t i = 0; i < spec->n; i++)
        if (!is_missing(spec, i))
            max_abs = fmax(max_abs, fabs(spec->values[i]));
    int limit = 2;
    if (max_abs > 0 && max_abs < 1)
        limit = (int)fmin(MAX_DECIMALS, fmax(2.0, -floor(log10(max_abs)) + 1));
    int decimals = 0;
    for (size_t i = 0; i < spec->n; i++) {
        if (is_missing(spec, i))
            continue;
        while (decimals < limit && !exact_at(spec->values[i], decimals))
            decimals++;
    }
    return decimals;
}

static axis_ticks ticks_with_step(double lo, double hi, double step)
{
    axis_ticks t = {.step = step};
    /* A little slack so that 100 / 20 counts as 5, not 5.000000001 -> 6. */
    t.first = (long)floor(lo / step + 1e-9);
    t.last = (long)ceil(hi / step - 1e-9);
    int exponent = (int)floor(log10(step) + 1e-9);
    t.decimals = exponent < 0 ? (int)fmin(-exponent, MAX_DECIMALS) : 0;
    return t;
}

/* Ticks on a 1-2-5 step covering [lo, hi] (which contains zero) with at most
 * max_intervals (>= 2) intervals: the smallest such step, so the axis hugs
 * the data. Steps from a tenth of the even split upwards; within three
 * decades the step exceeds hi - lo and two intervals always suffice. */
static axis_ticks nice_ticks(double lo, double hi, int max_intervals)
{
    if (hi - lo <= 0)
        hi = lo + 1; /* all values zero or missing: still show a scale */
    static const double multiples[] = {1, 2, 5};
    double decade = pow(10.0, floor(log10((hi - lo) / max_intervals)));
    axis_ticks t = {0};
    for (int d = 0; d < 4; d++, decade *= 10) {
        for (size_t m = 0; m < sizeof multiples / sizeof multiples[0]; m++) {
            t = ticks_with_step(lo, hi, multiples[m] * decade);
            if (t.last - t.first <= max_intervals)
                return t;
        }
    }
    return t;
}

static int intervals_for_height(double plot_h)
{
    int n = (int)(plot_h / GRID_SPACING_PT);
    return n < 2 ? 2 : n > MAX_INTERVALS ? MAX_INTERVALS : n;
}

static bool same_ticks(axis_ticks a, axis_ticks b)
{
    return a.step == b.step && a.first == b.first && a.last == b.last;
}

/* ---- text ---------------------------------------------------------------- */

/* A pango context for points: 72 "dpi" makes a 12 pt font 12 user units, and
 * unhinted metrics make layout independent of the output format and scale. */
static PangoContext *points_context(void)
{
    PangoContext *ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_context_set_resolution(ctx, PT_PER_INCH);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    /* Grey antialiasing: subpixel colour fringes would show in a printed PNG. */
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, options);
    cairo_font_options_destroy(options);
    return ctx;
}

/* A layout of `text` at `size` points; wrapped at word boundaries to `width`
 * points when width > 0, with lines aligned by `align` inside that width. */
static PangoLayout *text_layout(PangoContext *ctx, const char *text, double size, bool bold, double width,
                                PangoAlignment align)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *font = pango_font_description_new();
    pango_font_description_set_family(font, FONT_FAMILY);
    pango_font_description_set_size(font, (gint)lround(size * PANGO_SCALE));
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    if (width > 0) {
        pango_layout_set_width(layout, (int)floor(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    }
    pango_layout_set_alignment(layout, align);
    pango_layout_set_text(layout, text, -1);
    return layout;
}

static double text_height(PangoLayout *layout)
{
    if (!layout)
        return 0;
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

static double text_width(PangoLayout *layout)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    return (double)logical.width / PANGO_SCALE;
}

/* Pango falls back to breaking inside a word when a word is wider than the
 * line; a line that starts where no line break is allowed shows that. */
static bool breaks_inside_word(PangoLayout *layout)
{
    const char *text = pango_layout_get_text(layout);
    int n_attrs = 0;
    const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
        const PangoLayoutLine *line = l->data;
        if (line->start_index == 0)
            continue;
        glong offset = g_utf8_pointer_to_offset(text, text + line->start_index);
        if (offset < n_attrs && !attrs[offset].is_line_break)
            return true;
    }
    return false;
}

/* The width a label may take in its slot: leave a gap to the neighbours,
 * wider in wide slots, where full lines side by side would run together. */
static double label_width(double slot_w)
{
    return slot_w - fmin(fmax(slot_w * 0.06, 2.0), 6.0);
}

/* A category label in its slot, centred, wrapped between words. CUT_LINES
 * drops lines beyond CATEGORY_MAX_LINES behind an ellipsis; BREAK_WORDS
 * also breaks inside words. Either way a label can never run into the
 * neighbouring slots or off the page. */
static PangoLayout *category_layout(const bar_chart *c, size_t i, double size, category_fit fit)
{
    double width = label_width(c->lay.slot_w);
    PangoLayout *layout = text_layout(c->pango, category_text(c->spec, i), size, false, width, PANGO_ALIGN_CENTER);
    if (fit != LABELS_WHOLE) {
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        pango_layout_set_height(layout, -CATEGORY_MAX_LINES);
    }
    if (fit == LABELS_BREAK_WORDS)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    return layout;
}

/* Whether every category label at `size` keeps its words whole (and, for
 * LABELS_WHOLE, all its lines); *tallest gets the tallest label's height. */
static bool category_labels_fit(const bar_chart *c, double size, category_fit fit, double *tallest)
{
    double width = label_width(c->lay.slot_w);
    bool fits = true;
    *tallest = 0;
    for (size_t i = 0; i < c->spec->n && fits; i++) {
        PangoLayout *layout = category_layout(c, i, size, fit);
        fits = fit == LABELS_BREAK_WORDS ||
               (text_width(layout) <= width + 0.01 && !breaks_inside_word(layout) &&
                (fit == LABELS_CUT_LINES || pango_layout_get_line_count(layout) <= CATEGORY_MAX_LINES));
        *tallest = fmax(*tallest, text_height(layout));
        g_object_unref(layout);
    }
    return fits;
}

/* One size for every category label, as large as possible: whole labels
 * from BODY_PT down to MIN_LABEL_PT; then whole words with surplus lines
 * cut, shrinking a little further; as a last resort, broken words. Sets
 * category_pt and category_fit; returns the tallest label's height. */
static double fit_category_labels(bar_chart *c)
{
    double tallest = 0;
    c->lay.category_fit = LABELS_WHOLE;
    for (double size = BODY_PT; size >= MIN_LABEL_PT; size -= 1) {
        c->lay.category_pt = size;
        if (category_labels_fit(c, size, LABELS_WHOLE, &tallest))
            return tallest;
    }
    c->lay.category_fit = LABELS_CUT_LINES;
    for (double size = MIN_LABEL_PT; size >= MIN_SQUEEZED_PT; size -= 0.5) {
        c->lay.category_pt = size;
        if (category_labels_fit(c, size, LABELS_CUT_LINES, &tallest))
            return tallest;
    }
    c->lay.category_fit = LABELS_BREAK_WORDS;
    category_labels_fit(c, c->lay.category_pt, LABELS_BREAK_WORDS, &tallest);
    return tallest;
}

/* The text drawn above (or below) bar i: its value, or the missing marker. */
static void value_text(const bar_chart *c, size_t i, char buf[NUMBER_CAP])
{
    if (is_suppressed(c->spec, i))
        snprintf(buf, NUMBER_CAP, "%s", SUPPRESSED_MARKER);
    else if (is_missing(c->spec, i))
        snprintf(buf, NUMBER_CAP, "%s", MISSING_MARKER);
    else
        format_thousands(buf, c->spec->values[i], c->lay.value_decimals);
}

/* The size, in half points, at which text `width` wide at BODY_PT fits `room`. */
static double size_to_fit(double width, double room)
{
    return width <= room ? BODY_PT : floor(BODY_PT * room / width * 2) / 2;
}

/* Value labels stay at BODY_PT unless the widest would overhang its slot;
 * then all shrink together, down to MIN_VALUE_PT. Narrower still, labels
 * would overlap, so they are left out: the gridlines carry the values. The
 * missing marker is short and always shown. Sets show_values and value_pt;
 * returns the labels' height. */
static double fit_value_labels(bar_chart *c)
{
    double widest = 0;
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < c->spec->n; i++) {
        value_text(c, i, buf);
        PangoLayout *layout = text_layout(c->pango, buf, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        widest = fmax(widest, text_width(layout));
        g_object_unref(layout);
    }
    double room = label_width(c->lay.slot_w);
    double size = size_to_fit(widest, room);
    c->lay.show_values = size >= MIN_VALUE_PT;
    if (!c->lay.show_values) {
        PangoLayout *marker = text_layout(c->pango, MISSING_MARKER, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        size = fmax(size_to_fit(text_width(marker), room), MIN_VALUE_PT);
        g_object_unref(marker);
    }
    c->lay.value_pt = size;
    PangoLayout *layout = text_layout(c->pango, "0", size, false, 0, PANGO_ALIGN_LEFT);
    double height = text_height(layout);
    g_object_unref(layout);
    return height;
}

/* The width of the widest tick label; *height gets a label's height. */
static double widest_tick_label(const bar_chart *c, axis_ticks t, double *height)
{
    double widest = 0;
    char buf[NUMBER_CAP];
    for (long i = t.first; i <= t.last; i++) {
        format_thousands(buf, (double)i * t.step, t.decimals);
        PangoLayout *layout = text_layout(c->pango, buf, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        widest = fmax(widest, text_width(layout));
        *height = text_height(layout);
        g_object_unref(layout);
    }
    return widest;
}

/* ---- layout -------------------------------------------------------------- */

static void free_texts(chart_texts *t)
{
    PangoLayout **all[] = {&t->title, &t->subtitle, &t->y_title, &t->x_title, &t->note, &t->source};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (*all[i])
            g_object_unref(*all[i]);
        *all[i] = NULL;
    }
}

/* "Source: ..." unless the caller already wrote the word. */
static PangoLayout *source_layout(const bar_chart *c, double width)
{
    const char *source = c->spec->source;
    bool has_prefix = strncasecmp(source, "source:", 7) == 0;
    char *text = g_strconcat(has_prefix ? "" : "Source: ", source, NULL);
    PangoLayout *layout = text_layout(c->pango, text, FOOTER_PT, false, width, PANGO_ALIGN_LEFT);
    g_free(text);
    return layout;
}

static void make_texts(bar_chart *c)
{
    const rk_bar_spec *spec = c->spec;
    double width = c->lay.page_w - 2 * PAGE_MARGIN;
    chart_texts *t = &c->texts;
    t->title = text_layout(c->pango, spec->title, TITLE_PT, true, width, PANGO_ALIGN_LEFT);
    if (spec->subtitle && spec->subtitle[0])
        t->subtitle = text_layout(c->pango, spec->subtitle, BODY_PT, false, width, PANGO_ALIGN_LEFT);
    if (spec->y_title && spec->y_title[0])
        t->y_title = text_layout(c->pango, spec->y_title, BODY_PT, false, width, PANGO_ALIGN_LEFT);
    if (spec->x_title && spec->x_title[0])
        t->x_title = text_layout(c->pango, spec->x_title, BODY_PT, false, width, PANGO_ALIGN_LEFT);
    if (c->any_missing) {
        /* Explain only the markers the chart shows. */
        const char *note = !c->any_suppressed ? "Note: " MISSING_NOTE
                           : c->any_missing_only ? "Note: " MISSING_NOTE "; " SUPPRESSED_NOTE
                                                 : "Note: " SUPPRESSED_NOTE;
        t->note = text_layout(c->pango, note, FOOTER_PT, false, width, PANGO_ALIGN_LEFT);
    }
    if (spec->source && spec->source[0])
        t->source = source_layout(c, width);
}

/* Everything that depends on the ticks: the plot's left edge (tick labels
 * differ in width), so the slots, the category labels and the plot height.
 * `top` and `bottom` bound the plot and its category labels. */
static rk_status place_plot(bar_chart *c, axis_ticks ticks, double top, double bottom, const char *path,
                            rk_error *err)
{
    bar_layout *lay = &c->lay;
    lay->ticks = ticks;
    double tick_h = 0;
    lay->plot_left = PAGE_MARGIN + widest_tick_label(c, ticks, &tick_h) + TICK_LABEL_GAP;
    lay->plot_right = lay->page_w - PAGE_MARGIN;
    double plot_w = lay->plot_right - lay->plot_left;
    lay->slot_w = plot_w / (double)c->spec->n;
    if (lay->slot_w < MIN_SLOT_PT)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: %zu bars do not fit in %.0f mm (at most %d); make it wider",
                            path, c->spec->n, lay->page_w / PT_PER_INCH * MM_PER_INCH,
                            (int)(plot_w / MIN_SLOT_PT));
    lay->bar_w = fmin(lay->slot_w * BAR_FRACTION, plot_w * MAX_BAR_FRACTION);
    double value_h = fit_value_labels(c);
    lay->category_y = bottom - fit_category_labels(c);

    /* Value labels stand above the tallest bar (and hang below the most
     * negative one); the top tick label is centred on its gridline. Reserve
     * only what the empty part of the axis beyond the data does not already
     * give. Each round only shrinks the reserves and stays sufficient. */
    double range = (double)(ticks.last - ticks.first) * ticks.step;
    double empty_top = ((double)ticks.last * ticks.step - c->hi) / range;
    double empty_bottom = (c->lo - (double)ticks.first * ticks.step) / range;
    bool labels_above = c->any_missing || (lay->show_values && c->any_non_negative);
    double need_top = labels_above ? value_h + VALUE_LABEL_GAP : 0;
    double need_bottom = lay->show_values && c->lo < 0 ? value_h + VALUE_LABEL_GAP : 0;
    double room = lay->category_y - CATEGORY_GAP - top;
    double reserve_top = fmax(tick_h / 2, need_top), reserve_bottom = need_bottom;
    for (int round = 0; round < 3; round++) {
        double plot_h = room - reserve_top - reserve_bottom;
        reserve_top = fmax(tick_h / 2, need_top - empty_top * plot_h);
        reserve_bottom = fmax(0, need_bottom - empty_bottom * plot_h);
    }
    lay->plot_top = top + reserve_top;
    lay->plot_bottom = lay->category_y - CATEGORY_GAP - reserve_bottom;
    if (lay->plot_bottom - lay->plot_top < MIN_PLOT_PT)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: %.0f x %.0f mm leaves no room for the bars once the "
                            "titles, labels and source are placed; make it taller or shorten the text",
                            path, lay->page_w / PT_PER_INCH * MM_PER_INCH, lay->page_h / PT_PER_INCH * MM_PER_INCH);
    return RK_OK;
}

/* Stacks the headings from the top and the footers from the bottom, then
 * fits the plot between them. The ticks depend on the plot height, which
 * depends on the category labels, which depend on the tick label width: a
 * few rounds settle it (in practice one or two). */
static rk_status layout_chart(bar_chart *c, const char *path, rk_error *err)
{
    bar_layout *lay = &c->lay;
    chart_texts *t = &c->texts;
    make_texts(c);
    lay->value_decimals = value_decimals(c->spec);

    double y = PAGE_MARGIN + text_height(t->title);
    if (t->subtitle) {
        lay->subtitle_y = y + TITLE_GAP;
        y = lay->subtitle_y + text_height(t->subtitle);
    }
    y += HEADER_GAP;
    if (t->y_title) {
        lay->y_title_y = y;
        y += text_height(t->y_title) + AXIS_TITLE_GAP;
    }
    double top = y;

    double bottom = lay->page_h - PAGE_MARGIN;
    if (t->source) {
        lay->source_y = bottom - text_height(t->source);
        bottom = lay->source_y;
    }
    if (t->note) {
        lay->note_y = bottom - text_height(t->note);
        bottom = lay->note_y;
    }
    if (t->source || t->note)
        bottom -= FOOTER_GAP;
    if (t->x_title) {
        lay->x_title_y = bottom - text_height(t->x_title);
        bottom = lay->x_title_y - AXIS_TITLE_GAP;
    }

    /* First guess: a line of category labels and one of value labels. */
    double guess_h = bottom - 2 * (BODY_PT * 1.3) - CATEGORY_GAP - top;
    axis_ticks ticks = nice_ticks(c->lo, c->hi, intervals_for_height(guess_h));
    for (int round = 0;; round++) {
        rk_status st = place_plot(c, ticks, top, bottom, path, err);
        if (st != RK_OK)
            return st;
        axis_ticks better = nice_ticks(c->lo, c->hi, intervals_for_height(lay->plot_bottom - lay->plot_top));
        if (round == 2 || same_ticks(better, ticks))
            return RK_OK;
        ticks = better;
    }
}

/* ---- drawing ------------------------------------------------------------- */

static void set_colour(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

static void draw_layout(cairo_t *cr, PangoLayout *layout, double x, double y, uint32_t colour)
{
    set_colour(cr, colour);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

static double value_y(const bar_layout *lay, double v)
{
    double lo = (double)lay->ticks.first * lay->ticks.step;
    double hi = (double)lay->ticks.last * lay->ticks.step;
    return lay->plot_bottom - (v - lo) / (hi - lo) * (lay->plot_bottom - lay->plot_top);
}

static void draw_hline(cairo_t *cr, const bar_layout *lay, double y, double width, uint32_t colour)
{
    set_colour(cr, colour);
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, lay->plot_left, y);
    cairo_line_to(cr, lay->plot_right, y);
    cairo_stroke(cr);
}

/* Gridlines with their labels, right-aligned against the plot. The zero line
 * is drawn later, over the bars' bases. */
static void draw_value_axis(cairo_t *cr, const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    char buf[NUMBER_CAP];
    for (long i = lay->ticks.first; i <= lay->ticks.last; i++) {
        double v = (double)i * lay->ticks.step;
        double y = value_y(lay, v);
        if (i != 0)
            draw_hline(cr, lay, y, GRID_LINE_PT, COLOUR_GRID);
        format_thousands(buf, v, lay->ticks.decimals);
        PangoLayout *label = text_layout(c->pango, buf, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        double x = lay->plot_left - TICK_LABEL_GAP - text_width(label);
        draw_layout(cr, label, x, y - text_height(label) / 2, COLOUR_TEXT);
        g_object_unref(label);
    }
}

/* Bars with their value labels; a missing value gets no bar, only a marker
 * at the zero line, so it can never be read as a bar of zero. */
static void draw_bars(cairo_t *cr, const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    double zero = value_y(lay, 0);
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < c->spec->n; i++) {
        double centre = lay->plot_left + ((double)i + 0.5) * lay->slot_w;
        bool missing = is_missing(c->spec, i);
        double v = missing ? 0 : c->spec->values[i];
        double end = value_y(lay, v);
        if (!missing && v != 0) {
            set_colour(cr, COLOUR_BAR);
            cairo_rectangle(cr, centre - lay->bar_w / 2, fmin(zero, end), lay->bar_w, fabs(end - zero));
            cairo_fill(cr);
        }
        if (!missing && !lay->show_values)
            continue;
        value_text(c, i, buf);
        PangoLayout *label = text_layout(c->pango, buf, lay->value_pt, false, 0, PANGO_ALIGN_LEFT);
        double w = text_width(label), h = text_height(label);
        double y = v < 0 ? end + VALUE_LABEL_GAP : end - VALUE_LABEL_GAP - h;
        draw_layout(cr, label, centre - w / 2, y, missing ? COLOUR_SECONDARY : COLOUR_TEXT);
        g_object_unref(label);
    }
    draw_hline(cr, lay, zero, ZERO_LINE_PT, COLOUR_TEXT);
}

static void draw_category_labels(cairo_t *cr, const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    for (size_t i = 0; i < c->spec->n; i++) {
        PangoLayout *label = category_layout(c, i, lay->category_pt, lay->category_fit);
        double x = lay->plot_left + ((double)i + 0.5) * lay->slot_w - label_width(lay->slot_w) / 2;
        draw_layout(cr, label, x, lay->category_y, c->spec->labels[i] ? COLOUR_TEXT : COLOUR_SECONDARY);
        g_object_unref(label);
    }
}

static void draw_texts(cairo_t *cr, const bar_chart *c)
{
    const chart_texts *t = &c->texts;
    const bar_layout *lay = &c->lay;
    draw_layout(cr, t->title, PAGE_MARGIN, PAGE_MARGIN, COLOUR_TEXT);
    if (t->subtitle)
        draw_layout(cr, t->subtitle, PAGE_MARGIN, lay->subtitle_y, COLOUR_SUBTITLE);
    if (t->y_title)
        draw_layout(cr, t->y_title, PAGE_MARGIN, lay->y_title_y, COLOUR_TEXT);
    if (t->x_title) {
        /* Centred under the plot, but never pushed off the page's right edge. */
        double w = text_width(t->x_title);
        double x = fmax(PAGE_MARGIN, fmin((lay->plot_left + lay->plot_right - w) / 2, lay->page_w - PAGE_MARGIN - w));
        draw_layout(cr, t->x_title, x, lay->x_title_y, COLOUR_TEXT);
    }
    if (t->note)
        draw_layout(cr, t->note, PAGE_MARGIN, lay->note_y, COLOUR_SECONDARY);
    if (t->source)
        draw_layout(cr, t->source, PAGE_MARGIN, lay->source_y, COLOUR_SECONDARY);
}

/* Draws the laid-out chart on cr, whose user unit must be one point. */
static void draw_chart(cairo_t *cr, bar_chart *c)
{
    /* Tie the context to this surface; layouts made before must re-measure
     * (with unhinted metrics they come out the same). */
    pango_cairo_update_context(cr, c->pango);
    PangoLayout *texts[] = {c->texts.title, c->texts.subtitle, c->texts.y_title,
                            c->texts.x_title, c->texts.note,  c->texts.source};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        if (texts[i])
            pango_layout_context_changed(texts[i]);

    set_colour(cr, COLOUR_BACKGROUND);
    cairo_paint(cr);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    draw_value_axis(cr, c);
    draw_bars(cr, c);
    draw_category_labels(cr, c);
    draw_texts(cr, c);
}

/* ---- output -------------------------------------------------------------- */

/* Where cairo's bytes go: the temporary file of an rk_outfile. */
typedef struct stream_sink {
    FILE *fp;
    int saved_errno;         /* errno of the first failed write; 0 if none */
    unsigned long received;  /* bytes cairo has handed over (PNG only) */
    bool density_written;    /* PNG only: pHYs chunk inserted */
} stream_sink;

static cairo_status_t sink_put(stream_sink *sink, const unsigned char *data, size_t length)
{
    errno = 0;
    if (length > 0 && fwrite(data, 1, length, sink->fp) != length) {
        if (!sink->saved_errno)
            sink->saved_errno = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    return sink_put(closure, data, length);
}

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* CRC-32 as the PNG specification defines it (ISO 3309, reflected). */
static uint32_t png_crc(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

/* PNG signature (8 bytes) and IHDR chunk (4 length, 4 type, 13 data, 4 CRC):
 * IHDR must come first, and pHYs may follow it directly. */
#define PNG_IHDR_END 33u

/* cairo writes no resolution into a PNG, and Word then assumes 96 dpi and
 * places a 160 mm chart at 500 mm. Insert a pHYs chunk stating 300 dpi right
 * after IHDR so the image lands at its intended size. */
static cairo_status_t png_sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    stream_sink *sink = closure;
    if (!sink->density_written && sink->received + length >= PNG_IHDR_END) {
        size_t head = PNG_IHDR_END - sink->received;
        unsigned char chunk[21];
        uint32_t per_metre = (uint32_t)lround(PNG_DPI / (MM_PER_INCH / 1000.0));
        put_be32(chunk, 9);
        memcpy(chunk + 4, "pHYs", 4);
        put_be32(chunk + 8, per_metre);
        put_be32(chunk + 12, per_metre);
        chunk[16] = 1; /* unit: metre */
        put_be32(chunk + 17, png_crc(chunk + 4, 13));
        cairo_status_t st = sink_put(sink, data, head);
        if (st == CAIRO_STATUS_SUCCESS)
            st = sink_put(sink, chunk, sizeof chunk);
        if (st != CAIRO_STATUS_SUCCESS)
            return st;
        sink->density_written = true;
        sink->received += head;
        data += head;
        length -= (unsigned int)head;
    }
    sink->received += length;
    return sink_put(sink, data, length);
}

static double mm_to_pt(double mm)
{
    return mm / MM_PER_INCH * PT_PER_INCH;
}

static cairo_status_t render_png(bar_chart *c, double width_mm, double height_mm, stream_sink *sink)
{
    int w = (int)lround(width_mm / MM_PER_INCH * PNG_DPI);
    int h = (int)lround(height_mm / MM_PER_INCH * PNG_DPI);
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(surface);
    cairo_scale(cr, PNG_DPI / PT_PER_INCH, PNG_DPI / PT_PER_INCH);
    draw_chart(cr, c);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_write_to_png_stream(surface, png_sink_write, sink);
    cairo_surface_destroy(surface);
    return st;
}

static cairo_status_t render_vector(bar_chart *c, chart_format format, stream_sink *sink)
{
    double w = c->lay.page_w, h = c->lay.page_h;
    cairo_surface_t *surface;
    if (format == FORMAT_PDF) {
        surface = cairo_pdf_surface_create_for_stream(sink_write, sink, w, h);
        /* The title in the document properties helps screen readers. */
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, c->spec->title);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "rapkit");
    } else {
        surface = cairo_svg_surface_create_for_stream(sink_write, sink, w, h);
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT);
    }
    cairo_t *cr = cairo_create(surface);
    draw_chart(cr, c);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface); /* writes the document out */
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    return st;
}

static rk_status render_to_file(bar_chart *c, chart_format format, double width_mm, double height_mm,
                                const char *path, rk_error *err)
{
    rk_outfile out;
    rk_status status = rk_outfile_open(&out, path, err);
    if (status != RK_OK)
        return status;
    stream_sink sink = {.fp = out.fp};
    cairo_status_t st = format == FORMAT_PNG ? render_png(c, width_mm, height_mm, &sink)
                                             : render_vector(c, format, &sink);
    if (st != CAIRO_STATUS_SUCCESS) {
        rk_outfile_abort(&out);
        if (st == CAIRO_STATUS_NO_MEMORY)
            return rk_error_nomem(err);
        if (st == CAIRO_STATUS_WRITE_ERROR && sink.saved_errno)
            return rk_error_set(err, RK_EIO, "cannot write %s: %s", path, strerror(sink.saved_errno));
        return rk_error_set(err, RK_EIO, "cannot save chart to %s: %s", path, cairo_status_to_string(st));
    }
    return rk_outfile_commit(&out, err);
}

/* ---- entry point --------------------------------------------------------- */

rk_status rk_chart_bar_save(const rk_bar_spec *spec, const char *path, rk_error *err)
{
    if (!spec || !path || !path[0])
        return rk_error_set(err, RK_EARG, "cannot save chart: no %s given", spec ? "output path" : "chart");
    chart_format format = FORMAT_PNG;
    rk_status status = validate_spec(spec, err);
    if (status == RK_OK)
        status = format_from_path(path, &format, err);
    if (status != RK_OK)
        return status;

    double width_mm = spec->width_mm != 0 ? spec->width_mm : DEFAULT_WIDTH_MM;
    double height_mm = spec->height_mm != 0 ? spec->height_mm : DEFAULT_HEIGHT_MM;
    bar_chart c = {.spec = spec};
    c.lay.page_w = mm_to_pt(width_mm);
    c.lay.page_h = mm_to_pt(height_mm);
    for (size_t i = 0; i < spec->n; i++) {
        if (is_missing(spec, i)) {
            c.any_missing = true;
            c.any_suppressed |= is_suppressed(spec, i);
            c.any_missing_only |= !is_suppressed(spec, i);
            continue;
        }
        c.any_non_negative |= spec->values[i] >= 0;
        c.lo = fmin(c.lo, spec->values[i]);
        c.hi = fmax(c.hi, spec->values[i]);
    }

    c.pango = points_context();
    status = layout_chart(&c, path, err);
    if (status == RK_OK)
        status = render_to_file(&c, format, width_mm, height_mm, path, err);
    free_texts(&c.texts);
    g_object_unref(c.pango);
    return status;
}
