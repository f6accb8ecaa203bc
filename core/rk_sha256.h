/* rk_sha256.h: SHA-256 digests as lowercase hex, on nettle.
 *
 * Used for the reproducibility stamp (rk_stamp.h): a script, a module or an
 * input file is identified by the digest of its bytes. Nothing here
 * allocates; rk_sha256_file reads through a stack buffer.
 */
#ifndef RK_SHA256_H
#define RK_SHA256_H

#include <stddef.h>

#include <nettle/sha2.h>

#include "rk_error.h"

#define RK_SHA256_HEX_SIZE 65 /* 64 hex digits and a NUL */

typedef struct rk_sha256 {
    struct sha256_ctx ctx;
} rk_sha256;

void rk_sha256_init(rk_sha256 *h);
void rk_sha256_update(rk_sha256 *h, const void *data, size_t len);

/* Writes the digest of everything added as 64 lowercase hex digits and
 * starts h again, empty. */
void rk_sha256_hex(rk_sha256 *h, char out[RK_SHA256_HEX_SIZE]);

/* The digest of len bytes at data. */
void rk_sha256_hex_of(const void *data, size_t len, char out[RK_SHA256_HEX_SIZE]);

/* The digest of the file's bytes as they are now. RK_EIO ("cannot read
 * 'path': reason") if it cannot be opened or read. */
rk_status rk_sha256_file(const char *path, char out[RK_SHA256_HEX_SIZE], rk_error *err);

#endif
