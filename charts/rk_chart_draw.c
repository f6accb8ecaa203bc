/* rk_chart_draw.c: a chart drawn onto a caller's cairo context, through the
 * chart type table (rk_chart_type.h) that every save goes through. */
#include "rk_chart_draw.h"

#include "rk_chart_type.h"

static const rk_chart_type *drawable_type(rk_chart_kind kind)
{
    switch (kind) {
    case RK_CHART_BAR: return NULL; /* no type entry yet: the bar forms are being reworked */
    case RK_CHART_LINE: return &rk_line_type;
    case RK_CHART_INTERVAL: return &rk_interval_type;
    case RK_CHART_SPC: return &rk_spc_type;
    case RK_CHART_FUNNEL: return &rk_funnel_type;
    case RK_CHART_HEATMAP: return &rk_heatmap_type;
    }
    return NULL;
}

bool rk_chart_can_draw_in(rk_chart_kind kind)
{
    return drawable_type(kind) != NULL;
}

rk_status rk_chart_draw_in(rk_chart_kind kind, const void *spec, cairo_t *cr, double width_pt, double height_pt,
                           rk_error *err)
{
    const rk_chart_type *type = drawable_type(kind);
    if (!type)
        return rk_error_set(err, RK_EARG, "this kind of chart cannot be drawn into a page yet: place its PNG");
    if (!spec)
        return rk_error_set(err, RK_EARG, "cannot draw chart: no chart given");
    rk_status st = type->validate(spec, err);
    void *chart = NULL;
    if (st == RK_OK)
        st = type->open(spec, NULL, width_pt, height_pt, "the page", &chart, err);
    if (st == RK_OK) {
        cairo_save(cr);
        cairo_rectangle(cr, 0, 0, width_pt, height_pt);
        cairo_clip(cr);
        type->draw(cr, chart);
        cairo_restore(cr);
    }
    if (chart)
        type->close(chart);
    return st;
}
