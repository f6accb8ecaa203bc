/* rk_progress.c: the load progress bar on standard error (rk_progress.h). */
#include "rk_progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rk_say.h"

#define BAR_CELLS 20
#define REDRAW_SECONDS 0.1
#define PATH_MAX_NAME 512 /* room for the file name in a line */

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool rk_progress_wanted(bool quiet)
{
    return !quiet && isatty(STDERR_FILENO);
}

void rk_progress_init(rk_progress *p, bool quiet)
{
    memset(p, 0, sizeof *p);
    p->enabled = rk_progress_wanted(quiet);
}

void rk_progress_start(rk_progress *p)
{
    p->started = now_seconds();
    p->last_drawn = 0;
    p->drawn = false;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static double per_second(size_t rows, double seconds)
{
    return seconds > 0 ? (double)rows / seconds : 0;
}

int rk_progress_format_bar(char *buf, size_t size, const char *name, size_t rows, uint64_t bytes,
                           uint64_t total, double seconds)
{
    char count[RK_SAY_NUMBER_BUF], rate[RK_SAY_NUMBER_BUF];
    rk_say_number((double)rows, 0, count);
    rk_say_number(per_second(rows, seconds), 0, rate);
    if (total == 0)
        return snprintf(buf, size, "loading %s: %s rows, %s rows/s", base_name(name), count, rate);
    double done = bytes >= total ? 1.0 : (double)bytes / (double)total;
    char bar[BAR_CELLS + 1];
    int filled = (int)(done * BAR_CELLS);
    for (int i = 0; i < BAR_CELLS; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[BAR_CELLS] = '\0';
    return snprintf(buf, size, "loading %s [%s] %3d%% %s rows, %s rows/s", base_name(name), bar,
                    (int)(done * 100), count, rate);
}

int rk_progress_format_done(char *buf, size_t size, const char *name, size_t rows, double seconds)
{
    char count[RK_SAY_NUMBER_BUF], rate[RK_SAY_NUMBER_BUF];
    rk_say_number((double)rows, 0, count);
    rk_say_number(per_second(rows, seconds), 0, rate);
    return snprintf(buf, size, "loaded %s: %s rows in %.1f s (%s rows/s)", base_name(name), count, seconds, rate);
}

void rk_progress_report(rk_progress *p, const rk_csv_progress *report)
{
    if (!p->enabled)
        return;
    double now = now_seconds(), elapsed = now - p->started;
    char line[3 * RK_SAY_NUMBER_BUF + PATH_MAX_NAME];
    if (report->done) {
        if (p->drawn) {
            rk_progress_format_done(line, sizeof line, report->name, report->rows, elapsed);
            fprintf(stderr, "\r%s\033[K\n", line);
        }
        rk_progress_start(p); /* the next file of a kind's load starts now */
        return;
    }
    if (elapsed < RK_PROGRESS_AFTER || now - p->last_drawn < REDRAW_SECONDS)
        return;
    rk_progress_format_bar(line, sizeof line, report->name, report->rows, report->bytes_read,
                           report->bytes_total, elapsed);
    fflush(stdout);
    fprintf(stderr, "\r%s\033[K", line);
    fflush(stderr);
    p->drawn = true;
    p->last_drawn = now;
}
