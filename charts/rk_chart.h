/* rk_chart.h: chart specifications and their cairo renderers.
 *
 * A spec is plain data the caller owns; renderers only read it. Output
 * format follows the path's extension (.png, .svg, .pdf). Every file is
 * written through rk_outfile (core/rk_outfile.h): on failure nothing is left
 * at the destination and no temporary remains.
 */
#ifndef RK_CHART_H
#define RK_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "rk_error.h"
#include "rk_stamp.h"

/* The most decimal places a chart prints a value with. */
#define RK_CHART_MAX_DECIMALS 6

/* How several series share a category's slot. */
typedef enum rk_bar_layout {
    RK_BAR_GROUPED,         /* side by side, each from zero */
    RK_BAR_STACKED,         /* one on another, the total at the end */
    RK_BAR_PERCENT,         /* stacked, each category's total drawn as 100% */
} rk_bar_layout;

/* Government Analysis Function palettes (every chart that takes one). */
typedef enum rk_chart_palette {
    RK_PALETTE_CATEGORICAL, /* #12436D, #28A197, #801650, #F46A25, #3D3D3D, #A285D1 in order */
    RK_PALETTE_FOCUS,       /* one highlighted in #12436D, the others grey #BFBFBF */
    RK_PALETTE_SEQUENTIAL,  /* shades of the dark blue, darkest first: for ordered series */
} rk_chart_palette;

/* One series of a multi-series bar chart: a value per category. */
typedef struct rk_bar_series {
    const char *name;       /* in the key or beside the bars; required */
    const double *values;   /* n values, one per category */
    const bool *missing;    /* n flags or NULL: no bar, "[x]" (a gap, never a zero) */
    const bool *suppressed; /* n flags or NULL: with missing, "[c]" */
} rk_bar_series;

/* Told of something worth a warning (neighbouring colours below 3:1); the
 * message is lower case, without a full stop. */
typedef void rk_chart_warn_fn(void *ctx, const char *message);

typedef struct rk_bar_spec {
    const char *title;      /* headline title; required */
    const char *subtitle;   /* may be NULL: measure, geography, period */
    const char *source;     /* may be NULL: printed as "Source: ..." */
    const char *x_title;    /* axis title for the categories; may be NULL */
    const char *y_title;    /* axis title for the values; may be NULL */
    size_t n;               /* number of bars */
    const char *const *labels; /* n category labels (UTF-8); NULL entry = missing, drawn as "(missing)" */
    const double *values;   /* n values */
    const bool *missing;    /* n flags, or NULL: a missing value is marked, never drawn as zero */
    const bool *suppressed; /* n flags, or NULL: a missing value suppressed for disclosure is
                               marked "[c]" (confidential) instead of "[x]" (not available) */
    double width_mm;        /* 0 means the default, 160 */
    double height_mm;       /* 0 means the default, 100 */
    const char *x_name;     /* companion table headers; NULL: the axis title, else */
    const char *y_name;     /*   "category" and "value" */
    bool companions;        /* also write NAME.alt.txt, NAME.csv and NAME.md (see below) */
    const rk_chart_stamp *stamp; /* or NULL: see "Stamp" after rk_chart_bar_save */

    /* Everything below is optional: zero is the plain vertical bar chart above. */
    bool horizontal;        /* categories down the side (long labels), values along the bottom */
    size_t n_series;        /* 0: the one series in values/missing/suppressed; else 1 to 6 series
                               in `series` (values, missing and suppressed above are ignored) */
    const rk_bar_series *series;
    rk_bar_layout layout;   /* with series: grouped (the default), stacked or percent */
    bool no_value_labels;   /* no numbers on the bars; [x], [c] and "+ [c]" still show */
    rk_chart_palette palette; /* sequential needs series */
    const char *focus;      /* RK_PALETTE_FOCUS: the series (with one series, the category)
                               drawn in colour; required with that palette, else NULL */
    bool many_colours;      /* allow 5 or 6 colours (GAF advises four at most) */
    rk_chart_warn_fn *warn; /* may be NULL */
    void *warn_ctx;
} rk_bar_spec;

/* Validates the spec (n > 0, finite values, ...) and writes the chart.
 * Returns RK_OK, or RK_EARG / RK_EIO / RK_ENOMEM with a message in err.
 *
 * A value flagged missing may hold anything (NaN included); its slot shows
 * "[x]" at the zero line and a note explains it. Sizes other than 0 must be
 * 20 to 1000 mm. PNG is 300 dpi (160 mm -> 1890 px) and records that density;
 * SVG and PDF are sized in points. RK_EARG is also returned, before any file
 * is touched, when the text leaves no room for the plot or the bars are too
 * many for the width: the chart is refused rather than clipped. */
rk_status rk_chart_bar_save(const rk_bar_spec *spec, const char *path, rk_error *err);

/* The checks rk_chart_bar_save makes of the spec alone (everything but the
 * path and whether the text fits), so a caller can refuse before it makes
 * a folder for the file. */
rk_status rk_chart_bar_check(const rk_bar_spec *spec, rk_error *err);

/* Several series, horizontal bars and palettes (rk_chart_bar_save):
 * - Series take the palette's colours in order. More than four colours are
 *   refused unless many_colours is set (GAF: they are hard to tell apart);
 *   the focus palette uses two whatever the number of series.
 * - Neighbouring series (in a group or a stack) whose colours differ but
 *   have less than 3:1 contrast (WCAG 2.1 non-text contrast) are reported
 *   through spec->warn, once per pair, naming both; identical colours (the
 *   focus palette's greys) are deliberate and not reported.
 * - Colour is never the only cue: bars in a group and segments in a stack
 *   are in the key's order, segments are parted by white lines, and
 *   value labels go on the bars where they fit.
 * - Stacked and percent layouts need values of 0 or more. A stack with a
 *   missing part shows the total of the parts it has as "1,234 + [c]"
 *   (never as a complete total); a percent bar with a missing part is not
 *   drawn (its shares are unknown) and carries the marker instead.
 * - Companion table: one row per category, one column per series (the
 *   series names as headers), then for stacked bars a "total" column
 *   ("[x]" or "[c]" when a part is missing) and for percent bars a
 *   "NAME (%)" column per series with the shares as printed. */

/* Companions (every chart type): with spec->companions set, a successful
 * save also writes NAME.alt.txt (the alt text, one paragraph, also embedded
 * as the SVG's <title>/<desc> and the PDF's title/subject), NAME.csv and
 * NAME.md (the values drawn, exactly, with "[x]" for missing and "[c]" for
 * suppressed cells), where NAME is the path without its extension. Each is
 * written atomically; if one fails, those before it stay.
 *
 * Stamp (every chart type): with spec->stamp set, the reproducibility
 * stamp (rk_stamp.h) goes into the chart, as compact JSON: an SVG
 * <metadata id="rapkit-stamp"> after <title> and <desc>, the PDF's keywords (with the
 * run time as its creation date, so SOURCE_DATE_EPOCH fixes it), and a PNG
 * iTXt chunk "rapkit-stamp" (beside "Title", "Description" and
 * "Software"); and, pretty, into NAME.json beside the chart, written
 * atomically after it. */

/* The files a save may write beside the chart: NAME and one of these
 * (".alt.txt", ".csv", ".md", ".json"); NULL-terminated. */
extern const char *const rk_chart_companion_suffixes[];

/* The length of NAME, the chart path without its extension. */
size_t rk_chart_stem_length(const char *path);

/* ---- line charts --------------------------------------------------------- */

typedef struct rk_line_series {
    const char *name;       /* drawn at the line's end (or in a key); required */
    const double *values;   /* n_x values, one per x position */
    const bool *missing;    /* n_x flags, or NULL: a missing point is a gap in the line */
    const bool *suppressed; /* n_x flags, or NULL: a missing point that is "[c]" in the companions */
} rk_line_series;

typedef struct rk_line_marker {
    size_t at;              /* index into x_labels */
    const char *label;      /* printed beside the vertical line; may be NULL */
} rk_line_marker;

typedef struct rk_line_shade {
    size_t from, to;        /* indexes into x_labels, from <= to */
    const char *label;      /* may be NULL */
} rk_line_shade;

typedef struct rk_line_spec {
    const char *title, *subtitle, *source, *x_title, *y_title; /* as for bars */
    size_t n_x;                       /* x positions, evenly spaced, in order */
    const char *const *x_labels;      /* n_x labels ("2024-02") */
    size_t n_series;                  /* 1 to 6: the GAF palette, each with its own dash */
    const rk_line_series *series;
    size_t n_markers;
    const rk_line_marker *markers;
    size_t n_shades;
    const rk_line_shade *shades;
    bool from_data;                   /* false: the value axis starts at zero (counts);
                                         true: it fits the data and a note says so */
    double width_mm, height_mm;       /* 0: 160 x 100 */
    const char *x_name;               /* companion header for the x column; NULL: x_title or "x" */
    const char *y_name;               /* what the values are, for the alt text when there is no
                                         y_title; may be NULL */
    bool companions;
    const rk_chart_stamp *stamp; /* or NULL: see "Stamp" after rk_chart_bar_save */
    rk_chart_palette palette;         /* 0: categorical */
    const char *focus;                /* RK_PALETTE_FOCUS: the series drawn in colour (and on top);
                                         required with that palette, else NULL */
} rk_line_spec;

/* Validates and writes a line chart, as rk_chart_bar_save. Series are told
 * apart by colour (the palette's, in order) and by dash (solid, dashed,
 * dotted, dash-dot, long dash, dash-dot-dot), so they survive greyscale and
 * the focus palette's greys; names go at the line ends when
 * they fit beside the plot, else in a key above it. A point standing alone
 * between gaps is drawn as a dot. */
rk_status rk_chart_line_save(const rk_line_spec *spec, const char *path, rk_error *err);

/* ---- interval (dot and whisker) charts ----------------------------------- */

typedef struct rk_interval_spec {
    const char *title, *subtitle, *source, *x_title, *y_title; /* y_title names the groups,
                                                                  x_title the value axis */
    size_t n;                         /* rows, drawn top to bottom in this order */
    const char *const *labels;        /* n group labels; NULL = "(missing)" */
    const double *estimate, *lower, *upper; /* n each */
    const bool *missing;              /* n flags or NULL: no estimate: "[x]" */
    const bool *suppressed;           /* n flags or NULL: with missing, "[c]" */
    const bool *no_interval;          /* n flags or NULL: a dot only, and a note */
    double reference;                 /* the vertical reference line (1 for ratios) */
    bool no_reference;                /* true: no reference line */
    double width_mm, height_mm;
    const char *x_name;               /* companion header for the groups; NULL: y_title or "group" */
    bool companions;
    const rk_chart_stamp *stamp; /* or NULL: see "Stamp" after rk_chart_bar_save */
} rk_interval_spec;

/* Validates and writes a horizontal dot and interval chart (forest plot),
 * as rk_chart_bar_save. lower <= estimate <= upper is required where an
 * interval is drawn. The value axis includes zero and the reference. */
rk_status rk_chart_interval_save(const rk_interval_spec *spec, const char *path, rk_error *err);

/* ---- SPC (XmR) charts ---------------------------------------------------- */

typedef struct rk_spc_spec {
    const char *title, *subtitle, *source, *x_title, *y_title; /* as for lines */
    size_t n;                         /* points, evenly spaced, in time order */
    const char *const *labels;        /* n labels ("2024-02") */
    const double *values;             /* n values */
    const bool *missing;              /* n flags or NULL: a missing point is a gap, "[x]" */
    const size_t *segment;            /* n segment numbers: 0 first, each the same or one more
                                         than the one before; a new number is a step */
    const double *centre, *lower, *upper; /* n each: the point's segment's lines */
    const bool *no_centre;            /* n flags or NULL: the segment has no values, so no lines */
    const bool *no_limits;            /* n flags or NULL: the segment has a centre but no limits */
    const bool *signal;               /* n flags or NULL: drawn as a larger diamond in another colour */
    const char *step_label;           /* printed at every step; NULL: "Step" */
    double width_mm, height_mm;       /* 0: 160 x 100 */
    const char *x_name;               /* companion header for the x column; NULL: x_title or "x" */
    const char *y_name;               /* companion header for the values; NULL: y_title or "value" */
    bool companions;
    const rk_chart_stamp *stamp; /* or NULL: see "Stamp" after rk_chart_bar_save */
} rk_spc_spec;

/* Validates and writes an XmR chart, as rk_chart_line_save: the values as a
 * line with a dot per point (a gap where one is missing), each segment's
 * centre (solid) and limits (dashed) across its own points, a dotted
 * vertical line labelled at each step, and signals as larger diamonds in a
 * second colour, so shape tells them apart without colour. The value axis
 * fits the values and limits; a note says when it does not start at zero.
 * lower <= centre <= upper is required where limits are drawn. */
rk_status rk_chart_spc_save(const rk_spc_spec *spec, const char *path, rk_error *err);

/* ---- funnel charts ------------------------------------------------------- */

typedef struct rk_funnel_spec {
    const char *title, *subtitle, *source;
    const char *x_title;              /* names the counts; may be NULL */
    const char *y_title;              /* names the stages; may be NULL */
    size_t n;                         /* stages, drawn top to bottom in this order */
    const char *const *labels;        /* n stage names; NULL = "(missing)" */
    const double *values;             /* n counts, 0 or more */
    const bool *missing;              /* n flags or NULL: no count, "[x]" */
    const bool *suppressed;           /* n flags or NULL: with missing, "[c]" */
    double width_mm, height_mm;       /* 0: 160 x 100 */
    const char *x_name;               /* companion headers; NULL: the titles, else "stage" */
    const char *y_name;               /*   and "count" */
    bool companions;
    const rk_chart_stamp *stamp; /* or NULL: see "Stamp" after rk_chart_bar_save */
} rk_funnel_spec;

/* Validates and writes a funnel: one horizontal bar per stage from a zero
 * baseline, in order, each with its count and its conversion from the
 * previous stage and from the first ("5 (17% of attended; 5% of
 * confirmed)"; the second stage gives one percentage). A percentage is
 * left out where the stage it is taken of has no count or a count of 0.
 * Percentages are whole numbers, or one decimal place below 10% when not
 * whole (4.5%). Companion
 * columns: stage, count, percent_of_previous, percent_of_first, the
 * percentages as printed. */
rk_status rk_chart_funnel_save(const rk_funnel_spec *spec, const char *path, rk_error *err);

/* ---- heatmaps ------------------------------------------------------------ */

typedef enum rk_heatmap_scale {
    RK_HEATMAP_SEQUENTIAL,            /* light (low) to dark blue (high), with a graded key */
    RK_HEATMAP_RAG,                   /* each cell coloured by its level: red, amber or green */
} rk_heatmap_scale;

typedef struct rk_heatmap_spec {
    const char *title, *subtitle, *source;
    const char *x_title;              /* names the columns; may be NULL */
    const char *y_title;              /* names the rows; may be NULL */
    size_t n_rows, n_cols;            /* the grid, drawn in this order */
    const char *const *row_labels;    /* n_rows; NULL entry = "(missing)" */
    const char *const *col_labels;    /* n_cols; NULL entry = "(missing)" */
    const double *values;             /* n_rows * n_cols, row by row */
    const bool *missing;              /* n_rows * n_cols or NULL: no value, "[x]" */
    const bool *suppressed;           /* n_rows * n_cols or NULL: with missing, "[c]" */
    rk_heatmap_scale scale;
    const char *const *levels;        /* n_rows * n_cols for RAG, else ignored: "red", "amber" or
                                         "green" (or "r", "a", "g"), any case; every cell with a
                                         value needs one */
    double width_mm, height_mm;       /* 0: 160 x 100 */
    bool fixed_decimals;              /* true: every value (and the key) with `decimals` places, 0 to
                                         RK_CHART_MAX_DECIMALS; false: the fewest that show them */
    int decimals;
    const char *row_name, *col_name;  /* companion headers; NULL: the titles, else "row", "column" */
    const char *value_name;           /* NULL: "value" */
    bool companions;
    const rk_chart_stamp *stamp; /* or NULL: see "Stamp" after rk_chart_bar_save */
} rk_heatmap_spec;

/* Validates and writes a heatmap, as rk_chart_bar_save: every cell holds its
 * value as text, in black or white, whichever contrasts more with the
 * cell's colour; a RAG cell also prints its level's letter ("12 A"), so
 * colour is never the only cue. A key above the grid explains the colours.
 * A cell without a value is white with "[x]" or "[c]". The companion table
 * is long: row, column, value (and level for RAG), one line per cell. */
rk_status rk_chart_heatmap_save(const rk_heatmap_spec *spec, const char *path, rk_error *err);

/* ---- small multiples ----------------------------------------------------- */

typedef enum rk_chart_kind {
    RK_CHART_BAR,
    RK_CHART_LINE,
    RK_CHART_INTERVAL,
    RK_CHART_SPC,
    RK_CHART_FUNNEL,
    RK_CHART_HEATMAP,
} rk_chart_kind;

#define RK_MAX_PANELS 12

typedef struct rk_facet_spec {
    const char *title, *subtitle, *source; /* the page's, as for one chart */
    const char *x_title, *y_title;    /* the page's axis titles, said once for every panel */
    const char *facet_name;           /* what the panels are one of ("area"): the alt text and
                                         the companion table's first header; required */
    rk_chart_kind kind;
    size_t n;                         /* panels, 1 to RK_MAX_PANELS, in reading order */
    const char *const *labels;        /* n panel headings, the facet's values */
    const void *const *panels;        /* n specs of `kind` (const rk_line_spec *, ...): each panel's
                                         data; their texts other than labels, their sizes and their
                                         companions flag are not used */
    size_t columns;                   /* panels per row; 0: 1 to 3 side by side, 4 as 2 x 2, else 3 */
    double width_mm, height_mm;       /* 0: 160 wide, 100 tall for one row, 55 more per row */
    bool companions;
    const rk_chart_stamp *stamp;      /* or NULL: see "Stamp" after rk_chart_bar_save */
} rk_facet_spec;

/* Validates and writes small multiples: one chart of `kind` per panel on one
 * page, as rk_chart_bar_save writes one. Panels share their value scale
 * (axis range and ticks, or the colour scale of a heatmap), so they can be
 * compared by eye. The page holds the title, subtitle, axis titles, notes
 * and source once. Companions are one table: the facet's value first, then
 * each panel's companion columns. */
rk_status rk_chart_facet_save(const rk_facet_spec *spec, const char *path, rk_error *err);

#endif
