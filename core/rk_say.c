/* The phrases of a board paper: arithmetic, rounding and wording together,
 * so that a figure and the words around it cannot disagree. The rules are
 * stated in rk_say.h. */
#include "rk_say.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- numbers ------------------------------------------------------------ */

/* Copies the digits of an integer part into out with a comma every three
 * digits from the right; returns the length written. */
static size_t put_separated(char *out, const char *digits, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[len++] = ',';
        out[len++] = digits[i];
    }
    return len;
}

size_t rk_say_number(double x, int decimals, char *buf)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > RK_SAY_MAX_DECIMALS)
        decimals = RK_SAY_MAX_DECIMALS;
    if (!isfinite(x)) {
        const char *s = isnan(x) ? "NaN" : x < 0 ? "-infinity" : "infinity";
        strcpy(buf, s);
        return strlen(s);
    }
    /* The 15 significant digits a reader would see, and their exponent. */
    char sci[40];
    snprintf(sci, sizeof sci, "%.14e", fabs(x));
    int sig[15];
    sig[0] = sci[0] - '0';
    for (int i = 1; i < 15; i++)
        sig[i] = sci[i + 1] - '0';
    int exponent = atoi(strchr(sci, 'e') + 1);

    /* Fixed-point digits from 10^top down to 10^-decimals, where fixed[j]
     * is the digit of place top - j; fixed[0] is spare for a carry. */
    int top = exponent > 0 ? exponent : 0;
    int ndig = top + 1 + decimals;
    char fixed[1 + 310 + RK_SAY_MAX_DECIMALS];
    fixed[0] = 0;
    for (int j = 0; j < ndig; j++) {
        int i = exponent - (top - j);
        fixed[1 + j] = (char)(i >= 0 && i < 15 ? sig[i] : 0);
    }
    int round_at = exponent + decimals + 1;  /* index in sig of the first digit dropped */
    if (round_at >= 0 && round_at < 15 && sig[round_at] >= 5) {
        int j = ndig;
        while (fixed[j] == 9)
            fixed[j--] = 0;
        fixed[j]++;
    }
    bool carried = fixed[0] != 0;
    const char *first = carried ? fixed : fixed + 1;
    int nint = top + 1 + (carried ? 1 : 0);
    bool nonzero = false;
    char digits[1 + 310 + RK_SAY_MAX_DECIMALS];
    for (int j = 0; j < nint + decimals; j++) {
        digits[j] = (char)('0' + first[j]);
        nonzero = nonzero || first[j] != 0;
    }

    size_t len = 0;
    if (x < 0 && nonzero)
        buf[len++] = '-';
    len += put_separated(buf + len, digits, (size_t)nint);
    if (decimals > 0) {
        buf[len++] = '.';
        memcpy(buf + len, digits + nint, (size_t)decimals);
        len += (size_t)decimals;
    }
    buf[len] = '\0';
    return len;
}

/* A count with thousands separators (exact for any int64_t of 0 or more). */
static void format_count(int64_t n, char buf[RK_SAY_NUMBER_BUF])
{
    char digits[32];
    int nd = snprintf(digits, sizeof digits, "%lld", (long long)n);
    size_t len = 0;
    if (digits[0] == '-')
        buf[len++] = '-';
    size_t skip = digits[0] == '-';
    len += put_separated(buf + len, digits + skip, (size_t)nd - skip);
    buf[len] = '\0';
}

static bool shows_zero(const char *s)
{
    for (; *s; s++)
        if (*s >= '1' && *s <= '9')
            return false;
    return true;
}

static bool shows_hundred(const char *s)
{
    if (strncmp(s, "100", 3) != 0)
        return false;
    s += 3;
    if (*s == '.')
        s++;
    for (; *s; s++)
        if (*s != '0')
            return false;
    return true;
}

/* The smallest step at `decimals` places ("0.1") and the largest share
 * below 100 ("99.9"). */
static void smallest_step(int decimals, char *buf)
{
    if (decimals == 0) {
        strcpy(buf, "1");
        return;
    }
    size_t len = 0;
    buf[len++] = '0';
    buf[len++] = '.';
    for (int i = 1; i < decimals; i++)
        buf[len++] = '0';
    buf[len++] = '1';
    buf[len] = '\0';
}

static void largest_below_hundred(int decimals, char *buf)
{
    size_t len = 0;
    buf[len++] = '9';
    buf[len++] = '9';
    if (decimals > 0) {
        buf[len++] = '.';
        for (int i = 0; i < decimals; i++)
            buf[len++] = '9';
    }
    buf[len] = '\0';
}

/* ---- building a phrase -------------------------------------------------- */

typedef struct phrase {
    char *buf;
    size_t size;
    size_t len;   /* the full length, also past size */
} phrase;

static void put_n(phrase *p, const char *s, size_t n)
{
    if (p->size > 0 && p->len < p->size - 1) {
        size_t room = p->size - 1 - p->len;
        memcpy(p->buf + p->len, s, n < room ? n : room);
        p->buf[p->len + (n < room ? n : room)] = '\0';
    }
    p->len += n;
}

static void put(phrase *p, const char *s)
{
    put_n(p, s, strlen(s));
}

static void put_number(phrase *p, double x, int decimals)
{
    char buf[RK_SAY_NUMBER_BUF];
    put_n(p, buf, rk_say_number(x, decimals, buf));
}

static void put_count(phrase *p, int64_t n)
{
    char buf[RK_SAY_NUMBER_BUF];
    format_count(n, buf);
    put(p, buf);
}

/* x > 0: rounded, or "less than 0.1" when that would show 0. */
static void positive_text(double x, int decimals, char buf[RK_SAY_NUMBER_BUF + 16])
{
    rk_say_number(x, decimals, buf);
    if (x > 0 && shows_zero(buf)) {
        strcpy(buf, "less than ");
        smallest_step(decimals, buf + strlen(buf));
    }
}

static void put_positive(phrase *p, double x, int decimals)
{
    char buf[RK_SAY_NUMBER_BUF + 16];
    positive_text(x, decimals, buf);
    put(p, buf);
}

/* A share 0 <= f <= 1 as a percentage: 0 and 1 exactly as "0.0%" and
 * "100.0%"; anything between never shows as either. */
static void put_share(phrase *p, double f, int decimals)
{
    char buf[RK_SAY_NUMBER_BUF];
    rk_say_number(f * 100, decimals, buf);
    if (f > 0 && shows_zero(buf)) {
        put(p, "less than ");
        smallest_step(decimals, buf);
    } else if (f < 1 && shows_hundred(buf)) {
        put(p, "more than ");
        largest_below_hundred(decimals, buf);
    }
    put(p, buf);
    put(p, "%");
}

/* A proportional difference pct > 0, in whole percent; one decimal where
 * that would show 0, or 100 when `below_hundred` (a fall short of all). */
static void put_relative(phrase *p, double pct, bool below_hundred)
{
    char buf[RK_SAY_NUMBER_BUF];
    rk_say_number(pct, 0, buf);
    if (shows_zero(buf) || (below_hundred && shows_hundred(buf))) {
        rk_say_number(pct, 1, buf);
        if (shows_zero(buf)) {
            put(p, "less than ");
            smallest_step(1, buf);
        } else if (below_hundred && shows_hundred(buf)) {
            put(p, "more than ");
            largest_below_hundred(1, buf);
        }
    }
    put(p, buf);
    put(p, "%");
}

static void put_caveat(phrase *p, int64_t min)
{
    put(p, " (based on fewer than ");
    put_count(p, min);
    put(p, " cases: treat with caution)");
}

/* "95%" for 0.95, "99.5%" for 0.995. */
static void put_conf(phrase *p, double conf)
{
    char buf[RK_SAY_NUMBER_BUF];
    size_t n = rk_say_number(conf * 100, 1, buf);
    if (n >= 2 && strcmp(buf + n - 2, ".0") == 0)
        buf[n - 2] = '\0';
    put(p, buf);
    put(p, "%");
}

/* "95% confidence interval 1.8% to 9.3%"; scale multiplies the bounds
 * (100 for fractions shown as percentages) and unit follows each. */
static void put_interval(phrase *p, const rk_say_interval *ci, double scale, const char *unit,
                         int decimals)
{
    put_conf(p, ci->conf);
    put(p, " confidence interval ");
    bool lower = !isnan(ci->lower), upper = !isnan(ci->upper);
    if (!lower && !upper) {
        put(p, "not computable");
        return;
    }
    if (lower && upper) {
        put_number(p, ci->lower * scale, decimals);
        put(p, unit);
        put(p, " to ");
        put_number(p, ci->upper * scale, decimals);
        put(p, unit);
        return;
    }
    put(p, lower ? "from " : "up to ");
    put_number(p, (lower ? ci->lower : ci->upper) * scale, decimals);
    put(p, unit);
    put(p, lower ? ", upper limit not computable" : ", lower limit not computable");
}

/* ---- checking inputs ---------------------------------------------------- */

static bool ascii_iequal(const char *a, size_t alen, const char *b)
{
    if (alen != strlen(b))
        return false;
    for (size_t i = 0; i < alen; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

static bool is_letter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* A label must be given, and may not use "BAME" or "BME" as a word. */
static rk_status check_label(const char *label, const char *what, rk_error *err)
{
    if (!label || !label[0])
        return rk_error_set(err, RK_EARG, "%s must be given", what);
    for (const char *s = label; *s;) {
        if (!is_letter(*s)) {
            s++;
            continue;
        }
        const char *word = s;
        while (is_letter(*s))
            s++;
        size_t n = (size_t)(s - word);
        if (ascii_iequal(word, n, "bame") || ascii_iequal(word, n, "bme"))
            return rk_error_set(err, RK_EARG,
                                "%s '%s' says '%.*s', which ONS style does not use: name the "
                                "ethnic groups, or write 'ethnic minorities'",
                                what, label, (int)n, word);
    }
    return RK_OK;
}

static rk_status check_options(const rk_say_options *o, rk_error *err)
{
    if (o->min < 1)
        return rk_error_set(err, RK_EARG, "the small-number threshold must be 1 or more (got %lld)",
                            (long long)o->min);
    if (o->decimals < 0 || o->decimals > RK_SAY_MAX_DECIMALS)
        return rk_error_set(err, RK_EARG, "decimals must be from 0 to %d (got %d)",
                            RK_SAY_MAX_DECIMALS, o->decimals);
    if (o->interval) {
        double c = o->interval->conf;
        if (!(c > 0 && c < 1))
            return rk_error_set(err, RK_EARG,
                                "the confidence level must be a fraction between 0 and 1, as 0.95 "
                                "(got %g)", c);
        if (isinf(o->interval->lower) || isinf(o->interval->upper))
            return rk_error_set(err, RK_EARG, "an interval bound is infinite: give it as not "
                                "computable (nil) instead");
    }
    return RK_OK;
}

/* Does the interval hold x (allowing for the last digits of a double)?
 * `what` names x with its value, for the message. */
static rk_status check_contains(const rk_say_interval *ci, double x, const char *what,
                                rk_error *err)
{
    double slack = 1e-9 * (fabs(x) > 1 ? fabs(x) : 1);
    bool low_ok = isnan(ci->lower) || ci->lower <= x + slack;
    bool high_ok = isnan(ci->upper) || ci->upper >= x - slack;
    bool ordered = isnan(ci->lower) || isnan(ci->upper) || ci->lower <= ci->upper;
    if (low_ok && high_ok && ordered)
        return RK_OK;
    return rk_error_set(err, RK_EARG, "the interval %g to %g does not contain %s", ci->lower,
                        ci->upper, what);
}

static rk_status fail(phrase *p, size_t *len, rk_status status)
{
    if (p->size > 0)
        p->buf[0] = '\0';
    *len = 0;
    return status;
}

static rk_status done(phrase *p, size_t *len)
{
    if (p->size > 0 && p->len < p->size)
        p->buf[p->len] = '\0';
    *len = p->len;
    return RK_OK;
}

static void start(phrase *p, char *buf, size_t size)
{
    p->buf = buf;
    p->size = buf ? size : 0;
    p->len = 0;
    if (p->size > 0)
        buf[0] = '\0';
}

/* ---- the phrases -------------------------------------------------------- */

rk_status rk_say_compare(int64_t a, int64_t b, const char *a_label, const char *b_label,
                         const rk_say_options *opts, char *buf, size_t size, size_t *len,
                         rk_error *err)
{
    phrase p;
    start(&p, buf, size);
    if (check_options(opts, err) || check_label(a_label, "the first label", err) ||
        check_label(b_label, "the second label", err))
        return fail(&p, len, RK_EARG);
    if (a < 0 || b < 0)
        return fail(&p, len, rk_error_set(err, RK_EARG, "counts cannot be negative (got %lld %s)",
                                          (long long)(a < 0 ? a : b), a < 0 ? a_label : b_label));
    bool figure = false;
    if (a == 0 || b == 0) {
        /* Nothing is a percentage of nothing: name both counts. */
        if (a == 0)
            put(&p, "no ");
        else {
            put_count(&p, a);
            put(&p, " ");
        }
        put(&p, a_label);
        put(&p, " and ");
        if (b == 0)
            put(&p, "no ");
        else {
            put_count(&p, b);
            put(&p, " ");
        }
        put(&p, b_label);
        return done(&p, len);
    }
    put_count(&p, a);
    put(&p, " ");
    put(&p, a_label);
    if (a == b) {
        put(&p, " is the same number as ");
    } else if (a > b && a / 2 >= b) {
        /* From twice as many up, "times" reads better than "150% more". */
        put(&p, " is ");
        put_number(&p, (double)a / (double)b, opts->decimals);
        put(&p, " times as many as ");
        figure = true;
    } else if (a > b) {
        put(&p, " is ");
        put_relative(&p, 100.0 * (double)(a - b) / (double)b, false);
        put(&p, " more than ");
        figure = true;
    } else {
        put(&p, " is ");
        put_relative(&p, 100.0 * (double)(b - a) / (double)b, true);
        put(&p, " fewer than ");
        figure = true;
    }
    put_count(&p, b);
    put(&p, " ");
    put(&p, b_label);
    if (figure && (a < b ? a : b) < opts->min)
        put_caveat(&p, opts->min);
    return done(&p, len);
}

rk_status rk_say_proportion(int64_t k, int64_t n, const char *what, const rk_say_options *opts,
                            char *buf, size_t size, size_t *len, rk_error *err)
{
    phrase p;
    start(&p, buf, size);
    if (check_options(opts, err) || check_label(what, "what is counted", err))
        return fail(&p, len, RK_EARG);
    if (n < 1)
        return fail(&p, len, rk_error_set(err, RK_EARG, "n must be 1 or more (got %lld)",
                                          (long long)n));
    if (k < 0 || k > n)
        return fail(&p, len, rk_error_set(err, RK_EARG, "k must be from 0 to n (got %lld of %lld)",
                                          (long long)k, (long long)n));
    double f = (double)k / (double)n;
    const rk_say_interval *ci = opts->interval;
    if (ci) {
        if ((!isnan(ci->lower) && (ci->lower < 0 || ci->lower > 1)) ||
            (!isnan(ci->upper) && (ci->upper < 0 || ci->upper > 1)))
            return fail(&p, len, rk_error_set(err, RK_EARG,
                                              "the interval must be fractions from 0 to 1, as "
                                              "0.018 for 1.8%% (got %g to %g)",
                                              ci->lower, ci->upper));
        char what_p[128];
        snprintf(what_p, sizeof what_p, "the proportion %g (%lld of %lld)", f, (long long)k,
                 (long long)n);
        if (check_contains(ci, f, what_p, err))
            return fail(&p, len, RK_EARG);
    }
    put_share(&p, f, opts->decimals);
    put(&p, " of ");
    put(&p, what);
    put(&p, " (");
    put_count(&p, k);
    put(&p, " of ");
    put_count(&p, n);
    if (ci) {
        put(&p, "; ");
        put_interval(&p, ci, 100, "%", opts->decimals);
    }
    put(&p, ")");
    /* A share of a few cases is a small number however many it is of: 5 of
     * 121 is 5 cases. */
    if (k < opts->min)
        put_caveat(&p, opts->min);
    return done(&p, len);
}

rk_status rk_say_rate(int64_t k, double population, double per, const char *of,
                      const rk_say_options *opts, char *buf, size_t size, size_t *len,
                      rk_error *err)
{
    phrase p;
    start(&p, buf, size);
    if (!of)
        of = "people";
    if (check_options(opts, err) || check_label(of, "what the rate is of", err))
        return fail(&p, len, RK_EARG);
    if (k < 0)
        return fail(&p, len, rk_error_set(err, RK_EARG, "the count cannot be negative (got %lld)",
                                          (long long)k));
    if (!(population > 0) || isinf(population))
        return fail(&p, len, rk_error_set(err, RK_EARG, "the population must be more than 0 (got %g)",
                                          population));
    if (!(per >= 1) || isinf(per) || per != floor(per))
        return fail(&p, len, rk_error_set(err, RK_EARG,
                                          "per must be a whole number, 1 or more, as 1000 (got %g)",
                                          per));
    double rate = (double)k / population * per;
    const rk_say_interval *ci = opts->interval;
    char per_text[RK_SAY_NUMBER_BUF];
    rk_say_number(per, 0, per_text);
    if (ci) {
        if ((!isnan(ci->lower) && ci->lower < 0) || (!isnan(ci->upper) && ci->upper < 0))
            return fail(&p, len, rk_error_set(err, RK_EARG, "the interval cannot be negative (got "
                                              "%g to %g)", ci->lower, ci->upper));
        char what_p[RK_SAY_NUMBER_BUF + 32];
        snprintf(what_p, sizeof what_p, "the rate %g per %s", rate, per_text);
        if (check_contains(ci, rate, what_p, err)) {
            size_t n = strlen(err->message);
            snprintf(err->message + n, sizeof err->message - n, ": give the interval per %s too",
                     per_text);
            return fail(&p, len, RK_EARG);
        }
    }
    if (k == 0)
        put_number(&p, 0, opts->decimals);
    else
        put_positive(&p, rate, opts->decimals);
    put(&p, " per ");
    put(&p, per_text);
    put(&p, " ");
    put(&p, of);
    if (ci) {
        put(&p, " (");
        put_interval(&p, ci, 1, "", opts->decimals);
        put(&p, ")");
    }
    if (k < opts->min)
        put_caveat(&p, opts->min);
    return done(&p, len);
}

rk_status rk_say_ratio(double ratio, const char *group, const char *reference, const char *verb,
                       const rk_say_options *opts, char *buf, size_t size, size_t *len,
                       rk_error *err)
{
    phrase p;
    start(&p, buf, size);
    if (!verb)
        verb = "were searched";
    if (check_options(opts, err) || check_label(group, "the group", err) ||
        check_label(reference, "the reference group", err) || check_label(verb, "the verb", err))
        return fail(&p, len, RK_EARG);
    if (!(ratio >= 0) || isinf(ratio))
        return fail(&p, len, rk_error_set(err, RK_EARG, "the ratio must be a number, 0 or more "
                                          "(got %g)", ratio));
    const rk_say_interval *ci = opts->interval;
    if (ci) {
        if ((!isnan(ci->lower) && ci->lower < 0) || (!isnan(ci->upper) && ci->upper < 0))
            return fail(&p, len, rk_error_set(err, RK_EARG, "the interval cannot be negative (got "
                                              "%g to %g)", ci->lower, ci->upper));
        char what_r[64];
        snprintf(what_r, sizeof what_r, "the ratio %g", ratio);
        if (check_contains(ci, ratio, what_r, err))
            return fail(&p, len, RK_EARG);
    }
    const char *g = rk_say_group(group), *r = rk_say_group(reference);
    put(&p, g ? g : group);
    put(&p, " ");
    put(&p, verb);
    put(&p, " at ");
    if (ratio == 0)
        put_number(&p, 0, opts->decimals);
    else
        put_positive(&p, ratio, opts->decimals);
    put(&p, " times the rate of ");
    put(&p, r ? r : reference);
    if (ci) {
        put(&p, " (");
        put_interval(&p, ci, 1, "", opts->decimals);
        put(&p, ")");
    }
    if (opts->cases >= 0 && opts->cases < opts->min)
        put_caveat(&p, opts->min);
    return done(&p, len);
}

/* A value of a change as shown: a count, a percentage or a number. */
static void format_change_value(double v, rk_say_kind kind, int decimals,
                                char buf[RK_SAY_NUMBER_BUF])
{
    if (kind == RK_SAY_COUNT) {
        format_count((int64_t)v, buf);
        return;
    }
    size_t n = rk_say_number(kind == RK_SAY_PROPORTION ? v * 100 : v, decimals, buf);
    if (kind == RK_SAY_PROPORTION)
        strcpy(buf + n, "%");
}

static rk_status check_change_value(double v, rk_say_kind kind, const char *which, rk_error *err)
{
    switch (kind) {
    case RK_SAY_COUNT:
        if (!(v >= 0) || v > 9007199254740992.0 || v != floor(v))
            return rk_error_set(err, RK_EARG, "the %s count must be a whole number, 0 or more "
                                "(got %g)", which, v);
        return RK_OK;
    case RK_SAY_PROPORTION:
        if (!(v >= 0 && v <= 1))
            return rk_error_set(err, RK_EARG, "the %s proportion must be a fraction from 0 to 1, "
                                "as 0.124 for 12.4%% (got %g)", which, v);
        return RK_OK;
    case RK_SAY_NUMBER:
        if (!isfinite(v))
            return rk_error_set(err, RK_EARG, "the %s value must be a number (got %g)", which, v);
        return RK_OK;
    }
    return rk_error_set(err, RK_EARG, "unknown kind of change");
}

rk_status rk_say_change(double old_value, double new_value, rk_say_kind kind,
                        const rk_say_options *opts, char *buf, size_t size, size_t *len,
                        rk_error *err)
{
    phrase p;
    start(&p, buf, size);
    if (check_options(opts, err) || check_change_value(old_value, kind, "old", err) ||
        check_change_value(new_value, kind, "new", err))
        return fail(&p, len, RK_EARG);
    int decimals = kind == RK_SAY_COUNT ? 0 : opts->decimals;
    char old_text[RK_SAY_NUMBER_BUF], new_text[RK_SAY_NUMBER_BUF];
    format_change_value(old_value, kind, decimals, old_text);
    format_change_value(new_value, kind, decimals, new_text);
    bool rise = new_value > old_value;
    const char *unit = kind == RK_SAY_PROPORTION ? " percentage points" : "";
    double scale = kind == RK_SAY_PROPORTION ? 100 : 1;
    if (old_value == new_value) {
        put(&p, "was unchanged at ");
        put(&p, old_text);
        return done(&p, len);
    }
    if (strcmp(old_text, new_text) == 0) {
        /* Both show alike: the difference is under one step either way. */
        char step[16];
        smallest_step(decimals, step);
        put(&p, "was little changed at ");
        put(&p, old_text);
        put(&p, rise ? " (a rise of less than " : " (a fall of less than ");
        put(&p, step);
        put(&p, unit);
        put(&p, ")");
        return done(&p, len);
    }
    put(&p, rise ? "rose from " : "fell from ");
    put(&p, old_text);
    put(&p, " to ");
    put(&p, new_text);
    put(&p, rise ? ", a rise of " : ", a fall of ");
    double diff = fabs(new_value - old_value) * scale;
    char diff_text[RK_SAY_NUMBER_BUF + 16];
    if (kind == RK_SAY_COUNT)
        format_count((int64_t)diff, diff_text);
    else
        positive_text(diff, decimals, diff_text);
    put(&p, diff_text);
    /* "1 percentage point", but "1.0 percentage points" */
    if (kind == RK_SAY_PROPORTION && strcmp(diff_text, "1") == 0)
        unit = " percentage point";
    put(&p, unit);
    bool relative = old_value > 0 && new_value >= 0;
    if (relative) {
        double pct = rise ? (new_value / old_value - 1) * 100 : (1 - new_value / old_value) * 100;
        put(&p, " (");
        put_relative(&p, pct, !rise && new_value > 0);
        put(&p, rise ? " higher)" : " lower)");
    }
    int64_t cases = opts->cases;
    if (kind == RK_SAY_COUNT && cases < 0)
        cases = (int64_t)(old_value < new_value ? old_value : new_value);
    bool figure = kind != RK_SAY_COUNT || relative;
    if (figure && cases >= 0 && cases < opts->min)
        put_caveat(&p, opts->min);
    return done(&p, len);
}

const char *rk_say_group(const char *name)
{
    static const char *const names[][2] = {
        {"Asian", "Asian people"},
        {"Black", "Black people"},
        {"Mixed", "people from Mixed ethnic groups"},
        {"White", "White people"},
        {"Other", "people from Other ethnic groups"},
        {"Not stated", "people whose ethnicity was not stated"},
    };
    if (!name)
        return NULL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ascii_iequal(name, strlen(name), names[i][0]))
            return names[i][1];
    return NULL;
}
