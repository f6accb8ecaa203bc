/* rk_stats.c: the arithmetic behind rk_stats.h. Distribution functions
 * first (normal, beta, gamma and their quantiles), then the checked
 * functions a binding calls, then the XmR chart. */
#include "rk_stats.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define LN_SQRT_2PI 0.918938533204672741780329736406   /* ln sqrt(2 pi) */
#define LN_2PI 1.83787706640934548356065947281         /* ln (2 pi) */
#define SQRT_2 1.41421356237309504880168872421

/* Continued fractions and series stop when a term changes the result by
 * less than this, relative. */
#define CONVERGED (4 * DBL_EPSILON)
/* Lentz's method replaces a zero denominator by this. */
#define TINY 1e-300
/* Iteration caps: enough for shape parameters (counts) up to 1e10, whose
 * series and fractions need about 10 sqrt(a) terms. */
#define MAX_TERMS 2000000
/* Root finding: bisection alone reaches the smallest double in about 1100
 * halvings of [0, 1]. */
#define MAX_SOLVER_STEPS 1200

const char *rk_stats_flag_text(rk_stats_flag flag)
{
    switch (flag) {
    case RK_STATS_FLAG_NONE: return NULL;
    case RK_STATS_FLAG_ZERO_COUNT:
        return "zero count in group: interval not computable by the log method";
    case RK_STATS_FLAG_ZERO_REFERENCE:
        return "zero count in reference group: ratio not defined";
    case RK_STATS_FLAG_ZERO_BOTH:
        return "zero count in both groups: ratio not defined";
    case RK_STATS_FLAG_EVENTS_EXCEED_POPULATION:
        return "more events than population in a group: interval uses the Poisson variance 1/k1 + 1/k0";
    case RK_STATS_FLAG_ZERO_COUNT_EXACT_TEST:
        return "zero count in a group: the log method does not apply, so the exact conditional test is used";
    case RK_STATS_FLAG_ALL_TIED:
        return "every value of one ranking is equal: no rank correlation";
    case RK_STATS_FLAG_NO_VARIATION:
        return "no variation: the outcome is in none or all of both groups, so there is no difference to test";
    case RK_STATS_FLAG_ZERO_OLD:
        return "old value is 0: relative change not defined";
    case RK_STATS_FLAG_TOO_FEW_VALUES:
        return "fewer than two consecutive values: no moving range, so no limits";
    }
    return NULL;
}

/* ---- the normal distribution ------------------------------------------ */

double rk_stats_normal_cdf(double x)
{
    return 0.5 * erfc(-x / SQRT_2);
}

/* Wichura, M. J. (1988) Algorithm AS 241: the percentage points of the
 * normal distribution. Applied Statistics 37, 477-484: PPND16, published as
 * accurate to about 1 part in 1e16; in doubles it is within a few units in
 * the last place, and the same double as R's qnorm, which uses it too. */
double rk_stats_normal_quantile(double p)
{
    if (!(p > 0 && p < 1))
        return NAN;
    double q = p - 0.5;
    if (fabs(q) <= 0.425) {
        double r = 0.180625 - q * q;
        return q *
               (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r +
                     67265.770927008700853) * r + 45921.953931549871457) * r +
                   13731.693765509461125) * r + 1971.5909503065514427) * r +
                 133.14166789178437745) * r + 3.387132872796366608) /
               (((((((r * 5226.495278852545925 + 28729.085735721942674) * r +
                     39307.89580009271061) * r + 21213.794301586595867) * r +
                   5394.1960214247511077) * r + 687.1870074920579083) * r +
                 42.313330701600911252) * r + 1.0);
    }
    double r = sqrt(-log(q < 0 ? p : 1 - p));
    double value;
    if (r <= 5) {
        r -= 1.6;
        value = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r +
                      0.24178072517745061177) * r + 1.27045825245236838258) * r +
                    3.64784832476320460504) * r + 5.7694972214606914055) * r +
                  4.6303378461565452959) * r + 1.42343711074968357734) /
                (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r +
                      0.0151986665636164571966) * r + 0.14810397642748007459) * r +
                    0.68976733498510000455) * r + 1.6763848301838038494) * r +
                  2.05319162663775882187) * r + 1.0);
    } else {
        r -= 5;
        value = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r +
                      0.0012426609473880784386) * r + 0.026532189526576123093) * r +
                    0.29656057182850489123) * r + 1.7848265399172913358) * r +
                  5.4637849111641143699) * r + 6.6579046435011037772) /
                (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r +
                      1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
                    0.0148753612908506148525) * r + 0.13692988092273580531) * r +
                  0.59983220655588793769) * r + 1.0);
    }
    return q < 0 ? -value : value;
}

double rk_stats_z(double conf)
{
    if (!(conf > 0 && conf < 1))
        return NAN;
    /* The upper tail (1 - conf) / 2 is computed as it is written, so 0.95
     * gives 0.025 to within one rounding. */
    return -rk_stats_normal_quantile((1 - conf) / 2);
}

/* ---- log-gamma helpers that do not cancel for large arguments -------- */

/* lgamma(x) - [(x - 1/2) ln x - x + ln sqrt(2 pi)], the error of Stirling's
 * formula, for x > 0. From x = 10 the asymptotic series is accurate to
 * about 1e-17; below it lgamma's own accuracy is ample. */
static double stirling_error(double x)
{
    if (x < 10)
        return lgamma(x) - ((x - 0.5) * log(x) - x + LN_SQRT_2PI);
    double inv = 1 / x, inv2 = inv * inv;
    return inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 -
           inv2 * (1.0 / 1188 - inv2 * (691.0 / 360360 - inv2 * (1.0 / 156)))))));
}

/* log1p(t) - t for t > -1, accurate also when t is small (where the two
 * terms nearly cancel). */
static double log1p_minus(double t)
{
    if (fabs(t) > 0.1)
        return log1p(t) - t;
    /* -t^2/2 + t^3/3 - t^4/4 + ... : 17 terms reach 1e-19 at |t| = 0.1. */
    double power = t * t, sum = 0;
    for (int j = 2; j < 40; j++) {
        double term = power / j;
        sum += (j % 2 == 0) ? -term : term;
        if (fabs(term) <= 1e-17 * fabs(sum))
            break;
        power *= t;
    }
    return sum;
}

/* ln(1 + t) - t where 1 + t = ratio, t > -1. When ratio is far below 1, t
 * is -1 plus a little that the subtraction giving t has lost, so the
 * logarithm is taken of the ratio itself. */
static double log_ratio_minus(double ratio, double t)
{
    return t < -0.5 ? log(ratio) - t : log1p_minus(t);
}

/* ln B(a, b) for a, b > 0, with Stirling's formula when the arguments are
 * large so that ln Gamma(b) - ln Gamma(a + b) does not cancel. */
static double log_beta(double a, double b)
{
    double small = a < b ? a : b, large = a < b ? b : a;
    if (large < 10)
        return lgamma(small) + lgamma(large) - lgamma(small + large);
    double sum = small + large;
    if (small < 10) {
        /* ln Gamma(large) - ln Gamma(sum) by Stirling, written without the
         * large cancelling terms. */
        double gamma_ratio = -(large - 0.5) * log1p(small / large) - small * log(sum) + small +
                             stirling_error(large) - stirling_error(sum);
        return lgamma(small) + gamma_ratio;
    }
    double correction = stirling_error(small) + stirling_error(large) - stirling_error(sum);
    return -0.5 * log(large) + LN_SQRT_2PI + correction + (small - 0.5) * log(small / sum) +
           large * log1p(-small / sum);
}

/* ---- the beta distribution -------------------------------------------- */

/* ln [x^a y^b / B(a, b)], y = 1 - x, 0 < x < 1. For large a and b, written
 * around the mean x0 = a / (a + b) as in TOMS 708 (brcomp): the terms
 * a ln(x/x0) and b ln(y/y0) are large and opposite, but after removing
 * their linear parts, which cancel exactly, what is left does not. */
static double log_beta_prefactor(double a, double b, double x, double y)
{
    if (a >= 10 && b >= 10) {
        double sum = a + b, x0 = a / sum, y0 = b / sum;
        double d = x <= 0.5 ? x - x0 : y0 - y;          /* x - x0, from the accurate side */
        return a * log_ratio_minus(x / x0, d / x0) + b * log_ratio_minus(y / y0, -d / y0) +
               0.5 * (log(a * y0) - LN_2PI) +
               stirling_error(sum) - stirling_error(a) - stirling_error(b);
    }
    double log_y = x <= 0.5 ? log1p(-x) : log(y);
    return a * log(x) + b * log_y - log_beta(a, b);
}

/* The continued fraction for I_x(a, b) (Numerical Recipes betacf, modified
 * Lentz), which converges quickly for x < (a + 1) / (a + b + 2). */
static double beta_fraction(double a, double b, double x)
{
    double sum = a + b, c = 1, d = 1 - sum * x / (a + 1);
    if (fabs(d) < TINY)
        d = TINY;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= MAX_TERMS; m++) {
        int m2 = 2 * m;
        double step = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
        d = 1 + step * d;
        if (fabs(d) < TINY)
            d = TINY;
        c = 1 + step / c;
        if (fabs(c) < TINY)
            c = TINY;
        d = 1 / d;
        h *= d * c;
        step = -(a + m) * (sum + m) * x / ((a + m2) * (a + 1 + m2));
        d = 1 + step * d;
        if (fabs(d) < TINY)
            d = TINY;
        c = 1 + step / c;
        if (fabs(c) < TINY)
            c = TINY;
        d = 1 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1) <= CONVERGED)
            break;
    }
    return h;
}

/* Both tails of Beta(a, b) at x: *lower = I_x(a, b), *upper = 1 - I_x(a, b),
 * each computed directly where it is the smaller, so neither loses digits
 * to 1 - (something close to 1). Returns the density at x. */
static double beta_tails(double a, double b, double x, double *lower, double *upper)
{
    if (x <= 0) {
        *lower = 0, *upper = 1;
        return 0;
    }
    if (x >= 1) {
        *lower = 1, *upper = 0;
        return 0;
    }
    double y = 1 - x;
    double prefactor = exp(log_beta_prefactor(a, b, x, y));
    if (x < (a + 1) / (a + b + 2)) {
        *lower = prefactor * beta_fraction(a, b, x) / a;
        *upper = 1 - *lower;
    } else {
        *upper = prefactor * beta_fraction(b, a, y) / b;
        *lower = 1 - *upper;
    }
    return prefactor / (x * y);
}

double rk_stats_beta_cdf(double x, double a, double b)
{
    if (!(a > 0 && b > 0 && x >= 0 && x <= 1))
        return NAN;
    double lower, upper;
    beta_tails(a, b, x, &lower, &upper);
    return lower;
}

/* ---- the gamma distribution ------------------------------------------- */

/* ln [x^a e^-x / Gamma(a)], x > 0; for large a written around x = a. */
static double log_gamma_prefactor(double a, double x)
{
    if (a >= 10)
        return a * log_ratio_minus(x / a, (x - a) / a) + 0.5 * (log(a) - LN_2PI) - stirling_error(a);
    return a * log(x) - x - lgamma(a);
}

/* Both tails of Gamma(a, 1) at x: *lower = P(a, x), *upper = Q(a, x), the
 * series below x = a + 1 and the continued fraction above it (Numerical
 * Recipes gser and gcf). Returns the density at x. */
static double gamma_tails(double a, double x, double *lower, double *upper)
{
    if (x <= 0) {
        *lower = 0, *upper = 1;
        return 0;
    }
    double prefactor = exp(log_gamma_prefactor(a, x));
    if (x < a + 1) {
        double term = 1 / a, sum = term, denominator = a;
        for (int i = 0; i < MAX_TERMS; i++) {
            denominator += 1;
            term *= x / denominator;
            sum += term;
            if (fabs(term) <= fabs(sum) * CONVERGED)
                break;
        }
        *lower = sum * prefactor;
        *upper = 1 - *lower;
    } else {
        double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;
        for (int i = 1; i <= MAX_TERMS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (fabs(d) < TINY)
                d = TINY;
            c = b + an / c;
            if (fabs(c) < TINY)
                c = TINY;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (fabs(delta - 1) <= CONVERGED)
                break;
        }
        *upper = prefactor * h;
        *lower = 1 - *upper;
    }
    return prefactor / x;
}

double rk_stats_gamma_cdf(double x, double a)
{
    if (!(a > 0 && x >= 0))
        return NAN;
    double lower, upper;
    gamma_tails(a, x, &lower, &upper);
    return lower;
}

/* ---- quantiles by safeguarded Newton ------------------------------------ */

/* A CDF quantile problem: find x with lower tail p (upper tail q = 1 - p,
 * given separately so that 1 - p is not rounded twice). The smaller of the
 * two is matched, so a tail of 0.025 is matched to full relative
 * precision. */
typedef struct quantile_problem {
    double p, q;
    double a, b;   /* shape parameters; b unused for gamma */
    double (*tails)(const struct quantile_problem *problem, double x, double *lower, double *upper);
} quantile_problem;

static double beta_problem_tails(const quantile_problem *problem, double x, double *lower, double *upper)
{
    return beta_tails(problem->a, problem->b, x, lower, upper);
}

static double gamma_problem_tails(const quantile_problem *problem, double x, double *lower, double *upper)
{
    return gamma_tails(problem->a, x, lower, upper);
}

/* The gap between the CDF at x and the target, increasing in x; *slope is
 * its derivative (the density). */
static double quantile_gap(const quantile_problem *problem, double x, double *slope)
{
    double lower, upper;
    *slope = problem->tails(problem, x, &lower, &upper);
    return problem->p <= problem->q ? lower - problem->p : problem->q - upper;
}

/* The root of quantile_gap in [lo, hi], starting at `guess`: Newton steps,
 * replaced by bisection whenever a step would leave the bracket that the
 * signs of the gap maintain. Stops when a step or the bracket is below
 * 1e-15 relative. */
static double solve_quantile(const quantile_problem *problem, double lo, double hi, double guess)
{
    double x = guess > lo && guess < hi ? guess : 0.5 * (lo + hi);
    for (int i = 0; i < MAX_SOLVER_STEPS; i++) {
        double slope, gap = quantile_gap(problem, x, &slope);
        if (gap == 0)
            return x;
        if (gap < 0)
            lo = x;
        else
            hi = x;
        double next = slope > 0 ? x - gap / slope : NAN;
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - x) <= 1e-15 * fabs(x) || hi - lo <= 1e-15 * hi)
            return next;
        x = next;
    }
    return x;
}

static double beta_quantile_tails(double p, double q, double a, double b)
{
    if (p <= 0)
        return 0;
    if (q <= 0)
        return 1;
    quantile_problem problem = {p, q, a, b, beta_problem_tails};
    return solve_quantile(&problem, 0, 1, a / (a + b));
}

double rk_stats_beta_quantile(double p, double a, double b)
{
    if (!(a > 0 && b > 0 && p >= 0 && p <= 1))
        return NAN;
    return beta_quantile_tails(p, 1 - p, a, b);
}

static double gamma_quantile_tails(double p, double q, double a)
{
    if (p <= 0)
        return 0;
    quantile_problem problem = {p, q, a, 0, gamma_problem_tails};
    /* Wilson-Hilferty for a first guess; then widen until it brackets. */
    double z = p <= q ? rk_stats_normal_quantile(p) : -rk_stats_normal_quantile(q);
    double base = 1 - 1 / (9 * a) + z / (3 * sqrt(a));
    double guess = base > 0 ? a * base * base * base : a * 0.5;
    if (!(guess > 0))
        guess = DBL_MIN;
    double hi = guess > 1 ? 2 * guess : 2, slope;
    while (quantile_gap(&problem, hi, &slope) < 0 && hi < DBL_MAX / 4)
        hi *= 2;
    return solve_quantile(&problem, 0, hi, guess);
}

double rk_stats_gamma_quantile(double p, double a)
{
    if (!(a > 0 && p >= 0 && p < 1))
        return NAN;
    return gamma_quantile_tails(p, 1 - p, a);
}

/* ---- argument checks --------------------------------------------------- */

/* Integers above this are not all representable as doubles. */
#define MAX_COUNT 9007199254740992.0

static bool check_count(double value, const char *name, rk_error *err)
{
    if (isfinite(value) && value >= 0 && value == floor(value) && value <= MAX_COUNT)
        return true;
    if (isfinite(value) && value == floor(value) && value > MAX_COUNT)
        rk_error_set(err, RK_EARG, "%s (%.15g) is above 9,007,199,254,740,992, the largest count held exactly",
                     name, value);
    else
        rk_error_set(err, RK_EARG, "%s must be a count (a whole number, 0 or more), got %.15g", name, value);
    return false;
}

static bool check_positive(double value, const char *name, rk_error *err)
{
    if (isfinite(value) && value > 0)
        return true;
    rk_error_set(err, RK_EARG, "%s must be a number above 0, got %.15g", name, value);
    return false;
}

rk_status rk_stats_check_conf(double conf, rk_error *err)
{
    if (conf > 0 && conf < 1)
        return RK_OK;
    return rk_error_set(err, RK_EARG, "conf must be between 0 and 1 (0.95 for 95%%), got %.15g", conf);
}

static bool check_conf(double conf, rk_error *err)
{
    return rk_stats_check_conf(conf, err) == RK_OK;
}

/* k of n trials: both counts, n above 0, k no more than n. */
static bool check_trials(double k, const char *k_name, double n, const char *n_name, rk_error *err)
{
    if (!check_count(k, k_name, err) || !check_count(n, n_name, err))
        return false;
    if (n == 0) {
        rk_error_set(err, RK_EARG, "%s must be a count above 0, got 0", n_name);
        return false;
    }
    if (k > n) {
        rk_error_set(err, RK_EARG, "%s (%.15g) is more than %s (%.15g)", k_name, k, n_name, n);
        return false;
    }
    return true;
}

/* A result too large for a double (a population of 1e-300, say) is an
 * error rather than an infinity. */
static rk_status check_interval_finite(rk_interval *out, rk_error *err)
{
    if (isfinite(out->estimate) && isfinite(out->lower) && isfinite(out->upper))
        return RK_OK;
    memset(out, 0, sizeof *out);
    return rk_error_set(err, RK_EARG, "the result is too large to represent: check the population");
}

/* ---- intervals ---------------------------------------------------------- */

rk_status rk_stats_proportion(double k, double n, double conf, rk_proportion_method method,
                              rk_interval *out, rk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!check_trials(k, "k", n, "n", err) || !check_conf(conf, err))
        return RK_EARG;
    out->estimate = k / n;
    out->has_estimate = out->has_lower = out->has_upper = true;
    double tail = (1 - conf) / 2;
    if (method == RK_PROPORTION_EXACT) {
        /* Clopper-Pearson: the beta quantiles at each tail. */
        out->lower = k == 0 ? 0 : beta_quantile_tails(tail, 1 - tail, k, n - k + 1);
        out->upper = k == n ? 1 : beta_quantile_tails(1 - tail, tail, k + 1, n - k);
        return RK_OK;
    }
    /* Wilson: centre (k + z^2/2) / (n + z^2), half-width
     * z sqrt(k (n - k) / n + z^2 / 4) / (n + z^2). The lower bound is
     * written as (centre^2 - half^2) / (centre + half) = k^2 / (n (n + z^2))
     * / (centre + half), which does not cancel when k is small. */
    double z = rk_stats_z(conf), z2 = z * z;
    double centre = (k + z2 / 2) / (n + z2);
    double half = z * sqrt(k * (n - k) / n + z2 / 4) / (n + z2);
    out->lower = k * (k / n) / (n + z2) / (centre + half);
    out->upper = k == n ? 1 : centre + half;
    return RK_OK;
}

rk_status rk_stats_rate(double k, double population, double per, double conf,
                        rk_rate_method method, rk_interval *out, rk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!check_count(k, "k", err) || !check_positive(population, "population", err) ||
        !check_positive(per, "per", err) || !check_conf(conf, err))
        return RK_EARG;
    double tail = (1 - conf) / 2, lower, upper;
    if (method == RK_RATE_EXACT) {
        /* The Poisson limits are gamma quantiles (chi-squared / 2). */
        lower = k == 0 ? 0 : gamma_quantile_tails(tail, 1 - tail, k);
        upper = gamma_quantile_tails(1 - tail, tail, k + 1);
    } else {
        /* Byar: k (1 - 1/(9k) - z/(3 sqrt k))^3 and the same for k + 1
         * with + z. A base below 0 (k = 1 at very high confidence) gives 0. */
        double z = rk_stats_z(conf);
        double base = k == 0 ? 0 : 1 - 1 / (9 * k) - z / (3 * sqrt(k));
        lower = base > 0 ? k * base * base * base : 0;
        base = 1 - 1 / (9 * (k + 1)) + z / (3 * sqrt(k + 1));
        upper = (k + 1) * base * base * base;
    }
    double scale = per / population;
    out->estimate = k * scale;
    out->lower = lower * scale;
    out->upper = upper * scale;
    out->has_estimate = out->has_lower = out->has_upper = true;
    return check_interval_finite(out, err);
}

static bool check_two_rates(double k1, double n1, double k0, double n0, double conf, rk_error *err)
{
    return check_count(k1, "k1", err) && check_positive(n1, "n1", err) &&
           check_count(k0, "k0", err) && check_positive(n0, "n0", err) && check_conf(conf, err);
}

/* The variance of ln(k1/n1 / (k0/n0)), both counts above 0: the binomial
 * 1/k1 - 1/n1 + 1/k0 - 1/n0, or when a count exceeds its population (more
 * events than people) the Poisson 1/k1 + 1/k0, with *poisson set. */
static double log_ratio_variance(double k1, double n1, double k0, double n0, bool *poisson)
{
    *poisson = k1 > n1 || k0 > n0;
    if (*poisson)
        return 1 / k1 + 1 / k0;
    return (1 / k1 - 1 / n1) + (1 / k0 - 1 / n0);
}

rk_status rk_stats_rate_ratio(double k1, double n1, double k0, double n0, double conf,
                              rk_interval *out, rk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!check_two_rates(k1, n1, k0, n0, conf, err))
        return RK_EARG;
    if (k0 == 0) {
        out->flag = k1 == 0 ? RK_STATS_FLAG_ZERO_BOTH : RK_STATS_FLAG_ZERO_REFERENCE;
        return RK_OK;
    }
    out->has_estimate = out->has_lower = true;
    if (k1 == 0) {
        out->flag = RK_STATS_FLAG_ZERO_COUNT;   /* estimate 0, lower 0, no upper */
        return RK_OK;
    }
    bool poisson;
    double ratio = (k1 / n1) / (k0 / n0);
    double half = rk_stats_z(conf) * sqrt(log_ratio_variance(k1, n1, k0, n0, &poisson));
    out->estimate = ratio;
    out->lower = exp(log(ratio) - half);
    out->upper = exp(log(ratio) + half);
    out->has_upper = true;
    if (poisson)
        out->flag = RK_STATS_FLAG_EVENTS_EXCEED_POPULATION;
    return check_interval_finite(out, err);
}

/* ---- change ------------------------------------------------------------ */

static bool check_change_value(double value, const char *name, rk_change_kind kind, rk_error *err)
{
    if (kind == RK_CHANGE_PROPORTION) {
        if (value >= 0 && value <= 1)
            return true;
        rk_error_set(err, RK_EARG, "%s must be a proportion from 0 to 1 (0.124 for 12.4%%), got %.15g",
                     name, value);
        return false;
    }
    if (isfinite(value) && value >= 0)
        return true;
    rk_error_set(err, RK_EARG, "%s must be a number, 0 or more, got %.15g", name, value);
    return false;
}

rk_status rk_stats_change(double old_value, double new_value, rk_change_kind kind,
                          rk_change *out, rk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!check_change_value(old_value, "old", kind, err) ||
        !check_change_value(new_value, "new", kind, err))
        return RK_EARG;
    out->absolute = new_value - old_value;
    if (old_value > 0) {
        out->relative = (new_value - old_value) / old_value;
        out->has_relative = true;
    } else {
        out->flag = RK_STATS_FLAG_ZERO_OLD;
    }
    if (kind == RK_CHANGE_PROPORTION) {
        out->points = (new_value - old_value) * 100;
        out->has_points = true;
    }
    if (!isfinite(out->relative)) {   /* old a denormal, say */
        memset(out, 0, sizeof *out);
        return rk_error_set(err, RK_EARG, "the relative change is too large to represent");
    }
    return RK_OK;
}

/* ---- significance tests ------------------------------------------------ */

static const char METHOD_LOG_RATE_RATIO[] =
    "two-sided z test on the log rate ratio, with the variance of its interval";
static const char METHOD_EXACT_CONDITIONAL[] =
    "two-sided exact conditional test: k1 given k1 + k0 is binomial, smaller tail doubled";
static const char METHOD_TWO_PROPORTIONS[] =
    "two-sided two-proportion z test with pooled variance";

/* The two-sided p-value of a standard normal statistic: 2 Phi(-|z|). */
static double two_sided_p(double z)
{
    return erfc(fabs(z) / SQRT_2);
}

rk_status rk_stats_compare_rates(double k1, double n1, double k0, double n0, double conf,
                                 rk_comparison *out, rk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!check_two_rates(k1, n1, k0, n0, conf, err))
        return RK_EARG;
    if (k1 == 0 || k0 == 0) {
        /* Under equal rates each of the m = k1 + k0 events falls in group 1
         * with probability share = n1 / (n1 + n0); a zero count sits in a
         * tail whose probability is a single binomial term. */
        out->method = METHOD_EXACT_CONDITIONAL;
        double events = k1 + k0, share = n1 / (n1 + n0), tail;
        if (events == 0) {
            tail = 0.5;   /* nothing happened in either group: p-value 1 */
            out->flag = RK_STATS_FLAG_ZERO_BOTH;
        } else {
            tail = k1 == 0 ? exp(events * log1p(-share)) : exp(events * log(share));
            out->flag = RK_STATS_FLAG_ZERO_COUNT_EXACT_TEST;
        }
        out->p_value = fmin(1, 2 * tail);
        out->has_estimate = k0 > 0;   /* k1 = 0: the ratio is 0 */
    } else {
        bool poisson;
        double ratio = (k1 / n1) / (k0 / n0);
        out->method = METHOD_LOG_RATE_RATIO;
        out->estimate = ratio;
        out->has_estimate = true;
        out->z = log(ratio) / sqrt(log_ratio_variance(k1, n1, k0, n0, &poisson));
        out->has_z = true;
        out->p_value = two_sided_p(out->z);
        if (poisson)
            out->flag = RK_STATS_FLAG_EVENTS_EXCEED_POPULATION;
    }
    out->significant = out->p_value < 1 - conf;
    return RK_OK;
}

rk_status rk_stats_compare_proportions(double k1, double n1, double k0, double n0, double conf,
                                       rk_comparison *out, rk_error *err)
{
    memset(out, 0, sizeof *out);
    if (!check_trials(k1, "k1", n1, "n1", err) || !check_trials(k0, "k0", n0, "n0", err) ||
        !check_conf(conf, err))
        return RK_EARG;
    out->method = METHOD_TWO_PROPORTIONS;
    out->estimate = k1 / n1 - k0 / n0;
    out->has_estimate = true;
    double pooled = (k1 + k0) / (n1 + n0);
    if (k1 + k0 == 0 || k1 + k0 == n1 + n0) {
        out->p_value = 1;
        out->flag = RK_STATS_FLAG_NO_VARIATION;
    } else {
        out->z = out->estimate / sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
        out->has_z = true;
        out->p_value = two_sided_p(out->z);
    }
    out->significant = out->p_value < 1 - conf;
    return RK_OK;
}

/* ---- the XmR chart ---------------------------------------------------- */

/* Centre, moving ranges and limits of one segment. */
static void spc_limits(const double *values, const uint8_t *missing, rk_spc_segment *seg)
{
    double sum = 0, range_sum = 0;
    for (size_t i = seg->first; i <= seg->last; i++) {
        if (missing && missing[i])
            continue;
        sum += values[i];
        seg->n++;
        if (i > seg->first && !(missing && missing[i - 1])) {
            range_sum += fabs(values[i] - values[i - 1]);
            seg->moving_ranges++;
        }
    }
    if (seg->n > 0) {
        seg->centre = sum / seg->n;
        seg->has_centre = true;
    }
    if (seg->moving_ranges > 0) {
        seg->mean_moving_range = range_sum / seg->moving_ranges;
        seg->lower = seg->centre - RK_SPC_LIMIT_FACTOR * seg->mean_moving_range;
        seg->upper = seg->centre + RK_SPC_LIMIT_FACTOR * seg->mean_moving_range;
        seg->has_limits = true;
    } else {
        seg->flag = RK_STATS_FLAG_TOO_FEW_VALUES;
    }
}

/* Marks the present points from `from` to `to` (inclusive) as part of a
 * trend, or else of a shift. */
static void spc_mark(rk_spc_point *points, size_t from, size_t to, bool trend)
{
    for (size_t i = from; i <= to; i++) {
        if (points[i].missing)
            continue;
        if (trend)
            points[i].trend = true;
        else
            points[i].shift = true;
    }
}

/* The signals of one segment, over its present values in order. */
static void spc_signals(const double *values, const rk_spc_segment *seg, rk_spc_point *points)
{
    int side = 0, direction = 0;          /* current run: +1 up/above, -1 down/below, 0 none */
    size_t side_start = 0, side_length = 0;
    size_t trend_start = 0, trend_length = 0;
    bool have_previous = false;
    size_t previous = 0;
    for (size_t i = seg->first; i <= seg->last; i++) {
        if (points[i].missing)
            continue;
        double v = values[i];
        if (seg->has_limits && (v > seg->upper || v < seg->lower))
            points[i].beyond_limits = true;

        /* shift: a run strictly on one side of the centre */
        int s = v > seg->centre ? 1 : v < seg->centre ? -1 : 0;
        if (s != 0 && s == side) {
            side_length++;
        } else {
            side = s;
            side_start = i;
            side_length = s != 0 ? 1 : 0;
        }
        if (side_length >= RK_SPC_SHIFT_RUN)
            spc_mark(points, side_length == RK_SPC_SHIFT_RUN ? side_start : i, i, false);

        /* trend: each value strictly above (below) the one before */
        if (!have_previous) {
            trend_start = i;
            trend_length = 1;
        } else {
            double before = values[previous];
            int d = v > before ? 1 : v < before ? -1 : 0;
            if (d != 0 && d == direction) {
                trend_length++;
            } else if (d != 0) {
                trend_start = previous;
                trend_length = 2;
            } else {
                trend_start = i;
                trend_length = 1;
            }
            direction = d;
        }
        if (trend_length >= RK_SPC_TREND_RUN)
            spc_mark(points, trend_length == RK_SPC_TREND_RUN ? trend_start : i, i, true);
        have_previous = true;
        previous = i;
    }
}

rk_status rk_stats_spc(const double *values, const uint8_t *missing, size_t n,
                       const size_t *steps, size_t nsteps, rk_spc_point *points,
                       rk_spc_segment *segments, rk_error *err)
{
    if (n == 0)
        return rk_error_set(err, RK_EARG, "values is empty");
    for (size_t s = 0; s < nsteps; s++) {
        if (steps[s] < 1 || steps[s] >= n)
            return rk_error_set(err, RK_EARG,
                                "a step must start a segment after the first point and at or before the last");
        if (s > 0 && steps[s] <= steps[s - 1])
            return rk_error_set(err, RK_EARG, "steps must be in increasing order");
    }
    for (size_t i = 0; i < n; i++)
        if (!(missing && missing[i]) && !isfinite(values[i]))
            return rk_error_set(err, RK_EARG, "values[%zu] is not a finite number", i);

    memset(points, 0, n * sizeof *points);
    memset(segments, 0, (nsteps + 1) * sizeof *segments);
    for (size_t s = 0; s <= nsteps; s++) {
        rk_spc_segment *seg = &segments[s];
        seg->first = s == 0 ? 0 : steps[s - 1];
        seg->last = s == nsteps ? n - 1 : steps[s] - 1;
        for (size_t i = seg->first; i <= seg->last; i++) {
            points[i].segment = s;
            points[i].missing = missing && missing[i];
        }
        spc_limits(values, missing, seg);
        if (seg->has_centre)
            spc_signals(values, seg, points);
    }
    return RK_OK;
}

/* ---- rank agreement ---------------------------------------------------- */

static rk_status check_rankings(const double *x, const double *y, size_t n, rk_error *err)
{
    if (n < 2)
        return rk_error_set(err, RK_EARG, "a rank correlation needs at least 2 items, got %zu", n);
    /* Items are counted from 1, as a script's lists are. */
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return rk_error_set(err, RK_EARG, "%s[%zu] is not a finite number", isfinite(x[i]) ? "y" : "x",
                                i + 1);
    return RK_OK;
}

/* The mid-rank of v[i] among v[0..n), from 1: the ranks of the values below
 * it, plus the mean of the ranks its ties span. */
static double mid_rank(const double *v, size_t n, size_t i)
{
    size_t below = 0, equal = 0;
    for (size_t j = 0; j < n; j++) {
        below += v[j] < v[i];
        equal += v[j] == v[i];
    }
    return (double)below + ((double)equal + 1.0) / 2.0;
}

rk_status rk_stats_spearman(const double *x, const double *y, size_t n, double *estimate, bool *has,
                            rk_stats_flag *flag, rk_error *err)
{
    *estimate = 0;
    *has = false;
    *flag = RK_STATS_FLAG_NONE;
    rk_status st = check_rankings(x, y, n, err);
    if (st != RK_OK)
        return st;
    /* Mid-ranks always average (n + 1) / 2, whatever the ties. */
    double mean = ((double)n + 1.0) / 2.0, sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        double dx = mid_rank(x, n, i) - mean, dy = mid_rank(y, n, i) - mean;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
        *flag = RK_STATS_FLAG_ALL_TIED;
        return RK_OK;
    }
    *estimate = sxy / sqrt(sxx * syy);
    /* Rounding must not take a perfect agreement past 1. */
    *estimate = fmax(-1.0, fmin(1.0, *estimate));
    *has = true;
    return RK_OK;
}

static int sign_of(double d)
{
    return (d > 0) - (d < 0);
}

rk_status rk_stats_kendall_tau_b(const double *x, const double *y, size_t n, double *estimate, bool *has,
                                 rk_stats_flag *flag, rk_error *err)
{
    *estimate = 0;
    *has = false;
    *flag = RK_STATS_FLAG_NONE;
    rk_status st = check_rankings(x, y, n, err);
    if (st != RK_OK)
        return st;
    /* Pair counts are whole numbers, kept exact. */
    long long s = 0, tied_x = 0, tied_y = 0;
    for (size_t i = 0; i + 1 < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            int sx = sign_of(x[i] - x[j]), sy = sign_of(y[i] - y[j]);
            s += sx * sy;
            tied_x += sx == 0;
            tied_y += sy == 0;
        }
    long long pairs = (long long)n * (long long)(n - 1) / 2;
    if (tied_x == pairs || tied_y == pairs) {
        *flag = RK_STATS_FLAG_ALL_TIED;
        return RK_OK;
    }
    *estimate = (double)s / sqrt((double)(pairs - tied_x) * (double)(pairs - tied_y));
    *estimate = fmax(-1.0, fmin(1.0, *estimate));
    *has = true;
    return RK_OK;
}
