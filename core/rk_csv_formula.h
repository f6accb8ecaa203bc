/* rk_csv_formula.h: text cells that a spreadsheet may run as formulas.
 *
 * Excel, LibreOffice and Google Sheets treat a cell of a CSV file that
 * starts with '=', '+', '-' or '@' (or a tab or carriage return before
 * one) as a formula when they open the file, so a label from data such as
 * =HYPERLINK("http://...") can run when an analyst opens rapkit's output.
 * rapkit does not change data to prevent it: every CSV writer (write_csv,
 * a chart's NAME.csv, write_text of a .csv file) finds the first such cell
 * of the file with this one rule, and the host warns, naming the file and
 * the cell. A cell that reads as a number ("-12", "+3.5", "-4%", "1e-05")
 * or holds only hyphens ("-", a placeholder) is not reported.
 */
#ifndef RK_CSV_FORMULA_H
#define RK_CSV_FORMULA_H

#include <stdbool.h>
#include <stddef.h>

#define RK_CSV_FORMULA_SHOWN 40 /* bytes of the cell's text kept for the message */

/* The first formula-like cell of a file; zeroed (row 0) when none is found. */
typedef struct rk_csv_formula {
    size_t row;       /* as a spreadsheet numbers it: 1 is the header */
    size_t column;    /* from 1 */
    char first;       /* its first byte */
    char text[RK_CSV_FORMULA_SHOWN + 4]; /* its start, "..." when cut, control characters as spaces */
} rk_csv_formula;

/* Whether the cell text s[0..len) is one a spreadsheet may run. */
bool rk_csv_formula_like(const char *s, size_t len);

/* Keeps the cell at row, column in f if it is formula-like and f holds
 * none yet. */
void rk_csv_formula_note(rk_csv_formula *f, const char *s, size_t len, size_t row, size_t column);

/* Notes the first formula-like cell of CSV text as rapkit writes it
 * (RFC 4180: quoted fields with doubled quotes, LF or CRLF line ends). */
void rk_csv_formula_scan(rk_csv_formula *f, const char *text, size_t len);

/* The warning for f in `file` (the path as written), into buf:
 * "out/x.csv: cell B3 starts with '=' ('=1+2'): a spreadsheet ...". */
void rk_csv_formula_message(const rk_csv_formula *f, const char *file, char *buf, size_t cap);

#endif
