#include "rk_value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_names[RK_NTYPES] = {
    "text", "integer", "number", "boolean", "date", "datetime",
};

const char *rk_type_name(rk_type t)
{
    return (unsigned)t < RK_NTYPES ? type_names[t] : "unknown";
}

int rk_type_from_name(const char *name, rk_type *t)
{
    for (int i = 0; i < RK_NTYPES; i++) {
        if (strcmp(name, type_names[i]) == 0) {
            *t = (rk_type)i;
            return 0;
        }
    }
    return -1;
}

static inline bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Narrows [s, s+len) past surrounding spaces; numbers may have them. */
static void trim_spaces(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

bool rk_parse_integer(const char *s, size_t len, int64_t *out)
{
    trim_spaces(&s, &len);
    size_t i = 0;
    bool negative = false;
    if (i < len && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        i++;
    }
    size_t first = i;
    if (i == len)
        return false;
    /* "007" is a code, not a number: keep such a column text. */
    if (s[i] == '0' && len - i > 1)
        return false;
    uint64_t v = 0;
    for (; i < len; i++) {
        if (!is_digit(s[i]))
            return false;
        unsigned d = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (i - first > 19)
        return false;
    if (negative) {
        if (v > (uint64_t)INT64_MAX + 1)
            return false;
        *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    } else {
        if (v > (uint64_t)INT64_MAX)
            return false;
        *out = (int64_t)v;
    }
    return true;
}

bool rk_parse_number(const char *s, size_t len, double *out)
{
    trim_spaces(&s, &len);
    /* Check the shape first: strtod would also take "inf", "nan", hex and
     * leading zeros that make a column a code. */
    size_t i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    size_t int_start = i;
    while (i < len && is_digit(s[i]))
        i++;
    size_t int_digits = i - int_start;
    size_t frac_digits = 0;
    if (i < len && s[i] == '.') {
        i++;
        size_t f = i;
        while (i < len && is_digit(s[i]))
            i++;
        frac_digits = i - f;
    }
    if (int_digits == 0 && frac_digits == 0)
        return false;
    if (int_digits > 1 && s[int_start] == '0')
        return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t e = i;
        while (i < len && is_digit(s[i]))
            i++;
        if (i == e)
            return false;
    }
    if (i != len)
        return false;
    char buf[128];
    if (len >= sizeof buf)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    double v = strtod(buf, NULL);
    if (!isfinite(v))
        return false;
    *out = v;
    return true;
}

bool rk_digits_lose_precision(const char *s, size_t len)
{
    trim_spaces(&s, &len);
    size_t i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    if (i == len)
        return false;
    size_t first = i;
    for (; i < len; i++)
        if (!is_digit(s[i]))
            return false;
    while (first < len - 1 && s[first] == '0')
        first++;
    /* 15 digits always survive a double (and fit an int64_t); past that,
     * exactness is luck. */
    return len - first > 15;
}

static bool equal_nocase(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    if (len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return false;
    }
    return true;
}

bool rk_parse_boolean(const char *s, size_t len, bool *out)
{
    if (equal_nocase(s, len, "true")) {
        *out = true;
        return true;
    }
    if (equal_nocase(s, len, "false")) {
        *out = false;
        return true;
    }
    return false;
}

/* Days from civil date, proleptic Gregorian (after Howard Hinnant's
 * well-known derivation; written here from the arithmetic). */
int32_t rk_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void rk_civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool valid_civil(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1)
        return false;
    int max = mdays[m - 1] + (m == 2 && is_leap(y));
    return d <= max;
}

/* Reads exactly n digits at s[*i]. */
static bool read_digits(const char *s, size_t len, size_t *i, int n, int *out)
{
    if (*i + (size_t)n > len)
        return false;
    int v = 0;
    for (int k = 0; k < n; k++) {
        char c = s[*i + (size_t)k];
        if (!is_digit(c))
            return false;
        v = v * 10 + (c - '0');
    }
    *i += (size_t)n;
    *out = v;
    return true;
}

/* yyyy-mm-dd at the start of s; advances *i. */
static bool read_iso_date(const char *s, size_t len, size_t *i, int32_t *out)
{
    int y, m, d;
    if (!read_digits(s, len, i, 4, &y) || *i >= len || s[(*i)++] != '-' ||
        !read_digits(s, len, i, 2, &m) || *i >= len || s[(*i)++] != '-' ||
        !read_digits(s, len, i, 2, &d) || !valid_civil(y, m, d))
        return false;
    *out = rk_days_from_civil(y, m, d);
    return true;
}

bool rk_parse_date(const char *s, size_t len, int32_t *out)
{
    size_t i = 0;
    if (len == 10 && s[4] == '-')
        return read_iso_date(s, len, &i, out) && i == len;
    /* dd/mm/yyyy, as UK spreadsheets write dates */
    int y, m, d;
    if (len == 10 && s[2] == '/' && read_digits(s, len, &i, 2, &d) && s[i++] == '/' &&
        read_digits(s, len, &i, 2, &m) && s[i++] == '/' && read_digits(s, len, &i, 4, &y) &&
        valid_civil(y, m, d)) {
        *out = rk_days_from_civil(y, m, d);
        return true;
    }
    return false;
}

bool rk_parse_datetime(const char *s, size_t len, rk_datetime *out)
{
    size_t i = 0;
    int32_t days;
    int hh, mm, ss = 0;
    if (!read_iso_date(s, len, &i, &days))
        return false;
    if (i >= len || (s[i] != 'T' && s[i] != ' '))
        return false;
    i++;
    if (!read_digits(s, len, &i, 2, &hh) || i >= len || s[i++] != ':' ||
        !read_digits(s, len, &i, 2, &mm))
        return false;
    int64_t frac_us = 0;
    int frac_digits = 0;
    if (i < len && s[i] == ':') {
        i++;
        if (!read_digits(s, len, &i, 2, &ss))
            return false;
        if (i < len && s[i] == '.') {
            i++;
            int64_t scale = 100000;
            while (i < len && is_digit(s[i])) {
                if (frac_digits < 6) {
                    frac_us += (s[i] - '0') * scale;
                    scale /= 10;
                    frac_digits++;
                } else {
                    return false; /* more precision than we keep: stay text */
                }
                i++;
            }
            if (frac_digits == 0)
                return false;
        }
    }
    if (hh > 23 || mm > 59 || ss > 59)
        return false;
    rk_datetime dt = {0};
    dt.local_us = ((int64_t)days * 86400 + hh * 3600 + mm * 60 + ss) * 1000000LL + frac_us;
    dt.frac_digits = (uint8_t)frac_digits;
    if (i == len) {
        dt.zone = RK_ZONE_NONE;
    } else if (s[i] == 'Z' && i + 1 == len) {
        dt.zone = RK_ZONE_UTC;
    } else if (s[i] == '+' || s[i] == '-') {
        int sign = s[i] == '-' ? -1 : 1;
        int oh, om;
        i++;
        if (!read_digits(s, len, &i, 2, &oh))
            return false;
        if (i < len && s[i] == ':')
            i++;
        if (!read_digits(s, len, &i, 2, &om) || i != len || oh > 23 || om > 59)
            return false;
        dt.zone = RK_ZONE_OFFSET;
        dt.offset_min = (int16_t)(sign * (oh * 60 + om));
    } else {
        return false;
    }
    *out = dt;
    return true;
}

size_t rk_format_number(double v, char *buf)
{
    if (v == 0)
        v = 0; /* print -0 as 0 */
    /* Whole numbers keep a ".0", as Lua prints floats, so a number column
     * reads back as numbers and never looks like a count. */
    if (v == floor(v) && fabs(v) < 1e15)
        return (size_t)snprintf(buf, RK_VALUE_BUF, "%.1f", v);
    /* The shortest %.*g that reads back exactly. */
    for (int precision = 1; precision <= 17; precision++) {
        snprintf(buf, RK_VALUE_BUF, "%.*g", precision, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return strlen(buf);
}

size_t rk_format_date(int32_t days, char *buf)
{
    int y, m, d;
    rk_civil_from_days(days, &y, &m, &d);
    return (size_t)snprintf(buf, RK_VALUE_BUF, "%04d-%02d-%02d", y, m, d);
}

size_t rk_format_datetime(const rk_datetime *dt, char *buf)
{
    int32_t days = rk_datetime_local_date(dt);
    int64_t us_of_day = dt->local_us - (int64_t)days * 86400LL * 1000000LL;
    int secs = (int)(us_of_day / 1000000);
    int frac = (int)(us_of_day % 1000000);
    size_t n = rk_format_date(days, buf);
    n += (size_t)snprintf(buf + n, RK_VALUE_BUF - n, "T%02d:%02d:%02d", secs / 3600,
                          secs / 60 % 60, secs % 60);
    if (dt->frac_digits > 0) {
        int digits = dt->frac_digits;
        int divisor = 1;
        for (int k = digits; k < 6; k++)
            divisor *= 10;
        n += (size_t)snprintf(buf + n, RK_VALUE_BUF - n, ".%0*d", digits, frac / divisor);
    }
    if (dt->zone == RK_ZONE_UTC) {
        n += (size_t)snprintf(buf + n, RK_VALUE_BUF - n, "Z");
    } else if (dt->zone == RK_ZONE_OFFSET) {
        int off = dt->offset_min < 0 ? -dt->offset_min : dt->offset_min;
        n += (size_t)snprintf(buf + n, RK_VALUE_BUF - n, "%c%02d:%02d",
                              dt->offset_min < 0 ? '-' : '+', off / 60, off % 60);
    }
    return n;
}
