/* rk_chart_draw.c: a chart drawn onto a caller's cairo context, through the
 * chart type table (rk_chart_type.h) that every save goes through. */
#include "rk_chart_draw.h"

#include "rk_chart_type.h"

bool rk_chart_can_draw_in(rk_chart_kind kind)
{
    return rk_chart_type_of(kind) != NULL;
}

rk_status rk_chart_draw_in(rk_chart_kind kind, const void *spec, cairo_t *cr, double width_pt, double height_pt,
                           rk_error *err)
{
    const rk_chart_type *type = rk_chart_type_of(kind);
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
