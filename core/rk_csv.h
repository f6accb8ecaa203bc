/* rk_csv.h: load a CSV file into a typed dataset, on libcsv.
 *
 * Accepts UTF-8 with or without a BOM, LF, CRLF or bare-CR line ends (decided
 * by the first line end outside quotes), RFC 4180 quoting (commas, doubled
 * quotes and line breaks inside quoted fields), and a last line without a
 * line end. An unquoted CR inside a line of an LF file, or an LF in a bare-CR
 * file, ends the row there (as libcsv reads it). Spaces in unquoted fields are kept. Blank
 * lines are skipped and counted. A file that is not valid UTF-8 is decoded as
 * Windows-1252, with one warning naming the first line affected. The first row
 * is the header.
 *
 * Errors carry "path:line: ...", with lines counted by rapkit (a quoted field
 * that spans lines reports the line where its row started): a row with more
 * or fewer fields than the header (unless lenient), an unterminated quote, a
 * stray quote after a closing quote or inside an unquoted field, a field
 * over the size cap, an empty file, a UTF-16 file, a file holding NUL bytes
 * (UTF-16 without a BOM, or not text), duplicate or empty header names; a
 * column named in options.columns or options.types that the header lacks
 * (RK_EARG, listing the header's names). Trailing columns whose header and every cell are empty (as
 * spreadsheets export them) are dropped with a warning instead.
 *
 * Nothing is coerced: an empty cell is missing, and "NA" or "NULL" are text
 * unless listed in options.missing. Column types are inferred from all the
 * column's values unless options.types sets them; a whole number of more than
 * 15 digits keeps a column from being inferred as number
 * (rk_digits_lose_precision).
 */
#ifndef RK_CSV_H
#define RK_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rk_dataset.h"
#include "rk_error.h"
#include "rk_sha256.h"

typedef struct rk_csv_type_override {
    const char *column;    /* header name as written in the file */
    rk_type type;
} rk_csv_type_override;

/* How far a load has gone, for a progress display. */
typedef struct rk_csv_progress {
    const char *name;      /* the path (or buffer name) as given */
    size_t rows;           /* data rows read so far */
    uint64_t bytes_read;   /* of the input, from the start of the current pass */
    uint64_t bytes_total;  /* the input's size; 0 when unknown (a pipe) */
    bool done;             /* the last report: the load has ended, well or not */
} rk_csv_progress;

/* Called every RK_CSV_PROGRESS_LINES lines and once when the load ends
 * (done set, also when it failed). It must not fail or call back into the
 * loader; it only reads *progress during the call. */
typedef void rk_csv_progress_fn(const rk_csv_progress *progress, void *ctx);

#define RK_CSV_PROGRESS_LINES ((size_t)1 << 16)

typedef struct rk_csv_options {
    const char *const *columns;   /* load only these (header names); NULL loads all */
    size_t ncolumns;
    /* Or decide by a test on each header (used instead of columns when set). */
    bool (*want_column)(const char *header, void *ctx);
    void *want_ctx;
    const char *const *missing;   /* extra cell values meaning missing, e.g. " -" */
    size_t nmissing;
    const rk_csv_type_override *types;
    size_t ntypes;
    bool lenient;          /* set rows of the wrong width aside instead of failing */
    bool infer_types;      /* false keeps every column text (describe uses true) */
    size_t max_field_bytes;/* 0 means RK_CSV_DEFAULT_MAX_FIELD */
    rk_csv_progress_fn *progress; /* NULL: no reports */
    void *progress_ctx;
} rk_csv_options;

#define RK_CSV_DEFAULT_MAX_FIELD ((size_t)1 << 20)

/* Default options: all columns, types inferred, strict. */
void rk_csv_options_init(rk_csv_options *opts);

typedef struct rk_csv_bad_row {
    size_t line;     /* where the row started */
    size_t nfields;  /* how many fields it had */
    char *text;      /* the row's fields re-joined as CSV (owned) */
} rk_csv_bad_row;

typedef struct rk_csv_report {
    size_t rows;              /* data rows loaded */
    size_t lines;             /* physical lines read */
    size_t blank_lines;       /* skipped */
    size_t recoded_line;      /* first line that was not UTF-8 (0 = file was UTF-8) */
    rk_csv_bad_row *bad_rows; /* lenient mode: rows set aside */
    size_t nbad_rows;
    char **warnings;          /* "path:line: ..." messages, owned */
    size_t nwarnings;
    struct rk_csv_line_mark { size_t row, line; } *line_marks; /* see rk_csv_row_line */
    size_t nline_marks;
    char sha256[RK_SHA256_HEX_SIZE]; /* of the bytes read, when the load succeeded; else "" */
} rk_csv_report;

/* The line where data row `row` (from 0) of the loaded dataset started, for
 * messages about cells; 0 if unknown. */
size_t rk_csv_row_line(const rk_csv_report *report, size_t row);

void rk_csv_report_free(rk_csv_report *report);

/* Loads `path`. `report` may be NULL; when given, it is filled (also on
 * failure, as far as loading went) and must be freed with
 * rk_csv_report_free. */
rk_dataset *rk_csv_read_file(const char *path, const rk_csv_options *opts,
                             rk_csv_report *report, rk_error *err);

/* The same on bytes in memory; `name` is used in messages. */
rk_dataset *rk_csv_read_buffer(const char *data, size_t len, const char *name,
                               const rk_csv_options *opts, rk_csv_report *report,
                               rk_error *err);

#endif
