/* test_chart_bar.c: rk_chart_bar_save writes PNG, SVG and PDF files of the
 * right size, atomically, and refuses what it cannot draw; the horizontal,
 * grouped, stacked and 100% stacked forms draw what they should, with the
 * totals, shares, companions and alt text they claim; the palette rules
 * (four colours, 3:1 between neighbours, focus and sequential) hold.
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
#include <pango/pangocairo.h>

#include "rk_chart_frame.h"
#include "rk_test_chart.h"

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Entries in the test folder, and how many of them are hidden temporaries. */
static int count_entries(int *hidden)
{
    DIR *d = opendir(chart_test_dir);
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

/* Separate runs of pixel columns (or, across, rows) holding at least
 * `solid` pixels in a row of exactly the colour rgb: one per bar of that
 * colour (a key's swatch is a run of its own). Text is antialiased, so a
 * stray text pixel may match a grey, but never several in a row. */
static int colour_runs(cairo_surface_t *s, uint32_t rgb, bool across, int solid)
{
    cairo_surface_flush(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    int outer = across ? h : w, inner = across ? w : h;
    int runs = 0, in_run = 0;
    for (int a = 0; a < outer; a++) {
        int hit = 0, streak = 0;
        for (int b = 0; b < inner && !hit; b++) {
            int x = across ? b : a, y = across ? a : b;
            uint32_t px = *(const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride + (size_t)x * 4);
            streak = (px & 0xFFFFFFu) == rgb ? streak + 1 : 0;
            hit = streak >= solid;
        }
        if (hit && !in_run)
            runs++;
        in_run = hit;
    }
    return runs;
}

static int count_bars(cairo_surface_t *s)
{
    return colour_runs(s, 0x12436Du, false, 1);
}

/* colour_runs of a saved PNG in the test folder; -1 if it does not decode. */
static int runs_in(const char *name, uint32_t rgb, bool across)
{
    cairo_surface_t *s = load_png(in_dir(name));
    if (!s)
        return -1;
    int runs = colour_runs(s, rgb, across, 3);
    cairo_surface_destroy(s);
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

/* 2025 review: 12 beside 0.004 gave "the lowest is B (0.00)"; 1.125 printed
 * "1.12" (printf's half to even). */
static void test_value_labels_show_every_value(void)
{
    static const double small[] = {12, 0.004};
    static const char *const names[] = {"A", "B"};
    rk_bar_spec spec = {.title = "A is far above B", .n = 2, .labels = names, .values = small, .companions = true};
    rk_error err = {0};
    CHECK(rk_chart_bar_save(&spec, in_dir("small.svg"), &err) == RK_OK);
    CHECK(strstr(slurp("small.alt.txt"), " The highest is A (12.000) and the lowest is B (0.004).") != NULL);
    static const double halves[] = {1.125, 2.5};
    spec.values = halves;
    CHECK(rk_chart_bar_save(&spec, in_dir("halves.svg"), &err) == RK_OK);
    CHECK(strstr(slurp("halves.alt.txt"), " The highest is B (2.50) and the lowest is A (1.13).") != NULL);
}

/* Gives spec n bars (at most MANY_BARS) labelled "x", of 0, 1, 2, ... */
#define MANY_BARS 400
static void with_many_bars(rk_bar_spec *spec, size_t n)
{
    static const char *many_labels[MANY_BARS];
    static double many_values[MANY_BARS];
    for (size_t i = 0; i < MANY_BARS; i++) {
        many_labels[i] = "x";
        many_values[i] = (double)i;
    }
    spec->labels = many_labels;
    spec->values = many_values;
    spec->n = n;
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

    with_many_bars(&spec, 400);
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


/* ---- several series, horizontal bars, palettes --------------------------- */

#define DARK_BLUE 0x12436Du
#define TEAL 0x28A197u

static const char *const areas[] = {"North", "Central", "South"};

/* Warnings given through spec->warn, kept for the checks. */
static int warnings;
static char warning_text[2048];

static void keep_warning(void *ctx, const char *message)
{
    (void)ctx;
    warnings++;
    size_t used = strlen(warning_text);
    snprintf(warning_text + used, sizeof warning_text - used, "%s\n", message);
}

static rk_bar_spec series_spec(const rk_bar_series *series, size_t n_series, rk_bar_layout layout)
{
    rk_bar_spec spec = {
        .title = "Most people were aged 25 to 44",
        .source = "rapkit test data",
        .y_title = "People",
        .n = 3,
        .labels = areas,
        .n_series = n_series,
        .series = series,
        .layout = layout,
        .x_name = "area",
        .companions = true,
        .warn = keep_warning,
    };
    warnings = 0;
    warning_text[0] = '\0';
    return spec;
}

/* Bars of a group side by side in series order, each its own colour; a
 * missing value draws no bar; the companion has a column per series. */
static void test_grouped(void)
{
    static const double young[] = {120, 90, 40}, middle[] = {340, 300, 0};
    static const bool middle_missing[] = {false, false, true};
    rk_bar_series series[2] = {
        {.name = "Under 25", .values = young},
        {.name = "25 and over", .values = middle, .missing = middle_missing},
    };
    rk_bar_spec spec = series_spec(series, 2, RK_BAR_GROUPED);
    rk_error err = {0};
    CHECK(rk_chart_bar_save(&spec, in_dir("grouped.png"), &err) == RK_OK);
    /* Three dark blue bars and the key's swatch; two teal bars and a swatch. */
    CHECK(runs_in("grouped.png", DARK_BLUE, false) == 4);
    CHECK(runs_in("grouped.png", TEAL, false) == 3);
    CHECK_STR(slurp("grouped.csv"), "area,Under 25,25 and over\nNorth,120,340\nCentral,90,300\nSouth,40,[x]\n");
    CHECK(strstr(slurp("grouped.alt.txt"), "Grouped bar chart: Most people were aged 25 to 44. It compares People "
                                           "of 2 series (Under 25 and 25 and over) across 3 categories. Under 25 "
                                           "is highest for North (120) and lowest for South (40). 25 and over is "
                                           "highest for North (340) and lowest for Central (300). 1 value is not "
                                           "available, marked [x].") == slurp("grouped.alt.txt"));
    CHECK(warnings == 0);
}

/* A stack's total is the sum of its parts; one with a part missing shows
 * only what its parts add up to and says so, never a complete total. */
static void test_stack_totals(void)
{
    static const double a[] = {1.5, 3, 0}, b[] = {2.25, 0, 0};
    static const bool b_missing[] = {false, true, true}, a_missing[] = {false, false, true};
    static const bool b_suppressed[] = {false, true, true};
    rk_bar_series series[2] = {
        {.name = "Staff", .values = a, .missing = a_missing},
        {.name = "Officers", .values = b, .missing = b_missing, .suppressed = b_suppressed},
    };
    rk_bar_spec spec = series_spec(series, 2, RK_BAR_STACKED);
    rk_error err = {0};
    CHECK(rk_chart_bar_save(&spec, in_dir("stacked.png"), &err) == RK_OK);
    CHECK_STR(slurp("stacked.csv"), "area,Staff,Officers,total\nNorth,1.5,2.25,3.75\nCentral,3,[c],[c]\n"
                                    "South,[x],[c],[x] [c]\n");
    const char *alt = slurp("stacked.alt.txt");
    CHECK(strstr(alt, "Stacked bar chart: ") == alt);
    CHECK(strstr(alt, " The total has one value shown, North (3.75).") != NULL);
    CHECK(strstr(alt, " The total for Central is not known: a part is withheld; the parts shown add up to 3.00.") !=
          NULL);
    CHECK(strstr(alt, "1 value is not available, marked [x]. 2 values are withheld as confidential, marked [c].") !=
          NULL);
    /* Officers: North's segment and the key's swatch; Central's part is
     * withheld and draws nothing. */
    CHECK(runs_in("stacked.png", TEAL, false) == 2);
    CHECK(rk_chart_bar_save(&spec, in_dir("stacked.svg"), &err) == RK_OK);
    CHECK(rk_chart_bar_save(&spec, in_dir("stacked.pdf"), &err) == RK_OK);
}

/* Shares of each total as printed (whole, one place below 10%), and no
 * shares at all for a bar with a part missing. */
static void test_percent_shares(void)
{
    static const double a[] = {1, 1, 5}, b[] = {3, 11, 0};
    static const bool b_missing[] = {false, false, true};
    rk_bar_series series[2] = {
        {.name = "Staff", .values = a},
        {.name = "Officers", .values = b, .missing = b_missing},
    };
    rk_bar_spec spec = series_spec(series, 2, RK_BAR_PERCENT);
    spec.horizontal = true;
    rk_error err = {0};
    CHECK(rk_chart_bar_save(&spec, in_dir("percent.png"), &err) == RK_OK);
    CHECK_STR(slurp("percent.csv"), "area,Staff,Officers,Staff (%),Officers (%)\nNorth,1,3,25,75\n"
                                    "Central,1,11,8.3,92\nSouth,5,[x],[x],[x]\n");
    const char *alt = slurp("percent.alt.txt");
    CHECK(strstr(alt, "Horizontal 100% stacked bar chart: ") == alt);
    CHECK(strstr(alt, " It shows how People divide between Staff and Officers, as percentages of each category's "
                      "total, across 3 categories.") != NULL);
    CHECK(strstr(alt, " Staff's share is highest for North (25%) and lowest for Central (8.3%).") != NULL);
    CHECK(strstr(alt, " South has no shares shown: a part is not available.") != NULL);
    /* Horizontal: two dark blue segments (South draws none) and the key's swatch, as rows. */
    CHECK(runs_in("percent.png", DARK_BLUE, true) == 3);
}

/* Horizontal bars: one row of pixels per bar, long labels wrapped, and
 * too many rows for the height refused. */
static void test_horizontal(void)
{
    static const char *const forces[] = {
        "Avon and Somerset Constabulary", "Metropolitan Police Service", "West Midlands Police",
        "Greater Manchester Police", "Devon and Cornwall Police", "Other ethnic group - Any other ethnic group",
    };
    rk_bar_spec spec = sample_spec();
    spec.labels = forces;
    spec.horizontal = true;
    spec.companions = true;
    rk_error err = {0};
    CHECK(rk_chart_bar_save(&spec, in_dir("horizontal.png"), &err) == RK_OK);
    CHECK(runs_in("horizontal.png", DARK_BLUE, true) == 6);
    CHECK(runs_in("horizontal.png", DARK_BLUE, false) == 1); /* all from the same zero line */
    CHECK(strstr(slurp("horizontal.alt.txt"), "Horizontal bar chart: ") == slurp("horizontal.alt.txt"));
    CHECK(rk_chart_bar_save(&spec, in_dir("horizontal.svg"), &err) == RK_OK);
    CHECK(rk_chart_bar_save(&spec, in_dir("horizontal.pdf"), &err) == RK_OK);

    with_many_bars(&spec, 60);
    CHECK(rk_chart_bar_save(&spec, in_dir("tall.png"), &err) == RK_EARG);
    CHECK(strstr(err.message, "60 bars do not fit in 100 mm; make it taller") != NULL);
    CHECK(!file_exists(in_dir("tall.png")));
}

/* The palettes: categorical neighbours all reach 3:1, so never warn; the
 * sequential shades go from dark to light and their neighbours fall short,
 * so they warn, naming the pair; focus draws one colour and grey. */
static void test_palettes(void)
{
    for (int k = 0; k + 1 < PALETTE_SIZE; k++)
        CHECK(rk_frame_contrast(rk_frame_palette[k], rk_frame_palette[k + 1]) >= MIN_NEIGHBOUR_CONTRAST);
    CHECK(rk_frame_sequential_colour(0, 1) == 0x12436Du);
    CHECK(rk_frame_sequential_colour(1, 2) == 0x6BACE6u);
    CHECK(rk_frame_sequential_colour(1, 3) == 0x2073BCu);
    for (size_t i = 0; i + 1 < 5; i++) /* five shades, each lighter than the one before */
        CHECK(rk_frame_contrast(rk_frame_sequential_colour(i, 5), 0xFFFFFFu) >
              rk_frame_contrast(rk_frame_sequential_colour(i + 1, 5), 0xFFFFFFu));
    char hex[COLOUR_HEX_CAP];
    rk_frame_colour_hex(hex, 0x2073BCu);
    CHECK_STR(hex, "#2073BC");

    static const double v[] = {10, 20, 30};
    rk_bar_series series[6] = {{.name = "Under 25", .values = v}, {.name = "25 to 44", .values = v},
                               {.name = "45 to 64", .values = v}, {.name = "65 and over", .values = v},
                               {.name = "Not known", .values = v}, {.name = "Refused", .values = v}};
    rk_bar_spec spec = series_spec(series, 4, RK_BAR_STACKED);
    rk_error err = {0};
    CHECK(rk_chart_bar_save(&spec, in_dir("four.png"), &err) == RK_OK);
    CHECK(warnings == 0);

    spec = series_spec(series, 3, RK_BAR_STACKED);
    spec.palette = RK_PALETTE_SEQUENTIAL;
    CHECK(rk_chart_bar_save(&spec, in_dir("sequential.png"), &err) == RK_OK);
    CHECK(warnings == 2);
    CHECK(strstr(warning_text, "series 'Under 25' (#12436D) and '25 to 44' (#2073BC) are neighbours with a contrast "
                               "of 2.07:1, below the 3:1") == warning_text);
    CHECK(strstr(warning_text, "series '25 to 44' (#2073BC) and '45 to 64' (#6BACE6) are neighbours with a "
                               "contrast of 2.04:1") != NULL);
    spec = series_spec(series, 2, RK_BAR_STACKED);
    spec.palette = RK_PALETTE_SEQUENTIAL; /* two shades: the dark and the light, 4.2:1 */
    CHECK(rk_chart_bar_save(&spec, in_dir("sequential2.png"), &err) == RK_OK);
    CHECK(warnings == 0);

    /* Focus: one series in colour, the others in grey, whatever their number. */
    spec = series_spec(series, 5, RK_BAR_GROUPED);
    spec.palette = RK_PALETTE_FOCUS;
    spec.focus = "45 to 64";
    CHECK(rk_chart_bar_save(&spec, in_dir("focus.png"), &err) == RK_OK);
    CHECK(warnings == 0);
    CHECK(runs_in("focus.png", DARK_BLUE, false) == 4); /* three bars and the key's swatch */
    CHECK(runs_in("focus.png", TEAL, false) == 0);
    CHECK(strstr(slurp("focus.alt.txt"), " 45 to 64 is highlighted.") != NULL);

    /* With one series, focus names a category. */
    rk_bar_spec one = sample_spec();
    one.palette = RK_PALETTE_FOCUS;
    one.focus = "Black";
    CHECK(rk_chart_bar_save(&one, in_dir("focus-one.png"), &err) == RK_OK);
    CHECK(runs_in("focus-one.png", DARK_BLUE, false) == 1);
    CHECK(runs_in("focus-one.png", COLOUR_FOCUS_OTHER, false) == 5);
}

/* What the palette rules and the stacked layouts refuse, before any file
 * is touched. */
static void test_series_refusals(void)
{
    static const double v[] = {10, 20, 30}, negative[] = {10, -20, 30};
    rk_bar_series series[7];
    static const char *const names[7] = {"A", "B", "C", "D", "E", "F", "G"};
    for (int k = 0; k < 7; k++)
        series[k] = (rk_bar_series){.name = names[k], .values = v};
    rk_error err = {0};
    char path[512]; /* in_dir's buffer is reused by the next call */
    snprintf(path, sizeof path, "%s", in_dir("refused.png"));

    rk_bar_spec spec = series_spec(series, 5, RK_BAR_GROUPED);
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK_STR(err.message, "bar chart has 5 series, so 5 colours: more than 4 are hard to tell apart (Government "
                           "Analysis Function advice); draw small multiples or fewer groups, or set many_colours = "
                           "true to draw them anyway");
    spec.many_colours = true;
    CHECK(rk_chart_bar_save(&spec, in_dir("five.png"), &err) == RK_OK);
    spec = series_spec(series, 7, RK_BAR_GROUPED);
    spec.many_colours = true;
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK(strstr(err.message, "bar chart has 7 series: at most 6 can be drawn") == err.message);

    spec = series_spec(series, 2, RK_BAR_GROUPED);
    spec.palette = RK_PALETTE_FOCUS;
    spec.focus = "Z";
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK_STR(err.message, "bar chart focus 'Z' is not one of the series (A, B)");
    spec.focus = NULL;
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK_STR(err.message, "bar chart palette focus needs focus: the series to draw in colour");
    spec.palette = RK_PALETTE_CATEGORICAL;
    spec.focus = "A";
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK_STR(err.message, "bar chart focus 'A' is given but the palette is not focus");

    rk_bar_spec one = sample_spec();
    one.palette = RK_PALETTE_SEQUENTIAL;
    CHECK(rk_chart_bar_save(&one, path, &err) == RK_EARG);
    CHECK(strstr(err.message, "bar chart palette sequential shades several series in order") == err.message);
    one = sample_spec();
    one.layout = RK_BAR_STACKED;
    CHECK(rk_chart_bar_save(&one, path, &err) == RK_EARG);
    CHECK_STR(err.message, "bar chart layout stacked needs several series");
    one = sample_spec();
    one.palette = RK_PALETTE_FOCUS;
    one.focus = "Chinese";
    CHECK(rk_chart_bar_save(&one, path, &err) == RK_EARG);
    CHECK_STR(err.message, "bar chart focus 'Chinese' is not one of the categories");

    series[1].values = negative;
    spec = series_spec(series, 2, RK_BAR_PERCENT);
    CHECK(rk_chart_bar_save(&spec, path, &err) == RK_EARG);
    CHECK_STR(err.message, "bar chart value for 'Central' in series 'B' is -20: stacked bars need values of 0 or "
                           "more; draw grouped bars for changes");
    spec.layout = RK_BAR_GROUPED; /* grouped bars may go below zero */
    CHECK(rk_chart_bar_save(&spec, in_dir("grouped-negative.png"), &err) == RK_OK);
    CHECK(!file_exists(path));
}

int main(void)
{
    if (!chart_test_begin("rk_chart_bar"))
        return 2;
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
    test_value_labels_show_every_value();
    test_crowded_charts();
    test_invalid_specs();
    test_grouped();
    test_stack_totals();
    test_percent_shares();
    test_horizontal();
    test_palettes();
    test_series_refusals();
    return chart_test_end();
}
