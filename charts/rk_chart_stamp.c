/* rk_chart_stamp.c: where the reproducibility stamp goes in a chart's
 * files (rk_chart.h, "Stamp"), and the names of the files beside a chart. */
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>

#include "rk_chart.h"
#include "rk_chart_frame.h"
#include "rk_outfile.h"

#ifndef RK_VERSION
#define RK_VERSION "unknown"
#endif

const char *const rk_chart_companion_suffixes[] = {".alt.txt", ".csv", ".md", ".json", NULL};

size_t rk_chart_stem_length(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    return dot ? (size_t)(dot - path) : strlen(path);
}

char *rk_frame_companion_path(const char *chart_path, const char *suffix)
{
    return g_strdup_printf("%.*s%s", (int)rk_chart_stem_length(chart_path), chart_path, suffix);
}

rk_status rk_frame_write_stamp(const char *chart_path, const rk_chart_stamp *stamp, rk_error *err)
{
    char *json = rk_chart_stamp_json(stamp, true);
    if (!json)
        return rk_error_nomem(err);
    char *path = rk_frame_companion_path(chart_path, ".json");
    rk_outfile out;
    rk_status st = rk_outfile_open(&out, path, err);
    if (st == RK_OK) {
        fputs(json, out.fp);
        st = rk_outfile_commit(&out, err);
    }
    g_free(path);
    free(json);
    return st;
}

/* ---- PNG chunks ------------------------------------------------------------ */

static void put_be32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* CRC-32 as the PNG specification defines it (ISO 3309, reflected). */
static uint32_t png_crc(const unsigned char *p, size_t n)
{
    uint32_t crc = 0xFFFFFFFFu;
    while (n--) {
        crc ^= *p++;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xFFFFFFFFu;
}

void rk_frame_png_chunk(GString *out, const char *type, const void *data, size_t len)
{
    unsigned char word[4];
    put_be32(word, (uint32_t)len);
    g_string_append_len(out, (const char *)word, 4);
    gsize start = out->len;
    g_string_append_len(out, type, 4);
    g_string_append_len(out, data, (gssize)len);
    put_be32(word, png_crc((const unsigned char *)out->str + start, 4 + len));
    g_string_append_len(out, (const char *)word, 4);
}

/* An uncompressed iTXt chunk: keyword, NUL, no compression (two zero
 * bytes), no language tag and no translated keyword (two NULs), UTF-8 text. */
static void png_itxt(GString *out, const char *keyword, const char *text)
{
    GString *data = g_string_new(keyword);
    g_string_append_len(data, "\0\0\0\0\0", 5);
    g_string_append(data, text);
    rk_frame_png_chunk(out, "iTXt", data->str, data->len);
    g_string_free(data, TRUE);
}

void rk_frame_png_text_chunks(GString *out, const char *title, const char *alt_text, const char *stamp_json)
{
    static const char software[] = "Software\0rapkit " RK_VERSION;
    rk_frame_png_chunk(out, "tEXt", software, sizeof software - 1);
    png_itxt(out, "Title", title);
    if (alt_text)
        png_itxt(out, "Description", alt_text);
    if (stamp_json)
        png_itxt(out, "rapkit-stamp", stamp_json);
}

/* ---- SVG and PDF ----------------------------------------------------------- */

char *rk_frame_svg_metadata(const char *stamp_json)
{
    if (!stamp_json)
        return g_strdup("");
    /* Character data needs only &, < and > escaped, so the JSON stays
     * readable; it holds no control characters (JSON escapes them). */
    GString *element = g_string_new("\n<metadata id=\"rapkit-stamp\">");
    for (const char *p = stamp_json; *p; p++) {
        if (*p == '&')
            g_string_append(element, "&amp;");
        else if (*p == '<')
            g_string_append(element, "&lt;");
        else if (*p == '>')
            g_string_append(element, "&gt;");
        else
            g_string_append_c(element, *p);
    }
    g_string_append(element, "</metadata>");
    return g_string_free(element, FALSE);
}

void rk_frame_pdf_stamp(cairo_surface_t *surface, const rk_chart_stamp *stamp, const char *stamp_json)
{
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "rapkit " RK_VERSION);
    if (!stamp_json)
        return;
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, stamp_json);
    /* cairo 1.16 dates a PDF by the clock: the run time makes it reproducible. */
    if (stamp->run && stamp->run->run_time[0]) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, stamp->run->run_time);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, stamp->run->run_time);
    }
}
