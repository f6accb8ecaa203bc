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
