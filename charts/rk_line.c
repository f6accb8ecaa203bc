/* rk_line.c: line charts of one or more series over evenly spaced x
 * positions (months, years), drawn with cairo in the house style of
 * rk_chart_frame.h.
 *
 * Series differ in colour and in dash, so they survive greyscale printing;
 * each is named at its line's end when the names fit beside the plot, else
 * in a key above it. A missing value is a gap in its line, never a zero; a
 * point standing alone between gaps is drawn as a dot so it is not lost.
 * Vertical markers and shaded periods carry their labels in a band above
 * the plot. Everything is laid out before any file is touched.
 */
#include "rk_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "rk_chart_frame.h"
#include "rk_chart_type.h"

#define LINE_PT 2.0
#define SAMPLE_PT 16.0        /* length of a line sample beside a name */
#define SAMPLE_GAP 4.0        /* between a sample and its name */
#define END_LABEL_GAP 5.0     /* between a line's last point and its name */
#define MAX_END_LABELS_SHARE 0.3 /* of the page width: wider names go in a key */
#define KEY_ITEM_GAP 14.0     /* between entries of the key */
#define BAND_GAP 3.0          /* between the marker band and the plot */
#define BAND_ROWS 3           /* marker labels stagger over at most this many rows */
#define X_LABEL_GAP 10.0      /* at least this between x labels */
#define TICK_MARK_PT 4.0
#define DOT_RADIUS 2.6
#define MAX_SERIES PALETTE_SIZE

/* Dash patterns by series, all readable in grey: solid, dashed, dotted, dash-dot, long dash, dash-dot-dot. */
static const double dash_dashed[] = {6, 3};
static const double dash_dotted[] = {0.01, 3.5}; /* round caps make these dots */
static const double dash_dash_dot[] = {7, 3, 0.01, 3};
static const double dash_long[] = {12, 4};
static const double dash_dash_dot_dot[] = {7, 3, 0.01, 3, 0.01, 3};
static const struct {
    const double *dashes;
    int n;
} series_dashes[MAX_SERIES] = {
    {NULL, 0}, {dash_dashed, 2}, {dash_dotted, 2}, {dash_dash_dot, 4}, {dash_long, 2}, {dash_dash_dot_dot, 6},
};

typedef struct line_chart {
    const rk_line_spec *spec;
    PangoContext *pango;
    rk_frame_texts texts;
    double page_w, page_h;
    double lo, hi;                 /* data range (with zero unless from_data) */
    rk_frame_ticks ticks;
    int value_decimals;
    double plot_left, plot_right, plot_top, plot_bottom;
    double x_first, x_step;        /* x of position 0 and between positions */
    size_t x_label_every;          /* label every k-th position */
    double x_label_y;
    bool end_labels;               /* names at line ends; else a key */
    double key_y, key_h;
    double band_y, band_row_h;     /* marker and shade labels */
    int *band_row;                 /* n_markers + n_shades rows, owned */
    double *end_label_y;           /* n_series tops of the end labels, owned */
    bool any_missing, any_suppressed;
    rk_frame_panel *panel;         /* NULL unless drawn as one of small multiples */
    uint32_t colours[MAX_SERIES];
    size_t focus;                  /* the focus palette's series, drawn last (on top); else n_series */
} line_chart;

static bool point_missing(const rk_line_series *s, size_t i)
{
    return s->missing && s->missing[i];
}

static bool point_suppressed(const rk_line_series *s, size_t i)
{
    return point_missing(s, i) && s->suppressed && s->suppressed[i];
}

/* ---- validation ---------------------------------------------------------- */

static rk_status validate_line(const void *chart_spec, rk_error *err)
{
    const rk_line_spec *spec = chart_spec;
    if (!spec->title || !spec->title[0])
        return rk_error_set(err, RK_EARG, "line chart has no title: give it a headline title");
    if (spec->n_x == 0 || !spec->x_labels)
        return rk_error_set(err, RK_EARG, "line chart has no x positions: the data has no rows");
    if (spec->n_series == 0 || !spec->series)
        return rk_error_set(err, RK_EARG, "line chart has no series");
    if (spec->n_series > MAX_SERIES)
        return rk_error_set(err, RK_EARG,
                            "line chart has %zu series: at most %d can be told apart by colour and dash; "
                            "filter the groups or draw several charts",
                            spec->n_series, MAX_SERIES);
    rk_status st;
    if ((st = rk_frame_check_text("line", spec->title, "title", err)) ||
        (st = rk_frame_check_text("line", spec->subtitle, "subtitle", err)) ||
        (st = rk_frame_check_text("line", spec->source, "source", err)) ||
        (st = rk_frame_check_text("line", spec->x_title, "x axis title", err)) ||
        (st = rk_frame_check_text("line", spec->y_title, "y axis title", err)) ||
        (st = rk_frame_check_size("line", spec->width_mm, "width", err)) ||
        (st = rk_frame_check_size("line", spec->height_mm, "height", err)))
        return st;
    for (size_t i = 0; i < spec->n_x; i++)
        if (!spec->x_labels[i] || !g_utf8_validate(spec->x_labels[i], -1, NULL))
            return rk_error_set(err, RK_EARG, "line chart x label %zu is missing or not valid UTF-8", i + 1);
    for (size_t s = 0; s < spec->n_series; s++) {
        const rk_line_series *ser = &spec->series[s];
        if (!ser->name || !g_utf8_validate(ser->name, -1, NULL) || !ser->values)
            return rk_error_set(err, RK_EARG, "line chart series %zu has no name, an invalid name or no values",
                                s + 1);
        for (size_t i = 0; i < spec->n_x; i++) {
            if (point_missing(ser, i))
                continue;
            double v = ser->values[i];
            if (!isfinite(v) || fabs(v) > MAX_ABS_VALUE)
                return rk_error_set(err, RK_EARG,
                                    "line chart value for '%.60s' at '%.60s' is %g: mark it missing instead",
                                    ser->name, spec->x_labels[i], v);
        }
    }
    if (spec->palette == RK_PALETTE_FOCUS) {
        bool found = false;
        for (size_t s = 0; s < spec->n_series && spec->focus && !found; s++)
            found = strcmp(spec->series[s].name, spec->focus) == 0;
        if (!found)
            return rk_error_set(err, RK_EARG, "line chart focus '%.60s' is not one of the series",
                                spec->focus ? spec->focus : "");
    } else if (spec->focus) {
        return rk_error_set(err, RK_EARG, "line chart focus '%.60s' is given but the palette is not focus",
                            spec->focus);
    }
    for (size_t m = 0; m < spec->n_markers; m++)
        if (spec->markers[m].at >= spec->n_x ||
            (spec->markers[m].label && !g_utf8_validate(spec->markers[m].label, -1, NULL)))
            return rk_error_set(err, RK_EARG, "line chart marker %zu is outside the x axis or its label is "
                                              "not valid UTF-8", m + 1);
    for (size_t m = 0; m < spec->n_shades; m++)
        if (spec->shades[m].from > spec->shades[m].to || spec->shades[m].to >= spec->n_x ||
            (spec->shades[m].label && !g_utf8_validate(spec->shades[m].label, -1, NULL)))
            return rk_error_set(err, RK_EARG,
                                "line chart shaded period %zu is outside the x axis, ends before it starts "
                                "or its label is not valid UTF-8", m + 1);
    return RK_OK;
}

/* ---- layout -------------------------------------------------------------- */

static double x_at(const line_chart *c, size_t i)
{
    return c->x_first + (double)i * c->x_step;
}

/* The left edge of x label i: centred under its position, kept on the page. */
static double x_label_left(const line_chart *c, size_t i)
{
    double w = rk_frame_measure(c->pango, c->spec->x_labels[i], BODY_PT, NULL);
    return fmax(PAGE_MARGIN, fmin(x_at(c, i) - w / 2, c->page_w - PAGE_MARGIN - w));
}

static double y_at(const line_chart *c, double v)
{
    double lo = rk_frame_tick_value(c->ticks, c->ticks.first), hi = rk_frame_tick_value(c->ticks, c->ticks.last);
    return c->plot_bottom - (v - lo) / (hi - lo) * (c->plot_bottom - c->plot_top);
}

static const char *band_label(const rk_line_spec *spec, size_t k)
{
    return k < spec->n_markers ? spec->markers[k].label : spec->shades[k - spec->n_markers].label;
}

/* Where band label k starts: right of its marker, or at its period's start. */
static double band_label_x(const line_chart *c, size_t k)
{
    const rk_line_spec *spec = c->spec;
    return k < spec->n_markers ? x_at(c, spec->markers[k].at) + 3 : x_at(c, spec->shades[k - spec->n_markers].from) + 3;
}

/* Width of a name with its line sample. */
static double entry_width(const line_chart *c, size_t s)
{
    return SAMPLE_PT + SAMPLE_GAP + rk_frame_measure(c->pango, c->spec->series[s].name, BODY_PT, NULL);
}

static double last_value(const rk_line_series *s, size_t n_x, size_t *at)
{
    for (size_t i = n_x; i-- > 0;)
        if (!point_missing(s, i)) {
            *at = i;
            return s->values[i];
        }
    *at = n_x;
    return NAN;
}

/* End labels sit at their last value, pushed apart so none overlap, and
 * kept between the plot's top and bottom. */
static void place_end_labels(line_chart *c, double label_h)
{
    size_t n = c->spec->n_series;
    size_t order[MAX_SERIES];
    for (size_t s = 0; s < n; s++) {
        size_t at;
        double v = last_value(&c->spec->series[s], c->spec->n_x, &at);
        c->end_label_y[s] = isnan(v) ? c->plot_top : y_at(c, v) - label_h / 2;
        order[s] = s;
    }
    for (size_t i = 1; i < n; i++) /* insertion sort by y: n <= 6 */
        for (size_t j = i; j > 0 && c->end_label_y[order[j]] < c->end_label_y[order[j - 1]]; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t i = 1; i < n; i++)
        c->end_label_y[order[i]] = fmax(c->end_label_y[order[i]], c->end_label_y[order[i - 1]] + label_h);
    double overflow = c->end_label_y[order[n - 1]] + label_h - (c->plot_bottom + label_h / 2);
    if (overflow > 0)
        for (size_t i = 0; i < n; i++)
            c->end_label_y[i] -= overflow;
}

static rk_status layout_line(line_chart *c, const char *path, rk_error *err)
{
    const rk_line_spec *spec = c->spec;
    char note[256] = "";
    if (c->any_missing)
        snprintf(note, sizeof note, "Note: a gap in a line is a value %s.",
                 c->any_suppressed ? "not available or withheld ([c] in the table)" : "not available");
    if (spec->from_data)
        snprintf(note + strlen(note), sizeof note - strlen(note), "%sThe value axis does not start at zero.",
                 note[0] ? " " : "Note: ");
    rk_frame_make_texts(c->pango, &c->texts, c->page_w, spec->title, spec->subtitle, spec->y_title,
                        spec->x_title, note, spec->source);
    double top, bottom;
    rk_frame_stack_texts(&c->texts, c->page_h, &top, &bottom);

    double label_h = 0;
    rk_frame_measure(c->pango, "Ag", BODY_PT, &label_h);

    /* Names: at the line ends if they fit beside the plot, else a key. */
    double widest_entry = 0, key_w = 0;
    for (size_t s = 0; s < spec->n_series; s++) {
        widest_entry = fmax(widest_entry, entry_width(c, s));
        key_w += entry_width(c, s) + (s ? KEY_ITEM_GAP : 0);
    }
    double end_w = 0;
    if (spec->n_series > 1) {
        c->end_labels = widest_entry + END_LABEL_GAP <= MAX_END_LABELS_SHARE * c->page_w;
        if (c->end_labels) {
            end_w = widest_entry + END_LABEL_GAP;
        } else {
            int rows = (int)ceil(key_w / (c->page_w - 2 * PAGE_MARGIN));
            c->key_y = top;
            c->key_h = rows * label_h * 1.2;
            top += c->key_h + BAND_GAP;
        }
    }

    /* The band for marker and shade labels, staggered so they never overlap. */
    size_t n_band = spec->n_markers + spec->n_shades;
    int rows_used = 0;
    bool any_band_label = false;
    for (size_t k = 0; k < n_band; k++)
        any_band_label |= band_label(spec, k) && band_label(spec, k)[0];
    double small_h = 0;
    rk_frame_measure(c->pango, "Ag", FOOTER_PT, &small_h);
    c->band_row_h = small_h;
    if (any_band_label)
        top += small_h; /* at least one row; more once x positions are known */

    /* X labels under the plot. */
    double widest_x = 0;
    for (size_t i = 0; i < spec->n_x; i++)
        widest_x = fmax(widest_x, rk_frame_measure(c->pango, spec->x_labels[i], BODY_PT, NULL));
    c->x_label_y = bottom - label_h;
    double plot_bottom = c->x_label_y - TICK_MARK_PT - 2;

    double tick_h = label_h;
    rk_frame_ticks ticks =
        rk_frame_shared_ticks(c->panel, rk_frame_nice_ticks(c->lo, c->hi, rk_frame_intervals_for(plot_bottom - top)));
    for (int round = 0; round < 3; round++) {
        c->ticks = ticks;
        double widest_tick = 0;
        char buf[NUMBER_CAP];
        for (long i = ticks.first; i <= ticks.last; i++) {
            rk_frame_format_number(buf, rk_frame_tick_value(ticks, i), ticks.decimals);
            widest_tick = fmax(widest_tick, rk_frame_measure(c->pango, buf, BODY_PT, NULL));
        }
        c->plot_left = PAGE_MARGIN + widest_tick + TICK_LABEL_GAP;
        c->plot_right = c->page_w - PAGE_MARGIN - end_w;
        double plot_w = c->plot_right - c->plot_left;
        double pad = fmin(widest_x / 2, plot_w * 0.08);
        if (c->end_labels)
            pad = fmin(pad, 4.0); /* the names need to sit close to the line ends */
        if (spec->n_x == 1) {
            c->x_first = (c->plot_left + c->plot_right) / 2;
            c->x_step = 0;
        } else {
            c->x_first = c->plot_left + pad;
            c->x_step = (plot_w - 2 * pad) / (double)(spec->n_x - 1);
        }
        c->x_label_every = 1;
        if (c->x_step > 0)
            while ((double)c->x_label_every * c->x_step < widest_x + X_LABEL_GAP)
                c->x_label_every++;
        c->x_label_every = rk_frame_label_step(c->x_label_every);
        /* The x labels hang under small tick marks; if the first reaches in
         * under the tick labels, they go CATEGORY_GAP under the lowest of
         * those, which hangs half its height below the plot. */
        if (x_label_left(c, 0) < c->plot_left)
            plot_bottom = fmin(plot_bottom, c->x_label_y - tick_h / 2 - CATEGORY_GAP);
        /* Stagger the band labels now that their x positions are known. */
        rows_used = any_band_label ? 1 : 0;
        for (size_t k = 0; k < n_band; k++) {
            c->band_row[k] = -1;
            const char *label = band_label(spec, k);
            if (!label || !label[0])
                continue;
            double x = band_label_x(c, k);
            double w = rk_frame_measure(c->pango, label, FOOTER_PT, NULL);
            int row = 0;
            for (size_t j = 0; j < k && row < BAND_ROWS - 1; j++) { /* the first row it overlaps nothing in */
                if (c->band_row[j] != row)
                    continue;
                double xj = band_label_x(c, j);
                double wj = rk_frame_measure(c->pango, band_label(spec, j), FOOTER_PT, NULL);
                if (x < xj + wj + 6 && xj < x + w + 6) {
                    row++;
                    j = (size_t)-1; /* check the next row from the start */
                }
            }
            c->band_row[k] = row;
            rows_used = rows_used > row + 1 ? rows_used : row + 1;
        }
        c->band_y = top - (any_band_label ? small_h : 0);
        c->plot_top = top + (rows_used > 1 ? (rows_used - 1) * small_h : 0) + (any_band_label ? BAND_GAP : 0) +
                      tick_h / 2;
        c->plot_bottom = plot_bottom;
        if (c->plot_bottom - c->plot_top < MIN_PLOT_PT)
            return rk_error_set(err, RK_EARG,
                                "cannot save chart to %s: %.0f x %.0f mm leaves no room for the lines once the "
                                "titles, labels and source are placed; make it taller or shorten the text",
                                path, c->page_w / PT_PER_INCH * MM_PER_INCH, c->page_h / PT_PER_INCH * MM_PER_INCH);
        if (c->plot_right - c->plot_left < MIN_PLOT_PT)
            return rk_error_set(err, RK_EARG,
                                "cannot save chart to %s: the series names leave no room for the lines; "
                                "make it wider or shorten the names", path);
        rk_frame_ticks better = rk_frame_shared_ticks(
            c->panel, rk_frame_nice_ticks(c->lo, c->hi, rk_frame_intervals_for(c->plot_bottom - c->plot_top)));
        if (rk_frame_same_ticks(better, ticks))
            break;
        ticks = better;
    }
    if (c->end_labels)
        place_end_labels(c, label_h);
    return RK_OK;
}

/* ---- drawing ------------------------------------------------------------- */

static void set_series_style(cairo_t *cr, const line_chart *c, size_t s)
{
    rk_frame_set_colour(cr, c->colours[s]);
    cairo_set_line_width(cr, LINE_PT);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, series_dashes[s].n ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
    cairo_set_dash(cr, series_dashes[s].dashes, series_dashes[s].n, 0);
}

/* A line sample and the series name, with (x, y) the top-left corner. */
static void draw_entry(cairo_t *cr, const line_chart *c, size_t s, double x, double y, double label_h)
{
    set_series_style(cr, c, s);
    cairo_move_to(cr, x, y + label_h / 2);
    cairo_line_to(cr, x + SAMPLE_PT, y + label_h / 2);
    cairo_stroke(cr);
    cairo_set_dash(cr, NULL, 0, 0);
    rk_frame_draw_string(cr, c->pango, c->spec->series[s].name, BODY_PT, x + SAMPLE_PT + SAMPLE_GAP, y, COLOUR_TEXT);
}

static void draw_periods_and_markers(cairo_t *cr, const line_chart *c)
{
    const rk_line_spec *spec = c->spec;
    for (size_t k = 0; k < spec->n_shades; k++) {
        double x0 = x_at(c, spec->shades[k].from), x1 = x_at(c, spec->shades[k].to);
        double half = c->x_step / 2;
        rk_frame_set_colour(cr, COLOUR_SHADE);
        cairo_rectangle(cr, fmax(c->plot_left, x0 - half), c->plot_top, fmin(c->plot_right, x1 + half) - fmax(c->plot_left, x0 - half),
                        c->plot_bottom - c->plot_top);
        cairo_fill(cr);
    }
    static const double marker_dash[] = {4, 3};
    for (size_t k = 0; k < spec->n_markers; k++) {
        double x = x_at(c, spec->markers[k].at);
        rk_frame_set_colour(cr, COLOUR_SUBTITLE);
        cairo_set_line_width(cr, 1.0);
        cairo_set_dash(cr, marker_dash, 2, 0);
        double y0 = c->band_row[k] >= 0 ? c->band_y + c->band_row[k] * c->band_row_h : c->plot_top;
        cairo_move_to(cr, x, y0);
        cairo_line_to(cr, x, c->plot_bottom);
        cairo_stroke(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
    for (size_t k = 0; k < spec->n_markers + spec->n_shades; k++) {
        if (c->band_row[k] < 0)
            continue;
        const char *label = band_label(spec, k);
        double w = rk_frame_measure(c->pango, label, FOOTER_PT, NULL);
        double x = fmin(band_label_x(c, k), c->page_w - PAGE_MARGIN - w);
        rk_frame_draw_string(cr, c->pango, label, FOOTER_PT, x, c->band_y + c->band_row[k] * c->band_row_h,
                             COLOUR_SUBTITLE);
    }
}

static void draw_axes(cairo_t *cr, const line_chart *c)
{
    char buf[NUMBER_CAP];
    for (long i = c->ticks.first; i <= c->ticks.last; i++) {
        double v = rk_frame_tick_value(c->ticks, i);
        double y = y_at(c, v);
        bool base = i == c->ticks.first || i == 0;
        if (!base) {
            rk_frame_set_colour(cr, COLOUR_GRID);
            cairo_set_line_width(cr, GRID_LINE_PT);
            cairo_move_to(cr, c->plot_left, y);
            cairo_line_to(cr, c->plot_right, y);
            cairo_stroke(cr);
        }
        rk_frame_format_number(buf, v, c->ticks.decimals);
        double h = 0, w = rk_frame_measure(c->pango, buf, BODY_PT, &h);
        rk_frame_draw_string(cr, c->pango, buf, BODY_PT, c->plot_left - TICK_LABEL_GAP - w, y - h / 2, COLOUR_TEXT);
    }
    /* The baseline (zero, or the lowest tick when the axis starts above
     * zero) and the x labels with small ticks. */
    long base = c->ticks.first <= 0 && c->ticks.last >= 0 ? 0 : c->ticks.first;
    rk_frame_set_colour(cr, COLOUR_TEXT);
    cairo_set_line_width(cr, ZERO_LINE_PT);
    double y0 = y_at(c, rk_frame_tick_value(c->ticks, base));
    cairo_move_to(cr, c->plot_left, y0);
    cairo_line_to(cr, c->plot_right, y0);
    cairo_stroke(cr);
    for (size_t i = 0; i < c->spec->n_x; i += c->x_label_every) {
        double x = x_at(c, i);
        cairo_move_to(cr, x, c->plot_bottom);
        cairo_line_to(cr, x, c->plot_bottom + TICK_MARK_PT);
        cairo_stroke(cr);
        rk_frame_draw_string(cr, c->pango, c->spec->x_labels[i], BODY_PT, x_label_left(c, i), c->x_label_y,
                             COLOUR_TEXT);
    }
}

static void draw_series(cairo_t *cr, const line_chart *c)
{
    const rk_line_spec *spec = c->spec;
    /* The first series on top, the focus palette's series above all. */
    size_t order[MAX_SERIES], n_order = 0;
    for (size_t s = spec->n_series; s-- > 0;)
        if (s != c->focus)
            order[n_order++] = s;
    if (c->focus < spec->n_series)
        order[n_order++] = c->focus;
    for (size_t k = 0; k < n_order; k++) {
        size_t s = order[k];
        const rk_line_series *ser = &spec->series[s];
        set_series_style(cr, c, s);
        for (size_t i = 0; i < spec->n_x; i++) {
            if (point_missing(ser, i))
                continue;
            bool prev = i > 0 && !point_missing(ser, i - 1);
            bool next = i + 1 < spec->n_x && !point_missing(ser, i + 1);
            double x = x_at(c, i), y = y_at(c, ser->values[i]);
            if (!prev && !next) { /* alone between gaps: a dot */
                cairo_new_sub_path(cr);
                cairo_arc(cr, x, y, DOT_RADIUS, 0, 2 * G_PI);
                cairo_fill(cr);
                continue;
            }
            if (prev)
                cairo_line_to(cr, x, y);
            else
                cairo_move_to(cr, x, y);
            if (!next)
                cairo_stroke(cr);
        }
        cairo_new_path(cr);
        cairo_set_dash(cr, NULL, 0, 0);
    }
}

static void draw_names(cairo_t *cr, const line_chart *c)
{
    const rk_line_spec *spec = c->spec;
    double label_h = 0;
    rk_frame_measure(c->pango, "Ag", BODY_PT, &label_h);
    if (c->end_labels) {
        for (size_t s = 0; s < spec->n_series; s++) {
            size_t at;
            last_value(&spec->series[s], spec->n_x, &at);
            double x = (at < spec->n_x ? x_at(c, at) : c->plot_right) + END_LABEL_GAP;
            draw_entry(cr, c, s, x, c->end_label_y[s], label_h);
        }
    } else if (spec->n_series > 1) {
        double x = PAGE_MARGIN, y = c->key_y;
        for (size_t s = 0; s < spec->n_series; s++) {
            double w = entry_width(c, s);
            if (x > PAGE_MARGIN && x + w > c->page_w - PAGE_MARGIN) {
                x = PAGE_MARGIN;
                y += label_h * 1.2;
            }
            draw_entry(cr, c, s, x, y, label_h);
            x += w + KEY_ITEM_GAP;
        }
    }
}

static void draw_line_chart(cairo_t *cr, void *chart)
{
    line_chart *c = chart;
    rk_frame_begin_page(cr, c->pango, &c->texts);
    draw_periods_and_markers(cr, c);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    draw_axes(cr, c);
    draw_series(cr, c);
    draw_names(cr, c);
    rk_frame_draw_texts(cr, &c->texts, c->page_w, c->plot_left, c->plot_right);
}

/* ---- alt text and companion table ---------------------------------------- */

static char *line_alt_text(const void *chart)
{
    const line_chart *c = chart;
    const rk_line_spec *spec = c->spec;
    GString *alt = g_string_new(NULL);
    g_string_append_printf(alt, "Line chart: %s.", spec->title);
    if (spec->subtitle && spec->subtitle[0])
        g_string_append_printf(alt, " %s.", spec->subtitle);
    const char *what = spec->y_title && spec->y_title[0] ? spec->y_title : spec->y_name ? spec->y_name : "values";
    g_string_append_printf(alt, " It shows %s from %s to %s", what, spec->x_labels[0], spec->x_labels[spec->n_x - 1]);
    if (spec->n_series > 1) {
        g_string_append_printf(alt, " for %zu series: ", spec->n_series);
        for (size_t s = 0; s < spec->n_series; s++)
            g_string_append_printf(alt, "%s%s", s == 0 ? "" : s + 1 == spec->n_series ? " and " : ", ",
                                   spec->series[s].name);
    }
    g_string_append(alt, ".");
    char a[NUMBER_CAP], b[NUMBER_CAP];
    size_t gaps = 0;
    for (size_t s = 0; s < spec->n_series; s++) {
        const rk_line_series *ser = &spec->series[s];
        size_t hi = spec->n_x, lo = spec->n_x;
        for (size_t i = 0; i < spec->n_x; i++) {
            if (point_missing(ser, i)) {
                gaps++;
                continue;
            }
            if (hi == spec->n_x || ser->values[i] > ser->values[hi])
                hi = i;
            if (lo == spec->n_x || ser->values[i] < ser->values[lo])
                lo = i;
        }
        const char *prefix = spec->n_series > 1 ? ser->name : "The line";
        if (hi == spec->n_x) {
            g_string_append_printf(alt, " %s has no values.", prefix);
            continue;
        }
        rk_frame_format_number(a, ser->values[hi], c->value_decimals);
        rk_frame_format_number(b, ser->values[lo], c->value_decimals);
        g_string_append_printf(alt, " %s is highest at %s in %s and lowest at %s in %s.", prefix, a,
                               spec->x_labels[hi], b, spec->x_labels[lo]);
    }
    if (gaps)
        g_string_append_printf(alt, " %zu %s no value and %s shown as %s.", gaps, gaps == 1 ? "point has" : "points have",
                               gaps == 1 ? "is" : "are", gaps == 1 ? "a gap" : "gaps");
    for (size_t m = 0; m < spec->n_markers; m++)
        g_string_append_printf(alt, " A vertical line at %s marks %s.", spec->x_labels[spec->markers[m].at],
                               spec->markers[m].label && spec->markers[m].label[0] ? spec->markers[m].label
                                                                                   : "a point in time");
    for (size_t m = 0; m < spec->n_shades; m++) {
        g_string_append_printf(alt, " The period from %s to %s is shaded", spec->x_labels[spec->shades[m].from],
                               spec->x_labels[spec->shades[m].to]);
        if (spec->shades[m].label && spec->shades[m].label[0])
            g_string_append_printf(alt, " (%s)", spec->shades[m].label);
        g_string_append(alt, ".");
    }
    if (spec->from_data)
        g_string_append(alt, " The value axis does not start at zero.");
    if (spec->palette == RK_PALETTE_FOCUS)
        g_string_append_printf(alt, " %s is highlighted.", spec->focus);
    return g_string_free(alt, FALSE);
}

static rk_status line_table(const void *chart, rk_frame_table *table, rk_error *err)
{
    const rk_line_spec *spec = ((const line_chart *)chart)->spec;
    size_t ncol = spec->n_series + 1;
    const char *headers[MAX_SERIES + 1];
    headers[0] = spec->x_name ? spec->x_name : spec->x_title && spec->x_title[0] ? spec->x_title : "x";
    for (size_t s = 0; s < spec->n_series; s++)
        headers[s + 1] = spec->series[s].name;
    rk_status st = rk_frame_table_init(table, headers, ncol, spec->n_x, err);
    if (st != RK_OK)
        return st;
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < spec->n_x; i++) {
        rk_frame_table_set(table, i, 0, spec->x_labels[i]);
        for (size_t s = 0; s < spec->n_series; s++) {
            const rk_line_series *ser = &spec->series[s];
            if (point_suppressed(ser, i))
                rk_frame_table_set(table, i, s + 1, SUPPRESSED_MARKER);
            else if (point_missing(ser, i))
                rk_frame_table_set(table, i, s + 1, MISSING_MARKER);
            else {
                rk_frame_exact_text(buf, ser->values[i]);
                rk_frame_table_set(table, i, s + 1, buf);
            }
        }
    }
    return RK_OK;
}

/* ---- entry point --------------------------------------------------------- */

static void close_line(void *chart)
{
    line_chart *c = chart;
    rk_frame_free_texts(&c->texts);
    if (c->pango)
        g_object_unref(c->pango);
    free(c->band_row);
    free(c->end_label_y);
    free(c);
}

static rk_status open_line(const void *chart_spec, rk_frame_panel *panel, double page_w, double page_h,
                           const char *path, void **out, rk_error *err)
{
    const rk_line_spec *spec = chart_spec;
    *out = NULL;
    line_chart *c = calloc(1, sizeof *c);
    if (!c)
        return rk_error_nomem(err);
    *c = (line_chart){.spec = spec, .page_w = page_w, .page_h = page_h, .panel = panel, .focus = spec->n_series};
    c->texts.panel = panel;
    for (size_t s = 0; s < spec->n_series; s++) {
        if (spec->palette == RK_PALETTE_SEQUENTIAL) {
            c->colours[s] = rk_frame_sequential_colour(s, spec->n_series);
        } else if (spec->palette == RK_PALETTE_FOCUS) {
            bool focus = strcmp(spec->series[s].name, spec->focus) == 0;
            c->colours[s] = focus ? rk_frame_palette[0] : COLOUR_FOCUS_OTHER;
            if (focus && c->focus == spec->n_series)
                c->focus = s;
        } else {
            c->colours[s] = rk_frame_palette[s];
        }
    }
    bool any_value = false;
    double *all = malloc((spec->n_x * spec->n_series + 1) * sizeof *all);
    bool *skip = malloc((spec->n_x * spec->n_series + 1) * sizeof *skip);
    c->band_row = calloc(spec->n_markers + spec->n_shades + 1, sizeof *c->band_row);
    c->end_label_y = calloc(spec->n_series, sizeof *c->end_label_y);
    if (!all || !skip || !c->band_row || !c->end_label_y) {
        free(all);
        free(skip);
        close_line(c);
        return rk_error_nomem(err);
    }
    size_t k = 0;
    for (size_t s = 0; s < spec->n_series; s++)
        for (size_t i = 0; i < spec->n_x; i++, k++) {
            const rk_line_series *ser = &spec->series[s];
            skip[k] = point_missing(ser, i);
            all[k] = skip[k] ? 0 : ser->values[i];
            c->any_missing |= skip[k];
            c->any_suppressed |= point_suppressed(ser, i);
            if (skip[k])
                continue;
            c->lo = any_value || !spec->from_data ? fmin(c->lo, all[k]) : all[k];
            c->hi = any_value || !spec->from_data ? fmax(c->hi, all[k]) : all[k];
            any_value = true;
        }
    c->value_decimals = rk_frame_decimals(all, skip, k);
    free(all);
    free(skip);
    rk_frame_widen_to_shared(panel, &c->lo, &c->hi);
    if (spec->from_data && c->hi - c->lo <= 0) { /* one value: a little room either side */
        double pad = fabs(c->hi) > 0 ? fabs(c->hi) * 0.1 : 1;
        c->lo -= pad;
        c->hi += pad;
    }
    c->pango = rk_frame_pango_context();
    rk_status status = layout_line(c, path, err);
    if (status != RK_OK) {
        close_line(c);
        return status;
    }
    *out = c;
    return RK_OK;
}

static rk_frame_scale line_scale(const void *chart)
{
    const line_chart *c = chart;
    return (rk_frame_scale){.has_range = true, .lo = c->lo, .hi = c->hi, .has_ticks = true, .ticks = c->ticks};
}

const rk_chart_type rk_line_type = {
    .name = "line",
    .validate = validate_line,
    .open = open_line,
    .scale = line_scale,
    .draw = draw_line_chart,
    .alt_text = line_alt_text,
    .table = line_table,
    .close = close_line,
};

rk_status rk_chart_line_save(const rk_line_spec *spec, const char *path, rk_error *err)
{
    rk_chart_common common = {spec ? spec->title : NULL, spec ? spec->width_mm : 0, spec ? spec->height_mm : 0,
                              spec && spec->companions, spec ? spec->stamp : NULL};
    return rk_chart_save_as(&rk_line_type, spec, common, path, err);
}
