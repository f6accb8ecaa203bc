/* rk_chart_frame.c: the parts every chart type shares (rk_chart_frame.h).
 *
 * Split out of the bar chart unchanged, so a bar chart draws exactly as it
 * did; the output gained the alt text (SVG <title>/<desc>, PDF subject) and
 * the companion files.
 */
#include "rk_chart_frame.h"
#include "rk_dataset.h"
#include "rk_png.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "rk_markdown.h"
#include "rk_outfile.h"
#include "rk_say.h"

const uint32_t rk_frame_palette[PALETTE_SIZE] = {0x12436Du, 0x28A197u, 0x801650u, 0xF46A25u, 0x3D3D3Du, 0xA285D1u};
const uint32_t rk_frame_sequential[SEQUENTIAL_SIZE] = {0x12436Du, 0x2073BCu, 0x6BACE6u};

uint32_t rk_frame_mix_colours(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        double ca = (double)((a >> shift) & 0xFFu), cb = (double)((b >> shift) & 0xFFu);
        out |= (uint32_t)lround(ca + (cb - ca) * t) << shift;
    }
    return out;
}

uint32_t rk_frame_sequential_colour(size_t i, size_t n)
{
    if (n <= 1)
        return rk_frame_sequential[0];
    if (n == 2)
        return rk_frame_sequential[i == 0 ? 0 : SEQUENTIAL_SIZE - 1];
    /* Position along dark -> mid -> light, from 0 to SEQUENTIAL_SIZE - 1. */
    double at = (double)i * (SEQUENTIAL_SIZE - 1) / (double)(n - 1);
    size_t k = (size_t)floor(at);
    if (k >= SEQUENTIAL_SIZE - 1)
        return rk_frame_sequential[SEQUENTIAL_SIZE - 1];
    return rk_frame_mix_colours(rk_frame_sequential[k], rk_frame_sequential[k + 1], at - (double)k);
}

void rk_frame_colour_hex(char buf[COLOUR_HEX_CAP], uint32_t rgb)
{
    snprintf(buf, COLOUR_HEX_CAP, "#%06X", (unsigned)(rgb & 0xFFFFFFu));
}

/* ---- checks -------------------------------------------------------------- */

rk_status rk_frame_check_text(const char *chart, const char *text, const char *what, rk_error *err)
{
    if (text && !g_utf8_validate(text, -1, NULL))
        return rk_error_set(err, RK_EARG, "%s chart %s is not valid UTF-8", chart, what);
    return RK_OK;
}

rk_status rk_frame_check_size(const char *chart, double mm, const char *side, rk_error *err)
{
    if (mm != 0 && (!isfinite(mm) || mm < MIN_SIDE_MM || mm > MAX_SIDE_MM))
        return rk_error_set(err, RK_EARG,
                            "%s chart %s %g mm is out of range (%g to %g mm, or 0 for the default)",
                            chart, side, mm, MIN_SIDE_MM, MAX_SIDE_MM);
    return RK_OK;
}

/* The format named by the path's extension, compared without case. */
rk_status rk_frame_format_from_path(const char *path, rk_frame_format *format, rk_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    const char *dot = strrchr(base, '.');
    if (!dot || dot == base)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: no file extension (use .png, .svg or .pdf)", path);
    if (strcasecmp(dot, ".png") == 0)
        *format = FORMAT_PNG;
    else if (strcasecmp(dot, ".svg") == 0)
        *format = FORMAT_SVG;
    else if (strcasecmp(dot, ".pdf") == 0)
        *format = FORMAT_PDF;
    else
        return rk_error_set(err, RK_EARG, "cannot save chart to %s: unknown format '%s' (use .png, .svg or .pdf)",
                            path, dot);
    return RK_OK;
}

double rk_frame_mm_to_pt(double mm)
{
    return mm / MM_PER_INCH * PT_PER_INCH;
}

/* ---- numbers ------------------------------------------------------------- */

/* Closer to zero than this is the noise of arithmetic on decimals (0.3 -
 * 0.1 - 0.2 is -2.8e-17), not a value: it prints as 0, as it always has. */
#define ZERO_NOISE 1e-12

/* Whether v, not zero, would print as zero at `decimals` places. */
static bool hides_nonzero(double v, int decimals)
{
    if (fabs(v) <= ZERO_NOISE)
        return false;
    char digits[RK_SAY_NUMBER_BUF];
    rk_say_number(v, decimals, digits);
    return strpbrk(digits, "123456789") == NULL;
}

/* Writes v rounded half away from zero to `decimals` places, on the number
 * as written (rk_say_number: 2.5 gives 3, 12.25 gives 12.3), with a comma
 * between thousands and a typographic minus: "12,345", "−0.25". A value
 * that is not zero never prints as zero: past what `decimals` shows it is
 * "<0.01" (">−0.01" below zero). buf holds NUMBER_CAP bytes; |v| <=
 * MAX_ABS_VALUE * 10 and decimals <= MAX_DECIMALS keep the result well
 * inside it. */
void rk_frame_format_number(char buf[NUMBER_CAP], double v, int decimals)
{
    char digits[RK_SAY_NUMBER_BUF];
    size_t len = rk_say_number(v, decimals, digits);
    size_t o = 0;
    if (hides_nonzero(v, decimals)) {
        /* The smallest step shown, as "0.01", with the side v lies on. */
        if (v < 0) {
            memcpy(buf, ">\xE2\x88\x92", 4);
            o = 4;
        } else {
            buf[o++] = '<';
        }
        rk_say_number(1.0 / pow(10.0, decimals), decimals, buf + o);
        return;
    }
    const char *from = digits;
    if (digits[0] == '-') {
        memcpy(buf, "\xE2\x88\x92", 3); /* U+2212 MINUS SIGN */
        o = 3;
        from++;
        len--;
    }
    if (o + len >= NUMBER_CAP)
        len = NUMBER_CAP - 1 - o;
    memcpy(buf + o, from, len);
    buf[o + len] = '\0';
}

bool rk_frame_exact_at(double v, int decimals)
{
    double scaled = v * pow(10.0, decimals);
    return fabs(scaled - nearbyint(scaled)) <= 1e-6 * fmax(1.0, fabs(scaled));
}

int rk_frame_decimals_to_show(const double *values, const bool *skip, size_t n, int decimals)
{
    for (size_t i = 0; i < n; i++) {
        if (skip && skip[i])
            continue;
        while (decimals < MAX_DECIMALS && hides_nonzero(values[i], decimals))
            decimals++;
    }
    return decimals;
}

int rk_frame_decimals(const double *values, const bool *skip, size_t n)
{
    double max_abs = 0;
    for (size_t i = 0; i < n; i++)
        if (!(skip && skip[i]))
            max_abs = fmax(max_abs, fabs(values[i]));
    int limit = 2;
    if (max_abs > 0 && max_abs < 1)
        limit = (int)fmin(MAX_DECIMALS, fmax(2.0, -floor(log10(max_abs)) + 1));
    int decimals = 0;
    for (size_t i = 0; i < n; i++) {
        if (skip && skip[i])
            continue;
        while (decimals < limit && !rk_frame_exact_at(values[i], decimals))
            decimals++;
    }
    /* 12 beside 0.004 shows "12.000" and "0.004", not "0.00". */
    return rk_frame_decimals_to_show(values, skip, n, decimals);
}

int rk_frame_percent_decimals(double pct)
{
    int decimals = pct < 10 && !rk_frame_exact_at(pct, 0) ? 1 : 0;
    return rk_frame_decimals_to_show(&pct, NULL, 1, decimals);
}

void rk_frame_exact_text(char buf[NUMBER_CAP], double v)
{
    /* Plain decimals, never an exponent: |v| <= MAX_ABS_VALUE keeps it short. */
    for (int decimals = 0; decimals <= 17; decimals++) {
        snprintf(buf, NUMBER_CAP, "%.*f", decimals, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /* Whatever the locale's radix character, companions use a full stop. */
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
}

/* ---- value axes ---------------------------------------------------------- */

static rk_frame_ticks ticks_with_step(double lo, double hi, double step)
{
    rk_frame_ticks t = {.step = step};
    /* A little slack so that 100 / 20 counts as 5, not 5.000000001 -> 6. */
    t.first = (long)floor(lo / step + 1e-9);
    t.last = (long)ceil(hi / step - 1e-9);
    int exponent = (int)floor(log10(step) + 1e-9);
    t.decimals = exponent < 0 ? (int)fmin(-exponent, MAX_DECIMALS) : 0;
    return t;
}

/* Ticks on a 1-2-5 step covering [lo, hi] (which contains zero) with at most
 * max_intervals (>= 2) intervals: the smallest such step, so the axis hugs
 * the data. Steps from a tenth of the even split upwards; within three
 * decades the step exceeds hi - lo and two intervals always suffice. */
rk_frame_ticks rk_frame_nice_ticks(double lo, double hi, int max_intervals)
{
    if (hi - lo <= 0)
        hi = lo + 1; /* all values zero or missing: still show a scale */
    static const double multiples[] = {1, 2, 5};
    double decade = pow(10.0, floor(log10((hi - lo) / max_intervals)));
    rk_frame_ticks t = {0};
    for (int d = 0; d < 4; d++, decade *= 10) {
        for (size_t m = 0; m < sizeof multiples / sizeof multiples[0]; m++) {
            t = ticks_with_step(lo, hi, multiples[m] * decade);
            if (t.last - t.first <= max_intervals)
                return t;
        }
    }
    return t;
}

int rk_frame_intervals_for(double plot_h)
{
    int n = (int)(plot_h / GRID_SPACING_PT);
    return n < 2 ? 2 : n > MAX_INTERVALS ? MAX_INTERVALS : n;
}

bool rk_frame_same_ticks(rk_frame_ticks a, rk_frame_ticks b)
{
    return a.step == b.step && a.first == b.first && a.last == b.last;
}

double rk_frame_tick_value(rk_frame_ticks t, long i)
{
    return (double)i * t.step;
}

/* ---- text ---------------------------------------------------------------- */

/* A pango context for points: 72 "dpi" makes a 12 pt font 12 user units, and
 * unhinted metrics make layout independent of the output format and scale. */
PangoContext *rk_frame_pango_context(void)
{
    PangoContext *ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_context_set_resolution(ctx, PT_PER_INCH);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    /* Grey antialiasing: subpixel colour fringes would show in a printed PNG. */
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(ctx, options);
    cairo_font_options_destroy(options);
    return ctx;
}

/* A layout of `text` at `size` points; wrapped at word boundaries to `width`
 * points when width > 0, with lines aligned by `align` inside that width. */
PangoLayout *rk_frame_text(PangoContext *ctx, const char *text, double size, bool bold, double width,
                           PangoAlignment align)
{
    PangoLayout *layout = pango_layout_new(ctx);
    PangoFontDescription *font = pango_font_description_new();
    pango_font_description_set_family(font, FONT_FAMILY);
    pango_font_description_set_size(font, (gint)lround(size * PANGO_SCALE));
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    if (width > 0) {
        pango_layout_set_width(layout, (int)floor(width * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    }
    pango_layout_set_alignment(layout, align);
    pango_layout_set_text(layout, text, -1);
    return layout;
}

/* A line that starts where no line break is allowed starts inside a word. */
bool rk_frame_breaks_inside_word(PangoLayout *layout)
{
    const char *text = pango_layout_get_text(layout);
    int n_attrs = 0;
    const PangoLogAttr *attrs = pango_layout_get_log_attrs_readonly(layout, &n_attrs);
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
        const PangoLayoutLine *line = l->data;
        if (line->start_index == 0)
            continue;
        glong offset = g_utf8_pointer_to_offset(text, text + line->start_index);
        if (offset < n_attrs && !attrs[offset].is_line_break)
            return true;
    }
    return false;
}

double rk_frame_text_height(PangoLayout *layout)
{
    if (!layout)
        return 0;
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    return (double)logical.height / PANGO_SCALE;
}

double rk_frame_text_width(PangoLayout *layout)
{
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    return (double)logical.width / PANGO_SCALE;
}

double rk_frame_measure(PangoContext *ctx, const char *text, double size, double *height)
{
    PangoLayout *layout = rk_frame_text(ctx, text, size, false, 0, PANGO_ALIGN_LEFT);
    double w = rk_frame_text_width(layout);
    if (height)
        *height = rk_frame_text_height(layout);
    g_object_unref(layout);
    return w;
}

void rk_frame_set_colour(cairo_t *cr, uint32_t rgb)
{
    cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

/* WCAG 2.1 relative luminance of an sRGB colour. */
static double luminance(uint32_t rgb)
{
    double sum = 0;
    static const double weight[3] = {0.2126, 0.7152, 0.0722};
    for (int k = 0; k < 3; k++) {
        double c = (double)((rgb >> (16 - 8 * k)) & 0xFFu) / 255.0;
        c = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
        sum += weight[k] * c;
    }
    return sum;
}

double rk_frame_contrast(uint32_t a, uint32_t b)
{
    double la = luminance(a), lb = luminance(b);
    return (fmax(la, lb) + 0.05) / (fmin(la, lb) + 0.05);
}

uint32_t rk_frame_text_colour_on(uint32_t bg)
{
    return rk_frame_contrast(bg, COLOUR_TEXT) >= rk_frame_contrast(bg, COLOUR_BACKGROUND) ? COLOUR_TEXT
                                                                                          : COLOUR_BACKGROUND;
}

void rk_frame_draw_text(cairo_t *cr, PangoLayout *layout, double x, double y, uint32_t colour)
{
    rk_frame_set_colour(cr, colour);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout);
}

void rk_frame_draw_string(cairo_t *cr, PangoContext *ctx, const char *text, double size, double x, double y,
                          uint32_t colour)
{
    PangoLayout *layout = rk_frame_text(ctx, text, size, false, 0, PANGO_ALIGN_LEFT);
    rk_frame_draw_text(cr, layout, x, y, colour);
    g_object_unref(layout);
}

/* ---- headings and footers ------------------------------------------------ */

void rk_frame_make_texts(PangoContext *ctx, rk_frame_texts *t, double page_w, const char *title,
                         const char *subtitle, const char *y_title, const char *x_title, const char *note,
                         const char *source)
{
    double width = page_w - 2 * PAGE_MARGIN;
    if (t->panel) {
        t->title = rk_frame_text(ctx, t->panel->heading, BODY_PT, true, width, PANGO_ALIGN_LEFT);
        g_free(t->panel->note);
        t->panel->note = note && note[0] ? g_strdup(note) : NULL;
        return;
    }
    t->title = rk_frame_text(ctx, title, TITLE_PT, true, width, PANGO_ALIGN_LEFT);
    if (subtitle && subtitle[0])
        t->subtitle = rk_frame_text(ctx, subtitle, BODY_PT, false, width, PANGO_ALIGN_LEFT);
    if (y_title && y_title[0])
        t->y_title = rk_frame_text(ctx, y_title, BODY_PT, false, width, PANGO_ALIGN_LEFT);
    if (x_title && x_title[0])
        t->x_title = rk_frame_text(ctx, x_title, BODY_PT, false, width, PANGO_ALIGN_LEFT);
    if (note && note[0])
        t->note = rk_frame_text(ctx, note, FOOTER_PT, false, width, PANGO_ALIGN_LEFT);
    if (source && source[0]) {
        bool has_prefix = strncasecmp(source, "source:", 7) == 0;
        char *text = g_strconcat(has_prefix ? "" : "Source: ", source, NULL);
        t->source = rk_frame_text(ctx, text, FOOTER_PT, false, width, PANGO_ALIGN_LEFT);
        g_free(text);
    }
}

void rk_frame_stack_texts(rk_frame_texts *t, double page_h, double *top, double *bottom)
{
    double y = PAGE_MARGIN + rk_frame_text_height(t->title);
    if (t->subtitle) {
        t->subtitle_y = y + TITLE_GAP;
        y = t->subtitle_y + rk_frame_text_height(t->subtitle);
    }
    y += t->panel ? AXIS_TITLE_GAP : HEADER_GAP;
    if (t->y_title) {
        t->y_title_y = y;
        y += rk_frame_text_height(t->y_title) + AXIS_TITLE_GAP;
    }
    *top = y;

    double b = page_h - PAGE_MARGIN;
    if (t->source) {
        t->source_y = b - rk_frame_text_height(t->source);
        b = t->source_y;
    }
    if (t->note) {
        t->note_y = b - rk_frame_text_height(t->note);
        b = t->note_y;
    }
    if (t->source || t->note)
        b -= FOOTER_GAP;
    if (t->x_title) {
        t->x_title_y = b - rk_frame_text_height(t->x_title);
        b = t->x_title_y - AXIS_TITLE_GAP;
    }
    *bottom = b;
}

size_t rk_frame_label_step(size_t need)
{
    static const size_t steps[] = {1, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (steps[i] >= need)
            return steps[i];
    return need;
}

void rk_frame_widen_to_shared(const rk_frame_panel *panel, double *lo, double *hi)
{
    if (!panel || !panel->shared.has_range)
        return;
    *lo = fmin(*lo, panel->shared.lo);
    *hi = fmax(*hi, panel->shared.hi);
}

rk_frame_ticks rk_frame_shared_ticks(const rk_frame_panel *panel, rk_frame_ticks own)
{
    return panel && panel->shared.has_ticks ? panel->shared.ticks : own;
}

void rk_frame_draw_texts(cairo_t *cr, const rk_frame_texts *t, double page_w, double plot_left,
                         double plot_right)
{
    rk_frame_draw_text(cr, t->title, PAGE_MARGIN, PAGE_MARGIN, COLOUR_TEXT);
    if (t->subtitle)
        rk_frame_draw_text(cr, t->subtitle, PAGE_MARGIN, t->subtitle_y, COLOUR_SUBTITLE);
    if (t->y_title)
        rk_frame_draw_text(cr, t->y_title, PAGE_MARGIN, t->y_title_y, COLOUR_TEXT);
    if (t->x_title) {
        /* Centred under the plot, but never pushed off the page's right edge. */
        double w = rk_frame_text_width(t->x_title);
        double x = fmax(PAGE_MARGIN, fmin((plot_left + plot_right - w) / 2, page_w - PAGE_MARGIN - w));
        rk_frame_draw_text(cr, t->x_title, x, t->x_title_y, COLOUR_TEXT);
    }
    if (t->note)
        rk_frame_draw_text(cr, t->note, PAGE_MARGIN, t->note_y, COLOUR_SECONDARY);
    if (t->source)
        rk_frame_draw_text(cr, t->source, PAGE_MARGIN, t->source_y, COLOUR_SECONDARY);
}

void rk_frame_texts_context_changed(rk_frame_texts *t)
{
    PangoLayout *all[] = {t->title, t->subtitle, t->y_title, t->x_title, t->note, t->source};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (all[i])
            pango_layout_context_changed(all[i]);
}

void rk_frame_free_texts(rk_frame_texts *t)
{
    PangoLayout **all[] = {&t->title, &t->subtitle, &t->y_title, &t->x_title, &t->note, &t->source};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (*all[i])
            g_object_unref(*all[i]);
        *all[i] = NULL;
    }
}

const char *rk_frame_marker_note(bool any_missing_only, bool any_suppressed)
{
    if (any_missing_only && any_suppressed)
        return "Note: " MISSING_NOTE "; " SUPPRESSED_NOTE;
    if (any_missing_only)
        return "Note: " MISSING_NOTE;
    if (any_suppressed)
        return "Note: " SUPPRESSED_NOTE;
    return NULL;
}

/* ---- output -------------------------------------------------------------- */

/* Where cairo's bytes go: the temporary file of an rk_outfile. */
typedef struct stream_sink {
    FILE *fp;
    int saved_errno;         /* errno of the first failed write; 0 if none */
    unsigned long received;  /* bytes cairo has handed over (PNG only) */
    const GString *after_ihdr; /* PNG only: chunks to insert after IHDR (pHYs, text) */
    bool inserted;           /* PNG only: they are in */
} stream_sink;

static cairo_status_t sink_put(stream_sink *sink, const unsigned char *data, size_t length)
{
    errno = 0;
    if (length > 0 && fwrite(data, 1, length, sink->fp) != length) {
        if (!sink->saved_errno)
            sink->saved_errno = errno ? errno : EIO;
        return CAIRO_STATUS_WRITE_ERROR;
    }
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    return sink_put(closure, data, length);
}


/* cairo writes no resolution into a PNG, and Word then assumes 96 dpi and
 * places a 160 mm chart at 500 mm. A pHYs chunk stating 300 dpi goes right
 * after IHDR so the image lands at its intended size; the text chunks
 * (title, alt text, stamp) follow it. */
static GString *png_chunks_after_ihdr(const rk_frame_page *page, const char *stamp_json)
{
    GString *chunks = g_string_new(NULL);
    unsigned char phys[9];
    uint32_t per_metre = (uint32_t)lround(PNG_DPI / (MM_PER_INCH / 1000.0));
    for (int k = 0; k < 4; k++)
        phys[k] = phys[4 + k] = (unsigned char)(per_metre >> (24 - 8 * k));
    phys[8] = 1; /* unit: metre */
    rk_frame_png_chunk(chunks, "pHYs", phys, sizeof phys);
    if (page)
        rk_frame_png_text_chunks(chunks, page->title, page->alt_text, stamp_json);
    return chunks;
}

void rk_frame_png_density_chunk(unsigned char chunk[PNG_DENSITY_CHUNK])
{
    GString *chunks = png_chunks_after_ihdr(NULL, NULL);
    memcpy(chunk, chunks->str, PNG_DENSITY_CHUNK); /* the pHYs chunk comes first */
    g_string_free(chunks, TRUE);
}

static cairo_status_t png_sink_write(void *closure, const unsigned char *data, unsigned int length)
{
    stream_sink *sink = closure;
    if (!sink->inserted && sink->received + length >= PNG_IHDR_END) {
        size_t head = PNG_IHDR_END - sink->received;
        cairo_status_t st = sink_put(sink, data, head);
        if (st == CAIRO_STATUS_SUCCESS)
            st = sink_put(sink, (const unsigned char *)sink->after_ihdr->str, sink->after_ihdr->len);
        if (st != CAIRO_STATUS_SUCCESS)
            return st;
        sink->inserted = true;
        sink->received += head;
        data += head;
        length -= (unsigned int)head;
    }
    sink->received += length;
    return sink_put(sink, data, length);
}

static cairo_status_t render_png(const rk_frame_page *page, const char *stamp_json, rk_frame_draw_fn *draw,
                                 void *chart, stream_sink *sink)
{
    int w = (int)lround(page->width_mm / MM_PER_INCH * PNG_DPI);
    int h = (int)lround(page->height_mm / MM_PER_INCH * PNG_DPI);
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(surface);
    cairo_scale(cr, PNG_DPI / PT_PER_INCH, PNG_DPI / PT_PER_INCH);
    draw(cr, chart);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS) {
        GString *chunks = png_chunks_after_ihdr(page, stamp_json);
        sink->after_ihdr = chunks;
        st = rk_png_write(surface, png_sink_write, sink);
        g_string_free(chunks, TRUE);
    }
    cairo_surface_destroy(surface);
    return st;
}

/* cairo's SVG, held in memory so the alt text can go in before it is written. */
static cairo_status_t buffer_write(void *closure, const unsigned char *data, unsigned int length)
{
    g_string_append_len(closure, (const char *)data, (gssize)length);
    return CAIRO_STATUS_SUCCESS;
}

/* Puts <title> and <desc> first inside the <svg> element, where screen
 * readers and browsers look for a name and description, and marks the
 * image as one graphic with role="img"; the stamp's <metadata> follows. */
void rk_frame_insert_svg_alt(GString *svg, const rk_frame_page *page, const char *stamp_json)
{
    const char *open = strstr(svg->str, "<svg");
    const char *end = open ? strchr(open, '>') : NULL;
    if (!end)
        return;
    gsize at = (gsize)(end - svg->str);
    char *title = g_markup_escape_text(page->title, -1);
    char *desc = g_markup_escape_text(page->alt_text ? page->alt_text : "", -1);
    char *metadata = rk_frame_svg_metadata(stamp_json);
    char *insert = g_strdup_printf(">\n<title>%s</title>\n<desc>%s</desc>%s", title, desc, metadata);
    g_free(metadata);
    g_string_erase(svg, (gssize)at, 1);
    g_string_insert(svg, (gssize)at, insert);
    g_string_insert(svg, (gssize)at, " role=\"img\"");
    g_free(insert);
    g_free(desc);
    g_free(title);
}

static cairo_status_t render_vector(const rk_frame_page *page, const char *stamp_json, rk_frame_format format,
                                    rk_frame_draw_fn *draw, void *chart, stream_sink *sink)
{
    double w = rk_frame_mm_to_pt(page->width_mm), h = rk_frame_mm_to_pt(page->height_mm);
    cairo_surface_t *surface;
    GString *svg = NULL;
    if (format == FORMAT_PDF) {
        surface = cairo_pdf_surface_create_for_stream(sink_write, sink, w, h);
        /* The title and description in the document properties help screen readers. */
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, page->title);
        if (page->alt_text)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, page->alt_text);
        rk_frame_pdf_stamp(surface, page->stamp, stamp_json);
    } else {
        svg = g_string_new(NULL);
        surface = cairo_svg_surface_create_for_stream(buffer_write, svg, w, h);
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT);
    }
    cairo_t *cr = cairo_create(surface);
    draw(cr, chart);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface); /* writes the document out */
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (svg) {
        if (st == CAIRO_STATUS_SUCCESS) {
            rk_frame_insert_svg_alt(svg, page, stamp_json);
            st = sink_put(sink, (const unsigned char *)svg->str, svg->len);
        }
        g_string_free(svg, TRUE);
    }
    return st;
}

rk_status rk_frame_render(const rk_frame_page *page, rk_frame_format format, rk_frame_draw_fn *draw, void *chart,
                          const char *path, rk_error *err)
{
    char *stamp_json = page->stamp ? rk_chart_stamp_json(page->stamp, false) : NULL;
    if (page->stamp && !stamp_json)
        return rk_error_nomem(err);
    rk_outfile out;
    rk_status status = rk_outfile_open(&out, path, err);
    if (status != RK_OK) {
        free(stamp_json);
        return status;
    }
    stream_sink sink = {.fp = out.fp};
    cairo_status_t st = format == FORMAT_PNG ? render_png(page, stamp_json, draw, chart, &sink)
                                             : render_vector(page, stamp_json, format, draw, chart, &sink);
    free(stamp_json);
    if (st != CAIRO_STATUS_SUCCESS) {
        rk_outfile_abort(&out);
        if (st == CAIRO_STATUS_NO_MEMORY)
            return rk_error_nomem(err);
        if (st == CAIRO_STATUS_WRITE_ERROR && sink.saved_errno)
            return rk_error_set(err, RK_EIO, "cannot write %s: %s", path, strerror(sink.saved_errno));
        return rk_error_set(err, RK_EIO, "cannot save chart to %s: %s", path, cairo_status_to_string(st));
    }
    status = rk_outfile_commit(&out, err);
    if (status == RK_OK && page->stamp)
        status = rk_frame_write_stamp(path, page->stamp, err);
    return status;
}

/* ---- companions ---------------------------------------------------------- */

rk_status rk_frame_table_init(rk_frame_table *table, const char *const *headers, size_t ncol, size_t nrow,
                              rk_error *err)
{
    table->ncol = ncol;
    table->nrow = nrow;
    table->headers = calloc(ncol + 1, sizeof *table->headers);
    table->cells = calloc(nrow * ncol + 1, sizeof *table->cells);
    if (!table->headers || !table->cells) {
        rk_frame_table_free(table);
        return rk_error_nomem(err);
    }
    for (size_t c = 0; c < ncol; c++)
        table->headers[c] = g_strdup(headers[c]);
    return RK_OK;
}

void rk_frame_table_set(rk_frame_table *table, size_t row, size_t col, const char *text)
{
    char **cell = &table->cells[row * table->ncol + col];
    g_free(*cell);
    *cell = g_strdup(text);
}

void rk_frame_table_free(rk_frame_table *table)
{
    if (table->cells)
        for (size_t i = 0; i < table->nrow * table->ncol; i++)
            g_free(table->cells[i]);
    if (table->headers)
        for (size_t c = 0; c < table->ncol; c++)
            g_free(table->headers[c]);
    free(table->cells);
    free(table->headers);
    table->cells = NULL;
    table->headers = NULL;
}

/* A CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
/* One field, quoted as every rapkit CSV writer quotes (rk_csv_quote). */
static void put_csv_field(FILE *fp, const char *s)
{
    size_t len = s ? strlen(s) : 0;
    if (len == 0)
        return; /* an empty field is written as nothing */
    char *quoted = g_malloc(rk_csv_quote(NULL, s, len));
    fwrite(quoted, 1, rk_csv_quote(quoted, s, len), fp);
    g_free(quoted);
}

typedef enum companion_kind { COMPANION_ALT, COMPANION_CSV, COMPANION_MD } companion_kind;

/* Whether a cell reads as a number ("1,234" is not written; "17%" is). */
static bool numeric_cell(const char *cell)
{
    char *end;
    strtod(cell, &end);
    return end != cell && (*end == '\0' || (end[0] == '%' && end[1] == '\0'));
}

/* A column of numbers (markers and empty cells aside) is right-aligned in
 * Markdown, so the digits line up; text stays left. */
static bool numeric_column(const rk_frame_table *t, size_t c)
{
    bool any = false;
    for (size_t r = 0; r < t->nrow; r++) {
        const char *cell = t->cells[r * t->ncol + c];
        if (!cell || !cell[0] || strcmp(cell, MISSING_MARKER) == 0 || strcmp(cell, SUPPRESSED_MARKER) == 0)
            continue;
        if (!numeric_cell(cell))
            return false;
        any = true;
    }
    return any;
}

static void write_companion(FILE *fp, companion_kind kind, const char *alt_text, const rk_frame_table *t)
{
    if (kind == COMPANION_ALT) {
        fprintf(fp, "%s\n", alt_text);
        return;
    }
    for (size_t r = 0; r <= t->nrow; r++) {
        if (kind == COMPANION_MD)
            fputs("| ", fp);
        for (size_t c = 0; c < t->ncol; c++) {
            const char *cell = r == 0 ? t->headers[c] : t->cells[(r - 1) * t->ncol + c];
            if (c > 0)
                fputs(kind == COMPANION_MD ? " | " : ",", fp);
            if (kind == COMPANION_MD)
                rk_md_put(fp, cell); /* the rule of every Markdown rapkit writes */
            else
                put_csv_field(fp, cell);
        }
        fputs(kind == COMPANION_MD ? " |\n" : "\n", fp);
        if (kind == COMPANION_MD && r == 0) {
            fputs("|", fp);
            for (size_t c = 0; c < t->ncol; c++)
                fputs(numeric_column(t, c) ? " ---: |" : " --- |", fp);
            fputs("\n", fp);
        }
    }
}

rk_status rk_frame_write_companions(const char *chart_path, const char *alt_text, const rk_frame_table *table,
                                    rk_error *err)
{
    static const char *const suffixes[] = {".alt.txt", ".csv", ".md"};
    for (int kind = COMPANION_ALT; kind <= COMPANION_MD; kind++) {
        char *path = rk_frame_companion_path(chart_path, suffixes[kind]);
        rk_outfile out;
        rk_status st = rk_outfile_open(&out, path, err);
        if (st == RK_OK) {
            write_companion(out.fp, (companion_kind)kind, alt_text, table);
            st = rk_outfile_commit(&out, err);
        }
        g_free(path);
        if (st != RK_OK)
            return st;
    }
    return RK_OK;
}

/* ---- the start of a save and of a page ----------------------------------- */

rk_status rk_frame_start_save(const char *path, double width_mm, double height_mm, rk_frame_start *start,
                              rk_error *err)
{
    if (!path || !path[0])
        return rk_error_set(err, RK_EARG, "cannot save chart: no output path given");
    rk_status status = rk_frame_format_from_path(path, &start->format, err);
    if (status != RK_OK)
        return status;
    start->width_mm = width_mm != 0 ? width_mm : DEFAULT_WIDTH_MM;
    start->height_mm = height_mm != 0 ? height_mm : DEFAULT_HEIGHT_MM;
    start->page_w = rk_frame_mm_to_pt(start->width_mm);
    start->page_h = rk_frame_mm_to_pt(start->height_mm);
    return RK_OK;
}

void rk_frame_begin_page(cairo_t *cr, PangoContext *ctx, rk_frame_texts *texts)
{
    pango_cairo_update_context(cr, ctx);
    rk_frame_texts_context_changed(texts);
    rk_frame_set_colour(cr, COLOUR_BACKGROUND);
    cairo_paint(cr);
}

void rk_frame_line(cairo_t *cr, double x0, double y0, double x1, double y1, double width, uint32_t colour)
{
    rk_frame_set_colour(cr, colour);
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x0, y0);
    cairo_line_to(cr, x1, y1);
    cairo_stroke(cr);
}
