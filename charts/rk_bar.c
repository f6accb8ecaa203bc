/* rk_bar.c: bar charts, vertical or horizontal, of one series or several
 * (grouped, stacked or stacked to 100%), drawn with cairo and laid out
 * with pango.
 *
 * The chart is drawn in points (1/72 inch) on a page of the requested size,
 * whatever the output: PDF and SVG surfaces are sized in points, and the PNG
 * surface is scaled by 300/72 so it becomes a 300 dpi image. Text metrics are
 * unhinted, so line breaks and positions are the same in all three formats.
 *
 * The look follows the Government Analysis Function guidance on charts: a
 * headline title left-aligned, a subtitle saying what is measured, one colour
 * for the bars (the palette's colours in order for several series), a value
 * axis that starts at zero, light gridlines, no border, horizontal text
 * only, and a source line. Everything is laid out first (before any file is
 * touched, so a chart that cannot fit fails cleanly), then drawn.
 *
 * Colour is never the only cue. Bars of a group stand in the key's order,
 * left to right (top to bottom when horizontal), and carry their values.
 * Segments of a stack are parted by white lines, carry their values where
 * they fit, and are named beside the last vertical stack when the names fit
 * there; otherwise the key lists them in the order they are read in the
 * stack (top to bottom for vertical stacks, left to right for horizontal
 * ones). So position names a series even in greyscale or where two
 * colours are close.
 *
 * The plain chart (one series, vertical, the categorical palette) computes
 * every position exactly as it did before the other forms were added, so
 * its output is unchanged byte for byte.
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
#include "rk_chart_type.h"

#define MIN_SQUEEZED_PT 6.5 /* below MIN_LABEL_PT, with lines cut, before breaking words */
#define MIN_VALUE_PT 8.0 /* value labels shrink to this; if still too wide, they are left out */
#define VALUE_LABEL_GAP 2.0  /* between a bar's end and its value label */
#define BAR_FRACTION 0.65    /* of the slot: a gap of about half a bar between bars */
#define MAX_BAR_FRACTION 0.2 /* of the plot: one or two bars should not be slabs */
#define MIN_SLOT_PT 12.0     /* narrower slots cannot carry a label of any kind */

#define MAX_SERIES PALETTE_SIZE
#define GROUP_FRACTION 0.8   /* of the slot, for a group of bars side by side */
#define GROUP_GAP 1.0        /* white between the bars of a group */
#define SEGMENT_LINE_PT 1.0  /* white line between the segments of a stack */
#define SEGMENT_PAD 2.0      /* around a value label inside a segment */
#define MIN_BAR_PT 3.0       /* a thinner bar in a group cannot be seen */
#define MAX_LABEL_SHARE 0.4  /* horizontal: of the page width, for the category labels */
#define COLUMN_GAP 8.0       /* horizontal: between the category labels and the plot */
#define TICK_SPACING_GAP 12.0 /* horizontal: at least this between tick labels */
#define MAX_ROW_PT 40.0      /* horizontal: taller rows look empty */
#define MAX_DIRECT_SHARE 0.3 /* names beside the stacks take at most this of the page width */
#define SWATCH_PT 9.0        /* a key's colour square */
#define SWATCH_GAP 4.0       /* between a swatch and its name */
#define KEY_ITEM_GAP 14.0    /* between the key's entries */
#define KEY_GAP 6.0          /* between the key and the plot */
#define DIRECT_GAP 6.0       /* between the last stack and the names beside it */
#define PERCENT_NOTE "a bar with a part missing shows no shares"
#define TOTAL_NOTE "a total with %s adds up only the parts shown"

/* How category labels were made to fit their slots, best first. */
typedef enum category_fit {
    LABELS_WHOLE,      /* every word and line shown */
    LABELS_CUT_LINES,  /* lines beyond CATEGORY_MAX_LINES end in an ellipsis */
    LABELS_BREAK_WORDS /* words wider than the slot broken too */
} category_fit;

/* A stack's missing parts. */
enum { GAP_MISSING = 1, GAP_SUPPRESSED = 2 };

/* Value-axis ticks; the data range given to them contains zero, so zero is
 * always a tick and the axis starts at zero. */
typedef rk_frame_ticks axis_ticks;
/* Where everything goes, in points from the page's top-left corner. "Slot"
 * is a category's share of the category axis: a column when vertical, a
 * row when horizontal. */
typedef struct bar_layout {
    double page_w, page_h;
    bool horizontal;
    axis_ticks ticks;
    double plot_left, plot_right; /* vertical: across all slots; horizontal: the value axis */
    double plot_top, plot_bottom; /* vertical: y of the highest and lowest tick; horizontal: the rows */
    double slot_w;                /* each category's share of the category axis */
    double bar_w;                 /* one bar across the category axis (in a group, one of them) */
    double group_w;               /* the bars of a slot together: bar_w * n_series when grouped */
    double category_y;     /* vertical: top of the category labels */
    double category_pt;    /* one size for every category label */
    category_fit category_fit;
    double label_w;        /* horizontal: the category labels' column */
    int label_lines;       /* horizontal: lines a category label may take */
    double tick_label_y;   /* horizontal: top of the tick labels */
    bool show_values;      /* value labels fit their slots; missing markers always show */
    double value_pt;       /* value labels and missing markers */
    int value_decimals;
    double segment_pt;     /* value labels inside stacked segments */
    bool key;              /* series named in a key above the plot */
    double key_y, key_row_h;
    bool direct;           /* series named beside the last stack */
    double direct_y[MAX_SERIES]; /* tops of those names */
} bar_layout;

typedef struct bar_chart {
    const rk_bar_spec *spec;
    size_t n;                 /* categories */
    size_t n_series;          /* 1 for a chart of one series */
    bool multi;               /* spec->series given: a key names them */
    rk_bar_layout layout;     /* RK_BAR_GROUPED for one series */
    rk_bar_series series[MAX_SERIES]; /* one series: views of spec->values and flags */
    uint32_t colours[MAX_SERIES];
    const char *focus_category; /* one series, focus palette: the bar drawn in colour */
    double *totals;           /* stacked and percent: the sum of each stack's parts present (owned) */
    unsigned char *gaps;      /* stacked and percent: GAP_* flags of each stack (owned) */
    double lo, hi;      /* data range widened to include zero */
    bool any_missing;
    bool any_suppressed;      /* some missing bars are "[c]" */
    bool any_missing_only;    /* some missing bars are "[x]" */
    bool any_non_negative; /* some bar's value label stands above it */
    bool any_incomplete;      /* stacked and percent: some stack has a missing part */
    PangoContext *pango;
    rk_frame_texts texts;
    bar_layout lay;
    rk_frame_panel *panel;    /* NULL unless drawn as one of small multiples */
} bar_chart;

/* ---- cells --------------------------------------------------------------- */

static bool cell_missing(const bar_chart *c, size_t s, size_t i)
{
    return c->series[s].missing && c->series[s].missing[i];
}

static bool cell_suppressed(const bar_chart *c, size_t s, size_t i)
{
    return cell_missing(c, s, i) && c->series[s].suppressed && c->series[s].suppressed[i];
}

static bool is_stacked(const bar_chart *c)
{
    return c->layout == RK_BAR_STACKED || c->layout == RK_BAR_PERCENT;
}

static const char *category_text(const rk_bar_spec *spec, size_t i)
{
    return spec->labels[i] ? spec->labels[i] : "(missing)";
}

/* The share of stack i that segment s is, in percent; NaN when the stack
 * has a missing part or a total of 0, so has no shares. */
static double share_of(const bar_chart *c, size_t s, size_t i)
{
    if (c->gaps[i] || !(c->totals[i] > 0))
        return NAN;
    return 100.0 * c->series[s].values[i] / c->totals[i];
}

/* ---- validation ---------------------------------------------------------- */

static rk_status check_text(const char *text, const char *what, rk_error *err)
{
    return rk_frame_check_text("bar", text, what, err);
}

/* Colours the chart draws: the focus palette's two, else one per series. */
static size_t colours_used(const rk_bar_spec *spec)
{
    if (spec->palette == RK_PALETTE_FOCUS)
        return 2;
    return spec->n_series ? spec->n_series : 1;
}

static bool focus_found(const rk_bar_spec *spec)
{
    if (spec->n_series) {
        for (size_t s = 0; s < spec->n_series; s++)
            if (strcmp(spec->series[s].name, spec->focus) == 0)
                return true;
        return false;
    }
    for (size_t i = 0; i < spec->n; i++)
        if (spec->labels[i] && strcmp(spec->labels[i], spec->focus) == 0)
            return true;
    return false;
}

static rk_status validate_palette(const rk_bar_spec *spec, rk_error *err)
{
    if (spec->palette == RK_PALETTE_SEQUENTIAL && !spec->n_series)
        return rk_error_set(err, RK_EARG, "bar chart palette sequential shades several series in order: give the "
                                          "series (group in a script), or use the focus palette to highlight one bar");
    if (spec->palette != RK_PALETTE_FOCUS && spec->focus)
        return rk_error_set(err, RK_EARG, "bar chart focus '%.60s' is given but the palette is not focus",
                            spec->focus);
    if (spec->palette == RK_PALETTE_FOCUS) {
        if (!spec->focus || !g_utf8_validate(spec->focus, -1, NULL))
            return rk_error_set(err, RK_EARG, "bar chart palette focus needs focus: the %s to draw in colour",
                                spec->n_series ? "series" : "category");
        if (!focus_found(spec)) {
            if (!spec->n_series)
                return rk_error_set(err, RK_EARG, "bar chart focus '%.60s' is not one of the categories",
                                    spec->focus);
            GString *names = g_string_new(NULL);
            for (size_t s = 0; s < spec->n_series; s++)
                g_string_append_printf(names, "%s%s", s ? ", " : "", spec->series[s].name);
            rk_error_set(err, RK_EARG, "bar chart focus '%.60s' is not one of the series (%.200s)", spec->focus,
                         names->str);
            g_string_free(names, TRUE);
            return RK_EARG;
        }
    }
    size_t colours = colours_used(spec);
    if (colours > MAX_EASY_COLOURS && !spec->many_colours)
        return rk_error_set(err, RK_EARG,
                            "bar chart has %zu series, so %zu colours: more than %d are hard to tell apart "
                            "(Government Analysis Function advice); draw small multiples or fewer groups, or "
                            "set many_colours = true to draw them anyway",
                            spec->n_series, colours, MAX_EASY_COLOURS);
    return RK_OK;
}

static rk_status validate_series(const rk_bar_spec *spec, rk_error *err)
{
    if (!spec->n_series) {
        if (spec->layout != RK_BAR_GROUPED)
            return rk_error_set(err, RK_EARG, "bar chart layout %s needs several series",
                                spec->layout == RK_BAR_STACKED ? "stacked" : "percent");
        return RK_OK;
    }
    if (!spec->series)
        return rk_error_set(err, RK_EARG, "bar chart has %zu series but none given", spec->n_series);
    if (spec->n_series > MAX_SERIES)
        return rk_error_set(err, RK_EARG,
                            "bar chart has %zu series: at most %d can be drawn (the palette has %d colours); "
                            "draw small multiples or fewer groups",
                            spec->n_series, MAX_SERIES, MAX_SERIES);
    if (spec->layout != RK_BAR_GROUPED && spec->layout != RK_BAR_STACKED && spec->layout != RK_BAR_PERCENT)
        return rk_error_set(err, RK_EARG, "bar chart layout %d is not grouped, stacked or percent", (int)spec->layout);
    for (size_t s = 0; s < spec->n_series; s++) {
        const rk_bar_series *ser = &spec->series[s];
        if (!ser->name || !g_utf8_validate(ser->name, -1, NULL) || !ser->values)
            return rk_error_set(err, RK_EARG, "bar chart series %zu has no name, an invalid name or no values", s + 1);
    }
    return RK_OK;
}

/* Value v of series `name` (NULL for the one series) in category i. */
static rk_status check_value(const rk_bar_spec *spec, const char *name, size_t i, double v, rk_error *err)
{
    char where[160];
    if (name)
        snprintf(where, sizeof where, "'%.60s' in series '%.60s'", category_text(spec, i), name);
    else
        snprintf(where, sizeof where, "'%.60s' (bar %zu)", category_text(spec, i), i + 1);
    if (!isfinite(v))
        return rk_error_set(err, RK_EARG, "bar chart value for %s is %g: mark it missing instead", where, v);
    if (fabs(v) > MAX_ABS_VALUE)
        return rk_error_set(err, RK_EARG, "bar chart value for %s is too large to label (limit %g)", where,
                            MAX_ABS_VALUE);
    if (v < 0 && spec->n_series && spec->layout != RK_BAR_GROUPED)
        return rk_error_set(err, RK_EARG,
                            "bar chart value for %s is %g: stacked bars need values of 0 or more; draw grouped "
                            "bars for changes",
                            where, v);
    return RK_OK;
}

static rk_status validate_spec(const rk_bar_spec *spec, rk_error *err)
{
    if (!spec->title || !spec->title[0])
        return rk_error_set(err, RK_EARG, "bar chart has no title: give it a headline title");
    if (spec->n == 0)
        return rk_error_set(err, RK_EARG, "bar chart has no bars: the data has no rows");
    if (!spec->labels || (!spec->n_series && !spec->values))
        return rk_error_set(err, RK_EARG, "bar chart has %zu bars but no %s", spec->n,
                            spec->labels ? "values" : "labels");
    rk_status st;
    if ((st = check_text(spec->title, "title", err)) || (st = check_text(spec->subtitle, "subtitle", err)) ||
        (st = check_text(spec->source, "source", err)) || (st = check_text(spec->x_title, "x axis title", err)) ||
        (st = check_text(spec->y_title, "y axis title", err)) || (st = validate_series(spec, err)))
        return st;
    for (size_t i = 0; i < spec->n; i++)
        if (spec->labels[i] && !g_utf8_validate(spec->labels[i], -1, NULL))
            return rk_error_set(err, RK_EARG, "bar chart label %zu is not valid UTF-8", i + 1);
    size_t n_series = spec->n_series ? spec->n_series : 1;
    for (size_t s = 0; s < n_series; s++) {
        const rk_bar_series *ser = spec->n_series ? &spec->series[s] : NULL;
        const double *values = ser ? ser->values : spec->values;
        const bool *missing = ser ? ser->missing : spec->missing;
        for (size_t i = 0; i < spec->n; i++) {
            if (missing && missing[i])
                continue; /* a missing value's slot may hold anything, NaN included */
            if ((st = check_value(spec, ser ? ser->name : NULL, i, values[i], err)))
                return st;
        }
    }
    if ((st = validate_palette(spec, err)) || (st = rk_frame_check_size("bar", spec->width_mm, "width", err)) ||
        (st = rk_frame_check_size("bar", spec->height_mm, "height", err)))
        return st;
    return RK_OK;
}

rk_status rk_chart_bar_check(const rk_bar_spec *spec, rk_error *err)
{
    if (!spec)
        return rk_error_set(err, RK_EARG, "cannot save chart: no chart given");
    return validate_spec(spec, err);
}

/* ---- colours ------------------------------------------------------------- */

static void choose_colours(bar_chart *c)
{
    const rk_bar_spec *spec = c->spec;
    for (size_t s = 0; s < c->n_series; s++) {
        if (spec->palette == RK_PALETTE_SEQUENTIAL)
            c->colours[s] = rk_frame_sequential_colour(s, c->n_series);
        else if (spec->palette == RK_PALETTE_FOCUS && c->multi)
            c->colours[s] = strcmp(c->series[s].name, spec->focus) == 0 ? rk_frame_palette[0] : COLOUR_FOCUS_OTHER;
        else
            c->colours[s] = rk_frame_palette[s];
    }
    if (spec->palette == RK_PALETTE_FOCUS && !c->multi)
        c->focus_category = spec->focus;
}

/* The fill of bar (or segment) s in category i. */
static uint32_t bar_colour(const bar_chart *c, size_t s, size_t i)
{
    if (c->focus_category) {
        const char *label = c->spec->labels[i];
        return label && strcmp(label, c->focus_category) == 0 ? rk_frame_palette[0] : COLOUR_FOCUS_OTHER;
    }
    return c->colours[s];
}

/* Neighbouring series (in a group or a stack) with different colours of
 * less than 3:1 contrast, through spec->warn. Identical colours are the
 * focus palette's greys: meant to recede together, and told apart by their
 * place in the key's order. */
static void warn_weak_neighbours(const bar_chart *c)
{
    if (!c->spec->warn || !c->multi)
        return;
    for (size_t s = 0; s + 1 < c->n_series; s++) {
        uint32_t a = c->colours[s], b = c->colours[s + 1];
        double ratio = rk_frame_contrast(a, b);
        if (a == b || ratio >= MIN_NEIGHBOUR_CONTRAST)
            continue;
        char ha[COLOUR_HEX_CAP], hb[COLOUR_HEX_CAP];
        rk_frame_colour_hex(ha, a);
        rk_frame_colour_hex(hb, b);
        char *message = g_strdup_printf(
            "series '%.60s' (%s) and '%.60s' (%s) are neighbours with a contrast of %.2f:1, below the 3:1 WCAG 2.1 "
            "asks of neighbouring colours; their order and labels tell them apart, but fewer series or the "
            "categorical palette would be clearer",
            c->series[s].name, ha, c->series[s + 1].name, hb, ratio);
        c->spec->warn(c->spec->warn_ctx, message);
        g_free(message);
    }
}

/* ---- numbers ------------------------------------------------------------- */

/* One number of decimal places for every value label, so the labels line
 * up and compare: none for counts, else the fewest that show every value
 * exactly, at most two. When every value is below 1 (rates, proportions) the
 * limit rises to show the largest to two significant figures, so 0.0121
 * prints as "0.012", not "0.01". Several series share one count. */
static int value_decimals(const bar_chart *c)
{
    if (!c->multi)
        return rk_frame_decimals(c->spec->values, c->spec->missing, c->spec->n);
    size_t n = c->n * c->n_series;
    double *all = g_new(double, n);
    bool *skip = g_new(bool, n);
    for (size_t s = 0, k = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->n; i++, k++) {
            skip[k] = cell_missing(c, s, i);
            all[k] = skip[k] ? 0 : c->series[s].values[i];
        }
    int decimals = rk_frame_decimals(all, skip, n);
    g_free(all);
    g_free(skip);
    return decimals;
}

/* A share as printed: whole, or one place below 10% when not whole (more
 * for a share that would show as 0). */
static void percent_text(double pct, char buf[NUMBER_CAP])
{
    rk_frame_format_number(buf, pct, rk_frame_percent_decimals(pct));
    strcat(buf, "%");
}

/* "[x]", "[c]" or "[x] [c]" for a stack's missing parts. */
static const char *gap_markers(unsigned gaps)
{
    if ((gaps & GAP_MISSING) && (gaps & GAP_SUPPRESSED))
        return MISSING_MARKER " " SUPPRESSED_MARKER;
    return gaps & GAP_SUPPRESSED ? SUPPRESSED_MARKER : MISSING_MARKER;
}

/* Whether stack i has any part present. */
static bool stack_has_part(const bar_chart *c, size_t i)
{
    for (size_t s = 0; s < c->n_series; s++)
        if (!cell_missing(c, s, i))
            return true;
    return false;
}

/* The text drawn at the end of bar s of category i: its value, or the
 * missing marker. For a stack (s ignored): its total, "1,234 + [c]" when
 * a part is missing, or only the markers when none is present; with
 * values hidden, only what marks a missing part. For a percent bar: the
 * markers when a part is missing, "0" for a total of 0, else nothing.
 * Returns false when there is nothing to draw. */
static bool value_text(const bar_chart *c, size_t s, size_t i, char buf[NUMBER_CAP])
{
    buf[0] = '\0';
    if (c->layout == RK_BAR_PERCENT) {
        if (c->gaps[i])
            snprintf(buf, NUMBER_CAP, "%s", gap_markers(c->gaps[i]));
        else if (!(c->totals[i] > 0))
            snprintf(buf, NUMBER_CAP, "0");
        return buf[0] != '\0';
    }
    if (c->layout == RK_BAR_STACKED) {
        char total[NUMBER_CAP];
        rk_frame_format_number(total, c->totals[i], c->lay.value_decimals);
        if (!c->gaps[i]) {
            if (c->lay.show_values)
                snprintf(buf, NUMBER_CAP, "%s", total);
        } else if (!stack_has_part(c, i)) {
            snprintf(buf, NUMBER_CAP, "%s", gap_markers(c->gaps[i]));
        } else if (c->lay.show_values) {
            snprintf(buf, NUMBER_CAP, "%.40s + %s", total, gap_markers(c->gaps[i]));
        } else {
            snprintf(buf, NUMBER_CAP, "+ %s", gap_markers(c->gaps[i]));
        }
        return buf[0] != '\0';
    }
    if (cell_suppressed(c, s, i))
        snprintf(buf, NUMBER_CAP, "%s", SUPPRESSED_MARKER);
    else if (cell_missing(c, s, i))
        snprintf(buf, NUMBER_CAP, "%s", MISSING_MARKER);
    else
        rk_frame_format_number(buf, c->series[s].values[i], c->lay.value_decimals);
    return true;
}

/* Whether bar s of category i is missing (a stack: has a missing part). */
static bool end_label_is_marker(const bar_chart *c, size_t s, size_t i)
{
    return is_stacked(c) ? c->gaps[i] != 0 : cell_missing(c, s, i);
}

/* The label inside segment s of stack i: its value, or its share. */
static void segment_text(const bar_chart *c, size_t s, size_t i, char buf[NUMBER_CAP])
{
    if (c->layout == RK_BAR_PERCENT)
        percent_text(share_of(c, s, i), buf);
    else
        rk_frame_format_number(buf, c->series[s].values[i], c->lay.value_decimals);
}

/* A tick label: the value, with "%" on a percent axis. */
static void tick_text(const bar_chart *c, axis_ticks t, long k, char buf[NUMBER_CAP])
{
    rk_frame_format_number(buf, (double)k * t.step, t.decimals);
    if (c->layout == RK_BAR_PERCENT)
        strcat(buf, "%");
}

/* ---- category labels (vertical) ------------------------------------------ */

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
    for (size_t i = 0; i < c->n && fits; i++) {
        PangoLayout *layout = category_layout(c, i, size, fit);
        fits = fit == LABELS_BREAK_WORDS ||
               (rk_frame_text_width(layout) <= width + 0.01 && !rk_frame_breaks_inside_word(layout) &&
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

/* ---- value labels -------------------------------------------------------- */

/* The size, in half points, at which text `width` wide at BODY_PT fits `room`. */
static double size_to_fit(double width, double room)
{
    return width <= room ? BODY_PT : floor(BODY_PT * room / width * 2) / 2;
}

/* Room for one end label across the category axis: its width when
 * vertical, its height when horizontal. A lone bar's label may use the
 * slot; a grouped bar's only its own bar, or it would meet its neighbour's. */
static double end_label_room(const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    if (c->multi && c->layout == RK_BAR_GROUPED)
        return lay->horizontal ? lay->bar_w : lay->bar_w + GROUP_GAP;
    return lay->horizontal ? lay->slot_w : label_width(lay->slot_w);
}

/* Measures text at BODY_PT across the category axis (width when vertical,
 * height when horizontal). */
static double across(const bar_chart *c, const char *text)
{
    double h = 0, w = rk_frame_measure(c->pango, text, BODY_PT, &h);
    return c->lay.horizontal ? h : w;
}

/* Value labels stay at BODY_PT unless the widest would overhang its slot;
 * then all shrink together, down to MIN_VALUE_PT. Narrower still, labels
 * would overlap, so they are left out: the gridlines carry the values. The
 * missing marker is short and always shown. Sets show_values and value_pt;
 * returns the labels' height. (Stacks: the totals; segments are fitted
 * separately.) */
static double fit_value_labels(bar_chart *c)
{
    double widest = 0;
    char buf[NUMBER_CAP];
    c->lay.show_values = true; /* value_text below measures the whole labels */
    for (size_t s = 0; s < (is_stacked(c) ? 1 : c->n_series); s++)
        for (size_t i = 0; i < c->n; i++) {
            if (!value_text(c, s, i, buf))
                continue;
            if (!c->lay.horizontal) {
                PangoLayout *layout = rk_frame_text(c->pango, buf, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
                widest = fmax(widest, rk_frame_text_width(layout));
                g_object_unref(layout);
            } else {
                widest = fmax(widest, across(c, buf));
            }
        }
    double room = end_label_room(c);
    double size = size_to_fit(widest, room);
    c->lay.show_values = size >= MIN_VALUE_PT && !c->spec->no_value_labels && c->layout != RK_BAR_PERCENT;
    if (!c->lay.show_values) {
        PangoLayout *marker = rk_frame_text(c->pango, MISSING_MARKER, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        double marker_across = c->lay.horizontal ? rk_frame_text_height(marker) : rk_frame_text_width(marker);
        size = fmax(size_to_fit(marker_across, room), MIN_VALUE_PT);
        g_object_unref(marker);
    }
    c->lay.value_pt = size;
    PangoLayout *layout = rk_frame_text(c->pango, "0", size, false, 0, PANGO_ALIGN_LEFT);
    double height = rk_frame_text_height(layout);
    g_object_unref(layout);
    if (is_stacked(c)) { /* labels inside segments: as large as the bar's thickness allows */
        double seg_widest = 0;
        for (size_t s = 0; s < c->n_series; s++)
            for (size_t i = 0; i < c->n; i++) {
                if (cell_missing(c, s, i) || (c->layout == RK_BAR_PERCENT && isnan(share_of(c, s, i))))
                    continue;
                segment_text(c, s, i, buf);
                seg_widest = fmax(seg_widest, across(c, buf));
            }
        c->lay.segment_pt = fmax(size_to_fit(seg_widest, c->lay.bar_w - 2 * SEGMENT_PAD), MIN_VALUE_PT);
    }
    return height;
}

/* The widest end label at value_pt, for the room beside horizontal bars. */
static double widest_end_label(const bar_chart *c)
{
    double widest = 0;
    char buf[NUMBER_CAP];
    for (size_t s = 0; s < (is_stacked(c) ? 1 : c->n_series); s++)
        for (size_t i = 0; i < c->n; i++) {
            if (!end_label_is_marker(c, s, i) && !c->lay.show_values)
                continue;
            if (value_text(c, s, i, buf))
                widest = fmax(widest, rk_frame_measure(c->pango, buf, c->lay.value_pt, NULL));
        }
    return widest;
}

/* The width of the widest tick label; *height gets a label's height. */
static double widest_tick_label(const bar_chart *c, axis_ticks t, double *height)
{
    double widest = 0;
    char buf[NUMBER_CAP];
    for (long i = t.first; i <= t.last; i++) {
        tick_text(c, t, i, buf);
        PangoLayout *layout = rk_frame_text(c->pango, buf, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        widest = fmax(widest, rk_frame_text_width(layout));
        *height = rk_frame_text_height(layout);
        g_object_unref(layout);
    }
    return widest;
}

/* ---- key and names beside the stacks ------------------------------------- */

/* The series drawn k-th in the key: the stack's reading order. */
static size_t key_series(const bar_chart *c, size_t k)
{
    bool top_first = !c->lay.horizontal && is_stacked(c);
    return top_first ? c->n_series - 1 - k : k;
}

static double entry_width(const bar_chart *c, size_t s)
{
    return SWATCH_PT + SWATCH_GAP + rk_frame_measure(c->pango, c->series[s].name, BODY_PT, NULL);
}

/* Rows the key takes when wrapped to the page width. */
static int key_rows(const bar_chart *c)
{
    double x = PAGE_MARGIN, limit = c->lay.page_w - PAGE_MARGIN;
    int rows = 1;
    for (size_t k = 0; k < c->n_series; k++) {
        double w = entry_width(c, key_series(c, k));
        if (x > PAGE_MARGIN && x + w > limit) {
            rows++;
            x = PAGE_MARGIN;
        }
        x += w + KEY_ITEM_GAP;
    }
    return rows;
}

/* Whether each part of the last stack is present and, on a plot about
 * plot_h tall, at least a line of text tall: then a name can sit at the
 * middle of each segment and none drifts away from its own. */
static bool last_stack_holds_names(const bar_chart *c, double plot_h, double line_h)
{
    size_t last = c->n - 1;
    if (!is_stacked(c) || c->gaps[last] || !(c->totals[last] > 0))
        return false;
    double range = c->layout == RK_BAR_PERCENT ? 100 : rk_frame_nice_ticks(0, c->hi, 2).step * 2;
    for (size_t s = 0; s < c->n_series; s++) {
        double v = c->layout == RK_BAR_PERCENT ? share_of(c, s, last) : c->series[s].values[last];
        if (v / range * plot_h < line_h)
            return false;
    }
    return true;
}

/* Names go beside vertical stacks when the widest fits in
 * MAX_DIRECT_SHARE of the page and the last stack can hold them (see
 * last_stack_holds_names); otherwise in the key. Returns the width they
 * take. */
static double choose_names(bar_chart *c, double *top, double bottom)
{
    bar_layout *lay = &c->lay;
    lay->key = lay->direct = false;
    if (!c->multi)
        return 0;
    double widest = 0, line_h = 0;
    rk_frame_measure(c->pango, "Ag", BODY_PT, &line_h);
    for (size_t s = 0; s < c->n_series; s++)
        widest = fmax(widest, entry_width(c, s));
    /* The plot's height, roughly: less a line of category labels and one of values. */
    double plot_h = bottom - *top - 2 * (BODY_PT * 1.3) - CATEGORY_GAP;
    if (!lay->horizontal && last_stack_holds_names(c, plot_h, line_h) &&
        widest + DIRECT_GAP <= MAX_DIRECT_SHARE * lay->page_w) {
        lay->direct = true;
        return widest + DIRECT_GAP;
    }
    /* The key goes under the headings, above the axis title that sits
     * right over the plot. */
    lay->key = true;
    lay->key_row_h = line_h * 1.2;
    double key_h = key_rows(c) * lay->key_row_h + KEY_GAP;
    lay->key_y = c->texts.y_title ? c->texts.y_title_y : *top;
    if (c->texts.y_title)
        c->texts.y_title_y += key_h;
    *top += key_h;
    return 0;
}

/* ---- layout (vertical) --------------------------------------------------- */

/* Whether labels stand beyond the bars' ends (above, or right when
 * horizontal): values, totals, or markers at the zero line. A percent
 * bar's marker sits inside the empty slot and needs no room. */
static bool labels_beyond(const bar_chart *c)
{
    if (c->layout == RK_BAR_PERCENT)
        return false;
    if (c->layout == RK_BAR_STACKED)
        return c->lay.show_values || c->any_incomplete;
    return c->any_missing || (c->lay.show_values && c->any_non_negative);
}

/* Everything that depends on the ticks: the plot's left edge (tick labels
 * differ in width), so the slots, the category labels and the plot height.
 * `top` and `bottom` bound the plot and its category labels. */
static rk_status place_plot(bar_chart *c, axis_ticks ticks, double top, double bottom, double right_reserve,
                            const char *path, rk_error *err)
{
    bar_layout *lay = &c->lay;
    lay->ticks = ticks;
    double tick_h = 0;
    lay->plot_left = PAGE_MARGIN + widest_tick_label(c, ticks, &tick_h) + TICK_LABEL_GAP;
    lay->plot_right = lay->page_w - PAGE_MARGIN;
    if (right_reserve > 0)
        lay->plot_right -= right_reserve;
    double plot_w = lay->plot_right - lay->plot_left;
    lay->slot_w = plot_w / (double)c->n;
    if (lay->slot_w < MIN_SLOT_PT)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: %zu bars do not fit in %.0f mm (at most %d); make it wider",
                            path, c->n, lay->page_w / PT_PER_INCH * MM_PER_INCH,
                            (int)(plot_w / MIN_SLOT_PT));
    if (c->multi && c->layout == RK_BAR_GROUPED) {
        lay->group_w = fmin(lay->slot_w * GROUP_FRACTION, plot_w * MAX_BAR_FRACTION * (double)c->n_series);
        lay->bar_w = lay->group_w / (double)c->n_series;
        if (lay->bar_w - GROUP_GAP < MIN_BAR_PT)
            return rk_error_set(err, RK_EARG,
                                "cannot save chart to %s: %zu groups of %zu bars do not fit in %.0f mm; make it "
                                "wider, draw horizontal bars or use fewer series",
                                path, c->n, c->n_series, lay->page_w / PT_PER_INCH * MM_PER_INCH);
    } else {
        lay->bar_w = fmin(lay->slot_w * BAR_FRACTION, plot_w * MAX_BAR_FRACTION);
        lay->group_w = lay->bar_w;
    }
    double value_h = fit_value_labels(c);
    lay->category_y = bottom - fit_category_labels(c);

    /* Value labels stand above the tallest bar (and hang below the most
     * negative one); the top tick label is centred on its gridline. Reserve
     * only what the empty part of the axis beyond the data does not already
     * give. Each round only shrinks the reserves and stays sufficient. */
    double range = (double)(ticks.last - ticks.first) * ticks.step;
    double empty_top = ((double)ticks.last * ticks.step - c->hi) / range;
    double empty_bottom = (c->lo - (double)ticks.first * ticks.step) / range;
    double need_top = labels_beyond(c) ? value_h + VALUE_LABEL_GAP : 0;
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

/* The note under the chart: the markers shown, and for stacks what a
 * missing part does to the total or the shares. */
static const char *chart_note(const bar_chart *c, char *buf, size_t cap)
{
    const char *markers = rk_frame_marker_note(c->any_missing_only, c->any_suppressed);
    if (!c->any_incomplete || !markers)
        return markers;
    unsigned gaps = 0;
    for (size_t i = 0; i < c->n; i++)
        gaps |= c->gaps[i];
    int used = snprintf(buf, cap, "%s; ", markers);
    if (c->layout == RK_BAR_PERCENT)
        snprintf(buf + used, cap - (size_t)used, PERCENT_NOTE);
    else
        snprintf(buf + used, cap - (size_t)used, TOTAL_NOTE,
                 gaps == (GAP_MISSING | GAP_SUPPRESSED) ? "+ " MISSING_MARKER " or + " SUPPRESSED_MARKER
                 : gaps == GAP_MISSING                  ? "+ " MISSING_MARKER
                                                        : "+ " SUPPRESSED_MARKER);
    return buf;
}

/* Stacks the headings from the top and the footers from the bottom, then
 * fits the plot between them. The ticks depend on the plot height, which
 * depends on the category labels, which depend on the tick label width: a
 * few rounds settle it (in practice one or two). */
static rk_status layout_vertical(bar_chart *c, double top, double bottom, const char *path, rk_error *err)
{
    bar_layout *lay = &c->lay;
    double right_reserve = choose_names(c, &top, bottom);

    /* First guess: a line of category labels and one of value labels. */
    double guess_h = bottom - 2 * (BODY_PT * 1.3) - CATEGORY_GAP - top;
    axis_ticks ticks = rk_frame_shared_ticks(c->panel, rk_frame_nice_ticks(c->lo, c->hi, rk_frame_intervals_for(guess_h)));
    for (int round = 0;; round++) {
        rk_status st = place_plot(c, ticks, top, bottom, right_reserve, path, err);
        if (st != RK_OK)
            return st;
        axis_ticks better = rk_frame_shared_ticks(
            c->panel, rk_frame_nice_ticks(c->lo, c->hi, rk_frame_intervals_for(lay->plot_bottom - lay->plot_top)));
        if (round == 2 || rk_frame_same_ticks(better, ticks))
            return RK_OK;
        ticks = better;
    }
}

/* ---- layout (horizontal) ------------------------------------------------- */

static double value_pos(const bar_layout *lay, double v);

/* A category label in its row: right-aligned in the label column, wrapped
 * between words to label_lines lines, the rest behind an ellipsis. */
static PangoLayout *row_label_layout(const bar_chart *c, size_t i)
{
    const bar_layout *lay = &c->lay;
    PangoLayout *layout =
        rk_frame_text(c->pango, category_text(c->spec, i), lay->category_pt, false, lay->label_w, PANGO_ALIGN_RIGHT);
    pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
    pango_layout_set_height(layout, -lay->label_lines);
    return layout;
}

/* Whether every category label at category_pt keeps its words whole in
 * label_lines lines of label_w. */
static bool row_labels_whole(const bar_chart *c)
{
    bool whole = true;
    for (size_t i = 0; i < c->n && whole; i++) {
        PangoLayout *layout = row_label_layout(c, i);
        whole = !pango_layout_is_ellipsized(layout) && !rk_frame_breaks_inside_word(layout);
        g_object_unref(layout);
    }
    return whole;
}

/* The label column: as wide as the widest label, at most MAX_LABEL_SHARE
 * of the page; longer labels wrap between words in as many lines (up to
 * CATEGORY_MAX_LINES) as a row holds. The largest size from BODY_PT down
 * to MIN_LABEL_PT at which every label is whole; failing that, the
 * smallest, with what does not fit behind an ellipsis. False if a row
 * cannot hold one line. */
static bool fit_row_labels(bar_chart *c)
{
    bar_layout *lay = &c->lay;
    for (lay->category_pt = BODY_PT;; lay->category_pt -= 0.5) {
        double line_h = 0;
        rk_frame_measure(c->pango, "Ag", lay->category_pt, &line_h);
        lay->label_lines = (int)fmin(CATEGORY_MAX_LINES, floor(lay->slot_w / line_h));
        lay->label_w = 0;
        for (size_t i = 0; i < c->n; i++)
            lay->label_w =
                fmax(lay->label_w, rk_frame_measure(c->pango, category_text(c->spec, i), lay->category_pt, NULL));
        lay->label_w = fmin(lay->label_w, MAX_LABEL_SHARE * lay->page_w);
        if (lay->label_lines >= 1 && row_labels_whole(c))
            return true;
        if (lay->category_pt - 0.5 < MIN_LABEL_PT)
            return lay->label_lines >= 1;
    }
}

/* The most intervals whose tick labels keep TICK_SPACING_GAP apart. */
static axis_ticks horizontal_ticks(const bar_chart *c, double plot_w)
{
    if (c->panel && c->panel->shared.has_ticks)
        return c->panel->shared.ticks;
    axis_ticks t = rk_frame_nice_ticks(c->lo, c->hi, 2);
    for (int intervals = MAX_INTERVALS; intervals >= 2; intervals--) {
        t = rk_frame_nice_ticks(c->lo, c->hi, intervals);
        double h = 0;
        double widest = widest_tick_label(c, t, &h);
        double spacing = plot_w / (double)(t.last - t.first);
        if (spacing >= widest + TICK_SPACING_GAP)
            return t;
    }
    return t;
}

/* Rows top to bottom under the headings, the value axis under the rows;
 * the category labels in a column on the left, value labels beyond the
 * bars' ends. Rows are at most MAX_ROW_PT tall; what is left moves the axis
 * and the footers up to the rows. */
static rk_status layout_horizontal(bar_chart *c, double top, double bottom, const char *path, rk_error *err)
{
    bar_layout *lay = &c->lay;
    choose_names(c, &top, bottom);
    double tick_h = 0;
    rk_frame_measure(c->pango, "0", BODY_PT, &tick_h);
    lay->plot_top = top;
    lay->plot_bottom = bottom - tick_h - TICK_LABEL_GAP;
    /* A group of bars may take a taller row than a lone bar. */
    double max_row = MAX_ROW_PT;
    if (c->multi && c->layout == RK_BAR_GROUPED)
        max_row += (double)(c->n_series - 1) * MAX_ROW_PT / 2;
    lay->slot_w = fmin((lay->plot_bottom - lay->plot_top) / (double)c->n, max_row);
    if (lay->slot_w < MIN_SLOT_PT || !fit_row_labels(c))
        return rk_error_set(err, RK_EARG, "cannot save chart to %s: %zu bars do not fit in %.0f mm; make it taller",
                            path, c->n, lay->page_h / PT_PER_INCH * MM_PER_INCH);
    /* Rows sit together under the headings; the axis and the footers
     * follow them, so what is left is at the foot of the page, not a gap
     * in the middle. */
    double rows_bottom = lay->plot_top + lay->slot_w * (double)c->n;
    double slack = lay->plot_bottom - rows_bottom;
    lay->plot_bottom = rows_bottom;
    c->texts.x_title_y -= slack; /* the frame's bottom title: here the value axis's */
    c->texts.note_y -= slack;
    c->texts.source_y -= slack;
    double plot_h = lay->plot_bottom - lay->plot_top;
    if (c->multi && c->layout == RK_BAR_GROUPED) {
        lay->group_w = fmin(lay->slot_w * GROUP_FRACTION, plot_h * MAX_BAR_FRACTION * (double)c->n_series);
        lay->bar_w = lay->group_w / (double)c->n_series;
        if (lay->bar_w - GROUP_GAP < MIN_BAR_PT)
            return rk_error_set(err, RK_EARG,
                                "cannot save chart to %s: %zu groups of %zu bars do not fit in %.0f mm; make it "
                                "taller or use fewer series",
                                path, c->n, c->n_series, lay->page_h / PT_PER_INCH * MM_PER_INCH);
    } else {
        lay->bar_w = fmin(lay->slot_w * BAR_FRACTION, plot_h * MAX_BAR_FRACTION);
        lay->group_w = lay->bar_w;
    }
    fit_value_labels(c);
    lay->tick_label_y = lay->plot_bottom + TICK_LABEL_GAP;

    /* Labels stand beyond the bars' ends: reserve at either end only what
     * the empty part of the axis does not already give, as for vertical
     * bars; the end tick labels are centred on their gridlines. For given
     * ticks each round only shrinks the reserves and stays sufficient; the
     * ticks follow the width, a few rounds settle both. */
    double end_w = widest_end_label(c) + VALUE_LABEL_GAP;
    double need_right = labels_beyond(c) ? end_w : 0;
    double need_left = lay->show_values && c->lo < 0 ? end_w : 0;
    double left = PAGE_MARGIN + lay->label_w + COLUMN_GAP, right = lay->page_w - PAGE_MARGIN;
    lay->ticks = horizontal_ticks(c, right - left - need_left - need_right);
    for (int round = 0;; round++) {
        double h = 0, half_tick = widest_tick_label(c, lay->ticks, &h) / 2;
        double range = (double)(lay->ticks.last - lay->ticks.first) * lay->ticks.step;
        double empty_right = ((double)lay->ticks.last * lay->ticks.step - c->hi) / range;
        double empty_left = (c->lo - (double)lay->ticks.first * lay->ticks.step) / range;
        double reserve_right = fmax(half_tick, need_right), reserve_left = fmax(0, need_left);
        for (int k = 0; k < 3; k++) {
            double plot_w = right - left - reserve_left - reserve_right;
            reserve_right = fmax(half_tick, need_right - empty_right * plot_w);
            reserve_left = fmax(0, need_left - empty_left * plot_w);
        }
        lay->plot_left = left + reserve_left;
        lay->plot_right = right - reserve_right;
        if (lay->plot_right - lay->plot_left < 2 * MIN_PLOT_PT)
            return rk_error_set(err, RK_EARG,
                                "cannot save chart to %s: the labels leave no room for the bars; make it wider or "
                                "shorten the labels",
                                path);
        axis_ticks better = horizontal_ticks(c, lay->plot_right - lay->plot_left);
        if (round == 2 || rk_frame_same_ticks(better, lay->ticks))
            return RK_OK;
        lay->ticks = better;
    }
}

/* ---- layout -------------------------------------------------------------- */

static rk_status layout_chart(bar_chart *c, const char *path, rk_error *err)
{
    bar_layout *lay = &c->lay;
    const rk_bar_spec *spec = c->spec;
    char note[256];
    /* Horizontal: the category title goes above the labels, the value title under the axis. */
    rk_frame_make_texts(c->pango, &c->texts, lay->page_w, spec->title, spec->subtitle,
                        lay->horizontal ? spec->x_title : spec->y_title, lay->horizontal ? spec->y_title : spec->x_title,
                        chart_note(c, note, sizeof note), spec->source);
    lay->value_decimals = value_decimals(c);
    double top, bottom;
    rk_frame_stack_texts(&c->texts, lay->page_h, &top, &bottom);
    return lay->horizontal ? layout_horizontal(c, top, bottom, path, err) : layout_vertical(c, top, bottom, path, err);
}

/* ---- drawing ------------------------------------------------------------- */

/* Where value v falls on the value axis: a y when vertical, an x when horizontal. */
static double value_pos(const bar_layout *lay, double v)
{
    double lo = (double)lay->ticks.first * lay->ticks.step;
    double hi = (double)lay->ticks.last * lay->ticks.step;
    if (lay->horizontal)
        return lay->plot_left + (v - lo) / (hi - lo) * (lay->plot_right - lay->plot_left);
    return lay->plot_bottom - (v - lo) / (hi - lo) * (lay->plot_bottom - lay->plot_top);
}

/* The middle of category i's slot on the category axis. */
static double slot_centre(const bar_layout *lay, size_t i)
{
    return (lay->horizontal ? lay->plot_top : lay->plot_left) + ((double)i + 0.5) * lay->slot_w;
}

/* The middle of bar s in its slot: the slot's middle for a lone bar or a
 * stack; in a group, bars side by side in series order. */
static double bar_centre(const bar_chart *c, size_t s, size_t i)
{
    double offset = c->layout == RK_BAR_GROUPED ? (double)s - (double)(c->n_series - 1) / 2 : 0;
    return slot_centre(&c->lay, i) + offset * c->lay.bar_w;
}

/* The thickness a bar is drawn: in a group, less a white gap. */
static double drawn_width(const bar_chart *c)
{
    return c->multi && c->layout == RK_BAR_GROUPED ? c->lay.bar_w - GROUP_GAP : c->lay.bar_w;
}

/* Fills the bar from value v0 to v1, `thick` across, starting at `across0`. */
static void fill_bar(cairo_t *cr, const bar_layout *lay, double v0, double v1, double across0, double thick,
                     uint32_t colour)
{
    double p0 = value_pos(lay, v0), p1 = value_pos(lay, v1);
    rk_frame_set_colour(cr, colour);
    if (lay->horizontal)
        cairo_rectangle(cr, fmin(p0, p1), across0, fabs(p1 - p0), thick);
    else
        cairo_rectangle(cr, across0, fmin(p0, p1), thick, fabs(p1 - p0));
    cairo_fill(cr);
}

static void draw_value_line(cairo_t *cr, const bar_layout *lay, double v, double width, uint32_t colour)
{
    double p = value_pos(lay, v);
    if (lay->horizontal)
        rk_frame_line(cr, p, lay->plot_top, p, lay->plot_bottom, width, colour);
    else
        rk_frame_line(cr, lay->plot_left, p, lay->plot_right, p, width, colour);
}

/* Gridlines with their labels: right-aligned against the plot when
 * vertical, centred under it when horizontal. The zero line is drawn
 * later, over the bars' bases. */
static void draw_value_axis(cairo_t *cr, const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    char buf[NUMBER_CAP];
    for (long i = lay->ticks.first; i <= lay->ticks.last; i++) {
        double v = (double)i * lay->ticks.step;
        double p = value_pos(lay, v);
        if (i != 0)
            draw_value_line(cr, lay, v, GRID_LINE_PT, COLOUR_GRID);
        tick_text(c, lay->ticks, i, buf);
        PangoLayout *label = rk_frame_text(c->pango, buf, BODY_PT, false, 0, PANGO_ALIGN_LEFT);
        if (lay->horizontal)
            rk_frame_draw_text(cr, label, p - rk_frame_text_width(label) / 2, lay->tick_label_y, COLOUR_TEXT);
        else
            rk_frame_draw_text(cr, label, lay->plot_left - TICK_LABEL_GAP - rk_frame_text_width(label),
                               p - rk_frame_text_height(label) / 2, COLOUR_TEXT);
        g_object_unref(label);
    }
}

/* Draws `text` beyond the end of a bar at value position `end` (before it
 * when the bar is negative), centred on the bar at `centre`. */
static void draw_end_label(cairo_t *cr, const bar_chart *c, const char *text, double end, bool negative,
                           double centre, uint32_t colour)
{
    const bar_layout *lay = &c->lay;
    PangoLayout *label = rk_frame_text(c->pango, text, lay->value_pt, false, 0, PANGO_ALIGN_LEFT);
    double w = rk_frame_text_width(label), h = rk_frame_text_height(label);
    if (lay->horizontal) {
        double x = negative ? end - VALUE_LABEL_GAP - w : end + VALUE_LABEL_GAP;
        rk_frame_draw_text(cr, label, x, centre - h / 2, colour);
    } else {
        double y = negative ? end + VALUE_LABEL_GAP : end - VALUE_LABEL_GAP - h;
        rk_frame_draw_text(cr, label, centre - w / 2, y, colour);
    }
    g_object_unref(label);
}

/* Bars with their value labels; a missing value gets no bar, only a marker
 * at the zero line, so it can never be read as a bar of zero. */
static void draw_bars(cairo_t *cr, const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    double thick = drawn_width(c);
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < c->n; i++) {
        for (size_t s = 0; s < c->n_series; s++) {
            double centre = bar_centre(c, s, i);
            bool missing = cell_missing(c, s, i);
            double v = missing ? 0 : c->series[s].values[i];
            double end = value_pos(lay, v);
            if (!missing && v != 0)
                fill_bar(cr, lay, 0, v, centre - thick / 2, thick, bar_colour(c, s, i));
            if (!missing && !lay->show_values)
                continue;
            value_text(c, s, i, buf);
            draw_end_label(cr, c, buf, end, v < 0, centre, missing ? COLOUR_SECONDARY : COLOUR_TEXT);
        }
    }
    draw_value_line(cr, lay, 0, ZERO_LINE_PT, COLOUR_TEXT);
}

/* The label inside segment s of stack i, spanning values [v0, v1], at
 * segment_pt or, in a short segment, smaller down to MIN_VALUE_PT, with
 * SEGMENT_PAD to spare; left out where even that does not fit. Black or
 * white, whichever reads better on the segment. */
static void draw_segment_label(cairo_t *cr, const bar_chart *c, size_t s, size_t i, double v0, double v1)
{
    const bar_layout *lay = &c->lay;
    char buf[NUMBER_CAP];
    segment_text(c, s, i, buf);
    double length = fabs(value_pos(lay, v1) - value_pos(lay, v0));
    double mid = (value_pos(lay, v0) + value_pos(lay, v1)) / 2, centre = bar_centre(c, s, i);
    for (double size = lay->segment_pt; size >= MIN_VALUE_PT; size -= 0.5) {
        PangoLayout *label = rk_frame_text(c->pango, buf, size, false, 0, PANGO_ALIGN_LEFT);
        double w = rk_frame_text_width(label), h = rk_frame_text_height(label);
        double along = lay->horizontal ? w : h, thick = lay->horizontal ? h : w;
        bool fits = along + 2 * SEGMENT_PAD <= length && thick + 2 * SEGMENT_PAD <= lay->bar_w + 0.01;
        if (fits) {
            uint32_t colour = rk_frame_text_colour_on(bar_colour(c, s, i));
            if (lay->horizontal)
                rk_frame_draw_text(cr, label, mid - w / 2, centre - h / 2, colour);
            else
                rk_frame_draw_text(cr, label, centre - w / 2, mid - h / 2, colour);
        }
        g_object_unref(label);
        if (fits)
            return;
    }
}

/* Stacks from zero in series order (bottom to top, or left to right),
 * parted by white lines; a missing part adds nothing and the label at the
 * end says so. A percent bar with a missing part is not drawn at all. */
static void draw_stacks(cairo_t *cr, const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < c->n; i++) {
        double centre = slot_centre(lay, i), start = centre - lay->bar_w / 2;
        bool drawn = c->layout == RK_BAR_STACKED || !isnan(share_of(c, 0, i));
        double at = 0;
        for (size_t s = 0; s < c->n_series && drawn; s++) {
            if (cell_missing(c, s, i))
                continue;
            double v = c->layout == RK_BAR_PERCENT ? share_of(c, s, i) : c->series[s].values[i];
            if (v <= 0)
                continue;
            fill_bar(cr, lay, at, at + v, start, lay->bar_w, bar_colour(c, s, i));
            if (at > 0) { /* parts a segment from the one before */
                double p = value_pos(lay, at);
                if (lay->horizontal)
                    rk_frame_line(cr, p, start, p, start + lay->bar_w, SEGMENT_LINE_PT, COLOUR_BACKGROUND);
                else
                    rk_frame_line(cr, start, p, start + lay->bar_w, p, SEGMENT_LINE_PT, COLOUR_BACKGROUND);
            }
            if (!c->spec->no_value_labels)
                draw_segment_label(cr, c, s, i, at, at + v);
            at += v;
        }
        if (value_text(c, 0, i, buf))
            draw_end_label(cr, c, buf, value_pos(lay, drawn ? at : 0), false, centre,
                           c->gaps[i] || !drawn ? COLOUR_SECONDARY : COLOUR_TEXT);
    }
    draw_value_line(cr, lay, 0, ZERO_LINE_PT, COLOUR_TEXT);
}

static void draw_category_labels(cairo_t *cr, const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    for (size_t i = 0; i < c->n; i++) {
        uint32_t colour = c->spec->labels[i] ? COLOUR_TEXT : COLOUR_SECONDARY;
        if (lay->horizontal) {
            PangoLayout *label = row_label_layout(c, i);
            rk_frame_draw_text(cr, label, PAGE_MARGIN, slot_centre(lay, i) - rk_frame_text_height(label) / 2, colour);
            g_object_unref(label);
            continue;
        }
        PangoLayout *label = category_layout(c, i, lay->category_pt, lay->category_fit);
        double x = lay->plot_left + ((double)i + 0.5) * lay->slot_w - label_width(lay->slot_w) / 2;
        rk_frame_draw_text(cr, label, x, lay->category_y, colour);
        g_object_unref(label);
    }
}

/* A colour square and a series name, with (x, y) the top-left corner. */
static void draw_entry(cairo_t *cr, const bar_chart *c, size_t s, double x, double y)
{
    double h = 0;
    rk_frame_measure(c->pango, c->series[s].name, BODY_PT, &h);
    rk_frame_set_colour(cr, c->colours[s]);
    cairo_rectangle(cr, x, y + (h - SWATCH_PT) / 2, SWATCH_PT, SWATCH_PT);
    cairo_fill(cr);
    rk_frame_draw_string(cr, c->pango, c->series[s].name, BODY_PT, x + SWATCH_PT + SWATCH_GAP, y, COLOUR_TEXT);
}

static void draw_key(cairo_t *cr, const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    double x = PAGE_MARGIN, y = lay->key_y;
    for (size_t k = 0; k < c->n_series; k++) {
        size_t s = key_series(c, k);
        double w = entry_width(c, s);
        if (x > PAGE_MARGIN && x + w > lay->page_w - PAGE_MARGIN) {
            x = PAGE_MARGIN;
            y += lay->key_row_h;
        }
        draw_entry(cr, c, s, x, y);
        x += w + KEY_ITEM_GAP;
    }
}

/* Names beside the last stack, each at the middle of its segment (a
 * missing or empty one where it would start), pushed apart so none overlap
 * and kept within the plot; their order is the stack's. */
static void draw_direct_names(cairo_t *cr, const bar_chart *c)
{
    const bar_layout *lay = &c->lay;
    size_t last = c->n - 1;
    double line_h = 0;
    rk_frame_measure(c->pango, "Ag", BODY_PT, &line_h);
    double y[MAX_SERIES] = {0}, at = 0;
    for (size_t s = 0; s < c->n_series; s++) {
        double v = cell_missing(c, s, last) ? 0
                   : c->layout == RK_BAR_PERCENT ? share_of(c, s, last)
                                                 : c->series[s].values[last];
        y[s] = (value_pos(lay, at) + value_pos(lay, at + v)) / 2 - line_h / 2;
        at += v;
    }
    /* Bottom to top: each name at least a line above the one below it. */
    y[0] = fmin(y[0], lay->plot_bottom - line_h / 2);
    for (size_t s = 1; s < c->n_series; s++)
        y[s] = fmin(y[s], y[s - 1] - line_h);
    double overflow = lay->plot_top - line_h / 2 - y[c->n_series - 1];
    if (overflow > 0)
        for (size_t s = 0; s < c->n_series; s++)
            y[s] += overflow;
    double x = slot_centre(lay, last) + lay->bar_w / 2 + DIRECT_GAP;
    for (size_t s = 0; s < c->n_series; s++)
        draw_entry(cr, c, s, x, y[s]);
}

/* Draws the laid-out chart on cr, whose user unit must be one point. */
static void draw_chart(cairo_t *cr, bar_chart *c)
{
    rk_frame_begin_page(cr, c->pango, &c->texts);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    draw_value_axis(cr, c);
    if (is_stacked(c))
        draw_stacks(cr, c);
    else
        draw_bars(cr, c);
    draw_category_labels(cr, c);
    if (c->lay.key)
        draw_key(cr, c);
    if (c->lay.direct)
        draw_direct_names(cr, c);
    rk_frame_draw_texts(cr, &c->texts, c->lay.page_w, c->lay.plot_left, c->lay.plot_right);
}

/* Draws the laid-out chart; the signature rk_frame_render wants. */
static void draw_bar_chart(cairo_t *cr, void *chart)
{
    draw_chart(cr, chart);
}

/* ---- alt text ------------------------------------------------------------ */

static const char *chart_kind(const bar_chart *c)
{
    static const char *const kinds[2][4] = {
        {"Bar chart", "Grouped bar chart", "Stacked bar chart", "100% stacked bar chart"},
        {"Horizontal bar chart", "Horizontal grouped bar chart", "Horizontal stacked bar chart",
         "Horizontal 100% stacked bar chart"},
    };
    int form = !c->multi ? 0 : c->layout == RK_BAR_GROUPED ? 1 : c->layout == RK_BAR_STACKED ? 2 : 3;
    return kinds[c->lay.horizontal][form];
}

/* "A, B and C" */
static void append_series_names(GString *alt, const bar_chart *c)
{
    for (size_t s = 0; s < c->n_series; s++)
        g_string_append_printf(alt, "%s%s", s == 0 ? "" : s + 1 == c->n_series ? " and " : ", ", c->series[s].name);
}

/* The highest and lowest of values[i] over categories where have[i]; the
 * sentence starts with `subject` ("The highest is ..." when NULL). */
static void append_extremes(GString *alt, const bar_chart *c, const char *subject, const double *values,
                            const bool *have, bool percent)
{
    const rk_bar_spec *spec = c->spec;
    size_t hi = c->n, lo = c->n;
    for (size_t i = 0; i < c->n; i++) {
        if (!have[i])
            continue;
        if (hi == c->n || values[i] > values[hi])
            hi = i;
        if (lo == c->n || values[i] < values[lo])
            lo = i;
    }
    char a[NUMBER_CAP], b[NUMBER_CAP];
    if (hi < c->n) {
        if (percent) {
            percent_text(values[hi], a);
            percent_text(values[lo], b);
        } else {
            rk_frame_format_number(a, values[hi], c->lay.value_decimals);
            rk_frame_format_number(b, values[lo], c->lay.value_decimals);
        }
    }
    if (!subject) { /* one series: the sentence the plain chart has always had */
        if (hi < c->n && hi != lo)
            g_string_append_printf(alt, " The highest is %s (%s) and the lowest is %s (%s).", category_text(spec, hi),
                                   a, category_text(spec, lo), b);
        else if (hi < c->n)
            g_string_append_printf(alt, " The only value shown is %s (%s).", category_text(spec, hi), a);
        return;
    }
    if (hi == c->n)
        g_string_append_printf(alt, " %s has no values shown.", subject);
    else if (hi != lo)
        g_string_append_printf(alt, " %s is highest for %s (%s) and lowest for %s (%s).", subject,
                               category_text(spec, hi), a, category_text(spec, lo), b);
    else
        g_string_append_printf(alt, " %s has one value shown, %s (%s).", subject, category_text(spec, hi), a);
}

/* Per series (and for stacks, per total), highest and lowest. */
static void append_series_extremes(GString *alt, const bar_chart *c)
{
    double *values = g_new(double, c->n);
    bool *have = g_new(bool, c->n);
    bool any_shown = false;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->n; i++)
            any_shown |= !cell_missing(c, s, i) && !(c->layout == RK_BAR_PERCENT && isnan(share_of(c, s, i)));
    if (!any_shown)
        g_string_append(alt, " No values are shown.");
    for (size_t s = 0; s < c->n_series && any_shown; s++) {
        for (size_t i = 0; i < c->n; i++) {
            bool percent = c->layout == RK_BAR_PERCENT;
            values[i] = percent ? share_of(c, s, i) : c->series[s].values[i];
            have[i] = !cell_missing(c, s, i) && !(percent && isnan(values[i]));
        }
        char *subject = c->layout == RK_BAR_PERCENT ? g_strdup_printf("%s's share", c->series[s].name)
                                                    : g_strdup(c->series[s].name);
        append_extremes(alt, c, subject, values, have, c->layout == RK_BAR_PERCENT);
        g_free(subject);
    }
    bool any_total = false;
    for (size_t i = 0; i < c->n && c->layout == RK_BAR_STACKED; i++)
        any_total |= have[i] = !c->gaps[i];
    if (any_total)
        append_extremes(alt, c, "The total", c->totals, have, false);
    g_free(values);
    g_free(have);
}

/* The stacks with a missing part: their totals are partial, their shares
 * unknown. */
static void append_incomplete(GString *alt, const bar_chart *c)
{
    char total[NUMBER_CAP];
    for (size_t i = 0; i < c->n; i++) {
        if (!c->gaps[i])
            continue;
        const char *why = c->gaps[i] == (GAP_MISSING | GAP_SUPPRESSED) ? "not available or withheld"
                          : c->gaps[i] & GAP_SUPPRESSED                ? "withheld"
                                                                        : "not available";
        size_t parts = 0;
        for (size_t s = 0; s < c->n_series; s++)
            parts += cell_missing(c, s, i);
        const char *is = parts == 1 ? "a part is" : "parts are";
        if (c->layout == RK_BAR_PERCENT) {
            g_string_append_printf(alt, " %s has no shares shown: %s %s.", category_text(c->spec, i), is, why);
        } else if (stack_has_part(c, i)) {
            rk_frame_format_number(total, c->totals[i], c->lay.value_decimals);
            g_string_append_printf(alt, " The total for %s is not known: %s %s; the parts shown add up to %s.",
                                   category_text(c->spec, i), is, why, total);
        }
    }
}

/* One paragraph: chart type and orientation, what is compared, the highest
 * and lowest values as printed on the chart (per series, and totals for
 * stacks), what is highlighted, and what is missing or withheld. */
static char *bar_alt_text(const void *chart)
{
    const bar_chart *c = chart;
    const rk_bar_spec *spec = c->spec;
    GString *alt = g_string_new(NULL);
    g_string_append_printf(alt, "%s: %s.", chart_kind(c), spec->title);
    if (spec->subtitle && spec->subtitle[0])
        g_string_append_printf(alt, " %s.", spec->subtitle);
    bool named = spec->x_title && spec->x_title[0];
    const char *what = spec->y_title && spec->y_title[0] ? spec->y_title : spec->y_name ? spec->y_name : "values";
    if (c->layout == RK_BAR_PERCENT) {
        g_string_append_printf(alt, " It shows how %s divide between ", what);
        append_series_names(alt, c);
        g_string_append(alt, ", as percentages of each category's total,");
    } else {
        g_string_append_printf(alt, " It compares %s", what);
        if (c->multi) {
            g_string_append_printf(alt, " of %zu series (", c->n_series);
            append_series_names(alt, c);
            g_string_append(alt, c->layout == RK_BAR_STACKED ? ", stacked)" : ")");
        }
    }
    g_string_append_printf(alt, " across %zu %s%s%s.", c->n, c->n == 1 ? "category" : "categories",
                           named ? " of " : "", named ? spec->x_title : "");
    if (!c->multi) {
        bool *have = g_new(bool, c->n);
        for (size_t i = 0; i < c->n; i++)
            have[i] = !cell_missing(c, 0, i);
        append_extremes(alt, c, NULL, spec->values, have, false);
        g_free(have);
    } else {
        append_series_extremes(alt, c);
    }
    if (is_stacked(c))
        append_incomplete(alt, c);
    if (spec->focus)
        g_string_append_printf(alt, " %s is highlighted.", spec->focus);
    size_t n_missing = 0, n_suppressed = 0;
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->n; i++) {
            n_missing += cell_missing(c, s, i) && !cell_suppressed(c, s, i);
            n_suppressed += cell_suppressed(c, s, i);
        }
    if (n_missing)
        g_string_append_printf(alt, " %zu %s not available, marked [x].", n_missing,
                               n_missing == 1 ? "value is" : "values are");
    if (n_suppressed)
        g_string_append_printf(alt, " %zu %s withheld as confidential, marked [c].", n_suppressed,
                               n_suppressed == 1 ? "value is" : "values are");
    return g_string_free(alt, FALSE);
}

/* ---- companion table ----------------------------------------------------- */

/* Cell (s, i) as the companion shows it: exact, or its marker. */
static void set_value_cell(rk_frame_table *table, const bar_chart *c, size_t row, size_t col, size_t s, size_t i)
{
    char buf[NUMBER_CAP];
    if (cell_suppressed(c, s, i))
        rk_frame_table_set(table, row, col, SUPPRESSED_MARKER);
    else if (cell_missing(c, s, i))
        rk_frame_table_set(table, row, col, MISSING_MARKER);
    else {
        rk_frame_exact_text(buf, c->series[s].values[i]);
        rk_frame_table_set(table, row, col, buf);
    }
}

/* One row per category: the category, each series' value, then the total
 * (stacked) or each series' share as printed (percent). */
static rk_status bar_table(const void *chart, rk_frame_table *table, rk_error *err)
{
    const bar_chart *c = chart;
    const rk_bar_spec *spec = c->spec;
    size_t extra = c->layout == RK_BAR_STACKED ? 1 : c->layout == RK_BAR_PERCENT ? c->n_series : 0;
    size_t ncol = 1 + c->n_series + extra;
    const char *headers[1 + 2 * MAX_SERIES];
    char *owned[MAX_SERIES] = {NULL};
    headers[0] = spec->x_name ? spec->x_name : spec->x_title && spec->x_title[0] ? spec->x_title : "category";
    for (size_t s = 0; s < c->n_series; s++)
        headers[1 + s] = c->multi ? c->series[s].name
                         : spec->y_name ? spec->y_name
                         : spec->y_title && spec->y_title[0] ? spec->y_title
                                                              : "value";
    if (c->layout == RK_BAR_STACKED)
        headers[1 + c->n_series] = "total";
    for (size_t s = 0; c->layout == RK_BAR_PERCENT && s < c->n_series; s++)
        headers[1 + c->n_series + s] = owned[s] = g_strdup_printf("%s (%%)", c->series[s].name);
    rk_status st = rk_frame_table_init(table, headers, ncol, c->n, err);
    char buf[NUMBER_CAP];
    for (size_t i = 0; st == RK_OK && i < c->n; i++) {
        rk_frame_table_set(table, i, 0, spec->labels[i] ? spec->labels[i] : "");
        for (size_t s = 0; s < c->n_series; s++)
            set_value_cell(table, c, i, 1 + s, s, i);
        if (c->layout == RK_BAR_STACKED) {
            if (c->gaps[i])
                rk_frame_table_set(table, i, 1 + c->n_series, gap_markers(c->gaps[i]));
            else {
                rk_frame_exact_text(buf, c->totals[i]);
                rk_frame_table_set(table, i, 1 + c->n_series, buf);
            }
        }
        for (size_t s = 0; c->layout == RK_BAR_PERCENT && s < c->n_series; s++) {
            double share = share_of(c, s, i);
            if (c->gaps[i])
                rk_frame_table_set(table, i, 1 + c->n_series + s, gap_markers(c->gaps[i]));
            else if (!isnan(share)) {
                percent_text(share, buf);
                buf[strlen(buf) - 1] = '\0'; /* the header says %; the cell holds the number */
                rk_frame_table_set(table, i, 1 + c->n_series + s, buf);
            }
        }
    }
    for (size_t s = 0; s < MAX_SERIES; s++)
        g_free(owned[s]);
    return st;
}

/* ---- entry point --------------------------------------------------------- */

/* The series as drawn, the stacks' totals, and the range the value axis
 * covers (always with zero). */
static void prepare_chart(bar_chart *c)
{
    const rk_bar_spec *spec = c->spec;
    c->n = spec->n;
    c->multi = spec->n_series > 0;
    c->n_series = c->multi ? spec->n_series : 1;
    c->layout = c->multi ? spec->layout : RK_BAR_GROUPED;
    if (c->multi)
        memcpy(c->series, spec->series, c->n_series * sizeof *c->series);
    else
        c->series[0] = (rk_bar_series){.values = spec->values, .missing = spec->missing, .suppressed = spec->suppressed};
    choose_colours(c);
    for (size_t s = 0; s < c->n_series; s++)
        for (size_t i = 0; i < c->n; i++) {
            if (cell_missing(c, s, i)) {
                c->any_missing = true;
                c->any_suppressed |= cell_suppressed(c, s, i);
                c->any_missing_only |= !cell_suppressed(c, s, i);
                continue;
            }
            double v = c->series[s].values[i];
            c->any_non_negative |= v >= 0;
            c->lo = fmin(c->lo, v);
            c->hi = fmax(c->hi, v);
        }
    if (!is_stacked(c))
        return;
    c->totals = g_new0(double, c->n);
    c->gaps = g_new0(unsigned char, c->n);
    c->hi = 0;
    for (size_t i = 0; i < c->n; i++) {
        for (size_t s = 0; s < c->n_series; s++) {
            if (cell_missing(c, s, i))
                c->gaps[i] |= cell_suppressed(c, s, i) ? GAP_SUPPRESSED : GAP_MISSING;
            else
                c->totals[i] += c->series[s].values[i];
        }
        c->any_incomplete |= c->gaps[i] != 0;
        c->hi = fmax(c->hi, c->totals[i]);
    }
    if (c->layout == RK_BAR_PERCENT)
        c->hi = 100;
}

static void close_bar(void *chart)
{
    bar_chart *c = chart;
    g_free(c->totals);
    g_free(c->gaps);
    rk_frame_free_texts(&c->texts);
    if (c->pango)
        g_object_unref(c->pango);
    free(c);
}

static rk_status open_bar(const void *chart_spec, rk_frame_panel *panel, double page_w, double page_h,
                          const char *path, void **out, rk_error *err)
{
    const rk_bar_spec *spec = chart_spec;
    *out = NULL;
    bar_chart *c = calloc(1, sizeof *c);
    if (!c)
        return rk_error_nomem(err);
    *c = (bar_chart){.spec = spec, .panel = panel};
    c->texts.panel = panel;
    c->lay.page_w = page_w;
    c->lay.page_h = page_h;
    c->lay.horizontal = spec->horizontal;
    prepare_chart(c);
    if (c->layout != RK_BAR_PERCENT) /* a percent axis is 0 to 100 already */
        rk_frame_widen_to_shared(panel, &c->lo, &c->hi);
    c->pango = rk_frame_pango_context();
    rk_status status = layout_chart(c, path, err);
    if (status != RK_OK) {
        close_bar(c);
        return status;
    }
    *out = c;
    return RK_OK;
}

static rk_frame_scale bar_scale(const void *chart)
{
    const bar_chart *c = chart;
    return (rk_frame_scale){.has_range = true, .lo = c->lo, .hi = c->hi, .has_ticks = true, .ticks = c->lay.ticks};
}

static rk_status validate_bar(const void *spec, rk_error *err)
{
    return rk_chart_bar_check(spec, err);
}

/* Neighbouring colours below 3:1, told through the spec's callback. */
static void advise_bar(const void *spec)
{
    bar_chart c = {.spec = spec};
    prepare_chart(&c);
    warn_weak_neighbours(&c);
    g_free(c.totals);
    g_free(c.gaps);
}

const rk_chart_type rk_bar_type = {
    .name = "bar",
    .validate = validate_bar,
    .open = open_bar,
    .scale = bar_scale,
    .draw = draw_bar_chart,
    .alt_text = bar_alt_text,
    .table = bar_table,
    .close = close_bar,
    .advise = advise_bar,
};

rk_status rk_chart_bar_save(const rk_bar_spec *spec, const char *path, rk_error *err)
{
    rk_chart_common common = {spec ? spec->title : NULL, spec ? spec->width_mm : 0, spec ? spec->height_mm : 0,
                              spec && spec->companions, spec ? spec->stamp : NULL};
    return rk_chart_save_as(&rk_bar_type, spec, common, path, err);
}
