/* rk_gnuplot_charts.c: bar, line and interval charts drawn by gnuplot
 * (rk_gnuplot.h), in the house style of rk_chart_frame.h as far as gnuplot
 * allows.
 *
 * The page is laid out here, in points, with the same pango text metrics
 * as the cairo charts: the headings and footers are stacked and wrapped by
 * rk_frame_make_texts, each of their lines becomes a label at its place on
 * the page, and the plot area is fixed with `set [lrtb]margin at screen`.
 * Value axes get rapkit's own ticks with their labels written out (thousands
 * separators, a true minus sign), so gnuplot formats no numbers. The data
 * go in a datablock of numbers; every text goes through
 * rk_gnuplot_put_text. The output is finished here after gnuplot: the PNG
 * gets its 300 dpi density, the SVG its <title>/<desc> and size in points,
 * the PDF its title and subject.
 */
#include "rk_gnuplot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "rk_chart_frame.h"
#include "rk_chart_parts.h"
#include "rk_gnuplot_script.h"
#include "rk_outfile.h"

/* gnuplot's cairo terminals set text at about 96 dpi and lines at one
 * pixel (pngcairo) or half a point (pdfcairo) per linewidth unit; these make
 * a point a point. Measured with gnuplot 5.4 against the cairo charts. */
#define PNG_FONT_SCALE 3.1
#define PNG_LINE_SCALE (PNG_DPI / PT_PER_INCH)
#define PDF_FONT_SCALE 0.8
#define PDF_LINE_SCALE 2.0
/* Their dash lengths are in units of the line's width, at these scales. */
#define PNG_DASH_SCALE 4.0
#define SVG_DASH_SCALE 2.0
#define PDF_DASH_SCALE 3.64
#define SVG_FONT "sans-serif" /* the svg terminal writes text; let the viewer pick the sans font */
/* A point of pointsize 1 is this many points across (pngcairo, pdfcairo, svg). */
static const double point_pt[] = {[FORMAT_PNG] = 1.56, [FORMAT_SVG] = 9.0, [FORMAT_PDF] = 6.1};

#define CHART_SCRIPT "the chart's gnuplot script"
#define VALUE_LABEL_GAP 2.0
#define BAR_FRACTION 0.65
#define MAX_BAR_FRACTION 0.2
#define MIN_SLOT_PT 12.0
#define LINE_PT 2.0
#define DOT_PT 5.2             /* diameter of a point standing alone */
#define END_LABEL_GAP 5.0
#define MAX_END_LABELS_SHARE 0.3
#define BAND_ROWS 3
#define BAND_GAP 3.0           /* between the marker labels and the plot; a label starts this far right of its line */
#define BAND_LABEL_SPACE 6.0   /* at least this between marker labels in one row */
#define SAMPLE_PT 16.0         /* a line sample beside a series name */
#define SAMPLE_GAP 4.0
#define KEY_ITEM_GAP 14.0
#define KEY_LINE 1.2           /* key rows, in line heights */
#define TICK_MARK_PT 4.0
#define X_LABEL_SPACE 6.0      /* the x labels' line and the gap above it, beyond a line height */
#define MAX_BAND_LABELS 64
#define X_LABEL_GAP 10.0
#define MAX_SERIES PALETTE_SIZE
#define INTERVAL_DOT_PT 8.0
#define WHISKER_PT 1.5
#define CAP_PT 7.0
#define MAX_GROUP_SHARE 0.35
#define COLUMN_GAP 10.0
#define MAX_ROW_PT 36.0
#define MIN_ROW_PT 12.0
#define X_TICK_SPACING_PT 55.0
#define NUMBERS_HEADER "Estimate (interval)"
#define NO_INTERVAL_NOTE "a dot without a line has no interval (it could not be calculated)"

/* A dash pattern in points, dash and gap as drawn; no dashes is solid. */
typedef struct gp_dash {
    size_t n;
    double pt[6];
} gp_dash;

/* Series: solid, dashed, dotted, dash-dot, long dash, dash-dot-dot; what
 * the cairo line chart's patterns look like with its round caps. */
static const gp_dash series_dash[MAX_SERIES] = {
    {0, {0}}, {2, {8, 1}}, {2, {2, 1.5}}, {4, {9, 1, 2, 1}}, {2, {14, 2}}, {6, {9, 1, 2, 1, 2, 1}},
};
static const gp_dash marker_dash = {2, {4, 3}}, reference_dash = {2, {5, 3}};

/* A chart being turned into a script. */
typedef struct gp_chart {
    GString *s;                 /* the script after the terminal and output lines */
    rk_frame_format format;
    double width_mm, height_mm;
    double page_w, page_h;      /* points */
    PangoContext *pango;
    rk_frame_texts texts;
    double top, bottom;         /* the room between headings and footers, points from the top */
} gp_chart;

/* ---- script pieces ------------------------------------------------------- */

/* A coordinate or size: plain decimals whatever the locale. */
static void put_num(GString *s, double v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(s, g_ascii_formatd(buf, sizeof buf, "%.10g", v));
}

static void put_colour(GString *s, uint32_t rgb)
{
    g_string_append_printf(s, " rgb '#%06X'", (unsigned)rgb);
}

static void put_font(gp_chart *c, double size, bool bold)
{
    g_string_append_printf(c->s, " font '%s%s,", c->format == FORMAT_SVG ? SVG_FONT : FONT_FAMILY,
                           bold ? ":Bold" : "");
    put_num(c->s, size);
    g_string_append_c(c->s, '\'');
}

/* A gnuplot position: x and y each in a coordinate system of gnuplot's
 * ("first" for data, "graph" for the plot area, "screen" for the page,
 * each from 0 to 1 with y upwards). */
typedef struct gp_pos {
    const char *x_system;
    double x;
    const char *y_system;
    double y;
} gp_pos;

/* A point on the page, x and y in points from its top-left corner. */
static gp_pos page_pos(const gp_chart *c, double x, double y)
{
    return (gp_pos){"screen", x / c->page_w, "screen", 1 - y / c->page_h};
}

static void put_pos(GString *s, gp_pos p)
{
    g_string_append_printf(s, "%s ", p.x_system);
    put_num(s, p.x);
    g_string_append_printf(s, ", %s ", p.y_system);
    put_num(s, p.y);
}

/* A label at `at`, raised by rise points (lowered if negative); gnuplot
 * centres a label's (first) line on its position. */
static void put_label(gp_chart *c, const char *text, gp_pos at, double rise, const char *align, double size,
                      bool bold, uint32_t colour)
{
    g_string_append(c->s, "set label ");
    rk_gnuplot_put_text(c->s, text);
    g_string_append(c->s, " at ");
    put_pos(c->s, at);
    if (rise != 0) {
        g_string_append(c->s, " offset screen 0, ");
        put_num(c->s, rise / c->page_h);
    }
    g_string_append_printf(c->s, " %s", align);
    put_font(c, size, bold);
    g_string_append(c->s, " textcolor");
    put_colour(c->s, colour);
    g_string_append(c->s, " front\n");
}

/* One line of text on the page, its middle at y. */
static void put_line_of_text(gp_chart *c, const char *text, double x, double y, const char *align, double size,
                             bool bold, uint32_t colour)
{
    put_label(c, text, page_pos(c, x, y), 0, align, size, bold, colour);
}

/* A wrapped pango layout with its top-left corner at (x, y), one label per
 * line, each where pango put it. */
static void put_layout(gp_chart *c, PangoLayout *layout, double x, double y, double size, bool bold,
                       uint32_t colour)
{
    const char *text = pango_layout_get_text(layout);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        char *piece = g_strchomp(g_strndup(text + line->start_index, (gsize)line->length));
        put_line_of_text(c, piece, x + (double)r.x / PANGO_SCALE, y + (r.y + r.height / 2.0) / PANGO_SCALE, "left",
                         size, bold, colour);
        g_free(piece);
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
}

/* Makes and places the headings and footers; sets c->top and c->bottom. */
static void make_texts(gp_chart *c, const char *title, const char *subtitle, const char *y_title,
                       const char *x_title, const char *note, const char *source)
{
    rk_frame_make_texts(c->pango, &c->texts, c->page_w, title, subtitle, y_title, x_title, note, source);
    rk_frame_stack_texts(&c->texts, c->page_h, &c->top, &c->bottom);
}

/* The headings and footers, where rk_frame_draw_texts puts them. */
static void put_texts(gp_chart *c, double plot_left, double plot_right)
{
    const rk_frame_texts *t = &c->texts;
    put_layout(c, t->title, PAGE_MARGIN, PAGE_MARGIN, TITLE_PT, true, COLOUR_TEXT);
    if (t->subtitle)
        put_layout(c, t->subtitle, PAGE_MARGIN, t->subtitle_y, BODY_PT, false, COLOUR_SUBTITLE);
    if (t->y_title)
        put_layout(c, t->y_title, PAGE_MARGIN, t->y_title_y, BODY_PT, false, COLOUR_TEXT);
    if (t->x_title) {
        double w = rk_frame_text_width(t->x_title);
        double x = fmax(PAGE_MARGIN, fmin((plot_left + plot_right - w) / 2, c->page_w - PAGE_MARGIN - w));
        put_layout(c, t->x_title, x, t->x_title_y, BODY_PT, false, COLOUR_TEXT);
    }
    if (t->note)
        put_layout(c, t->note, PAGE_MARGIN, t->note_y, FOOTER_PT, false, COLOUR_SECONDARY);
    if (t->source)
        put_layout(c, t->source, PAGE_MARGIN, t->source_y, FOOTER_PT, false, COLOUR_SECONDARY);
}

/* The plot area, in points from the top-left corner. */
static void put_plot_area(gp_chart *c, double left, double right, double top, double bottom)
{
    g_string_append(c->s, "set lmargin at screen ");
    put_num(c->s, left / c->page_w);
    g_string_append(c->s, "\nset rmargin at screen ");
    put_num(c->s, right / c->page_w);
    g_string_append(c->s, "\nset tmargin at screen ");
    put_num(c->s, 1 - top / c->page_h);
    g_string_append(c->s, "\nset bmargin at screen ");
    put_num(c->s, 1 - bottom / c->page_h);
    g_string_append_c(c->s, '\n');
}

/* `set <axis>range [lo:hi]`. */
static void put_range(gp_chart *c, const char *axis, double lo, double hi)
{
    g_string_append_printf(c->s, "set %srange [", axis);
    put_num(c->s, lo);
    g_string_append_c(c->s, ':');
    put_num(c->s, hi);
    g_string_append(c->s, "]\n");
}

/* Closes a `set [xy]tics (...)` list: no tick marks, labels in the house text colour. */
static void end_tics(gp_chart *c, double size)
{
    g_string_append(c->s, ") scale 0 nomirror");
    put_font(c, size, false);
    g_string_append(c->s, " textcolor");
    put_colour(c->s, COLOUR_TEXT);
    g_string_append_c(c->s, '\n');
}

/* The value axis: rapkit's ticks with their labels written out, gridlines
 * at each, and the axis range from the first tick to the last. */
static void put_value_axis(gp_chart *c, const char *axis, rk_frame_ticks t)
{
    g_string_append_printf(c->s, "set %stics (", axis);
    char buf[NUMBER_CAP];
    for (long i = t.first; i <= t.last; i++) {
        double v = rk_frame_tick_value(t, i);
        rk_frame_format_number(buf, v, t.decimals);
        if (i > t.first)
            g_string_append(c->s, ", ");
        rk_gnuplot_put_text(c->s, buf);
        g_string_append_c(c->s, ' ');
        put_num(c->s, v);
    }
    end_tics(c, BODY_PT);
    g_string_append_printf(c->s, "set grid %stics linetype 1 linewidth ", axis);
    put_num(c->s, GRID_LINE_PT);
    g_string_append(c->s, " linecolor");
    put_colour(c->s, COLOUR_GRID);
    g_string_append_c(c->s, '\n');
    put_range(c, axis, rk_frame_tick_value(t, t.first), rk_frame_tick_value(t, t.last));
}

/* `dashtype`: solid, or the pattern in units of the line's width. */
static void put_dash(GString *s, const gp_dash *dash, double width)
{
    g_string_append(s, " dashtype ");
    if (!dash || dash->n == 0) {
        g_string_append(s, "solid");
        return;
    }
    for (size_t i = 0; i < dash->n; i++) {
        g_string_append_c(s, i ? ',' : '(');
        put_num(s, dash->pt[i] / width);
    }
    g_string_append_c(s, ')');
}

/* A straight line, dashed if dash is not NULL. */
static void put_line(gp_chart *c, gp_pos from, gp_pos to, double width, uint32_t colour, const gp_dash *dash,
                     bool front)
{
    g_string_append(c->s, "set arrow from ");
    put_pos(c->s, from);
    g_string_append(c->s, " to ");
    put_pos(c->s, to);
    g_string_append(c->s, " nohead linewidth ");
    put_num(c->s, width);
    g_string_append(c->s, " linecolor");
    put_colour(c->s, colour);
    put_dash(c->s, dash, width);
    g_string_append(c->s, front ? " front\n" : " back\n");
}

/* ---- the terminal, the run and the finished file ------------------------- */

static GString *script_head(const gp_chart *c, const char *output)
{
    GString *s = g_string_new("set encoding utf8\n");
    if (c->format == FORMAT_PNG) {
        g_string_append_printf(s, "set terminal pngcairo size %ld,%ld font '%s,12' fontscale ",
                               lround(c->width_mm / MM_PER_INCH * PNG_DPI),
                               lround(c->height_mm / MM_PER_INCH * PNG_DPI), FONT_FAMILY);
        put_num(s, PNG_FONT_SCALE);
        g_string_append(s, " linewidth ");
        put_num(s, PNG_LINE_SCALE);
        g_string_append(s, " dashlength ");
        put_num(s, PNG_DASH_SCALE);
    } else if (c->format == FORMAT_PDF) {
        g_string_append(s, "set terminal pdfcairo size ");
        put_num(s, c->width_mm / MM_PER_INCH);
        g_string_append(s, "in,");
        put_num(s, c->height_mm / MM_PER_INCH);
        g_string_append_printf(s, "in font '%s,12' fontscale ", FONT_FAMILY);
        put_num(s, PDF_FONT_SCALE);
        g_string_append(s, " linewidth ");
        put_num(s, PDF_LINE_SCALE);
        g_string_append(s, " dashlength ");
        put_num(s, PDF_DASH_SCALE);
    } else {
        g_string_append_printf(s, "set terminal svg size %ld,%ld fixed font '%s,12' linewidth 1 dashlength ",
                               lround(c->page_w), lround(c->page_h), SVG_FONT);
        put_num(s, SVG_DASH_SCALE);
    }
    g_string_append(s, " butt noenhanced background");
    put_colour(s, COLOUR_BACKGROUND);
    g_string_append(s, "\nset output ");
    rk_gnuplot_put_text(s, output);
    g_string_append(s, "\nunset key\nset border 0\nset tics scale 0 nomirror\nunset xtics\nunset ytics\n"
                       "set style fill solid 1.0 noborder\n");
    return s;
}

/* A PDF text string: UTF-16BE in hex, with its byte order mark. */
static void put_pdf_text(GString *pdf, const char *text)
{
    glong n = 0;
    gunichar2 *units = g_utf8_to_utf16(text ? text : "", -1, NULL, &n, NULL);
    g_string_append(pdf, "<FEFF");
    for (glong i = 0; units && i < n; i++)
        g_string_append_printf(pdf, "%04X", (unsigned)units[i]);
    g_string_append_c(pdf, '>');
    g_free(units);
}

/* The last occurrence of needle in the (binary) file, or NULL. */
static const char *last_in(const GString *file, const char *needle)
{
    size_t n = strlen(needle);
    for (gsize at = file->len >= n ? file->len - n + 1 : 0; at-- > 0;)
        if (memcmp(file->str + at, needle, n) == 0)
            return file->str + at;
    return NULL;
}

/* The 14 digits of a PDF date (YYYYMMDDHHmmSS) from the stamp's run time,
 * "YYYY-MM-DDTHH:MM:SSZ" (UTC); false when there is none. */
static bool run_time_digits(const rk_chart_stamp *stamp, char digits[15])
{
    const char *iso = stamp && stamp->run ? stamp->run->run_time : "";
    if (strlen(iso) != RK_STAMP_TIME_SIZE - 1 || iso[RK_STAMP_TIME_SIZE - 2] != 'Z')
        return false;
    size_t n = 0;
    for (const char *p = iso; *p && n < 14; p++)
        if (*p >= '0' && *p <= '9')
            digits[n++] = *p;
    digits[n] = '\0';
    return n == 14;
}

/* cairo 1.16 dates its own information dictionary by the clock. The update
 * supersedes that dictionary but its bytes stay in the file, so its dates
 * are overwritten in place, at the same length (a local offset becomes
 * +00'00), and a run at a fixed time writes the same file every time. */
static void redate_cairo_info(GString *pdf, const char digits[15])
{
    static const char *const keys[] = {"/CreationDate (D:", "/ModDate (D:"};
    for (size_t k = 0; k < 2; k++) {
        const char *found = last_in(pdf, keys[k]);
        if (!found)
            continue;
        char *at = pdf->str + (found - pdf->str) + strlen(keys[k]);
        size_t room = pdf->len - (size_t)(at - pdf->str);
        if (room < 14 + 7 || strspn(at, "0123456789") < 14)
            continue;
        memcpy(at, digits, 14);
        at += 14;
        if ((at[0] == '+' || at[0] == '-') && g_ascii_isdigit(at[1]) && g_ascii_isdigit(at[2]) && at[3] == '\'' &&
            g_ascii_isdigit(at[4]) && g_ascii_isdigit(at[5]))
            memcpy(at, "+00'00", 6);
    }
}

/* Gives the PDF a document information dictionary by an incremental
 * update: a new object, a cross-reference section for it and a trailer
 * pointing back at cairo's. It holds what cairo's own PDFs hold: the title,
 * the alt text as subject, the stamp as keywords and the run time as the
 * creation and modification dates. False if the file's end is not the
 * classic trailer cairo writes. */
static bool add_pdf_info(GString *pdf, const rk_frame_page *page, const char *stamp_json)
{
    const char *trailer = last_in(pdf, "trailer");
    const char *startxref = last_in(pdf, "startxref");
    const char *size = trailer ? strstr(trailer, "/Size") : NULL;
    const char *root = trailer ? strstr(trailer, "/Root") : NULL;
    if (!startxref || !size || !root)
        return false;
    long prev = strtol(startxref + strlen("startxref"), NULL, 10);
    long objects = strtol(size + strlen("/Size"), NULL, 10);
    char *root_end = NULL;
    long root_num = strtol(root + strlen("/Root"), &root_end, 10);
    long root_gen = strtol(root_end, NULL, 10);
    if (prev <= 0 || objects <= 0 || root_num <= 0)
        return false;
    char digits[15];
    bool dated = stamp_json && run_time_digits(page->stamp, digits);
    if (dated)
        redate_cairo_info(pdf, digits);
    if (pdf->str[pdf->len - 1] != '\n')
        g_string_append_c(pdf, '\n');
    gsize info_at = pdf->len;
    g_string_append_printf(pdf, "%ld 0 obj\n<< /Title ", objects);
    put_pdf_text(pdf, page->title);
    g_string_append(pdf, " /Subject ");
    put_pdf_text(pdf, page->alt_text);
    if (stamp_json) {
        g_string_append(pdf, " /Keywords ");
        put_pdf_text(pdf, stamp_json);
    }
    if (dated)
        g_string_append_printf(pdf, " /CreationDate (D:%sZ) /ModDate (D:%sZ)", digits, digits);
    g_string_append(pdf, " /Creator (rapkit " RK_VERSION ") /Producer (gnuplot) >>\nendobj\n");
    gsize xref_at = pdf->len;
    g_string_append_printf(pdf,
                           "xref\n%ld 1\n%010lu 00000 n \ntrailer\n<< /Size %ld /Root %ld %ld R /Info %ld 0 R "
                           "/Prev %ld >>\nstartxref\n%lu\n%%%%EOF\n",
                           objects, (unsigned long)info_at, objects + 1, root_num, root_gen, objects, prev,
                           (unsigned long)xref_at);
    return true;
}

/* Sets attribute `name` of the <svg> element to `value`, if it has it. */
static void set_svg_attribute(GString *svg, const char *name, const char *value)
{
    const char *open = strstr(svg->str, "<svg");
    const char *close = open ? strchr(open, '>') : NULL;
    char *key = g_strdup_printf(" %s=\"", name);
    const char *at = open ? strstr(open, key) : NULL;
    const char *end = at ? strchr(at + strlen(key), '"') : NULL;
    if (at && end && end < close) {
        gssize from = at - svg->str + (gssize)strlen(key);
        g_string_erase(svg, from, end - svg->str - from);
        g_string_insert(svg, from, value);
    }
    g_free(key);
}

/* The svg terminal's own title and description give way to the chart's;
 * its size becomes points (the chart's unit), and a bold font, which it
 * writes as the family "name:Bold" when text is not enhanced, a weight. */
static void finish_svg(GString *svg, const rk_frame_page *page, const char *stamp_json, double page_w,
                       double page_h)
{
    static const char *const own[][2] = {{"<title>Gnuplot</title>", NULL}, {"<desc>Produced by", "</desc>"}};
    for (size_t k = 0; k < 2; k++) {
        const char *at = strstr(svg->str, own[k][0]);
        const char *end = at && own[k][1] ? strstr(at, own[k][1]) : NULL;
        if (at && (!own[k][1] || end))
            g_string_erase(svg, at - svg->str, (end ? end + strlen(own[k][1]) : at + strlen(own[k][0])) - at);
    }
    char size[G_ASCII_DTOSTR_BUF_SIZE + 2];
    g_ascii_formatd(size, sizeof size - 2, "%.3f", page_w);
    set_svg_attribute(svg, "width", strcat(size, "pt"));
    g_ascii_formatd(size, sizeof size - 2, "%.3f", page_h);
    set_svg_attribute(svg, "height", strcat(size, "pt"));
    static const char bold_family[] = "font-family=\"" SVG_FONT ":Bold\"";
    for (char *at; (at = strstr(svg->str, bold_family));) {
        gssize pos = at - svg->str;
        g_string_erase(svg, pos, (gssize)strlen(bold_family));
        g_string_insert(svg, pos, "font-family=\"" SVG_FONT "\" font-weight=\"bold\"");
    }
    rk_frame_insert_svg_alt(svg, page, stamp_json);
}

/* What gnuplot wrote to temp_path, finished as the file header describes. */
static rk_status finish_output(const gp_chart *c, const char *temp_path, const char *path, const rk_frame_page *page,
                               rk_error *err)
{
    gchar *bytes = NULL;
    gsize len = 0;
    if (!g_file_get_contents(temp_path, &bytes, &len, NULL))
        return rk_error_set(err, RK_EIO, "cannot read what gnuplot wrote for %s", path);
    GString *file = g_string_new_len(bytes, (gssize)len);
    g_free(bytes);
    char *stamp_json = page->stamp ? rk_chart_stamp_json(page->stamp, false) : NULL;
    rk_status st = RK_OK;
    if (len == 0) {
        st = rk_error_set(err, RK_EIO, "gnuplot wrote nothing for %s", path);
    } else if (c->format == FORMAT_PNG) {
        if (len < PNG_IHDR_END || memcmp(file->str + 12, "IHDR", 4) != 0) {
            st = rk_error_set(err, RK_EIO, "gnuplot wrote no PNG image for %s", path);
        } else {
            /* After IHDR: the density, then the title, alt text and stamp. */
            unsigned char chunk[PNG_DENSITY_CHUNK];
            rk_frame_png_density_chunk(chunk);
            GString *chunks = g_string_new_len((const char *)chunk, sizeof chunk);
            rk_frame_png_text_chunks(chunks, page->title, page->alt_text, stamp_json);
            g_string_insert_len(file, PNG_IHDR_END, chunks->str, (gssize)chunks->len);
            g_string_free(chunks, TRUE);
        }
    } else if (c->format == FORMAT_SVG) {
        finish_svg(file, page, stamp_json, c->page_w, c->page_h);
    } else if (!add_pdf_info(file, page, stamp_json)) {
        st = rk_error_set(err, RK_EIO, "gnuplot wrote no complete PDF for %s", path);
    }
    if (st == RK_OK) {
        FILE *fp = fopen(temp_path, "wbe");
        bool ok = fp && fwrite(file->str, 1, file->len, fp) == file->len;
        if (fp && fclose(fp) != 0)
            ok = false;
        if (!ok)
            st = rk_error_set(err, RK_EIO, "cannot write %s", path);
    }
    g_string_free(file, TRUE);
    free(stamp_json);
    return st;
}

/* Runs the chart's script with gnuplot writing a temporary file beside
 * path, finishes that file and renames it into place. */
static rk_status render(gp_chart *c, const char *path, const char *title, const char *alt,
                        const rk_chart_stamp *stamp, const rk_gnuplot_options *opts, rk_error *err)
{
    rk_outfile out;
    rk_status st = rk_outfile_open(&out, path, err);
    if (st != RK_OK)
        return st;
    fclose(out.fp); /* gnuplot writes the file itself */
    out.fp = NULL;
    GString *script = script_head(c, out.temp_path);
    g_string_append_len(script, c->s->str, (gssize)c->s->len);
    g_string_append(script, "unset output\n");
    rk_gnuplot_source source = {CHART_SCRIPT, 1, false};
    st = rk_gnuplot_run(script->str, script->len, &source, opts, NULL, err);
    g_string_free(script, TRUE);
    rk_frame_page page = {c->width_mm, c->height_mm, title, alt, stamp};
    if (st == RK_OK)
        st = finish_output(c, out.temp_path, path, &page, err);
    if (st != RK_OK) {
        rk_outfile_abort(&out);
        return st;
    }
    st = rk_outfile_commit(&out, err);
    if (st == RK_OK && stamp)
        st = rk_frame_write_stamp(path, stamp, err);
    return st;
}

static rk_status chart_open(gp_chart *c, const char *path, double width_mm, double height_mm, rk_error *err)
{
    rk_frame_start start;
    rk_status st = rk_frame_start_save(path, width_mm, height_mm, &start, err);
    if (st != RK_OK)
        return st;
    *c = (gp_chart){.s = g_string_new(NULL), .format = start.format, .width_mm = start.width_mm,
                    .height_mm = start.height_mm, .page_w = start.page_w, .page_h = start.page_h,
                    .pango = rk_frame_pango_context()};
    return RK_OK;
}

static void chart_close(gp_chart *c)
{
    if (c->s)
        g_string_free(c->s, TRUE);
    rk_frame_free_texts(&c->texts);
    if (c->pango)
        g_object_unref(c->pango);
}

/* A chart type as this backend drives it. */
typedef struct gp_type {
    /* The cairo chart's checks, and that gnuplot can draw every text. */
    rk_status (*check)(const void *spec, rk_error *err);
    /* Lays the chart out on c's page and writes its script; *decimals gets
     * the places its values print with. */
    rk_status (*script)(gp_chart *c, const void *spec, const char *path, int *decimals, rk_error *err);
    char *(*alt_text)(const void *spec, int decimals);
    rk_status (*companions)(const void *spec, const char *alt, const char *path, rk_error *err);
} gp_type;

/* Checks, lays out and writes the script, runs it into path, then writes
 * the companions. */
static rk_status save_chart(const gp_type *type, const void *spec, const char *title, double width_mm,
                            double height_mm, bool companions, const rk_chart_stamp *stamp, const char *path,
                            const rk_gnuplot_options *opts, rk_error *err)
{
    gp_chart c = {0};
    rk_status st = type->check(spec, err);
    if (st == RK_OK)
        st = chart_open(&c, path, width_mm, height_mm, err);
    if (st != RK_OK)
        return st;
    int decimals = 0;
    st = type->script(&c, spec, path, &decimals, err);
    char *alt = st == RK_OK ? type->alt_text(spec, decimals) : NULL;
    if (st == RK_OK)
        st = render(&c, path, title, alt, stamp, opts, err);
    if (st == RK_OK && companions)
        st = type->companions(spec, alt, path, err);
    g_free(alt);
    chart_close(&c);
    return st;
}

/* Checks the texts every chart has for what the SVG cannot hold. */
static rk_status check_headings(const char *chart, const char *title, const char *subtitle, const char *source,
                                const char *x_title, const char *y_title, rk_error *err)
{
    const char *texts[] = {title, subtitle, source, x_title, y_title};
    static const char *const names[] = {"title", "subtitle", "source", "x axis title", "y axis title"};
    for (size_t i = 0; i < 5; i++) {
        char what[64];
        snprintf(what, sizeof what, "%s chart %s", chart, names[i]);
        rk_status st = rk_gnuplot_check_text(texts[i], what, err);
        if (st != RK_OK)
            return st;
    }
    return RK_OK;
}

static rk_status check_each(const char *chart, const char *what, const char *const *texts, size_t n, rk_error *err)
{
    for (size_t i = 0; i < n; i++) {
        char name[96];
        snprintf(name, sizeof name, "%s chart %s %zu", chart, what, i + 1);
        rk_status st = rk_gnuplot_check_text(texts[i], name, err);
        if (st != RK_OK)
            return st;
    }
    return RK_OK;
}

static rk_status no_room(const gp_chart *c, const char *path, const char *what, rk_error *err)
{
    return rk_error_set(err, RK_EARG,
                        "cannot save chart to %s: %.0f x %.0f mm leaves no room for the %s once the titles, "
                        "labels and source are placed; make it taller or shorten the text",
                        path, c->width_mm, c->height_mm, what);
}

/* The widest of the tick labels at BODY_PT. */
static double widest_tick(const gp_chart *c, rk_frame_ticks t)
{
    double widest = 0;
    char buf[NUMBER_CAP];
    for (long i = t.first; i <= t.last; i++) {
        rk_frame_format_number(buf, rk_frame_tick_value(t, i), t.decimals);
        widest = fmax(widest, rk_frame_measure(c->pango, buf, BODY_PT, NULL));
    }
    return widest;
}

static double line_height(const gp_chart *c, double size)
{
    double h = 0;
    rk_frame_measure(c->pango, "Ag", size, &h);
    return h;
}

/* ---- bar charts ---------------------------------------------------------- */

static bool bar_missing(const rk_bar_spec *spec, size_t i)
{
    return spec->missing && spec->missing[i];
}

static const char *bar_marker(const rk_bar_spec *spec, size_t i)
{
    return spec->suppressed && spec->suppressed[i] ? SUPPRESSED_MARKER : MISSING_MARKER;
}

static const char *category(const rk_bar_spec *spec, size_t i)
{
    return spec->labels[i] ? spec->labels[i] : "(missing)";
}

/* Whether every word of every label fits `width` at `size`. */
static bool words_fit(const gp_chart *c, const rk_bar_spec *spec, double size, double width)
{
    for (size_t i = 0; i < spec->n; i++) {
        gchar **words = g_strsplit_set(category(spec, i), " \t\n", -1);
        bool fits = true;
        for (size_t k = 0; words[k] && fits; k++)
            fits = !words[k][0] || rk_frame_measure(c->pango, words[k], size, NULL) <= width;
        g_strfreev(words);
        if (!fits)
            return false;
    }
    return true;
}

/* A label wrapped to width at size, its lines joined by line breaks, at
 * most CATEGORY_MAX_LINES of them (the last cut with an ellipsis); *lines
 * gets how many. */
static char *wrap_label(const gp_chart *c, const char *text, double size, double width, bool break_words, int *lines)
{
    PangoLayout *layout = rk_frame_text(c->pango, text, size, false, width, PANGO_ALIGN_CENTER);
    if (break_words)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    GString *joined = g_string_new(NULL);
    int count = 0;
    for (GSList *l = pango_layout_get_lines_readonly(layout); l; l = l->next, count++) {
        const PangoLayoutLine *line = l->data;
        if (count == CATEGORY_MAX_LINES) {
            g_string_append(joined, "\xE2\x80\xA6"); /* … */
            break;
        }
        char *piece = g_strstrip(g_strndup(text + line->start_index, (gsize)line->length));
        g_string_append_printf(joined, "%s%s", count ? "\n" : "", piece);
        g_free(piece);
    }
    g_object_unref(layout);
    *lines = count < CATEGORY_MAX_LINES ? count : CATEGORY_MAX_LINES;
    return g_string_free(joined, FALSE);
}

/* Category labels: the largest size from BODY_PT down to MIN_LABEL_PT at
 * which every word fits its slot, else the smallest with words broken. */
static double fit_categories(const gp_chart *c, const rk_bar_spec *spec, double width, bool *break_words)
{
    for (double size = BODY_PT; size >= MIN_LABEL_PT; size -= 1)
        if (words_fit(c, spec, size, width)) {
            *break_words = false;
            return size;
        }
    *break_words = true;
    return MIN_LABEL_PT;
}

static void put_bar_data(gp_chart *c, const rk_bar_spec *spec)
{
    g_string_append(c->s, "$data << EOD\n");
    for (size_t i = 0; i < spec->n; i++) {
        g_string_append_printf(c->s, "%zu ", i);
        rk_gnuplot_put_number(c->s, bar_missing(spec, i) ? NAN : spec->values[i]);
        g_string_append_c(c->s, '\n');
    }
    g_string_append(c->s, "EOD\n");
}

typedef struct gp_bar {
    const rk_bar_spec *spec;
    double lo, hi;              /* the values' range, with zero */
    int decimals;
    bool any_value, any_above;  /* a bar; a label above the zero line */
    bool any_missing_only, any_suppressed;
    rk_frame_ticks ticks;
    double plot_left, plot_right, plot_top, plot_bottom;
    double below;               /* room under the plot for labels of negative bars */
    double slot_w, label_w;     /* each category's share of the width; its label's */
    double category_pt;
    bool break_words;
} gp_bar;

static void scan_bar(gp_bar *b)
{
    const rk_bar_spec *spec = b->spec;
    for (size_t i = 0; i < spec->n; i++) {
        if (bar_missing(spec, i)) {
            b->any_above = true; /* the marker stands on the zero line */
            b->any_suppressed |= bar_marker(spec, i)[1] == 'c';
            b->any_missing_only |= bar_marker(spec, i)[1] == 'x';
            continue;
        }
        b->any_value = true;
        b->any_above |= spec->values[i] >= 0;
        b->lo = fmin(b->lo, spec->values[i]);
        b->hi = fmax(b->hi, spec->values[i]);
    }
    b->decimals = rk_frame_decimals(spec->values, spec->missing, spec->n);
}

/* The tallest category label, in points, at the size chosen for the slots. */
static double fit_category_labels(const gp_chart *c, gp_bar *b)
{
    b->label_w = b->slot_w * 0.94; /* a gap to the neighbours */
    b->category_pt = fit_categories(c, b->spec, b->label_w, &b->break_words);
    int most_lines = 1;
    for (size_t i = 0; i < b->spec->n; i++) {
        int lines;
        g_free(wrap_label(c, category(b->spec, i), b->category_pt, b->label_w, b->break_words, &lines));
        most_lines = lines > most_lines ? lines : most_lines;
    }
    return most_lines * line_height(c, b->category_pt);
}

/* The plot between the headings and the category labels. Value labels
 * stand above the bars (and hang below negative ones): room is kept for
 * them only where the axis beyond the data does not already give it. The
 * ticks depend on the plot's height and its left edge on the ticks, so a
 * few rounds settle it. */
static rk_status layout_bar(gp_chart *c, gp_bar *b, const char *path, rk_error *err)
{
    const rk_bar_spec *spec = b->spec;
    make_texts(c, spec->title, spec->subtitle, spec->y_title, spec->x_title,
               rk_frame_marker_note(b->any_missing_only, b->any_suppressed), spec->source);
    double value_h = line_height(c, BODY_PT);
    double need_top = b->any_above ? value_h + VALUE_LABEL_GAP : 0;
    double need_bottom = b->lo < 0 ? value_h + VALUE_LABEL_GAP : 0;
    double reserve_top = fmax(value_h / 2, need_top), reserve_bottom = need_bottom;
    b->ticks = rk_frame_nice_ticks(b->lo, b->hi, rk_frame_intervals_for(c->bottom - c->top - 3 * value_h));
    b->plot_right = c->page_w - PAGE_MARGIN;
    for (int round = 0; round < 3; round++) {
        b->plot_left = PAGE_MARGIN + widest_tick(c, b->ticks) + TICK_LABEL_GAP;
        b->slot_w = (b->plot_right - b->plot_left) / (double)spec->n;
        if (b->slot_w < MIN_SLOT_PT)
            return rk_error_set(err, RK_EARG,
                                "cannot save chart to %s: %zu bars do not fit in %.0f mm (at most %d); make it wider",
                                path, spec->n, c->width_mm, (int)((b->plot_right - b->plot_left) / MIN_SLOT_PT));
        double labels_top = c->bottom - fit_category_labels(c, b) - CATEGORY_GAP;
        b->plot_top = c->top + reserve_top;
        b->plot_bottom = labels_top - reserve_bottom;
        b->below = reserve_bottom;
        double plot_h = b->plot_bottom - b->plot_top;
        if (plot_h < MIN_PLOT_PT)
            return no_room(c, path, "bars", err);
        rk_frame_ticks t = rk_frame_nice_ticks(b->lo, b->hi, rk_frame_intervals_for(plot_h));
        double range = rk_frame_tick_value(t, t.last) - rk_frame_tick_value(t, t.first);
        reserve_top = fmax(value_h / 2, need_top - (rk_frame_tick_value(t, t.last) - b->hi) / range * plot_h);
        reserve_bottom = fmax(0, need_bottom - (b->lo - rk_frame_tick_value(t, t.first)) / range * plot_h);
        if (rk_frame_same_ticks(t, b->ticks) && round > 0)
            break;
        b->ticks = t;
    }
    return RK_OK;
}

static void bar_script(gp_chart *c, const gp_bar *b)
{
    const rk_bar_spec *spec = b->spec;
    put_bar_data(c, spec);
    put_texts(c, b->plot_left, b->plot_right);
    put_plot_area(c, b->plot_left, b->plot_right, b->plot_top, b->plot_bottom);
    put_value_axis(c, "y", b->ticks);
    put_range(c, "x", -0.5, (double)spec->n - 0.5);
    g_string_append(c->s, "set xtics (");
    for (size_t i = 0; i < spec->n; i++) {
        int lines;
        char *label = wrap_label(c, category(spec, i), b->category_pt, b->label_w, b->break_words, &lines);
        g_string_append(c->s, i ? ", " : "");
        rk_gnuplot_put_text(c->s, label);
        g_string_append_printf(c->s, " %zu", i);
        g_free(label);
    }
    end_tics(c, b->category_pt);
    if (b->below > 0) { /* below the labels of negative bars */
        g_string_append(c->s, "set xtics offset screen 0, ");
        put_num(c->s, -b->below / c->page_h);
        g_string_append_c(c->s, '\n');
    }

    /* Value labels, and the marker where a value is missing, never a bar. */
    double value_h = line_height(c, BODY_PT);
    char buf[NUMBER_CAP];
    for (size_t i = 0; i < spec->n; i++) {
        bool missing = bar_missing(spec, i);
        double v = missing ? 0 : spec->values[i];
        if (missing)
            snprintf(buf, sizeof buf, "%s", bar_marker(spec, i));
        else
            rk_frame_format_number(buf, v, b->decimals);
        put_label(c, buf, (gp_pos){"first", (double)i, "first", v}, (v < 0 ? -1 : 1) * (value_h / 2 + VALUE_LABEL_GAP),
                  "center", BODY_PT, false, missing ? COLOUR_SECONDARY : COLOUR_TEXT);
    }
    put_line(c, (gp_pos){"graph", 0, "first", 0}, (gp_pos){"graph", 1, "first", 0}, ZERO_LINE_PT, COLOUR_TEXT, NULL,
             true);
    g_string_append(c->s, "set boxwidth ");
    put_num(c->s, fmin(BAR_FRACTION, MAX_BAR_FRACTION * (double)spec->n));
    g_string_append(c->s, " absolute\n");
    if (b->any_value) {
        g_string_append(c->s, "plot $data using 1:2 with boxes linecolor");
        put_colour(c->s, COLOUR_BAR);
        g_string_append_c(c->s, '\n');
    } else {
        g_string_append(c->s, "plot NaN notitle\n");
    }
}

static rk_status bar_chart_script(gp_chart *c, const void *spec, const char *path, int *decimals, rk_error *err)
{
    gp_bar b = {.spec = spec};
    scan_bar(&b);
    *decimals = b.decimals;
    rk_status st = layout_bar(c, &b, path, err);
    if (st == RK_OK)
        bar_script(c, &b);
    return st;
}

static rk_status check_bar(const void *chart_spec, rk_error *err)
{
    const rk_bar_spec *spec = chart_spec;
    rk_status st = rk_bar_check(spec, err);
    /* The forms only rapkit draws are refused, not drawn as something else. */
    const char *form = spec->horizontal                         ? "horizontal bars"
                       : spec->n_series > 0                     ? "several series (group)"
                       : spec->palette != RK_PALETTE_CATEGORICAL ? "a focus or sequential palette"
                       : spec->no_value_labels                  ? "bars without value labels"
                                                                : NULL;
    if (st == RK_OK && form)
        st = rk_error_set(err, RK_EARG,
                          "backend \"gnuplot\" draws plain vertical bars of one series, not %s: leave out "
                          "backend = \"gnuplot\" to have rapkit draw this chart", form);
    if (st == RK_OK)
        st = check_headings("bar", spec->title, spec->subtitle, spec->source, spec->x_title, spec->y_title, err);
    if (st == RK_OK)
        st = check_each("bar", "label", spec->labels, spec->n, err);
    return st;
}

static const gp_type bar_type = {check_bar, bar_chart_script, rk_bar_alt_text, rk_bar_companions};

rk_status rk_gnuplot_bar_save(const rk_bar_spec *spec, const char *path, const rk_gnuplot_options *opts,
                              rk_error *err)
{
    if (!spec)
        return rk_error_set(err, RK_EARG, "cannot save chart: no chart given");
    return save_chart(&bar_type, spec, spec->title, spec->width_mm, spec->height_mm, spec->companions, spec->stamp, path, opts,
                      err);
}
/* ---- line charts --------------------------------------------------------- */

typedef struct gp_line {
    const rk_line_spec *spec;
    double lo, hi;                  /* the values' range (with zero unless from_data) */
    int decimals;
    bool any_missing, any_suppressed;
    rk_frame_ticks ticks;
    double plot_left, plot_right, plot_top, plot_bottom;
    double x_first, x_step;         /* points: x of position 0 and between positions */
    size_t label_every;
    bool end_labels;                /* names at the line ends; else a key above */
    double key_y;
    double band_y, band_row_h;
    int band_row[MAX_BAND_LABELS];  /* row of each marker then shade label, -1 for none */
} gp_line;

static bool point_missing(const rk_line_series *s, size_t i)
{
    return s->missing && s->missing[i];
}

static double line_x(const gp_line *l, size_t i)
{
    return l->x_first + (double)i * l->x_step;
}

static double line_y(const gp_line *l, double v)
{
    double lo = rk_frame_tick_value(l->ticks, l->ticks.first), hi = rk_frame_tick_value(l->ticks, l->ticks.last);
    return l->plot_bottom - (v - lo) / (hi - lo) * (l->plot_bottom - l->plot_top);
}

/* The range, the places values print with, and what is missing. */
static rk_status scan_line(gp_line *l, rk_error *err)
{
    const rk_line_spec *spec = l->spec;
    size_t n = spec->n_x * spec->n_series;
    double *all = calloc(n + 1, sizeof *all);
    bool *skip = calloc(n + 1, sizeof *skip);
    if (!all || !skip) {
        free(all);
        free(skip);
        return rk_error_nomem(err);
    }
    bool any_value = false;
    for (size_t s = 0, k = 0; s < spec->n_series; s++)
        for (size_t i = 0; i < spec->n_x; i++, k++) {
            const rk_line_series *ser = &spec->series[s];
            skip[k] = point_missing(ser, i);
            all[k] = skip[k] ? 0 : ser->values[i];
            l->any_missing |= skip[k];
            l->any_suppressed |= skip[k] && ser->suppressed && ser->suppressed[i];
            if (skip[k])
                continue;
            bool widen = any_value || !spec->from_data;
            l->lo = widen ? fmin(l->lo, all[k]) : all[k];
            l->hi = widen ? fmax(l->hi, all[k]) : all[k];
            any_value = true;
        }
    l->decimals = rk_frame_decimals(all, skip, n);
    free(all);
    free(skip);
    if (spec->from_data && l->hi - l->lo <= 0) { /* one value: some room either side */
        double pad = fabs(l->hi) > 0 ? fabs(l->hi) * 0.1 : 1;
        l->lo -= pad;
        l->hi += pad;
    }
    return RK_OK;
}

static const char *band_text(const rk_line_spec *spec, size_t k)
{
    return k < spec->n_markers ? spec->markers[k].label : spec->shades[k - spec->n_markers].label;
}

static double band_x(const gp_line *l, size_t k)
{
    const rk_line_spec *spec = l->spec;
    size_t at = k < spec->n_markers ? spec->markers[k].at : spec->shades[k - spec->n_markers].from;
    return line_x(l, at) + BAND_GAP;
}

/* Marker and shade labels in rows above the plot, each in the first row
 * where it overlaps none before it (at most BAND_ROWS); returns the rows used. */
static int stagger_band(const gp_chart *c, gp_line *l)
{
    const rk_line_spec *spec = l->spec;
    size_t n = spec->n_markers + spec->n_shades;
    int rows = 0;
    for (size_t k = 0; k < n; k++) {
        l->band_row[k] = -1;
        const char *text = band_text(spec, k);
        if (!text || !text[0])
            continue;
        double x = band_x(l, k), w = rk_frame_measure(c->pango, text, FOOTER_PT, NULL);
        int row = 0;
        for (bool clash = true; clash && row < BAND_ROWS - 1;) {
            clash = false;
            for (size_t j = 0; j < k && !clash; j++) {
                if (l->band_row[j] != row)
                    continue;
                double xj = band_x(l, j), wj = rk_frame_measure(c->pango, band_text(spec, j), FOOTER_PT, NULL);
                clash = x < xj + wj + BAND_LABEL_SPACE && xj < x + w + BAND_LABEL_SPACE;
            }
            row += clash;
        }
        l->band_row[k] = row;
        rows = rows > row + 1 ? rows : row + 1;
    }
    return rows;
}

static double entry_width(const gp_chart *c, const rk_line_series *s)
{
    return SAMPLE_PT + SAMPLE_GAP + rk_frame_measure(c->pango, s->name, BODY_PT, NULL);
}

static rk_status layout_line(gp_chart *c, gp_line *l, const char *path, rk_error *err)
{
    const rk_line_spec *spec = l->spec;
    char note[256] = "";
    if (l->any_missing)
        snprintf(note, sizeof note, "Note: a gap in a line is a value %s.",
                 l->any_suppressed ? "not available or withheld ([c] in the table)" : "not available");
    if (spec->from_data)
        snprintf(note + strlen(note), sizeof note - strlen(note), "%sThe value axis does not start at zero.",
                 note[0] ? " " : "Note: ");
    make_texts(c, spec->title, spec->subtitle, spec->y_title, spec->x_title, note, spec->source);
    double label_h = line_height(c, BODY_PT), top = c->top;

    double widest_entry = 0, key_w = 0;
    for (size_t s = 0; s < spec->n_series; s++) {
        widest_entry = fmax(widest_entry, entry_width(c, &spec->series[s]));
        key_w += entry_width(c, &spec->series[s]) + (s ? KEY_ITEM_GAP : 0);
    }
    double end_w = 0;
    if (spec->n_series > 1) {
        l->end_labels = widest_entry + END_LABEL_GAP <= MAX_END_LABELS_SHARE * c->page_w;
        if (l->end_labels) {
            end_w = widest_entry + END_LABEL_GAP;
        } else {
            l->key_y = top;
            top += ceil(key_w / (c->page_w - 2 * PAGE_MARGIN)) * label_h * KEY_LINE + BAND_GAP;
        }
    }
    l->band_row_h = line_height(c, FOOTER_PT);
    double widest_x = 0;
    for (size_t i = 0; i < spec->n_x; i++)
        widest_x = fmax(widest_x, rk_frame_measure(c->pango, spec->x_labels[i], BODY_PT, NULL));
    l->plot_bottom = c->bottom - label_h - X_LABEL_SPACE;

    rk_frame_ticks ticks = rk_frame_nice_ticks(l->lo, l->hi, rk_frame_intervals_for(l->plot_bottom - top));
    for (int round = 0; round < 3; round++) {
        l->ticks = ticks;
        l->plot_left = PAGE_MARGIN + widest_tick(c, ticks) + TICK_LABEL_GAP;
        l->plot_right = c->page_w - PAGE_MARGIN - end_w;
        double plot_w = l->plot_right - l->plot_left;
        double pad = fmin(widest_x / 2, plot_w * 0.08);
        if (l->end_labels)
            pad = fmin(pad, 4.0); /* the names sit close to the line ends */
        l->x_first = spec->n_x == 1 ? (l->plot_left + l->plot_right) / 2 : l->plot_left + pad;
        l->x_step = spec->n_x == 1 ? 0 : (plot_w - 2 * pad) / (double)(spec->n_x - 1);
        l->label_every = 1;
        while (l->x_step > 0 && (double)l->label_every * l->x_step < widest_x + X_LABEL_GAP)
            l->label_every++;
        int rows = stagger_band(c, l);
        l->band_y = top;
        l->plot_top = top + rows * l->band_row_h + (rows ? BAND_GAP : 0) + label_h / 2;
        if (l->plot_bottom - l->plot_top < MIN_PLOT_PT)
            return no_room(c, path, "lines", err);
        if (plot_w < MIN_PLOT_PT)
            return rk_error_set(err, RK_EARG,
                                "cannot save chart to %s: the series names leave no room for the lines; make it "
                                "wider or shorten the names",
                                path);
        rk_frame_ticks better = rk_frame_nice_ticks(l->lo, l->hi, rk_frame_intervals_for(l->plot_bottom - l->plot_top));
        if (rk_frame_same_ticks(better, ticks))
            break;
        ticks = better;
    }
    return RK_OK;
}

/* A line sample in series s's style from (x, y) rightwards, points. */
static void put_sample(gp_chart *c, size_t s, double x, double y)
{
    put_line(c, page_pos(c, x, y), page_pos(c, x + SAMPLE_PT, y), LINE_PT, rk_frame_palette[s], &series_dash[s],
             true);
}

/* Names at the line ends, pushed apart so none overlap, or a key above. */
static void put_names(gp_chart *c, const gp_line *l)
{
    const rk_line_spec *spec = l->spec;
    if (spec->n_series < 2)
        return;
    double label_h = line_height(c, BODY_PT);
    if (!l->end_labels) {
        double x = PAGE_MARGIN, y = l->key_y;
        for (size_t s = 0; s < spec->n_series; s++) {
            double w = entry_width(c, &spec->series[s]);
            if (x > PAGE_MARGIN && x + w > c->page_w - PAGE_MARGIN) {
                x = PAGE_MARGIN;
                y += label_h * KEY_LINE;
            }
            put_sample(c, s, x, y + label_h / 2);
            put_line_of_text(c, spec->series[s].name, x + SAMPLE_PT + SAMPLE_GAP, y + label_h / 2, "left", BODY_PT,
                             false, COLOUR_TEXT);
            x += w + KEY_ITEM_GAP;
        }
        return;
    }
    double y[MAX_SERIES], x[MAX_SERIES];
    size_t order[MAX_SERIES];
    for (size_t s = 0; s < spec->n_series; s++) {
        size_t at = spec->n_x;
        for (size_t i = spec->n_x; i-- > 0 && at == spec->n_x;)
            if (!point_missing(&spec->series[s], i))
                at = i;
        y[s] = at < spec->n_x ? line_y(l, spec->series[s].values[at]) : l->plot_top;
        x[s] = (at < spec->n_x ? line_x(l, at) : l->plot_right) + END_LABEL_GAP;
        order[s] = s;
        for (size_t j = s; j > 0 && y[order[j]] < y[order[j - 1]]; j--) {
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    }
    for (size_t i = 1; i < spec->n_series; i++)
        y[order[i]] = fmax(y[order[i]], y[order[i - 1]] + label_h);
    double overflow = y[order[spec->n_series - 1]] - l->plot_bottom;
    for (size_t s = 0; s < spec->n_series && overflow > 0; s++)
        y[s] -= overflow;
    for (size_t s = 0; s < spec->n_series; s++) {
        put_sample(c, s, x[s], y[s]);
        put_line_of_text(c, spec->series[s].name, x[s] + SAMPLE_PT + SAMPLE_GAP, y[s], "left", BODY_PT, false,
                         COLOUR_TEXT);
    }
}

static void put_periods_and_markers(gp_chart *c, const gp_line *l)
{
    const rk_line_spec *spec = l->spec;
    /* The x range in positions, so a period's half-steps stop at the plot's edges. */
    double x_min = spec->n_x > 1 ? (l->plot_left - l->x_first) / l->x_step : -1;
    double x_max = spec->n_x > 1 ? (l->plot_right - l->x_first) / l->x_step : 1;
    put_range(c, "x", x_min, x_max);
    for (size_t k = 0; k < spec->n_shades; k++) {
        g_string_append(c->s, "set object rectangle from ");
        put_pos(c->s, (gp_pos){"first", fmax((double)spec->shades[k].from - 0.5, x_min), "graph", 0});
        g_string_append(c->s, " to ");
        put_pos(c->s, (gp_pos){"first", fmin((double)spec->shades[k].to + 0.5, x_max), "graph", 1});
        g_string_append(c->s, " fillcolor");
        put_colour(c->s, COLOUR_SHADE);
        g_string_append(c->s, " fillstyle solid 1.0 noborder behind\n");
    }
    for (size_t k = 0; k < spec->n_markers; k++) {
        double top = l->band_row[k] >= 0 ? l->band_y + l->band_row[k] * l->band_row_h : l->plot_top;
        put_line(c, page_pos(c, line_x(l, spec->markers[k].at), top),
                 (gp_pos){"first", (double)spec->markers[k].at, "graph", 0}, 1.0, COLOUR_SUBTITLE, &marker_dash, false);
    }
    for (size_t k = 0; k < spec->n_markers + spec->n_shades; k++) {
        if (l->band_row[k] < 0)
            continue;
        const char *text = band_text(spec, k);
        double w = rk_frame_measure(c->pango, text, FOOTER_PT, NULL);
        double x = fmin(band_x(l, k), c->page_w - PAGE_MARGIN - w);
        put_line_of_text(c, text, x, l->band_y + (l->band_row[k] + 0.5) * l->band_row_h, "left", FOOTER_PT, false,
                         COLOUR_SUBTITLE);
    }
}

/* Columns: position, each series' value (NaN where missing), then each
 * series' value where it stands alone between gaps (a dot), else NaN. */
static void put_line_data(gp_chart *c, const rk_line_spec *spec)
{
    g_string_append(c->s, "$data << EOD\n");
    for (size_t i = 0; i < spec->n_x; i++) {
        g_string_append_printf(c->s, "%zu", i);
        for (size_t s = 0; s < spec->n_series; s++) {
            g_string_append_c(c->s, ' ');
            rk_gnuplot_put_number(c->s, point_missing(&spec->series[s], i) ? NAN : spec->series[s].values[i]);
        }
        for (size_t s = 0; s < spec->n_series; s++) {
            const rk_line_series *ser = &spec->series[s];
            bool alone = !point_missing(ser, i) && (i == 0 || point_missing(ser, i - 1)) &&
                         (i + 1 == spec->n_x || point_missing(ser, i + 1));
            g_string_append_c(c->s, ' ');
            rk_gnuplot_put_number(c->s, alone ? ser->values[i] : NAN);
        }
        g_string_append_c(c->s, '\n');
    }
    g_string_append(c->s, "EOD\n");
}

static void line_script(gp_chart *c, const gp_line *l)
{
    const rk_line_spec *spec = l->spec;
    put_line_data(c, spec);
    put_texts(c, l->plot_left, l->plot_right);
    put_plot_area(c, l->plot_left, l->plot_right, l->plot_top, l->plot_bottom);
    put_value_axis(c, "y", l->ticks);
    put_periods_and_markers(c, l);

    /* X labels with small ticks below the baseline. */
    g_string_append(c->s, "set xtics (");
    for (size_t i = 0; i < spec->n_x; i += l->label_every) {
        g_string_append(c->s, i ? ", " : "");
        rk_gnuplot_put_text(c->s, spec->x_labels[i]);
        g_string_append_printf(c->s, " %zu", i);
    }
    end_tics(c, BODY_PT);
    for (size_t i = 0; i < spec->n_x; i += l->label_every)
        put_line(c, (gp_pos){"first", (double)i, "graph", 0}, page_pos(c, line_x(l, i), l->plot_bottom + TICK_MARK_PT),
                 ZERO_LINE_PT, COLOUR_TEXT, NULL, true);
    /* The baseline: zero, or the lowest tick when the axis starts above it. */
    long base = l->ticks.first <= 0 && l->ticks.last >= 0 ? 0 : l->ticks.first;
    double base_v = rk_frame_tick_value(l->ticks, base);
    put_line(c, (gp_pos){"graph", 0, "first", base_v}, (gp_pos){"graph", 1, "first", base_v}, ZERO_LINE_PT,
             COLOUR_TEXT, NULL, true);
    put_names(c, l);

    /* The first series on top: plotted last. */
    g_string_append(c->s, "plot ");
    for (size_t s = spec->n_series; s-- > 0;) {
        g_string_append_printf(c->s, "$data using 1:%zu with lines linewidth ", s + 2);
        put_num(c->s, LINE_PT);
        put_dash(c->s, &series_dash[s], LINE_PT);
        g_string_append(c->s, " linecolor");
        put_colour(c->s, rk_frame_palette[s]);
        g_string_append_printf(c->s, ", $data using 1:%zu with points pointtype 7 pointsize ",
                               s + 2 + spec->n_series);
        put_num(c->s, DOT_PT / point_pt[c->format]);
        g_string_append(c->s, " linecolor");
        put_colour(c->s, rk_frame_palette[s]);
        g_string_append(c->s, s ? ", " : "\n");
    }
}

static rk_status check_line(const void *chart_spec, rk_error *err)
{
    const rk_line_spec *spec = chart_spec;
    rk_status st = rk_line_check(spec, err);
    if (st == RK_OK)
        st = check_headings("line", spec->title, spec->subtitle, spec->source, spec->x_title, spec->y_title, err);
    if (st == RK_OK)
        st = check_each("line", "x label", spec->x_labels, spec->n_x, err);
    for (size_t s = 0; s < spec->n_series && st == RK_OK; s++)
        st = check_each("line", "series name", &spec->series[s].name, 1, err);
    for (size_t k = 0; k < spec->n_markers && st == RK_OK; k++)
        st = check_each("line", "marker label", &spec->markers[k].label, 1, err);
    for (size_t k = 0; k < spec->n_shades && st == RK_OK; k++)
        st = check_each("line", "shaded period label", &spec->shades[k].label, 1, err);
    if (st == RK_OK && spec->n_markers + spec->n_shades > MAX_BAND_LABELS)
        st = rk_error_set(err, RK_EARG, "line chart has %zu markers and shaded periods: gnuplot draws at most %d",
                          spec->n_markers + spec->n_shades, MAX_BAND_LABELS);
    return st;
}

static rk_status line_chart_script(gp_chart *c, const void *spec, const char *path, int *decimals, rk_error *err)
{
    gp_line l = {.spec = spec};
    rk_status st = scan_line(&l, err);
    if (st == RK_OK)
        st = layout_line(c, &l, path, err);
    if (st == RK_OK)
        line_script(c, &l);
    *decimals = l.decimals;
    return st;
}

static const gp_type line_type = {check_line, line_chart_script, rk_line_alt_text, rk_line_companions};

rk_status rk_gnuplot_line_save(const rk_line_spec *spec, const char *path, const rk_gnuplot_options *opts,
                               rk_error *err)
{
    if (!spec)
        return rk_error_set(err, RK_EARG, "cannot save chart: no chart given");
    return save_chart(&line_type, spec, spec->title, spec->width_mm, spec->height_mm, spec->companions, spec->stamp, path, opts,
                      err);
}
/* ---- interval charts ----------------------------------------------------- */

typedef struct gp_interval {
    const rk_interval_spec *spec;
    double lo, hi;
    int decimals;
    bool any_missing_only, any_suppressed, any_no_interval, any_estimate;
    rk_frame_ticks ticks;
    double label_w, numbers_w;
    double plot_left, plot_right, plot_top, plot_bottom, row_h, header_y;
} gp_interval;

static bool row_missing(const rk_interval_spec *spec, size_t i)
{
    return spec->missing && spec->missing[i];
}

static bool row_has_interval(const rk_interval_spec *spec, size_t i)
{
    return !row_missing(spec, i) && !(spec->no_interval && spec->no_interval[i]);
}

/* The range (with zero and the reference), the places values print with,
 * and what is missing. */
static rk_status scan_interval(gp_interval *v, rk_error *err)
{
    const rk_interval_spec *spec = v->spec;
    if (!spec->no_reference)
        v->lo = v->hi = spec->reference;
    v->lo = fmin(v->lo, 0);
    v->hi = fmax(v->hi, 0);
    double *all = calloc(3 * spec->n, sizeof *all);
    bool *skip = calloc(3 * spec->n, sizeof *skip);
    if (!all || !skip) {
        free(all);
        free(skip);
        return rk_error_nomem(err);
    }
    for (size_t i = 0; i < spec->n; i++) {
        bool missing = row_missing(spec, i), interval = row_has_interval(spec, i);
        bool suppressed = missing && spec->suppressed && spec->suppressed[i];
        v->any_suppressed |= suppressed;
        v->any_missing_only |= missing && !suppressed;
        v->any_no_interval |= !missing && !interval;
        v->any_estimate |= !missing;
        const double values[3] = {spec->estimate[i], spec->lower[i], spec->upper[i]};
        for (size_t k = 0; k < 3; k++) {
            skip[3 * i + k] = k == 0 ? missing : !interval;
            all[3 * i + k] = skip[3 * i + k] ? 0 : values[k];
            if (!skip[3 * i + k]) {
                v->lo = fmin(v->lo, values[k]);
                v->hi = fmax(v->hi, values[k]);
            }
        }
    }
    v->decimals = rk_frame_decimals(all, skip, 3 * spec->n);
    free(all);
    free(skip);
    return RK_OK;
}

/* The group label, cut with an ellipsis to `width` at BODY_PT (g_free). */
static char *fitted_label(const gp_chart *c, const char *text, double width)
{
    GString *cut = g_string_new(text);
    while (cut->len > 0 && rk_frame_measure(c->pango, cut->str, BODY_PT, NULL) > width) {
        const char *last = g_utf8_find_prev_char(cut->str, cut->str + cut->len);
        g_string_truncate(cut, last ? (gsize)(last - cut->str) : 0);
        /* Drop the ellipsis added last round with the character before it. */
        char *at = g_strrstr(cut->str, "\xE2\x80\xA6");
        if (at)
            g_string_truncate(cut, (gsize)(at - cut->str));
        else if (cut->len > 0) {
            last = g_utf8_find_prev_char(cut->str, cut->str + cut->len);
            g_string_truncate(cut, last ? (gsize)(last - cut->str) : 0);
        }
        g_string_append(cut, "\xE2\x80\xA6");
    }
    return g_string_free(cut, FALSE);
}

static double interval_x(const gp_interval *v, double value)
{
    double lo = rk_frame_tick_value(v->ticks, v->ticks.first), hi = rk_frame_tick_value(v->ticks, v->ticks.last);
    return v->plot_left + (value - lo) / (hi - lo) * (v->plot_right - v->plot_left);
}

static rk_status layout_interval(gp_chart *c, gp_interval *v, const char *path, rk_error *err)
{
    const rk_interval_spec *spec = v->spec;
    char note[320] = "";
    const char *markers = rk_frame_marker_note(v->any_missing_only, v->any_suppressed);
    if (markers)
        snprintf(note, sizeof note, "%s", markers);
    if (v->any_no_interval)
        snprintf(note + strlen(note), sizeof note - strlen(note), "%s" NO_INTERVAL_NOTE, note[0] ? "; " : "Note: ");
    make_texts(c, spec->title, spec->subtitle, spec->y_title, spec->x_title, note, spec->source);
    double label_h = line_height(c, BODY_PT), small_h = line_height(c, FOOTER_PT);
    for (size_t i = 0; i < spec->n; i++)
        v->label_w = fmax(v->label_w,
                          rk_frame_measure(c->pango, spec->labels[i] ? spec->labels[i] : "(missing)", BODY_PT, NULL));
    v->label_w = fmin(v->label_w, MAX_GROUP_SHARE * c->page_w);
    v->numbers_w = rk_frame_measure(c->pango, NUMBERS_HEADER, FOOTER_PT, NULL);
    char buf[3 * NUMBER_CAP + 32];
    for (size_t i = 0; i < spec->n; i++) {
        rk_interval_numbers(spec, v->decimals, i, buf, sizeof buf);
        v->numbers_w = fmax(v->numbers_w, rk_frame_measure(c->pango, buf, BODY_PT, NULL));
    }
    v->plot_left = PAGE_MARGIN + v->label_w + COLUMN_GAP;
    v->plot_right = c->page_w - PAGE_MARGIN - v->numbers_w - COLUMN_GAP;
    double plot_w = v->plot_right - v->plot_left;
    if (plot_w < MIN_PLOT_PT * 2)
        return rk_error_set(err, RK_EARG,
                            "cannot save chart to %s: the labels and numbers leave no room for the intervals; "
                            "make it wider or shorten the labels",
                            path);
    int intervals = (int)fmin(MAX_INTERVALS, fmax(2, floor(plot_w / X_TICK_SPACING_PT)));
    v->ticks = rk_frame_nice_ticks(v->lo, v->hi, intervals);
    v->header_y = c->top;
    v->plot_top = c->top + small_h + 2;
    double bottom = c->bottom - label_h - 4;
    v->row_h = fmin((bottom - v->plot_top) / (double)spec->n, MAX_ROW_PT);
    if (v->row_h < fmax(MIN_ROW_PT, label_h * 0.9))
        return rk_error_set(err, RK_EARG, "cannot save chart to %s: %zu rows do not fit in %.0f mm; make it taller",
                            path, spec->n, c->height_mm);
    /* Rows sit together under the header; the axis and its title follow the last row. */
    v->plot_bottom = v->plot_top + v->row_h * (double)spec->n;
    if (c->texts.x_title)
        c->texts.x_title_y -= bottom - v->plot_bottom;
    return RK_OK;
}

/* Columns: row, estimate, lower, upper, and the estimate again where it
 * has an interval (gnuplot draws a stray cap for an error bar without
 * one); NaN where there is none. */
static void put_interval_data(gp_chart *c, const rk_interval_spec *spec)
{
    g_string_append(c->s, "$data << EOD\n");
    for (size_t i = 0; i < spec->n; i++) {
        g_string_append_printf(c->s, "%zu ", i);
        rk_gnuplot_put_number(c->s, row_missing(spec, i) ? NAN : spec->estimate[i]);
        g_string_append_c(c->s, ' ');
        rk_gnuplot_put_number(c->s, row_has_interval(spec, i) ? spec->lower[i] : NAN);
        g_string_append_c(c->s, ' ');
        rk_gnuplot_put_number(c->s, row_has_interval(spec, i) ? spec->upper[i] : NAN);
        g_string_append_c(c->s, ' ');
        rk_gnuplot_put_number(c->s, row_has_interval(spec, i) ? spec->estimate[i] : NAN);
        g_string_append_c(c->s, '\n');
    }
    g_string_append(c->s, "EOD\n");
}

static void interval_script(gp_chart *c, const gp_interval *v)
{
    const rk_interval_spec *spec = v->spec;
    put_interval_data(c, spec);
    put_texts(c, v->plot_left, v->plot_right);
    put_plot_area(c, v->plot_left, v->plot_right, v->plot_top, v->plot_bottom);
    put_value_axis(c, "x", v->ticks);
    put_range(c, "y", (double)spec->n - 0.5, -0.5); /* the first row at the top */
    put_line(c, (gp_pos){"first", 0, "graph", 0}, (gp_pos){"first", 0, "graph", 1}, ZERO_LINE_PT, COLOUR_TEXT,
             NULL, true);
    if (!spec->no_reference)
        put_line(c, (gp_pos){"first", spec->reference, "graph", 0}, (gp_pos){"first", spec->reference, "graph", 1},
                 1.25, COLOUR_SUBTITLE, &reference_dash, false);
    double small_h = line_height(c, FOOTER_PT);
    put_line_of_text(c, NUMBERS_HEADER, c->page_w - PAGE_MARGIN, v->header_y + small_h / 2, "right", FOOTER_PT,
                     false, COLOUR_SECONDARY);
    char buf[3 * NUMBER_CAP + 32];
    for (size_t i = 0; i < spec->n; i++) {
        char *label = fitted_label(c, spec->labels[i] ? spec->labels[i] : "(missing)", v->label_w);
        put_label(c, label, (gp_pos){"screen", PAGE_MARGIN / c->page_w, "first", (double)i}, 0, "left", BODY_PT,
                  false, spec->labels[i] ? COLOUR_TEXT : COLOUR_SECONDARY);
        g_free(label);
        bool missing = row_missing(spec, i);
        rk_interval_numbers(spec, v->decimals, i, buf, sizeof buf);
        put_label(c, buf, (gp_pos){"screen", 1 - PAGE_MARGIN / c->page_w, "first", (double)i}, 0, "right", BODY_PT,
                  false, missing ? COLOUR_SECONDARY : COLOUR_TEXT);
        if (missing) { /* the marker where the dot would be */
            double mw = rk_frame_measure(c->pango, buf, BODY_PT, NULL);
            double x = fmin(interval_x(v, spec->no_reference ? 0 : spec->reference) + 4, v->plot_right - mw);
            put_label(c, buf, (gp_pos){"screen", x / c->page_w, "first", (double)i}, 0, "left", BODY_PT, false,
                      COLOUR_SECONDARY);
        }
    }
    if (!v->any_estimate) {
        g_string_append(c->s, "plot NaN notitle\n");
        return;
    }
    /* Whiskers with caps, then each dot on a white ring so it stands out from its whisker. */
    g_string_append(c->s, "set errorbars ");
    put_num(c->s, CAP_PT / 2 / (c->page_h * 0.01));
    g_string_append(c->s, "\nplot $data using 5:1:3:4 with xerrorbars pointtype -1 linewidth ");
    put_num(c->s, WHISKER_PT);
    g_string_append(c->s, " linecolor");
    put_colour(c->s, COLOUR_BAR);
    g_string_append(c->s, ", $data using 2:1 with points pointtype 7 pointsize ");
    put_num(c->s, (INTERVAL_DOT_PT + 2) / point_pt[c->format]);
    g_string_append(c->s, " linecolor");
    put_colour(c->s, COLOUR_BACKGROUND);
    g_string_append(c->s, ", $data using 2:1 with points pointtype 7 pointsize ");
    put_num(c->s, INTERVAL_DOT_PT / point_pt[c->format]);
    g_string_append(c->s, " linecolor");
    put_colour(c->s, COLOUR_BAR);
    g_string_append_c(c->s, '\n');
}

static rk_status check_interval(const void *chart_spec, rk_error *err)
{
    const rk_interval_spec *spec = chart_spec;
    rk_status st = rk_interval_check(spec, err);
    if (st == RK_OK)
        st = check_headings("interval", spec->title, spec->subtitle, spec->source, spec->x_title, spec->y_title,
                            err);
    if (st == RK_OK)
        st = check_each("interval", "label", spec->labels, spec->n, err);
    return st;
}

static rk_status interval_chart_script(gp_chart *c, const void *spec, const char *path, int *decimals,
                                       rk_error *err)
{
    gp_interval v = {.spec = spec};
    rk_status st = scan_interval(&v, err);
    if (st == RK_OK)
        st = layout_interval(c, &v, path, err);
    if (st == RK_OK)
        interval_script(c, &v);
    *decimals = v.decimals;
    return st;
}

static const gp_type interval_type = {check_interval, interval_chart_script, rk_interval_alt_text,
                                      rk_interval_companions};

rk_status rk_gnuplot_interval_save(const rk_interval_spec *spec, const char *path,
                                   const rk_gnuplot_options *opts, rk_error *err)
{
    if (!spec)
        return rk_error_set(err, RK_EARG, "cannot save chart: no chart given");
    return save_chart(&interval_type, spec, spec->title, spec->width_mm, spec->height_mm, spec->companions, spec->stamp, path,
                      opts, err);
}