#include "rk_stamp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk_json.h"

/* The last second of year 9999: four-digit years keep the text fixed-width. */
#define MAX_EPOCH 253402300799LL

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Grows *items (of *n, each `size` bytes) by one slot; NULL if memory ran out. */
static void *grow(void **items, size_t n, size_t size)
{
    void *p = realloc(*items, (n + 1) * size);
    if (!p)
        return NULL;
    *items = p;
    return (char *)p + n * size;
}

static char *copy_text(const char *s, bool *failed)
{
    if (!s)
        return NULL;
    char *p = strdup(s);
    if (!p)
        *failed = true;
    return p;
}

rk_status rk_stamp_run_add_module(rk_stamp_run *run, const rk_stamp_module *module, rk_error *err)
{
    for (size_t i = 0; i < run->nmodules; i++) {
        const rk_stamp_module *m = &run->modules[i];
        if (same_text(m->name, module->name) && same_text(m->path, module->path) &&
            strcmp(m->sha256, module->sha256) == 0)
            return RK_OK;
    }
    bool failed = false;
    rk_stamp_module copy = *module;
    copy.name = copy_text(module->name, &failed);
    copy.path = copy_text(module->path, &failed);
    rk_stamp_module *slot = failed ? NULL : grow((void **)&run->modules, run->nmodules, sizeof *slot);
    if (!slot) {
        free(copy.name);
        free(copy.path);
        return rk_error_nomem(err);
    }
    *slot = copy;
    run->nmodules++;
    return RK_OK;
}

rk_status rk_stamp_run_add_input(rk_stamp_run *run, const rk_stamp_input *input, rk_error *err)
{
    for (size_t i = 0; i < run->ninputs; i++) {
        const rk_stamp_input *in = &run->inputs[i];
        if (same_text(in->path, input->path) && strcmp(in->sha256, input->sha256) == 0 &&
            same_text(in->read_by, input->read_by) && same_text(in->kind, input->kind) &&
            in->rows == input->rows && in->rows_set_aside == input->rows_set_aside &&
            in->rows_unusable == input->rows_unusable)
            return RK_OK;
    }
    bool failed = false;
    rk_stamp_input copy = *input;
    copy.path = copy_text(input->path, &failed);
    copy.kind = copy_text(input->kind, &failed);
    rk_stamp_input *slot = failed ? NULL : grow((void **)&run->inputs, run->ninputs, sizeof *slot);
    if (!slot) {
        free(copy.path);
        free(copy.kind);
        return rk_error_nomem(err);
    }
    *slot = copy;
    run->ninputs++;
    return RK_OK;
}

void rk_stamp_run_free(rk_stamp_run *run)
{
    for (size_t i = 0; i < run->nmodules; i++) {
        free(run->modules[i].name);
        free(run->modules[i].path);
    }
    for (size_t i = 0; i < run->ninputs; i++) {
        free(run->inputs[i].path);
        free(run->inputs[i].kind);
    }
    free(run->modules);
    free(run->inputs);
    free(run->script_path);
    memset(run, 0, sizeof *run);
}

rk_status rk_stamp_time(const char *source_date_epoch, time_t now, char out[RK_STAMP_TIME_SIZE], rk_error *err)
{
    time_t t = now;
    if (source_date_epoch && source_date_epoch[0]) {
        long long v = 0;
        const char *p = source_date_epoch;
        for (; *p >= '0' && *p <= '9' && v <= MAX_EPOCH; p++)
            v = v * 10 + (*p - '0');
        if (*p || v > MAX_EPOCH)
            return rk_error_set(err, RK_EARG,
                                "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, "
                                "as `date +%%s` prints (got '%.40s')",
                                source_date_epoch);
        t = (time_t)v;
    }
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, RK_STAMP_TIME_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return rk_error_set(err, RK_EARG, "the time %lld cannot be written as a date", (long long)t);
    return RK_OK;
}

/* A count, or null when it was not stated (negative). */
static void put_count(rk_json *j, const char *key, long long v)
{
    rk_json_key(j, key);
    if (v < 0)
        rk_json_null(j);
    else
        rk_json_integer(j, v);
}

static void put_run(rk_json *j, const rk_stamp_run *run)
{
    rk_json_key(j, "rapkit_version");
    rk_json_string(j, run ? run->version : NULL);
    rk_json_key(j, "run_time");
    rk_json_string(j, run ? run->run_time : NULL);
    rk_json_key(j, "script");
    rk_json_begin_object(j);
    rk_json_key(j, "path");
    rk_json_string(j, run ? run->script_path : NULL);
    rk_json_key(j, "sha256");
    rk_json_string(j, run ? run->script_sha256 : NULL);
    rk_json_end_object(j);

    rk_json_key(j, "modules");
    rk_json_begin_array(j);
    for (size_t i = 0; run && i < run->nmodules; i++) {
        const rk_stamp_module *m = &run->modules[i];
        rk_json_begin_object(j);
        rk_json_key(j, "name");
        rk_json_string(j, m->name);
        rk_json_key(j, "path");
        rk_json_string(j, m->path);
        rk_json_key(j, "sha256");
        rk_json_string(j, m->sha256);
        rk_json_end_object(j);
    }
    rk_json_end_array(j);

    rk_json_key(j, "inputs");
    rk_json_begin_array(j);
    for (size_t i = 0; run && i < run->ninputs; i++) {
        const rk_stamp_input *in = &run->inputs[i];
        rk_json_begin_object(j);
        rk_json_key(j, "path");
        rk_json_string(j, in->path);
        rk_json_key(j, "sha256");
        rk_json_string(j, in->sha256);
        rk_json_key(j, "read_by");
        rk_json_string(j, in->read_by);
        rk_json_key(j, "kind");
        rk_json_string(j, in->kind);
        put_count(j, "rows", in->rows);
        put_count(j, "rows_set_aside", in->rows_set_aside);
        put_count(j, "rows_unusable", in->rows_unusable);
        rk_json_end_object(j);
    }
    rk_json_end_array(j);
}

static bool is_small(const rk_chart_stamp *s, long long v)
{
    return v > 0 && v < s->min_count;
}

/* Whether a reason's rows are withheld as small: the total excluded then
 * is too, or it less the reasons shown would give them away. */
static bool small_reason(const rk_chart_stamp *s)
{
    for (size_t i = 0; s->reasons && i < s->nreasons; i++)
        if (is_small(s, s->reasons[i].rows))
            return true;
    return false;
}

/* Why the stated counts are withheld, written to buf; NULL when none is:
 * every one when the chart withholds a value, else the small ones. */
static const char *withheld_note(const rk_chart_stamp *s, char *buf, size_t size)
{
    if (s->suppressed > 0) {
        snprintf(buf, size, "the chart withholds %zu value%s ([c]), which a total of rows would reveal",
                 s->suppressed, s->suppressed == 1 ? "" : "s");
        return buf;
    }
    bool reason = small_reason(s);
    if (!is_small(s, s->used) && !is_small(s, s->excluded) && !reason)
        return NULL;
    snprintf(buf, size, "counts from 1 to %lld are withheld%s: they are below the small-number threshold "
             "(rapkit.min_count, %lld)", s->min_count - 1,
             reason ? ", and the total excluded, which would reveal one" : "", s->min_count);
    return buf;
}

/* A stated count: null when not stated, "withheld" when `withheld` (see
 * rk_chart_stamp_json in rk_stamp.h). */
static void put_stated(rk_json *j, const char *key, long long v, bool withheld)
{
    if (v >= 0 && withheld) {
        rk_json_key(j, key);
        rk_json_string(j, "withheld");
    } else {
        put_count(j, key, v);
    }
}

char *rk_chart_stamp_json(const rk_chart_stamp *s, bool pretty)
{
    rk_json j;
    rk_json_init(&j, pretty);
    rk_json_begin_object(&j);
    put_run(&j, s->run);

    rk_json_key(&j, "chart");
    rk_json_begin_object(&j);
    rk_json_key(&j, "type");
    rk_json_string(&j, s->chart);
    put_count(&j, "data_rows", (long long)s->data_rows);
    put_count(&j, "values", (long long)s->values);
    put_count(&j, "drawn", (long long)s->drawn);
    put_count(&j, "missing", (long long)s->missing);
    put_count(&j, "suppressed", (long long)s->suppressed);
    rk_json_end_object(&j);

    rk_json_key(&j, "rows");
    if (s->used < 0 && s->excluded < 0) {
        rk_json_null(&j);
    } else {
        rk_json_begin_object(&j);
        bool all = s->suppressed > 0;
        put_stated(&j, "used", s->used, all || is_small(s, s->used));
        put_stated(&j, "excluded", s->excluded, all || is_small(s, s->excluded) || small_reason(s));
        rk_json_key(&j, "excluded_by_reason");
        if (!s->reasons) {
            rk_json_null(&j);
        } else {
            rk_json_begin_array(&j);
            for (size_t i = 0; i < s->nreasons; i++) {
                rk_json_begin_object(&j);
                rk_json_key(&j, "reason");
                rk_json_string(&j, s->reasons[i].reason);
                put_stated(&j, "rows", s->reasons[i].rows, all || is_small(s, s->reasons[i].rows));
                rk_json_end_object(&j);
            }
            rk_json_end_array(&j);
        }
        char note[256];
        rk_json_key(&j, "note");
        rk_json_string(&j, withheld_note(s, note, sizeof note));
        rk_json_end_object(&j);
    }
    rk_json_end_object(&j);
    return rk_json_finish(&j);
}
