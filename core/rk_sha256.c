#include "rk_sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

void rk_sha256_init(rk_sha256 *h)
{
    sha256_init(&h->ctx);
}

void rk_sha256_update(rk_sha256 *h, const void *data, size_t len)
{
    sha256_update(&h->ctx, len, data);
}

void rk_sha256_hex(rk_sha256 *h, char out[RK_SHA256_HEX_SIZE])
{
    static const char digits[] = "0123456789abcdef";
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_digest(&h->ctx, sizeof digest, digest); /* also starts the context again */
    for (size_t i = 0; i < sizeof digest; i++) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 0xF];
    }
    out[2 * SHA256_DIGEST_SIZE] = '\0';
}

void rk_sha256_hex_of(const void *data, size_t len, char out[RK_SHA256_HEX_SIZE])
{
    rk_sha256 h;
    rk_sha256_init(&h);
    rk_sha256_update(&h, data, len);
    rk_sha256_hex(&h, out);
}

rk_status rk_sha256_file(const char *path, char out[RK_SHA256_HEX_SIZE], rk_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return rk_error_set(err, RK_EIO, "cannot read '%s': %s", path, strerror(errno));
    rk_sha256 h;
    rk_sha256_init(&h);
    unsigned char buf[1 << 16];
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            return rk_error_set(err, RK_EIO, "cannot read '%s': %s", path, strerror(e));
        }
        if (n == 0)
            break;
        rk_sha256_update(&h, buf, (size_t)n);
    }
    close(fd);
    rk_sha256_hex(&h, out);
    return RK_OK;
}
