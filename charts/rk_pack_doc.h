/* rk_pack_doc.h: the board pack as one PDF: a cover, then a page per figure.
 *
 * A figure page holds, top to bottom, the figure's number, its chart (drawn
 * as vectors through rk_chart_draw_in, or its saved PNG placed as an
 * image), its one-sentence statement, its table, its source and its
 * caveats. Pages are laid out as figures are added, so an error names the
 * figure at fault while its script is still running, and recorded; the
 * cover (which lists the figures and their pages) and the running headers
 * and footers ("Page 3 of 11") are drawn when the document is written.
 *
 * A table is shown as a board paper shows one: column labels, numbers
 * right-aligned with thousands separators (none in a column whose name
 * holds "year"), at most two decimal places (more for values below 1, and
 * as many as a value other than zero needs not to show as 0), halves
 * rounded away from zero,
 * "[c]" for a cell its `<col>_suppressed` column flags (those columns are
 * not shown), "[x]" for a missing number, long text wrapped. Rows that do
 * not fit the page are left out, with a note naming the CSV that holds
 * them all.
 *
 * Strings passed in are copied or used before the call returns: the caller
 * may free them afterwards. Nothing here prints or exits.
 */
#ifndef RK_PACK_DOC_H
#define RK_PACK_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "rk_chart.h"
#include "rk_dataset.h"
#include "rk_error.h"

typedef struct rk_pack_cover {
    const char *title;        /* required */
    const char *organisation; /* each may be NULL */
    const char *period;
    const char *date;
    const char *note;         /* a boxed note under the date ("Illustrative data: ...") */
    const char *colophon;     /* the small print at the foot of the cover */
} rk_pack_cover;

typedef struct rk_pack_chart {
    rk_chart_kind kind;
    const void *spec;           /* drawn as vectors; NULL: place png_path instead */
    const char *png_path;       /* the chart as saved (300 dpi), when spec is NULL */
    double width_mm, height_mm; /* the chart's own size; 0: 160 x 100 */
} rk_pack_chart;

typedef struct rk_pack_figure {
    const char *title;          /* required: the cover's contents, and the heading of a page without a chart */
    const char *statement;      /* required: the one sentence the figure supports */
    const rk_pack_chart *chart; /* NULL: a figure that is a table */
    const rk_dataset *table;    /* may be NULL */
    const char *table_file;     /* where the whole table is, for the note when rows are left out */
    const char *const *label_columns; /* nlabels column names, each shown with the header in */
    const char *const *labels;        /*   labels instead of its label or name */
    size_t nlabels;
    const char *source;         /* may be NULL; printed "Source: ..." */
    bool source_in_chart;       /* the chart prints this source itself: the page does not repeat it */
    const char *const *caveats; /* ncaveats sentences, each a bullet */
    size_t ncaveats;
    const char *placeholder;    /* not NULL: a slot for a figure still to come, saying what will fill it;
                                   chart and table are then not used */
} rk_pack_figure;

typedef struct rk_pack_doc rk_pack_doc;

/* A document with this cover and no figures yet; NULL (err set) on failure. */
rk_pack_doc *rk_pack_doc_new(const rk_pack_cover *cover, rk_error *err);

/* Lays out and records the next figure's page. RK_EARG when a text is not
 * UTF-8, the chart cannot be drawn, or the page cannot hold the chart,
 * statement, caveats and at least one row of the table (the message says
 * what to shorten); the document is unchanged then. */
rk_status rk_pack_doc_add(rk_pack_doc *doc, const rk_pack_figure *figure, rk_error *err);

size_t rk_pack_doc_figures(const rk_pack_doc *doc);

/* Writes the PDF (A4 portrait) to path through rk_outfile: whole or not at all. */
rk_status rk_pack_doc_write(rk_pack_doc *doc, const char *path, rk_error *err);

void rk_pack_doc_free(rk_pack_doc *doc);

#endif
