/* rk_stats.h: intervals, changes, significance tests and control charts for
 * the figures of a board paper.
 *
 * Every function here is pure: it reads its arguments, writes only the
 * result the caller passes in (owned by the caller), allocates nothing and
 * keeps no state between calls.
 *
 * Checked functions (those taking an rk_error *) return RK_OK, or RK_EARG
 * with a message naming the parameter as it is named here ("k must be a
 * count ...") so a binding can prefix its own function name; on failure
 * an interval, change or comparison is left zeroed. They never put NaN or
 * infinity in a result: a figure that cannot be computed has its has_*
 * field false (and the value 0), and `flag` says why (rk_stats_flag_text).
 *
 * Counts (k, k1, k0, and n of a proportion) must be whole numbers, 0 or
 * more. Populations (n1, n0, population) may be any finite number above 0
 * (person-years, FTE). conf is the confidence level, strictly between 0
 * and 1 (0.95, not 95).
 *
 * Accuracy: the normal quantile is AS241 (Wichura 1988), within a few units
 * in the last place (bit for bit R's qnorm). The incomplete beta and gamma
 * functions are continued fractions (modified Lentz) and series, with a
 * prefactor written around the mean (as TOMS 708 does) so that large counts
 * do not cancel; their quantiles are a safeguarded Newton iteration
 * (bisection whenever a step leaves the bracket) solved to 1e-15 relative.
 * Against R 4.2.2 and scipy 1.10.1 (tests/unit/test_stats.c) they agree to
 * 1e-12 relative or better, with one known weakness: a beta quantile in the
 * far tail of a very skewed shape (Clopper-Pearson's upper bound for k near
 * 0 with n in the millions) is found through 1 - x, and is good to about
 * n x 1e-16 relative (1e-10 at n = 1e6). Counts up to about 1e10 converge.
 */
#ifndef RK_STATS_H
#define RK_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rk_error.h"

/* Why a figure is missing from a result, or which fallback was used. */
typedef enum rk_stats_flag {
    RK_STATS_FLAG_NONE = 0,
    RK_STATS_FLAG_ZERO_COUNT,           /* ratio: k1 = 0, so the upper bound is not computable */
    RK_STATS_FLAG_ZERO_REFERENCE,       /* ratio: k0 = 0, so the ratio is not defined */
    RK_STATS_FLAG_ZERO_BOTH,            /* ratio: k1 = k0 = 0 */
    RK_STATS_FLAG_EVENTS_EXCEED_POPULATION, /* ratio: a count above its population: Poisson variance */
    RK_STATS_FLAG_ZERO_COUNT_EXACT_TEST,/* compare_rates: a zero count: exact conditional test */
    RK_STATS_FLAG_NO_VARIATION,         /* compare_proportions: outcome in none or all of both */
    RK_STATS_FLAG_ZERO_OLD,             /* change: old = 0, so no relative change */
    RK_STATS_FLAG_TOO_FEW_VALUES,       /* spc: no two consecutive values, so no limits */
    RK_STATS_FLAG_ALL_TIED              /* rank correlation: one list has every value equal */
} rk_stats_flag;

/* A short lower-case sentence for the flag (static storage), or NULL for
 * RK_STATS_FLAG_NONE. */
const char *rk_stats_flag_text(rk_stats_flag flag);

/* ---- distributions ------------------------------------------------------
 * Unchecked: outside the stated domain they return NaN. */

/* The standard normal CDF and its inverse (p in (0, 1)). */
double rk_stats_normal_cdf(double x);
double rk_stats_normal_quantile(double p);

/* The two-sided critical value for a confidence level: the normal quantile
 * of (1 + conf) / 2; rk_stats_z(0.95) = 1.959963984540054. */
double rk_stats_z(double conf);

/* RK_OK if conf is strictly between 0 and 1, else RK_EARG with the message
 * every checked function here gives. */
rk_status rk_stats_check_conf(double conf, rk_error *err);

/* The regularized incomplete beta function I_x(a, b) (the Beta(a, b) CDF;
 * a, b > 0, x in [0, 1]) and its inverse in x (p in [0, 1]). */
double rk_stats_beta_cdf(double x, double a, double b);
double rk_stats_beta_quantile(double p, double a, double b);

/* The regularized lower incomplete gamma function P(a, x) (the Gamma(a, 1)
 * CDF; a > 0, x >= 0) and its inverse in x (p in [0, 1)). */
double rk_stats_gamma_cdf(double x, double a);
double rk_stats_gamma_quantile(double p, double a);

/* ---- intervals ------------------------------------------------------- */

typedef struct rk_interval {
    double estimate;
    double lower;
    double upper;
    bool has_estimate;       /* false: not defined (0 stored); flag says why */
    bool has_lower;
    bool has_upper;
    rk_stats_flag flag;
} rk_interval;

typedef enum rk_proportion_method {
    RK_PROPORTION_WILSON,    /* Wilson score interval */
    RK_PROPORTION_EXACT      /* Clopper-Pearson, from beta quantiles */
} rk_proportion_method;

/* k of n as a fraction (0.0413, not 4.13) with its interval. k = 0 gives
 * lower 0 and k = n upper 1 exactly, by either method. */
rk_status rk_stats_proportion(double k, double n, double conf, rk_proportion_method method,
                              rk_interval *out, rk_error *err);

typedef enum rk_rate_method {
    RK_RATE_BYAR,            /* Byar's approximation to the Poisson interval */
    RK_RATE_EXACT            /* the exact Poisson interval, from gamma quantiles */
} rk_rate_method;

/* k events in `population`, per `per` people (1000 for "per 1,000"), with a
 * Poisson interval. k = 0 gives lower 0 by either method. */
rk_status rk_stats_rate(double k, double population, double per, double conf,
                        rk_rate_method method, rk_interval *out, rk_error *err);

/* The ratio of the rates k1/n1 and k0/n0 (group 0 the reference), with the
 * log-method interval exp(ln r +/- z sqrt(1/k1 - 1/n1 + 1/k0 - 1/n0)).
 * k1 = 0 with k0 > 0: estimate 0, lower 0, no upper, RK_STATS_FLAG_ZERO_COUNT.
 * k0 = 0: no estimate or bounds, RK_STATS_FLAG_ZERO_REFERENCE (or
 * RK_STATS_FLAG_ZERO_BOTH when k1 = 0 too). A count above its population
 * (events, not people: more searches than residents) makes the binomial
 * variance wrong, so the Poisson variance 1/k1 + 1/k0 is used instead, with
 * RK_STATS_FLAG_EVENTS_EXCEED_POPULATION. */
rk_status rk_stats_rate_ratio(double k1, double n1, double k0, double n0, double conf,
                              rk_interval *out, rk_error *err);

/* ---- change ---------------------------------------------------------- */

typedef enum rk_change_kind {
    RK_CHANGE_COUNT,         /* counts, rates, amounts: any number 0 or more */
    RK_CHANGE_PROPORTION     /* fractions from 0 to 1 (0.124 for 12.4%) */
} rk_change_kind;

typedef struct rk_change {
    double absolute;         /* new - old, in the inputs' units (a fraction for proportions) */
    double relative;         /* (new - old) / old as a fraction: 0.33 is "33% more" */
    double points;           /* proportions only: (new - old) x 100 percentage points */
    bool has_relative;       /* false when old = 0 (RK_STATS_FLAG_ZERO_OLD) */
    bool has_points;         /* true for RK_CHANGE_PROPORTION only */
    rk_stats_flag flag;
} rk_change;

/* The change from old_value to new_value. Both must be finite and 0 or
 * more, and no more than 1 for proportions. */
rk_status rk_stats_change(double old_value, double new_value, rk_change_kind kind,
                          rk_change *out, rk_error *err);

/* ---- significance tests -------------------------------------------------
 * Two groups, or one group in two periods: group 1 against group 0. */

typedef struct rk_comparison {
    double estimate;         /* rates: the rate ratio; proportions: p1 - p0 */
    bool has_estimate;       /* false when the rate ratio is not defined (k0 = 0) */
    double z;                /* the test statistic, when has_z */
    bool has_z;
    double p_value;          /* two-sided, in [0, 1]; always set */
    bool significant;        /* p_value < 1 - conf */
    const char *method;      /* static sentence naming the test */
    rk_stats_flag flag;
} rk_comparison;

/* Rates k1/n1 against k0/n0: a two-sided z test on the log rate ratio with
 * the variance rk_stats_rate_ratio uses, so `significant` agrees with its
 * interval excluding 1. When k1 or k0 is 0 the log method fails, and the
 * exact conditional test is used instead: given k1 + k0 events, k1 is
 * binomial with p = n1 / (n1 + n0) if the rates are equal; the p-value
 * doubles the smaller tail (at most 1). Both 0: p-value 1. */
rk_status rk_stats_compare_rates(double k1, double n1, double k0, double n0, double conf,
                                 rk_comparison *out, rk_error *err);

/* Proportions k1/n1 against k0/n0: the two-proportion z test with pooled
 * variance (the chi-squared test without continuity correction). When the
 * outcome is in none or all of both groups there is no variation: p-value
 * 1, RK_STATS_FLAG_NO_VARIATION. */
rk_status rk_stats_compare_proportions(double k1, double n1, double k0, double n0, double conf,
                                       rk_comparison *out, rk_error *err);

/* ---- statistical process control: the XmR chart ---------------------- */

typedef struct rk_spc_point {
    size_t segment;          /* index into the segments */
    bool missing;            /* a gap: no value, no signal */
    bool beyond_limits;      /* above the upper or below the lower limit */
    bool shift;              /* one of 7 or more values in a row above (or below) the centre */
    bool trend;              /* one of 6 or more values in a row each higher (or lower) than the last */
} rk_spc_point;

typedef struct rk_spc_segment {
    size_t first;            /* index of its first point */
    size_t last;             /* index of its last point (inclusive) */
    size_t n;                /* values present */
    size_t moving_ranges;    /* pairs of neighbouring values both present */
    double centre;           /* mean of the values present, when has_centre */
    double mean_moving_range;
    double lower;            /* centre - 2.66 x mean moving range; may be below 0 */
    double upper;            /* centre + 2.66 x mean moving range */
    bool has_centre;         /* false when no value is present */
    bool has_limits;         /* false when there is no moving range (RK_STATS_FLAG_TOO_FEW_VALUES) */
    rk_stats_flag flag;
} rk_spc_segment;

/* An XmR chart of values[0..n), one point per period in order. missing may
 * be NULL; missing[i] != 0 makes point i a gap, not a zero, and values[i]
 * is then not read. Present values must be finite.
 *
 * steps[0..nsteps) (strictly increasing, each from 1 to n - 1) start new
 * segments, whose centre and limits are computed from their own values
 * only (a step at a go-live date recalculates the limits after it). Each
 * segment's centre is the mean of its values; moving ranges are |x[i] -
 * x[i-1]| for neighbouring points both present, so a gap drops the moving
 * ranges on either side of it.
 *
 * Signals (NHS England "Making Data Count"), within a segment, over the
 * values present in order (a gap neither breaks nor extends a run):
 * - beyond_limits: strictly above upper or below lower;
 * - shift: 7 or more values in a row strictly on one side of the centre (a
 *   value on the centre breaks the run); every value of the run is marked;
 * - trend: 6 or more values in a row each strictly higher than the one
 *   before (5 rises), or each strictly lower (a repeat breaks it); every
 *   value of the trend is marked.
 *
 * Fills points[0..n) and segments[0..nsteps + 1), both owned by the caller;
 * on failure (RK_EARG: no values, a step out of range or out of order, a
 * value not finite) writes neither. */
rk_status rk_stats_spc(const double *values, const uint8_t *missing, size_t n,
                       const size_t *steps, size_t nsteps, rk_spc_point *points,
                       rk_spc_segment *segments, rk_error *err);

/* ---- rank agreement ------------------------------------------------------
 * Two rankings of the same n items: x[i] and y[i] are item i's scores (or
 * ranks) under each. Both need n >= 2 and finite values (RK_EARG
 * otherwise). When either list has every value equal there is no ranking
 * to agree with: *has is false, *estimate 0 and *flag
 * RK_STATS_FLAG_ALL_TIED. Both run in O(n^2) time without allocating,
 * which suits the few hundred rows of a matrix. */

/* Spearman's rho: Pearson's correlation of the ranks, tied values sharing
 * the mean of the ranks they span (R's cor(method = "spearman"), scipy's
 * spearmanr). */
rk_status rk_stats_spearman(const double *x, const double *y, size_t n, double *estimate, bool *has,
                            rk_stats_flag *flag, rk_error *err);

/* Kendall's tau-b: (concordant - discordant pairs) / sqrt((n0 - n1)(n0 -
 * n2)), where n0 = n(n - 1)/2 and n1, n2 count the pairs tied in x and in y
 * (R's cor(method = "kendall"), scipy's kendalltau). */
rk_status rk_stats_kendall_tau_b(const double *x, const double *y, size_t n, double *estimate, bool *has,
                                 rk_stats_flag *flag, rk_error *err);

/* The XmR constant: 3 / d2 with d2 = 1.128 for moving ranges of 2. */
#define RK_SPC_LIMIT_FACTOR 2.66
#define RK_SPC_SHIFT_RUN 7
#define RK_SPC_TREND_RUN 6

#endif
