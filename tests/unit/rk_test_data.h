/* rk_test_data.h: datasets in unit tests, as CSV text both ways: `load`
 * reads a dataset from CSV text, and CHECK_CSV compares a whole result with
 * the CSV it should write, so a test states its input and its expected
 * output in full. Include after rk_test.h. */
#ifndef RK_TEST_DATA_H
#define RK_TEST_DATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk_csv.h"
#include "rk_test.h"

/* The dataset in the CSV text csv, with types inferred as read_csv infers
 * them; the caller frees it. NULL, with the reason on stderr, if it does not
 * load. */
static inline rk_dataset *load(const char *csv)
{
    rk_error err;
    rk_dataset *ds = rk_csv_read_buffer(csv, strlen(csv), "t.csv", NULL, NULL, &err);
    if (!ds)
        fprintf(stderr, "load failed: %s\n", err.message);
    return ds;
}

/* The dataset as the CSV text rk_dataset_write_csv writes (malloc'd; the
 * caller frees it), or NULL if it could not be written. */
static inline char *to_csv(const rk_dataset *ds)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return NULL;
    rk_error err;
    rk_status st = rk_dataset_write_csv(ds, fp, NULL, &err);
    fclose(fp);
    if (st != RK_OK) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Checks that the dataset ds writes as the CSV text want; a NULL ds (an
 * operation that failed) fails the check. */
#define CHECK_CSV(ds, want)                    \
    do {                                       \
        char *got_ = (ds) ? to_csv(ds) : NULL; \
        CHECK_STR(got_, want);                 \
        free(got_);                            \
    } while (0)

#endif
