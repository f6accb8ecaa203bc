/* rk_png.h: PNG encoding of a drawn chart (internal to charts/).
 *
 * cairo's own PNG writer lets libpng try every row filter at its default
 * effort; on a chart (large flat areas of one colour) that spends about
 * three quarters of a 300 dpi save compressing, for a file no smaller.
 * This writer uses no row filter and zlib level 6: half the time, a
 * smaller file (bench/RESULTS.md, "Chart rendering").
 */
#ifndef RK_PNG_H
#define RK_PNG_H

#include <cairo.h>

/* Writes the RGB24 image surface as an 8-bit RGB PNG through `write`.
 * Returns CAIRO_STATUS_SUCCESS, the status `write` failed with, or
 * CAIRO_STATUS_NO_MEMORY / CAIRO_STATUS_PNG_ERROR. */
cairo_status_t rk_png_write(cairo_surface_t *surface, cairo_write_func_t write, void *closure);

#endif
