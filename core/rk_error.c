#include "rk_error.h"

#include <stdarg.h>
#include <stdio.h>

rk_status rk_error_set(rk_error *err, rk_status status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->status = status;
    }
    return status;
}

rk_status rk_error_nomem(rk_error *err)
{
    return rk_error_set(err, RK_ENOMEM, "out of memory");
}
