/* The load progress display's text (lua/rk_progress.h): the bar while a
 * load runs and the line that replaces it. Whether it shows at all depends
 * on a terminal, which tests/pack/check_progress.sh covers. */
#include <stdio.h>
#include <string.h>

#include "rk_progress.h"
#include "rk_test.h"

static void test_bar(void)
{
    char buf[512];
    rk_progress_format_bar(buf, sizeof buf, "data/2024-west-midlands.csv", 700000, 35, 100, 2.0);
    CHECK_STR(buf, "loading 2024-west-midlands.csv [#######.............]  35% 700,000 rows, 350,000 rows/s");
    rk_progress_format_bar(buf, sizeof buf, "big.csv", 1400000, 100, 100, 2.3);
    CHECK_STR(buf, "loading big.csv [####################] 100% 1,400,000 rows, 608,696 rows/s");
    /* A pipe has no size: no bar, no percentage. */
    rk_progress_format_bar(buf, sizeof buf, "/dev/fd/3", 65536, 4000000, 0, 1.0);
    CHECK_STR(buf, "loading 3: 65,536 rows, 65,536 rows/s");
}

static void test_done(void)
{
    char buf[512];
    rk_progress_format_done(buf, sizeof buf, "out/big.csv", 1400000, 2.3);
    CHECK_STR(buf, "loaded big.csv: 1,400,000 rows in 2.3 s (608,696 rows/s)");
    rk_progress_format_done(buf, sizeof buf, "empty.csv", 0, 0);
    CHECK_STR(buf, "loaded empty.csv: 0 rows in 0.0 s (0 rows/s)");
}

static void test_quiet(void)
{
    rk_progress p;
    rk_progress_init(&p, true);
    CHECK(!p.enabled);
    CHECK(!rk_progress_wanted(true));
    /* A report to a disabled display draws nothing and does not fail. */
    rk_csv_progress report = {"x.csv", 10, 5, 10, false};
    rk_progress_report(&p, &report);
    CHECK(!p.drawn);
}

int main(void)
{
    test_bar();
    test_done();
    test_quiet();
    return rk_test_summary();
}
