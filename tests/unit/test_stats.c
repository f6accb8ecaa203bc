/* The statistics core (core/rk_stats.h) against independent references.
 *
 * Every reference number below was computed outside rapkit, by hand, with
 * scipy 1.10.1 (Python 3.11, Debian 12 package python3-scipy) or R 4.2.2
 * (Debian 12 package r-base-core), and written here with the exact call.
 * Where both tools were run they agree to at least 14 significant figures.
 * The tests do not need either tool.
 *
 * Run with no arguments for the unit checks. With `--reference PATH` it
 * instead recomputes every rate ratio and interval of Black Thrive's
 * summarised_stops_2019-2021.csv (a third-party file read where it lies,
 * not copied: see tests/CMakeLists.txt) and exits 77 (skipped) if the file
 * is absent. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk_random.h"
#include "rk_stats.h"
#include "rk_test.h"

/* |got - want| <= rel * |want| (or <= rel when want is 0). */
#define CHECK_NEAR(got, want, rel)                                                         \
    do {                                                                                   \
        double g_ = (got), w_ = (want), tol_ = (rel) * (w_ == 0 ? 1 : fabs(w_));           \
        if (fabs(g_ - w_) <= tol_) {                                                       \
            rk_test_passed++;                                                              \
        } else {                                                                           \
            rk_test_failed++;                                                              \
            fprintf(stderr, "%s:%d: %s = %.17g, want %.17g (relative error %.3g)\n",       \
                    __FILE__, __LINE__, #got, g_, w_, w_ ? fabs(g_ - w_) / fabs(w_) : g_); \
        }                                                                                  \
    } while (0)

/* Against a reference: 1e-12 relative, well beyond the 6 significant
 * figures promised, so that a slipped digit in a coefficient shows. */
#define REL 1e-12

/* ---- distributions ------------------------------------------------------ */

static void test_normal(void)
{
    /* The true value is 1.95996398454005423552... scipy 1.10.1:
     * scipy.stats.norm.ppf(0.975) = 1.959963984540054 (1 unit in the last
     * place below); R 4.2.2: qnorm(0.975) = 1.9599639845400536 (3 below),
     * which AS241 here reproduces bit for bit. */
    CHECK(rk_stats_normal_quantile(0.975) == 1.9599639845400536);
    CHECK_NEAR(rk_stats_z(0.95), 1.9599639845400542, 1e-15);
    char buf[32];
    snprintf(buf, sizeof buf, "%.15f", rk_stats_z(0.95));
    CHECK_STR(buf, "1.959963984540054");
    /* R 4.2.2: qnorm(0.95), qnorm(0.995), qnorm(1e-10), qnorm(0.3) */
    CHECK_NEAR(rk_stats_z(0.90), 1.6448536269514715, REL);
    CHECK_NEAR(rk_stats_z(0.99), 2.5758293035488999, REL);
    CHECK_NEAR(rk_stats_normal_quantile(1e-10), -6.3613409024040557, REL);
    CHECK_NEAR(rk_stats_normal_quantile(0.3), -0.52440051270804067, REL);
    CHECK(rk_stats_normal_quantile(0.5) == 0);
    /* scipy 1.10.1: scipy.stats.norm.ppf(0.025) = -1.9599639845400545 */
    CHECK_NEAR(rk_stats_normal_quantile(0.025), -1.9599639845400545, 1e-15);
    CHECK(isnan(rk_stats_normal_quantile(0)) && isnan(rk_stats_normal_quantile(1)));
    CHECK(isnan(rk_stats_z(1)) && isnan(rk_stats_z(0)) && isnan(rk_stats_z(95)));
    /* R 4.2.2: pnorm(0.5), pnorm(-7) */
    CHECK_NEAR(rk_stats_normal_cdf(0.5), 0.69146246127401301, REL);
    CHECK_NEAR(rk_stats_normal_cdf(-7), 1.2798125438858352e-12, REL);
}

static void test_beta(void)
{
    /* scipy 1.10.1: scipy.stats.beta.ppf(0.025, 5, 117) = 0.013551310034428544,
     * beta.ppf(0.975, 6, 116) = 0.0937990704658611;
     * R 4.2.2: qbeta(0.025, 5, 117) = 0.013551310034428554 */
    CHECK_NEAR(rk_stats_beta_quantile(0.025, 5, 117), 0.013551310034428554, REL);
    CHECK_NEAR(rk_stats_beta_quantile(0.975, 6, 116), 0.093799070465861112, REL);
    /* R 4.2.2: qbeta(0.5, 3973, 160097) = 0.024213340731395191 (large shapes) */
    CHECK_NEAR(rk_stats_beta_quantile(0.5, 3973, 160097), 0.024213340731395191, REL);
    /* R 4.2.2: qbeta(0.975, 1, 1e6) = 3.6888726502064855e-06; scipy agrees to
     * 3.6888726502064885e-06. With one shape a million, a quantile near 1 on
     * the other side rests on 1 - x, so the tolerance is 1e-10 (rk_stats.h). */
    CHECK_NEAR(rk_stats_beta_quantile(0.975, 1, 1e6), 3.6888726502064855e-06, 1e-10);
    /* R 4.2.2: qbeta(0.005, 1, 1e6) = 5.0125418109815012e-09 */
    CHECK_NEAR(rk_stats_beta_quantile(0.005, 1, 1e6), 5.0125418109815012e-09, REL);
    /* R 4.2.2: pbeta(0.03, 5, 117), pbeta(0.0242, 3973, 160097),
     * pbeta(1e-9, 50, 5e7) (scipy 1.10.1 gives 2.78065589983e-130 for the
     * last, 2e-8 off R and this code: scipy's own error at such shapes) */
    CHECK_NEAR(rk_stats_beta_cdf(0.03, 5, 117), 0.29820194510939529, REL);
    CHECK_NEAR(rk_stats_beta_cdf(0.0242, 3973, 160097), 0.4859754164375325, 1e-11);
    CHECK_NEAR(rk_stats_beta_cdf(1e-9, 50, 5e7), 2.7806558446992506e-130, 1e-11);
    /* Symmetry: I_0.5(a, a) = 1/2 exactly, also for large a (scipy 1.10.1's
     * betainc(2.5e7, 2.5e7, 0.5) = 0.4503 is wrong; R 4.2.2 pbeta gives 0.5). */
    CHECK_NEAR(rk_stats_beta_cdf(0.5, 2.5e7, 2.5e7), 0.5, 1e-12);
    CHECK_NEAR(rk_stats_beta_cdf(0.5, 10, 10), 0.5, 1e-14);
    CHECK(rk_stats_beta_cdf(0, 2, 3) == 0 && rk_stats_beta_cdf(1, 2, 3) == 1);
    CHECK(rk_stats_beta_quantile(0, 2, 3) == 0 && rk_stats_beta_quantile(1, 2, 3) == 1);
    CHECK(isnan(rk_stats_beta_cdf(0.5, 0, 3)) && isnan(rk_stats_beta_quantile(1.5, 2, 3)));
    /* Round trip at small and large shapes. */
    double x = rk_stats_beta_quantile(0.123, 7.5, 3000);
    CHECK_NEAR(rk_stats_beta_cdf(x, 7.5, 3000), 0.123, 1e-13);
}

static void test_gamma(void)
{
    /* R 4.2.2 / scipy 1.10.1: qgamma(0.025, 3973) = 3850.4099274034588,
     * scipy.stats.gamma.ppf(0.975, 3974) = 4098.499890999341 */
    CHECK_NEAR(rk_stats_gamma_quantile(0.025, 3973), 3850.4099274034588, REL);
    CHECK_NEAR(rk_stats_gamma_quantile(0.975, 3974), 4098.499890999341, REL);
    /* qgamma(0.975, 1) = -log(0.025) = 3.6888794541139354 */
    CHECK_NEAR(rk_stats_gamma_quantile(0.975, 1), 3.6888794541139354, REL);
    /* R 4.2.2: qgamma(0.005, 5), qgamma(0.995, 6), qgamma(0.025, 1e6) */
    CHECK_NEAR(rk_stats_gamma_quantile(0.005, 5), 1.0779282406523194, REL);
    CHECK_NEAR(rk_stats_gamma_quantile(0.995, 6), 14.149759411023012, REL);
    CHECK_NEAR(rk_stats_gamma_quantile(0.025, 1e6), 998040.98334029387, REL);
    /* R 4.2.2: qgamma(1e-10, 1e7) = 9979896.8274575919 (scipy 1.10.1 gives
     * 9979903.34, 7e-7 off: scipy's error, R and this code agree) */
    CHECK_NEAR(rk_stats_gamma_quantile(1e-10, 1e7), 9979896.8274575919, 1e-11);
    /* R 4.2.2: pgamma(3900, 3973), pgamma(0.5, 2) */
    CHECK_NEAR(rk_stats_gamma_cdf(3900, 3973), 0.1230202346723118, 1e-11);
    CHECK_NEAR(rk_stats_gamma_cdf(0.5, 2), 0.090204010431049877, REL);
    CHECK(rk_stats_gamma_quantile(0, 3) == 0 && rk_stats_gamma_cdf(0, 3) == 0);
    CHECK(isnan(rk_stats_gamma_quantile(1, 3)) && isnan(rk_stats_gamma_cdf(1, -1)));
}

/* ---- intervals ---------------------------------------------------------- */

static void test_proportion(void)
{
    rk_interval r;
    rk_error err;
    /* Say to Stay: 5 of 121 requests. R 4.2.2:
     * prop.test(5, 121, correct = FALSE)$conf.int (the Wilson interval)
     * = 0.017777486075125137 0.093094807083305336, i.e. 1.8% to 9.3% */
    CHECK(rk_stats_proportion(5, 121, 0.95, RK_PROPORTION_WILSON, &r, &err) == RK_OK);
    CHECK_NEAR(r.estimate, 5.0 / 121, 1e-15);
    CHECK_NEAR(r.lower, 0.017777486075125137, REL);
    CHECK_NEAR(r.upper, 0.093094807083305336, REL);
    CHECK(r.has_estimate && r.has_lower && r.has_upper && r.flag == RK_STATS_FLAG_NONE);
    CHECK(round(r.lower * 1000) == 18 && round(r.upper * 1000) == 93);
    /* R 4.2.2: binom.test(5, 121)$conf.int (Clopper-Pearson)
     * = 0.013551310034428554 0.093799070465861112 */
    CHECK(rk_stats_proportion(5, 121, 0.95, RK_PROPORTION_EXACT, &r, &err) == RK_OK);
    CHECK_NEAR(r.lower, 0.013551310034428554, REL);
    CHECK_NEAR(r.upper, 0.093799070465861112, REL);
    /* R 4.2.2: prop.test(0, 20, correct = FALSE)$conf.int = 0 0.1611251580528193,
     * prop.test(20, 20, ...) = 0.83887484194718065 1 */
    CHECK(rk_stats_proportion(0, 20, 0.95, RK_PROPORTION_WILSON, &r, &err) == RK_OK);
    CHECK(r.lower == 0 && r.estimate == 0);
    CHECK_NEAR(r.upper, 0.1611251580528193, REL);
    CHECK(rk_stats_proportion(20, 20, 0.95, RK_PROPORTION_WILSON, &r, &err) == RK_OK);
    CHECK(r.upper == 1 && r.estimate == 1);
    CHECK_NEAR(r.lower, 0.83887484194718065, REL);
    /* R 4.2.2: binom.test(0, 20)$conf.int = 0 0.16843347098308536,
     * binom.test(20, 20) = 0.83156652901691464 1 */
    CHECK(rk_stats_proportion(0, 20, 0.95, RK_PROPORTION_EXACT, &r, &err) == RK_OK);
    CHECK(r.lower == 0);
    CHECK_NEAR(r.upper, 0.16843347098308536, REL);
    CHECK(rk_stats_proportion(20, 20, 0.95, RK_PROPORTION_EXACT, &r, &err) == RK_OK);
    CHECK(r.upper == 1);
    CHECK_NEAR(r.lower, 0.83156652901691464, REL);
    /* R 4.2.2: prop.test(32, 56, conf.level = 0.9, correct = FALSE)$conf.int */
    CHECK(rk_stats_proportion(32, 56, 0.9, RK_PROPORTION_WILSON, &r, &err) == RK_OK);
    CHECK_NEAR(r.lower, 0.46184757928649728, REL);
    CHECK_NEAR(r.upper, 0.67442575248591985, REL);
    /* R 4.2.2: binom.test(3973, 164069)$conf.int and
     * binom.test(1, 1e6, conf.level = 0.99)$conf.int */
    CHECK(rk_stats_proportion(3973, 164069, 0.95, RK_PROPORTION_EXACT, &r, &err) == RK_OK);
    CHECK_NEAR(r.lower, 0.023476987278261613, REL);
    CHECK_NEAR(r.upper, 0.024970733198621975, REL);
    CHECK(rk_stats_proportion(1, 1e6, 0.99, RK_PROPORTION_EXACT, &r, &err) == RK_OK);
    CHECK_NEAR(r.lower, 5.0125418109815012e-09, REL);
    CHECK_NEAR(r.upper, 7.4301056119785301e-06, 1e-10);

    /* Bad arguments: RK_EARG, a message naming the parameter, result zeroed. */
    CHECK(rk_stats_proportion(-1, 5, 0.95, RK_PROPORTION_WILSON, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "k must be a count (a whole number, 0 or more), got -1");
    CHECK(!r.has_estimate && r.estimate == 0);
    CHECK(rk_stats_proportion(2.5, 5, 0.95, RK_PROPORTION_WILSON, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "k must be a count (a whole number, 0 or more), got 2.5");
    CHECK(rk_stats_proportion(6, 5, 0.95, RK_PROPORTION_WILSON, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "k (6) is more than n (5)");
    CHECK(rk_stats_proportion(0, 0, 0.95, RK_PROPORTION_WILSON, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "n must be a count above 0, got 0");
    CHECK(rk_stats_proportion(1, 5, 95, RK_PROPORTION_WILSON, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "conf must be between 0 and 1 (0.95 for 95%), got 95");
    CHECK(rk_stats_proportion(1, 5, 1, RK_PROPORTION_WILSON, &r, &err) == RK_EARG);
    CHECK(rk_stats_proportion(1, 5, 0, RK_PROPORTION_EXACT, &r, &err) == RK_EARG);
    CHECK(rk_stats_proportion(1, 5, NAN, RK_PROPORTION_EXACT, &r, &err) == RK_EARG);
    CHECK(rk_stats_proportion(1, INFINITY, 0.95, RK_PROPORTION_EXACT, &r, &err) == RK_EARG);
}

static void test_rate(void)
{
    rk_interval r;
    rk_error err;
    /* West Midlands, year ending March 2022 (REFERENCE.md): Black 3,973
     * searches of 164,069 residents, White 9,713 of 1,919,138. */
    CHECK(rk_stats_rate(3973, 164069, 1000, 0.95, RK_RATE_BYAR, &r, &err) == RK_OK);
    CHECK_NEAR(r.estimate, 24.215421560441033, 1e-15);   /* R 4.2.2: 3973/164069*1000 */
    CHECK(round(r.estimate * 10) == 242);                 /* "24.2 per 1,000" */
    /* R 4.2.2: k * (1 - 1/(9*k) - qnorm(0.975)/(3*sqrt(k)))^3 with k = 3973, and
     * (k+1) * (1 - 1/(9*(k+1)) + qnorm(0.975)/(3*sqrt(k+1)))^3
     * = 3850.4096758287842 4098.500123852783 (per 164,069) */
    CHECK_NEAR(r.lower, 3850.4096758287842 / 164069 * 1000, REL);
    CHECK_NEAR(r.upper, 4098.500123852783 / 164069 * 1000, REL);
    CHECK(rk_stats_rate(9713, 1919138, 1000, 0.95, RK_RATE_BYAR, &r, &err) == RK_OK);
    CHECK(round(r.estimate * 10) == 51);                  /* "5.1 per 1,000" */
    CHECK_NEAR(r.estimate, 5.0611264015406912, 1e-15);   /* R 4.2.2: 9713/1919138*1000 */
    CHECK_NEAR(r.lower, 9520.785356755865 / 1919138 * 1000, REL);
    CHECK_NEAR(r.upper, 9908.1188708304362 / 1919138 * 1000, REL);
    /* R 4.2.2: poisson.test(3973)$conf.int = 3850.4099274034593 4098.499890999341,
     * poisson.test(9713)$conf.int = 9520.7855155146735 9908.118719726137 */
    CHECK(rk_stats_rate(3973, 164069, 1000, 0.95, RK_RATE_EXACT, &r, &err) == RK_OK);
    CHECK_NEAR(r.lower, 3850.4099274034593 / 164069 * 1000, REL);
    CHECK_NEAR(r.upper, 4098.499890999341 / 164069 * 1000, REL);
    CHECK(rk_stats_rate(9713, 1919138, 1000, 0.95, RK_RATE_EXACT, &r, &err) == RK_OK);
    CHECK_NEAR(r.lower, 9520.7855155146735 / 1919138 * 1000, REL);
    CHECK_NEAR(r.upper, 9908.118719726137 / 1919138 * 1000, REL);
    /* R 4.2.2: poisson.test(0)$conf.int = 0 3.6888794541139354;
     * poisson.test(5, conf.level = 0.99)$conf.int = 1.0779282406523196 14.149759411023012 */
    CHECK(rk_stats_rate(0, 1000, 1000, 0.95, RK_RATE_EXACT, &r, &err) == RK_OK);
    CHECK(r.estimate == 0 && r.lower == 0);
    CHECK_NEAR(r.upper, 3.6888794541139354, REL);
    CHECK(rk_stats_rate(5, 100000, 100000, 0.99, RK_RATE_EXACT, &r, &err) == RK_OK);
    CHECK_NEAR(r.lower, 1.0779282406523196, REL);
    CHECK_NEAR(r.upper, 14.149759411023012, REL);
    /* R 4.2.2: Byar as above with k = 5: 1.6113477157471938 11.668164123398595 */
    CHECK(rk_stats_rate(5, 1000, 1000, 0.95, RK_RATE_BYAR, &r, &err) == RK_OK);
    CHECK_NEAR(r.lower, 1.6113477157471938, REL);
    CHECK_NEAR(r.upper, 11.668164123398595, REL);
    /* Byar at k = 0: lower 0; the upper bound is Byar's for k + 1 = 1. */
    CHECK(rk_stats_rate(0, 1000, 1000, 0.95, RK_RATE_BYAR, &r, &err) == RK_OK);
    CHECK(r.lower == 0 && r.has_lower && r.upper > 3 && r.upper < 4);
    /* At very high confidence Byar's lower base for k = 1 goes below 0: 0. */
    CHECK(rk_stats_rate(1, 1000, 1000, 0.9999, RK_RATE_BYAR, &r, &err) == RK_OK);
    CHECK(r.lower == 0);

    CHECK(rk_stats_rate(5, 0, 1000, 0.95, RK_RATE_BYAR, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "population must be a number above 0, got 0");
    CHECK(rk_stats_rate(5, 10, -1, 0.95, RK_RATE_BYAR, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "per must be a number above 0, got -1");
    CHECK(rk_stats_rate(5, 1e-310, 1000, 0.95, RK_RATE_BYAR, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "the result is too large to represent: check the population");
    CHECK(!r.has_estimate);
}

static void test_rate_ratio(void)
{
    rk_interval r;
    rk_error err;
    /* West Midlands YE March 2022: ratio 4.785 ("4.8 times"). R 4.2.2:
     * r <- (3973/164069)/(9713/1919138);
     * se <- sqrt(1/3973 - 1/164069 + 1/9713 - 1/1919138);
     * c(r, exp(log(r) - qnorm(0.975)*se), exp(log(r) + qnorm(0.975)*se))
     * = 4.7845913417751147 4.6128043107517769 4.9627759526738942 */
    CHECK(rk_stats_rate_ratio(3973, 164069, 9713, 1919138, 0.95, &r, &err) == RK_OK);
    CHECK_NEAR(r.estimate, 4.7845913417751147, REL);
    CHECK_NEAR(r.lower, 4.6128043107517769, REL);
    CHECK_NEAR(r.upper, 4.9627759526738942, REL);
    CHECK(round(r.estimate * 1000) == 4785 && r.flag == RK_STATS_FLAG_NONE);
    /* Birmingham 2019 (REFERENCE.md: 2.9386 (2.8136 to 3.0692)); R 4.2.2 as
     * above: 2.9386056535581897 2.8136013380349598 3.0691637334645234 */
    CHECK(rk_stats_rate_ratio(3649, 155559, 4423, 554089, 0.95, &r, &err) == RK_OK);
    CHECK_NEAR(r.estimate, 2.9386056535581897, REL);
    CHECK_NEAR(r.lower, 2.8136013380349598, REL);
    CHECK_NEAR(r.upper, 3.0691637334645234, REL);

    /* Zero numerator: estimate 0, lower 0, no upper, and the flag. */
    CHECK(rk_stats_rate_ratio(0, 703, 122, 89012, 0.95, &r, &err) == RK_OK);
    CHECK(r.has_estimate && r.estimate == 0 && r.has_lower && r.lower == 0 && !r.has_upper);
    CHECK(r.flag == RK_STATS_FLAG_ZERO_COUNT);
    CHECK_STR(rk_stats_flag_text(r.flag), "zero count in group: interval not computable by the log method");
    /* Zero reference count: no estimate at all. */
    CHECK(rk_stats_rate_ratio(5, 703, 0, 89012, 0.95, &r, &err) == RK_OK);
    CHECK(!r.has_estimate && !r.has_lower && !r.has_upper && r.flag == RK_STATS_FLAG_ZERO_REFERENCE);
    CHECK_STR(rk_stats_flag_text(r.flag), "zero count in reference group: ratio not defined");
    CHECK(rk_stats_rate_ratio(0, 703, 0, 89012, 0.95, &r, &err) == RK_OK);
    CHECK(!r.has_estimate && r.flag == RK_STATS_FLAG_ZERO_BOTH);
    CHECK(isfinite(r.estimate) && isfinite(r.lower) && isfinite(r.upper));

    /* More searches than residents: the Poisson variance. R 4.2.2:
     * r <- (300/200)/(50/1000); se <- sqrt(1/300 + 1/50);
     * c(exp(log(r) - qnorm(0.975)*se), exp(log(r) + qnorm(0.975)*se))
     * = 22.238120095079861 40.471046839931553 */
    CHECK(rk_stats_rate_ratio(300, 200, 50, 1000, 0.95, &r, &err) == RK_OK);
    CHECK_NEAR(r.estimate, 30, 1e-15);
    CHECK_NEAR(r.lower, 22.238120095079861, REL);
    CHECK_NEAR(r.upper, 40.471046839931553, REL);
    CHECK(r.flag == RK_STATS_FLAG_EVENTS_EXCEED_POPULATION);

    CHECK(rk_stats_rate_ratio(5, 703, -2, 89012, 0.95, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "k0 must be a count (a whole number, 0 or more), got -2");
    CHECK(rk_stats_rate_ratio(5, 0, 2, 89012, 0.95, &r, &err) == RK_EARG);
    CHECK_STR(err.message, "n1 must be a number above 0, got 0");
}

/* ---- change ------------------------------------------------------------- */

static void test_change(void)
{
    rk_change c;
    rk_error err;
    /* Ethnic minority representation 12.4% to 16.3%: 3.9 percentage points,
     * a 31% proportional increase (16.3 / 12.4 = 1.3145). */
    CHECK(rk_stats_change(0.124, 0.163, RK_CHANGE_PROPORTION, &c, &err) == RK_OK);
    CHECK_NEAR(c.absolute, 0.039, 1e-13);
    CHECK_NEAR(c.points, 3.9, 1e-13);
    CHECK_NEAR(c.relative, 0.039 / 0.124, 1e-13);
    CHECK(c.has_points && c.has_relative && round(c.relative * 100) == 31);
    /* 32 joiners, 24 leavers: 24 is 25% fewer than 32; 32 is 33% more than 24. */
    CHECK(rk_stats_change(32, 24, RK_CHANGE_COUNT, &c, &err) == RK_OK);
    CHECK(c.absolute == -8 && c.relative == -0.25 && !c.has_points);
    CHECK(rk_stats_change(24, 32, RK_CHANGE_COUNT, &c, &err) == RK_OK);
    CHECK(c.absolute == 8);
    CHECK_NEAR(c.relative, 1.0 / 3, 1e-15);
    /* From 0: no relative change. */
    CHECK(rk_stats_change(0, 5, RK_CHANGE_COUNT, &c, &err) == RK_OK);
    CHECK(c.absolute == 5 && !c.has_relative && c.relative == 0 && c.flag == RK_STATS_FLAG_ZERO_OLD);
    CHECK_STR(rk_stats_flag_text(c.flag), "old value is 0: relative change not defined");
    /* A percentage given where a fraction is expected is an error. */
    CHECK(rk_stats_change(12.4, 16.3, RK_CHANGE_PROPORTION, &c, &err) == RK_EARG);
    CHECK_STR(err.message, "old must be a proportion from 0 to 1 (0.124 for 12.4%), got 12.4");
    CHECK(rk_stats_change(3, -1, RK_CHANGE_COUNT, &c, &err) == RK_EARG);
    CHECK_STR(err.message, "new must be a number, 0 or more, got -1");
    CHECK(rk_stats_change(3, INFINITY, RK_CHANGE_COUNT, &c, &err) == RK_EARG);
    CHECK(rk_stats_change(1e-320, 1e300, RK_CHANGE_COUNT, &c, &err) == RK_EARG);
    CHECK_STR(err.message, "the relative change is too large to represent");
}

/* ---- significance tests -------------------------------------------------- */

static void test_compare(void)
{
    rk_comparison c;
    rk_error err;
    /* Birmingham 2019. R 4.2.2: 2*pnorm(-abs(log(r)/se)) with r, se as in
     * test_rate_ratio underflows to 0: overwhelmingly significant. */
    CHECK(rk_stats_compare_rates(3649, 155559, 4423, 554089, 0.95, &c, &err) == RK_OK);
    CHECK(c.significant && c.p_value < 1e-300 && c.has_z && c.z > 40);
    CHECK_NEAR(c.estimate, 2.9386056535581897, REL);
    CHECK_STR(c.method, "two-sided z test on the log rate ratio, with the variance of its interval");
    /* Middlesbrough 2020: 12 of 5,036 against 401 of 118,067. R 4.2.2:
     * 2*pnorm(-abs(log(r)/se)) = 0.22581019005768743; the interval
     * (0.3954 to 1.2449) includes 1, so not significant either way. */
    CHECK(rk_stats_compare_rates(12, 5036, 401, 118067, 0.95, &c, &err) == RK_OK);
    CHECK_NEAR(c.p_value, 0.22581019005768743, 1e-11);
    CHECK(!c.significant);
    /* A zero count: the exact conditional test. R 4.2.2:
     * 2*pbinom(0, 122, 703/(703+89012)) = 0.76597875788029657 */
    CHECK(rk_stats_compare_rates(0, 703, 122, 89012, 0.95, &c, &err) == RK_OK);
    CHECK_NEAR(c.p_value, 0.76597875788029657, 1e-12);
    CHECK(!c.significant && !c.has_z && c.has_estimate && c.estimate == 0);
    CHECK(c.flag == RK_STATS_FLAG_ZERO_COUNT_EXACT_TEST);
    CHECK_STR(c.method, "two-sided exact conditional test: k1 given k1 + k0 is binomial, smaller tail doubled");
    /* R 4.2.2: 2*dbinom(5, 5, 703/(703+89012)) = 5.9085554203178466e-11 */
    CHECK(rk_stats_compare_rates(5, 703, 0, 89012, 0.95, &c, &err) == RK_OK);
    CHECK_NEAR(c.p_value, 5.9085554203178466e-11, 1e-12);
    CHECK(c.significant && !c.has_estimate);
    CHECK(rk_stats_compare_rates(0, 703, 0, 89012, 0.95, &c, &err) == RK_OK);
    CHECK(c.p_value == 1 && !c.significant && c.flag == RK_STATS_FLAG_ZERO_BOTH);

    /* R 4.2.2: prop.test(c(5, 40), c(121, 2000), correct = FALSE)$p.value
     * = 0.11399413801221407; prop.test(c(14, 18), c(120, 95), correct =
     * FALSE)$p.value = 0.13635227427117644 */
    CHECK(rk_stats_compare_proportions(5, 121, 40, 2000, 0.95, &c, &err) == RK_OK);
    CHECK_NEAR(c.p_value, 0.11399413801221407, 1e-12);
    CHECK_NEAR(c.estimate, 5.0 / 121 - 40.0 / 2000, 1e-15);
    CHECK(!c.significant && c.has_z);
    CHECK_STR(c.method, "two-sided two-proportion z test with pooled variance");
    CHECK(rk_stats_compare_proportions(14, 120, 18, 95, 0.95, &c, &err) == RK_OK);
    CHECK_NEAR(c.p_value, 0.13635227427117644, 1e-12);
    CHECK(c.z < 0);
    /* At 0.8 the same difference counts as significant (p 0.136 < 0.2). */
    CHECK(rk_stats_compare_proportions(14, 120, 18, 95, 0.8, &c, &err) == RK_OK);
    CHECK(c.significant);
    CHECK(rk_stats_compare_proportions(0, 10, 0, 20, 0.95, &c, &err) == RK_OK);
    CHECK(c.p_value == 1 && !c.significant && !c.has_z && c.flag == RK_STATS_FLAG_NO_VARIATION);
    CHECK(rk_stats_compare_proportions(10, 10, 20, 20, 0.95, &c, &err) == RK_OK);
    CHECK(c.p_value == 1 && c.flag == RK_STATS_FLAG_NO_VARIATION);
    CHECK(rk_stats_compare_proportions(11, 10, 20, 20, 0.95, &c, &err) == RK_EARG);
    CHECK_STR(err.message, "k1 (11) is more than n1 (10)");
    CHECK(rk_stats_compare_rates(1, 10, 2, 20, 1.5, &c, &err) == RK_EARG);
    CHECK_STR(err.message, "conf must be between 0 and 1 (0.95 for 95%), got 1.5");
}

/* ---- spc ---------------------------------------------------------------- */

/* Runs rk_stats_spc on values (NAN marks a gap) with at most 2 steps. */
static rk_status spc(const double *values, size_t n, const size_t *steps, size_t nsteps,
                     rk_spc_point *points, rk_spc_segment *segments, rk_error *err)
{
    uint8_t missing[64];
    for (size_t i = 0; i < n; i++)
        missing[i] = isnan(values[i]);
    return rk_stats_spc(values, missing, n, steps, nsteps, points, segments, err);
}

/* "S" for a shift, "T" a trend, "B" beyond limits, "." none, " " a gap. */
static void signals(const rk_spc_point *points, size_t n, char *out, bool (*pick)(const rk_spc_point *))
{
    for (size_t i = 0; i < n; i++)
        out[i] = points[i].missing ? ' ' : pick(&points[i]) ? 'x' : '.';
    out[n] = 0;
}
static bool pick_shift(const rk_spc_point *p) { return p->shift; }
static bool pick_trend(const rk_spc_point *p) { return p->trend; }
static bool pick_beyond(const rk_spc_point *p) { return p->beyond_limits; }

static void test_spc(void)
{
    rk_spc_point points[64];
    rk_spc_segment segs[3];
    rk_error err;
    char got[65];

    /* Limits. R 4.2.2: x <- c(214,220,205,230,210,199,215,190,200,195,198,196);
     * mean(x) = 206, mean(abs(diff(x))) = 12.545454545454545,
     * mean(x) -/+ 2.66*mean(abs(diff(x))) = 172.62909090909091 239.37090909090909 */
    const double monthly[] = {214, 220, 205, 230, 210, 199, 215, 190, 200, 195, 198, 196};
    CHECK(spc(monthly, 12, NULL, 0, points, segs, &err) == RK_OK);
    CHECK(segs[0].first == 0 && segs[0].last == 11 && segs[0].n == 12 && segs[0].moving_ranges == 11);
    CHECK_NEAR(segs[0].centre, 206, 1e-15);
    CHECK_NEAR(segs[0].mean_moving_range, 12.545454545454545, 1e-15);
    CHECK_NEAR(segs[0].lower, 172.62909090909091, 1e-15);
    CHECK_NEAR(segs[0].upper, 239.37090909090909, 1e-15);
    signals(points, 12, got, pick_beyond);
    CHECK_STR(got, "............");

    /* A shift: 7 values in a row above the centre (75/14 = 5.357); the
     * 10s at points 1 and 3 are above too, but broken by the 0s. */
    const double shift7[] = {10, 0, 10, 0, 6, 7, 6, 7, 6, 7, 6, 0, 10, 0};
    CHECK(spc(shift7, 14, NULL, 0, points, segs, &err) == RK_OK);
    signals(points, 14, got, pick_shift);
    CHECK_STR(got, "....xxxxxxx...");
    signals(points, 14, got, pick_beyond);
    CHECK_STR(got, "..............");
    /* Six in a row is not a shift. */
    const double shift6[] = {10, 0, 10, 0, 6, 7, 6, 7, 6, 7, 0, 10, 0};
    CHECK(spc(shift6, 13, NULL, 0, points, segs, &err) == RK_OK);
    signals(points, 13, got, pick_shift);
    CHECK_STR(got, ".............");
    /* A value exactly on the centre breaks a run: mean of these is 5. */
    const double on_centre[] = {6, 6, 6, 5, 6, 6, 6, 6, 0, 3, 5, 5};
    CHECK(spc(on_centre, 12, NULL, 0, points, segs, &err) == RK_OK);
    CHECK_NEAR(segs[0].centre, 5, 1e-15);
    signals(points, 12, got, pick_shift);
    CHECK_STR(got, "............");
    /* A gap neither breaks nor extends a run: 7 values above, one gap. */
    const double shift_gap[] = {0, 10, 0, 6, 7, NAN, 6, 7, 6, 7, 6, 0, 10, 0};
    CHECK(spc(shift_gap, 14, NULL, 0, points, segs, &err) == RK_OK);
    signals(points, 14, got, pick_shift);
    CHECK_STR(got, "...xx xxxxx...");

    /* A trend: 6 values each higher than the one before (5 rises). */
    const double trend6[] = {5, 1, 2, 3, 4, 5, 6, 2, 4, 3};
    CHECK(spc(trend6, 10, NULL, 0, points, segs, &err) == RK_OK);
    signals(points, 10, got, pick_trend);
    CHECK_STR(got, ".xxxxxx...");
    /* Five rising values are not a trend; falling ones count the same. */
    const double trend5[] = {5, 1, 2, 3, 4, 5, 2, 9, 8, 7, 6, 5, 4};
    CHECK(spc(trend5, 13, NULL, 0, points, segs, &err) == RK_OK);
    signals(points, 13, got, pick_trend);
    CHECK_STR(got, ".......xxxxxx");
    /* A repeated value breaks a trend; a gap does not. */
    const double trend_tie[] = {1, 2, 3, 3, 4, 5, 6, 1, 2, NAN, 3, 4, 5, 6};
    CHECK(spc(trend_tie, 14, NULL, 0, points, segs, &err) == RK_OK);
    signals(points, 14, got, pick_trend);
    CHECK_STR(got, ".......xx xxxx");

    /* Beyond the limits: mean 13.4, mean moving range 38/9, upper 24.63. */
    const double spike[] = {10, 11, 10, 11, 10, 11, 10, 11, 10, 40};
    CHECK(spc(spike, 10, NULL, 0, points, segs, &err) == RK_OK);
    signals(points, 10, got, pick_beyond);
    CHECK_STR(got, ".........x");
    CHECK_NEAR(segs[0].upper, 13.4 + 2.66 * 38 / 9, 1e-14);

    /* A step: limits recalculated after it from its own values only. With
     * one centre, the fall after go-live would read as shifts; with the step
     * each segment is in control. */
    const double stepped[] = {214, 220, 205, 230, 210, 199, 215, 190, 200, 195,
                              180, 185, 176, 190, 181, 178, 186, 183};
    size_t step = 10;
    CHECK(spc(stepped, 18, &step, 1, points, segs, &err) == RK_OK);
    CHECK(segs[0].first == 0 && segs[0].last == 9 && segs[1].first == 10 && segs[1].last == 17);
    CHECK_NEAR(segs[0].centre, 207.8, 1e-14);
    CHECK_NEAR(segs[1].centre, 182.375, 1e-14);   /* 1459 / 8 */
    CHECK_NEAR(segs[1].mean_moving_range, 51.0 / 7, 1e-14);   /* 5+9+14+9+3+8+3 */
    CHECK(points[9].segment == 0 && points[10].segment == 1);
    signals(points, 18, got, pick_shift);
    CHECK_STR(got, "..................");
    /* One centre (196.5) for the whole series: both halves show shifts. */
    CHECK(spc(stepped, 18, NULL, 0, points, segs, &err) == RK_OK);
    signals(points, 18, got, pick_shift);
    CHECK_STR(got, "xxxxxxx..xxxxxxxxx");

    /* Gaps: a moving range needs both neighbours, so 1, gap, 5, 6 has one
     * (|6 - 5|); a segment without one has a centre but no limits. */
    const double gappy[] = {1, NAN, 5, 6, 7, NAN, 9};
    size_t step4 = 4;
    CHECK(spc(gappy, 7, &step4, 1, points, segs, &err) == RK_OK);
    CHECK(segs[0].n == 3 && segs[0].moving_ranges == 1 && segs[0].has_limits);
    CHECK_NEAR(segs[0].centre, 4, 1e-15);
    CHECK_NEAR(segs[0].mean_moving_range, 1, 1e-15);
    CHECK(segs[1].n == 2 && segs[1].moving_ranges == 0 && segs[1].has_centre && !segs[1].has_limits);
    CHECK_NEAR(segs[1].centre, 8, 1e-15);
    CHECK(segs[1].flag == RK_STATS_FLAG_TOO_FEW_VALUES);
    CHECK(points[1].missing && !points[1].beyond_limits && !points[1].shift);
    const double empty_segment[] = {1, 2, 3, NAN, NAN};
    size_t step3 = 3;
    CHECK(spc(empty_segment, 5, &step3, 1, points, segs, &err) == RK_OK);
    CHECK(!segs[1].has_centre && !segs[1].has_limits && segs[1].n == 0);

    /* Two steps. */
    size_t two[2] = {4, 8};
    CHECK(spc(monthly, 12, two, 2, points, segs, &err) == RK_OK);
    CHECK(segs[2].first == 8 && segs[2].last == 11 && points[11].segment == 2);
    CHECK_NEAR(segs[2].centre, (200 + 195 + 198 + 196) / 4.0, 1e-15);

    /* Errors. */
    CHECK(rk_stats_spc(monthly, NULL, 0, NULL, 0, points, segs, &err) == RK_EARG);
    CHECK_STR(err.message, "values is empty");
    size_t bad = 0;
    CHECK(rk_stats_spc(monthly, NULL, 12, &bad, 1, points, segs, &err) == RK_EARG);
    bad = 12;
    CHECK(rk_stats_spc(monthly, NULL, 12, &bad, 1, points, segs, &err) == RK_EARG);
    CHECK_STR(err.message, "a step must start a segment after the first point and at or before the last");
    size_t backwards[2] = {8, 4};
    CHECK(rk_stats_spc(monthly, NULL, 12, backwards, 2, points, segs, &err) == RK_EARG);
    CHECK_STR(err.message, "steps must be in increasing order");
    const double infinite[] = {1, INFINITY, 3};
    CHECK(rk_stats_spc(infinite, NULL, 3, NULL, 0, points, segs, &err) == RK_EARG);
}

static void test_flags(void)
{
    CHECK(rk_stats_flag_text(RK_STATS_FLAG_NONE) == NULL);
    for (int f = RK_STATS_FLAG_ZERO_COUNT; f <= RK_STATS_FLAG_ALL_TIED; f++) {
        const char *text = rk_stats_flag_text((rk_stats_flag)f);
        CHECK(text && text[0] >= 'a' && text[0] <= 'z' && text[strlen(text) - 1] != '.');
    }
}

/* ---- rank agreement --------------------------------------------------- */

/* References from R 4.2.2: cor(x, y, method = "spearman") and
 * cor(x, y, method = "kendall") (tau-b when there are ties), printed with
 * sprintf("%.17g"). The first pair is also worked by hand: y's mid-ranks
 * are 1, 2, 3.5, 5, 3.5, so rho = 8 / sqrt(10 x 9.5) = 0.82078...; of the
 * 10 pairs 8 agree, 1 disagrees and 1 is tied in y, so tau-b = 7 /
 * sqrt(10 x 9) = 0.73786... */
static void test_rank_agreement(void)
{
    static const struct {
        double x[8], y[8];
        size_t n;
        double rho, tau;
    } cases[] = {
        {{1, 2, 3, 4, 5}, {5, 6, 7, 8, 7}, 5, 0.82078268166812329, 0.73786478737262184},
        {{1, 2, 2, 3, 5, 4, 7, 7}, {2, 1, 3, 3, 6, 5, 8, 7}, 8, 0.93941119228317371, 0.86807905951085673},
        {{3.5, 1, 2, 2, 9, 4}, {1, 1, 1, 2, 2, 2}, 6, 0.59408852578600457, 0.53452248382484879},
        {{10, 20, 30, 40}, {40, 30, 20, 10}, 4, -1, -1},
        {{18, 15, 13.2, 12, 12, 10.8, 10.8, 9.6}, {24, 8, 8, 8, 6, 4, 4, 0}, 8, 0.95668783878057062,
         0.92073688437925116},
    };
    rk_error err;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        double est;
        bool has;
        rk_stats_flag flag;
        CHECK(rk_stats_spearman(cases[i].x, cases[i].y, cases[i].n, &est, &has, &flag, &err) == RK_OK);
        CHECK(has && flag == RK_STATS_FLAG_NONE);
        CHECK_NEAR(est, cases[i].rho, REL);
        CHECK(rk_stats_kendall_tau_b(cases[i].x, cases[i].y, cases[i].n, &est, &has, &flag, &err) == RK_OK);
        CHECK(has && flag == RK_STATS_FLAG_NONE);
        CHECK_NEAR(est, cases[i].tau, REL);
    }
    /* Every value of one list equal: no ranking, so no correlation (R gives NA). */
    const double same[3] = {2, 2, 2}, rising[3] = {1, 2, 3};
    double est = 1;
    bool has = true;
    rk_stats_flag flag;
    CHECK(rk_stats_spearman(rising, same, 3, &est, &has, &flag, &err) == RK_OK);
    CHECK(!has && est == 0 && flag == RK_STATS_FLAG_ALL_TIED);
    CHECK(rk_stats_kendall_tau_b(same, rising, 3, &est, &has, &flag, &err) == RK_OK);
    CHECK(!has && flag == RK_STATS_FLAG_ALL_TIED);
    /* Too few items, or a value that is not finite. */
    CHECK(rk_stats_spearman(rising, rising, 1, &est, &has, &flag, &err) == RK_EARG);
    CHECK(strstr(err.message, "at least 2") != NULL);
    /* Items are named from 1 (2025 review: {1, 0/0, 3} was "x[1]"). */
    const double bad[3] = {1, NAN, 3};
    CHECK(rk_stats_kendall_tau_b(rising, bad, 3, &est, &has, &flag, &err) == RK_EARG);
    CHECK(strcmp(err.message, "y[2] is not a finite number") == 0);
    CHECK(rk_stats_spearman(bad, rising, 3, &est, &has, &flag, &err) == RK_EARG);
    CHECK(strcmp(err.message, "x[2] is not a finite number") == 0);
    const double last_infinite[3] = {1, 2, INFINITY};
    CHECK(rk_stats_spearman(rising, last_infinite, 3, &est, &has, &flag, &err) == RK_EARG);
    CHECK(strcmp(err.message, "y[3] is not a finite number") == 0);
}

/* SplitMix64's outputs, computed independently in Python's arbitrary
 * precision integers (masking to 64 bits); the first for seed 0 is the
 * value commonly published for the algorithm. */
static void test_random(void)
{
    rk_random r;
    rk_random_seed(&r, 0);
    CHECK(rk_random_next(&r) == UINT64_C(0xE220A8397B1DCDAF));
    CHECK(rk_random_next(&r) == UINT64_C(0x6E789E6AA1B965F4));
    CHECK(rk_random_next(&r) == UINT64_C(0x06C45D188009454F));
    rk_random_seed(&r, 42);
    CHECK(rk_random_uniform(&r) == 0.7415648787718233);
    CHECK(rk_random_uniform(&r) == 0.1599103928769201);
    CHECK(rk_random_uniform(&r) == 0.27860113025513866);
}

/* ---- the third-party reference file ---------------------------------- */

/* Splits a CSV line (RFC 4180 quotes, no line breaks in fields) in place
 * into at most max fields; returns how many. */
static size_t split_csv(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *in = line;
    while (n < max) {
        char *out = in;
        fields[n++] = out;
        if (*in == '"') {
            in++;
            for (;;) {
                if (*in == '"' && in[1] == '"')
                    *out++ = '"', in += 2;
                else if (*in == '"' || *in == 0)
                    break;
                else
                    *out++ = *in++;
            }
            if (*in == '"')
                in++;
        } else {
            while (*in && *in != ',' && *in != '\n' && *in != '\r')
                *out++ = *in++;
        }
        char end = *in;
        *out = 0;
        if (end != ',')
            break;
        in++;
    }
    return n;
}

static int column(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return (int)i;
    fprintf(stderr, "reference file: no column %s\n", name);
    exit(1);
}

/* The file's value (NA as absent) against rapkit's (absent as has = false):
 * both absent, or both present and equal to 4 decimal places. The file
 * holds R's full doubles, so they also agree to 1e-9 relative. */
static bool same_figure(const char *text, bool has, double value, double *worst)
{
    if (strcmp(text, "NA") == 0)
        return !has;
    if (!has)
        return false;
    double want = strtod(text, NULL);
    double diff = fabs(value - want);
    double rel = want ? diff / fabs(want) : diff;
    if (rel > *worst)
        *worst = rel;
    return round(value * 1e4) == round(want * 1e4) && rel <= 1e-9;
}

static int check_reference_file(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        printf("skipped: the third-party reference file is not there (%s: %s); "
               "it is read from ../shared beside the project\n", path, strerror(errno));
        return 77;
    }
    char header[4096], line[4096];
    char *names[64], *fields[64];
    if (!fgets(header, sizeof header, fp)) {
        fclose(fp);
        fprintf(stderr, "%s: empty\n", path);
        return 1;
    }
    size_t ncol = split_csv(header, names, 64);
    int a = column(names, ncol, "Black_stopped"), n1 = column(names, ncol, "Black_population");
    int c = column(names, ncol, "White_stopped"), n0 = column(names, ncol, "White_population");
    int rr = column(names, ncol, "rr"), low = column(names, ncol, "rr_ci_low");
    int upp = column(names, ncol, "rr_ci_upp");
    size_t rows = 0, zero_black = 0, undefined = 0;
    double worst = 0;
    for (int lineno = 2; fgets(line, sizeof line, fp); lineno++) {
        if (split_csv(line, fields, 64) != ncol) {
            fprintf(stderr, "%s:%d: expected %zu fields\n", path, lineno, ncol);
            rk_test_failed++;
            continue;
        }
        rk_interval r;
        rk_error err;
        rk_status status = rk_stats_rate_ratio(strtod(fields[a], NULL), strtod(fields[n1], NULL),
                                               strtod(fields[c], NULL), strtod(fields[n0], NULL),
                                               0.95, &r, &err);
        bool ok = status == RK_OK && same_figure(fields[rr], r.has_estimate, r.estimate, &worst) &&
                  same_figure(fields[low], r.has_lower, r.lower, &worst) &&
                  same_figure(fields[upp], r.has_upper, r.upper, &worst);
        if (ok) {
            rk_test_passed++;
        } else {
            rk_test_failed++;
            fprintf(stderr, "%s:%d: %s/%s vs %s/%s: file %s (%s to %s), rapkit %.6f (%.6f to %.6f)%s\n",
                    path, lineno, fields[a], fields[n1], fields[c], fields[n0], fields[rr],
                    fields[low], fields[upp], r.estimate, r.lower, r.upper,
                    status == RK_OK ? "" : err.message);
        }
        rows++;
        zero_black += strcmp(fields[a], "0") == 0 && strcmp(fields[c], "0") != 0;
        undefined += !r.has_estimate;
    }
    fclose(fp);
    /* The file has 993 rows, 66 with no Black searches (upper NA) and 4
     * with none in either group (all NA): make sure they were all seen. */
    CHECK(rows == 993);
    CHECK(zero_black == 66);
    CHECK(undefined == 4);
    printf("%zu rows; largest relative difference %.2g\n", rows, worst);
    return rk_test_summary();
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--reference") == 0)
        return check_reference_file(argv[2]);
    if (argc != 1) {
        fprintf(stderr, "usage: test_stats [--reference summarised_stops.csv]\n");
        return 2;
    }
    test_normal();
    test_beta();
    test_gamma();
    test_proportion();
    test_rate();
    test_rate_ratio();
    test_change();
    test_compare();
    test_spc();
    test_flags();
    test_rank_agreement();
    test_random();
    return rk_test_summary();
}
