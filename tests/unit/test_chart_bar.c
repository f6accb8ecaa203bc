/* test_chart_bar.c: rk_chart_bar_save writes PNG, SVG and PDF files of the
 * right size, atomically, and refuses what it cannot draw.
 *
 * Standalone: exits non-zero if any check fails. Files go to a fresh folder
 * under $TMPDIR (or /tmp), removed at the end unless RK_KEEP_CHART_OUTPUT is
 * set, in which case the folder is printed so the charts can be looked at.
 */
#include "rk_chart.h"

#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

static int passed, failed;

static void check(int ok, const char *what, int line)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "test_chart_bar.c:%d: check failed: %s\n", line, what);
    }
}
#define CHECK(cond) check((cond) ? 1 : 0, #cond, __LINE__)

static char dir[256];

static const char *in_dir(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Entries in the test folder, and how many of them are hidden temporaries. */
static int count_entries(int *hidden)
{
    DIR *d = opendir(dir);
    int n = 0;
    *hidden = 0;
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        n++;
        if (e->d_name[0] == '.')
            (*hidden)++;
    }
    closedir(d);
    return n;
}

/* Reads the first `cap` bytes of a file; returns how many were read. */
static size_t read_head(const char *path, char *buf, size_t cap)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return 0;
    size_t n = fread(buf, 1, cap, fp);
    fclose(fp);
    return n;
}

/* Messages follow the project style: lower case, no full stop. */
static int message_style_ok(const rk_error *err)
{
    size_t n = strlen(err->message);
    return n > 0 && !isupper((unsigned char)err->message[0]) && err->message[n - 1] != '.';
}

static const char *const labels[] = {"Asian", "Black", "Mixed", "White", "Other ethnic group", "Not stated"};
static const double values[] = {1234, 567, 389, 12345, 845, 2100};

static rk_bar_spec sample_spec(void)
{
    rk_bar_spec spec = {
        .title = "Most stop and searches were of White people",
        .subtitle = "Number of stop and searches by self-defined ethnicity, year ending March 2025",
        .source = "data.police.uk, stop and search open data",
        .x_title = "Self-defined ethnicity",
        .y_title = "Searches",
        .n = 6,
        .labels = labels,
        .values = values,
    };
    return spec;
}

/* Loads a PNG with cairo; returns NULL (and destroys it) if it did not decode. */
static cairo_surface_t *load_png(const char *path)
{
    cairo_surface_t *s = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        return NULL;
    }
    return s;
}

/* Number of separate column runs holding pixels exactly the bar colour:
 * one per drawn bar (text and lines never use that colour). */
static int count_bars(cairo_surface_t *s)
{
    cairo_surface_flush(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    int runs = 0, in_run = 0;
    for (int x = 0; x < w; x++) {
        int has_bar = 0;
        for (int y = 0; y < h && !has_bar; y++) {
            uint32_t px = *(const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride + (size_t)x * 4);
            has_bar = (px & 0xFFFFFFu) == 0x12436Du;
        }
        if (has_bar && !in_run)
            runs++;
        in_run = has_bar;
    }
    return runs;
}

static void test_png(void)
{
    rk_bar_spec spec = sample_spec();
    rk_error err = {0};
    const char *path = in_dir("bar.png");
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_OK);
    cairo_surface_t *s = load_png(path);
    CHECK(s != NULL);
    if (s) {
        CHECK(cairo_image_surface_get_width(s) == 1890);
        CHECK(cairo_image_surface_get_height(s) == 1181);
        CHECK(count_bars(s) == 6);
        cairo_surface_destroy(s);
    }
    /* A pHYs chunk of 11,811 px per metre (300 dpi) right after IHDR, with
     * the CRC computed independently (Python zlib.crc32). */
    static const unsigned char phys[] = {0, 0, 0, 9,    'p',  'H',  'Y',  's',  0,    0, 0x2E,
                                         0x23, 0, 0, 0x2E, 0x23, 1, 0x78, 0xA5, 0x3F, 0x76};
    char head[64];
    CHECK(read_head(path, head, sizeof head) == sizeof head);
    CHECK(memcmp(head + 12, "IHDR", 4) == 0);
    CHECK(memcmp(head + 33, phys, sizeof phys) == 0);
}

static void test_png_extension_any_case(void)
{
    rk_bar_spec spec = sample_spec();
    rk_error err = {0};
    CHECK(rk_chart_bar_save(&spec, in_dir("upper.PNG"), &err) == RK_OK);
    cairo_surface_t *s = load_png(in_dir("upper.PNG"));
    CHECK(s != NULL);
    if (s)
        cairo_surface_destroy(s);
}

static void test_svg(void)
{
    rk_bar_spec spec = sample_spec();
    rk_error err = {0};
    const char *path = in_dir("bar.svg");
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_OK);
    char head[1024] = {0};
    size_t n = read_head(path, head, sizeof head - 1);
    CHECK(n > 0);
    CHECK(strncmp(head, "<?xml", 5) == 0 || strstr(head, "<svg") != NULL);
    /* Sized in points: 160 mm = 453.54 pt. */
    CHECK(strstr(head, "width=\"453.") != NULL);
}

static void test_pdf(void)
{
    rk_bar_spec spec = sample_spec();
    rk_error err = {0};
    const char *path = in_dir("bar.pdf");
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_OK);
    char head[8] = {0};
    CHECK(read_head(path, head, 5) == 5);
    CHECK(strncmp(head, "%PDF", 4) == 0);

    if (system("command -v pdfinfo >/dev/null 2>&1") != 0) {
        fprintf(stderr, "test_chart_bar: pdfinfo not found, page checks skipped\n");
        return;
    }
    char command[600];
    snprintf(command, sizeof command, "pdfinfo '%s' 2>/dev/null", path);
    FILE *p = popen(command, "r");
    CHECK(p != NULL);
    if (!p)
        return;
    int pages = -1;
    double w = 0, h = 0;
    char line[256];
    while (fgets(line, sizeof line, p)) {
        sscanf(line, "Pages: %d", &pages);
        sscanf(line, "Page size: %lf x %lf", &w, &h);
    }
    pclose(p);
    CHECK(pages == 1);
    CHECK(fabs(w - 160 / 25.4 * 72) < 0.01 && fabs(h - 100 / 25.4 * 72) < 0.01);
}

static void test_unknown_extension(void)
{
    rk_bar_spec spec = sample_spec();
    rk_error err = {0};
    int hidden, before = count_entries(&hidden);
    CHECK(rk_chart_bar_save(&spec, in_dir("bar.jpg"), &err) == RK_EARG);
    CHECK(strstr(err.message, "unknown format '.jpg' (use .png, .svg or .pdf)") != NULL);
    CHECK(message_style_ok(&err));
    CHECK(!file_exists(in_dir("bar.jpg")));
    CHECK(rk_chart_bar_save(&spec, in_dir("noextension"), &err) == RK_EARG);
    CHECK(count_entries(&hidden) == before && hidden == 0);
}

static void test_missing_directory(void)
{
    rk_bar_spec spec = sample_spec();
    rk_error err = {0};
    int hidden, before = count_entries(&hidden);
    CHECK(rk_chart_bar_save(&spec, in_dir("no/such/folder/bar.png"), &err) == RK_EIO);
    CHECK(message_style_ok(&err));
    CHECK(count_entries(&hidden) == before && hidden == 0);
}

/* The temporary is written, then the rename fails (the destination is a
 * folder): the error is RK_EIO and the temporary is gone. */
static void test_failed_commit_leaves_no_temporary(void)
{
    rk_bar_spec spec = sample_spec();
    rk_error err = {0};
    CHECK(mkdir(in_dir("taken.pdf"), 0700) == 0);
    int hidden, before = count_entries(&hidden);
    CHECK(rk_chart_bar_save(&spec, in_dir("taken.pdf"), &err) == RK_EIO);
    CHECK(message_style_ok(&err));
    CHECK(count_entries(&hidden) == before && hidden == 0);
    rmdir(in_dir("taken.pdf"));
}

static void test_missing_values(void)
{
    static const double with_gaps[] = {120, NAN, 0, 75.5};
    static const bool missing[] = {false, true, false, false};
    static const char *const names[] = {"Q1 2024-25", "Q2 2024-25", "Q3 2024-25", NULL};
    rk_bar_spec spec = {
        .title = "Referrals fell after the new process began",
        .source = "Force contact records",
        .n = 4,
        .labels = names,
        .values = with_gaps,
        .missing = missing,
    };
    rk_error err = {0};
    const char *path = in_dir("missing.png");
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_OK);
    cairo_surface_t *s = load_png(path);
    CHECK(s != NULL);
    if (s) {
        /* Two bars: the missing value and the zero draw none. */
        CHECK(count_bars(s) == 2);
        cairo_surface_destroy(s);
    }
    /* The same NaN without its missing flag is refused. */
    spec.missing = NULL;
    CHECK(rk_chart_bar_save(&spec, in_dir("nan.png"), &err) == RK_EARG);
    CHECK(strstr(err.message, "'Q2 2024-25'") != NULL);
    CHECK(message_style_ok(&err));
    CHECK(!file_exists(in_dir("nan.png")));
}

/* A small chart for a two-column page: a short title and a source fit. */
static void test_custom_size(void)
{
    static const char *const groups[] = {"Asian", "Black", "Mixed", "White", "Other", "Not stated"};
    rk_bar_spec spec = sample_spec();
    spec.title = "Searches by ethnicity";
    spec.subtitle = spec.x_title = spec.y_title = NULL;
    spec.labels = groups;
    spec.width_mm = 80;
    spec.height_mm = 60;
    rk_error err = {0};
    const char *path = in_dir("small.png");
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_OK);
    cairo_surface_t *s = load_png(path);
    CHECK(s != NULL);
    if (s) {
        CHECK(cairo_image_surface_get_width(s) == 945);
        CHECK(cairo_image_surface_get_height(s) == 709);
        CHECK(count_bars(s) == 6);
        cairo_surface_destroy(s);
    }
}

static void test_negative_and_fractional_values(void)
{
    static const double change[] = {-12.5, 3.25, 0.4, -0.75, 8};
    static const char *const names[] = {"Birmingham East", "Birmingham West", "Coventry", "Dudley", "Wolverhampton"};
    rk_bar_spec spec = {
        .title = "Change in searches per 1,000 people",
        .subtitle = "Percentage-point change, year ending March 2025 on the year before",
        .y_title = "Percentage points",
        .n = 5,
        .labels = names,
        .values = change,
    };
    rk_error err = {0};
    const char *path = in_dir("negative.png");
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_OK);
    cairo_surface_t *s = load_png(path);
    CHECK(s != NULL);
    if (s) {
        CHECK(count_bars(s) == 5);
        cairo_surface_destroy(s);
    }
}

/* Long labels wrap or shrink; far too many bars for the width are refused
 * rather than drawn on top of each other. */
static void test_crowded_charts(void)
{
    static const char *const long_names[] = {
        "Black/African/Caribbean/Black British - Caribbean",
        "Asian/Asian British - Pakistani",
        "Mixed/Multiple ethnic groups - White and Black Caribbean",
        "White - English/Welsh/Scottish/Northern Irish/British",
        "Other ethnic group - Not stated",
        "Other ethnic group - Any other ethnic group",
    };
    rk_bar_spec spec = sample_spec();
    spec.labels = long_names;
    rk_error err = {0};
    CHECK(rk_chart_bar_save(&spec, in_dir("long-labels.png"), &err) == RK_OK);

    enum { MANY = 400 };
    static const char *many_names[MANY];
    static double many_values[MANY];
    for (int i = 0; i < MANY; i++) {
        many_names[i] = "x";
        many_values[i] = i;
    }
    spec.labels = many_names;
    spec.values = many_values;
    spec.n = MANY;
    CHECK(rk_chart_bar_save(&spec, in_dir("many.png"), &err) == RK_EARG);
    CHECK(message_style_ok(&err));
    CHECK(!file_exists(in_dir("many.png")));
}

static void test_invalid_specs(void)
{
    rk_error err = {0};
    const char *path = in_dir("kept.svg");
    rk_bar_spec spec = sample_spec();
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_OK);
    char before[256] = {0}, after[256] = {0};
    read_head(path, before, sizeof before);

    spec.n = 0;
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK(strcmp(err.message, "bar chart has no bars: the data has no rows") == 0);

    spec = sample_spec();
    spec.title = NULL;
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK(message_style_ok(&err));
    spec.title = "";
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);

    spec = sample_spec();
    static const double infinite[] = {1, 2, INFINITY, 4, 5, 6};
    spec.values = infinite;
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK(strstr(err.message, "'Mixed'") != NULL);

    spec = sample_spec();
    spec.width_mm = -5;
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK(message_style_ok(&err));

    /* Too short for the titles and the source: refused, not clipped. */
    spec = sample_spec();
    spec.height_mm = 25;
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK(message_style_ok(&err));

    /* None of the failures touched the chart already there. */
    read_head(path, after, sizeof after);
    CHECK(memcmp(before, after, sizeof before) == 0);
    int hidden;
    count_entries(&hidden);
    CHECK(hidden == 0);
}

static void remove_outputs(void)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            remove(in_dir(e->d_name));
    }
    closedir(d);
    rmdir(dir);
}

/* Pango, cairo and fontconfig keep font caches for the life of the process.
 * Dropping them at exit leaves LeakSanitizer nothing to report but leaks of
 * the chart code itself (a layout never unreferenced would show up here). */
static void release_font_caches(void)
{
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/rk_chart_bar.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        perror("test_chart_bar: mkdtemp");
        return 2;
    }

    test_png();
    test_png_extension_any_case();
    test_svg();
    test_pdf();
    test_unknown_extension();
    test_missing_directory();
    test_failed_commit_leaves_no_temporary();
    test_missing_values();
    test_custom_size();
    test_negative_and_fractional_values();
    test_crowded_charts();
    test_invalid_specs();

    if (getenv("RK_KEEP_CHART_OUTPUT"))
        printf("charts kept in %s\n", dir);
    else
        remove_outputs();
    release_font_caches();
    printf("%d passed, %d failed\n", passed, failed);
    fflush(stdout); /* before LeakSanitizer's exit-time report, which may end the process */
    return failed == 0 ? 0 : 1;
}
