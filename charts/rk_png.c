/* rk_png.c: see rk_png.h. */
#include "rk_png.h"

#include <setjmp.h>
#include <stdint.h>

#include <png.h>

typedef struct png_target {
    cairo_write_func_t write;
    void *closure;
    cairo_status_t status; /* the first failure of `write` */
} png_target;

static void write_bytes(png_structp png, png_bytep data, size_t length)
{
    png_target *t = png_get_io_ptr(png);
    cairo_status_t st = t->write(t->closure, data, (unsigned int)length);
    if (st != CAIRO_STATUS_SUCCESS) {
        t->status = st;
        png_error(png, "write failed");
    }
}

static void flush_nothing(png_structp png)
{
    (void)png;
}

/* libpng reports through longjmp; the message is not needed: the status says it. */
static void on_error(png_structp png, png_const_charp message)
{
    (void)message;
    png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp message)
{
    (void)png;
    (void)message;
}

/* Whether a uint32 keeps its lowest byte first: cairo's RGB24 pixel
 * 0x00RRGGBB is then B, G, R, unused in memory. */
static int little_endian(void)
{
    const uint32_t one = 1;
    return *(const unsigned char *)&one == 1;
}

cairo_status_t rk_png_write(cairo_surface_t *surface, cairo_write_func_t write, void *closure)
{
    cairo_surface_flush(surface);
    int width = cairo_image_surface_get_width(surface), height = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    unsigned char *pixels = cairo_image_surface_get_data(surface);
    if (!pixels || cairo_image_surface_get_format(surface) != CAIRO_FORMAT_RGB24)
        return CAIRO_STATUS_INVALID_FORMAT;

    png_target target = {write, closure, CAIRO_STATUS_SUCCESS};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!info) {
        png_destroy_write_struct(&png, NULL);
        return CAIRO_STATUS_NO_MEMORY;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return target.status != CAIRO_STATUS_SUCCESS ? target.status : CAIRO_STATUS_PNG_ERROR;
    }
    png_set_write_fn(png, &target, write_bytes, flush_nothing);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_compression_level(png, 6);
    png_write_info(png, info);
    /* Rows are 32-bit pixels: drop the unused byte, and read B, G, R in
     * that order where the lowest byte comes first. */
    if (little_endian()) {
        png_set_bgr(png);
        png_set_filler(png, 0, PNG_FILLER_AFTER);
    } else {
        png_set_filler(png, 0, PNG_FILLER_BEFORE);
    }
    for (int y = 0; y < height; y++)
        png_write_row(png, pixels + (size_t)y * (size_t)stride);
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return CAIRO_STATUS_SUCCESS;
}
