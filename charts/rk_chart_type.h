/* rk_chart_type.h: a chart type as the shared save and small multiples
 * drive it (internal to charts/).
 *
 * Every chart type is the same sequence: validate the spec, lay it out on a
 * page, draw it, describe it (alt text) and tabulate it (companions). Each
 * type fills one rk_chart_type with those steps; rk_chart_save_as writes a
 * chart alone and rk_chart_facet_save lays several out as panels on one
 * page, with their value scales shared.
 */
#ifndef RK_CHART_TYPE_H
#define RK_CHART_TYPE_H

#include "rk_chart.h"
#include "rk_chart_frame.h"

typedef struct rk_chart_type {
    const char *name; /* "line": for messages and the alt text */
    bool full_width;  /* labels either side of the plot need the page's width: panels go one per row */
    rk_status (*validate)(const void *spec, rk_error *err);
    /* Lays the spec out on a page_w x page_h page (points), as a panel when
     * panel is not NULL; *chart is released by close, also on failure. */
    rk_status (*open)(const void *spec, rk_frame_panel *panel, double page_w, double page_h, const char *path,
                      void **chart, rk_error *err);
    /* The value scale laid out: its range and ticks (has_* false if none). */
    rk_frame_scale (*scale)(const void *chart);
    rk_frame_draw_fn *draw;
    char *(*alt_text)(const void *chart); /* g_free */
    /* The companion table of a laid-out chart: the values drawn, exactly. */
    rk_status (*table)(const void *chart, rk_frame_table *table, rk_error *err);
    /* Optional: advice about a valid spec (a warning through the spec's
     * callback), given once per save, however many panels share it. */
    void (*advise)(const void *spec);
    void (*close)(void *chart);
} rk_chart_type;

/* What a save needs from any spec besides its data. */
typedef struct rk_chart_common {
    const char *title;
    double width_mm, height_mm; /* 0: the defaults */
    bool companions;
    const rk_chart_stamp *stamp; /* or NULL */
} rk_chart_common;

/* Validates, lays out, renders to path and writes the companions. */
rk_status rk_chart_save_as(const rk_chart_type *type, const void *spec, rk_chart_common common, const char *path,
                           rk_error *err);

/* The type of a kind; NULL for a kind that is not one. */
const rk_chart_type *rk_chart_type_of(rk_chart_kind kind);

extern const rk_chart_type rk_bar_type, rk_line_type, rk_interval_type, rk_spc_type, rk_funnel_type,
    rk_heatmap_type;

#endif
