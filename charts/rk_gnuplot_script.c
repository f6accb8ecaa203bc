/* rk_gnuplot_script.c: quoting text and data for gnuplot (rk_gnuplot_script.h). */
#include "rk_gnuplot_script.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "rk_value.h"

/* Closes the current single-quoted string, joins `joined` (a double-quoted
 * string free of backquotes and backslash escapes other than \n) and opens
 * the next one. */
static void join_string(GString *script, const char *joined)
{
    g_string_append(script, "'.");
    g_string_append(script, joined);
    g_string_append(script, ".'");
}

void rk_gnuplot_put_text(GString *script, const char *text)
{
    g_string_append_c(script, '\'');
    /* The byte before, inside the current string; 0 at its start. gnuplot
     * 5.4 takes a doubled quote in only when it follows another character
     * (scanner.c looks two ahead of that character). */
    char before = 0;
    for (const char *p = text ? text : ""; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            if (*p == '\r' && p[1] == '\n')
                p++;
            join_string(script, "\"\\n\"");
            before = 0;
        } else if (*p == '\'' && before != 0 && before != '\'') {
            g_string_append(script, "''");
            before = '\'';
        } else if (*p == '\'') {
            join_string(script, "\"'\"");
            before = 0;
        } else {
            g_string_append_c(script, *p);
            before = *p;
        }
    }
    g_string_append_c(script, '\'');
}

rk_status rk_gnuplot_check_text(const char *text, const char *what, rk_error *err)
{
    for (const unsigned char *p = (const unsigned char *)text; p && *p; p++)
        if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7F)
            return rk_error_set(err, RK_EARG,
                                "%s holds a control character (U+%04X) that gnuplot cannot draw: remove it", what,
                                (unsigned)*p);
    return RK_OK;
}

void rk_gnuplot_put_number(GString *script, double v)
{
    if (!isfinite(v)) {
        g_string_append(script, "NaN");
        return;
    }
    char buf[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append(script, g_ascii_dtostr(buf, sizeof buf, v));
}

bool rk_gnuplot_is_identifier(const char *name)
{
    if (!name || !(isalpha((unsigned char)name[0]) || name[0] == '_'))
        return false;
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return false;
    return true;
}

/* What, if anything, keeps `text` out of a quoted datablock field. */
static const char *field_problem(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"')
            return "a double quote";
        if (c == '\\')
            return "a backslash";
        if (c == '\n' || c == '\r')
            return "a line break";
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return "a control character";
    }
    return NULL;
}

static rk_status put_field_text(GString *script, const char *text, size_t len, const rk_column *col, size_t row,
                                const char *block, rk_error *err)
{
    const char *problem = field_problem(text, len);
    if (problem) {
        if (row == 0)
            return rk_error_set(err, RK_EARG,
                                "datablock $%s: the column name '%.60s' holds %s, which gnuplot's data format "
                                "cannot carry: rename the column",
                                block, col->name, problem);
        return rk_error_set(err, RK_EARG,
                            "datablock $%s: column '%.60s' row %zu holds %s, which gnuplot's data format cannot "
                            "carry: replace it first (ds:mutate)",
                            block, col->name, row, problem);
    }
    g_string_append_c(script, '"');
    g_string_append_len(script, text, (gssize)len);
    g_string_append_c(script, '"');
    return RK_OK;
}

rk_status rk_gnuplot_put_dataset(GString *script, const char *name, const rk_dataset *ds, rk_error *err)
{
    if (!rk_gnuplot_is_identifier(name))
        return rk_error_set(err, RK_EARG,
                            "datablock name '%.60s' is not allowed: use letters, digits and '_', starting with "
                            "a letter",
                            name ? name : "");
    gsize start = script->len;
    g_string_append_printf(script, "$%s << EOD\n", name);
    rk_status st = RK_OK;
    for (size_t c = 0; c < ds->ncol && st == RK_OK; c++) {
        if (c > 0)
            g_string_append_c(script, ' ');
        const rk_column *col = ds->cols[c];
        st = put_field_text(script, col->name, strlen(col->name), col, 0, name, err);
    }
    g_string_append_c(script, '\n');
    for (size_t r = 0; r < ds->nrow && ds->ncol > 0 && st == RK_OK; r++) {
        for (size_t c = 0; c < ds->ncol && st == RK_OK; c++) {
            const rk_column *col = ds->cols[c];
            bool missing = rk_column_is_missing(col, r);
            if (c > 0)
                g_string_append_c(script, ' ');
            if (col->type == RK_INTEGER && !missing) {
                g_string_append_printf(script, "%" PRId64, col->v.integers[r]);
            } else if (col->type == RK_NUMBER || col->type == RK_INTEGER) {
                rk_gnuplot_put_number(script, missing ? NAN : col->v.numbers[r]);
            } else if (col->type == RK_BOOLEAN) {
                g_string_append(script, missing ? "NaN" : col->v.booleans[r] ? "1" : "0");
            } else if (missing) {
                g_string_append(script, "\"\"");
            } else {
                char buf[RK_VALUE_BUF];
                size_t len;
                const char *text = rk_column_format(col, r, buf, &len);
                st = put_field_text(script, text, len, col, r + 1, name, err);
            }
        }
        g_string_append_c(script, '\n');
    }
    if (st != RK_OK) {
        g_string_truncate(script, start);
        return st;
    }
    g_string_append(script, "EOD\n");
    return RK_OK;
}
