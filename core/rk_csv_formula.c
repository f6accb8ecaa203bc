/* Formula-like cells in the CSV files rapkit writes (rk_csv_formula.h). */
#include "rk_csv_formula.h"

#include <stdio.h>
#include <string.h>

/* "-12", "+3.5", ".5", "1e-05", "-4%": a number a spreadsheet reads as one. */
static bool number_like(const char *s, size_t len)
{
    size_t i = 0, digits = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < len && s[i] == '.')
        for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (digits == 0)
        return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exponent_digits = 0;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
            exponent_digits++;
        if (exponent_digits == 0)
            return false;
    }
    if (i < len && s[i] == '%')
        i++;
    return i == len;
}

/* "-", "---": a placeholder for nothing, which a spreadsheet keeps as text. */
static bool only_hyphens(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (s[i] != '-')
            return false;
    return true;
}

bool rk_csv_formula_like(const char *s, size_t len)
{
    return len > 0 && s[0] != '\0' && strchr("=+-@\t\r", s[0]) && !number_like(s, len) && !only_hyphens(s, len);
}

void rk_csv_formula_note(rk_csv_formula *f, const char *s, size_t len, size_t row, size_t column)
{
    if (f->row || !rk_csv_formula_like(s, len))
        return;
    f->row = row;
    f->column = column;
    f->first = s[0];
    size_t n = len;
    if (n > RK_CSV_FORMULA_SHOWN) {
        n = RK_CSV_FORMULA_SHOWN;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* not inside a UTF-8 sequence */
    }
    for (size_t i = 0; i < n; i++)
        f->text[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
    strcpy(f->text + n, n < len ? "..." : "");
}

void rk_csv_formula_scan(rk_csv_formula *f, const char *text, size_t len)
{
    size_t row = 1, column = 1, i = 0;
    while (i < len && !f->row) {
        const char *value;
        size_t value_len;
        if (text[i] == '"') {
            /* A quoted field: its value is what lies between the quotes; one
             * holding a doubled quote is text, never a number, so the
             * undoubling does not matter to the rule. */
            size_t start = ++i;
            while (i < len && !(text[i] == '"' && (i + 1 >= len || text[i + 1] != '"')))
                i += text[i] == '"' ? 2 : 1;
            value = text + start;
            value_len = (i < len ? i : len) - start;
            if (i < len)
                i++; /* the closing quote */
        } else {
            size_t start = i;
            while (i < len && text[i] != ',' && text[i] != '\n')
                i++;
            value = text + start;
            value_len = i - start;
            if (value_len > 0 && i < len && text[i] == '\n' && value[value_len - 1] == '\r')
                value_len--; /* CRLF */
        }
        rk_csv_formula_note(f, value, value_len, row, column);
        if (i < len && text[i] == '\r')
            i++;
        if (i < len && text[i] == ',') {
            column++;
            i++;
        } else if (i < len && text[i] == '\n') {
            row++;
            column = 1;
            i++;
        }
    }
}

void rk_csv_formula_message(const rk_csv_formula *f, const char *file, char *buf, size_t cap)
{
    char cell[32], first[24];
    /* Spreadsheet column letters: A..Z, AA.. */
    char letters[16];
    size_t n = 0;
    for (size_t c = f->column; c > 0 && n < sizeof letters; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    size_t k = 0;
    while (n > 0)
        cell[k++] = letters[--n];
    snprintf(cell + k, sizeof cell - k, "%zu", f->row);
    if (f->first == '\t')
        snprintf(first, sizeof first, "a tab");
    else if (f->first == '\r')
        snprintf(first, sizeof first, "a carriage return");
    else
        snprintf(first, sizeof first, "'%c'", f->first);
    snprintf(buf, cap,
             "%s: cell %s ('%s') starts with %s, which a spreadsheet may run as a formula when it opens the "
             "file; rapkit writes the data as it is: see \"CSV files and spreadsheets\" in docs/reference.md",
             file, cell, f->text, first);
}
