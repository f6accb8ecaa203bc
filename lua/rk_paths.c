/* realpath(3) is XSI in glibc's eyes. */
#define _XOPEN_SOURCE 700

#include "rk_paths.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *copy_bytes(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

size_t rk_path_normalize(const char *path, size_t n, char *out)
{
    bool absolute = n > 0 && path[0] == '/';
    size_t len = 0;      /* bytes written to out */
    size_t floor = 0;    /* out[0..floor) is a prefix ".." may not remove */
    if (absolute) {
        out[len++] = '/';
        floor = 1;
    }

    size_t i = 0;
    while (i < n) {
        while (i < n && path[i] == '/')
            i++;
        size_t start = i;
        while (i < n && path[i] != '/')
            i++;
        size_t clen = i - start;
        const char *comp = path + start;
        if (clen == 0 || (clen == 1 && comp[0] == '.'))
            continue;
        if (clen == 2 && comp[0] == '.' && comp[1] == '.') {
            if (len > floor) {
                /* Drop the last component written, and its '/'. */
                size_t cut = len;
                while (cut > floor && out[cut - 1] != '/')
                    cut--;
                len = cut > floor ? cut - 1 : floor;
                continue;
            }
            if (absolute)
                continue;   /* "/.." is "/" */
            /* A relative path climbing above its start keeps the "..",
             * and no later ".." may cancel it. */
            if (len > 0)
                out[len++] = '/';
            out[len++] = '.';
            out[len++] = '.';
            floor = len;
            continue;
        }
        if (len > 0 && out[len - 1] != '/')
            out[len++] = '/';
        memcpy(out + len, comp, clen);
        len += clen;
    }
    if (len == 0)
        out[len++] = '.';
    out[len] = '\0';
    return len;
}

char *rk_path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || dir[0] == '\0' || strcmp(dir, ".") == 0)
        return copy_bytes(rel, strlen(rel));
    if (rel[0] == '\0' || strcmp(rel, ".") == 0)
        return copy_bytes(dir, strlen(dir));
    size_t dlen = strlen(dir), rlen = strlen(rel);
    while (dlen > 1 && dir[dlen - 1] == '/')
        dlen--;
    bool slash = dir[dlen - 1] != '/';
    char *out = malloc(dlen + slash + rlen + 1);
    if (!out)
        return NULL;
    memcpy(out, dir, dlen);
    if (slash)
        out[dlen] = '/';
    memcpy(out + dlen + slash, rel, rlen + 1);
    return out;
}

char *rk_path_dirname(const char *path)
{
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        n--;                        /* "a/b/" names b */
    while (n > 0 && path[n - 1] != '/')
        n--;                        /* drop the last component */
    if (n == 0)
        return copy_bytes(".", 1);
    while (n > 1 && path[n - 1] == '/')
        n--;                        /* "a//b" -> "a"; "/b" -> "/" */
    return copy_bytes(path, n);
}

bool rk_path_is_within(const char *path, const char *dir)
{
    size_t dlen = strlen(dir);
    if (dlen == 1 && dir[0] == '/')
        return path[0] == '/';
    if (strncmp(path, dir, dlen) != 0)
        return false;
    return path[dlen] == '\0' || path[dlen] == '/';
}

bool rk_path_resolve(const char *path, char *out)
{
    /* abs: the path made absolute, not yet normalised (a ".." after a
     * symbolic link means the link target's parent, which only realpath
     * knows). */
    char abs[PATH_MAX];
    size_t plen = strlen(path);
    size_t alen = 0;
    if (path[0] != '/') {
        if (!getcwd(abs, sizeof abs))
            return false;
        alen = strlen(abs);
        if (alen > 1)
            abs[alen++] = '/';
    }
    if (alen + plen >= sizeof abs) {
        errno = ENAMETOOLONG;
        return false;
    }
    memcpy(abs + alen, path, plen + 1);
    alen += plen;

    /* Try the whole path, then ever shorter prefixes, until one exists. */
    size_t cut = alen;
    for (;;) {
        char saved = abs[cut];
        abs[cut] = '\0';
        char *real = realpath(cut == 0 ? "/" : abs, out);
        int saved_errno = errno;
        abs[cut] = saved;
        if (real) {
            const char *rest = abs + cut;
            while (*rest == '/')
                rest++;
            if (*rest == '\0')
                return true;
            /* Append what does not exist yet and normalise the whole
             * lexically: a missing component cannot be a link. */
            size_t rlen = strlen(out), restlen = strlen(rest);
            char joined[PATH_MAX];
            if (rlen + 1 + restlen + 2 > sizeof joined) {
                errno = ENAMETOOLONG;
                return false;
            }
            memcpy(joined, out, rlen);
            joined[rlen] = '/';
            memcpy(joined + rlen + 1, rest, restlen + 1);
            rk_path_normalize(joined, rlen + 1 + restlen, out);
            return true;
        }
        if (saved_errno != ENOENT || cut == 0) {
            errno = saved_errno;
            return false;
        }
        /* Step back to the previous component. */
        while (cut > 0 && abs[cut - 1] != '/')
            cut--;
        while (cut > 1 && abs[cut - 1] == '/')
            cut--;
        if (cut == 1)
            cut = 0;   /* the prefix is "/" */
    }
}

char *rk_path_from_executable(const char *rel)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *dir = rk_path_dirname(exe);
    char *joined = dir ? rk_path_join(dir, rel) : NULL;
    free(dir);
    if (!joined)
        return NULL;
    size_t len = strlen(joined);
    char *out = malloc(len + 2);
    if (out)
        rk_path_normalize(joined, len, out);
    free(joined);
    return out;
}

rk_outpath_status rk_path_check_output(const char *rel, size_t len, char *out)
{
    out[0] = '\0';
    if (len == 0)
        return RK_OUTPATH_EMPTY;
    if (memchr(rel, '\0', len))
        return RK_OUTPATH_NUL;
    if (rel[0] == '/')
        return RK_OUTPATH_ABSOLUTE;
    size_t n = rk_path_normalize(rel, len, out);
    if (n >= 2 && out[0] == '.' && out[1] == '.' && (n == 2 || out[2] == '/'))
        return RK_OUTPATH_CLIMBS;
    if (n == 1 && out[0] == '.')
        return RK_OUTPATH_FOLDER;
    return RK_OUTPATH_OK;
}

const char *rk_outpath_reason(rk_outpath_status status)
{
    switch (status) {
    case RK_OUTPATH_OK:       return "allowed";
    case RK_OUTPATH_EMPTY:    return "the path is empty";
    case RK_OUTPATH_NUL:      return "the path contains a zero byte";
    case RK_OUTPATH_ABSOLUTE: return "an absolute path; give a path relative to the output folder";
    case RK_OUTPATH_CLIMBS:   return "it leads out of the output folder";
    case RK_OUTPATH_FOLDER:   return "it names the output folder itself";
    }
    return "refused";
}

int rk_path_make_folders(const char *path)
{
    char buf[PATH_MAX];
    size_t n = strlen(path);
    if (n >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char saved = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            return -1;
        buf[i] = saved;
    }
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

char *rk_path_relative(const char *path, const char *dir)
{
    /* The longest common prefix that ends on a whole component. */
    size_t common = 0;
    for (size_t i = 0;; i++) {
        bool path_end = path[i] == '\0' || path[i] == '/';
        bool dir_end = dir[i] == '\0' || dir[i] == '/';
        if (path_end && dir_end)
            common = i;
        if (path[i] != dir[i] || path[i] == '\0')
            break;
    }
    if (strcmp(dir, "/") == 0)
        common = 0;
    const char *rest = path + common + (path[common] == '/');
    size_t ups = 0;
    for (const char *p = dir + common; *p; p++)
        ups += *p == '/' && p[1] != '\0';
    size_t len = ups * 3 + strlen(rest);
    char *out = malloc(len + 2);
    if (!out)
        return NULL;
    char *w = out;
    for (size_t k = 0; k < ups; k++, w += 3)
        memcpy(w, "../", 3);
    strcpy(w, rest);
    if (!*out)
        strcpy(out, ".");
    else if (ups && !*rest)
        out[len - 1] = '\0'; /* "../" -> ".." */
    return out;
}
