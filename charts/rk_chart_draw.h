/* rk_chart_draw.h: a chart drawn onto a cairo context the caller owns, as
 * vectors, for documents that hold charts among other things (the board
 * pack's pages).
 */
#ifndef RK_CHART_DRAW_H
#define RK_CHART_DRAW_H

#include <stdbool.h>

#include <cairo.h>

#include "rk_chart.h"

/* Whether rk_chart_draw_in can draw charts of this kind. Bars cannot yet:
 * their renderer has no entry in the chart type table (place the chart's
 * saved PNG instead). */
bool rk_chart_can_draw_in(rk_chart_kind kind);

/* Validates the spec (a const rk_line_spec * for RK_CHART_LINE, and so on),
 * lays the chart out on a width_pt x height_pt page and draws it with the
 * page's top-left corner at cr's origin, clipped to the page, exactly as
 * rk_chart_*_save would draw it into a file of that size. The spec's own
 * width and height are not used, and nothing is written: no file, no alt
 * text, no companions. cr's state is saved and restored; errors in cr are
 * the caller's to check (cairo_status). Returns RK_EARG, with a message in
 * err, for an invalid spec, a chart that does not fit the page, or a kind
 * rk_chart_can_draw_in refuses. */
rk_status rk_chart_draw_in(rk_chart_kind kind, const void *spec, cairo_t *cr, double width_pt, double height_pt,
                           rk_error *err);

#endif
