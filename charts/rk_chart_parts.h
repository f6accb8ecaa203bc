/* rk_chart_parts.h: what a chart type shares with the gnuplot backend
 * (internal to charts/).
 *
 * Each type's checks, alt text and companion files, so that a chart drawn
 * by gnuplot is refused, described and tabulated exactly as the cairo one.
 * `spec` is the type's spec (rk_bar_spec for rk_bar_*, ...), so the gnuplot
 * backend can drive every type alike. They are made from each type's
 * rk_chart_type (rk_chart_type.c): the alt text and the companion table
 * come from the chart laid out on its page as cairo would draw it, which
 * works out the places its values print with; `decimals` is not used
 * there. Alt texts are the caller's to g_free.
 */
#ifndef RK_CHART_PARTS_H
#define RK_CHART_PARTS_H

#include "rk_chart.h"

rk_status rk_bar_check(const void *spec, rk_error *err);
char *rk_bar_alt_text(const void *spec, int decimals);
rk_status rk_bar_companions(const void *spec, const char *alt, const char *path, rk_error *err);

rk_status rk_line_check(const void *spec, rk_error *err);
char *rk_line_alt_text(const void *spec, int decimals);
rk_status rk_line_companions(const void *spec, const char *alt, const char *path, rk_error *err);

rk_status rk_interval_check(const void *spec, rk_error *err);
char *rk_interval_alt_text(const void *spec, int decimals);
/* Row i's numbers as the chart prints them: "1.52 (1.31 to 1.76)", "[x]". */
void rk_interval_numbers(const rk_interval_spec *spec, int decimals, size_t i, char *buf, size_t cap);
rk_status rk_interval_companions(const void *spec, const char *alt, const char *path, rk_error *err);

#endif
