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

#endif
