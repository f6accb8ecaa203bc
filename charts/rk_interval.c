/* rk_interval.c: horizontal dot and interval charts (forest plots) for
 * rates and ratios, drawn with cairo in the house style of rk_chart_frame.h.
 *
 * One row per group, top to bottom in the caller's order: the group's label
 * on the left, its estimate as a dot on a line from lower to upper, and the
 * numbers on the right ("1.52 (1.31 to 1.76)"), so the values can be read
 * without the axis and the chart works in greyscale. A dashed vertical line
 * marks the reference (1 for ratios). A row without an estimate shows "[x]"
 * or "[c]" (withheld) instead of a dot, never a dot at zero; an estimate
 * without an interval is a dot alone, and a note says why.
 */
#include "rk_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "rk_chart_frame.h"
#include "rk_chart_parts.h"
#include "rk_chart_type.h"

#define DOT_RADIUS 4.0
#define WHISKER_PT 1.5
#define CAP_PT 7.0               /* height of the interval's end caps */
#define MAX_LABEL_SHARE 0.35     /* of the page width, for the group labels */
#define COLUMN_GAP 10.0          /* between the plot and the labels either side */
#define MAX_ROW_PT 36.0          /* taller rows look empty */
#define MIN_ROW_PT 12.0
#define X_TICK_SPACING_PT 55.0   /* horizontal tick labels need more room */
#define NO_INTERVAL_NOTE "a dot without a line has no interval (it could not be calculated)"
#define NUMBERS_HEADER "Estimate (interval)"

typedef struct interval_chart {
    const rk_interval_spec *spec;
    PangoContext *pango;
    rk_frame_texts texts;
    double page_w, page_h;
    double lo, hi;
    rk_frame_ticks ticks;
    int decimals;
    double label_w, numbers_w;
    double plot_left, plot_right, plot_top, plot_bottom, row_h;
    double header_y;             /* the numbers column's header */
    double tick_label_y;
    bool any_missing_only, any_suppressed, any_no_interval;
    rk_frame_panel *panel;       /* NULL unless drawn as one of small multiples */
} interval_chart;

static bool row_missing(const rk_interval_spec *spec, size_t i)
{
    return spec->missing && spec->missing[i];
}

static bool row_suppressed(const rk_interval_spec *spec, size_t i)
{
    return row_missing(spec, i) && spec->suppressed && spec->suppressed[i];
}

static bool row_has_interval(const rk_interval_spec *spec, size_t i)
{
    return !row_missing(spec, i) && !(spec->no_interval && spec->no_interval[i]);
}

static const char *group_text(const rk_interval_spec *spec, size_t i)
{
    return spec->labels[i] ? spec->labels[i] : "(missing)";
}

/* ---- validation ---------------------------------------------------------- */

static rk_status validate_interval(const void *chart_spec, rk_error *err)
{
    const rk_interval_spec *spec = chart_spec;
    if (!spec->title || !spec->title[0])
        return rk_error_set(err, RK_EARG, "interval chart has no title: give it a headline title");
    if (spec->n == 0)
        return rk_error_set(err, RK_EARG, "interval chart has no rows: the data has no rows");
    if (!spec->labels || !spec->estimate || !spec->lower || !spec->upper)
        return rk_error_set(err, RK_EARG, "interval chart needs labels, estimates, lower and upper values");
    rk_status st;
    if ((st = rk_frame_check_text("interval", spec->title, "title", err)) ||
        (st = rk_frame_check_text("interval", spec->subtitle, "subtitle", err)) ||
        (st = rk_frame_check_text("interval", spec->source, "source", err)) ||
        (st = rk_frame_check_text("interval", spec->x_title, "x axis title", err)) ||
        (st = rk_frame_check_text("interval", spec->y_title, "y axis title", err)) ||
        (st = rk_frame_check_size("interval", spec->width_mm, "width", err)) ||
        (st = rk_frame_check_size("interval", spec->height_mm, "height", err)))
        return st;
    if (!spec->no_reference && (!isfinite(spec->reference) || fabs(spec->reference) > MAX_ABS_VALUE))
        return rk_error_set(err, RK_EARG, "interval chart reference %g is not a usable number", spec->reference);
    for (size_t i = 0; i < spec->n; i++) {
        if (spec->labels[i] && !g_utf8_validate(spec->labels[i], -1, NULL))
            return rk_error_set(err, RK_EARG, "interval chart label %zu is not valid UTF-8", i + 1);
        if (row_missing(spec, i))
            continue;
        double e = spec->estimate[i], l = spec->lower[i], u = spec->upper[i];
        if (!isfinite(e) || fabs(e) > MAX_ABS_VALUE)
            return rk_error_set(err, RK_EARG, "interval chart estimate for '%.60s' is %g: mark it missing instead",
                                group_text(spec, i), e);
        if (!row_has_interval(spec, i))
            continue;
        if (!isfinite(l) || !isfinite(u) || fabs(l) > MAX_ABS_VALUE || fabs(u) > MAX_ABS_VALUE)
            return rk_error_set(err, RK_EARG,
                                "interval chart interval for '%.60s' is %g to %g: mark it as having no interval",
                                group_text(spec, i), l, u);
        if (!(l <= e && e <= u))
            return rk_error_set(err, RK_EARG,
                                "interval chart interval for '%.60s' (%g to %g) does not contain its estimate %g",
                                group_text(spec, i), l, u, e);
    }
    return RK_OK;
}

/* ---- layout -------------------------------------------------------------- */

/* "1.52 (1.31 to 1.76)", "1.52 (no interval)", "[c]" or "[x]". */
static void numbers_text(const interval_chart *c, size_t i, char *buf, size_t cap)
{
    const rk_interval_spec *spec = c->spec;
    if (row_suppressed(spec, i)) {
        snprintf(buf, cap, "%s", SUPPRESSED_MARKER);
        return;
    }
    if (row_missing(spec, i)) {
        snprintf(buf, cap, "%s", MISSING_MARKER);
        return;
    }
    char e[NUMBER_CAP], l[NUMBER_CAP], u[NUMBER_CAP];
    rk_frame_format_number(e, spec->estimate[i], c->decimals);
    if (!row_has_interval(spec, i)) {
        snprintf(buf, cap, "%s (no interval)", e);
        return;
    }
    rk_frame_format_number(l, spec->lower[i], c->decimals);
    rk_frame_format_number(u, spec->upper[i], c->decimals);
    snprintf(buf, cap, "%s (%s to %s)", e, l, u);
}

static double x_at(const interval_chart *c, double v)
{
    double lo = rk_frame_tick_value(c->ticks, c->ticks.first), hi = rk_frame_tick_value(c->ticks, c->ticks.last);
    return c->plot_left + (v - lo) / (hi - lo) * (c->plot_right - c->plot_left);
}

static rk_status layout_interval(interval_chart *c, const char *path, rk_error *err)
{
    const rk_interval_spec *spec = c->spec;
    char note[320] = "";
    const char *markers = rk_frame_marker_note(c->any_missing_only, c->any_suppressed);
    if (markers)
        snprintf(note, sizeof note, "%s", markers);
    if (c->any_no_interval)
        snprintf(note + strlen(note), sizeof note - strlen(note), "%s" NO_INTERVAL_NOTE, note[0] ? "; " : "Note: ");
    /* The group title goes above the labels (y_title), the value title under the axis. */
    rk_frame_make_texts(c->pango, &c->texts, c->page_w, spec->title, spec->subtitle, spec->y_title, spec->x_title,
                        note, spec->source);
    double top, bottom;
    rk_frame_stack_texts(&c->texts, c->page_h, &top, &bottom);

    double label_h = 0;
    rk_frame_measure(c->pango, "Ag", BODY_PT, &label_h);
    c->label_w = 0;
    for (size_t i = 0; i < spec->n; i++)
        c->label_w = fmax(c->label_w, rk_frame_measure(c->pango, group_text(spec, i), BODY_PT, NULL));
    c->label_w = fmin(c->label_w, MAX_LABEL_SHARE * c->page_w);
    char buf[3 * NUMBER_CAP + 32];
    double small_h = 0;
    c->numbers_w = rk_frame_measure(c->pango, NUMBERS_HEADER, FOOTER_PT, &small_h);
    for (size_t i = 0; i < spec->n; i++) {
        numbers_text(c, i, buf, sizeof buf);
        c->numbers_w = fmax(c->numbers_w, rk_frame_measure(c->pango, buf, BODY_PT, NULL));
    }
    c->plot_left = PAGE_MARGIN + c->label_w + COLUMN_GAP;
    c->plot_right = c->page_w - PAGE_MARGIN - c->numbers_w - COLUMN_GAP;
    double plot_w = c->plot_right - c->plot_left;
    if (plot_w < MIN_PLOT_PT * 2)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: the labels and numbers leave no room for the intervals; "
                            "make it wider or shorten the labels", path);
    int intervals = (int)(plot_w / X_TICK_SPACING_PT);
    c->ticks = rk_frame_shared_ticks(
        c->panel, rk_frame_nice_ticks(c->lo, c->hi, intervals < 2 ? 2 : intervals > MAX_INTERVALS ? MAX_INTERVALS : intervals));

    c->header_y = top;
    c->plot_top = top + small_h + 2;
    c->tick_label_y = bottom - label_h;
    c->plot_bottom = c->tick_label_y - 4;
    c->row_h = fmin((c->plot_bottom - c->plot_top) / (double)spec->n, MAX_ROW_PT);
    if (c->row_h < fmax(MIN_ROW_PT, label_h * 0.9))
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: %zu rows do not fit in %.0f mm; make it taller", path, spec->n,
                            c->page_h / PT_PER_INCH * MM_PER_INCH);
    /* Rows sit together under the header; the axis follows the last row. */
    double rows_bottom = c->plot_top + c->row_h * (double)spec->n;
    double slack = c->plot_bottom - rows_bottom;
    c->plot_bottom = rows_bottom;
    c->tick_label_y -= slack;
    if (c->texts.x_title)
        c->texts.x_title_y -= slack;
    return RK_OK;
}

/* ---- drawing ------------------------------------------------------------- */

static void draw_interval_chart(cairo_t *cr, void *chart)
{
    interval_chart *c = chart;
    const rk_interval_spec *spec = c->spec;
    rk_frame_begin_page(cr, c->pango, &c->texts);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);

    /* Value axis: vertical gridlines, tick labels under the rows, zero as the baseline. */
    char buf[3 * NUMBER_CAP + 32];
    for (long i = c->ticks.first; i <= c->ticks.last; i++) {
        double v = rk_frame_tick_value(c->ticks, i), x = x_at(c, v);
        if (i != 0)
            rk_frame_line(cr, x, c->plot_top, x, c->plot_bottom, GRID_LINE_PT, COLOUR_GRID);
        rk_frame_format_number(buf, v, c->ticks.decimals);
        double w = rk_frame_measure(c->pango, buf, BODY_PT, NULL);
        rk_frame_draw_string(cr, c->pango, buf, BODY_PT, x - w / 2, c->tick_label_y, COLOUR_TEXT);
    }
    double zero = x_at(c, 0);
    rk_frame_line(cr, zero, c->plot_top, zero, c->plot_bottom, ZERO_LINE_PT, COLOUR_TEXT);
    if (!spec->no_reference) {
        static const double dash[] = {5, 3};
        cairo_set_dash(cr, dash, 2, 0);
        double ref = x_at(c, spec->reference);
        rk_frame_line(cr, ref, c->plot_top, ref, c->plot_bottom, 1.25, COLOUR_SUBTITLE);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    double header_w = rk_frame_measure(c->pango, NUMBERS_HEADER, FOOTER_PT, NULL);
    rk_frame_draw_string(cr, c->pango, NUMBERS_HEADER, FOOTER_PT, c->page_w - PAGE_MARGIN - header_w, c->header_y,
                         COLOUR_SECONDARY);

    for (size_t i = 0; i < spec->n; i++) {
        double y = c->plot_top + ((double)i + 0.5) * c->row_h;
        PangoLayout *label = rk_frame_text(c->pango, group_text(spec, i), BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        pango_layout_set_width(label, (int)floor(c->label_w * PANGO_SCALE));
        pango_layout_set_ellipsize(label, PANGO_ELLIPSIZE_END);
        rk_frame_draw_text(cr, label, PAGE_MARGIN, y - rk_frame_text_height(label) / 2,
                           spec->labels[i] ? COLOUR_TEXT : COLOUR_SECONDARY);
        g_object_unref(label);

        numbers_text(c, i, buf, sizeof buf);
        double h = 0, w = rk_frame_measure(c->pango, buf, BODY_PT, &h);
        bool missing = row_missing(spec, i);
        rk_frame_draw_string(cr, c->pango, buf, BODY_PT, c->page_w - PAGE_MARGIN - w, y - h / 2,
                             missing ? COLOUR_SECONDARY : COLOUR_TEXT);
        if (missing) {
            /* The marker where a dot would be, at the reference (or the baseline). */
            const char *marker = row_suppressed(spec, i) ? SUPPRESSED_MARKER : MISSING_MARKER;
            double mw = rk_frame_measure(c->pango, marker, BODY_PT, NULL);
            double x = x_at(c, spec->no_reference ? 0 : spec->reference) + 4;
            rk_frame_draw_string(cr, c->pango, marker, BODY_PT, fmin(x, c->plot_right - mw), y - h / 2,
                                 COLOUR_SECONDARY);
            continue;
        }
        rk_frame_set_colour(cr, COLOUR_BAR);
        if (row_has_interval(spec, i)) {
            double x0 = x_at(c, spec->lower[i]), x1 = x_at(c, spec->upper[i]);
            cairo_set_line_width(cr, WHISKER_PT);
            cairo_move_to(cr, x0, y);
            cairo_line_to(cr, x1, y);
            cairo_move_to(cr, x0, y - CAP_PT / 2);
            cairo_line_to(cr, x0, y + CAP_PT / 2);
            cairo_move_to(cr, x1, y - CAP_PT / 2);
            cairo_line_to(cr, x1, y + CAP_PT / 2);
            cairo_stroke(cr);
        }
        cairo_arc(cr, x_at(c, spec->estimate[i]), y, DOT_RADIUS, 0, 2 * G_PI);
        cairo_fill_preserve(cr);
        rk_frame_set_colour(cr, COLOUR_BACKGROUND);
        cairo_set_line_width(cr, 1.0);
        cairo_stroke(cr);
    }
    rk_frame_draw_texts(cr, &c->texts, c->page_w, c->plot_left, c->plot_right);
}

/* ---- alt text and companion table ---------------------------------------- */

static char *interval_alt_text(const void *chart)
{
    const interval_chart *c = chart;
    const rk_interval_spec *spec = c->spec;
    GString *alt = g_string_new(NULL);
    char buf[3 * NUMBER_CAP + 32], ref[NUMBER_CAP] = "";
    g_string_append_printf(alt, "Dot and interval chart: %s.", spec->title);
    if (spec->subtitle && spec->subtitle[0])
        g_string_append_printf(alt, " %s.", spec->subtitle);
    g_string_append_printf(alt, " It shows %s with %s interval for %zu %s", 
                           spec->x_title && spec->x_title[0] ? spec->x_title : "an estimate", "its",
                           spec->n, spec->n == 1 ? "group" : "groups");
    if (spec->y_title && spec->y_title[0])
        g_string_append_printf(alt, " of %s", spec->y_title);
    if (!spec->no_reference) {
        rk_frame_format_number(ref, spec->reference, rk_frame_decimals(&spec->reference, NULL, 1));
        g_string_append_printf(alt, ", against a reference line at %s", ref);
    }
    g_string_append(alt, ".");
    size_t hi = spec->n, lo = spec->n, n_missing = 0, n_suppressed = 0, n_no_interval = 0;
    GString *above = g_string_new(NULL), *below = g_string_new(NULL);
    for (size_t i = 0; i < spec->n; i++) {
        if (row_missing(spec, i)) {
            n_suppressed += row_suppressed(spec, i);
            n_missing += !row_suppressed(spec, i);
            continue;
        }
        if (hi == spec->n || spec->estimate[i] > spec->estimate[hi])
            hi = i;
        if (lo == spec->n || spec->estimate[i] < spec->estimate[lo])
            lo = i;
        if (!row_has_interval(spec, i)) {
            n_no_interval++;
            continue;
        }
        if (!spec->no_reference && spec->lower[i] > spec->reference)
            g_string_append_printf(above, "%s%s", above->len ? ", " : "", group_text(spec, i));
        if (!spec->no_reference && spec->upper[i] < spec->reference)
            g_string_append_printf(below, "%s%s", below->len ? ", " : "", group_text(spec, i));
    }
    if (hi < spec->n) {
        numbers_text(c, hi, buf, sizeof buf);
        g_string_append_printf(alt, " The highest is %s at %s", group_text(spec, hi), buf);
        if (lo != hi) {
            numbers_text(c, lo, buf, sizeof buf);
            g_string_append_printf(alt, "; the lowest is %s at %s", group_text(spec, lo), buf);
        }
        g_string_append(alt, ".");
    }
    if (above->len)
        g_string_append_printf(alt, " Intervals wholly above %s: %s.", ref, above->str);
    if (below->len)
        g_string_append_printf(alt, " Intervals wholly below %s: %s.", ref, below->str);
    if (n_no_interval)
        g_string_append_printf(alt, " %zu %s no interval.", n_no_interval, n_no_interval == 1 ? "estimate has" : "estimates have");
    if (n_missing)
        g_string_append_printf(alt, " %zu %s not available, marked [x].", n_missing,
                               n_missing == 1 ? "value is" : "values are");
    if (n_suppressed)
        g_string_append_printf(alt, " %zu %s withheld as confidential, marked [c].", n_suppressed,
                               n_suppressed == 1 ? "value is" : "values are");
    g_string_free(above, TRUE);
    g_string_free(below, TRUE);
    return g_string_free(alt, FALSE);
}

static rk_status interval_table(const void *chart, rk_frame_table *table, rk_error *err)
{
    const rk_interval_spec *spec = ((const interval_chart *)chart)->spec;
    const char *headers[4] = {
        spec->x_name ? spec->x_name : spec->y_title && spec->y_title[0] ? spec->y_title : "group",
        "estimate", "lower", "upper",
    };
    rk_status st = rk_frame_table_init(table, headers, 4, spec->n, err);
    if (st != RK_OK)
        return st;
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < spec->n; i++) {
        rk_frame_table_set(table, i, 0, spec->labels[i] ? spec->labels[i] : "");
        const double *cols[3] = {spec->estimate, spec->lower, spec->upper};
        for (size_t k = 0; k < 3; k++) {
            if (row_suppressed(spec, i)) {
                rk_frame_table_set(table, i, k + 1, SUPPRESSED_MARKER);
            } else if (row_missing(spec, i) || (k > 0 && !row_has_interval(spec, i))) {
                rk_frame_table_set(table, i, k + 1, MISSING_MARKER);
            } else {
                rk_frame_exact_text(buf, cols[k][i]);
                rk_frame_table_set(table, i, k + 1, buf);
            }
        }
    }
    return RK_OK;
}

/* ---- entry point --------------------------------------------------------- */

static void close_interval(void *chart)
{
    interval_chart *c = chart;
    rk_frame_free_texts(&c->texts);
    if (c->pango)
        g_object_unref(c->pango);
    free(c);
}

static rk_status open_interval(const void *chart_spec, rk_frame_panel *panel, double page_w, double page_h,
                               const char *path, void **out, rk_error *err)
{
    const rk_interval_spec *spec = chart_spec;
    *out = NULL;
    interval_chart *c = calloc(1, sizeof *c);
    if (!c)
        return rk_error_nomem(err);
    *c = (interval_chart){.spec = spec, .page_w = page_w, .page_h = page_h, .panel = panel};
    c->texts.panel = panel;
    if (!spec->no_reference)
        c->lo = c->hi = spec->reference;
    c->lo = fmin(c->lo, 0); /* the axis starts at zero: rates and ratios are not negative */
    c->hi = fmax(c->hi, 0);
    double *all = malloc(3 * spec->n * sizeof *all);
    bool *skip = malloc(3 * spec->n * sizeof *skip);
    if (!all || !skip) {
        free(all);
        free(skip);
        close_interval(c);
        return rk_error_nomem(err);
    }
    for (size_t i = 0; i < spec->n; i++) {
        bool missing = row_missing(spec, i), interval = row_has_interval(spec, i);
        c->any_suppressed |= row_suppressed(spec, i);
        c->any_missing_only |= missing && !row_suppressed(spec, i);
        c->any_no_interval |= !missing && !interval;
        skip[3 * i] = missing;
        skip[3 * i + 1] = skip[3 * i + 2] = !interval;
        all[3 * i] = missing ? 0 : spec->estimate[i];
        all[3 * i + 1] = interval ? spec->lower[i] : 0;
        all[3 * i + 2] = interval ? spec->upper[i] : 0;
        for (size_t k = 0; k < 3; k++)
            if (!skip[3 * i + k]) {
                c->lo = fmin(c->lo, all[3 * i + k]);
                c->hi = fmax(c->hi, all[3 * i + k]);
            }
    }
    c->decimals = rk_frame_decimals(all, skip, 3 * spec->n);
    free(all);
    free(skip);

    rk_frame_widen_to_shared(panel, &c->lo, &c->hi);
    c->pango = rk_frame_pango_context();
    rk_status status = layout_interval(c, path, err);
    if (status != RK_OK) {
        close_interval(c);
        return status;
    }
    *out = c;
    return RK_OK;
}

static rk_frame_scale interval_scale(const void *chart)
{
    const interval_chart *c = chart;
    return (rk_frame_scale){.has_range = true, .lo = c->lo, .hi = c->hi, .has_ticks = true, .ticks = c->ticks};
}

const rk_chart_type rk_interval_type = {
    .name = "interval",
    .full_width = true,
    .validate = validate_interval,
    .open = open_interval,
    .scale = interval_scale,
    .draw = draw_interval_chart,
    .alt_text = interval_alt_text,
    .table = interval_table,
    .close = close_interval,
};

rk_status rk_chart_interval_save(const rk_interval_spec *spec, const char *path, rk_error *err)
{
    rk_chart_common common = {spec ? spec->title : NULL, spec ? spec->width_mm : 0, spec ? spec->height_mm : 0,
                              spec && spec->companions, spec ? spec->stamp : NULL};
    return rk_chart_save_as(&rk_interval_type, spec, common, path, err);
}

/* ---- shared with the gnuplot backend (rk_chart_parts.h) ------------------ */

void rk_interval_numbers(const rk_interval_spec *spec, int decimals, size_t i, char *buf, size_t cap)
{
    interval_chart c = {.spec = spec, .decimals = decimals};
    numbers_text(&c, i, buf, cap);
}
