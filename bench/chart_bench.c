/* chart_bench: how long rk_chart_bar_save takes to write a chart of 12 bars
 * as PNG (300 dpi, 1890 x 1181), SVG and PDF. The target is under 50 ms.
 *
 *   chart_bench [RUNS]        (default 31)
 *
 * The first save of a process also loads the fonts (fontconfig, pango): that
 * one is timed and shown on its own. Then, for each format, RUNS saves of
 * the chart alone and RUNS saves with its companions (alt text, CSV and
 * Markdown, as chart:save writes them), interleaved, and prints the median,
 * lowest and highest wall time of each. Every file is written through
 * rk_outfile (temporary, fsync, rename) to a fresh folder under $TMPDIR,
 * removed at the end. Exit 1 if a median is 50 ms or more, 2 if a save fails. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rk_chart.h"

#define TARGET_MS 50.0
#define MAX_RUNS 1001

static char bench_dir[256];

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Saves once and returns the wall time in ms, or a negative number (after
 * printing the error) if the save failed. */
static double timed_save(const rk_bar_spec *spec, const char *ext)
{
    char path[320];
    snprintf(path, sizeof path, "%s/bar12.%s", bench_dir, ext);
    rk_error err = {0};
    double start = now_ms();
    rk_status st = rk_chart_bar_save(spec, path, &err);
    double elapsed = now_ms() - start;
    if (st != RK_OK) {
        fprintf(stderr, "chart_bench: %s: %s\n", path, err.message);
        return -1;
    }
    return elapsed;
}

static void remove_bench_dir(void)
{
    DIR *d = opendir(bench_dir);
    if (!d)
        return;
    char path[600];
    for (struct dirent *e; (e = readdir(d));) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", bench_dir, e->d_name);
        remove(path);
    }
    closedir(d);
    rmdir(bench_dir);
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 31;
    if (runs < 1 || runs > MAX_RUNS) {
        fprintf(stderr, "usage: chart_bench [RUNS]   (RUNS from 1 to %d, default 31)\n", MAX_RUNS);
        return 2;
    }
    const char *tmp = getenv("TMPDIR");
    snprintf(bench_dir, sizeof bench_dir, "%s/rapkit-chart-bench.XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(bench_dir)) {
        perror("chart_bench");
        return 2;
    }

    /* Stop and searches of Black people a month, one financial year
     * (illustrative numbers): the 12-bar chart of a board paper. */
    static const char *const months[12] = {"Apr", "May", "Jun", "Jul", "Aug", "Sep",
                                           "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"};
    static const double searches[12] = {412, 398, 455, 471, 430, 389, 402, 377, 351, 366, 394, 420};
    rk_bar_spec spec = {
        .title = "Searches of Black people peaked in July",
        .subtitle = "Stop and searches of Black people per month, West Midlands, April 2024 to March 2025",
        .source = "illustrative figures for the rapkit chart benchmark",
        .x_title = "Month",
        .y_title = "Searches",
        .n = 12,
        .labels = months,
        .values = searches,
    };

    static const char *const formats[3] = {"png", "svg", "pdf"};
    static double times[3][2][MAX_RUNS];
    int status = 0;

    double first = timed_save(&spec, "png");
    if (first < 0) {
        remove_bench_dir();
        return 2;
    }
    for (int run = 0; run < runs; run++)
        for (int f = 0; f < 3; f++)
            for (int companions = 0; companions < 2; companions++) {
                spec.companions = companions;
                double t = timed_save(&spec, formats[f]);
                if (t < 0) {
                    remove_bench_dir();
                    return 2;
                }
                times[f][companions][run] = t;
            }

    printf("chart of 12 bars, rk_chart_bar_save, %d runs each, target under %.0f ms\n", runs, TARGET_MS);
    printf("first save of the process (PNG, loads the fonts): %.1f ms\n", first);
    printf("%-6s %-22s %10s %10s %10s\n", "format", "files", "median ms", "min ms", "max ms");
    for (int f = 0; f < 3; f++)
        for (int companions = 0; companions < 2; companions++) {
            double *t = times[f][companions];
            qsort(t, (size_t)runs, sizeof t[0], by_value);
            double median = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
            printf("%-6s %-22s %10.1f %10.1f %10.1f%s\n", formats[f],
                   companions ? "chart, alt, csv, md" : "chart alone", median, t[0], t[runs - 1],
                   median < TARGET_MS ? "" : "  OVER TARGET");
            if (median >= TARGET_MS)
                status = 1;
        }
    remove_bench_dir();
    return status;
}
