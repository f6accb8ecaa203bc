#include "rk_outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The temporaries open now, for rk_outfile_unlink_all: a slot holds a
 * temp_path while its file exists. Slots are filled and emptied here, never
 * in a signal handler; the handler only reads them. A path is stored only
 * once it is whole, and its slot is emptied before it is freed, with a
 * signal fence each time, so the handler sees a valid path or NULL. */
#define MAX_LIVE_TEMPS 64
static char *volatile live_temps[MAX_LIVE_TEMPS];

static void remember_temp(const char *path)
{
    atomic_signal_fence(memory_order_seq_cst);
    for (size_t i = 0; i < MAX_LIVE_TEMPS; i++)
        if (!live_temps[i]) {
            live_temps[i] = (char *)path;
            break;
        }
    /* All slots taken: this temporary is left out, as any would be
     * without the registry. rapkit writes one file at a time. */
    atomic_signal_fence(memory_order_seq_cst);
}

static void forget_temp(const char *path)
{
    atomic_signal_fence(memory_order_seq_cst);
    for (size_t i = 0; i < MAX_LIVE_TEMPS; i++)
        if (live_temps[i] == path)
            live_temps[i] = NULL;
    atomic_signal_fence(memory_order_seq_cst);
}

void rk_outfile_unlink_all(void)
{
    for (size_t i = 0; i < MAX_LIVE_TEMPS; i++) {
        const char *path = live_temps[i];
        if (path)
            unlink(path);
    }
}

static void outfile_release(rk_outfile *out)
{
    if (out->temp_path)
        forget_temp(out->temp_path);
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
    char *temp_path = malloc(n + 16);
    if (!out->final_path || !temp_path) {
        free(temp_path);
        outfile_release(out);
        return rk_error_nomem(err);
    }
    /* A dot-prefixed name in the same folder: mkstemp makes it unique. */
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    memcpy(temp_path, path, dir_len);
    snprintf(temp_path + dir_len, n + 16 - dir_len, ".%s.XXXXXX", path + dir_len);
    /* Signals are held until the file is registered: a handler that ends
     * the process (the host's watchdog) never misses it. */
    sigset_t all, saved;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &saved);
    int fd = mkstemp(temp_path);
    int open_errno = errno;
    if (fd >= 0) {
        out->temp_path = temp_path;
        remember_temp(temp_path);
    }
    sigprocmask(SIG_SETMASK, &saved, NULL);
    if (fd < 0) {
        free(temp_path);
        rk_status st = rk_error_set(err, RK_EIO, "cannot write %s: %s", path, strerror(open_errno));
        outfile_release(out);
        return st;
    }
    /* Not inherited by a program rapkit runs (gnuplot). */
    fcntl(fd, F_SETFD, FD_CLOEXEC);
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
