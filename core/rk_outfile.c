#include "rk_outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void outfile_release(rk_outfile *out)
{
    free(out->final_path);
    free(out->temp_path);
    out->final_path = NULL;
    out->temp_path = NULL;
    out->fp = NULL;
}

rk_status rk_outfile_open(rk_outfile *out, const char *path, rk_error *err)
{
    memset(out, 0, sizeof *out);
    size_t n = strlen(path);
    out->final_path = strdup(path);
    out->temp_path = malloc(n + 16);
    if (!out->final_path || !out->temp_path) {
        outfile_release(out);
        return rk_error_nomem(err);
    }
    /* A dot-prefixed name in the same folder: mkstemp makes it unique. */
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    memcpy(out->temp_path, path, dir_len);
    snprintf(out->temp_path + dir_len, n + 16 - dir_len, ".%s.XXXXXX", path + dir_len);
    int fd = mkstemp(out->temp_path);
    if (fd < 0) {
        rk_status st = rk_error_set(err, RK_EIO, "cannot write %s: %s", path, strerror(errno));
        outfile_release(out);
        return st;
    }
    /* mkstemp makes the file private (0600); give it the mode a plain
     * fopen would, so outputs can be shared like any other file. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    out->fp = fdopen(fd, "wb");
    if (!out->fp) {
        rk_status st = rk_error_set(err, RK_EIO, "cannot write %s: %s", path, strerror(errno));
        close(fd);
        unlink(out->temp_path);
        outfile_release(out);
        return st;
    }
    return RK_OK;
}

rk_status rk_outfile_commit(rk_outfile *out, rk_error *err)
{
    int failed = 0, saved_errno = 0;
    if (out->fp) {
        /* Flush first, so that a failure now leaves its own errno; a write
         * that failed earlier (ferror) left errno to say why. */
        if (fflush(out->fp) != 0 || ferror(out->fp) || fsync(fileno(out->fp)) != 0) {
            failed = 1;
            saved_errno = errno;
        }
        if (fclose(out->fp) != 0 && !failed) {
            failed = 1;
            saved_errno = errno;
        }
        out->fp = NULL;
    }
    if (!failed && rename(out->temp_path, out->final_path) != 0) {
        failed = 1;
        saved_errno = errno;
    }
    if (failed) {
        rk_status st = rk_error_set(err, RK_EIO, "cannot write %s: %s", out->final_path,
                                    strerror(saved_errno ? saved_errno : EIO));
        unlink(out->temp_path);
        outfile_release(out);
        return st;
    }
    outfile_release(out);
    return RK_OK;
}

void rk_outfile_abort(rk_outfile *out)
{
    if (out->fp)
        fclose(out->fp);
    if (out->temp_path)
        unlink(out->temp_path);
    outfile_release(out);
}
