/* The reproducibility stamp's parts in core: SHA-256 against the FIPS 180-2
 * vectors, the JSON writer and its escaping, the run time with and without
 * SOURCE_DATE_EPOCH, the stamp's JSON as a whole, and the chart-text lint. */
#include <stdlib.h>
#include <unistd.h>

#include "rk_csv.h"
#include "rk_json.h"
#include "rk_lint.h"
#include "rk_sha256.h"
#include "rk_stamp.h"
#include "rk_test.h"

static void test_sha256(void)
{
    char hex[RK_SHA256_HEX_SIZE];
    rk_sha256_hex_of("", 0, hex);
    CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    rk_sha256_hex_of("abc", 3, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *two_blocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    rk_sha256_hex_of(two_blocks, strlen(two_blocks), hex);
    CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

    /* A million 'a', fed in uneven pieces: the same as in one go. */
    static char million[1000000];
    memset(million, 'a', sizeof million);
    rk_sha256 h;
    rk_sha256_init(&h);
    for (size_t done = 0, piece = 1; done < sizeof million; done += piece, piece = piece * 3 % 65537 + 1) {
        if (piece > sizeof million - done)
            piece = sizeof million - done;
        rk_sha256_update(&h, million + done, piece);
    }
    rk_sha256_hex(&h, hex);
    CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    /* The context starts again empty after a digest. */
    rk_sha256_update(&h, "abc", 3);
    rk_sha256_hex(&h, hex);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    /* A file: its bytes, as sha256sum would print them. */
    char path[] = "/tmp/rk_test_stamp.XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, "abc", 3) == 3);
    close(fd);
    rk_error err;
    CHECK(rk_sha256_file(path, hex, &err) == RK_OK);
    CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    unlink(path);
    CHECK(rk_sha256_file(path, hex, &err) == RK_EIO);
    CHECK(strstr(err.message, "cannot read '/tmp/rk_test_stamp.") == err.message);
    CHECK(strstr(err.message, "No such file or directory") != NULL);
}

/* Writes text to a new temporary file; returns its path (static). */
static const char *temp_file(const char *text)
{
    static char path[64];
    strcpy(path, "/tmp/rk_test_stamp_csv.XXXXXX");
    int fd = mkstemp(path);
    CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    close(fd);
    return path;
}

/* The CSV reader's digest is of the bytes it read: the whole file, also
 * when a late byte that is not UTF-8 makes it read the file a second time. */
static void test_csv_digest(void)
{
    static const char *const texts[] = {
        "a,b\n1,2\n3,4\n",
        "name\nZo\xC3\xAB\nCaf\xE9\n", /* UTF-8 first, then a Windows-1252 byte: read twice */
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *path = temp_file(texts[i]);
        rk_csv_report report;
        rk_error err;
        rk_dataset *ds = rk_csv_read_file(path, NULL, &report, &err);
        CHECK(ds != NULL);
        char want[RK_SHA256_HEX_SIZE];
        rk_sha256_hex_of(texts[i], strlen(texts[i]), want);
        CHECK_STR(report.sha256, want);
        rk_dataset_free(ds);
        rk_csv_report_free(&report);
        unlink(path);
    }
    /* A failed load has no digest. */
    const char *path = temp_file("a,b\n1\n");
    rk_csv_report report;
    rk_error err;
    CHECK(rk_csv_read_file(path, NULL, &report, &err) == NULL);
    CHECK_STR(report.sha256, "");
    rk_csv_report_free(&report);
    unlink(path);
    /* Bytes in memory: the digest of the buffer. */
    rk_dataset *ds = rk_csv_read_buffer("x\n1\n", 4, "mem", NULL, &report, &err);
    char want[RK_SHA256_HEX_SIZE];
    rk_sha256_hex_of("x\n1\n", 4, want);
    CHECK_STR(report.sha256, want);
    rk_dataset_free(ds);
    rk_csv_report_free(&report);
}

static char *json_of_string(const char *s)
{
    rk_json j;
    rk_json_init(&j, false);
    rk_json_string(&j, s);
    return rk_json_finish(&j);
}

static void check_json_string(const char *s, const char *want)
{
    char *got = json_of_string(s);
    CHECK_STR(got, want);
    free(got);
}

static void test_json(void)
{
    /* Escapes: quote, backslash, the short forms, other controls as \u00XX. */
    check_json_string("say \"hi\" \\ there", "\"say \\\"hi\\\" \\\\ there\"");
    check_json_string("a\tb\nc\rd\be\ff", "\"a\\tb\\nc\\rd\\be\\ff\"");
    check_json_string("\x01\x1f\x0b", "\"\\u0001\\u001f\\u000b\"");
    /* UTF-8 kept as it is; what is not UTF-8 becomes U+FFFD, byte by byte. */
    check_json_string("caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80", "\"caf\xC3\xA9 \xE2\x80\x93 \xF0\x9F\x98\x80\"");
    check_json_string("x\xFFy", "\"x\xEF\xBF\xBDy\"");
    check_json_string("\xC0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");         /* overlong NUL */
    check_json_string("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); /* a surrogate */
    check_json_string("\xE2\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");         /* cut short */
    check_json_string("/ < > &", "\"/ < > &\"");
    char *null_text = json_of_string(NULL);
    CHECK_STR(null_text, "null");
    free(null_text);

    /* Structure, compact and pretty, with empty containers and key order kept. */
    for (int pretty = 0; pretty <= 1; pretty++) {
        rk_json j;
        rk_json_init(&j, pretty);
        rk_json_begin_object(&j);
        rk_json_key(&j, "z");
        rk_json_integer(&j, -3);
        rk_json_key(&j, "a");
        rk_json_begin_array(&j);
        rk_json_string(&j, "x");
        rk_json_null(&j);
        rk_json_begin_object(&j);
        rk_json_end_object(&j);
        rk_json_begin_array(&j);
        rk_json_end_array(&j);
        rk_json_end_array(&j);
        rk_json_key(&j, "b");
        rk_json_begin_object(&j);
        rk_json_key(&j, "k");
        rk_json_integer(&j, 9007199254740993LL);
        rk_json_end_object(&j);
        rk_json_end_object(&j);
        char *got = rk_json_finish(&j);
        CHECK_STR(got, pretty ? "{\n"
                                "  \"z\": -3,\n"
                                "  \"a\": [\n"
                                "    \"x\",\n"
                                "    null,\n"
                                "    {},\n"
                                "    []\n"
                                "  ],\n"
                                "  \"b\": {\n"
                                "    \"k\": 9007199254740993\n"
                                "  }\n"
                                "}\n"
                              : "{\"z\":-3,\"a\":[\"x\",null,{},[]],\"b\":{\"k\":9007199254740993}}");
        free(got);
    }
    rk_json j;
    rk_json_init(&j, false);
    char *empty = rk_json_finish(&j);
    CHECK_STR(empty, "");
    free(empty);
}

static void test_time(void)
{
    char out[RK_STAMP_TIME_SIZE];
    rk_error err;
    CHECK(rk_stamp_time("0", 1234, out, &err) == RK_OK);
    CHECK_STR(out, "1970-01-01T00:00:00Z");
    CHECK(rk_stamp_time("1700000000", 0, out, &err) == RK_OK);
    CHECK_STR(out, "2023-11-14T22:13:20Z");
    CHECK(rk_stamp_time("253402300799", 0, out, &err) == RK_OK);
    CHECK_STR(out, "9999-12-31T23:59:59Z");
    /* Unset or empty: the clock. */
    CHECK(rk_stamp_time(NULL, 86400 * 366, out, &err) == RK_OK);
    CHECK_STR(out, "1971-01-02T00:00:00Z");
    CHECK(rk_stamp_time("", 1, out, &err) == RK_OK);
    CHECK_STR(out, "1970-01-01T00:00:01Z");
    static const char *const bad[] = {"abc", "-1", "+1", " 1", "1 ", "1e9", "12.5", "253402300800",
                                      "99999999999999999999999"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(rk_stamp_time(bad[i], 0, out, &err) == RK_EARG);
        CHECK(strstr(err.message, "SOURCE_DATE_EPOCH must be a whole number of seconds") == err.message);
    }
    CHECK(strstr(err.message, "(got '9999999999999999999") != NULL);
}

/* Whether the stamp's compact JSON holds `want`. */
static bool compact_has(const rk_chart_stamp *stamp, const char *want)
{
    char *json = rk_chart_stamp_json(stamp, false);
    bool found = json && strstr(json, want);
    free(json);
    return found;
}

static void test_stamp_json(void)
{
    rk_stamp_run run = {.version = "0.1.0", .run_time = "2024-05-01T09:30:00Z"};
    run.script_path = strdup("scripts/rates \"final\".lua");
    memset(run.script_sha256, 'a', 64);
    rk_error err;
    rk_stamp_module mod = {.name = "disproportionality", .path = "lib/disproportionality.lua"};
    memset(mod.sha256, 'b', 64);
    CHECK(rk_stamp_run_add_module(&run, &mod, &err) == RK_OK);
    CHECK(rk_stamp_run_add_module(&run, &mod, &err) == RK_OK); /* the same again: listed once */
    rk_stamp_input in = {.path = "data/searches.csv", .read_by = "load", .kind = "stop_search",
                         .rows = 120, .rows_set_aside = 2, .rows_unusable = 3};
    memset(in.sha256, 'c', 64);
    CHECK(rk_stamp_run_add_input(&run, &in, &err) == RK_OK);
    CHECK(rk_stamp_run_add_input(&run, &in, &err) == RK_OK);
    rk_stamp_input csv = {.path = "pop.csv", .read_by = "read_csv", .rows = 5, .rows_unusable = -1};
    memset(csv.sha256, 'd', 64);
    CHECK(rk_stamp_run_add_input(&run, &csv, &err) == RK_OK);
    in.rows = 121; /* read again with other rows: a second entry */
    CHECK(rk_stamp_run_add_input(&run, &in, &err) == RK_OK);
    CHECK(run.nmodules == 1 && run.ninputs == 3);

    rk_stamp_reason reasons[] = {{"vehicle only", 10}, {"ethnicity not stated", 0}};
    rk_chart_stamp s = {.run = &run, .chart = "bar", .data_rows = 6, .values = 6, .drawn = 4, .missing = 1,
                        .suppressed = 1, .used = 100, .excluded = 10, .reasons = reasons, .nreasons = 2};
    char *pretty = rk_chart_stamp_json(&s, true);
    const char *sha_a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    char want[4096];
    snprintf(want, sizeof want,
             "{\n"
             "  \"rapkit_version\": \"0.1.0\",\n"
             "  \"run_time\": \"2024-05-01T09:30:00Z\",\n"
             "  \"script\": {\n"
             "    \"path\": \"scripts/rates \\\"final\\\".lua\",\n"
             "    \"sha256\": \"%s\"\n"
             "  },\n"
             "  \"modules\": [\n"
             "    {\n"
             "      \"name\": \"disproportionality\",\n"
             "      \"path\": \"lib/disproportionality.lua\",\n"
             "      \"sha256\": \"%.64s\"\n"
             "    }\n"
             "  ],\n"
             "  \"inputs\": [\n"
             "    {\n"
             "      \"path\": \"data/searches.csv\",\n"
             "      \"sha256\": \"%.64s\",\n"
             "      \"read_by\": \"load\",\n"
             "      \"kind\": \"stop_search\",\n"
             "      \"rows\": 120,\n"
             "      \"rows_set_aside\": 2,\n"
             "      \"rows_unusable\": 3\n"
             "    },\n"
             "    {\n"
             "      \"path\": \"pop.csv\",\n"
             "      \"sha256\": \"%.64s\",\n"
             "      \"read_by\": \"read_csv\",\n"
             "      \"kind\": null,\n"
             "      \"rows\": 5,\n"
             "      \"rows_set_aside\": 0,\n"
             "      \"rows_unusable\": null\n"
             "    },\n"
             "    {\n"
             "      \"path\": \"data/searches.csv\",\n"
             "      \"sha256\": \"%.64s\",\n"
             "      \"read_by\": \"load\",\n"
             "      \"kind\": \"stop_search\",\n"
             "      \"rows\": 121,\n"
             "      \"rows_set_aside\": 2,\n"
             "      \"rows_unusable\": 3\n"
             "    }\n"
             "  ],\n"
             "  \"chart\": {\n"
             "    \"type\": \"bar\",\n"
             "    \"data_rows\": 6,\n"
             "    \"values\": 6,\n"
             "    \"drawn\": 4,\n"
             "    \"missing\": 1,\n"
             "    \"suppressed\": 1\n"
             "  },\n"
             "  \"rows\": {\n"
             "    \"used\": \"withheld\",\n"
             "    \"excluded\": \"withheld\",\n"
             "    \"excluded_by_reason\": [\n"
             "      {\n"
             "        \"reason\": \"vehicle only\",\n"
             "        \"rows\": \"withheld\"\n"
             "      },\n"
             "      {\n"
             "        \"reason\": \"ethnicity not stated\",\n"
             "        \"rows\": \"withheld\"\n"
             "      }\n"
             "    ],\n"
             "    \"note\": \"the chart withholds 1 value ([c]), which a total of rows would reveal\"\n"
             "  }\n"
             "}\n",
             sha_a, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
             "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
             "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd",
             "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc");
    CHECK_STR(pretty, want);
    free(pretty);

    /* Compact, with no rows stated and a count stated without reasons. */
    rk_stamp_run bare = {.version = "0.1.0", .run_time = "1970-01-01T00:00:00Z", .script_path = "s.lua"};
    strcpy(bare.script_sha256, sha_a);
    rk_chart_stamp t = {.run = &bare, .chart = "spc", .data_rows = 3, .values = 3, .drawn = 2, .missing = 1,
                        .used = -1, .excluded = -1};
    char *compact = rk_chart_stamp_json(&t, false);
    snprintf(want, sizeof want,
             "{\"rapkit_version\":\"0.1.0\",\"run_time\":\"1970-01-01T00:00:00Z\",\"script\":{\"path\":\"s.lua\","
             "\"sha256\":\"%s\"},\"modules\":[],\"inputs\":[],\"chart\":{\"type\":\"spc\",\"data_rows\":3,"
             "\"values\":3,\"drawn\":2,\"missing\":1,\"suppressed\":0},\"rows\":null}",
             sha_a);
    CHECK_STR(compact, want);
    free(compact);
    t.excluded = 7;
    CHECK(compact_has(&t, "\"rows\":{\"used\":null,\"excluded\":7,\"excluded_by_reason\":null,"
                          "\"note\":null}}"));

    /* Nothing withheld from the chart: each stated count from 1 to
     * min_count - 1 is withheld, 0 and the rest are written. */
    rk_stamp_reason few[] = {{"vehicle only", 3}, {"ethnicity not stated", 0}, {"no outcome", 40}};
    t.min_count = 10;
    t.used = 100;
    t.excluded = 43;
    t.reasons = few;
    t.nreasons = 3;
    CHECK(compact_has(&t, "\"rows\":{\"used\":100,\"excluded\":\"withheld\",\"excluded_by_reason\":["
                          "{\"reason\":\"vehicle only\",\"rows\":\"withheld\"},"
                          "{\"reason\":\"ethnicity not stated\",\"rows\":0},"
                          "{\"reason\":\"no outcome\",\"rows\":40}],"
                          "\"note\":\"counts from 1 to 9 are withheld, and the total excluded, which "
                          "would reveal one: they are below the small-number threshold "
                          "(rapkit.min_count, 10)\"}}"));
    few[0].rows = 10; /* no reason withheld: the total is written */
    CHECK(compact_has(&t, "\"rows\":{\"used\":100,\"excluded\":43,"));
    t.used = 9;
    t.excluded = 10;
    t.reasons = NULL;
    t.nreasons = 0;
    CHECK(compact_has(&t, "\"rows\":{\"used\":\"withheld\",\"excluded\":10,"));
    t.used = 10;
    CHECK(compact_has(&t, "\"rows\":{\"used\":10,\"excluded\":10,\"excluded_by_reason\":null,"
                          "\"note\":null}}"));
    t.min_count = 0; /* outside a run: no threshold */
    t.used = 1;
    CHECK(compact_has(&t, "\"used\":1,"));

    rk_stamp_run_free(&run);
    CHECK(run.ninputs == 0 && run.inputs == NULL && run.script_path == NULL);
}

/* The terms found in text, as "term@start+len" joined by spaces. */
static const char *lint(const char *text)
{
    static char out[512];
    rk_lint_finding found[4];
    size_t n = rk_lint_terms(text, found, 4);
    out[0] = '\0';
    for (size_t i = 0; i < n && i < 4; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s@%zu+%zu", i ? " " : "", found[i].term->term,
                 found[i].start, found[i].len);
    if (n > 4)
        snprintf(out + strlen(out), sizeof out - strlen(out), " (%zu)", n);
    return out;
}

static void test_lint(void)
{
    CHECK(rk_lint_count_words("People seen as White were searched most often") == 8);
    CHECK(rk_lint_count_words("  Stop and search \xE2\x80\x93 2024  ") == 4); /* an en dash is no word */
    CHECK(rk_lint_count_words("Rates per 1,000 people (Census 2021): Black/White") == 7);
    CHECK(rk_lint_count_words("") == 0);
    CHECK(rk_lint_count_words(" - \xE2\x80\x94 ") == 0);
    CHECK(rk_lint_count_words("a\tb\nc\xC2\xA0" "d") == 4); /* a no-break space separates */

    /* Each text and what is found in it, as "term@start+len". */
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"BAME staff", "BAME@0+4"},
        {"Searches of bame and Bme people", "BAME@12+4 BME@21+3"},
        {"BAMEX BMEs XBAME", ""},
        {"BAME, BAME and BAME", "BAME@0+4"},
        {"non-White groups; NON WHITE; nonwhite", "non-White@0+9"},
        {"nonwhite", "non-White@0+8"},
        {"Share of Black, Asian and minority ethnic officers", "Black, Asian and minority ethnic@9+32"},
        {"Black and minority ethnic", "Black and minority ethnic@0+25"},
        {"Black and Asian people", ""},
        {"people of color, person of colour", "people of colour@0+15"},
        {"Blacks", "Blacks@0+6"},
        {"Black people and the Black ethnic group", ""},
        {"Mixed race, mixed-race", "mixed race@0+10"},
        {"Mixed or Multiple ethnic groups", ""},
        {"Cells coloured by RAG level", ""},
        {"coloured  people", "coloured people@0+16"},
        /* In the order they appear; every term once; more than max counted. */
        {"BME, then people of colour, then BAME, Blacks, mixed race and BME",
         "BME@0+3 people of colour@10+16 BAME@33+4 Blacks@39+6 (5)"},
        /* Words are whole: letters outside ASCII belong to the word, curly
         * quotes do not. */
        {"BAME\xC3\xA9 \xC3\xA9" "BAME", ""},
        {"\xE2\x80\x9C" "BAME\xE2\x80\x9D", "BAME@3+4"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(lint(cases[i].text), cases[i].want);

    size_t n = 0;
    while (rk_lint_term_list[n].term)
        n++;
    CHECK(n == RK_LINT_NTERMS);
    for (size_t i = 0; i < n; i++)
        CHECK(rk_lint_term_list[i].advice && rk_lint_term_list[i].source);
}

int main(void)
{
    test_sha256();
    test_csv_digest();
    test_json();
    test_time();
    test_stamp_json();
    test_lint();
    return rk_test_summary();
}
