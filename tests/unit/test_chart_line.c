/* test_chart_line.c: line and interval charts through the C API: gaps,
 * dots, companions with "[c]", alt text, and specs that are refused.
 *
 * Files go to a fresh folder under $TMPDIR (or /tmp), removed at the end
 * unless RK_KEEP_CHART_OUTPUT is set.
 */
#include "rk_chart.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "rk_chart_frame.h"
#include "rk_test_chart.h"

/* Separate runs of pixel columns holding the exact colour rgb. */
static int colour_runs(const char *name, uint32_t rgb)
{
    cairo_surface_t *s = load_chart_png(name);
    if (!s)
        return -1;
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int runs = 0, in_run = 0;
    for (int x = 0; x < w; x++) {
        int hit = 0;
        for (int y = 0; y < h && !hit; y++)
            hit = pixel_rgb(s, x, y) == rgb;
        runs += hit && !in_run;
        in_run = hit;
    }
    cairo_surface_destroy(s);
    return runs;
}

static const char *const months[] = {"2024-01", "2024-02", "2024-03", "2024-04", "2024-05"};

/* One series, no names drawn: the only pixels of the first palette colour
 * are the line's, so a gap shows as two separate runs of columns. */
static void test_gap_is_a_gap(void)
{
    static const double values[] = {10, 0, 12, 11, 13};
    static const bool none[] = {false, false, false, false, false};
    static const bool gap[] = {false, true, false, false, false};
    rk_line_series series = {.name = "searches", .values = values, .missing = none};
    rk_line_spec spec = {.title = "Searches held steady", .n_x = 5, .x_labels = months, .n_series = 1,
                         .series = &series};
    rk_error err = {0};
    CHECK(rk_chart_line_save(&spec, in_dir("whole.png"), &err) == RK_OK);
    CHECK(colour_runs("whole.png", 0x12436Du) == 1);
    series.missing = gap; /* the 0 in slot 2 is no longer a value */
    CHECK(rk_chart_line_save(&spec, in_dir("gap.png"), &err) == RK_OK);
    CHECK(colour_runs("gap.png", 0x12436Du) == 2); /* a dot for 2024-01, a line from 2024-03 */
}

static void test_line_companions(void)
{
    static const double a[] = {10, 0, 12.5, 11, 13};
    static const double b[] = {4, 5, 0, 6, 7};
    static const bool a_missing[] = {false, true, false, false, false};
    static const bool b_missing[] = {false, false, true, false, false};
    static const bool b_suppressed[] = {false, false, true, false, false};
    rk_line_series series[2] = {
        {.name = "White", .values = a, .missing = a_missing},
        {.name = "Black", .values = b, .missing = b_missing, .suppressed = b_suppressed},
    };
    rk_line_marker marker = {.at = 1, .label = "RCRP go-live"};
    rk_line_shade shade = {.from = 3, .to = 4, .label = "Trial"};
    rk_line_spec spec = {.title = "Searches rose", .y_title = "Searches", .n_x = 5, .x_labels = months,
                         .n_series = 2, .series = series, .n_markers = 1, .markers = &marker, .n_shades = 1,
                         .shades = &shade, .x_name = "month", .companions = true};
    rk_error err = {0};
    CHECK(rk_chart_line_save(&spec, in_dir("two.svg"), &err) == RK_OK);
    CHECK_STR(slurp("two.csv"), "month,White,Black\n2024-01,10,4\n2024-02,[x],5\n2024-03,12.5,[c]\n"
                                "2024-04,11,6\n2024-05,13,7\n");
    CHECK_STR(slurp("two.alt.txt"),
              "Line chart: Searches rose. It shows Searches from 2024-01 to 2024-05 for 2 series: White and "
              "Black. White is highest at 13.0 in 2024-05 and lowest at 10.0 in 2024-01. Black is highest at 7.0 "
              "in 2024-05 and lowest at 4.0 in 2024-01. 2 points have no value and are shown as gaps. A vertical "
              "line at 2024-02 marks RCRP go-live. The period from 2024-04 to 2024-05 is shaded (Trial).\n");
    CHECK(strstr(slurp("two.md"), "| 2024-03 | 12.5 | [c] |\n") != NULL);
    CHECK(strstr(slurp("two.svg"), "<desc>Line chart: Searches rose.") != NULL);
}

static void test_interval_companions(void)
{
    static const char *const groups[] = {"Asian", "Black", "Mixed"};
    static const double est[] = {1.4, 3.5, 0}, lo[] = {1.2, 3.2, 0}, hi[] = {1.6, 3.9, 0};
    static const bool missing[] = {false, false, true}, suppressed[] = {false, false, true};
    rk_interval_spec spec = {.title = "Black people were searched most", .n = 3, .labels = groups, .estimate = est,
                             .lower = lo, .upper = hi, .missing = missing, .suppressed = suppressed,
                             .reference = 1, .x_name = "group", .companions = true};
    rk_error err = {0};
    CHECK(rk_chart_interval_save(&spec, in_dir("ratios.pdf"), &err) == RK_OK);
    CHECK_STR(slurp("ratios.csv"), "group,estimate,lower,upper\nAsian,1.4,1.2,1.6\nBlack,3.5,3.2,3.9\n"
                                   "Mixed,[c],[c],[c]\n");
    CHECK_STR(slurp("ratios.alt.txt"),
              "Dot and interval chart: Black people were searched most. It shows an estimate with its interval for "
              "3 groups, against a reference line at 1. The highest is Black at 3.5 (3.2 to 3.9); the lowest is "
              "Asian at 1.4 (1.2 to 1.6). Intervals wholly above 1: Asian, Black. 1 value is withheld as "
              "confidential, marked [c].\n");
    CHECK(rk_chart_interval_save(&spec, in_dir("ratios.png"), &err) == RK_OK);
}

static void test_refused(void)
{
    static const double v[] = {1, 2, 3, 4, 5};
    rk_line_series many[7];
    for (int i = 0; i < 7; i++)
        many[i] = (rk_line_series){.name = "s", .values = v};
    rk_line_spec spec = {.title = "T", .n_x = 5, .x_labels = months, .n_series = 7, .series = many};
    rk_error err = {0};
    CHECK(rk_chart_line_save(&spec, in_dir("many.png"), &err) == RK_EARG);
    CHECK(strstr(err.message, "at most 6") != NULL);
    rk_line_marker outside = {.at = 5, .label = "late"};
    spec.n_series = 1;
    spec.n_markers = 1;
    spec.markers = &outside;
    CHECK(rk_chart_line_save(&spec, in_dir("late.png"), &err) == RK_EARG);
    CHECK(access(in_dir("late.png"), F_OK) != 0);

    static const char *const groups[] = {"A"};
    static const double est[] = {2}, lo[] = {2.5}, hi[] = {3};
    rk_interval_spec ispec = {.title = "T", .n = 1, .labels = groups, .estimate = est, .lower = lo, .upper = hi,
                              .reference = 1};
    CHECK(rk_chart_interval_save(&ispec, in_dir("bad.png"), &err) == RK_EARG);
    CHECK(strstr(err.message, "does not contain its estimate") != NULL);
}

/* The focus palette: the named line in dark blue, the others grey; the
 * sequential palette: shades of blue; neither uses the second categorical
 * colour. */
static void test_line_palettes(void)
{
    static const double a[] = {10, 11, 12, 11, 13}, b[] = {4, 5, 6, 6, 7};
    rk_line_series series[2] = {{.name = "White", .values = a}, {.name = "Black", .values = b}};
    rk_line_spec spec = {.title = "Searches rose", .n_x = 5, .x_labels = months, .n_series = 2, .series = series,
                         .palette = RK_PALETTE_FOCUS, .focus = "Black", .companions = true};
    rk_error err = {0};
    CHECK(rk_chart_line_save(&spec, in_dir("focus.png"), &err) == RK_OK);
    CHECK(colour_runs("focus.png", 0x12436Du) >= 1);
    CHECK(colour_runs("focus.png", 0xBFBFBFu) >= 1);
    CHECK(colour_runs("focus.png", 0x28A197u) == 0);
    CHECK(strstr(slurp("focus.alt.txt"), " Black is highlighted.\n") != NULL);
    spec.focus = "Asian";
    CHECK(rk_chart_line_save(&spec, in_dir("nofocus.png"), &err) == RK_EARG);
    CHECK_STR(err.message, "line chart focus 'Asian' is not one of the series");
    spec.palette = RK_PALETTE_SEQUENTIAL;
    spec.focus = NULL;
    CHECK(rk_chart_line_save(&spec, in_dir("shades.png"), &err) == RK_OK);
    CHECK(colour_runs("shades.png", 0x6BACE6u) >= 1); /* two shades: the dark and the light */
    CHECK(colour_runs("shades.png", 0x28A197u) == 0);
}

/* Names at the line ends keep the first point close to the axis, so the
 * first x label reaches in under the tick labels; it must still keep the
 * bar chart's CATEGORY_GAP from the lowest of them (they nearly touched:
 * review, 2026-11-24). Without notes or source, so the x labels are the
 * lowest text at the left. */
static void test_x_labels_clear_ticks(void)
{
    static const double a[] = {210, 228, 226, 215, 219}, b[] = {155, 166, 162, 150, 149};
    rk_line_series series[2] = {{.name = "All detentions", .values = a}, {.name = "Not sectioned", .values = b}};
    rk_line_spec spec = {.title = "Detentions held steady", .y_title = "Detentions", .n_x = 5, .x_labels = months,
                         .n_series = 2, .series = series};
    rk_error err = {0};
    CHECK(rk_chart_line_save(&spec, in_dir("ends.png"), &err) == RK_OK);
    double gap = gap_under_lowest_tick("ends.png");
    CHECK(gap >= CATEGORY_GAP);
    if (gap < CATEGORY_GAP)
        printf("  the first x label is %.1f pt under the lowest tick label\n", gap);
}

int main(void)
{
    if (!chart_test_begin("rk_chart_line"))
        return 2;
    test_gap_is_a_gap();
    test_line_companions();
    test_interval_companions();
    test_refused();
    test_line_palettes();
    test_x_labels_clear_ticks();
    return chart_test_end();
}
