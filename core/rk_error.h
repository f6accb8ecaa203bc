/* rk_error.h: status codes and messages for the core library.
 *
 * The core never prints and never exits. A function that can fail takes an
 * rk_error * as its last argument and, on failure, returns NULL or a non-zero
 * rk_status and writes one message into it. Messages follow the project's
 * style: lower case, no full stop, and for data problems "path:line: what is
 * wrong", so a caller can print them as they are.
 */
#ifndef RK_ERROR_H
#define RK_ERROR_H

#include <stddef.h>

typedef enum rk_status {
    RK_OK = 0,
    RK_ENOMEM,   /* an allocation failed */
    RK_EIO,      /* a file could not be read or written */
    RK_EDATA,    /* the input data is malformed: the message names file and line */
    RK_EARG      /* the caller asked for something impossible (unknown column...) */
} rk_status;

typedef struct rk_error {
    rk_status status;
    char message[1024];
} rk_error;

/* Records status and a printf-style message; returns status so callers can
 * write `return rk_error_set(err, RK_EARG, "...")`. err may be NULL. */
rk_status rk_error_set(rk_error *err, rk_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Shorthand for the out-of-memory case. */
rk_status rk_error_nomem(rk_error *err);

#endif
