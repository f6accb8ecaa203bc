/* test_paths.c: the sandbox's path arithmetic (lua/rk_paths.c).
 *
 * Prints "N passed, N failed" and exits non-zero on failure. The
 * rk_path_resolve cases build a small tree with symbolic links in a
 * temporary folder and remove it afterwards. */

#define _XOPEN_SOURCE 700   /* mkdtemp, symlink, realpath */

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rk_paths.h"

static int passed, failed;

static void check(bool ok, const char *what, const char *detail)
{
    if (ok) {
        passed++;
    } else {
        failed++;
        printf("FAIL %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    }
}

static void check_str(const char *got, const char *want, const char *what)
{
    char detail[PATH_MAX * 2 + 32];
    snprintf(detail, sizeof detail, "got '%s', want '%s'", got ? got : "(null)", want);
    check(got && strcmp(got, want) == 0, what, detail);
}

/* ---- rk_path_normalize ------------------------------------------------- */

static void test_normalize(void)
{
    static const struct { const char *in, *out; } cases[] = {
        {"", "."},
        {".", "."},
        {"./", "."},
        {"a", "a"},
        {"a/", "a"},
        {"a//b", "a/b"},
        {"./a/./b/.", "a/b"},
        {"a/..", "."},
        {"a/../b", "b"},
        {"a/b/../../c", "c"},
        {"..", ".."},
        {"../a", "../a"},
        {"a/../..", ".."},
        {"a/../../b", "../b"},
        {"../../a/..", "../.."},
        {"../a/../../b", "../../b"},
        {"/", "/"},
        {"//", "/"},
        {"/..", "/"},
        {"/../a", "/a"},
        {"/a/b/..", "/a"},
        {"/a/../..", "/"},
        {"/a/./b//c/", "/a/b/c"},
        {"charts/q1/../q2/bar.png", "charts/q2/bar.png"},
        {"...", "..."},
        {"a/.../b", "a/.../b"},
        {"..a/b", "..a/b"},
        {"a..", "a.."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = strlen(cases[i].in);
        char out[64];
        memset(out, 'X', sizeof out);
        size_t len = rk_path_normalize(cases[i].in, n, out);
        char what[128];
        snprintf(what, sizeof what, "normalize '%s'", cases[i].in);
        check_str(out, cases[i].out, what);
        check(len == strlen(out), what, "returned length differs from the string's");
        check(len + 1 <= n + 2, what, "wrote more than len + 2 bytes");
    }

    /* Only `len` bytes are read: the rest may be anything. */
    char out[16];
    rk_path_normalize("a/b/../../../etc", 3, out);
    check_str(out, "a/b", "normalize reads only len bytes");
}

/* ---- rk_path_join, rk_path_dirname, rk_path_is_within ------------------ */

static void test_join(void)
{
    static const struct { const char *dir, *rel, *out; } cases[] = {
        {"scripts", "data.csv", "scripts/data.csv"},
        {"scripts/", "data.csv", "scripts/data.csv"},
        {"scripts//", "sub/x.csv", "scripts/sub/x.csv"},
        {".", "data.csv", "data.csv"},
        {"", "data.csv", "data.csv"},
        {"scripts", "/etc/passwd", "/etc/passwd"},
        {"scripts", "../x.csv", "scripts/../x.csv"},   /* ".." kept for the kernel */
        {"scripts", "", "scripts"},
        {"scripts", ".", "scripts"},
        {"/", "a", "/a"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = rk_path_join(cases[i].dir, cases[i].rel);
        char what[128];
        snprintf(what, sizeof what, "join '%s' '%s'", cases[i].dir, cases[i].rel);
        check_str(got, cases[i].out, what);
        free(got);
    }
}

static void test_dirname(void)
{
    static const struct { const char *in, *out; } cases[] = {
        {"script.lua", "."},
        {"scripts/disprop.lua", "scripts"},
        {"a/b/c.lua", "a/b"},
        {"a//b.lua", "a"},
        {"/b.lua", "/"},
        {"/a/b.lua", "/a"},
        {"a/b/", "a"},
        {"./s.lua", "."},
        {"../s.lua", ".."},
        {"/", "/"},
        {"", "."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = rk_path_dirname(cases[i].in);
        char what[128];
        snprintf(what, sizeof what, "dirname '%s'", cases[i].in);
        check_str(got, cases[i].out, what);
        free(got);
    }
}

static void test_is_within(void)
{
    static const struct { const char *path, *dir; bool within; } cases[] = {
        {"/data/a.csv", "/data", true},
        {"/data", "/data", true},
        {"/data/sub/a.csv", "/data", true},
        {"/data2/a.csv", "/data", false},
        {"/dat", "/data", false},
        {"/etc/passwd", "/data", false},
        {"/", "/data", false},
        {"/anything", "/", true},
        {"/", "/", true},
        {"/data/../etc", "/data", true},   /* inputs must be normalised: documented */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char what[128];
        snprintf(what, sizeof what, "is_within '%s' '%s'", cases[i].path, cases[i].dir);
        check(rk_path_is_within(cases[i].path, cases[i].dir) == cases[i].within, what,
              cases[i].within ? "expected within" : "expected outside");
    }
}

/* ---- rk_path_check_output ----------------------------------------------- */

static void test_check_output(void)
{
    static const struct { const char *rel; size_t len; rk_outpath_status status; const char *norm; } cases[] = {
        {"chart.png", 9, RK_OUTPATH_OK, "chart.png"},
        {"charts/q1/bar.png", 17, RK_OUTPATH_OK, "charts/q1/bar.png"},
        {"./a//b.csv", 10, RK_OUTPATH_OK, "a/b.csv"},
        {"a/../b.csv", 10, RK_OUTPATH_OK, "b.csv"},
        {"", 0, RK_OUTPATH_EMPTY, NULL},
        {"/tmp/x.csv", 10, RK_OUTPATH_ABSOLUTE, NULL},
        {"//x", 3, RK_OUTPATH_ABSOLUTE, NULL},
        {"../x.csv", 8, RK_OUTPATH_CLIMBS, NULL},
        {"..", 2, RK_OUTPATH_CLIMBS, NULL},
        {"a/../../x.csv", 13, RK_OUTPATH_CLIMBS, NULL},
        {"a/b/../../../x", 14, RK_OUTPATH_CLIMBS, NULL},
        {".", 1, RK_OUTPATH_FOLDER, NULL},
        {"a/..", 4, RK_OUTPATH_FOLDER, NULL},
        {"./", 2, RK_OUTPATH_FOLDER, NULL},
        {"a\0/../../x", 10, RK_OUTPATH_NUL, NULL},
        {"..data.csv", 10, RK_OUTPATH_OK, "..data.csv"},   /* a name, not a climb */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        rk_outpath_status st = rk_path_check_output(cases[i].rel, cases[i].len, out);
        char what[128], detail[128];
        snprintf(what, sizeof what, "check_output '%s'", cases[i].rel);
        snprintf(detail, sizeof detail, "status %d, want %d", (int)st, (int)cases[i].status);
        check(st == cases[i].status, what, detail);
        if (cases[i].norm && st == RK_OUTPATH_OK)
            check_str(out, cases[i].norm, what);
        check(strlen(rk_outpath_reason(st)) > 0, what, "no reason text");
    }
}

/* ---- rk_path_resolve ------------------------------------------------------ */

static char root[PATH_MAX];   /* realpath of the temporary tree */

#define BUF (PATH_MAX * 2)       /* root joined with a short relative path */

static void make(const char *rel, bool dir)
{
    char p[BUF];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    if (dir) {
        if (mkdir(p, 0777) != 0)
            perror(p);
    } else {
        FILE *fp = fopen(p, "w");
        if (fp)
            fclose(fp);
        else
            perror(p);
    }
}

static void link_to(const char *rel, const char *target)
{
    char p[BUF];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    if (symlink(target, p) != 0)
        perror(p);
}

static void expect_resolve(const char *rel, const char *want_rel)
{
    char path[BUF], want[BUF], got[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    if (want_rel[0] == '/')
        snprintf(want, sizeof want, "%s", want_rel);
    else
        snprintf(want, sizeof want, "%s/%s", root, want_rel);
    char what[BUF];
    snprintf(what, sizeof what, "resolve '%s'", rel);
    if (!rk_path_resolve(path, got)) {
        check(false, what, strerror(errno));
        return;
    }
    check_str(got, want, what);
}

static void remove_tree(const char *path)
{
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", path);
}

static void test_resolve(void)
{
    char tmpl[] = "/tmp/rk_paths_test.XXXXXX";
    if (!mkdtemp(tmpl)) {
        check(false, "mkdtemp", strerror(errno));
        return;
    }
    if (!realpath(tmpl, root)) {
        check(false, "realpath of the temporary folder", strerror(errno));
        remove_tree(tmpl);
        return;
    }
    /* root/scripts/{local.csv, sub/deep.csv, up -> .., etc -> /etc, self -> .,
     *               loop -> loop}, root/outside.csv */
    make("scripts", true);
    make("scripts/sub", true);
    make("scripts/local.csv", false);
    make("scripts/sub/deep.csv", false);
    make("outside.csv", false);
    link_to("scripts/up", "..");
    link_to("scripts/etc", "/etc");
    link_to("scripts/self", ".");
    link_to("scripts/link.csv", "../outside.csv");
    link_to("scripts/loop", "loop");

    expect_resolve("scripts/local.csv", "scripts/local.csv");
    expect_resolve("scripts/sub/../local.csv", "scripts/local.csv");
    expect_resolve("scripts//sub/./deep.csv", "scripts/sub/deep.csv");
    expect_resolve("scripts/../outside.csv", "outside.csv");
    expect_resolve("scripts/link.csv", "outside.csv");
    expect_resolve("scripts/up/outside.csv", "outside.csv");
    expect_resolve("scripts/self/self/local.csv", "scripts/local.csv");
    /* Not existing: the existing prefix is resolved, the rest appended. */
    expect_resolve("scripts/new.csv", "scripts/new.csv");
    expect_resolve("scripts/new/deeper/x.csv", "scripts/new/deeper/x.csv");
    expect_resolve("scripts/up/new.csv", "new.csv");
    expect_resolve("scripts/missing/../../outside.csv", "outside.csv");
    char above[BUF];
    snprintf(above, sizeof above, "%s", root);
    *strrchr(above, '/') = '\0';
    strcat(above, "/x");
    expect_resolve("scripts/missing/../../../x", above);

    /* /etc through a link: resolved to wherever /etc really is. */
    char etc[PATH_MAX];
    if (realpath("/etc", etc)) {
        char want[PATH_MAX + 8];
        snprintf(want, sizeof want, "%s/passwd", etc);
        expect_resolve("scripts/etc/passwd", want);
    }

    /* A relative path is taken against the current folder. */
    char cwd[PATH_MAX], got[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) && chdir(root) == 0) {
        check(rk_path_resolve("scripts/up/scripts/local.csv", got), "resolve relative", NULL);
        char want[PATH_MAX + 32];
        snprintf(want, sizeof want, "%s/scripts/local.csv", root);
        check_str(got, want, "resolve relative");
        check(rk_path_resolve("nothing/here", got), "resolve relative, missing", NULL);
        snprintf(want, sizeof want, "%s/nothing/here", root);
        check_str(got, want, "resolve relative, missing");
        if (chdir(cwd) != 0)
            perror(cwd);
    }

    /* Failures other than "does not exist" are reported. */
    char path[PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/scripts/loop/x", root);
    errno = 0;
    check(!rk_path_resolve(path, got) && errno == ELOOP, "resolve through a link loop", "want ELOOP");
    snprintf(path, sizeof path, "%s/scripts/local.csv/x", root);
    errno = 0;
    check(!rk_path_resolve(path, got) && errno == ENOTDIR, "resolve below a file", "want ENOTDIR");

    /* Containment, as the host decides it. */
    char scripts[PATH_MAX + 16];
    snprintf(scripts, sizeof scripts, "%s/scripts", root);
    snprintf(path, sizeof path, "%s/scripts/link.csv", root);
    check(rk_path_resolve(path, got) && !rk_path_is_within(got, scripts),
          "a link out of the folder is not within it", got);
    snprintf(path, sizeof path, "%s/scripts/sub/../local.csv", root);
    check(rk_path_resolve(path, got) && rk_path_is_within(got, scripts),
          "a '..' that stays inside is within", got);

    remove_tree(root);
}

/* The folder beside the running test binary, normalised: what an installed
 * rapkit uses to find ../share/rapkit/scripts. */
static void test_from_executable(void)
{
    char exe[PATH_MAX];
    check(realpath("/proc/self/exe", exe) != NULL, "realpath of /proc/self/exe", "");
    char *dir = rk_path_dirname(exe);
    char *parent = rk_path_dirname(dir);
    char want[PATH_MAX + 64];

    char *got = rk_path_from_executable("../share/rapkit/scripts");
    snprintf(want, sizeof want, "%s/share/rapkit/scripts", strcmp(parent, "/") ? parent : "");
    check_str(got, want, "from_executable ../share/rapkit/scripts");
    free(got);

    got = rk_path_from_executable(".");
    check_str(got, dir, "from_executable .");
    free(got);

    got = rk_path_from_executable("a//b/../c");
    snprintf(want, sizeof want, "%s/a/c", dir);
    check_str(got, want, "from_executable a//b/../c");
    free(got);
    free(parent);
    free(dir);
}

static void test_relative(void)
{
    static const struct { const char *path, *dir, *want; } cases[] = {
        {"/a/data/x.csv", "/a/pack", "../data/x.csv"},
        {"/a/pack/x.csv", "/a/pack", "x.csv"},
        {"/a/pack/sub/x.csv", "/a/pack", "sub/x.csv"},
        {"/a/pack", "/a/pack", "."},
        {"/a", "/a/pack", ".."},
        {"/ab/x", "/a", "../ab/x"},
        {"/x", "/", "x"},
        {"/w/scripts/m.lua", "/w/examples/board-pack", "../../scripts/m.lua"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = rk_path_relative(cases[i].path, cases[i].dir);
        check_str(got, cases[i].want, cases[i].path);
        free(got);
    }
}

int main(void)
{
    test_relative();
    test_normalize();
    test_join();
    test_dirname();
    test_is_within();
    test_check_output();
    test_resolve();
    test_from_executable();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
