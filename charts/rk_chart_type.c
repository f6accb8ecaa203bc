/* rk_chart_type.c: the save every chart type shares, and small multiples.
 *
 * Small multiples draw one panel per value of a facet on one page. The
 * page carries the title, subtitle, axis titles, notes and source once;
 * each panel is the chart type's own layout with the facet value as its
 * heading. Scales are shared so panels can be compared by eye: every panel
 * is first laid out alone to find the range its data needs, then again on
 * the union of those ranges, and finally on the coarsest of the ticks that
 * gives (the one every panel has room for), so all draw the same axis.
 */
#include "rk_chart_type.h"
#include "rk_chart_parts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#define PANEL_GAP 6.0            /* points between panels */
#define DEFAULT_PANEL_ROW_MM 55.0
#define DEFAULT_PAGE_EXTRA_MM 40.0 /* headings and footers of a faceted page */

static rk_status write_companions(const rk_chart_type *type, const void *chart, const char *alt, const char *path,
                                  rk_error *err)
{
    rk_frame_table table;
    rk_status st = type->table(chart, &table, err);
    if (st != RK_OK)
        return st;
    st = rk_frame_write_companions(path, alt, &table, err);
    rk_frame_table_free(&table);
    return st;
}

rk_status rk_chart_save_as(const rk_chart_type *type, const void *spec, rk_chart_common common, const char *path,
                           rk_error *err)
{
    if (!spec)
        return rk_error_set(err, RK_EARG, "cannot save chart: no chart given");
    rk_frame_start start;
    rk_status st = type->validate(spec, err);
    if (st == RK_OK)
        st = rk_frame_start_save(path, common.width_mm, common.height_mm, &start, err);
    if (st != RK_OK)
        return st;
    if (type->advise)
        type->advise(spec);
    void *chart = NULL;
    st = type->open(spec, NULL, start.page_w, start.page_h, path, &chart, err);
    char *alt = st == RK_OK ? type->alt_text(chart) : NULL;
    if (st == RK_OK) {
        rk_frame_page page = {start.width_mm, start.height_mm, common.title, alt, common.stamp};
        st = rk_frame_render(&page, start.format, type->draw, chart, path, err);
    }
    if (st == RK_OK && common.companions)
        st = write_companions(type, chart, alt, path, err);
    g_free(alt);
    if (chart)
        type->close(chart);
    return st;
}

/* ---- small multiples ----------------------------------------------------- */

typedef struct facet_chart {
    const rk_facet_spec *spec;
    const rk_chart_type *type;
    PangoContext *pango;
    rk_frame_texts texts;
    double page_w, page_h;
    size_t cols, rows;
    double grid_left, grid_top, panel_w, panel_h;
    rk_frame_panel *panel; /* n, the options each panel is laid out with */
    void **chart;          /* n laid-out panels */
} facet_chart;

const rk_chart_type *rk_chart_type_of(rk_chart_kind kind)
{
    switch (kind) {
    case RK_CHART_BAR: return &rk_bar_type;
    case RK_CHART_LINE: return &rk_line_type;
    case RK_CHART_INTERVAL: return &rk_interval_type;
    case RK_CHART_SPC: return &rk_spc_type;
    case RK_CHART_FUNNEL: return &rk_funnel_type;
    case RK_CHART_HEATMAP: return &rk_heatmap_type;
    }
    return NULL;
}

/* Prefixes err's message with the panel it came from. */
static rk_status in_panel(const rk_facet_spec *spec, size_t i, rk_status st, rk_error *err)
{
    if (st != RK_OK && err) {
        char was[sizeof err->message];
        memcpy(was, err->message, sizeof was);
        rk_error_set(err, st, "small multiples, panel '%s': %s", spec->labels[i], was);
    }
    return st;
}

static rk_status validate_facets(const rk_facet_spec *spec, const rk_chart_type *type, rk_error *err)
{
    if (!type)
        return rk_error_set(err, RK_EARG, "cannot save small multiples: unknown chart type");
    if (spec->n == 0)
        return rk_error_set(err, RK_EARG, "small multiples need at least one panel");
    if (spec->n > RK_MAX_PANELS)
        return rk_error_set(err, RK_EARG,
                            "small multiples of %zu panels are too many to read (at most %d); filter the facet "
                            "or draw several charts", spec->n, RK_MAX_PANELS);
    if (spec->columns > spec->n)
        return rk_error_set(err, RK_EARG, "small multiples: %zu columns for %zu panels", spec->columns, spec->n);
    rk_status st = rk_frame_check_text("small multiples", spec->title, "title", err);
    const char *texts[] = {spec->subtitle, spec->source, spec->x_title, spec->y_title, spec->facet_name};
    for (size_t k = 0; st == RK_OK && k < sizeof texts / sizeof texts[0]; k++)
        st = rk_frame_check_text("small multiples", texts[k], "text", err);
    if (st != RK_OK)
        return st;
    if (!spec->title || !spec->title[0])
        return rk_error_set(err, RK_EARG, "small multiples need a title");
    if (!spec->facet_name || !spec->facet_name[0])
        return rk_error_set(err, RK_EARG, "small multiples need the name of the facet");
    for (size_t i = 0; i < spec->n; i++) {
        if (!spec->labels[i])
            return rk_error_set(err, RK_EARG, "small multiples: panel %zu has no label", i + 1);
        st = rk_frame_check_text("small multiples", spec->labels[i], "panel label", err);
        if (st == RK_OK)
            st = in_panel(spec, i, type->validate(spec->panels[i], err), err);
        if (st != RK_OK)
            return st;
    }
    return RK_OK;
}

static void close_panels(facet_chart *f)
{
    for (size_t i = 0; i < f->spec->n; i++)
        if (f->chart[i]) {
            f->type->close(f->chart[i]);
            f->chart[i] = NULL;
        }
}

/* Lays every panel out at the current panel size with its options. */
static rk_status open_panels(facet_chart *f, const char *path, rk_error *err)
{
    close_panels(f);
    for (size_t i = 0; i < f->spec->n; i++) {
        rk_status st = f->type->open(f->spec->panels[i], &f->panel[i], f->panel_w, f->panel_h, path, &f->chart[i],
                                     err);
        if (st != RK_OK)
            return in_panel(f->spec, i, st, err);
    }
    return RK_OK;
}

/* The notes of every panel, each once, in panel order: the page's note. */
static char *page_note(const facet_chart *f)
{
    GString *note = g_string_new(NULL);
    for (size_t i = 0; i < f->spec->n; i++) {
        const char *n = f->panel[i].note;
        if (!n || strstr(note->str, n))
            continue;
        g_string_append_printf(note, "%s%s", note->len ? " " : "", n);
    }
    return g_string_free(note, note->len == 0);
}

/* Panels per row: as asked, else one per row for a type that needs the
 * width, else 1 to 3 side by side, 4 as 2 x 2 and more in rows of 3. */
static size_t default_columns(const rk_facet_spec *spec, const rk_chart_type *type)
{
    if (spec->columns)
        return spec->columns;
    if (type->full_width)
        return 1;
    return spec->n <= 3 ? spec->n : spec->n == 4 ? 2 : 3;
}

static void place_grid(facet_chart *f)
{
    const rk_facet_spec *spec = f->spec;
    f->cols = default_columns(spec, f->type);
    f->rows = (spec->n + f->cols - 1) / f->cols;
    double top, bottom;
    rk_frame_stack_texts(&f->texts, f->page_h, &top, &bottom);
    f->grid_left = PAGE_MARGIN / 2;
    f->grid_top = top - PAGE_MARGIN / 2;
    double grid_w = f->page_w - PAGE_MARGIN, grid_h = bottom - f->grid_top;
    f->panel_w = (grid_w - PANEL_GAP * (double)(f->cols - 1)) / (double)f->cols;
    f->panel_h = (grid_h - PANEL_GAP * (double)(f->rows - 1)) / (double)f->rows;
}

static rk_status layout_facets(facet_chart *f, const char *path, rk_error *err)
{
    const rk_facet_spec *spec = f->spec;
    /* First on the page without notes: the range each panel's data needs. */
    rk_frame_make_texts(f->pango, &f->texts, f->page_w, spec->title, spec->subtitle, spec->y_title,
                        spec->x_title, NULL, spec->source);
    place_grid(f);
    rk_status st = open_panels(f, path, err);
    rk_frame_scale shared = {0};
    for (size_t i = 0; st == RK_OK && i < spec->n; i++) {
        rk_frame_scale own = f->type->scale(f->chart[i]);
        if (!own.has_range)
            continue;
        shared.lo = shared.has_range ? fmin(shared.lo, own.lo) : own.lo;
        shared.hi = shared.has_range ? fmax(shared.hi, own.hi) : own.hi;
        shared.has_range = true;
    }
    if (st != RK_OK)
        return st;

    /* On the shared range: the notes (whether the axis starts at zero
     * depends on it) and the ticks each panel would choose. */
    for (size_t i = 0; i < spec->n; i++)
        f->panel[i].shared = shared;
    st = open_panels(f, path, err);
    if (st != RK_OK)
        return st;
    char *note = page_note(f);
    rk_frame_scale first = f->type->scale(f->chart[0]);
    rk_frame_ticks coarsest = first.ticks;
    for (size_t i = 1; first.has_ticks && i < spec->n; i++) {
        rk_frame_ticks t = f->type->scale(f->chart[i]).ticks;
        if (t.step > coarsest.step)
            coarsest = t;
    }

    /* Finally with the notes on the page and, so all axes are one axis,
     * the coarsest ticks, which fit every panel. */
    rk_frame_free_texts(&f->texts);
    rk_frame_make_texts(f->pango, &f->texts, f->page_w, spec->title, spec->subtitle, spec->y_title,
                        spec->x_title, note, spec->source);
    g_free(note);
    place_grid(f);
    for (size_t i = 0; i < spec->n; i++) {
        f->panel[i].shared.has_ticks = first.has_ticks;
        f->panel[i].shared.ticks = coarsest;
    }
    return open_panels(f, path, err);
}

static void draw_facets(cairo_t *cr, void *chart)
{
    facet_chart *f = chart;
    rk_frame_begin_page(cr, f->pango, &f->texts);
    for (size_t i = 0; i < f->spec->n; i++) {
        double x = f->grid_left + (double)(i % f->cols) * (f->panel_w + PANEL_GAP);
        double y = f->grid_top + (double)(i / f->cols) * (f->panel_h + PANEL_GAP);
        cairo_save(cr);
        cairo_translate(cr, x, y);
        cairo_rectangle(cr, 0, 0, f->panel_w, f->panel_h);
        cairo_clip(cr);
        f->type->draw(cr, f->chart[i]);
        cairo_restore(cr);
    }
    /* The panel layouts were last measured on their own contexts. */
    pango_cairo_update_context(cr, f->pango);
    rk_frame_draw_texts(cr, &f->texts, f->page_w, f->grid_left, f->page_w - f->grid_left);
}

static char *facet_alt_text(const facet_chart *f)
{
    const rk_facet_spec *spec = f->spec;
    GString *alt = g_string_new(NULL);
    g_string_append_printf(alt, "%s. Small multiples: %zu %s charts, one for each %s, on shared scales.",
                           spec->title, spec->n, f->type->name, spec->facet_name);
    for (size_t i = 0; i < spec->n; i++) {
        char *panel = f->type->alt_text(f->chart[i]);
        g_string_append_printf(alt, " %s", panel); /* its heading, the panel's label, comes first */
        g_free(panel);
    }
    return g_string_free(alt, FALSE);
}

/* One table: the facet first, then each panel's rows under its label. */
static rk_status facet_table(const facet_chart *f, rk_frame_table *out, rk_error *err)
{
    const rk_facet_spec *spec = f->spec;
    rk_frame_table *parts = calloc(spec->n, sizeof *parts);
    if (!parts)
        return rk_error_nomem(err);
    rk_status st = RK_OK;
    size_t built = 0, nrow = 0;
    for (; st == RK_OK && built < spec->n; built++) {
        st = f->type->table(f->chart[built], &parts[built], err);
        if (st != RK_OK)
            break;
        nrow += parts[built].nrow;
        if (parts[built].ncol != parts[0].ncol)
            st = rk_error_set(err, RK_EARG, "small multiples: panel '%s' has other columns than panel '%s'",
                              spec->labels[built], spec->labels[0]);
    }
    const char **headers = NULL;
    if (st == RK_OK) {
        headers = malloc((parts[0].ncol + 1) * sizeof *headers);
        if (!headers)
            st = rk_error_nomem(err);
    }
    if (st == RK_OK) {
        headers[0] = spec->facet_name;
        for (size_t c = 0; c < parts[0].ncol; c++)
            headers[c + 1] = parts[0].headers[c];
        st = rk_frame_table_init(out, headers, parts[0].ncol + 1, nrow, err);
    }
    free(headers);
    for (size_t i = 0, row = 0; st == RK_OK && i < spec->n; i++)
        for (size_t r = 0; r < parts[i].nrow; r++, row++) {
            rk_frame_table_set(out, row, 0, spec->labels[i]);
            for (size_t c = 0; c < parts[i].ncol; c++)
                rk_frame_table_set(out, row, c + 1, parts[i].cells[r * parts[i].ncol + c]);
        }
    for (size_t i = 0; i < built && i < spec->n; i++)
        rk_frame_table_free(&parts[i]);
    free(parts);
    return st;
}

rk_status rk_chart_facet_save(const rk_facet_spec *spec, const char *path, rk_error *err)
{
    if (!spec)
        return rk_error_set(err, RK_EARG, "cannot save chart: no chart given");
    const rk_chart_type *type = rk_chart_type_of(spec->kind);
    rk_status st = validate_facets(spec, type, err);
    size_t columns = type && spec->n ? default_columns(spec, type) : 1;
    size_t rows = (spec->n + columns - 1) / columns;
    double height = spec->height_mm ? spec->height_mm
                                    : fmax(100.0, DEFAULT_PAGE_EXTRA_MM + DEFAULT_PANEL_ROW_MM * (double)rows);
    rk_frame_start start;
    if (st == RK_OK)
        st = rk_frame_check_size("small multiples", spec->width_mm, "width", err);
    if (st == RK_OK)
        st = rk_frame_check_size("small multiples", spec->height_mm, "height", err);
    if (st == RK_OK)
        st = rk_frame_start_save(path, spec->width_mm, fmin(height, MAX_SIDE_MM), &start, err);
    if (st != RK_OK)
        return st;
    facet_chart f = {.spec = spec, .type = type, .page_w = start.page_w, .page_h = start.page_h};
    f.panel = calloc(spec->n, sizeof *f.panel);
    f.chart = calloc(spec->n, sizeof *f.chart);
    if (!f.panel || !f.chart) {
        free(f.panel);
        free(f.chart);
        return rk_error_nomem(err);
    }
    for (size_t i = 0; i < spec->n; i++)
        f.panel[i].heading = spec->labels[i];
    if (type->advise) /* the panels differ only in their data */
        type->advise(spec->panels[0]);
    f.pango = rk_frame_pango_context();
    st = layout_facets(&f, path, err);
    char *alt = st == RK_OK ? facet_alt_text(&f) : NULL;
    if (st == RK_OK) {
        rk_frame_page page = {start.width_mm, start.height_mm, spec->title, alt, spec->stamp};
        st = rk_frame_render(&page, start.format, draw_facets, &f, path, err);
    }
    if (st == RK_OK && spec->companions) {
        rk_frame_table table;
        st = facet_table(&f, &table, err);
        if (st == RK_OK) {
            st = rk_frame_write_companions(path, alt, &table, err);
            rk_frame_table_free(&table);
        }
    }
    g_free(alt);
    close_panels(&f);
    for (size_t i = 0; i < spec->n; i++)
        g_free(f.panel[i].note);
    free(f.panel);
    free(f.chart);
    rk_frame_free_texts(&f.texts);
    g_object_unref(f.pango);
    return st;
}

/* ---- the parts the gnuplot backend shares (rk_chart_parts.h) ------------- */

/* The spec laid out on its page (or the default one) as cairo would draw it. */
static void *open_alone(const rk_chart_type *type, const void *spec, rk_chart_common common, rk_error *err)
{
    double w = rk_frame_mm_to_pt(common.width_mm ? common.width_mm : DEFAULT_WIDTH_MM);
    double h = rk_frame_mm_to_pt(common.height_mm ? common.height_mm : DEFAULT_HEIGHT_MM);
    void *chart = NULL;
    return type->open(spec, NULL, w, h, "the chart", &chart, err) == RK_OK ? chart : NULL;
}

static char *alt_text_as(const rk_chart_type *type, const void *spec, rk_chart_common common)
{
    rk_error err;
    void *chart = open_alone(type, spec, common, &err);
    if (!chart) /* gnuplot may fit what cairo cannot: say at least what it is */
        return g_strdup_printf("%s chart: %s.", type->name, common.title);
    char *alt = type->alt_text(chart);
    type->close(chart);
    return alt;
}

static rk_status companions_as(const rk_chart_type *type, const void *spec, rk_chart_common common, const char *alt,
                               const char *path, rk_error *err)
{
    void *chart = open_alone(type, spec, common, err);
    if (!chart)
        return err->status;
    rk_status st = write_companions(type, chart, alt, path, err);
    type->close(chart);
    return st;
}

#define COMMON_OF(spec) ((rk_chart_common){(spec)->title, (spec)->width_mm, (spec)->height_mm, true, (spec)->stamp})

rk_status rk_bar_check(const void *spec, rk_error *err)
{
    return rk_bar_type.validate(spec, err);
}

char *rk_bar_alt_text(const void *spec, int decimals)
{
    (void)decimals;
    return alt_text_as(&rk_bar_type, spec, COMMON_OF((const rk_bar_spec *)spec));
}

rk_status rk_bar_companions(const void *spec, const char *alt, const char *path, rk_error *err)
{
    return companions_as(&rk_bar_type, spec, COMMON_OF((const rk_bar_spec *)spec), alt, path, err);
}

rk_status rk_line_check(const void *spec, rk_error *err)
{
    return rk_line_type.validate(spec, err);
}

char *rk_line_alt_text(const void *spec, int decimals)
{
    (void)decimals;
    return alt_text_as(&rk_line_type, spec, COMMON_OF((const rk_line_spec *)spec));
}

rk_status rk_line_companions(const void *spec, const char *alt, const char *path, rk_error *err)
{
    return companions_as(&rk_line_type, spec, COMMON_OF((const rk_line_spec *)spec), alt, path, err);
}

rk_status rk_interval_check(const void *spec, rk_error *err)
{
    return rk_interval_type.validate(spec, err);
}

char *rk_interval_alt_text(const void *spec, int decimals)
{
    (void)decimals;
    return alt_text_as(&rk_interval_type, spec, COMMON_OF((const rk_interval_spec *)spec));
}

rk_status rk_interval_companions(const void *spec, const char *alt, const char *path, rk_error *err)
{
    return companions_as(&rk_interval_type, spec, COMMON_OF((const rk_interval_spec *)spec), alt, path, err);
}
