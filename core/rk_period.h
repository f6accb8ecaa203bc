/* rk_period.h: calendar periods of dates, as analysts label them.
 *
 * UK financial years run April to March: 2024-04-01 is in "2024-25", and in
 * its quarter "2024-25 Q1" (Q1 April-June ... Q4 January-March). Periods are
 * taken from the local date as written, so a search at 00:30 BST on 1 April
 * (2023-04-01T00:30:00+01:00) is in April, not March.
 */
#ifndef RK_PERIOD_H
#define RK_PERIOD_H

#include "rk_dataset.h"

typedef enum rk_period {
    RK_PERIOD_DATE,            /* "2024-04-01" */
    RK_PERIOD_MONTH,           /* "2024-04" */
    RK_PERIOD_QUARTER,         /* "2024-25 Q1" (financial quarters) */
    RK_PERIOD_FINANCIAL_YEAR,  /* "2024-25" */
    RK_PERIOD_YEAR,            /* "2024" (calendar) */
    RK_PERIOD_YEAR_ENDING_MARCH /* "year ending March 2025" (the financial year 2024-25) */
} rk_period;

/* Returns 0 and sets *p for "date", "month", "quarter", "financial_year",
 * "year", "year_ending_march"; -1 otherwise. */
int rk_period_from_name(const char *name, rk_period *p);

/* Writes the label of the period holding `days` (days since 1970-01-01)
 * into buf (RK_VALUE_BUF bytes); returns its length. */
size_t rk_period_label(rk_period p, int32_t days, char *buf);

/* The local date of text holding a date ("2024-04-01", "01/04/2024"), a
 * datetime (its local date as written) or a month ("2024-04": its first
 * day). */
bool rk_period_parse_day(const char *s, size_t len, int32_t *days);

/* The first and last day of the period a label names, and its kind:
 * "2025-26 Q2" (a financial quarter: July to September 2025), "2025-26" (a
 * financial year; the second part must be the next year), "year ending
 * March 2026" (the same year), "2025-09" (a month), "2025" (a calendar
 * year), "2025-09-14" (a day). Returns false for any other text. */
bool rk_period_parse_label(const char *s, size_t len, rk_period *kind, int32_t *first, int32_t *last);

/* Months as year * 12 + month - 1, and back to "2024-04" (RK_VALUE_BUF). */
int rk_month_index(int32_t days);
size_t rk_month_label(int month_index, char *buf);

/* "12 months to March 2025" for the 12 months ending with that month. */
size_t rk_rolling_12_label(int month_index, char *buf);

/* A new text column `name` with the period of each cell of `src`, which is
 * a date or datetime column, or a text column of dates or datetimes (each
 * distinct string parsed once). Missing stays missing. Text that is neither
 * is an error naming the column, the value and its row. */
rk_column *rk_column_period(const rk_column *src, rk_period p, const char *name, rk_error *err);

#endif
