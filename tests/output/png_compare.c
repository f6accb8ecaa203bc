/* png_compare: compares a chart PNG with its reference image, within a
 * tolerance, so that a change in how a chart looks fails a test while
 * anti-aliasing noise does not.
 *
 *   png_compare [options] ACTUAL.png REFERENCE.png
 *   png_compare --reduce N --write OUT.png IN.png
 *
 * A pixel differs when any of its channels (red, green, blue, alpha) differs
 * by more than --threshold (0 to 255, default 32). The images match when
 * their sizes are equal and the share of differing pixels is at most
 * --tolerance (a fraction, default 0.0005, so 0.05%). --reduce N first shrinks ACTUAL by
 * N in each direction (each pixel of the result is the mean of an N x N
 * block; the last row and column average what is left), so that a reference
 * can be stored at a fraction of the chart's size; the second form writes
 * such a reduced image. --diff OUT.png writes the reference faded to grey with
 * the differing pixels in red.
 *
 * Prints one line saying how many pixels differ, and when the images do not
 * match, the box holding the differences and the parts of the image (a 4 x 4
 * grid) with the most of them. Exit 0: match (or written); 1: they differ;
 * 2: usage, or an image that cannot be read or written. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#define GRID 4 /* the "where" report divides the image into GRID x GRID parts */

typedef struct image {
    cairo_surface_t *surface; /* ARGB32, premultiplied, native byte order */
    int width, height, stride;
    unsigned char *data;
} image;

static bool image_wrap(image *img, cairo_surface_t *surface)
{
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        return false;
    }
    cairo_surface_flush(surface);
    img->surface = surface;
    img->width = cairo_image_surface_get_width(surface);
    img->height = cairo_image_surface_get_height(surface);
    img->stride = cairo_image_surface_get_stride(surface);
    img->data = cairo_image_surface_get_data(surface);
    return true;
}

static uint32_t *row_of(const image *img, int y)
{
    return (uint32_t *)(void *)(img->data + (size_t)y * (size_t)img->stride);
}

/* Loads a PNG as ARGB32 whatever its own format (RGB24, A8, ...), so that
 * every comparison reads four channels the same way. */
static bool image_load(image *img, const char *path)
{
    cairo_surface_t *png = cairo_image_surface_create_from_png(path);
    cairo_status_t st = cairo_surface_status(png);
    if (st != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "png_compare: cannot read %s: %s\n", path, cairo_status_to_string(st));
        cairo_surface_destroy(png);
        return false;
    }
    int w = cairo_image_surface_get_width(png), h = cairo_image_surface_get_height(png);
    cairo_surface_t *argb = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
    cairo_t *cr = cairo_create(argb);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    cairo_set_source_surface(cr, png, 0, 0);
    cairo_paint(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(png);
    if (!image_wrap(img, argb)) {
        fprintf(stderr, "png_compare: cannot convert %s to ARGB32\n", path);
        return false;
    }
    return true;
}

/* The image shrunk by factor: each result pixel is the rounded mean of each
 * channel over its block of the source (a partial block at the right and
 * bottom edges averages the pixels it has). */
static bool image_reduce(image *out, const image *in, int factor)
{
    int w = (in->width + factor - 1) / factor, h = (in->height + factor - 1) / factor;
    if (!image_wrap(out, cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h)))
        return false;
    for (int y = 0; y < h; y++) {
        uint32_t *dst = row_of(out, y);
        for (int x = 0; x < w; x++) {
            uint64_t sum[4] = {0, 0, 0, 0};
            uint64_t count = 0;
            for (int sy = y * factor; sy < (y + 1) * factor && sy < in->height; sy++) {
                const uint32_t *src = row_of(in, sy);
                for (int sx = x * factor; sx < (x + 1) * factor && sx < in->width; sx++) {
                    for (int c = 0; c < 4; c++)
                        sum[c] += (src[sx] >> (8 * c)) & 0xff;
                    count++;
                }
            }
            uint32_t pixel = 0;
            for (int c = 0; c < 4; c++)
                pixel |= (uint32_t)((sum[c] + count / 2) / count) << (8 * c);
            dst[x] = pixel;
        }
    }
    cairo_surface_mark_dirty(out->surface);
    return true;
}

static int channel_difference(uint32_t a, uint32_t b)
{
    int most = 0;
    for (int c = 0; c < 4; c++) {
        int d = (int)((a >> (8 * c)) & 0xff) - (int)((b >> (8 * c)) & 0xff);
        if (d < 0)
            d = -d;
        if (d > most)
            most = d;
    }
    return most;
}

typedef struct comparison {
    long differing;            /* pixels with a channel difference above the threshold */
    int largest;               /* largest channel difference anywhere */
    int x0, y0, x1, y1;        /* box holding the differing pixels (when any) */
    long in_part[GRID][GRID];  /* differing pixels per part of the image */
} comparison;

static void compare(comparison *cmp, const image *a, const image *b, int threshold)
{
    memset(cmp, 0, sizeof *cmp);
    cmp->x0 = a->width;
    cmp->y0 = a->height;
    cmp->x1 = cmp->y1 = -1;
    for (int y = 0; y < a->height; y++) {
        const uint32_t *ra = row_of(a, y), *rb = row_of(b, y);
        for (int x = 0; x < a->width; x++) {
            int d = channel_difference(ra[x], rb[x]);
            if (d > cmp->largest)
                cmp->largest = d;
            if (d <= threshold)
                continue;
            cmp->differing++;
            cmp->in_part[y * GRID / a->height][x * GRID / a->width]++;
            if (x < cmp->x0) cmp->x0 = x;
            if (y < cmp->y0) cmp->y0 = y;
            if (x > cmp->x1) cmp->x1 = x;
            if (y > cmp->y1) cmp->y1 = y;
        }
    }
}

/* The reference faded to a light grey, with the differing pixels red. */
static bool write_diff(const char *path, const image *actual, const image *reference, int threshold)
{
    image diff;
    if (!image_wrap(&diff, cairo_image_surface_create(CAIRO_FORMAT_ARGB32, reference->width,
                                                      reference->height)))
        return false;
    for (int y = 0; y < reference->height; y++) {
        const uint32_t *ra = row_of(actual, y), *rb = row_of(reference, y);
        uint32_t *out = row_of(&diff, y);
        for (int x = 0; x < reference->width; x++) {
            if (channel_difference(ra[x], rb[x]) > threshold) {
                out[x] = 0xffff0000u;
                continue;
            }
            uint32_t p = rb[x];
            unsigned grey = (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3;
            grey = 192 + grey / 4; /* 192..255: faint enough for red to stand out */
            out[x] = 0xff000000u | grey << 16 | grey << 8 | grey;
        }
    }
    cairo_surface_mark_dirty(diff.surface);
    cairo_status_t st = cairo_surface_write_to_png(diff.surface, path);
    cairo_surface_destroy(diff.surface);
    if (st != CAIRO_STATUS_SUCCESS)
        fprintf(stderr, "png_compare: cannot write %s: %s\n", path, cairo_status_to_string(st));
    return st == CAIRO_STATUS_SUCCESS;
}

/* Where the differences are: the box, then up to three parts of the image
 * holding the most differing pixels, in the actual image's pixels. */
static void report_where(const comparison *cmp, const image *compared, int factor)
{
    static const char *rows[GRID] = {"top", "upper middle", "lower middle", "bottom"};
    static const char *cols[GRID] = {"left", "centre left", "centre right", "right"};
    printf("  differing pixels lie within x %d to %d, y %d to %d%s\n", cmp->x0 * factor,
           (cmp->x1 + 1) * factor - 1, cmp->y0 * factor, (cmp->y1 + 1) * factor - 1,
           factor > 1 ? " (full-size pixels)" : "");
    bool shown[GRID][GRID] = {{false}};
    for (int k = 0; k < 3; k++) {
        int best_r = -1, best_c = -1;
        for (int r = 0; r < GRID; r++)
            for (int c = 0; c < GRID; c++)
                if (!shown[r][c] && cmp->in_part[r][c] > 0 &&
                    (best_r < 0 || cmp->in_part[r][c] > cmp->in_part[best_r][best_c])) {
                    best_r = r;
                    best_c = c;
                }
        if (best_r < 0)
            break;
        shown[best_r][best_c] = true;
        long part_pixels = (long)(compared->width / GRID) * (compared->height / GRID);
        printf("  %s %s: %ld pixels differ (%.1f%% of that part)\n", rows[best_r], cols[best_c],
               cmp->in_part[best_r][best_c],
               part_pixels > 0 ? 100.0 * (double)cmp->in_part[best_r][best_c] / (double)part_pixels : 0.0);
    }
}

static int usage(void)
{
    fprintf(stderr,
            "usage: png_compare [--threshold 0-255] [--tolerance FRACTION] [--reduce N] [--diff OUT.png]\n"
            "                   ACTUAL.png REFERENCE.png\n"
            "       png_compare --reduce N --write OUT.png IN.png\n");
    return 2;
}

static bool parse_number(const char *text, double low, double high, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end != '\0' || !(v >= low && v <= high))
        return false;
    *out = v;
    return true;
}

int main(int argc, char **argv)
{
    double threshold = 32, tolerance = 0.0005, reduce = 1;
    const char *diff_path = NULL, *write_path = NULL, *paths[2] = {NULL, NULL};
    int n_paths = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        bool takes_value = strcmp(arg, "--threshold") == 0 || strcmp(arg, "--tolerance") == 0 ||
                           strcmp(arg, "--reduce") == 0 || strcmp(arg, "--diff") == 0 ||
                           strcmp(arg, "--write") == 0;
        if (takes_value && i + 1 >= argc)
            return usage();
        if (strcmp(arg, "--threshold") == 0) {
            if (!parse_number(argv[++i], 0, 255, &threshold))
                return usage();
        } else if (strcmp(arg, "--tolerance") == 0) {
            if (!parse_number(argv[++i], 0, 1, &tolerance))
                return usage();
        } else if (strcmp(arg, "--reduce") == 0) {
            if (!parse_number(argv[++i], 1, 64, &reduce) || reduce != (int)reduce)
                return usage();
        } else if (strcmp(arg, "--diff") == 0) {
            diff_path = argv[++i];
        } else if (strcmp(arg, "--write") == 0) {
            write_path = argv[++i];
        } else if (arg[0] == '-' || n_paths == 2) {
            return usage();
        } else {
            paths[n_paths++] = arg;
        }
    }
    if (write_path ? n_paths != 1 : n_paths != 2)
        return usage();
    int factor = (int)reduce;

    image actual, compared, reference;
    if (!image_load(&actual, paths[0]))
        return 2;
    compared = actual;
    if (factor > 1) {
        if (!image_reduce(&compared, &actual, factor)) {
            fprintf(stderr, "png_compare: out of memory reducing %s\n", paths[0]);
            cairo_surface_destroy(actual.surface);
            return 2;
        }
        cairo_surface_destroy(actual.surface);
    }

    int status;
    if (write_path) {
        cairo_status_t st = cairo_surface_write_to_png(compared.surface, write_path);
        if (st != CAIRO_STATUS_SUCCESS)
            fprintf(stderr, "png_compare: cannot write %s: %s\n", write_path, cairo_status_to_string(st));
        else
            printf("%s: %d x %d\n", write_path, compared.width, compared.height);
        status = st == CAIRO_STATUS_SUCCESS ? 0 : 2;
    } else if (!image_load(&reference, paths[1])) {
        status = 2;
    } else {
        if (compared.width != reference.width || compared.height != reference.height) {
            printf("%s: %d x %d%s, but %s is %d x %d\n", paths[0], compared.width, compared.height,
                   factor > 1 ? " once reduced" : "", paths[1], reference.width, reference.height);
            status = 1;
        } else {
            comparison cmp;
            compare(&cmp, &compared, &reference, (int)threshold);
            double total = (double)compared.width * compared.height;
            double share = (double)cmp.differing / total;
            bool match = share <= tolerance;
            printf("%s %s: %ld of %.0f pixels differ (%.3f%%, tolerance %.3f%%), largest channel difference %d\n",
                   paths[0], match ? "matches" : "DIFFERS from reference", cmp.differing, total,
                   100 * share, 100 * tolerance, cmp.largest);
            if (!match)
                report_where(&cmp, &compared, factor);
            status = match ? 0 : 1;
            if (diff_path && !write_diff(diff_path, &compared, &reference, (int)threshold))
                status = 2;
        }
        cairo_surface_destroy(reference.surface);
    }
    cairo_surface_destroy(compared.surface);
    cairo_debug_reset_static_data();
    return status;
}
