/* rk_gnuplot_run.c: gnuplot as a child process fed through a pipe
 * (rk_gnuplot_run in rk_gnuplot_script.h, rk_gnuplot_run_commands in
 * rk_gnuplot.h).
 *
 * The script goes to gnuplot's standard input, which gnuplot reads as the
 * script file /dev/stdin: read that way (not as "-") it numbers the lines
 * in its messages and stops at the first error, exiting 1, where input
 * typed or piped to its prompt would carry on after an error. Standard
 * output and standard error are read while the script is written, so
 * neither side can block the other. gnuplot runs in a process group of its
 * own so that a timeout kills whatever it started (system(), `...`) too.
 */
#include "rk_gnuplot_script.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GNUPLOT_PROGRAM "gnuplot"
#define MAX_CAPTURE ((size_t)64 << 20) /* of each of stdout and stderr: more is a runaway script */
#define WAIT_STEP_NS 2000000L          /* 2 ms between checks for the exit */

static double monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void close_fd(int *fd)
{
    if (*fd >= 0)
        close(*fd);
    *fd = -1;
}

/* A pipe whose ends are closed in the child on exec. */
static int cloexec_pipe(int fds[2])
{
    if (pipe(fds) != 0)
        return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
}

/* ---- the child ----------------------------------------------------------- */

typedef struct child {
    pid_t pid;
    int in, out, errfd;   /* our ends: gnuplot's stdin, stdout, stderr */
} child;

/* In the child, between fork and exec: only async-signal-safe calls. The
 * errno of a failed chdir or exec goes back through report_fd. */
static void exec_child(const char *program, const char *work_dir, int in, int out, int errfd, int report_fd)
{
    setpgid(0, 0);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGPIPE, SIG_DFL); /* the parent ignores it while it writes */
    if (dup2(in, STDIN_FILENO) < 0 || dup2(out, STDOUT_FILENO) < 0 || dup2(errfd, STDERR_FILENO) < 0 ||
        (work_dir && chdir(work_dir) != 0)) {
        int e = errno;
        if (write(report_fd, &e, sizeof e) < 0) {
            /* the parent sees an exit without a report */
        }
        _exit(127);
    }
    char *argv[] = {(char *)program, "-d", "/dev/stdin", NULL};
    execvp(program, argv);
    int e = errno;
    if (write(report_fd, &e, sizeof e) < 0) {
        /* as above */
    }
    _exit(127);
}

/* Starts gnuplot. Returns 0, or the errno of what failed (*in_child says
 * whether it was the chdir or exec in the child). */
static int start_child(const char *program, const char *work_dir, child *ch, bool *in_child)
{
    int in[2] = {-1, -1}, out[2] = {-1, -1}, errp[2] = {-1, -1}, report[2] = {-1, -1};
    *in_child = false;
    ch->pid = -1;
    ch->in = ch->out = ch->errfd = -1;
    if (cloexec_pipe(in) || cloexec_pipe(out) || cloexec_pipe(errp) || cloexec_pipe(report)) {
        int e = errno;
        int *all[] = {&in[0], &in[1], &out[0], &out[1], &errp[0], &errp[1], &report[0], &report[1]};
        for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
            close_fd(all[i]);
        return e;
    }
    pid_t pid = fork();
    if (pid == 0)
        exec_child(program, work_dir, in[0], out[1], errp[1], report[1]);
    int fork_errno = errno;
    close_fd(&in[0]);
    close_fd(&out[1]);
    close_fd(&errp[1]);
    close_fd(&report[1]);
    if (pid < 0) {
        close_fd(&in[1]);
        close_fd(&out[0]);
        close_fd(&errp[0]);
        close_fd(&report[0]);
        return fork_errno;
    }
    setpgid(pid, pid); /* also here, so a kill cannot come before the child's own call */
    /* The report pipe closes on a successful exec; an errno arrives otherwise. */
    int child_errno = 0;
    ssize_t n;
    do
        n = read(report[0], &child_errno, sizeof child_errno);
    while (n < 0 && errno == EINTR);
    close_fd(&report[0]);
    if (n == (ssize_t)sizeof child_errno) {
        close_fd(&in[1]);
        close_fd(&out[0]);
        close_fd(&errp[0]);
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
        }
        *in_child = true;
        return child_errno;
    }
    fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
    ch->pid = pid;
    ch->in = in[1];
    ch->out = out[0];
    ch->errfd = errp[0];
    return 0;
}

static void kill_child(child *ch)
{
    kill(-ch->pid, SIGKILL);
    kill(ch->pid, SIGKILL);
    while (waitpid(ch->pid, NULL, 0) < 0 && errno == EINTR) {
    }
}

/* Appends what fd has; returns false at the end of the stream. */
static bool drain(int fd, GString *into, bool *too_much)
{
    char buf[8192];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN;
    if (n == 0)
        return false;
    if (into->len + (size_t)n > MAX_CAPTURE)
        *too_much = true;
    else
        g_string_append_len(into, buf, n);
    return true;
}

typedef enum run_end { RUN_EXITED, RUN_TIMED_OUT, RUN_TOO_MUCH } run_end;

/* Writes the script, reads both outputs to their ends, then waits for the
 * exit, all before `deadline`. *status gets the wait status. */
static run_end pump(child *ch, const char *script, size_t len, double deadline, GString *out, GString *errout,
                    int *status)
{
    size_t written = 0;
    bool too_much = false;
    if (len == 0)
        close_fd(&ch->in);
    while ((ch->in >= 0 || ch->out >= 0 || ch->errfd >= 0) && !too_much) {
        double left = deadline - monotonic_seconds();
        if (left <= 0)
            return RUN_TIMED_OUT;
        struct pollfd fds[3] = {{ch->in, POLLOUT, 0}, {ch->out, POLLIN, 0}, {ch->errfd, POLLIN, 0}};
        int ready = poll(fds, 3, (int)ceil(fmin(left, 1.0) * 1000));
        if (ready < 0 && errno != EINTR)
            return RUN_TIMED_OUT; /* cannot wait on the pipes: treat as stuck */
        if (ready <= 0)
            continue;
        if (ch->in >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = write(ch->in, script + written, len - written);
            if (n > 0)
                written += (size_t)n;
            /* EPIPE: gnuplot stopped reading (it exited); its stderr says why. */
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == len)
                close_fd(&ch->in);
        }
        if (ch->out >= 0 && (fds[1].revents & (POLLIN | POLLERR | POLLHUP)) && !drain(ch->out, out, &too_much))
            close_fd(&ch->out);
        if (ch->errfd >= 0 && (fds[2].revents & (POLLIN | POLLERR | POLLHUP)) &&
            !drain(ch->errfd, errout, &too_much))
            close_fd(&ch->errfd);
    }
    if (too_much)
        return RUN_TOO_MUCH;
    for (;;) {
        pid_t got = waitpid(ch->pid, status, WNOHANG);
        if (got == ch->pid)
            return RUN_EXITED;
        if (got < 0 && errno != EINTR)
            return RUN_EXITED; /* reaped elsewhere: nothing to wait for */
        if (monotonic_seconds() >= deadline)
            return RUN_TIMED_OUT;
        struct timespec step = {0, WAIT_STEP_NS};
        nanosleep(&step, NULL);
    }
}

/* ---- gnuplot's messages -------------------------------------------------- */

typedef struct message {
    long line;    /* script line gnuplot named, or 0 */
    GString *text;
} message;

/* A line that is only a caret under the command gnuplot is complaining of. */
static bool is_caret_line(const char *line)
{
    size_t n = strspn(line, " \t");
    return line[n] == '^' && line[n + 1 + strspn(line + n + 1, " \t")] == '\0';
}

/* `"/dev/stdin" line 12: rest` -> 12, *rest set; 0 otherwise. */
static long line_of(const char *text, const char **rest)
{
    static const char prefix[] = "\"/dev/stdin\" line ";
    if (strncmp(text, prefix, sizeof prefix - 1) != 0)
        return 0;
    char *end;
    long n = strtol(text + sizeof prefix - 1, &end, 10);
    if (n <= 0 || end[0] != ':')
        return 0;
    *rest = end + 1 + strspn(end + 1, " ");
    return n;
}

/* Splits gnuplot's standard error into messages: a message starts at an
 * unindented line and takes the indented lines after it; an echoed command
 * with the caret under it is context already named by the line number, and
 * blank lines only separate. */
static GArray *split_messages(const char *errout)
{
    GArray *messages = g_array_new(FALSE, TRUE, sizeof(message));
    gchar **lines = g_strsplit(errout, "\n", -1);
    message *current = NULL;
    for (size_t i = 0; lines[i]; i++) {
        g_strchomp(lines[i]);
        const char *line = lines[i];
        if (!line[0]) {
            current = NULL;
            continue;
        }
        if (is_caret_line(line) || (lines[i + 1] && is_caret_line(lines[i + 1])))
            continue;
        if (current && (line[0] == ' ' || line[0] == '\t')) {
            g_string_append_c(current->text, ' ');
            g_string_append(current->text, line + strspn(line, " \t"));
            continue;
        }
        const char *rest = line;
        message m = {.line = line_of(line, &rest), .text = g_string_new(NULL)};
        g_string_append(m.text, rest);
        g_array_append_val(messages, m);
        current = &g_array_index(messages, message, messages->len - 1);
    }
    g_strfreev(lines);
    return messages;
}

static void free_messages(GArray *messages)
{
    for (guint i = 0; i < messages->len; i++)
        g_string_free(g_array_index(messages, message, i).text, TRUE);
    g_array_free(messages, TRUE);
}

/* "line 3 of the commands: text", or the text alone. */
static char *describe(const message *m, const rk_gnuplot_source *source)
{
    long first = source && source->first_line > 0 ? (long)source->first_line : 1;
    const char *what = source && source->what ? source->what : "the script";
    /* gnuplot's messages start in upper case now and then, and some end in a full stop. */
    GString *text = g_string_new(m->text->str);
    while (text->len > 0 && (text->str[text->len - 1] == '.' || text->str[text->len - 1] == ' '))
        g_string_truncate(text, text->len - 1);
    if (text->len > 1 && g_ascii_isupper(text->str[0]) && !g_ascii_isupper(text->str[1]))
        text->str[0] = g_ascii_tolower(text->str[0]);
    char *result;
    if (m->line >= first)
        result = g_strdup_printf("line %ld of %s: %s", m->line - first + 1, what, text->str);
    else if (m->line > 0)
        result = g_strdup_printf("line %ld of the datablocks rapkit wrote before %s: %s", m->line, what, text->str);
    else
        result = g_strdup(text->str);
    g_string_free(text, TRUE);
    return result;
}

/* Passes every message on as a warning except `skip` (the error). */
static void warn_messages(GArray *messages, guint skip, const rk_gnuplot_source *source,
                          const rk_gnuplot_options *opts)
{
    if (!opts || !opts->warn)
        return;
    for (guint i = 0; i < messages->len; i++) {
        if (i == skip)
            continue;
        char *text = describe(&g_array_index(messages, message, i), source);
        opts->warn(opts->warn_ctx, text);
        g_free(text);
    }
}

/* ---- running ------------------------------------------------------------- */

static rk_status start_error(const char *program, int e, bool in_child, const char *work_dir, rk_error *err)
{
    if (in_child && e == ENOENT && !strchr(program, '/'))
        return rk_error_set(err, RK_EIO,
                            "cannot run gnuplot: no program '%s' on PATH; install gnuplot (the gnuplot-nox "
                            "package on Debian and Ubuntu)",
                            program);
    if (in_child && work_dir && e != ENOENT && e != EACCES)
        return rk_error_set(err, RK_EIO, "cannot run gnuplot in %s: %s", work_dir, strerror(e));
    return rk_error_set(err, RK_EIO, "cannot run gnuplot ('%s'): %s", program, strerror(e));
}

rk_status rk_gnuplot_run(const char *script, size_t script_len, const rk_gnuplot_source *source,
                         const rk_gnuplot_options *opts, char **output, rk_error *err)
{
    if (output)
        *output = NULL;
    const char *program = opts && opts->program ? opts->program : GNUPLOT_PROGRAM;
    double timeout = opts && opts->timeout_seconds > 0 ? opts->timeout_seconds : RK_GNUPLOT_DEFAULT_TIMEOUT;
    const char *work_dir = opts ? opts->work_dir : NULL;

    /* A gnuplot that exits before reading everything must not end rapkit
     * with SIGPIPE: the write fails with EPIPE instead. */
    struct sigaction ignore, saved;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &saved);

    child ch;
    bool in_child;
    double deadline = monotonic_seconds() + timeout;
    int e = start_child(program, work_dir, &ch, &in_child);
    if (e) {
        sigaction(SIGPIPE, &saved, NULL);
        return start_error(program, e, in_child, work_dir, err);
    }
    GString *out = g_string_new(NULL), *errout = g_string_new(NULL);
    int status = 0;
    run_end end = pump(&ch, script, script_len, deadline, out, errout, &status);
    if (end != RUN_EXITED)
        kill_child(&ch);
    close_fd(&ch.in);
    close_fd(&ch.out);
    close_fd(&ch.errfd);
    sigaction(SIGPIPE, &saved, NULL);

    rk_status st = RK_OK, script_failed = source && source->callers ? RK_EARG : RK_EIO;
    GArray *messages = split_messages(errout->str);
    if (end == RUN_TIMED_OUT) {
        warn_messages(messages, G_MAXUINT, source, opts);
        st = rk_error_set(err, script_failed,
                          "gnuplot did not finish within %g s and was stopped; look for a `pause` or a command "
                          "that waits, or allow more time",
                          timeout);
    } else if (end == RUN_TOO_MUCH) {
        st = rk_error_set(err, RK_EIO, "gnuplot wrote more than %zu MiB of messages or output and was stopped",
                          MAX_CAPTURE >> 20);
    } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        /* The error is the last message that names a line, else the last. */
        guint at = messages->len ? messages->len - 1 : G_MAXUINT;
        for (guint i = messages->len; i-- > 0;)
            if (g_array_index(messages, message, i).line > 0) {
                at = i;
                break;
            }
        warn_messages(messages, at, source, opts);
        char *why = at != G_MAXUINT ? describe(&g_array_index(messages, message, at), source) : NULL;
        if (WIFSIGNALED(status))
            st = rk_error_set(err, RK_EIO, "gnuplot was ended by signal %d%s%s", WTERMSIG(status), why ? ": " : "",
                              why ? why : "");
        else
            st = rk_error_set(err, script_failed, "gnuplot failed (exit code %d): %s", WEXITSTATUS(status),
                              why ? why : "it gave no reason");
        g_free(why);
    } else {
        warn_messages(messages, G_MAXUINT, source, opts);
    }
    free_messages(messages);
    g_string_free(errout, TRUE);
    if (st == RK_OK && output)
        *output = g_string_free(out, FALSE);
    else
        g_string_free(out, TRUE);
    return st;
}

rk_status rk_gnuplot_run_commands(const char *commands, const rk_gnuplot_data *data, size_t ndata,
                                  const rk_gnuplot_options *opts, char **output, rk_error *err)
{
    if (output)
        *output = NULL;
    GString *script = g_string_new("set encoding utf8\n");
    rk_status st = RK_OK;
    for (size_t i = 0; i < ndata && st == RK_OK; i++) {
        for (size_t j = 0; j < i && st == RK_OK; j++)
            if (strcmp(data[i].name, data[j].name) == 0)
                st = rk_error_set(err, RK_EARG, "datablock $%s is given twice", data[i].name);
        if (st == RK_OK)
            st = rk_gnuplot_put_dataset(script, data[i].name, data[i].ds, err);
    }
    if (st == RK_OK) {
        size_t first_line = 1;
        for (gsize i = 0; i < script->len; i++)
            first_line += script->str[i] == '\n';
        g_string_append(script, commands ? commands : "");
        g_string_append_c(script, '\n');
        rk_gnuplot_source source = {"the commands", first_line, true};
        char *text = NULL;
        st = rk_gnuplot_run(script->str, script->len, &source, opts, output ? &text : NULL, err);
        if (st == RK_OK && output) {
            *output = strdup(text);
            if (!*output)
                st = rk_error_nomem(err);
        }
        g_free(text);
    }
    g_string_free(script, TRUE);
    return st;
}
