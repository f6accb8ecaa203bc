/* test_gnuplot.c: text and data quoted for gnuplot, gnuplot run through a
 * pipe (errors, warnings, timeouts), and bar, line and interval charts
 * drawn by it: whole files or none, the cairo charts' companions, and
 * hostile labels drawn as text, never run.
 *
 * The quoting table and the process tests (shell scripts stand in for
 * gnuplot) run without gnuplot; everything else needs gnuplot on PATH and is skipped, with a note, when it is not there. Files go to a
 * fresh folder under $TMPDIR (or /tmp), removed at the end.
 */
#include "rk_gnuplot.h"

#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "rk_chart.h"
#include "rk_gnuplot_script.h"
#include "rk_outfile.h"
#include "rk_test_chart.h"
#include "rk_test_data.h"

static bool exists(const char *name)
{
    struct stat st;
    return stat(in_dir(name), &st) == 0;
}

/* How many entries the test folder holds, "." and ".." aside. */
static int files_in_dir(void)
{
    int n = 0;
    DIR *d = opendir(chart_test_dir);
    for (struct dirent *e; d && (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

/* The whole of a file in the folder (g_free it), or NULL. */
static char *read_all(const char *name, gsize *len)
{
    char *text = NULL;
    if (!g_file_get_contents(in_dir(name), &text, len, NULL))
        return NULL;
    return text;
}

typedef struct warnings {
    int n;
    char last[512];
} warnings;

static void collect(void *ctx, const char *message)
{
    warnings *w = ctx;
    w->n++;
    snprintf(w->last, sizeof w->last, "%s", message);
}

/* ---- quoting ------------------------------------------------------------- */

/* What each text becomes: gnuplot 5.4 misreads a doubled quote first in a
 * string or after another quote, so those quotes are joined on as "'". */
static void test_quoting_table(void)
{
    static const char *const cases[][2] = {
        {"plain", "'plain'"},
        {"it's", "'it''s'"},
        {"end'", "'end'''"},
        {"'lead", "''.\"'\".'lead'"},
        {"a''b", "'a'''.\"'\".'b'"},
        {"''", "''.\"'\".''.\"'\".''"},
        {"a\nb", "'a'.\"\\n\".'b'"},
        {"a\r\nb", "'a'.\"\\n\".'b'"},
        {"`touch x`", "'`touch x`'"},
        {"\"$x @y #z ;\\", "'\"$x @y #z ;\\'"},
        {"", "''"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        GString *s = g_string_new(NULL);
        rk_gnuplot_put_text(s, cases[i][0]);
        CHECK_STR(s->str, cases[i][1]);
        g_string_free(s, TRUE);
    }
    GString *s = g_string_new(NULL);
    rk_gnuplot_put_text(s, NULL);
    CHECK_STR(s->str, "''");
    g_string_free(s, TRUE);
}

static void test_check_text(void)
{
    rk_error err = {0};
    CHECK(rk_gnuplot_check_text("tab\there\nand a line", "title", &err) == RK_OK);
    CHECK(rk_gnuplot_check_text(NULL, "title", &err) == RK_OK);
    CHECK(rk_gnuplot_check_text("bell\a", "bar chart title", &err) == RK_EARG);
    CHECK_STR(err.message, "bar chart title holds a control character (U+0007) that gnuplot cannot draw: remove it");
}

static void test_numbers(void)
{
    static const double values[] = {0.1, -1234.5, 1e300, 5e-324, 0};
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        GString *s = g_string_new(NULL);
        rk_gnuplot_put_number(s, values[i]);
        CHECK(g_ascii_strtod(s->str, NULL) == values[i]);
        g_string_free(s, TRUE);
    }
    GString *s = g_string_new(NULL);
    rk_gnuplot_put_number(s, NAN);
    g_string_append_c(s, ' ');
    rk_gnuplot_put_number(s, INFINITY);
    CHECK_STR(s->str, "NaN NaN");
    g_string_free(s, TRUE);
}

/* ---- datablocks ---------------------------------------------------------- */

static void test_datablock(void)
{
    rk_dataset *ds = load("group,n,rate,day\nAsian,120,0.25,2024-01-31\n,,,\nMixed #2\t(x),7,1.5,2024-02-29\n");
    if (!ds)
        return;
    GString *s = g_string_new(NULL);
    rk_error err = {0};
    CHECK(rk_gnuplot_put_dataset(s, "counts", ds, &err) == RK_OK);
    CHECK_STR(s->str, "$counts << EOD\n"
                      "\"group\" \"n\" \"rate\" \"day\"\n"
                      "\"Asian\" 120 0.25 \"2024-01-31\"\n"
                      "\"\" NaN NaN \"\"\n"
                      "\"Mixed #2\t(x)\" 7 1.5 \"2024-02-29\"\n"
                      "EOD\n");
    g_string_truncate(s, 0);
    CHECK(rk_gnuplot_put_dataset(s, "1st", ds, &err) == RK_EARG);
    CHECK(rk_gnuplot_put_dataset(s, "a b", ds, &err) == RK_EARG);
    CHECK(s->len == 0);
    rk_dataset_free(ds);

    static const char *const refused[][2] = {
        {"t\n\"say \"\"hi\"\"\"\n", "a double quote"},
        {"t\n\"back\\slash\"\n", "a backslash"},
        {"t\n\"two\nlines\"\n", "a line break"},
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        ds = load(refused[i][0]);
        if (!ds)
            continue;
        CHECK(rk_gnuplot_put_dataset(s, "s", ds, &err) == RK_EARG);
        CHECK(strstr(err.message, "column 't' row 1 holds") && strstr(err.message, refused[i][1]));
        CHECK(s->len == 0); /* nothing half-written */
        rk_dataset_free(ds);
    }
}

/* ---- runs ---------------------------------------------------------------- */

static bool have_gnuplot(void)
{
    rk_error err;
    char *out = NULL;
    bool ok = rk_gnuplot_run("", 0, NULL, NULL, &out, &err) == RK_OK;
    g_free(out);
    return ok;
}

/* Each text printed back by gnuplot is itself, and nothing in it ran. */
static void test_quoting_round_trip(void)
{
    char bq[600], sys1[600], sys2[600];
    snprintf(bq, sizeof bq, "`touch %s`", in_dir("backquote"));
    snprintf(sys1, sizeof sys1, "'; system(\"touch %s\")", in_dir("system1"));
    snprintf(sys2, sizeof sys2, "'.system(\"touch %s\").'", in_dir("system2"));
    const char *texts[] = {
        "it's", "'lead", "a''b", "end'", "''", "'''", "x\n!touch nothing", bq, sys1, sys2,
        "\"$x @y #z ; \\n", "@GPVAL_TERM", "caf\xC3\xA9 \xE2\x88\x92" "1",
    };
    GString *script = g_string_new("set print '-'\n");
    GString *want = g_string_new(NULL);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        g_string_append(script, "print ");
        rk_gnuplot_put_text(script, texts[i]);
        g_string_append_c(script, '\n');
        g_string_append_printf(want, "%s\n", texts[i]);
    }
    char *out = NULL;
    rk_error err = {0};
    warnings w = {0};
    rk_gnuplot_options opts = {.warn = collect, .warn_ctx = &w};
    CHECK(rk_gnuplot_run(script->str, script->len, NULL, &opts, &out, &err) == RK_OK);
    CHECK_STR(out, want->str);
    CHECK(w.n == 0);
    CHECK(!exists("backquote") && !exists("system1") && !exists("system2"));
    g_free(out);
    g_string_free(script, TRUE);
    g_string_free(want, TRUE);
}

/* Text in datablocks reads back whole: spaces, tabs, '#', and missing cells. */
static void test_datablock_round_trip(void)
{
    rk_dataset *ds = load("group,n\nAsian or Asian British,120\nMixed #2\t(x),\nWhite,310\n");
    if (!ds)
        return;
    GString *script = g_string_new(NULL);
    rk_error err = {0};
    CHECK(rk_gnuplot_put_dataset(script, "d", ds, &err) == RK_OK);
    g_string_append(script, "set print '-'\n"
                             "stats $d using \"n\" nooutput\n"
                             "print sprintf('%d %g', STATS_records, STATS_sum)\n"
                             "set table $t\n"
                             "plot $d using 0:(1):(strcol(\"group\")) with labels\n"
                             "unset table\n"
                             "print $t\n");
    char *out = NULL;
    CHECK(rk_gnuplot_run(script->str, script->len, NULL, NULL, &out, &err) == RK_OK);
    CHECK(out && g_str_has_prefix(out, "2 430\n"));
    CHECK(out && strstr(out, "\"Asian or Asian British\""));
    CHECK(out && strstr(out, "\"Mixed #2\t(x)\""));
    g_free(out);
    g_string_free(script, TRUE);
    rk_dataset_free(ds);
}

static void test_run_errors(void)
{
    rk_error err = {0};
    rk_gnuplot_options missing = {.program = "rapkit-no-such-gnuplot"};
    CHECK(rk_gnuplot_run("print 1\n", 8, NULL, &missing, NULL, &err) == RK_EIO);
    CHECK(strstr(err.message, "no program 'rapkit-no-such-gnuplot' on PATH; install gnuplot") != NULL);

    /* The error is the stopping command's, with its line; what came before is a warning. */
    warnings w = {0};
    rk_gnuplot_options opts = {.warn = collect, .warn_ctx = &w};
    rk_gnuplot_source source = {"the commands", 2, true};
    const char *script = "set print\nprint 'first'\nset bogus\nprint 'never'\n";
    CHECK(rk_gnuplot_run(script, strlen(script), &source, &opts, NULL, &err) == RK_EARG);
    CHECK_STR(err.message, "gnuplot failed (exit code 1): line 2 of the commands: unrecognized option - see 'help set'");
    CHECK(w.n == 1);
    CHECK_STR(w.last, "first");
    source.callers = false;
    CHECK(rk_gnuplot_run(script, strlen(script), &source, NULL, NULL, &err) == RK_EIO);

    /* A warning gnuplot places is named by its line. */
    w.n = 0;
    script = "$e << EOD\nEOD\nset terminal svg\nset output '/dev/null'\nset xrange [0:1]\nset yrange [0:1]\n"
             "plot $e using 1:2\n";
    CHECK(rk_gnuplot_run(script, strlen(script), &source, &opts, NULL, &err) == RK_OK);
    CHECK(w.n == 1);
    CHECK_STR(w.last, "line 6 of the commands: warning: Skipping data file with no valid points");

    /* A wait is cut short at the timeout. */
    rk_gnuplot_options quick = {.timeout_seconds = 0.3};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK(rk_gnuplot_run("pause 30\n", 9, NULL, &quick, NULL, &err) == RK_EIO);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK(strstr(err.message, "did not finish within 0.3 s") != NULL);
    CHECK((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9 < 5);

    /* Much output and many messages at once cannot block the script's writing. */
    GString *big = g_string_new(NULL);
    for (int i = 0; i < 3000; i++)
        g_string_append_printf(big, "set print '-'\nprint %d\nset print\nprint %d\n", i, i);
    char *out = NULL;
    w.n = 0;
    CHECK(rk_gnuplot_run(big->str, big->len, NULL, &opts, &out, &err) == RK_OK);
    CHECK(out && g_str_has_suffix(out, "\n2999\n"));
    g_free(out);
    g_string_free(big, TRUE);
}

/* ---- the process, with stand-ins for gnuplot ------------------------------- */

/* Writes an executable shell script NAME into the folder; its path. */
static const char *stand_in(const char *name, const char *body)
{
    FILE *fp = fopen(in_dir(name), "w");
    if (fp) {
        fprintf(fp, "#!/bin/sh\n%s\n", body);
        fclose(fp);
    }
    chmod(in_dir(name), 0755);
    return in_dir(name);
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* 2027-02 review: the runner's handling of the child process. */
static void test_run_process(void)
{
    rk_error err = {0};
    char *out = NULL;

    /* Something gnuplot started holds its output open after it exits: the
     * run ends with gnuplot, not at the timeout, with what it wrote. */
    char program[600];
    snprintf(program, sizeof program, "%s", stand_in("leaves-child", "sleep 3 &\necho done"));
    rk_gnuplot_options opts = {.program = program, .timeout_seconds = 2.5};
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK(rk_gnuplot_run("", 0, NULL, &opts, &out, &err) == RK_OK);
    CHECK(seconds_since(&t0) < 2);
    CHECK_STR(out ? out : "", "done\n");
    g_free(out);
    out = NULL;

    /* An exit status that cannot be had (SIGCHLD ignored: the child is
     * reaped by the system) is an error, not a success. */
    struct sigaction ignore = {.sa_handler = SIG_IGN}, saved;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGCHLD, &ignore, &saved);
    snprintf(program, sizeof program, "%s", stand_in("succeeds", "exit 0"));
    CHECK(rk_gnuplot_run("", 0, NULL, &opts, NULL, &err) == RK_EIO);
    CHECK(strstr(err.message, "cannot tell whether gnuplot succeeded: its exit status was lost") != NULL);
    sigaction(SIGCHLD, &saved, NULL);

    /* Found on PATH before the fork: a file that cannot be run is passed
     * over for one that can, as execvp would. */
    mkdir(in_dir("bin-a"), 0755);
    mkdir(in_dir("bin-b"), 0755);
    FILE *fp = fopen(in_dir("bin-a/rapkit-stand-in"), "w");
    if (fp) {
        fputs("#!/bin/sh\necho not this one\n", fp);
        fclose(fp);
    }
    stand_in("bin-b/rapkit-stand-in", "echo found");
    const char *old_path = getenv("PATH");
    char *saved_path = old_path ? strdup(old_path) : NULL;
    char path[1200];
    snprintf(path, sizeof path, "%s/bin-a:%s/bin-b:%s", chart_test_dir, chart_test_dir, old_path ? old_path : "");
    setenv("PATH", path, 1);
    rk_gnuplot_options by_name = {.program = "rapkit-stand-in"};
    CHECK(rk_gnuplot_run("", 0, NULL, &by_name, &out, &err) == RK_OK);
    CHECK_STR(out ? out : "", "found\n");
    g_free(out);
    out = NULL;
    rk_gnuplot_options nowhere = {.program = "rapkit-no-such-stand-in"};
    CHECK(rk_gnuplot_run("", 0, NULL, &nowhere, NULL, &err) == RK_EIO);
    CHECK(strstr(err.message, "no program 'rapkit-no-such-stand-in' on PATH") != NULL);
    if (saved_path)
        setenv("PATH", saved_path, 1);
    free(saved_path);
    remove(in_dir("bin-a/rapkit-stand-in"));
    remove(in_dir("bin-b/rapkit-stand-in"));
    rmdir(in_dir("bin-a"));
    rmdir(in_dir("bin-b"));

    /* A file rapkit has open for writing is not gnuplot's to inherit. */
    rk_outfile held;
    CHECK(rk_outfile_open(&held, in_dir("held.txt"), &err) == RK_OK);
    snprintf(program, sizeof program, "%s",
             stand_in("lists-files", "for f in /proc/$$/fd/*; do readlink \"$f\"; done\nexit 0"));
    rk_gnuplot_options lists = {.program = program};
    CHECK(rk_gnuplot_run("", 0, NULL, &lists, &out, &err) == RK_OK);
    CHECK(out && strstr(out, "pipe:") != NULL); /* it listed its standard streams */
    CHECK(out && strstr(out, ".held.txt.") == NULL);
    g_free(out);
    rk_outfile_abort(&held);
}

/* ---- charts -------------------------------------------------------------- */

static const char *const groups[] = {"Asian", "Black", "Mixed", "Other", "White"};
static const double counts[] = {1210, 2045, 310, 0, 5120};
static const bool no_count[] = {false, false, false, true, false};
static const bool withheld[] = {false, false, false, true, false};

static rk_bar_spec bar_spec(void)
{
    return (rk_bar_spec){.title = "People seen as White were searched most often",
                         .subtitle = "Searches by officer-defined ethnicity, illustrative data",
                         .source = "rapkit test data", .n = 5, .labels = groups, .values = counts,
                         .missing = no_count, .suppressed = withheld, .companions = true};
}

static bool same_file(const char *a, const char *b)
{
    gsize la = 0, lb = 0;
    char *ta = read_all(a, &la), *tb = read_all(b, &lb);
    bool same = ta && tb && la == lb && memcmp(ta, tb, la) == 0;
    g_free(ta);
    g_free(tb);
    return same;
}

/* The PNG's size and whether a 300 dpi pHYs chunk follows IHDR. */
static bool png_is_300_dpi(const char *name, uint32_t w, uint32_t h)
{
    gsize len = 0;
    unsigned char *png = (unsigned char *)read_all(name, &len);
    bool ok = png && len > 54 && memcmp(png + 12, "IHDR", 4) == 0 && memcmp(png + 37, "pHYs", 4) == 0;
    if (ok) {
        uint32_t pw = (uint32_t)png[16] << 24 | (uint32_t)png[17] << 16 | (uint32_t)png[18] << 8 | png[19];
        uint32_t ph = (uint32_t)png[20] << 24 | (uint32_t)png[21] << 16 | (uint32_t)png[22] << 8 | png[23];
        uint32_t per_metre = (uint32_t)png[41] << 24 | (uint32_t)png[42] << 16 | (uint32_t)png[43] << 8 | png[44];
        ok = pw == w && ph == h && per_metre == 11811;
    }
    g_free(png);
    return ok;
}

static void test_bar(void)
{
    rk_bar_spec spec = bar_spec();
    rk_error err = {0};
    warnings w = {0};
    rk_gnuplot_options opts = {.warn = collect, .warn_ctx = &w};
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("g.png"), &opts, &err) == RK_OK);
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("g.svg"), &opts, &err) == RK_OK);
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("g.pdf"), &opts, &err) == RK_OK);
    CHECK(w.n == 0);
    CHECK(png_is_300_dpi("g.png", 1890, 1181));
    CHECK(g_str_has_prefix(slurp("g.pdf"), "%PDF-"));
    gsize len = 0;
    char *pdf = read_all("g.pdf", &len);
    CHECK(pdf && len > 6 && memcmp(pdf + len - 6, "%%EOF\n", 6) == 0);
    g_free(pdf);
    char *svg = read_all("g.svg", &len);
    CHECK(svg && strstr(svg, "<svg") && strstr(svg, "role=\"img\">\n<title>People seen as White were searched most "
                                                 "often</title>\n<desc>Bar chart: "));
    CHECK(svg && strstr(svg, "width=\"453.543pt\" height=\"283.465pt\""));
    CHECK(svg && strstr(svg, ">5,120</text>") && strstr(svg, ">[c]</text>"));
    CHECK(svg && !strstr(svg, ":Bold"));
    g_free(svg);

    /* The companions are the cairo chart's, byte for byte. */
    CHECK(rk_chart_bar_save(&spec, in_dir("c.png"), &err) == RK_OK);
    CHECK(same_file("g.alt.txt", "c.alt.txt"));
    CHECK(same_file("g.csv", "c.csv"));
    CHECK(same_file("g.md", "c.md"));

    /* Refused as the cairo chart is, before gnuplot runs. */
    spec.n = 0;
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("none.png"), &opts, &err) == RK_EARG);
    CHECK_STR(err.message, "bar chart has no bars: the data has no rows");
    spec = bar_spec();
    spec.width_mm = 20;
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("narrow.png"), &opts, &err) == RK_EARG);
    CHECK(!exists("none.png") && !exists("narrow.png"));

    /* Every value missing: no bars, no warning. */
    static const bool all[] = {true, true, true, true, true};
    spec = bar_spec();
    spec.missing = all;
    spec.companions = false;
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("empty.svg"), &opts, &err) == RK_OK);
    CHECK(w.n == 0);
}

/* Labels that would run commands if gnuplot read them as anything but text
 * are drawn as they are, and nothing runs. */
static void test_hostile_labels(void)
{
    char bq[600], sys[600], cat[600], nl[600];
    snprintf(bq, sizeof bq, "`touch %s`", in_dir("label-backquote"));
    snprintf(sys, sizeof sys, "'; system(\"touch %s\")", in_dir("label-system"));
    snprintf(cat, sizeof cat, "'.system(\"touch %s\").'", in_dir("label-concat"));
    snprintf(nl, sizeof nl, "x\n!touch %s", in_dir("label-shell"));
    const char *labels[] = {bq, sys, cat, nl};
    static const double values[] = {1, 2, 3, 4};
    rk_bar_spec spec = {.title = "`touch title`", .n = 4, .labels = labels, .values = values, .width_mm = 1000};
    rk_error err = {0};
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("hostile.svg"), NULL, &err) == RK_OK);
    CHECK(!exists("label-backquote") && !exists("label-system") && !exists("label-concat") &&
          !exists("label-shell"));
    gsize len = 0;
    char *svg = read_all("hostile.svg", &len);
    char want[700];
    snprintf(want, sizeof want, ">%s</text>", bq);
    CHECK(svg && strstr(svg, want));
    snprintf(want, sizeof want, ">%s</text>", sys);
    CHECK(svg && strstr(svg, want));
    snprintf(want, sizeof want, ">%s</text>", cat);
    CHECK(svg && strstr(svg, want));
    snprintf(want, sizeof want, ">!touch %s</text>", in_dir("label-shell"));
    CHECK(svg && strstr(svg, want));
    g_free(svg);
}

/* Nothing is left at the destination when gnuplot fails or writes nothing. */
static void test_atomic(void)
{
    rk_bar_spec spec = bar_spec();
    spec.companions = false;
    rk_error err = {0};
    int before = files_in_dir();
    rk_gnuplot_options missing = {.program = "rapkit-no-such-gnuplot"};
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("atomic.png"), &missing, &err) == RK_EIO);
    rk_gnuplot_options silent = {.program = "true"};
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("atomic.png"), &silent, &err) == RK_EIO);
    CHECK(strstr(err.message, "gnuplot wrote nothing for ") != NULL);
    rk_gnuplot_options failing = {.program = "false"};
    CHECK(rk_gnuplot_bar_save(&spec, in_dir("atomic.svg"), &failing, &err) == RK_EIO);
    CHECK(strstr(err.message, "gnuplot failed (exit code 1)") != NULL);
    CHECK(files_in_dir() == before); /* no file, no temporary */
}

static void test_line(void)
{
    static const char *const months[] = {"2024-01", "2024-02", "2024-03", "2024-04", "2024-05"};
    static const double a[] = {10, 0, 12, 0, 13}, b[] = {20, 21, 22, 23, 24};
    static const bool gaps[] = {false, true, false, true, false};
    rk_line_series series[] = {{.name = "Asian", .values = a, .missing = gaps, .suppressed = gaps},
                               {.name = "White", .values = b}};
    rk_line_marker marker = {.at = 2, .label = "RCRP go-live"};
    rk_line_shade shade = {.from = 0, .to = 1, .label = "Holiday"};
    rk_line_spec spec = {.title = "Searches rose", .n_x = 5, .x_labels = months, .n_series = 2,
                         .series = series, .n_markers = 1, .markers = &marker, .n_shades = 1, .shades = &shade,
                         .companions = true};
    rk_error err = {0};
    warnings w = {0};
    rk_gnuplot_options opts = {.warn = collect, .warn_ctx = &w};
    CHECK(rk_gnuplot_line_save(&spec, in_dir("gl.png"), &opts, &err) == RK_OK);
    CHECK(rk_gnuplot_line_save(&spec, in_dir("gl.svg"), &opts, &err) == RK_OK);
    CHECK(rk_gnuplot_line_save(&spec, in_dir("gl.pdf"), &opts, &err) == RK_OK);
    CHECK(w.n == 0);
    CHECK(png_is_300_dpi("gl.png", 1890, 1181));
    CHECK(rk_chart_line_save(&spec, in_dir("cl.png"), &err) == RK_OK);
    CHECK(same_file("gl.alt.txt", "cl.alt.txt") && same_file("gl.csv", "cl.csv") && same_file("gl.md", "cl.md"));
    gsize len = 0;
    char *svg = read_all("gl.svg", &len);
    CHECK(svg && strstr(svg, ">RCRP go-live</text>") && strstr(svg, ">Holiday</text>"));
    g_free(svg);
    series[0].name = "bad\x01";
    CHECK(rk_gnuplot_line_save(&spec, in_dir("bad.png"), &opts, &err) == RK_EARG);
    CHECK(!exists("bad.png"));
}

static void test_interval(void)
{
    static const char *const names[] = {"Asian", "Black", "Mixed", "White"};
    static const double est[] = {1.41, 3.52, 2.05, 0}, lo[] = {1.28, 3.21, 0, 0}, hi[] = {1.55, 3.86, 0, 0};
    static const bool missing[] = {false, false, false, true}, none[] = {false, false, true, true};
    rk_interval_spec spec = {.title = "Black people were searched at 3.5 times the rate", .n = 4, .labels = names,
                             .estimate = est, .lower = lo, .upper = hi, .missing = missing, .no_interval = none,
                             .reference = 1, .x_title = "Rate ratio", .companions = true};
    rk_error err = {0};
    warnings w = {0};
    rk_gnuplot_options opts = {.warn = collect, .warn_ctx = &w};
    CHECK(rk_gnuplot_interval_save(&spec, in_dir("gi.png"), &opts, &err) == RK_OK);
    CHECK(rk_gnuplot_interval_save(&spec, in_dir("gi.svg"), &opts, &err) == RK_OK);
    CHECK(rk_gnuplot_interval_save(&spec, in_dir("gi.pdf"), &opts, &err) == RK_OK);
    CHECK(w.n == 0);
    CHECK(png_is_300_dpi("gi.png", 1890, 1181));
    CHECK(rk_chart_interval_save(&spec, in_dir("ci.png"), &err) == RK_OK);
    CHECK(same_file("gi.alt.txt", "ci.alt.txt") && same_file("gi.csv", "ci.csv") && same_file("gi.md", "ci.md"));
    gsize len = 0;
    char *svg = read_all("gi.svg", &len);
    CHECK(svg && strstr(svg, ">3.52 (3.21 to 3.86)</text>") && strstr(svg, ">2.05 (no interval)</text>"));
    g_free(svg);
    static const double bad_hi[] = {1.0, 3.86, 0, 0}; /* below its estimate */
    spec.upper = bad_hi;
    CHECK(rk_gnuplot_interval_save(&spec, in_dir("bad.svg"), &opts, &err) == RK_EARG);
    CHECK(!exists("bad.svg"));
}

int main(void)
{
    if (!chart_test_begin("rk-gnuplot-test"))
        return 1;
    test_quoting_table();
    test_check_text();
    test_numbers();
    test_datablock();
    test_run_process();
    if (have_gnuplot()) {
        test_quoting_round_trip();
        test_datablock_round_trip();
        test_run_errors();
        test_bar();
        test_hostile_labels();
        test_atomic();
        test_line();
        test_interval();
    } else {
        printf("skip  gnuplot is not on PATH: only the quoting was tested\n");
    }
    return chart_test_end();
}
