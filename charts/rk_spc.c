/* rk_spc.c: XmR (individuals) charts of a series in time order, drawn with
 * cairo in the house style of rk_chart_frame.h.
 *
 * The values are a line with a dot per point; a missing point is a gap.
 * Each segment (a step starts a new one) has its own centre, a solid grey
 * line, and its limits, dashed, drawn across its own points only, so a
 * recalculation after the step is visible as a jump. Each step is a dotted
 * vertical line with its label at the top. Signals are larger diamonds in a
 * second palette colour: shape tells them apart in greyscale. The centre and
 * limits of the last segment are labelled at the right-hand end.
 */
#include "rk_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "rk_chart_frame.h"
#include "rk_chart_type.h"

#define LINE_PT 1.75
#define DOT_RADIUS 2.5
#define SIGNAL_RADIUS 5.5       /* half the diamond's diagonal */
#define COLOUR_SIGNAL 0x801650u /* GAF palette, third colour: 3:1 against white and against the line */
#define COLOUR_CENTRE 0x3D3D3Du
#define LIMIT_LINE_PT 1.25
#define END_LABEL_GAP 4.0       /* between a line's end and its label */
#define X_LABEL_GAP 8.0         /* between neighbouring x labels */
#define DEFAULT_STEP_LABEL "Step"
#define SIGNAL_NOTE "large diamonds are signals (beyond the limits, a shift or a trend)"
#define GAP_NOTE "gaps are periods with no value"

typedef struct spc_chart {
    const rk_spc_spec *spec;
    PangoContext *pango;
    rk_frame_texts texts;
    double page_w, page_h;
    double lo, hi;
    rk_frame_ticks ticks;
    int decimals;               /* for values */
    int line_decimals;          /* for centres and limits: one place more, so a limit reads apart from a value */
    double plot_left, plot_right, plot_top, plot_bottom, x_step;
    double x_label_y;
    size_t x_label_every;
    double end_label_y[3];      /* upper, centre, lower of the last segment, after spreading */
    bool any_missing, any_signal, from_zero;
    rk_frame_panel *panel; /* NULL unless drawn as one of small multiples */
} spc_chart;

static bool point_missing(const rk_spc_spec *spec, size_t i)
{
    return spec->missing && spec->missing[i];
}

static bool has_centre(const rk_spc_spec *spec, size_t i)
{
    return !(spec->no_centre && spec->no_centre[i]);
}

static bool has_limits(const rk_spc_spec *spec, size_t i)
{
    return has_centre(spec, i) && !(spec->no_limits && spec->no_limits[i]);
}

static bool point_signal(const rk_spc_spec *spec, size_t i)
{
    return !point_missing(spec, i) && spec->signal && spec->signal[i];
}

static const char *step_text(const rk_spc_spec *spec)
{
    return spec->step_label && spec->step_label[0] ? spec->step_label : DEFAULT_STEP_LABEL;
}

/* ---- validation ---------------------------------------------------------- */

static bool usable(double v)
{
    return isfinite(v) && fabs(v) <= MAX_ABS_VALUE;
}

static rk_status validate_spc(const void *chart_spec, rk_error *err)
{
    const rk_spc_spec *spec = chart_spec;
    if (!spec->title || !spec->title[0])
        return rk_error_set(err, RK_EARG, "spc chart has no title: give it a headline title");
    if (spec->n == 0)
        return rk_error_set(err, RK_EARG, "spc chart has no points: the series is empty");
    if (!spec->labels || !spec->values || !spec->segment || !spec->centre || !spec->lower || !spec->upper)
        return rk_error_set(err, RK_EARG, "spc chart needs labels, values, segments, centres and limits");
    rk_status st;
    if ((st = rk_frame_check_text("spc", spec->title, "title", err)) ||
        (st = rk_frame_check_text("spc", spec->subtitle, "subtitle", err)) ||
        (st = rk_frame_check_text("spc", spec->source, "source", err)) ||
        (st = rk_frame_check_text("spc", spec->x_title, "x axis title", err)) ||
        (st = rk_frame_check_text("spc", spec->y_title, "y axis title", err)) ||
        (st = rk_frame_check_text("spc", spec->step_label, "step label", err)) ||
        (st = rk_frame_check_size("spc", spec->width_mm, "width", err)) ||
        (st = rk_frame_check_size("spc", spec->height_mm, "height", err)))
        return st;
    if (spec->segment[0] != 0)
        return rk_error_set(err, RK_EARG, "spc chart: the first point must be in segment 0");
    for (size_t i = 0; i < spec->n; i++) {
        if (!spec->labels[i] || !g_utf8_validate(spec->labels[i], -1, NULL))
            return rk_error_set(err, RK_EARG, "spc chart label %zu is missing or not valid UTF-8", i + 1);
        if (i > 0 && spec->segment[i] != spec->segment[i - 1] && spec->segment[i] != spec->segment[i - 1] + 1)
            return rk_error_set(err, RK_EARG, "spc chart point %zu: segments must run 0, 1, 2, ... in order", i + 1);
        if (i > 0 && spec->segment[i] == spec->segment[i - 1] &&
            (has_centre(spec, i) != has_centre(spec, i - 1) || has_limits(spec, i) != has_limits(spec, i - 1) ||
             (has_centre(spec, i) && spec->centre[i] != spec->centre[i - 1]) ||
             (has_limits(spec, i) && (spec->lower[i] != spec->lower[i - 1] || spec->upper[i] != spec->upper[i - 1]))))
            return rk_error_set(err, RK_EARG, "spc chart point %zu: a segment has one centre and one pair of limits",
                                i + 1);
        if (!point_missing(spec, i) && !usable(spec->values[i]))
            return rk_error_set(err, RK_EARG, "spc chart value at '%.60s' is %g: mark it missing instead",
                                spec->labels[i], spec->values[i]);
        if (has_centre(spec, i) && !usable(spec->centre[i]))
            return rk_error_set(err, RK_EARG, "spc chart centre at '%.60s' is %g", spec->labels[i], spec->centre[i]);
        if (has_limits(spec, i) && (!usable(spec->lower[i]) || !usable(spec->upper[i]) ||
                                    !(spec->lower[i] <= spec->centre[i] && spec->centre[i] <= spec->upper[i])))
            return rk_error_set(err, RK_EARG, "spc chart limits at '%.60s' (%g to %g) do not contain the centre %g",
                                spec->labels[i], spec->lower[i], spec->upper[i], spec->centre[i]);
    }
    return RK_OK;
}

/* ---- layout -------------------------------------------------------------- */

static double x_at(const spc_chart *c, double i)
{
    return c->plot_left + (i + 0.5) * c->x_step;
}

/* The left edge of x label i: centred under its point, kept on the page. */
static double x_label_left(const spc_chart *c, size_t i)
{
    double w = rk_frame_measure(c->pango, c->spec->labels[i], BODY_PT, NULL);
    return fmin(fmax(x_at(c, (double)i) - w / 2, PAGE_MARGIN), c->page_w - PAGE_MARGIN - w);
}

static double y_at(const spc_chart *c, double v)
{
    double lo = rk_frame_tick_value(c->ticks, c->ticks.first), hi = rk_frame_tick_value(c->ticks, c->ticks.last);
    return c->plot_bottom - (v - lo) / (hi - lo) * (c->plot_bottom - c->plot_top);
}

static const char *const end_names[3] = {"Upper limit", "Centre", "Lower limit"};

static rk_status layout_spc(spc_chart *c, const char *path, rk_error *err)
{
    const rk_spc_spec *spec = c->spec;
    char note[400] = "";
    if (c->any_signal)
        snprintf(note, sizeof note, "Note: " SIGNAL_NOTE);
    if (c->any_missing)
        snprintf(note + strlen(note), sizeof note - strlen(note), "%s" GAP_NOTE " ([x] in the table)",
                 note[0] ? "; " : "Note: ");
    if (!c->from_zero)
        snprintf(note + strlen(note), sizeof note - strlen(note), "%sthe value axis does not start at zero",
                 note[0] ? "; " : "Note: ");
    if (note[0])
        snprintf(note + strlen(note), sizeof note - strlen(note), ".");
    rk_frame_make_texts(c->pango, &c->texts, c->page_w, spec->title, spec->subtitle, spec->y_title, spec->x_title,
                        note[0] ? note : NULL, spec->source);
    double top, bottom;
    rk_frame_stack_texts(&c->texts, c->page_h, &top, &bottom);

    double label_h = 0;
    rk_frame_measure(c->pango, "Ag", BODY_PT, &label_h);
    double step_h = 0;
    rk_frame_measure(c->pango, step_text(spec), FOOTER_PT, &step_h);
    c->plot_top = top + step_h + 2;
    c->x_label_y = bottom - label_h;
    double end_w = 0;
    for (int k = 0; k < 3; k++)
        end_w = fmax(end_w, rk_frame_measure(c->pango, end_names[k], FOOTER_PT, NULL));
    double widest = 0;
    for (size_t i = 0; i < spec->n; i++)
        widest = fmax(widest, rk_frame_measure(c->pango, spec->labels[i], BODY_PT, NULL));
    /* The x labels sit CATEGORY_GAP under the plot; if the first reaches in
     * under the tick labels, CATEGORY_GAP under the lowest of those, which
     * hangs half its height below the plot. That moves the plot's bottom,
     * so the ticks and everything after them are worked out again. */
    double under_plot = CATEGORY_GAP;
    for (int round = 0; round < 2; round++) {
        c->plot_bottom = c->x_label_y - under_plot;
        if (c->plot_bottom - c->plot_top < MIN_PLOT_PT)
            return rk_error_set(err, RK_EARG, "cannot save chart to %s: the text leaves no room for the plot; "
                                              "make it taller or shorten the text", path);
        c->ticks = rk_frame_shared_ticks(
            c->panel, rk_frame_nice_ticks(c->lo, c->hi, rk_frame_intervals_for(c->plot_bottom - c->plot_top)));

        double tick_w = 0;
        char buf[NUMBER_CAP];
        for (long i = c->ticks.first; i <= c->ticks.last; i++) {
            rk_frame_format_number(buf, rk_frame_tick_value(c->ticks, i), c->ticks.decimals);
            tick_w = fmax(tick_w, rk_frame_measure(c->pango, buf, BODY_PT, NULL));
        }
        c->plot_left = PAGE_MARGIN + tick_w + TICK_LABEL_GAP;
        c->plot_right = c->page_w - PAGE_MARGIN - end_w - END_LABEL_GAP;
        if (c->plot_right - c->plot_left < MIN_PLOT_PT * 2)
            return rk_error_set(err, RK_EARG, "cannot save chart to %s: no room for the plot; make it wider", path);
        c->x_step = (c->plot_right - c->plot_left) / (double)spec->n;
        c->x_label_every = 1;
        while ((double)c->x_label_every * c->x_step < widest + X_LABEL_GAP && c->x_label_every < spec->n)
            c->x_label_every++;
        c->x_label_every = rk_frame_label_step(c->x_label_every);
        if (under_plot > CATEGORY_GAP || x_label_left(c, 0) >= c->plot_left)
            break;
        under_plot = label_h / 2 + CATEGORY_GAP;
    }

    /* The last segment's labels, spread apart so they never overlap. */
    size_t last = spec->n - 1;
    double small_h = 0;
    rk_frame_measure(c->pango, "Ag", FOOTER_PT, &small_h);
    if (has_centre(spec, last)) {
        double v[3] = {spec->upper[last], spec->centre[last], spec->lower[last]};
        for (int k = 0; k < 3; k++)
            c->end_label_y[k] = y_at(c, v[k]) - small_h / 2;
        if (has_limits(spec, last)) {
            if (c->end_label_y[1] - c->end_label_y[0] < small_h)
                c->end_label_y[0] = c->end_label_y[1] - small_h;
            if (c->end_label_y[2] - c->end_label_y[1] < small_h)
                c->end_label_y[2] = c->end_label_y[1] + small_h;
        }
    }
    return RK_OK;
}

/* ---- drawing ------------------------------------------------------------- */

/* A centre or limit line across one segment, at value v. */
static void segment_line(cairo_t *cr, const spc_chart *c, double x0, double x1, double v, uint32_t colour)
{
    rk_frame_line(cr, x0, y_at(c, v), x1, y_at(c, v), LIMIT_LINE_PT, colour);
}

static void draw_spc_chart(cairo_t *cr, void *chart)
{
    spc_chart *c = chart;
    const rk_spc_spec *spec = c->spec;
    rk_frame_begin_page(cr, c->pango, &c->texts);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);

    char buf[NUMBER_CAP];
    for (long i = c->ticks.first; i <= c->ticks.last; i++) {
        double v = rk_frame_tick_value(c->ticks, i), y = y_at(c, v);
        rk_frame_line(cr, c->plot_left, y, c->plot_right, y, i == 0 ? ZERO_LINE_PT : GRID_LINE_PT,
              i == 0 ? COLOUR_TEXT : COLOUR_GRID);
        rk_frame_format_number(buf, v, c->ticks.decimals);
        double h = 0, w = rk_frame_measure(c->pango, buf, BODY_PT, &h);
        rk_frame_draw_string(cr, c->pango, buf, BODY_PT, c->plot_left - TICK_LABEL_GAP - w, y - h / 2, COLOUR_TEXT);
    }
    for (size_t i = 0; i < spec->n; i += c->x_label_every)
        rk_frame_draw_string(cr, c->pango, spec->labels[i], BODY_PT, x_label_left(c, i), c->x_label_y, COLOUR_TEXT);

    /* Centre and limits, per segment, across its own points. */
    static const double limit_dash[] = {6, 3};
    static const double step_dash[] = {1.5, 2.5};
    for (size_t first = 0; first < spec->n;) {
        size_t last = first;
        while (last + 1 < spec->n && spec->segment[last + 1] == spec->segment[first])
            last++;
        double x0 = x_at(c, (double)first - 0.5), x1 = x_at(c, (double)last + 0.5);
        if (has_limits(spec, first)) {
            cairo_set_dash(cr, limit_dash, 2, 0);
            segment_line(cr, c, x0, x1, spec->upper[first], COLOUR_SECONDARY);
            segment_line(cr, c, x0, x1, spec->lower[first], COLOUR_SECONDARY);
            cairo_set_dash(cr, NULL, 0, 0);
        }
        if (has_centre(spec, first))
            segment_line(cr, c, x0, x1, spec->centre[first], COLOUR_CENTRE);
        if (first > 0) {
            cairo_set_dash(cr, step_dash, 2, 0);
            rk_frame_set_colour(cr, COLOUR_TEXT);
            cairo_set_line_width(cr, 1.0);
            cairo_move_to(cr, x0, c->plot_top);
            cairo_line_to(cr, x0, c->plot_bottom);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
            double h = 0, w = rk_frame_measure(c->pango, step_text(spec), FOOTER_PT, &h);
            double x = fmin(x0 + 3, c->page_w - PAGE_MARGIN - w);
            rk_frame_draw_string(cr, c->pango, step_text(spec), FOOTER_PT, x, c->plot_top - h - 2, COLOUR_TEXT);
        }
        first = last + 1;
    }
    size_t last = spec->n - 1;
    if (has_centre(spec, last))
        for (int k = 0; k < 3; k++)
            if (k == 1 || has_limits(spec, last))
                rk_frame_draw_string(cr, c->pango, end_names[k], FOOTER_PT, c->plot_right + END_LABEL_GAP,
                                     c->end_label_y[k], k == 1 ? COLOUR_CENTRE : COLOUR_SECONDARY);

    /* The series: broken at every gap. */
    rk_frame_set_colour(cr, COLOUR_BAR);
    cairo_set_line_width(cr, LINE_PT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    bool pen_down = false;
    for (size_t i = 0; i < spec->n; i++) {
        if (point_missing(spec, i)) {
            pen_down = false;
            continue;
        }
        double x = x_at(c, (double)i), y = y_at(c, spec->values[i]);
        if (pen_down)
            cairo_line_to(cr, x, y);
        else
            cairo_move_to(cr, x, y);
        pen_down = true;
    }
    cairo_stroke(cr);
    for (size_t i = 0; i < spec->n; i++) {
        if (point_missing(spec, i))
            continue;
        double x = x_at(c, (double)i), y = y_at(c, spec->values[i]);
        if (point_signal(spec, i)) {
            cairo_move_to(cr, x, y - SIGNAL_RADIUS);
            cairo_line_to(cr, x + SIGNAL_RADIUS, y);
            cairo_line_to(cr, x, y + SIGNAL_RADIUS);
            cairo_line_to(cr, x - SIGNAL_RADIUS, y);
            cairo_close_path(cr);
            rk_frame_set_colour(cr, COLOUR_SIGNAL);
        } else {
            cairo_arc(cr, x, y, DOT_RADIUS, 0, 2 * G_PI);
            rk_frame_set_colour(cr, COLOUR_BAR);
        }
        cairo_fill_preserve(cr);
        rk_frame_set_colour(cr, COLOUR_BACKGROUND);
        cairo_set_line_width(cr, 0.75);
        cairo_stroke(cr);
    }
    rk_frame_draw_texts(cr, &c->texts, c->page_w, c->plot_left, c->plot_right);
}

/* ---- alt text and companion table ---------------------------------------- */

static char *spc_alt_text(const void *chart)
{
    const spc_chart *c = chart;
    const rk_spc_spec *spec = c->spec;
    GString *alt = g_string_new(NULL);
    char a[NUMBER_CAP], b[NUMBER_CAP], m[NUMBER_CAP];
    size_t nseg = spec->segment[spec->n - 1] + 1;
    g_string_append_printf(alt, "Statistical process control (XmR) chart: %s.", spec->title);
    if (spec->subtitle && spec->subtitle[0])
        g_string_append_printf(alt, " %s.", spec->subtitle);
    const char *measure = spec->y_title && spec->y_title[0] ? spec->y_title : spec->y_name;
    g_string_append_printf(alt, " It shows %s for %zu %s from %s to %s", measure ? measure : "a series", spec->n,
                           spec->n == 1 ? "period" : "periods", spec->labels[0], spec->labels[spec->n - 1]);
    if (nseg > 1) {
        g_string_append(alt, ", with centre and limits recalculated from");
        for (size_t i = 1, k = 0; i < spec->n; i++)
            if (spec->segment[i] != spec->segment[i - 1])
                g_string_append_printf(alt, "%s %s", k++ ? " and" : "", spec->labels[i]);
        g_string_append_printf(alt, " (%s)", step_text(spec));
    }
    g_string_append(alt, ".");
    for (size_t first = 0; first < spec->n;) {
        size_t last = first;
        while (last + 1 < spec->n && spec->segment[last + 1] == spec->segment[first])
            last++;
        g_string_append_printf(alt, " %s to %s: ", spec->labels[first], spec->labels[last]);
        if (!has_centre(spec, first)) {
            g_string_append(alt, "no values.");
        } else {
            rk_frame_format_number(m, spec->centre[first], c->line_decimals);
            g_string_append_printf(alt, "centre %s", m);
            if (has_limits(spec, first)) {
                rk_frame_format_number(a, spec->lower[first], c->line_decimals);
                rk_frame_format_number(b, spec->upper[first], c->line_decimals);
                g_string_append_printf(alt, ", limits %s to %s", a, b);
            } else {
                g_string_append(alt, ", no limits (too few consecutive values)");
            }
            g_string_append(alt, ".");
        }
        first = last + 1;
    }
    size_t hi = spec->n, lo = spec->n, n_missing = 0, n_signal = 0;
    GString *signals = g_string_new(NULL);
    for (size_t i = 0; i < spec->n; i++) {
        if (point_missing(spec, i)) {
            n_missing++;
            continue;
        }
        if (hi == spec->n || spec->values[i] > spec->values[hi])
            hi = i;
        if (lo == spec->n || spec->values[i] < spec->values[lo])
            lo = i;
        if (point_signal(spec, i)) {
            n_signal++;
            g_string_append_printf(signals, "%s%s", signals->len ? ", " : "", spec->labels[i]);
        }
    }
    if (hi < spec->n) {
        rk_frame_format_number(a, spec->values[hi], c->decimals);
        rk_frame_format_number(b, spec->values[lo], c->decimals);
        g_string_append_printf(alt, " The highest value is %s (%s); the lowest is %s (%s).", a, spec->labels[hi], b,
                               spec->labels[lo]);
    }
    if (n_signal)
        g_string_append_printf(alt, " %zu %s a signal: %s.", n_signal, n_signal == 1 ? "point is" : "points are",
                               signals->str);
    else
        g_string_append(alt, " No point is a signal.");
    if (n_missing)
        g_string_append_printf(alt, " %zu %s no value, shown as a gap and marked [x] in the table.", n_missing,
                               n_missing == 1 ? "period has" : "periods have");
    g_string_free(signals, TRUE);
    return g_string_free(alt, FALSE);
}

static rk_status spc_table(const void *chart, rk_frame_table *table, rk_error *err)
{
    const rk_spc_spec *spec = ((const spc_chart *)chart)->spec;
    const char *headers[6] = {
        spec->x_name ? spec->x_name : spec->x_title && spec->x_title[0] ? spec->x_title : "x",
        spec->y_name ? spec->y_name : spec->y_title && spec->y_title[0] ? spec->y_title : "value",
        "centre", "lower", "upper", "signal",
    };
    rk_status st = rk_frame_table_init(table, headers, 6, spec->n, err);
    if (st != RK_OK)
        return st;
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < spec->n; i++) {
        rk_frame_table_set(table, i, 0, spec->labels[i]);
        const double *cols[4] = {spec->values, spec->centre, spec->lower, spec->upper};
        bool present[4] = {!point_missing(spec, i), has_centre(spec, i), has_limits(spec, i), has_limits(spec, i)};
        for (size_t k = 0; k < 4; k++) {
            if (!present[k]) {
                rk_frame_table_set(table, i, k + 1, MISSING_MARKER);
            } else {
                rk_frame_exact_text(buf, cols[k][i]);
                rk_frame_table_set(table, i, k + 1, buf);
            }
        }
        rk_frame_table_set(table, i, 5, point_missing(spec, i) ? "" : point_signal(spec, i) ? "yes" : "no");
    }
    return RK_OK;
}

/* ---- entry point --------------------------------------------------------- */

static void close_spc(void *chart)
{
    spc_chart *c = chart;
    rk_frame_free_texts(&c->texts);
    if (c->pango)
        g_object_unref(c->pango);
    free(c);
}

static rk_status open_spc(const void *chart_spec, rk_frame_panel *panel, double page_w, double page_h,
                           const char *path, void **out, rk_error *err)
{
    const rk_spc_spec *spec = chart_spec;
    *out = NULL;
    spc_chart *c = calloc(1, sizeof *c);
    if (!c)
        return rk_error_nomem(err);
    *c = (spc_chart){.spec = spec, .page_w = page_w, .page_h = page_h, .panel = panel};
    c->texts.panel = panel;
    double *all = calloc(4 * spec->n + 1, sizeof *all);
    bool *skip = calloc(4 * spec->n + 1, sizeof *skip);
    if (!all || !skip) {
        free(all);
        free(skip);
        close_spc(c);
        return rk_error_nomem(err);
    }
    bool any = false;
    for (size_t i = 0; i < spec->n; i++) {
        c->any_missing |= point_missing(spec, i);
        c->any_signal |= point_signal(spec, i);
        const double *cols[4] = {spec->values, spec->centre, spec->lower, spec->upper};
        bool present[4] = {!point_missing(spec, i), has_centre(spec, i), has_limits(spec, i), has_limits(spec, i)};
        for (size_t k = 0; k < 4; k++) {
            skip[4 * i + k] = !present[k];
            all[4 * i + k] = present[k] ? cols[k][i] : 0;
            if (!present[k])
                continue;
            c->lo = any ? fmin(c->lo, cols[k][i]) : cols[k][i];
            c->hi = any ? fmax(c->hi, cols[k][i]) : cols[k][i];
            any = true;
        }
    }
    /* Values print exactly (at most 2 places); centres and limits with one more. */
    for (size_t i = 0; i < spec->n; i++)
        for (size_t k = 1; k < 4; k++)
            skip[4 * i + k] = true;
    c->decimals = rk_frame_decimals(all, skip, 4 * spec->n);
    /* ...and enough more that no centre or limit other than zero shows as 0. */
    for (size_t i = 0; i < spec->n; i++) {
        skip[4 * i] = true;
        skip[4 * i + 1] = !has_centre(spec, i);
        skip[4 * i + 2] = skip[4 * i + 3] = !has_limits(spec, i);
    }
    c->line_decimals = rk_frame_decimals_to_show(all, skip, 4 * spec->n, c->decimals < 2 ? c->decimals + 1
                                                                                            : c->decimals);
    free(all);
    free(skip);
    if (!any) {
        close_spc(c);
        return rk_error_set(err, RK_EARG, "spc chart has no values: every point is missing");
    }
    rk_frame_widen_to_shared(panel, &c->lo, &c->hi);
    if (c->hi - c->lo <= 0) { /* one value: a little room either side */
        c->lo -= fabs(c->lo) * 0.1 + 1;
        c->hi += fabs(c->hi) * 0.1 + 1;
    }
    if (c->lo > 0 && c->lo <= c->hi / 2)
        c->lo = 0; /* zero is near: start there, as for counts */
    c->from_zero = c->lo <= 0;

    c->pango = rk_frame_pango_context();
    rk_status status = layout_spc(c, path, err);
    if (status != RK_OK) {
        close_spc(c);
        return status;
    }
    *out = c;
    return RK_OK;
}

static rk_frame_scale spc_scale(const void *chart)
{
    const spc_chart *c = chart;
    return (rk_frame_scale){.has_range = true, .lo = c->lo, .hi = c->hi, .has_ticks = true, .ticks = c->ticks};
}

const rk_chart_type rk_spc_type = {
    .name = "SPC",
    .validate = validate_spc,
    .open = open_spc,
    .scale = spc_scale,
    .draw = draw_spc_chart,
    .alt_text = spc_alt_text,
    .table = spc_table,
    .close = close_spc,
};

rk_status rk_chart_spc_save(const rk_spc_spec *spec, const char *path, rk_error *err)
{
    rk_chart_common common = {spec ? spec->title : NULL, spec ? spec->width_mm : 0, spec ? spec->height_mm : 0,
                              spec && spec->companions, spec ? spec->stamp : NULL};
    return rk_chart_save_as(&rk_spc_type, spec, common, path, err);
}
