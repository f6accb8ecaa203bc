/* rk_funnel.c: funnel charts (stages with counts and conversions), drawn
 * with cairo in the house style of rk_chart_frame.h.
 *
 * One horizontal bar per stage, top to bottom in the caller's order, all
 * from the same zero baseline so the lengths compare honestly (no centred
 * "funnel" shape). The stage name is on the left; at the bar's end the
 * count and the conversions, "5 (17% of attended; 5% of confirmed)", so the
 * chart reads without colour or an axis. A stage without a count shows
 * "[x]" or "[c]" at the baseline, never a bar of zero.
 */
#include "rk_chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "rk_chart_frame.h"
#include "rk_chart_type.h"

#define MAX_LABEL_SHARE 0.35     /* of the page width, for the stage names */
#define COLUMN_GAP 8.0           /* between the names and the bars, a bar and its numbers */
#define MAX_ROW_PT 40.0
#define MIN_ROW_PT 14.0
#define BAR_SHARE 0.7            /* of the row's height */
#define NUMBERS_CAP (3 * NUMBER_CAP + 2 * 256)

typedef struct funnel_chart {
    const rk_funnel_spec *spec;
    PangoContext *pango;
    rk_frame_texts texts;
    double page_w, page_h;
    double max_value;
    int decimals;
    double label_w;
    double plot_left, plot_right, plot_top, row_h;
    bool any_missing_only, any_suppressed;
    rk_frame_panel *panel; /* NULL unless drawn as one of small multiples */
} funnel_chart;

static bool stage_missing(const rk_funnel_spec *spec, size_t i)
{
    return spec->missing && spec->missing[i];
}

static bool stage_suppressed(const rk_funnel_spec *spec, size_t i)
{
    return stage_missing(spec, i) && spec->suppressed && spec->suppressed[i];
}

static const char *stage_text(const rk_funnel_spec *spec, size_t i)
{
    return spec->labels[i] ? spec->labels[i] : "(missing)";
}

/* ---- validation ---------------------------------------------------------- */

static rk_status validate_funnel(const void *chart_spec, rk_error *err)
{
    const rk_funnel_spec *spec = chart_spec;
    if (!spec->title || !spec->title[0])
        return rk_error_set(err, RK_EARG, "funnel chart has no title: give it a headline title");
    if (spec->n == 0)
        return rk_error_set(err, RK_EARG, "funnel chart has no stages: the data has no rows");
    if (!spec->labels || !spec->values)
        return rk_error_set(err, RK_EARG, "funnel chart needs stage names and counts");
    rk_status st;
    if ((st = rk_frame_check_text("funnel", spec->title, "title", err)) ||
        (st = rk_frame_check_text("funnel", spec->subtitle, "subtitle", err)) ||
        (st = rk_frame_check_text("funnel", spec->source, "source", err)) ||
        (st = rk_frame_check_text("funnel", spec->x_title, "x axis title", err)) ||
        (st = rk_frame_check_text("funnel", spec->y_title, "y axis title", err)) ||
        (st = rk_frame_check_size("funnel", spec->width_mm, "width", err)) ||
        (st = rk_frame_check_size("funnel", spec->height_mm, "height", err)))
        return st;
    for (size_t i = 0; i < spec->n; i++) {
        if (spec->labels[i] && !g_utf8_validate(spec->labels[i], -1, NULL))
            return rk_error_set(err, RK_EARG, "funnel chart stage %zu is not valid UTF-8", i + 1);
        if (stage_missing(spec, i))
            continue;
        double v = spec->values[i];
        if (!isfinite(v) || v < 0 || v > MAX_ABS_VALUE)
            return rk_error_set(err, RK_EARG, "funnel chart count for '%.60s' is %g: counts are 0 or more",
                                stage_text(spec, i), v);
    }
    return RK_OK;
}

/* ---- numbers ------------------------------------------------------------- */

/* 100 * part / whole as printed: whole numbers, one place below 10% unless
 * whole ("16.7" is printed "17", "4.5" stays "4.5"), more where one would
 * show a share above 0 as 0 ("0.04"). False when there is no
 * percentage to give. */
static bool percent_text(const rk_funnel_spec *spec, size_t part, size_t whole, char buf[NUMBER_CAP])
{
    if (stage_missing(spec, part) || stage_missing(spec, whole) || spec->values[whole] <= 0)
        return false;
    double pct = 100.0 * spec->values[part] / spec->values[whole];
    rk_frame_format_number(buf, pct, rk_frame_percent_decimals(pct));
    return true;
}

/* "5 (17% of attended; 5% of confirmed)", "100", "[c]". */
static void numbers_text(const funnel_chart *c, size_t i, char *buf, size_t cap)
{
    const rk_funnel_spec *spec = c->spec;
    if (stage_missing(spec, i)) {
        snprintf(buf, cap, "%s", stage_suppressed(spec, i) ? SUPPRESSED_MARKER : MISSING_MARKER);
        return;
    }
    char count[NUMBER_CAP], prev[NUMBER_CAP], first[NUMBER_CAP];
    rk_frame_format_number(count, spec->values[i], c->decimals);
    bool has_prev = i > 1 && percent_text(spec, i, i - 1, prev);
    bool has_first = i > 0 && percent_text(spec, i, 0, first);
    if (has_prev && has_first)
        snprintf(buf, cap, "%s (%s%% of %s; %s%% of %s)", count, prev, stage_text(spec, i - 1), first,
                 stage_text(spec, 0));
    else if (has_prev)
        snprintf(buf, cap, "%s (%s%% of %s)", count, prev, stage_text(spec, i - 1));
    else if (has_first)
        snprintf(buf, cap, "%s (%s%% of %s)", count, first, stage_text(spec, 0));
    else
        snprintf(buf, cap, "%s", count);
}

/* ---- layout -------------------------------------------------------------- */

static rk_status layout_funnel(funnel_chart *c, const char *path, rk_error *err)
{
    const rk_funnel_spec *spec = c->spec;
    const char *note = rk_frame_marker_note(c->any_missing_only, c->any_suppressed);
    rk_frame_make_texts(c->pango, &c->texts, c->page_w, spec->title, spec->subtitle, spec->y_title, spec->x_title,
                        note, spec->source);
    double top, bottom;
    rk_frame_stack_texts(&c->texts, c->page_h, &top, &bottom);

    double label_h = 0;
    rk_frame_measure(c->pango, "Ag", BODY_PT, &label_h);
    c->label_w = 0;
    for (size_t i = 0; i < c->spec->n; i++)
        c->label_w = fmax(c->label_w, rk_frame_measure(c->pango, stage_text(spec, i), BODY_PT, NULL));
    c->label_w = fmin(c->label_w, MAX_LABEL_SHARE * c->page_w);
    c->plot_left = PAGE_MARGIN + c->label_w + COLUMN_GAP;
    c->plot_right = c->page_w - PAGE_MARGIN;
    /* The longest bar leaves room for its numbers; every other bar is shorter. */
    char buf[NUMBERS_CAP];
    double full = c->plot_right - c->plot_left;
    double scale = full;
    for (size_t i = 0; i < spec->n; i++) {
        numbers_text(c, i, buf, sizeof buf);
        double w = rk_frame_measure(c->pango, buf, BODY_PT, NULL) + COLUMN_GAP;
        double share = stage_missing(spec, i) || c->max_value <= 0 ? 0 : spec->values[i] / c->max_value;
        /* bar + text must fit: share * scale + w <= full */
        if (share > 0)
            scale = fmin(scale, (full - w) / share);
        else if (w > full)
            scale = -1;
    }
    if (scale < MIN_PLOT_PT)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: the stage names and numbers leave no room for the bars; "
                            "make it wider or shorten the names", path);
    c->plot_right = c->plot_left + scale;
    c->plot_top = top;
    c->row_h = fmin((bottom - top) / (double)spec->n, MAX_ROW_PT);
    if (c->row_h < fmax(MIN_ROW_PT, label_h))
        return rk_error_set(err, RK_EARG, "cannot save chart to %s: %zu stages do not fit in %.0f mm; make it taller",
                            path, spec->n, c->page_h / PT_PER_INCH * MM_PER_INCH);
    /* Rows sit together under the headings; the footer texts follow them. */
    double slack = bottom - (top + c->row_h * (double)spec->n);
    if (c->texts.x_title)
        c->texts.x_title_y -= slack;
    return RK_OK;
}

/* ---- drawing ------------------------------------------------------------- */

static void draw_funnel_chart(cairo_t *cr, void *chart)
{
    funnel_chart *c = chart;
    const rk_funnel_spec *spec = c->spec;
    rk_frame_begin_page(cr, c->pango, &c->texts);

    char buf[NUMBERS_CAP];
    for (size_t i = 0; i < spec->n; i++) {
        double y = c->plot_top + ((double)i + 0.5) * c->row_h;
        PangoLayout *label = rk_frame_text(c->pango, stage_text(spec, i), BODY_PT, false, 0, PANGO_ALIGN_RIGHT);
        pango_layout_set_width(label, (int)floor(c->label_w * PANGO_SCALE));
        pango_layout_set_ellipsize(label, PANGO_ELLIPSIZE_END);
        rk_frame_draw_text(cr, label, PAGE_MARGIN, y - rk_frame_text_height(label) / 2,
                           spec->labels[i] ? COLOUR_TEXT : COLOUR_SECONDARY);
        g_object_unref(label);

        double end = c->plot_left;
        bool missing = stage_missing(spec, i);
        if (!missing && c->max_value > 0) {
            end = c->plot_left + spec->values[i] / c->max_value * (c->plot_right - c->plot_left);
            rk_frame_set_colour(cr, COLOUR_BAR);
            cairo_rectangle(cr, c->plot_left, y - c->row_h * BAR_SHARE / 2, end - c->plot_left,
                            c->row_h * BAR_SHARE);
            cairo_fill(cr);
        }
        numbers_text(c, i, buf, sizeof buf);
        double h = 0;
        rk_frame_measure(c->pango, buf, BODY_PT, &h);
        rk_frame_draw_string(cr, c->pango, buf, BODY_PT, end + COLUMN_GAP, y - h / 2,
                             missing ? COLOUR_SECONDARY : COLOUR_TEXT);
    }
    /* The zero baseline, over the bars' left ends. */
    rk_frame_set_colour(cr, COLOUR_TEXT);
    cairo_set_line_width(cr, ZERO_LINE_PT);
    cairo_move_to(cr, c->plot_left, c->plot_top);
    cairo_line_to(cr, c->plot_left, c->plot_top + c->row_h * (double)spec->n);
    cairo_stroke(cr);
    rk_frame_draw_texts(cr, &c->texts, c->page_w, c->plot_left, c->plot_right);
}

/* ---- alt text and companion table ---------------------------------------- */

static char *funnel_alt_text(const void *chart)
{
    const funnel_chart *c = chart;
    const rk_funnel_spec *spec = c->spec;
    GString *alt = g_string_new(NULL);
    char buf[NUMBERS_CAP];
    g_string_append_printf(alt, "Funnel chart: %s.", spec->title);
    if (spec->subtitle && spec->subtitle[0])
        g_string_append_printf(alt, " %s.", spec->subtitle);
    g_string_append_printf(alt, " It shows %s at %zu %s in order:",
                           spec->x_title && spec->x_title[0] ? spec->x_title : "the count", spec->n,
                           spec->n == 1 ? "stage" : "stages");
    size_t n_missing = 0, n_suppressed = 0;
    for (size_t i = 0; i < spec->n; i++) {
        numbers_text(c, i, buf, sizeof buf);
        g_string_append_printf(alt, "%s %s %s", i ? ";" : "", stage_text(spec, i), buf);
        n_suppressed += stage_suppressed(spec, i);
        n_missing += stage_missing(spec, i) && !stage_suppressed(spec, i);
    }
    g_string_append(alt, ".");
    if (n_missing)
        g_string_append_printf(alt, " %zu %s not available, marked [x].", n_missing,
                               n_missing == 1 ? "count is" : "counts are");
    if (n_suppressed)
        g_string_append_printf(alt, " %zu %s withheld as confidential, marked [c].", n_suppressed,
                               n_suppressed == 1 ? "count is" : "counts are");
    return g_string_free(alt, FALSE);
}

static rk_status funnel_table(const void *chart, rk_frame_table *table, rk_error *err)
{
    const rk_funnel_spec *spec = ((const funnel_chart *)chart)->spec;
    const char *headers[4] = {
        spec->x_name ? spec->x_name : spec->y_title && spec->y_title[0] ? spec->y_title : "stage",
        spec->y_name ? spec->y_name : spec->x_title && spec->x_title[0] ? spec->x_title : "count",
        "percent_of_previous", "percent_of_first",
    };
    rk_status st = rk_frame_table_init(table, headers, 4, spec->n, err);
    if (st != RK_OK)
        return st;
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < spec->n; i++) {
        rk_frame_table_set(table, i, 0, spec->labels[i] ? spec->labels[i] : "");
        if (stage_missing(spec, i)) {
            rk_frame_table_set(table, i, 1, stage_suppressed(spec, i) ? SUPPRESSED_MARKER : MISSING_MARKER);
        } else {
            rk_frame_exact_text(buf, spec->values[i]);
            rk_frame_table_set(table, i, 1, buf);
        }
        if (i > 0 && percent_text(spec, i, i - 1, buf))
            rk_frame_table_set(table, i, 2, buf);
        if (i > 0 && percent_text(spec, i, 0, buf))
            rk_frame_table_set(table, i, 3, buf);
    }
    return RK_OK;
}

/* ---- entry point --------------------------------------------------------- */

static void close_funnel(void *chart)
{
    funnel_chart *c = chart;
    rk_frame_free_texts(&c->texts);
    if (c->pango)
        g_object_unref(c->pango);
    free(c);
}

static rk_status open_funnel(const void *chart_spec, rk_frame_panel *panel, double page_w, double page_h,
                           const char *path, void **out, rk_error *err)
{
    const rk_funnel_spec *spec = chart_spec;
    *out = NULL;
    funnel_chart *c = calloc(1, sizeof *c);
    if (!c)
        return rk_error_nomem(err);
    *c = (funnel_chart){.spec = spec, .page_w = page_w, .page_h = page_h, .panel = panel};
    c->texts.panel = panel;
    bool *skip = malloc(spec->n * sizeof *skip);
    if (!skip) {
        close_funnel(c);
        return rk_error_nomem(err);
    }
    for (size_t i = 0; i < spec->n; i++) {
        skip[i] = stage_missing(spec, i);
        c->any_suppressed |= stage_suppressed(spec, i);
        c->any_missing_only |= skip[i] && !stage_suppressed(spec, i);
        if (!skip[i])
            c->max_value = fmax(c->max_value, spec->values[i]);
    }
    c->decimals = rk_frame_decimals(spec->values, skip, spec->n);
    free(skip);

    if (panel && panel->shared.has_range)
        c->max_value = fmax(c->max_value, panel->shared.hi);
    c->pango = rk_frame_pango_context();
    rk_status status = layout_funnel(c, path, err);
    if (status != RK_OK) {
        close_funnel(c);
        return status;
    }
    *out = c;
    return RK_OK;
}

static rk_frame_scale funnel_scale(const void *chart)
{
    const funnel_chart *c = chart;
    return (rk_frame_scale){.has_range = true, .lo = 0, .hi = c->max_value};
}

const rk_chart_type rk_funnel_type = {
    .name = "funnel",
    .full_width = true,
    .validate = validate_funnel,
    .open = open_funnel,
    .scale = funnel_scale,
    .draw = draw_funnel_chart,
    .alt_text = funnel_alt_text,
    .table = funnel_table,
    .close = close_funnel,
};

rk_status rk_chart_funnel_save(const rk_funnel_spec *spec, const char *path, rk_error *err)
{
    rk_chart_common common = {spec ? spec->title : NULL, spec ? spec->width_mm : 0, spec ? spec->height_mm : 0,
                              spec && spec->companions, spec ? spec->stamp : NULL};
    return rk_chart_save_as(&rk_funnel_type, spec, common, path, err);
}
