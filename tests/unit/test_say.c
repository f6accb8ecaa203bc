/* rk_say: the phrases of a board paper, with exact expected strings.
 *
 * The seed figures come from the force's March 2025 board reports (see
 * "Figures the seed reports state" in PRODUCT.md): 32 joiners and 24
 * leavers; representation 12.4% to 16.3% (officers 10.8% to 14.3%); 5 Say
 * to Stay requests of 121. The Home Office figure is West Midlands, year
 * ending March 2022: Black 3,973 searches on 164,069, White 9,713 on
 * 1,919,138. Interval values below were computed outside rapkit (Python:
 * Wilson for 5 of 121 gives 0.017777 to 0.093095; the log-method rate
 * ratio interval for the Home Office counts 4.612804 to 4.962776). */
#include <math.h>
#include <stdlib.h>

#include "rk_say.h"
#include "rk_test.h"

static char out[RK_SAY_BUF + 1200];

/* The phrase, or "error: <message>"; also checks *len against the text. */
static const char *finish(rk_status st, size_t len, const rk_error *err)
{
    if (st != RK_OK) {
        CHECK(out[0] == '\0' && len == 0);
        char msg[sizeof err->message];
        snprintf(msg, sizeof msg, "%s", err->message);
        snprintf(out, sizeof out, "error: %s", msg);
        return out;
    }
    CHECK(len == strlen(out));
    return out;
}

static rk_say_options dflt(void)
{
    rk_say_options o = RK_SAY_OPTIONS_INIT;
    return o;
}

static const char *compare_o(int64_t a, int64_t b, const char *la, const char *lb,
                             rk_say_options o)
{
    size_t len;
    rk_error err;
    rk_status st = rk_say_compare(a, b, la, lb, &o, out, sizeof out, &len, &err);
    return finish(st, len, &err);
}

static const char *compare(int64_t a, int64_t b, const char *la, const char *lb)
{
    return compare_o(a, b, la, lb, dflt());
}

static const char *proportion_o(int64_t k, int64_t n, const char *what, rk_say_options o)
{
    size_t len;
    rk_error err;
    rk_status st = rk_say_proportion(k, n, what, &o, out, sizeof out, &len, &err);
    return finish(st, len, &err);
}

static const char *proportion(int64_t k, int64_t n, const char *what)
{
    return proportion_o(k, n, what, dflt());
}

static const char *rate_o(int64_t k, double pop, double per, const char *of, rk_say_options o)
{
    size_t len;
    rk_error err;
    rk_status st = rk_say_rate(k, pop, per, of, &o, out, sizeof out, &len, &err);
    return finish(st, len, &err);
}

static const char *ratio_o(double r, const char *g, const char *ref, const char *verb,
                           rk_say_options o)
{
    size_t len;
    rk_error err;
    rk_status st = rk_say_ratio(r, g, ref, verb, &o, out, sizeof out, &len, &err);
    return finish(st, len, &err);
}

static const char *change_o(double a, double b, rk_say_kind kind, rk_say_options o)
{
    size_t len;
    rk_error err;
    rk_status st = rk_say_change(a, b, kind, &o, out, sizeof out, &len, &err);
    return finish(st, len, &err);
}

static const char *change(double a, double b, rk_say_kind kind)
{
    return change_o(a, b, kind, dflt());
}

static const char *number(double x, int decimals)
{
    size_t n = rk_say_number(x, decimals, out);
    CHECK(n == strlen(out));
    return out;
}

static void test_number(void)
{
    CHECK_STR(number(1234.56, 1), "1,234.6");
    CHECK_STR(number(0, 1), "0.0");
    CHECK_STR(number(123, 0), "123");
    /* Half away from zero, as the figure is written, not as the double is
     * stored (12.45 is 12.4499999... in binary; printf gives 12.4). */
    CHECK_STR(number(12.45, 1), "12.5");
    CHECK_STR(number(2.675, 2), "2.68");
    CHECK_STR(number(0.125, 2), "0.13");
    CHECK_STR(number(87.5, 0), "88");
    CHECK_STR(number(86.5, 0), "87");  /* not 86, as round-half-even would give */
    CHECK_STR(number(-2.5, 0), "-3");
    /* No negative zero; carries through the separator. */
    CHECK_STR(number(-0.04, 1), "0.0");
    CHECK_STR(number(999.95, 1), "1,000.0");
    CHECK_STR(number(9.999, 2), "10.00");
    CHECK_STR(number(-1234567.891, 2), "-1,234,567.89");
    CHECK_STR(number(1e15, 0), "1,000,000,000,000,000");
    CHECK_STR(number(1e21, 0), "1,000,000,000,000,000,000,000");
    CHECK_STR(number(0.0004, 3), "0.000");
    CHECK_STR(number(0.0005, 3), "0.001");
    CHECK_STR(number(0.05, 1), "0.1");
    CHECK_STR(number(1e-300, 1), "0.0");
    CHECK_STR(number(100000, 0), "100,000");
    CHECK_STR(number(12, 6), "12.000000");
    /* The longest a double can be fits RK_SAY_NUMBER_BUF: 309 digits, 102
     * separators, a sign, a point and 6 decimals. */
    CHECK(strlen(number(-1.7e308, 6)) == 419);
    CHECK(strncmp(out, "-170,000,000,000,000,0", 22) == 0);
}

static void test_compare(void)
{
    /* The seed: 32 joined, 24 left. Never "25% more". */
    CHECK_STR(compare(32, 24, "joiners", "leavers"), "32 joiners is 33% more than 24 leavers");
    CHECK_STR(compare(24, 32, "leavers", "joiners"), "24 leavers is 25% fewer than 32 joiners");
    CHECK_STR(compare(24, 24, "leavers", "joiners"), "24 leavers is the same number as 24 joiners");
    /* Nothing is a percentage of nothing. */
    CHECK_STR(compare(24, 0, "leavers", "joiners"), "24 leavers and no joiners");
    CHECK_STR(compare(0, 24, "joiners", "leavers"), "no joiners and 24 leavers");
    CHECK_STR(compare(0, 0, "joiners", "leavers"), "no joiners and no leavers");
    /* From twice as many up, "times". */
    CHECK_STR(compare(50, 20, "joiners", "leavers"), "50 joiners is 2.5 times as many as 20 leavers");
    CHECK_STR(compare(40, 20, "joiners", "leavers"), "40 joiners is 2.0 times as many as 20 leavers");
    CHECK_STR(compare(39, 20, "joiners", "leavers"), "39 joiners is 95% more than 20 leavers");
    /* Whole percent, half away from zero: 27 is 12.5% more than 24. */
    CHECK_STR(compare(27, 24, "joiners", "leavers"), "27 joiners is 13% more than 24 leavers");
    CHECK_STR(compare(12345, 10000, "searches", "arrests"),
              "12,345 searches is 23% more than 10,000 arrests");
    /* Never "0% more" for different counts, never "100% fewer" for some. */
    CHECK_STR(compare(1000, 999, "a", "b"), "1,000 a is 0.1% more than 999 b");
    CHECK_STR(compare(999, 1000, "a", "b"), "999 a is 0.1% fewer than 1,000 b");
    CHECK_STR(compare(100000, 99999, "a", "b"), "100,000 a is less than 0.1% more than 99,999 b");
    CHECK_STR(compare(10, 1000, "a", "b"), "10 a is 99% fewer than 1,000 b");
    CHECK_STR(compare(12, 4000, "a", "b"), "12 a is 99.7% fewer than 4,000 b");
    CHECK_STR(compare(1, 20000, "a", "b"),
              "1 a is more than 99.9% fewer than 20,000 b "
              "(based on fewer than 10 cases: treat with caution)");
    /* Small numbers: the smaller count decides. */
    CHECK_STR(compare(5, 3, "joiners", "leavers"),
              "5 joiners is 67% more than 3 leavers (based on fewer than 10 cases: treat with caution)");
    CHECK_STR(compare(9, 10, "joiners", "leavers"),
              "9 joiners is 10% fewer than 10 leavers (based on fewer than 10 cases: treat with caution)");
    CHECK_STR(compare(11, 10, "joiners", "leavers"), "11 joiners is 10% more than 10 leavers");
    rk_say_options o = dflt();
    o.min = 3;
    CHECK_STR(compare_o(5, 3, "joiners", "leavers", o), "5 joiners is 67% more than 3 leavers");
    o.min = 1000;
    CHECK_STR(compare_o(1500, 999, "joiners", "leavers", o),
              "1,500 joiners is 50% more than 999 leavers "
              "(based on fewer than 1,000 cases: treat with caution)");
    o = dflt();
    o.decimals = 2;
    CHECK_STR(compare_o(50, 20, "joiners", "leavers", o), "50 joiners is 2.50 times as many as 20 leavers");

    CHECK_STR(compare(-1, 24, "joiners", "leavers"), "error: counts cannot be negative (got -1 joiners)");
    CHECK_STR(compare(32, 24, "BAME joiners", "leavers"),
              "error: the first label 'BAME joiners' says 'BAME', which ONS style does not use: "
              "name the ethnic groups, or write 'ethnic minorities'");
    CHECK_STR(compare(32, 24, "joiners", "bme leavers"),
              "error: the second label 'bme leavers' says 'bme', which ONS style does not use: "
              "name the ethnic groups, or write 'ethnic minorities'");
    CHECK_STR(compare(32, 24, "joiners", "BAMEX"), "32 joiners is 33% more than 24 BAMEX"); /* a word, not a prefix */
    CHECK_STR(compare(32, 24, "", "leavers"), "error: the first label must be given");
    o = dflt();
    o.min = 0;
    CHECK_STR(compare_o(32, 24, "a", "b", o), "error: the small-number threshold must be 1 or more (got 0)");
    o = dflt();
    o.decimals = 7;
    CHECK_STR(compare_o(32, 24, "a", "b", o), "error: decimals must be from 0 to 6 (got 7)");
}

/* snprintf's contract: a short buffer gets a prefix and the full length. */
static void test_short_buffer(void)
{
    rk_say_options o = dflt();
    char small[10];
    size_t len = 0;
    rk_error err;
    CHECK(rk_say_compare(32, 24, "joiners", "leavers", &o, small, sizeof small, &len, &err) == RK_OK);
    CHECK(len == strlen("32 joiners is 33% more than 24 leavers"));
    CHECK_STR(small, "32 joiner");
    CHECK(rk_say_compare(32, 24, "joiners", "leavers", &o, NULL, 0, &len, &err) == RK_OK);
    CHECK(len == strlen("32 joiners is 33% more than 24 leavers"));
    char *big = malloc(len + 1);
    size_t again;
    CHECK(rk_say_compare(32, 24, "joiners", "leavers", &o, big, len + 1, &again, &err) == RK_OK);
    CHECK(again == len);
    CHECK_STR(big, "32 joiners is 33% more than 24 leavers");
    free(big);
}

static void test_proportion(void)
{
    rk_say_interval typed = {0.018, 0.093, 0.95};
    rk_say_interval wilson = {0.017777486075125137, 0.09309480708330535, 0.95};
    rk_say_options o = dflt();
    o.interval = &typed;
    CHECK_STR(proportion_o(5, 121, "Say to Stay requests", o),
              "4.1% of Say to Stay requests (5 of 121; 95% confidence interval 1.8% to 9.3%) (based on fewer than 10 cases: treat with caution)");
    o.interval = &wilson;
    CHECK_STR(proportion_o(5, 121, "Say to Stay requests", o),
              "4.1% of Say to Stay requests (5 of 121; 95% confidence interval 1.8% to 9.3%) (based on fewer than 10 cases: treat with caution)");
    CHECK_STR(proportion(5, 121, "Say to Stay requests"), "4.1% of Say to Stay requests (5 of 121) (based on fewer than 10 cases: treat with caution)");
    o.decimals = 0;
    CHECK_STR(proportion_o(5, 121, "Say to Stay requests", o),
              "4% of Say to Stay requests (5 of 121; 95% confidence interval 2% to 9%) (based on fewer than 10 cases: treat with caution)");
    rk_say_interval ninety = {0.02, 0.08, 0.9};
    o = dflt();
    o.interval = &ninety;
    CHECK_STR(proportion_o(5, 121, "requests", o),
              "4.1% of requests (5 of 121; 90% confidence interval 2.0% to 8.0%) (based on fewer than 10 cases: treat with caution)");
    rk_say_interval odd = {0.02, 0.08, 0.995};
    o.interval = &odd;
    CHECK_STR(proportion_o(5, 121, "requests", o),
              "4.1% of requests (5 of 121; 99.5% confidence interval 2.0% to 8.0%) (based on fewer than 10 cases: treat with caution)");

    CHECK_STR(proportion(0, 121, "requests"), "0.0% of requests (0 of 121) (based on fewer than 10 cases: treat with caution)");
    CHECK_STR(proportion(121, 121, "requests"), "100.0% of requests (121 of 121)");
    CHECK_STR(proportion(1, 5000, "searches"), "less than 0.1% of searches (1 of 5,000) (based on fewer than 10 cases: treat with caution)");
    CHECK_STR(proportion(4999, 5000, "searches"), "more than 99.9% of searches (4,999 of 5,000)");
    CHECK_STR(proportion(4995, 5000, "searches"), "99.9% of searches (4,995 of 5,000)");
    CHECK_STR(proportion(2, 5, "requests"),
              "40.0% of requests (2 of 5) (based on fewer than 10 cases: treat with caution)");
    CHECK_STR(proportion(2, 10, "requests"), "20.0% of requests (2 of 10) (based on fewer than 10 cases: treat with caution)");

    o = dflt();
    rk_say_interval percents = {1.8, 9.3, 0.95};
    o.interval = &percents;
    CHECK_STR(proportion_o(5, 121, "requests", o),
              "error: the interval must be fractions from 0 to 1, as 0.018 for 1.8% (got 1.8 to 9.3)");
    rk_say_interval wrong = {0.05, 0.09, 0.95};
    o.interval = &wrong;
    CHECK_STR(proportion_o(5, 121, "requests", o),
              "error: the interval 0.05 to 0.09 does not contain the proportion 0.0413223 (5 of 121)");
    rk_say_interval bad_conf = {0.018, 0.093, 95};
    o.interval = &bad_conf;
    CHECK_STR(proportion_o(5, 121, "requests", o),
              "error: the confidence level must be a fraction between 0 and 1, as 0.95 (got 95)");
    CHECK_STR(proportion(6, 5, "requests"), "error: k must be from 0 to n (got 6 of 5)");
    CHECK_STR(proportion(0, 0, "requests"), "error: n must be 1 or more (got 0)");
}

static void test_rate(void)
{
    rk_say_options o = dflt();
    /* The Home Office figures: 24.2 and 5.1 per 1,000. */
    CHECK_STR(rate_o(3973, 164069, 1000, NULL, o), "24.2 per 1,000 people");
    CHECK_STR(rate_o(9713, 1919138, 1000, NULL, o), "5.1 per 1,000 people");
    CHECK_STR(rate_o(9713, 1919138, 100000, "White people", o), "506.1 per 100,000 White people");
    rk_say_interval ci = {23.5, 25.0, 0.95};
    o.interval = &ci;
    CHECK_STR(rate_o(3973, 164069, 1000, NULL, o),
              "24.2 per 1,000 people (95% confidence interval 23.5 to 25.0)");
    rk_say_interval per_person = {0.0235, 0.025, 0.95};
    o.interval = &per_person;
    CHECK_STR(rate_o(3973, 164069, 1000, NULL, o),
              "error: the interval 0.0235 to 0.025 does not contain the rate 24.2154 per 1,000: "
              "give the interval per 1,000 too");
    o = dflt();
    CHECK_STR(rate_o(0, 164069, 1000, NULL, o),
              "0.0 per 1,000 people (based on fewer than 10 cases: treat with caution)");
    CHECK_STR(rate_o(1, 1e6, 1000, NULL, o),
              "less than 0.1 per 1,000 people (based on fewer than 10 cases: treat with caution)");
    CHECK_STR(rate_o(10, 1e6, 1000, NULL, o), "less than 0.1 per 1,000 people");
    CHECK_STR(rate_o(1234567, 1000, 1000, NULL, o), "1,234,567.0 per 1,000 people");
    CHECK_STR(rate_o(10, 0, 1000, NULL, o), "error: the population must be more than 0 (got 0)");
    CHECK_STR(rate_o(10, 100, 0.5, NULL, o),
              "error: per must be a whole number, 1 or more, as 1000 (got 0.5)");
    CHECK_STR(rate_o(-1, 100, 1000, NULL, o), "error: the count cannot be negative (got -1)");
}

static void test_ratio(void)
{
    rk_say_options o = dflt();
    rk_say_interval typed = {4.6, 5.0, 0.95};
    o.interval = &typed;
    CHECK_STR(ratio_o(4.785, "Black people", "White people", NULL, o),
              "Black people were searched at 4.8 times the rate of White people "
              "(95% confidence interval 4.6 to 5.0)");
    /* From the Home Office counts, with the group names of rapkit's vocabulary. */
    double r = (3973.0 / 164069) / (9713.0 / 1919138);
    rk_say_interval log_method = {4.612804310751777, 4.962775952673894, 0.95};
    o.interval = &log_method;
    CHECK_STR(ratio_o(r, "Black", "White", NULL, o),
              "Black people were searched at 4.8 times the rate of White people "
              "(95% confidence interval 4.6 to 5.0)");
    o = dflt();
    CHECK_STR(ratio_o(1.6, "Mixed", "white", NULL, o),
              "people from Mixed ethnic groups were searched at 1.6 times the rate of White people");
    CHECK_STR(ratio_o(1.25, "Black officers", "White officers", "left", o),
              "Black officers left at 1.3 times the rate of White officers");
    CHECK_STR(ratio_o(0.04, "Asian", "White", NULL, o),
              "Asian people were searched at less than 0.1 times the rate of White people");
    o.cases = 7;
    CHECK_STR(ratio_o(2.0, "Other", "White", NULL, o),
              "people from Other ethnic groups were searched at 2.0 times the rate of White people "
              "(based on fewer than 10 cases: treat with caution)");
    o.cases = 10;
    CHECK_STR(ratio_o(2.0, "Other", "White", NULL, o),
              "people from Other ethnic groups were searched at 2.0 times the rate of White people");
    /* A zero count: rapkit.stats gives 0 with lower 0 and no upper. */
    o = dflt();
    rk_say_interval no_upper = {0, NAN, 0.95};
    o.interval = &no_upper;
    CHECK_STR(ratio_o(0, "Mixed", "White", NULL, o),
              "people from Mixed ethnic groups were searched at 0.0 times the rate of White people "
              "(95% confidence interval from 0.0, upper limit not computable)");
    rk_say_interval wrong = {5.0, 6.0, 0.95};
    o.interval = &wrong;
    CHECK_STR(ratio_o(4.785, "Black", "White", NULL, o),
              "error: the interval 5 to 6 does not contain the ratio 4.785");
    rk_say_interval reversed = {5.0, 4.6, 0.95};
    o.interval = &reversed;
    CHECK_STR(ratio_o(4.785, "Black", "White", NULL, o),
              "error: the interval 5 to 4.6 does not contain the ratio 4.785");
    o = dflt();
    CHECK_STR(ratio_o(2.0, "Black", "BAME", NULL, o),
              "error: the reference group 'BAME' says 'BAME', which ONS style does not use: name "
              "the ethnic groups, or write 'ethnic minorities'");
    CHECK_STR(ratio_o(-1, "Black", "White", NULL, o),
              "error: the ratio must be a number, 0 or more (got -1)");
    CHECK_STR(ratio_o(2, NULL, "White", NULL, o), "error: the group must be given");
}

static void test_change(void)
{
    /* The seed: 3.9 percentage points and 31% (16.3/12.4 = 1.3145), not the
     * "32% proportional increase" the report states. Officers: 32% is right. */
    CHECK_STR(change(0.124, 0.163, RK_SAY_PROPORTION),
              "rose from 12.4% to 16.3%, a rise of 3.9 percentage points (31% higher)");
    CHECK_STR(change(0.108, 0.143, RK_SAY_PROPORTION),
              "rose from 10.8% to 14.3%, a rise of 3.5 percentage points (32% higher)");
    CHECK_STR(change(0.163, 0.124, RK_SAY_PROPORTION),
              "fell from 16.3% to 12.4%, a fall of 3.9 percentage points (24% lower)");
    CHECK_STR(change(0.124, 0.124, RK_SAY_PROPORTION), "was unchanged at 12.4%");
    CHECK_STR(change(0.1241, 0.1243, RK_SAY_PROPORTION),
              "was little changed at 12.4% (a rise of less than 0.1 percentage points)");
    CHECK_STR(change(0.12349, 0.12351, RK_SAY_PROPORTION),
              "rose from 12.3% to 12.4%, a rise of less than 0.1 percentage points "
              "(less than 0.1% higher)");
    CHECK_STR(change(0, 0.02, RK_SAY_PROPORTION),
              "rose from 0.0% to 2.0%, a rise of 2.0 percentage points");
    rk_say_options o = dflt();
    o.decimals = 0;
    CHECK_STR(change_o(0.12, 0.13, RK_SAY_PROPORTION, o),
              "rose from 12% to 13%, a rise of 1 percentage point (8% higher)");
    o = dflt();
    o.cases = 8;
    CHECK_STR(change_o(0.124, 0.163, RK_SAY_PROPORTION, o),
              "rose from 12.4% to 16.3%, a rise of 3.9 percentage points (31% higher) "
              "(based on fewer than 10 cases: treat with caution)");

    /* Section 136: about 214 a month before RCRP, 196 after. */
    CHECK_STR(change(214, 196, RK_SAY_COUNT), "fell from 214 to 196, a fall of 18 (8% lower)");
    CHECK_STR(change(196, 214, RK_SAY_COUNT), "rose from 196 to 214, a rise of 18 (9% higher)");
    CHECK_STR(change(214, 214, RK_SAY_COUNT), "was unchanged at 214");
    CHECK_STR(change(1200, 12500, RK_SAY_COUNT),
              "rose from 1,200 to 12,500, a rise of 11,300 (942% higher)");
    CHECK_STR(change(0, 5, RK_SAY_COUNT), "rose from 0 to 5, a rise of 5");
    CHECK_STR(change(5, 0, RK_SAY_COUNT),
              "fell from 5 to 0, a fall of 5 (100% lower) (based on fewer than 10 cases: treat with caution)");
    CHECK_STR(change(1000, 1, RK_SAY_COUNT),
              "fell from 1,000 to 1, a fall of 999 (99.9% lower) "
              "(based on fewer than 10 cases: treat with caution)");
    CHECK_STR(change(2000, 1, RK_SAY_COUNT), /* 99.95% shows as 100.0 */
              "fell from 2,000 to 1, a fall of 1,999 (more than 99.9% lower) "
              "(based on fewer than 10 cases: treat with caution)");
    CHECK_STR(change(20000, 1, RK_SAY_COUNT),
              "fell from 20,000 to 1, a fall of 19,999 (more than 99.9% lower) "
              "(based on fewer than 10 cases: treat with caution)");
    CHECK_STR(change(100000, 100001, RK_SAY_COUNT),
              "rose from 100,000 to 100,001, a rise of 1 (less than 0.1% higher)");

    CHECK_STR(change(24.2, 26.1, RK_SAY_NUMBER), "rose from 24.2 to 26.1, a rise of 1.9 (8% higher)");
    CHECK_STR(change(-3, 5, RK_SAY_NUMBER), "rose from -3.0 to 5.0, a rise of 8.0");

    CHECK_STR(change(12.4, 16.3, RK_SAY_PROPORTION),
              "error: the old proportion must be a fraction from 0 to 1, as 0.124 for 12.4% (got 12.4)");
    CHECK_STR(change(2.5, 3, RK_SAY_COUNT),
              "error: the old count must be a whole number, 0 or more (got 2.5)");
    CHECK_STR(change(2, -3, RK_SAY_COUNT),
              "error: the new count must be a whole number, 0 or more (got -3)");
    CHECK_STR(change(NAN, 3, RK_SAY_NUMBER), "error: the old value must be a number (got nan)");
}

static void test_group(void)
{
    CHECK_STR(rk_say_group("Asian"), "Asian people");
    CHECK_STR(rk_say_group("Black"), "Black people");
    CHECK_STR(rk_say_group("Mixed"), "people from Mixed ethnic groups");
    CHECK_STR(rk_say_group("White"), "White people");
    CHECK_STR(rk_say_group("Other"), "people from Other ethnic groups");
    CHECK_STR(rk_say_group("Not stated"), "people whose ethnicity was not stated");
    CHECK_STR(rk_say_group("not STATED"), "people whose ethnicity was not stated");
    CHECK(rk_say_group("BAME") == NULL);
    CHECK(rk_say_group("Blackish") == NULL);
    CHECK(rk_say_group("Blac") == NULL);
    CHECK(rk_say_group(NULL) == NULL);
}

int main(void)
{
    test_number();
    test_compare();
    test_short_buffer();
    test_proportion();
    test_rate();
    test_ratio();
    test_change();
    test_group();
    return rk_test_summary();
}
