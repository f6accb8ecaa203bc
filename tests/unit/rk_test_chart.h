/* rk_test_chart.h: what the chart unit tests share. Each test's files go to a
 * fresh folder under $TMPDIR (or /tmp), removed at the end unless
 * RK_KEEP_CHART_OUTPUT is set; the font caches are dropped before the summary
 * so that LeakSanitizer reports only the chart code's leaks. */
#ifndef RK_TEST_CHART_H
#define RK_TEST_CHART_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "rk_test.h"

static char chart_test_dir[256];

/* NAME inside the test's folder (a static buffer, valid until the next call). */
static inline const char *in_dir(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", chart_test_dir, name);
    return path;
}

/* The whole of a small text file in the folder, or "" if it cannot be read. */
static inline const char *slurp(const char *name)
{
    static char buf[4096];
    buf[0] = '\0';
    FILE *fp = fopen(in_dir(name), "rb");
    if (!fp)
        return buf;
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    buf[n] = '\0';
    fclose(fp);
    return buf;
}

/* The PNG NAME in the test's folder, or NULL if it cannot be read. Caller
 * destroys it. */
static inline cairo_surface_t *load_chart_png(const char *name)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(in_dir(name));
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/* Pixel (x, y) of a loaded PNG as 0xRRGGBB. */
static inline uint32_t pixel_rgb(cairo_surface_t *s, int x, int y)
{
    const unsigned char *row = cairo_image_surface_get_data(s) + (size_t)y * (size_t)cairo_image_surface_get_stride(s);
    return *(const uint32_t *)(const void *)(row + (size_t)x * 4) & 0xFFFFFFu;
}

/* Whether pixel (x, y) is ink: darker in every channel than the light
 * greys of gridlines and shading. */
static inline bool pixel_is_ink(cairo_surface_t *s, int x, int y)
{
    uint32_t rgb = pixel_rgb(s, x, y);
    return (rgb >> 16 & 0xFF) < 0xC0 && (rgb >> 8 & 0xFF) < 0xC0 && (rgb & 0xFF) < 0xC0;
}

/* In a chart PNG with a value axis on the left, the blank space in points
 * between the lowest tick label and the x label under it: in the strip left
 * of the plot (whose edge is where the gridlines start), the gap between
 * the two lowest rows of text (0 if they touch, making one row twice as
 * tall as the tick label above). -1 if the lowest text there is not an x
 * label reaching in under the tick labels (text in the last 20 pixels of
 * the strip, where tick labels, TICK_LABEL_GAP from the plot, never are),
 * or the PNG cannot be read. The chart must have no notes or source. */
static inline double gap_under_lowest_tick(const char *name)
{
    cairo_surface_t *s = load_chart_png(name);
    if (!s)
        return -1;
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int left = w;
    for (int y = 0; y < h; y++)
        for (int x = 0, run = 0; x < w; x++) {
            run = pixel_rgb(s, x, y) == 0xD9D9D9u ? run + 1 : 0; /* COLOUR_GRID, along a gridline */
            if (run == 40 && x - 39 < left)
                left = x - 39;
        }
    int strip = left - 1, bands = 0, band_top = -1, band_bottom = -1, lowest_top = -1, lowest_h = 0;
    double gap = -1;
    bool x_label = false;
    for (int y = h - 1; y >= 0 && bands < 2; y--) {
        bool ink = false;
        for (int x = 0; x < strip && !ink; x++)
            ink = pixel_is_ink(s, x, y);
        if (ink && band_bottom < 0)
            band_bottom = y;
        if (ink)
            band_top = y;
        if (!ink && band_bottom >= 0) { /* a band ends (from below) */
            bands++;
            if (bands == 1) {
                lowest_top = band_top;
                lowest_h = band_bottom - band_top + 1;
                for (int y2 = band_top; y2 <= band_bottom && !x_label; y2++)
                    for (int x = strip > 20 ? strip - 20 : 0; x < strip && !x_label; x++)
                        x_label = pixel_is_ink(s, x, y2);
            } else if (lowest_h > (band_bottom - band_top + 1) * 3 / 2) {
                gap = 0; /* taller than a line of digits: the two labels touch */
            } else {
                gap = (double)(lowest_top - band_bottom - 1) * 72.0 / 300.0;
            }
            band_bottom = -1;
        }
    }
    cairo_surface_destroy(s);
    return x_label ? gap : -1;
}

/* Makes the folder (prefix names it); false, with a message, if it cannot. */
static inline bool chart_test_begin(const char *prefix)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(chart_test_dir, sizeof chart_test_dir, "%s/%s.XXXXXX", tmp && tmp[0] ? tmp : "/tmp", prefix);
    if (!mkdtemp(chart_test_dir)) {
        perror(prefix);
        return false;
    }
    return true;
}

/* Removes (or keeps) the folder, drops the font caches, prints the summary
 * and returns the exit status. */
static inline int chart_test_end(void)
{
    if (getenv("RK_KEEP_CHART_OUTPUT")) {
        printf("charts kept in %s\n", chart_test_dir);
    } else {
        DIR *d = opendir(chart_test_dir);
        if (d) {
            for (struct dirent *e; (e = readdir(d));)
                if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                    remove(in_dir(e->d_name));
            closedir(d);
            rmdir(chart_test_dir);
        }
    }
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
    int status = rk_test_summary();
    fflush(stdout);
    return status;
}

#endif
