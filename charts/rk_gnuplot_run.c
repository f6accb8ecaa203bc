/* rk_gnuplot_run.c: gnuplot as a child process fed through a pipe
 * (rk_gnuplot_run in rk_gnuplot_script.h, rk_gnuplot_run_commands in
 * rk_gnuplot.h).
 *
 * The script goes to gnuplot's standard input, which gnuplot reads as the
 * script file /dev/stdin: read that way (not as "-") it numbers the lines
 * in its messages and stops at the first error, exiting 1, where input
 * typed or piped to its prompt would carry on after an error. Standard
 * output and standard error are read while the script is written, so
 * neither side can block the other, until gnuplot exits: what it started
 * (system(), `...`) may hold the pipes open after that, so once gnuplot is
 * reaped what is left in them is read without waiting and the run is over.
 * gnuplot runs in a process group of its own so that a timeout, or the
 * host's watchdog (rk_gnuplot_kill_running), kills whatever it started too.
 * Its path is found on PATH before the fork: only async-signal-safe calls
 * run between fork and exec.
 */
#include "rk_gnuplot_script.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define GNUPLOT_PROGRAM "gnuplot"
#define MAX_CAPTURE ((size_t)64 << 20) /* of each of stdout and stderr: more is a runaway script */
#define POLL_STEP_MS 10                /* between checks for gnuplot's exit while its pipes are open */

/* gnuplot's process group while it runs (0 when none): from the fork until
 * just before it is reaped, so the group cannot be another's by then. */
static volatile sig_atomic_t running_group;

void rk_gnuplot_kill_running(void)
{
    pid_t group = (pid_t)running_group;
    if (group > 0)
        kill(-group, SIGKILL);
}

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

/* The file to run for program: program itself when it names a path (has
 * a '/'), else the first executable regular file of that name in a folder
 * of PATH (an empty entry is the current folder), as execvp searches.
 * malloc'd; NULL with errno set (ENOENT, or EACCES when one was found that
 * cannot be run). */
static char *find_program(const char *program)
{
    if (strchr(program, '/'))
        return strdup(program);
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    int failure = ENOENT;
    size_t len = strlen(program);
    for (const char *dir = path;; dir++) {
        const char *end = strchr(dir, ':');
        size_t dir_len = end ? (size_t)(end - dir) : strlen(dir);
        char *candidate = malloc(dir_len + len + 3);
        if (!candidate)
            return NULL;
        if (dir_len == 0)
            snprintf(candidate, len + 3, "./%s", program);
        else
            snprintf(candidate, dir_len + len + 2, "%.*s/%s", (int)dir_len, dir, program);
        struct stat st;
        if (stat(candidate, &st) == 0 && S_ISREG(st.st_mode)) {
            if (access(candidate, X_OK) == 0)
                return candidate;
            failure = EACCES;
        }
        free(candidate);
        if (!end)
            break;
        dir = end;
    }
    errno = failure;
    return NULL;
}

/* In the child, between fork and exec: only async-signal-safe calls. The
 * errno of a failed chdir or exec goes back through report_fd. */
static void exec_child(const char *file, const char *work_dir, int in, int out, int errfd, int report_fd)
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
    char *argv[] = {(char *)file, "-d", "/dev/stdin", NULL};
    execv(file, argv);
    int e = errno;
    if (write(report_fd, &e, sizeof e) < 0) {
        /* as above */
    }
    _exit(127);
}

/* Starts gnuplot from file. Returns 0, or the errno of what failed
 * (*in_child says whether it was the chdir or exec in the child). */
static int start_child(const char *file, const char *work_dir, child *ch, bool *in_child)
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
        exec_child(file, work_dir, in[0], out[1], errp[1], report[1]);
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
    running_group = (sig_atomic_t)pid;
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
        running_group = 0;
        while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
        }
        *in_child = true;
        return child_errno;
    }
    /* Writes never block; nor do the reads after gnuplot has exited. */
    fcntl(in[1], F_SETFL, fcntl(in[1], F_GETFL) | O_NONBLOCK);
    fcntl(out[0], F_SETFL, fcntl(out[0], F_GETFL) | O_NONBLOCK);
    fcntl(errp[0], F_SETFL, fcntl(errp[0], F_GETFL) | O_NONBLOCK);
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
    running_group = 0;
    while (waitpid(ch->pid, NULL, 0) < 0 && errno == EINTR) {
    }
}

/* Whether gnuplot has exited, without reaping it; false if that cannot be
 * told (ECHILD: another part of the process reaped it). */
static bool has_exited(const child *ch, bool *lost)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    *lost = false;
    while (waitid(P_PID, (id_t)ch->pid, &info, WEXITED | WNOHANG | WNOWAIT) < 0) {
        if (errno != EINTR) {
            *lost = true;
            return false;
        }
    }
    return info.si_pid == ch->pid;
}

/* Reaps gnuplot, which has exited; false if its status was lost. */
static bool reap(child *ch, int *status)
{
    running_group = 0;
    pid_t got;
    do
        got = waitpid(ch->pid, status, 0);
    while (got < 0 && errno == EINTR);
    return got == ch->pid;
}

/* Appends what fd has; returns false at the end of the stream. */
static bool drain(int fd, GString *into, bool *too_much)
{
    char buf[8192];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK;
    if (n == 0)
        return false;
    if (into->len + (size_t)n > MAX_CAPTURE)
        *too_much = true;
    else
        g_string_append_len(into, buf, n);
    return true;
}

typedef enum run_end { RUN_EXITED, RUN_TIMED_OUT, RUN_TOO_MUCH, RUN_LOST } run_end;

/* Reads what fd holds now, without waiting, up to its end (or
 * MAX_CAPTURE). Closes fd. */
static void drain_rest(int *fd, GString *into, bool *too_much)
{
    while (*fd >= 0 && !*too_much) {
        size_t before = into->len;
        if (!drain(*fd, into, too_much) || into->len == before)
            break; /* the end, or nothing more for now (EAGAIN) */
    }
    close_fd(fd);
}

/* Writes the script and reads both outputs until gnuplot exits, before
 * `deadline`; then reaps it and reads what is left in the pipes. *status
 * gets the wait status. RUN_LOST: its exit status could not be had
 * (ECHILD). */
static run_end pump(child *ch, const char *script, size_t len, double deadline, GString *out, GString *errout,
                    int *status)
{
    size_t written = 0;
    bool too_much = false, lost = false;
    if (len == 0)
        close_fd(&ch->in);
    for (;;) {
        if (too_much)
            return RUN_TOO_MUCH;
        if (has_exited(ch, &lost))
            break;
        if (lost)
            return RUN_LOST;
        double left = deadline - monotonic_seconds();
        if (left <= 0)
            return RUN_TIMED_OUT;
        struct pollfd fds[3] = {{ch->in, POLLOUT, 0}, {ch->out, POLLIN, 0}, {ch->errfd, POLLIN, 0}};
        int wait_ms = (int)fmin(ceil(left * 1000), POLL_STEP_MS);
        int ready = 0;
        if (ch->in >= 0 || ch->out >= 0 || ch->errfd >= 0) {
            ready = poll(fds, 3, wait_ms);
        } else { /* the pipes are done: wait for the exit */
            struct timespec step = {0, (long)wait_ms * 1000000L};
            nanosleep(&step, NULL);
        }
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
    if (!reap(ch, status))
        return RUN_LOST;
    /* What it wrote before it exited is in the pipes; what it started may
     * keep them open, so take what is there and stop. */
    close_fd(&ch->in);
    drain_rest(&ch->out, out, &too_much);
    drain_rest(&ch->errfd, errout, &too_much);
    return too_much ? RUN_TOO_MUCH : RUN_EXITED;
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
    if (!in_child && e == ENOENT && !strchr(program, '/'))
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
    bool in_child = false;
    double deadline = monotonic_seconds() + timeout;
    char *file = find_program(program);
    int e = file ? start_child(file, work_dir, &ch, &in_child) : errno;
    free(file);
    if (e) {
        sigaction(SIGPIPE, &saved, NULL);
        return start_error(program, e, in_child, work_dir, err);
    }
    GString *out = g_string_new(NULL), *errout = g_string_new(NULL);
    int status = 0;
    run_end end = pump(&ch, script, script_len, deadline, out, errout, &status);
    if (end == RUN_TIMED_OUT || (end == RUN_TOO_MUCH && running_group))
        kill_child(&ch);
    running_group = 0;
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
    } else if (end == RUN_LOST) {
        st = rk_error_set(err, RK_EIO, "cannot tell whether gnuplot succeeded: its exit status was lost (%s)",
                          strerror(ECHILD));
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
