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

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "rk_chart_frame.h"
#include "rk_chart_parts.h"

#define MIN_LABEL_PT 8.0 /* category labels shrink to this before cutting lines */
#define MIN_SQUEEZED_PT 6.5 /* and to this before breaking words */
#define MIN_VALUE_PT 8.0 /* value labels shrink to this; if still too wide, they are left out */
#define VALUE_LABEL_GAP 2.0  /* between a bar's end and its value label */
#define BAR_FRACTION 0.65    /* of the slot: a gap of about half a bar between bars */
#define MAX_BAR_FRACTION 0.2 /* of the plot: one or two bars should not be slabs */
#define MIN_SLOT_PT 12.0     /* narrower slots cannot carry a label of any kind */
#define CATEGORY_MAX_LINES 3

/* How category labels were made to fit their slots, best first. */
typedef enum category_fit {
    LABELS_WHOLE,      /* every word and line shown */
    LABELS_CUT_LINES,  /* lines beyond CATEGORY_MAX_LINES end in an ellipsis */
    LABELS_BREAK_WORDS /* words wider than the slot broken too */
} category_fit;

/* Value-axis ticks are i * step for first <= i <= last; first <= 0 <= last,
 * so zero is always a tick and the axis starts at zero. */

/* Value-axis ticks; the data range given to them contains zero, so zero is
 * always a tick and the axis starts at zero. */
typedef rk_frame_ticks axis_ticks;
/* Where everything goes, in points from the page's top-left corner. */
typedef struct bar_layout {
    double page_w, page_h;
    axis_ticks ticks;
    double plot_left, plot_right; /* across all slots */
    double plot_top, plot_bottom; /* y of the highest and lowest tick */
    double slot_w;                /* each category's share of the plot width */
    double bar_w;
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
    rk_frame_texts texts;
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
    return rk_frame_check_text("bar", text, what, err);
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
    if ((st = rk_frame_check_size("bar", spec->width_mm, "width", err)) ||
        (st = rk_frame_check_size("bar", spec->height_mm, "height", err)))
        return st;
    return RK_OK;
}

/* One number of decimal places for every value label, so the labels line
 * up and compare: none for counts, else the fewest that show every value
 * exactly, at most two. When every value is below 1 (rates, proportions) the
 * limit rises to show the largest to two significant figures, so 0.0121
 * prints as "0.012", not "0.01". */
static int value_decimals(const rk_bar_spec *spec)
{
    return rk_frame_decimals(spec->values, spec->missing, spec->n);
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
    PangoLayout *layout = rk_frame_text(c->pango, category_text(c->spec, i), size, false, width, PANGO_ALIGN_CENTER);
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
               (rk_frame_text_width(layout) <= width + 0.01 && !breaks_inside_word(layout) &&
                (fit == LABELS_CUT_LINES || pango_layout_get_line_count(layout) <= CATEGORY_MAX_LINES));
        *tallest = fmax(*tallest, rk_frame_text_height(layout));
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
        rk_frame_format_number(buf, c->spec->values[i], c->lay.value_decimals);
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
        PangoLayout *layout = rk_frame_text(c->pango, buf, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        widest = fmax(widest, rk_frame_text_width(layout));
        g_object_unref(layout);
    }
    double room = label_width(c->lay.slot_w);
    double size = size_to_fit(widest, room);
    c->lay.show_values = size >= MIN_VALUE_PT;
    if (!c->lay.show_values) {
        PangoLayout *marker = rk_frame_text(c->pango, MISSING_MARKER, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        size = fmax(size_to_fit(rk_frame_text_width(marker), room), MIN_VALUE_PT);
        g_object_unref(marker);
    }
    c->lay.value_pt = size;
    PangoLayout *layout = rk_frame_text(c->pango, "0", size, false, 0, PANGO_ALIGN_LEFT);
    double height = rk_frame_text_height(layout);
    g_object_unref(layout);
    return height;
}

/* The width of the widest tick label; *height gets a label's height. */
static double widest_tick_label(const bar_chart *c, axis_ticks t, double *height)
{
    double widest = 0;
    char buf[NUMBER_CAP];
    for (long i = t.first; i <= t.last; i++) {
        rk_frame_format_number(buf, (double)i * t.step, t.decimals);
        PangoLayout *layout = rk_frame_text(c->pango, buf, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        widest = fmax(widest, rk_frame_text_width(layout));
        *height = rk_frame_text_height(layout);
        g_object_unref(layout);
    }
    return widest;
}

/* ---- layout -------------------------------------------------------------- */

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
    rk_frame_texts *t = &c->texts;
    const rk_bar_spec *spec = c->spec;
    rk_frame_make_texts(c->pango, t, lay->page_w, spec->title, spec->subtitle, spec->y_title, spec->x_title,
                        rk_frame_marker_note(c->any_missing_only, c->any_suppressed), spec->source);
    lay->value_decimals = value_decimals(c->spec);
    double top, bottom;
    rk_frame_stack_texts(t, lay->page_h, &top, &bottom);

    /* First guess: a line of category labels and one of value labels. */
    double guess_h = bottom - 2 * (BODY_PT * 1.3) - CATEGORY_GAP - top;
    axis_ticks ticks = rk_frame_nice_ticks(c->lo, c->hi, rk_frame_intervals_for(guess_h));
    for (int round = 0;; round++) {
        rk_status st = place_plot(c, ticks, top, bottom, path, err);
        if (st != RK_OK)
            return st;
        axis_ticks better = rk_frame_nice_ticks(c->lo, c->hi, rk_frame_intervals_for(lay->plot_bottom - lay->plot_top));
        if (round == 2 || rk_frame_same_ticks(better, ticks))
            return RK_OK;
        ticks = better;
    }
}

/* ---- drawing ------------------------------------------------------------- */


static double value_y(const bar_layout *lay, double v)
{
    double lo = (double)lay->ticks.first * lay->ticks.step;
    double hi = (double)lay->ticks.last * lay->ticks.step;
    return lay->plot_bottom - (v - lo) / (hi - lo) * (lay->plot_bottom - lay->plot_top);
}

static void draw_hline(cairo_t *cr, const bar_layout *lay, double y, double width, uint32_t colour)
{
    rk_frame_line(cr, lay->plot_left, y, lay->plot_right, y, width, colour);
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
        rk_frame_format_number(buf, v, lay->ticks.decimals);
        PangoLayout *label = rk_frame_text(c->pango, buf, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        double x = lay->plot_left - TICK_LABEL_GAP - rk_frame_text_width(label);
        rk_frame_draw_text(cr, label, x, y - rk_frame_text_height(label) / 2, COLOUR_TEXT);
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
            rk_frame_set_colour(cr, COLOUR_BAR);
            cairo_rectangle(cr, centre - lay->bar_w / 2, fmin(zero, end), lay->bar_w, fabs(end - zero));
            cairo_fill(cr);
        }
        if (!missing && !lay->show_values)
            continue;
        value_text(c, i, buf);
        PangoLayout *label = rk_frame_text(c->pango, buf, lay->value_pt, false, 0, PANGO_ALIGN_LEFT);
        double w = rk_frame_text_width(label), h = rk_frame_text_height(label);
        double y = v < 0 ? end + VALUE_LABEL_GAP : end - VALUE_LABEL_GAP - h;
        rk_frame_draw_text(cr, label, centre - w / 2, y, missing ? COLOUR_SECONDARY : COLOUR_TEXT);
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
        rk_frame_draw_text(cr, label, x, lay->category_y, c->spec->labels[i] ? COLOUR_TEXT : COLOUR_SECONDARY);
        g_object_unref(label);
    }
}

/* Draws the laid-out chart on cr, whose user unit must be one point. */
static void draw_chart(cairo_t *cr, bar_chart *c)
{
    rk_frame_begin_page(cr, c->pango, &c->texts);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    draw_value_axis(cr, c);
    draw_bars(cr, c);
    draw_category_labels(cr, c);
    rk_frame_draw_texts(cr, &c->texts, c->lay.page_w, c->lay.plot_left, c->lay.plot_right);
}

/* Draws the laid-out chart; the signature rk_frame_render wants. */
static void draw_bar_chart(cairo_t *cr, void *chart)
{
    draw_chart(cr, chart);
}

/* ---- alt text and companion table ---------------------------------------- */

/* One paragraph: chart type, what is compared, the highest and lowest
 * values as printed on the chart, and what is missing or withheld. */
static char *bar_alt_text(const rk_bar_spec *spec, int decimals)
{
    GString *alt = g_string_new(NULL);
    g_string_append_printf(alt, "Bar chart: %s.", spec->title);
    if (spec->subtitle && spec->subtitle[0])
        g_string_append_printf(alt, " %s.", spec->subtitle);
    bool named = spec->x_title && spec->x_title[0];
    g_string_append_printf(alt, " It compares %s across %zu %s%s%s.",
                           spec->y_title && spec->y_title[0] ? spec->y_title : spec->y_name ? spec->y_name : "values",
                           spec->n,
                           spec->n == 1 ? "category" : "categories", named ? " of " : "",
                           named ? spec->x_title : "");
    size_t hi = spec->n, lo = spec->n, n_missing = 0, n_suppressed = 0;
    for (size_t i = 0; i < spec->n; i++) {
        if (is_missing(spec, i)) {
            n_missing += !is_suppressed(spec, i);
            n_suppressed += is_suppressed(spec, i);
            continue;
        }
        if (hi == spec->n || spec->values[i] > spec->values[hi])
            hi = i;
        if (lo == spec->n || spec->values[i] < spec->values[lo])
            lo = i;
    }
    char a[NUMBER_CAP], b[NUMBER_CAP];
    if (hi < spec->n && hi != lo) {
        rk_frame_format_number(a, spec->values[hi], decimals);
        rk_frame_format_number(b, spec->values[lo], decimals);
        g_string_append_printf(alt, " The highest is %s (%s) and the lowest is %s (%s).", category_text(spec, hi),
                               a, category_text(spec, lo), b);
    } else if (hi < spec->n) {
        rk_frame_format_number(a, spec->values[hi], decimals);
        g_string_append_printf(alt, " The only value shown is %s (%s).", category_text(spec, hi), a);
    }
    if (n_missing)
        g_string_append_printf(alt, " %zu %s not available, marked [x].", n_missing,
                               n_missing == 1 ? "value is" : "values are");
    if (n_suppressed)
        g_string_append_printf(alt, " %zu %s withheld as confidential, marked [c].", n_suppressed,
                               n_suppressed == 1 ? "value is" : "values are");
    return g_string_free(alt, FALSE);
}

static rk_status write_bar_companions(const rk_bar_spec *spec, const char *alt, const char *path, rk_error *err)
{
    const char *headers[2] = {
        spec->x_name ? spec->x_name : spec->x_title && spec->x_title[0] ? spec->x_title : "category",
        spec->y_name ? spec->y_name : spec->y_title && spec->y_title[0] ? spec->y_title : "value",
    };
    rk_frame_table table;
    rk_status st = rk_frame_table_init(&table, headers, 2, spec->n, err);
    if (st != RK_OK)
        return st;
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < spec->n; i++) {
        rk_frame_table_set(&table, i, 0, spec->labels[i] ? spec->labels[i] : "");
        if (is_suppressed(spec, i))
            rk_frame_table_set(&table, i, 1, SUPPRESSED_MARKER);
        else if (is_missing(spec, i))
            rk_frame_table_set(&table, i, 1, MISSING_MARKER);
        else {
            rk_frame_exact_text(buf, spec->values[i]);
            rk_frame_table_set(&table, i, 1, buf);
        }
    }
    st = rk_frame_write_companions(path, alt, &table, err);
    rk_frame_table_free(&table);
    return st;
}

/* ---- entry point --------------------------------------------------------- */

rk_status rk_chart_bar_save(const rk_bar_spec *spec, const char *path, rk_error *err)
{
    if (!spec)
        return rk_error_set(err, RK_EARG, "cannot save chart: no chart given");
    rk_frame_start start;
    rk_status status = validate_spec(spec, err);
    if (status == RK_OK)
        status = rk_frame_start_save(path, spec->width_mm, spec->height_mm, &start, err);
    if (status != RK_OK)
        return status;
    bar_chart c = {.spec = spec};
    c.lay.page_w = start.page_w;
    c.lay.page_h = start.page_h;
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

    c.pango = rk_frame_pango_context();
    status = layout_chart(&c, path, err);
    char *alt = bar_alt_text(spec, c.lay.value_decimals);
    if (status == RK_OK) {
        rk_frame_page page = {start.width_mm, start.height_mm, spec->title, alt};
        status = rk_frame_render(&page, start.format, draw_bar_chart, &c, path, err);
    }
    if (status == RK_OK && spec->companions)
        status = write_bar_companions(spec, alt, path, err);
    g_free(alt);
    rk_frame_free_texts(&c.texts);
    g_object_unref(c.pango);
    return status;
}

/* ---- shared with the gnuplot backend (rk_chart_parts.h) ------------------ */

rk_status rk_bar_check(const void *spec, rk_error *err)
{
    return validate_spec(spec, err);
}

char *rk_bar_alt_text(const void *spec, int decimals)
{
    return bar_alt_text(spec, decimals);
}

rk_status rk_bar_companions(const void *spec, const char *alt, const char *path, rk_error *err)
{
    return write_bar_companions(spec, alt, path, err);
}
