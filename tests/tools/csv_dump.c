/* csv_dump: loads a CSV file with rapkit's loader, every column as text, and
 * prints it as JSON (an array of objects keyed by header, missing as ""),
 * the form the conformance suites' expected files use. With --rows it prints
 * an array of arrays instead (header first), to compare with Python's csv
 * module. Exit 1 with the loader's message on stderr if loading fails. */
#include <stdio.h>
#include <string.h>

#include "rk_csv.h"

static void put_json_string(const char *s, size_t len)
{
    putchar('"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c == '\n')
            fputs("\\n", stdout);
        else if (c == '\r')
            fputs("\\r", stdout);
        else if (c == '\t')
            fputs("\\t", stdout);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: csv_dump FILE [--rows] [--lenient]\n");
        return 2;
    }
    bool rows_form = false;
    rk_csv_options opts;
    rk_csv_options_init(&opts);
    opts.infer_types = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--rows") == 0)
            rows_form = true;
        else if (strcmp(argv[i], "--lenient") == 0)
            opts.lenient = true;
    }
    rk_csv_report report;
    rk_error err;
    rk_dataset *ds = rk_csv_read_file(argv[1], &opts, &report, &err);
    for (size_t i = 0; i < report.nwarnings; i++)
        fprintf(stderr, "warning: %s\n", report.warnings[i]);
    if (!ds) {
        fprintf(stderr, "%s\n", err.message);
        rk_csv_report_free(&report);
        return 1;
    }
    char buf[RK_VALUE_BUF];
    size_t len;
    putchar('[');
    if (rows_form) {
        putchar('[');
        for (size_t c = 0; c < ds->ncol; c++) {
            if (c)
                putchar(',');
            put_json_string(ds->cols[c]->name, strlen(ds->cols[c]->name));
        }
        putchar(']');
    }
    for (size_t r = 0; r < ds->nrow; r++) {
        if (r || rows_form)
            putchar(',');
        putchar(rows_form ? '[' : '{');
        for (size_t c = 0; c < ds->ncol; c++) {
            if (c)
                putchar(',');
            if (!rows_form) {
                put_json_string(ds->cols[c]->name, strlen(ds->cols[c]->name));
                putchar(':');
            }
            const char *s = rk_column_format(ds->cols[c], r, buf, &len);
            put_json_string(s, len);
        }
        putchar(rows_form ? ']' : '}');
    }
    puts("]");
    printf("%s", "");
    fprintf(stderr, "rows=%zu blank_lines=%zu recoded_line=%zu bad_rows=%zu\n", report.rows,
            report.blank_lines, report.recoded_line, report.nbad_rows);
    rk_dataset_free(ds);
    rk_csv_report_free(&report);
    return 0;
}
