/* rk_test.h: a minimal harness for rapkit's C unit tests. Each CHECK counts
 * one assertion; a test program ends with `return rk_test_summary();`, which
 * prints "N passed, N failed" and returns non-zero on any failure. */
#ifndef RK_TEST_H
#define RK_TEST_H

#include <stdio.h>
#include <string.h>

static int rk_test_passed, rk_test_failed;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (cond) {                                                                   \
            rk_test_passed++;                                                         \
        } else {                                                                      \
            rk_test_failed++;                                                         \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);  \
        }                                                                             \
    } while (0)

#define CHECK_STR(got, want)                                                          \
    do {                                                                              \
        const char *g_ = (got), *w_ = (want);                                         \
        if (g_ && w_ && strcmp(g_, w_) == 0) {                                        \
            rk_test_passed++;                                                         \
        } else {                                                                      \
            rk_test_failed++;                                                         \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,   \
                    g_ ? g_ : "(null)", w_ ? w_ : "(null)");                          \
        }                                                                             \
    } while (0)

static inline int rk_test_summary(void)
{
    printf("%d passed, %d failed\n", rk_test_passed, rk_test_failed);
    return rk_test_failed ? 1 : 0;
}

#endif
