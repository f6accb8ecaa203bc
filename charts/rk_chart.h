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

/* Companions (every chart type): with spec->companions set, a successful
 * save also writes NAME.alt.txt (the alt text, one paragraph, also embedded
 * as the SVG's <title>/<desc> and the PDF's title/subject), NAME.csv and
 * NAME.md (the values drawn, exactly, with "[x]" for missing and "[c]" for
 * suppressed cells), where NAME is the path without its extension. Each is
 * written atomically; if one fails, those before it stay. */

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
} rk_line_spec;

/* Validates and writes a line chart, as rk_chart_bar_save. Series are told
 * apart by colour and by dash (solid, dashed, dotted, dash-dot, long dash,
 * dash-dot-dot), so they survive greyscale; names go at the line ends when
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
} rk_interval_spec;

/* Validates and writes a horizontal dot and interval chart (forest plot),
 * as rk_chart_bar_save. lower <= estimate <= upper is required where an
 * interval is drawn. The value axis includes zero and the reference. */
rk_status rk_chart_interval_save(const rk_interval_spec *spec, const char *path, rk_error *err);

#endif
