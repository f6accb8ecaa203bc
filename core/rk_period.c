#include "rk_period.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
};

int rk_period_from_name(const char *name, rk_period *p)
{
    static const char *const names[] = {"date", "month", "quarter", "financial_year", "year",
                                        "year_ending_march"};
    for (int i = 0; i < 6; i++) {
        if (strcmp(name, names[i]) == 0) {
            *p = (rk_period)i;
            return 0;
        }
    }
    return -1;
}

size_t rk_period_label(rk_period p, int32_t days, char *buf)
{
    int y, m, d;
    rk_civil_from_days(days, &y, &m, &d);
    int fy = m >= 4 ? y : y - 1; /* the financial year starting in April of fy */
    switch (p) {
    case RK_PERIOD_DATE: return rk_format_date(days, buf);
    case RK_PERIOD_MONTH: return (size_t)snprintf(buf, RK_VALUE_BUF, "%04d-%02d", y, m);
    case RK_PERIOD_QUARTER:
        return (size_t)snprintf(buf, RK_VALUE_BUF, "%04d-%02d Q%d", fy, (fy + 1) % 100,
                                ((m + 8) % 12) / 3 + 1);
    case RK_PERIOD_FINANCIAL_YEAR:
        return (size_t)snprintf(buf, RK_VALUE_BUF, "%04d-%02d", fy, (fy + 1) % 100);
    case RK_PERIOD_YEAR: return (size_t)snprintf(buf, RK_VALUE_BUF, "%04d", y);
    case RK_PERIOD_YEAR_ENDING_MARCH: return (size_t)snprintf(buf, RK_VALUE_BUF, "year ending March %04d", fy + 1);
    }
    buf[0] = '\0';
    return 0;
}

bool rk_period_parse_day(const char *s, size_t len, int32_t *days)
{
    rk_datetime dt;
    if (rk_parse_date(s, len, days))
        return true;
    if (rk_parse_datetime(s, len, &dt)) {
        *days = rk_datetime_local_date(&dt);
        return true;
    }
    /* "2024-04": a month stands for its first day */
    char first[16];
    if (len == 7 && s[4] == '-') {
        memcpy(first, s, 7);
        memcpy(first + 7, "-01", 3);
        return rk_parse_date(first, 10, days);
    }
    return false;
}

/* Reads exactly `width` digits at s; -1 if they are not all digits. */
static int read_digits(const char *s, int width)
{
    int v = 0;
    for (int i = 0; i < width; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* "2025-26" at s: the financial year starting in April of the year
 * returned, or -1. */
static int financial_year_start(const char *s)
{
    int y = read_digits(s, 4), next = read_digits(s + 5, 2);
    if (y < 0 || s[4] != '-' || next < 0 || (y + 1) % 100 != next)
        return -1;
    return y;
}

bool rk_period_parse_label(const char *s, size_t len, rk_period *kind, int32_t *first, int32_t *last)
{
    int y, m;
    if (len == 10 && rk_parse_date(s, len, first) && s[4] == '-') {
        *kind = RK_PERIOD_DATE;
        *last = *first;
        return true;
    }
    if (len == 10 && (y = financial_year_start(s)) >= 0 && s[7] == ' ' && s[8] == 'Q' && s[9] >= '1'
        && s[9] <= '4') {
        int q = s[9] - '0';
        int start_month = 4 + 3 * (q - 1); /* 4, 7, 10, 13 (January of the next year) */
        *kind = RK_PERIOD_QUARTER;
        *first = rk_days_from_civil(y + (start_month > 12), (start_month - 1) % 12 + 1, 1);
        int end_month = start_month + 3;
        *last = rk_days_from_civil(y + (end_month > 12), (end_month - 1) % 12 + 1, 1) - 1;
        return true;
    }
    if (len == 7 && (y = financial_year_start(s)) >= 0) {
        *kind = RK_PERIOD_FINANCIAL_YEAR;
        *first = rk_days_from_civil(y, 4, 1);
        *last = rk_days_from_civil(y + 1, 4, 1) - 1;
        return true;
    }
    if (len == 7 && (y = read_digits(s, 4)) >= 0 && s[4] == '-' && (m = read_digits(s + 5, 2)) >= 1 && m <= 12) {
        *kind = RK_PERIOD_MONTH;
        *first = rk_days_from_civil(y, m, 1);
        *last = rk_days_from_civil(y + (m == 12), m % 12 + 1, 1) - 1;
        return true;
    }
    if (len == 4 && (y = read_digits(s, 4)) >= 0) {
        *kind = RK_PERIOD_YEAR;
        *first = rk_days_from_civil(y, 1, 1);
        *last = rk_days_from_civil(y + 1, 1, 1) - 1;
        return true;
    }
    static const char ending[] = "year ending March ";
    size_t n = sizeof ending - 1;
    if (len == n + 4 && strncmp(s, ending, n) == 0 && (y = read_digits(s + n, 4)) > 0) {
        *kind = RK_PERIOD_YEAR_ENDING_MARCH;
        *first = rk_days_from_civil(y - 1, 4, 1);
        *last = rk_days_from_civil(y, 4, 1) - 1;
        return true;
    }
    return false;
}

int rk_month_index(int32_t days)
{
    int y, m, d;
    rk_civil_from_days(days, &y, &m, &d);
    return y * 12 + m - 1;
}

size_t rk_month_label(int month_index, char *buf)
{
    return (size_t)snprintf(buf, RK_VALUE_BUF, "%04d-%02d", month_index / 12, month_index % 12 + 1);
}

size_t rk_rolling_12_label(int month_index, char *buf)
{
    return (size_t)snprintf(buf, RK_VALUE_BUF, "12 months to %s %04d", month_names[month_index % 12],
                            month_index / 12);
}

rk_column *rk_column_period(const rk_column *src, rk_period p, const char *name, rk_error *err)
{
    if (src->type != RK_DATE && src->type != RK_DATETIME && src->type != RK_TEXT) {
        rk_error_set(err, RK_EARG, "column '%s' is %s: periods need a date or datetime column",
                     src->name, rk_type_name(src->type));
        return NULL;
    }
    /* For text, the local date of each distinct string, parsed once. */
    int32_t *days_of_code = NULL;
    uint8_t *parsed = NULL;
    if (src->type == RK_TEXT) {
        uint32_t n = src->dict.count;
        days_of_code = malloc((n ? n : 1) * sizeof *days_of_code);
        parsed = calloc(n ? n : 1, 1);
        if (!days_of_code || !parsed) {
            free(days_of_code);
            free(parsed);
            rk_error_nomem(err);
            return NULL;
        }
        for (uint32_t code = 0; code < n; code++)
            parsed[code] = rk_period_parse_day(rk_dict_str(&src->dict, code), rk_dict_len(&src->dict, code),
                                           &days_of_code[code]);
    }
    rk_column *out = rk_column_new(name, RK_TEXT, src->nrow);
    int32_t *days = malloc((src->nrow ? src->nrow : 1) * sizeof *days);
    if (!out || !days) {
        free(days_of_code);
        free(parsed);
        free(days);
        rk_column_free(out);
        rk_error_nomem(err);
        return NULL;
    }
    /* First the local date of every row (INT32_MIN when missing)... */
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t row = 0; row < src->nrow; row++) {
        int32_t d;
        if (rk_column_is_missing(src, row)) {
            days[row] = INT32_MIN;
            continue;
        }
        if (src->type == RK_DATE) {
            d = src->v.dates[row];
        } else if (src->type == RK_DATETIME) {
            d = rk_datetime_local_date(&src->v.datetimes[row]);
        } else {
            uint32_t code = src->v.codes[row];
            if (!parsed[code]) {
                rk_error_set(err, RK_EDATA, "column '%s': '%s' (row %zu) is not a date or datetime",
                             src->name, rk_dict_str(&src->dict, code), row + 1);
                free(days_of_code);
                free(parsed);
                free(days);
                rk_column_free(out);
                return NULL;
            }
            d = days_of_code[code];
        }
        days[row] = d;
        lo = d < lo ? d : lo;
        hi = d > hi ? d : hi;
    }
    free(days_of_code);
    free(parsed);
    /* ...then each distinct day labelled once: rows need not be in order. */
    size_t span = hi >= lo ? (size_t)((int64_t)hi - lo + 1) : 1;
    uint32_t *code_of_day = malloc(span * sizeof *code_of_day);
    if (!code_of_day) {
        free(days);
        rk_column_free(out);
        rk_error_nomem(err);
        return NULL;
    }
    memset(code_of_day, 0xff, span * sizeof *code_of_day);
    char buf[RK_VALUE_BUF];
    for (size_t row = 0; row < src->nrow; row++) {
        if (days[row] == INT32_MIN) {
            out->v.codes[row] = RK_NO_CODE;
            continue;
        }
        uint32_t *code = &code_of_day[days[row] - lo];
        if (*code == RK_NO_CODE) {
            size_t len = rk_period_label(p, days[row], buf);
            *code = rk_dict_intern(&out->dict, buf, len);
            if (*code == RK_NO_CODE) {
                free(code_of_day);
                free(days);
                rk_column_free(out);
                rk_error_nomem(err);
                return NULL;
            }
        }
        out->v.codes[row] = *code;
    }
    free(code_of_day);
    free(days);
    out->nrow = src->nrow;
    return out;
}
