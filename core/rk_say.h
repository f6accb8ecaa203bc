/* rk_say.h: the phrases of a board paper, correct by construction.
 *
 * Each rk_say_* function turns numbers into one phrase ("32 joiners is 33%
 * more than 24 leavers") and does the arithmetic and the rounding itself,
 * so the words cannot disagree with the figures. Phrases have no full stop
 * and keep the case of the labels given, so they can sit inside a sentence.
 *
 * Output, as snprintf: a function writes its phrase, NUL-terminated, into
 * buf (size bytes; buf may be NULL when size is 0) and sets *len to the
 * phrase's full length. When *len >= size the phrase was cut short: call
 * again with *len + 1 bytes. RK_SAY_BUF bytes are enough for the phrases
 * of ordinary labels and numbers; only *len says for sure. On failure the
 * function returns RK_EARG, buf holds "" (when size > 0), *len is 0 and err
 * says which input is wrong (without naming the function: callers add it).
 *
 * Rules, stated once:
 * - Rounding is half away from zero, on the number as written to 15
 *   significant digits (12.45 gives 12.5, 0.125 at two places 0.13): the
 *   way a reader rounds the figure they see, not the binary double.
 * - Thousands separators in every number of 1,000 or more ("1,234.5").
 * - Percentages, rates and ratios have `decimals` places (default 1). A
 *   figure above 0 that would show as 0 reads "less than 0.1"; a share
 *   below 100% that would show as 100 reads "more than 99.9%".
 * - Proportional differences ("33% more", "31% higher") are in whole
 *   percent; when that shows 0 (or, for a fall, 100) although the figures
 *   differ, one decimal place, then "less than 0.1%" ("more than 99.9%").
 * - Small numbers: a figure resting on fewer than `min` cases ends with
 *   " (based on fewer than 10 cases: treat with caution)". What the cases
 *   are is said per function.
 * - Labels may not use "BAME" or "BME" (the ONS style names the groups):
 *   such a label is an RK_EARG error.
 */
#ifndef RK_SAY_H
#define RK_SAY_H

#include <stddef.h>
#include <stdint.h>

#include "rk_error.h"

#define RK_SAY_DEFAULT_MIN 10
#define RK_SAY_BUF 512
#define RK_SAY_MAX_DECIMALS 6

/* A confidence interval. A bound that is NAN is not computable (a rate
 * ratio with a zero count): the phrase says "not computable". */
typedef struct rk_say_interval {
    double lower;
    double upper;
    double conf;         /* the confidence level, 0 < conf < 1 (0.95 prints "95%") */
} rk_say_interval;

typedef struct rk_say_options {
    int64_t min;                      /* small-number threshold, 1 or more */
    int decimals;                     /* places for percentages, rates, ratios: 0..6 */
    const rk_say_interval *interval;  /* NULL: no interval; used by proportion, rate, ratio */
    int64_t cases;                    /* ratio and change: the cases the figure rests on
                                         (the smallest count behind it); -1 unknown */
} rk_say_options;

/* min 10, one decimal, no interval, cases unknown. */
#define RK_SAY_OPTIONS_INIT {RK_SAY_DEFAULT_MIN, 1, NULL, -1}

/* Two counts, the first the subject:
 *   32, 24 -> "32 joiners is 33% more than 24 leavers"
 *   24, 32 -> "24 leavers is 25% fewer than 32 joiners"
 *   50, 20 -> "50 joiners is 2.5 times as many as 20 leavers" (from twice as many up)
 *   24, 24 -> "24 leavers is the same number as 24 joiners"
 *   24, 0  -> "24 leavers and no joiners" (no percentage of nothing)
 * The percentage is of the second count, so "more" and "fewer" always read
 * correctly. Cases: the smaller count, when a percentage or "times" is
 * given. Counts must be 0 or more. */
rk_status rk_say_compare(int64_t a, int64_t b, const char *a_label, const char *b_label,
                         const rk_say_options *opts, char *buf, size_t size, size_t *len,
                         rk_error *err);

/* k of n, as a percentage:
 *   "4.1% of Say to Stay requests (5 of 121; 95% confidence interval 1.8% to 9.3%)"
 * The interval, if any, is in fractions (0.018, not 1.8) and must contain
 * k/n. Cases: k (5 of 121 is based on 5 cases). Needs 0 <= k <= n and n >= 1. */
rk_status rk_say_proportion(int64_t k, int64_t n, const char *what, const rk_say_options *opts,
                            char *buf, size_t size, size_t *len, rk_error *err);

/* k events in a population, per `per` (a whole number, 1 or more) of
 * `of` (NULL: "people"):
 *   "24.2 per 1,000 people (95% confidence interval 23.5 to 25.0)"
 * The interval, if any, is per `per` too and must contain the rate. Cases:
 * k. Needs k >= 0 and population > 0. */
rk_status rk_say_rate(int64_t k, double population, double per, const char *of,
                      const rk_say_options *opts, char *buf, size_t size, size_t *len,
                      rk_error *err);

/* A rate ratio of group against reference (names of the five ethnic groups
 * and "Not stated" become their ONS style, as rk_say_group; others are kept
 * as given); verb NULL means "were searched":
 *   "Black people were searched at 4.8 times the rate of White people
 *    (95% confidence interval 4.6 to 5.0)"
 * The interval must contain the ratio. Cases: opts->cases if known.
 * Needs ratio >= 0. */
rk_status rk_say_ratio(double ratio, const char *group, const char *reference, const char *verb,
                       const rk_say_options *opts, char *buf, size_t size, size_t *len,
                       rk_error *err);

typedef enum rk_say_kind {
    RK_SAY_COUNT,       /* whole numbers: "rose from 214 to 250, a rise of 36 (17% higher)" */
    RK_SAY_PROPORTION,  /* fractions shown as percentages; the difference in percentage points */
    RK_SAY_NUMBER       /* any numbers, with opts->decimals places */
} rk_say_kind;

/* A change from old_value to new_value:
 *   0.124, 0.163 (proportion) ->
 *     "rose from 12.4% to 16.3%, a rise of 3.9 percentage points (31% higher)"
 *   214, 196 (count) -> "fell from 214 to 196, a fall of 18 (8% lower)"
 *   equal -> "was unchanged at 214"; old 0 -> no proportional change.
 * Differences and the proportional change come from the values given, not
 * the rounded ones. When the two values show the same but differ: "was
 * little changed at 12.4% (a rise of less than 0.1 percentage points)".
 * Cases: for counts the smaller count (the caveat only when a proportional
 * change is given), else opts->cases. Counts must be whole and 0 or more,
 * proportions from 0 to 1, numbers finite; the proportional change is
 * given only when old > 0 and new >= 0. */
rk_status rk_say_change(double old_value, double new_value, rk_say_kind kind,
                        const rk_say_options *opts, char *buf, size_t size, size_t *len,
                        rk_error *err);

/* The ONS style name of an ethnic group, given as in rapkit's vocabulary
 * ("Black" -> "Black people", "Mixed" -> "people from Mixed ethnic
 * groups", "Not stated" -> "people whose ethnicity was not stated"; any
 * case), or NULL for any other name. The result is static. */
const char *rk_say_group(const char *name);

/* Writes x rounded half away from zero to `decimals` places (0..6), with
 * thousands separators, as the phrases do: 1234.56 -> "1,234.6". buf has
 * at least RK_SAY_NUMBER_BUF bytes; returns the length. */
#define RK_SAY_NUMBER_BUF 448
size_t rk_say_number(double x, int decimals, char *buf);

#endif
