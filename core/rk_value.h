/* rk_value.h: cell types, and parsing and printing of typed values.
 *
 * Dates are days since 1970-01-01 (proleptic Gregorian). A datetime keeps the
 * local wall-clock time as written and the offset as written, so
 * 2023-04-01T00:30:00+01:00 has the local date 2023-04-01 and prints back as
 * it was read.
 */
#ifndef RK_VALUE_H
#define RK_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum rk_type {
    RK_TEXT,
    RK_INTEGER,   /* int64_t */
    RK_NUMBER,    /* double */
    RK_BOOLEAN,
    RK_DATE,
    RK_DATETIME
} rk_type;

#define RK_NTYPES 6

typedef enum rk_zone {
    RK_ZONE_NONE,     /* no offset written: local time only */
    RK_ZONE_UTC,      /* written as Z */
    RK_ZONE_OFFSET    /* written as +hh:mm or -hh:mm */
} rk_zone;

typedef struct rk_datetime {
    int64_t local_us;    /* microseconds since 1970-01-01T00:00 in local wall time */
    int16_t offset_min;  /* offset east of UTC as written; 0 unless zone is RK_ZONE_OFFSET */
    uint8_t zone;        /* rk_zone */
    uint8_t frac_digits; /* fractional-second digits written (0..6), to print back alike */
} rk_datetime;

/* A single cell, for building columns and comparing against filters. Text
 * is borrowed: the pointer must outlive the value's use. */
typedef struct rk_value {
    rk_type type;
    bool missing;
    union {
        int64_t integer;
        double number;
        bool boolean;
        int32_t date;
        rk_datetime datetime;
        struct { const char *s; size_t len; } text;
    } as;
} rk_value;

const char *rk_type_name(rk_type t);
/* Returns 0 and sets *t for "text", "integer", "number", "boolean", "date",
 * "datetime"; -1 otherwise. */
int rk_type_from_name(const char *name, rk_type *t);

/* Parsers take the field's bytes (not NUL-terminated) and return true on
 * success. Spaces around numbers are allowed; text is never trimmed.
 * Integers: optional sign and digits, no leading zero ("007" is not one). */
bool rk_parse_integer(const char *s, size_t len, int64_t *out);
bool rk_parse_number(const char *s, size_t len, double *out);
/* True when s is a whole number written in digits only (a sign and spaces
 * around allowed) with more than 15 significant digits, which a double may
 * not hold exactly (and past 19, an int64_t cannot hold). Such values are
 * identifiers (20-digit reference numbers), so type inference keeps a column
 * holding one text; an explicit "number" type still parses them. */
bool rk_digits_lose_precision(const char *s, size_t len);
bool rk_parse_boolean(const char *s, size_t len, bool *out);      /* true/false, any case */
bool rk_parse_date(const char *s, size_t len, int32_t *out);      /* yyyy-mm-dd, dd/mm/yyyy */
bool rk_parse_datetime(const char *s, size_t len, rk_datetime *out);

int32_t rk_days_from_civil(int y, int m, int d);
void rk_civil_from_days(int32_t days, int *y, int *m, int *d);
static inline int32_t rk_datetime_local_date(const rk_datetime *dt)
{
    int64_t day_us = 86400LL * 1000000LL;
    int64_t q = dt->local_us / day_us;
    if (dt->local_us % day_us < 0)
        q--;
    return (int32_t)q;
}

/* Formatting writes a NUL-terminated string into buf (at least RK_VALUE_BUF
 * bytes) and returns its length. Numbers print with the fewest digits that
 * read back to the same double, whole ones with ".0" as Lua prints them. */
#define RK_VALUE_BUF 64
size_t rk_format_number(double v, char *buf);
size_t rk_format_date(int32_t days, char *buf);
size_t rk_format_datetime(const rk_datetime *dt, char *buf);

#endif
