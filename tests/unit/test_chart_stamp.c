/* test_chart_stamp.c: a chart spec's stamp goes into NAME.json (pretty, as
 * rk_chart_stamp_json writes it), the SVG's <metadata> (escaped for XML),
 * the PNG's iTXt chunks and nowhere when there is none; the companion file
 * names. (tests/output checks the same through rapkit run, with pdfinfo.) */
#include <stdlib.h>
#include <sys/stat.h>

#include "rk_chart.h"
#include "rk_test_chart.h"

static const char *const labels[] = {"White", "Black", "Asian"};
static const double values[] = {5120, 1234, 0};
static const bool missing[] = {false, false, true};

/* The whole of a file in the test folder (caller frees), its length in *len. */
static char *read_all(const char *name, size_t *len)
{
    FILE *fp = fopen(in_dir(name), "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, fp);
    buf[*len] = '\0';
    fclose(fp);
    return buf;
}

static bool file_exists(const char *name)
{
    struct stat st;
    return stat(in_dir(name), &st) == 0;
}

/* Whether the n bytes at needle occur in the len bytes at hay. */
static bool contains(const char *hay, size_t len, const char *needle, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(hay + i, needle, n) == 0)
            return true;
    return false;
}

static void test_stamp_in_files(void)
{
    /* A script path with characters XML and JSON must escape, and a byte
     * that is not UTF-8. */
    rk_stamp_run run = {.version = "0.1.0", .run_time = "2024-05-01T09:30:00Z",
                        .script_path = "a<b>&\"c\"\xff.lua"};
    memset(run.script_sha256, 'e', 64);
    rk_chart_stamp stamp = {.run = &run, .chart = "bar", .data_rows = 3, .values = 3, .drawn = 2, .missing = 1,
                            .used = 10, .excluded = -1};
    rk_bar_spec spec = {.title = "White people were searched most", .n = 3, .labels = labels, .values = values,
                        .missing = missing, .companions = true, .stamp = &stamp};
    rk_error err;
    char *pretty = rk_chart_stamp_json(&stamp, true);
    char *compact = rk_chart_stamp_json(&stamp, false);
    CHECK(pretty && compact && strstr(compact, "\"path\":\"a<b>&\\\"c\\\"\xEF\xBF\xBD.lua\""));

    CHECK(rk_chart_bar_save(&spec, in_dir("stamped.svg"), &err) == RK_OK);
    size_t len;
    char *json = read_all("stamped.json", &len);
    CHECK_STR(json, pretty);
    free(json);
    char *svg = read_all("stamped.svg", &len);
    GString *want = g_string_new("</desc>\n<metadata id=\"rapkit-stamp\">");
    for (const char *p = compact; *p; p++) {
        if (*p == '<')
            g_string_append(want, "&lt;");
        else if (*p == '>')
            g_string_append(want, "&gt;");
        else if (*p == '&')
            g_string_append(want, "&amp;");
        else
            g_string_append_c(want, *p);
    }
    g_string_append(want, "</metadata>\n");
    CHECK(svg && strstr(svg, want->str) != NULL);
    CHECK(svg && strstr(svg, "a<b>") == NULL);
    g_string_free(want, TRUE);
    free(svg);

    /* PNG: the stamp and the title as iTXt (uncompressed, no language). */
    CHECK(rk_chart_bar_save(&spec, in_dir("stamped.png"), &err) == RK_OK);
    char *png = read_all("stamped.png", &len);
    GString *chunk = g_string_new(NULL);
    g_string_append_len(chunk, "iTXtrapkit-stamp\0\0\0\0\0", 21);
    g_string_append(chunk, compact);
    CHECK(png && contains(png, len, chunk->str, chunk->len));
    static const char title[] = "iTXtTitle\0\0\0\0\0White people were searched most";
    CHECK(png && contains(png, len, title, sizeof title - 1));
    static const char software[] = "tEXtSoftware\0rapkit ";
    CHECK(png && contains(png, len, software, sizeof software - 1));
    g_string_free(chunk, TRUE);
    free(png);

    /* PDF: keywords are there (as UTF-16 here: the text is not ASCII;
     * tests/output reads them back with pdfinfo), dated at the run time
     * rather than by the clock (cairo 1.16 writes "(20240501093000Z)"). */
    CHECK(rk_chart_bar_save(&spec, in_dir("stamped.pdf"), &err) == RK_OK);
    char *pdf = read_all("stamped.pdf", &len);
    CHECK(pdf && contains(pdf, len, "/Keywords <FEFF007B", 19));
    CHECK(pdf && contains(pdf, len, "20240501093000", 14));
    free(pdf);
    free(pretty);
    free(compact);

    /* No stamp: no NAME.json, no metadata, no stamp chunk. */
    spec.stamp = NULL;
    CHECK(rk_chart_bar_save(&spec, in_dir("plain.svg"), &err) == RK_OK);
    CHECK(!file_exists("plain.json"));
    svg = read_all("plain.svg", &len);
    CHECK(svg && strstr(svg, "<metadata") == NULL);
    free(svg);
    CHECK(rk_chart_bar_save(&spec, in_dir("plain.png"), &err) == RK_OK);
    png = read_all("plain.png", &len);
    CHECK(png && !contains(png, len, "rapkit-stamp", 12) && contains(png, len, title, sizeof title - 1));
    free(png);
    CHECK(file_exists("plain.csv") && file_exists("plain.alt.txt") && file_exists("plain.md"));
}

static void test_companion_names(void)
{
    CHECK(rk_chart_stem_length("out/rates.png") == 9);
    CHECK(rk_chart_stem_length("a.b/rates") == 9);
    CHECK(rk_chart_stem_length("rates.v2.svg") == 8);
    CHECK(rk_chart_stem_length(".png") == 0);
    size_t n = 0;
    while (rk_chart_companion_suffixes[n])
        n++;
    CHECK(n == 4);
    CHECK_STR(rk_chart_companion_suffixes[3], ".json");
}

int main(void)
{
    if (!chart_test_begin("rk_test_chart_stamp"))
        return 1;
    test_stamp_in_files();
    test_companion_names();
    return chart_test_end();
}
