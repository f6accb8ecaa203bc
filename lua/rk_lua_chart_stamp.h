/* rk_lua_chart_stamp.h: what every chart type's binding shares that is
 * not drawing: the chart-text lint, the `rows` option, the reproducibility
 * stamp and the guard that keeps a save from replacing another write's
 * file. Used by rk_lua_chart.c; `chart` is the type's name ("bar"). */
#ifndef RK_LUA_CHART_STAMP_H
#define RK_LUA_CHART_STAMP_H

#include <stdbool.h>
#include <stddef.h>

#include <lua.h>

#include "rk_host.h"
#include "rk_stamp.h"

/* Checks spec.rows_used (a count) and spec.rows_excluded (a count, or a
 * Dataset of reason and rows, as a metric's result.excluded), both
 * optional; raises "chart.<chart>: ..." if one is malformed.
 * stack: unchanged */
void rk_lua_chart_check_rows(lua_State *L, int spec, const char *chart);

/* Warns, with the script's line, about the chart's text (rk_lint.h): a
 * title of more than RK_LINT_TITLE_WORDS words, and each advised-against
 * term once, wherever it first appears: the titles, source, notes, marker
 * and step labels, and the labels drawn from the data (the text values of
 * the columns named by x, group, stage, row and col; heatmap rows and cols;
 * SPC point labels). stack: unchanged */
void rk_lua_chart_lint(lua_State *L, int spec, const char *chart);

/* The stamp of a chart being saved: the run's record (rk_host_stamp_run),
 * the chart's rows (data_rows rows given; nvalues places of which those
 * flagged missing are not drawn, [c] where suppressed[i] (may be NULL), else
 * [x]) and spec.rows_used and rows_excluded, read once, with the threshold
 * (rk_host_min_count) by which the stamp withholds stated counts. It lives
 * in a userdata pushed on the stack, which keeps a rows_excluded dataset
 * alive, valid while that stays. Returns NULL, pushing nil, outside
 * rk_host_run.
 * stack: -> ..., stamp */
const rk_chart_stamp *rk_lua_chart_stamp(lua_State *L, int spec, const char *chart, size_t data_rows,
                                         size_t nvalues, const bool *missing, const bool *suppressed);

/* Before a save: the files it will write (the chart at `path`, a string,
 * and its companions) checked against what the run wrote before
 * (rk_host_check_outputs), owned by the chart at `chart_ud`, so saving one
 * chart as .png and .svg is fine. Returns the set for
 * rk_host_record_outputs after the save, kept in a userdata pushed on the
 * stack. stack: -> ..., set */
const rk_output_set *rk_lua_chart_check_outputs(lua_State *L, int chart_ud, int path, const char *chart);

#endif
