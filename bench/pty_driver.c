/* pty_driver.c - measures a console program from outside, through a pty.
 *
 * Used by bench/run on guichet and on bench/floor (DESIGN.md §9). The program
 * runs in a pseudo-terminal of a given size (forkpty) with TERM set, and gets
 * the write end of a pipe as GUICHET_BENCH_FD: it writes one byte there after
 * every doupdate(), so a byte on the pipe means "a complete screen is on the
 * terminal". The driver
 *   - times exec -> first byte on the pipe (first complete screen); the child
 *     reads CLOCK_MONOTONIC just before execvp and sends it over a close-on-
 *     exec pipe, which also carries errno if exec fails;
 *   - sends the --before keys, one at a time, each after the screen the
 *     last one drew has settled (to reach the state to measure: a form
 *     filled in), untimed;
 *   - sends a key sequence N times and, for each step, times write(key) ->
 *     byte on the pipe and counts the bytes the program wrote to the terminal
 *     until it has been quiet for a while (the pty is drained all the time so
 *     the program never blocks on a full terminal);
 *   - sends the quit key, waits for the exit and reads peak resident memory
 *     from wait4()'s rusage (ru_maxrss, KiB on Linux).
 * With --exit-after-first the program is started with
 * GUICHET_EXIT_AFTER_FIRST_SCREEN=1 and exec -> exit is timed instead.
 *
 * Output: key=value lines on stdout (see usage()), nothing else. Errors go
 * to stderr with exit status 2; a program that misbehaves (dies, times out)
 * gives exit status 1 after printing what was measured. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum { MAX_STEPS = 10000, MAX_KEY = 64, MAX_BEFORE = 32, TAIL = 600 };

struct options {
    int rows, cols;
    const char *term;
    int steps;
    char key[MAX_KEY];
    size_t key_len;
    char quit[MAX_KEY];
    size_t quit_len;
    char before[MAX_BEFORE][MAX_KEY]; /* keys sent before the steps */
    size_t before_len[MAX_BEFORE];
    int before_count;
    int exit_after_first;
    int first_timeout_ms;  /* exec -> first screen */
    int step_timeout_ms;   /* key -> screen */
    int quiet_ms;          /* no output for this long = step finished */
    int settle_ms;         /* the same after a --before key */
    const char *dump;      /* raw terminal output copied here, or NULL */
    char **argv;           /* the program and its arguments */
};

/* The running program and what is read from it. */
struct child {
    pid_t pid;
    int master;            /* pty master, non-blocking */
    int bench;             /* read end of the GUICHET_BENCH_FD pipe */
    int pidfd;             /* readable when the child exits, or -1 */
    FILE *dump;
    char tail[TAIL];       /* the last TAIL bytes of terminal output */
    long long pty_bytes;   /* terminal output so far */
    long screens;          /* bytes read from the bench pipe so far */
    int master_open, bench_open, exited;
    int status;            /* wait4() status once exited */
    struct rusage usage;
    double exit_at;        /* ms, monotonic, when the exit was seen */
};

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void usage(FILE *out)
{
    fputs("usage: pty_driver [options] -- PROGRAM [ARG...]\n"
          "  --size COLSxROWS     terminal size (80x24)\n"
          "  --term NAME          TERM for the program (xterm-256color)\n"
          "  --steps N            send the step key N times (10)\n"
          "  --key SEQ            step key, C escapes allowed (\"]\")\n"
          "  --before SEQ         a key sent (untimed) before the steps, after\n"
          "                       the last screen settled; repeat for more\n"
          "  --settle-ms N        quiet time after a --before key and after each\n"
          "                       step (--quiet-ms); above 1000 when a key may\n"
          "                       read for seconds (guichet redraws its\n"
          "                       \"Reading...\" each second), so that no key is\n"
          "                       typed ahead of the work of the last one\n"
          "  --quit SEQ           quit key (\"q\")\n"
          "  --exit-after-first   set GUICHET_EXIT_AFTER_FIRST_SCREEN=1 and\n"
          "                       time exec -> exit (no steps)\n"
          "  --timeout-ms N       wait for the first screen (60000)\n"
          "  --step-timeout-ms N  wait for each step's screen (10000)\n"
          "  --quiet-ms N         silence that ends a step (40)\n"
          "  --dump FILE          copy the raw terminal output to FILE\n"
          "Prints key=value lines: first_screen_ms, first_screen_bytes,\n"
          "step_N_ms, step_N_bytes, steps, step_ms_median, step_ms_min,\n"
          "step_ms_max, step_bytes_median, step_bytes_max, extra_screens,\n"
          "exit_ms (exec -> exit with --exit-after-first, else quit key ->\n"
          "exit), exit_status, maxrss_kib.\n", out);
}

/* Decodes C escapes (\e \033 \xHH \n \r \t \\) of a key argument. */
static int parse_key(const char *s, char *out, size_t *len)
{
    size_t n = 0;
    while (*s) {
        int c = (unsigned char)*s++;
        if (c == '\\' && *s) {
            c = (unsigned char)*s++;
            switch (c) {
            case 'e': c = 27; break;
            case 'n': c = '\n'; break;
            case 'r': c = '\r'; break;
            case 't': c = '\t'; break;
            case 'x': {
                char *end;
                char hex[3] = { s[0], s[0] ? s[1] : 0, 0 };
                c = (int)strtol(hex, &end, 16);
                if (end == hex)
                    return -1;
                s += end - hex;
                break;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int v = c - '0', k;
                    for (k = 0; k < 2 && *s >= '0' && *s <= '7'; k++)
                        v = v * 8 + (*s++ - '0');
                    c = v;
                }
                break; /* \\ and anything else: the character itself */
            }
        }
        if (n >= MAX_KEY)
            return -1;
        out[n++] = (char)c;
    }
    if (n == 0)
        return -1;
    *len = n;
    return 0;
}

static int parse_int(const char *s, int min, int max, int *out)
{
    char *end;
    long v;
    errno = 0;
    v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
    int i;
    memset(o, 0, sizeof *o);
    o->rows = 24;
    o->cols = 80;
    o->term = "xterm-256color";
    o->steps = 10;
    o->key[0] = ']';
    o->key_len = 1;
    o->quit[0] = 'q';
    o->quit_len = 1;
    o->first_timeout_ms = 60000;
    o->step_timeout_ms = 10000;
    o->quiet_ms = 40;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        } else if (strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(a, "--exit-after-first") == 0) {
            o->exit_after_first = 1;
            continue;
        } else if (a[0] != '-') {
            break;
        }
        if (!v) {
            fprintf(stderr, "pty_driver: %s needs a value\n", a);
            return -1;
        }
        i++;
        if (strcmp(a, "--size") == 0) {
            if (sscanf(v, "%dx%d", &o->cols, &o->rows) != 2 || o->cols < 1 ||
                o->rows < 1 || o->cols > 1000 || o->rows > 1000) {
                fprintf(stderr, "pty_driver: bad --size %s\n", v);
                return -1;
            }
        } else if (strcmp(a, "--term") == 0) {
            o->term = v;
        } else if (strcmp(a, "--steps") == 0) {
            if (parse_int(v, 0, MAX_STEPS, &o->steps)) {
                fprintf(stderr, "pty_driver: bad --steps %s\n", v);
                return -1;
            }
        } else if (strcmp(a, "--key") == 0) {
            if (parse_key(v, o->key, &o->key_len)) {
                fprintf(stderr, "pty_driver: bad --key %s\n", v);
                return -1;
            }
        } else if (strcmp(a, "--before") == 0) {
            if (o->before_count == MAX_BEFORE ||
                parse_key(v, o->before[o->before_count], &o->before_len[o->before_count])) {
                fprintf(stderr, "pty_driver: bad --before %s (or more than %d)\n", v, MAX_BEFORE);
                return -1;
            }
            o->before_count++;
        } else if (strcmp(a, "--quit") == 0) {
            if (parse_key(v, o->quit, &o->quit_len)) {
                fprintf(stderr, "pty_driver: bad --quit %s\n", v);
                return -1;
            }
        } else if (strcmp(a, "--timeout-ms") == 0) {
            if (parse_int(v, 1, 3600000, &o->first_timeout_ms)) {
                fprintf(stderr, "pty_driver: bad --timeout-ms %s\n", v);
                return -1;
            }
        } else if (strcmp(a, "--step-timeout-ms") == 0) {
            if (parse_int(v, 1, 3600000, &o->step_timeout_ms)) {
                fprintf(stderr, "pty_driver: bad --step-timeout-ms %s\n", v);
                return -1;
            }
        } else if (strcmp(a, "--quiet-ms") == 0) {
            if (parse_int(v, 1, 60000, &o->quiet_ms)) {
                fprintf(stderr, "pty_driver: bad --quiet-ms %s\n", v);
                return -1;
            }
        } else if (strcmp(a, "--settle-ms") == 0) {
            if (parse_int(v, 1, 60000, &o->settle_ms)) {
                fprintf(stderr, "pty_driver: bad --settle-ms %s\n", v);
                return -1;
            }
        } else if (strcmp(a, "--dump") == 0) {
            o->dump = v;
        } else {
            fprintf(stderr, "pty_driver: unknown option %s\n", a);
            return -1;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return -1;
    }
    o->argv = argv + i;
    return 0;
}

/* Moves fd to a number >= 10 so that forkpty's dup2 onto 0..2 in the child
 * can never clobber it (the driver may be started with stdin closed). */
static int high_fd(int fd, int cloexec)
{
    int h = fcntl(fd, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, 10);
    if (h < 0)
        return -1;
    close(fd);
    return h;
}

static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* In the child: environment, then exec. Never returns. */
static void exec_child(const struct options *o, int bench_w, int report_w)
{
    char num[16];
    struct timespec t;
    int err;

    snprintf(num, sizeof num, "%d", bench_w);
    setenv("GUICHET_BENCH_FD", num, 1);
    setenv("TERM", o->term, 1);
    /* LINES/COLUMNS would override the pty size in curses. */
    unsetenv("LINES");
    unsetenv("COLUMNS");
    if (o->exit_after_first)
        setenv("GUICHET_EXIT_AFTER_FIRST_SCREEN", "1", 1);
    else
        unsetenv("GUICHET_EXIT_AFTER_FIRST_SCREEN");
    signal(SIGPIPE, SIG_DFL);

    clock_gettime(CLOCK_MONOTONIC, &t);
    if (write(report_w, &t, sizeof t) != (ssize_t)sizeof t)
        _exit(127);
    execvp(o->argv[0], o->argv);
    err = errno;
    if (write(report_w, &err, sizeof err) < 0)
        _exit(127);
    _exit(127);
}

static void keep_tail(struct child *c, const char *buf, size_t n)
{
    long long i;
    for (i = 0; i < (long long)n; i++)
        c->tail[(c->pty_bytes + i) % TAIL] = buf[i];
}

/* Shows, on stderr, the last terminal output: text only (escape sequences
 * dropped, line ends kept) so that a program's own error message is seen. */
static void print_tail(const struct child *c)
{
    long long from = c->pty_bytes > TAIL ? c->pty_bytes - TAIL : 0, i;
    int esc = 0, any = 0;
    for (i = from; i < c->pty_bytes; i++) {
        unsigned char ch = (unsigned char)c->tail[i % TAIL];
        if (esc) { /* skip ESC [ ... final byte, or ESC + one char */
            if (esc == 1 && ch != '[')
                esc = 0;
            else if (esc == 2 && ch >= 0x40 && ch <= 0x7e)
                esc = 0;
            else
                esc = 2;
            continue;
        }
        if (ch == 27) {
            esc = 1;
        } else if (ch == '\n' || ch >= 0x20 || ch == '\t') {
            if (!any)
                fputs("pty_driver: the program's last output:\n", stderr);
            any = 1;
            fputc(ch, stderr);
        }
    }
    if (any)
        fputc('\n', stderr);
}

/* Reads, without blocking, everything available on the bench pipe and the
 * pty. Returns the monotonic time (ms) at which the first bench byte was
 * read during this call, or 0 when none was; *screens_now counts them. */
static double drain(struct child *c, long *screens_now)
{
    char buf[65536];
    double first = 0;
    ssize_t n;
    *screens_now = 0;
    /* The bench pipe first: its timestamp is the measurement. */
    while (c->bench_open) {
        n = read(c->bench, buf, sizeof buf);
        if (n > 0) {
            if (first == 0)
                first = now_ms();
            c->screens += n;
            *screens_now += n;
        } else if (n == 0) {
            c->bench_open = 0;
        } else if (errno == EINTR) {
            continue;
        } else {
            break; /* EAGAIN */
        }
    }
    while (c->master_open) {
        n = read(c->master, buf, sizeof buf);
        if (n > 0) {
            keep_tail(c, buf, (size_t)n);
            c->pty_bytes += n;
            if (c->dump)
                fwrite(buf, 1, (size_t)n, c->dump);
        } else if (n == 0 || (n < 0 && errno == EIO)) {
            c->master_open = 0; /* the slave side is closed */
        } else if (errno == EINTR) {
            continue;
        } else {
            break;
        }
    }
    return first;
}

/* Reaps the child if it has exited. */
static void check_exit(struct child *c)
{
    pid_t r;
    if (c->exited)
        return;
    r = wait4(c->pid, &c->status, WNOHANG, &c->usage);
    if (r == c->pid) {
        c->exited = 1;
        c->exit_at = now_ms();
    }
}

/* Waits up to timeout_ms for anything from the child (output, screen byte,
 * exit), then reads it. Returns as drain(). */
static double wait_some(struct child *c, int timeout_ms, long *screens_now)
{
    struct pollfd p[3];
    int n = 0;
    double first;
    if (c->bench_open)
        p[n++] = (struct pollfd){ .fd = c->bench, .events = POLLIN };
    if (c->master_open)
        p[n++] = (struct pollfd){ .fd = c->master, .events = POLLIN };
    if (c->pidfd >= 0 && !c->exited)
        p[n++] = (struct pollfd){ .fd = c->pidfd, .events = POLLIN };
    /* Without a pidfd, poll in short slices so the exit is seen soon. */
    if (c->pidfd < 0 && !c->exited && timeout_ms > 1)
        timeout_ms = 1;
    /* EINTR or a timeout: the caller loops; whatever is there is read. */
    (void)poll(p, (nfds_t)n, timeout_ms);
    /* Pipe and pty first: their time stamps are the measurements. */
    first = drain(c, screens_now);
    check_exit(c);
    return first;
}

/* Waits for the next screen byte; returns its time (ms) or 0 on timeout or
 * when the program went away. */
static double wait_screen(struct child *c, int timeout_ms)
{
    double deadline = now_ms() + timeout_ms;
    for (;;) {
        long got;
        double left = deadline - now_ms();
        double t;
        if (left <= 0)
            return 0;
        t = wait_some(c, (int)left + 1, &got);
        if (t > 0)
            return t;
        if (!c->bench_open)
            return 0;
        if (c->exited) /* its last byte may have come after the drain */
            return drain(c, &got);
    }
}

/* Reads until the program has written nothing (terminal or pipe) for
 * quiet_ms; returns the number of extra screens seen meanwhile. */
static long settle(struct child *c, int quiet_ms, int max_ms)
{
    double end = now_ms() + max_ms;
    long extra = 0;
    for (;;) {
        long got;
        long long before = c->pty_bytes;
        double t0 = now_ms();
        if (t0 >= end || (!c->master_open && !c->bench_open))
            return extra;
        wait_some(c, quiet_ms, &got);
        extra += got;
        if (c->pty_bytes == before && got == 0 && now_ms() - t0 >= quiet_ms)
            return extra;
    }
}

static int write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                struct pollfd p = { .fd = fd, .events = POLLOUT };
                poll(&p, 1, 100);
                continue;
            }
            return -1;
        }
        s += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Waits for the exit up to timeout_ms, then asks harder (SIGTERM, SIGKILL).
 * Returns 0 if it left by itself. */
static int reap(struct child *c, int timeout_ms)
{
    double deadline = now_ms() + timeout_ms;
    long got;
    int sig = 0;
    while (!c->exited) {
        double left = deadline - now_ms();
        if (left <= 0) {
            sig = sig ? SIGKILL : SIGTERM;
            kill(c->pid, sig);
            deadline = now_ms() + 2000;
            continue;
        }
        wait_some(c, (int)left + 1, &got);
    }
    drain(c, &got);
    return sig ? -1 : 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static int cmp_ll(const void *a, const void *b)
{
    long long x = *(const long long *)a, y = *(const long long *)b;
    return (x > y) - (x < y);
}

static double median_d(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double median_ll(long long *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_ll);
    return n % 2 ? (double)v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static void print_exit(const struct child *c)
{
    if (WIFEXITED(c->status))
        printf("exit_status=%d\n", WEXITSTATUS(c->status));
    else if (WIFSIGNALED(c->status))
        printf("exit_status=signal-%d\n", WTERMSIG(c->status));
    printf("maxrss_kib=%ld\n", c->usage.ru_maxrss);
}

int main(int argc, char **argv)
{
    struct options o;
    struct child c;
    struct winsize ws;
    struct termios tio;
    int bench_p[2], report_p[2];
    struct timespec exec_ts;
    double exec_at, first_at, *step_ms = NULL;
    long long *step_bytes = NULL;
    long extra = 0;
    int exec_err, i, failed = 0;
    ssize_t n;

    if (parse_args(argc, argv, &o))
        return 2;
    signal(SIGPIPE, SIG_IGN);
    memset(&c, 0, sizeof c);
    c.pidfd = -1;
    if (o.dump && !(c.dump = fopen(o.dump, "wb"))) {
        fprintf(stderr, "pty_driver: %s: %s\n", o.dump, strerror(errno));
        return 2;
    }
    if (pipe(bench_p) || pipe(report_p)) {
        perror("pty_driver: pipe");
        return 2;
    }
    /* Read ends and the report pipe never survive exec; the bench write
     * end must (it is the program's GUICHET_BENCH_FD). */
    bench_p[0] = high_fd(bench_p[0], 1);
    bench_p[1] = high_fd(bench_p[1], 0);
    report_p[0] = high_fd(report_p[0], 1);
    report_p[1] = high_fd(report_p[1], 1);
    if (bench_p[0] < 0 || bench_p[1] < 0 || report_p[0] < 0 ||
        report_p[1] < 0) {
        perror("pty_driver: fcntl");
        return 2;
    }

    memset(&ws, 0, sizeof ws);
    ws.ws_row = (unsigned short)o.rows;
    ws.ws_col = (unsigned short)o.cols;
    /* A plain terminal as a terminal emulator would set it up. */
    memset(&tio, 0, sizeof tio);
    cfmakeraw(&tio);
    tio.c_iflag = ICRNL | IXON | IUTF8;
    tio.c_oflag = OPOST | ONLCR;
    tio.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN;
    tio.c_cflag |= CS8 | CREAD;
    tio.c_cc[VINTR] = 3;
    tio.c_cc[VQUIT] = 28;
    tio.c_cc[VERASE] = 127;
    tio.c_cc[VKILL] = 21;
    tio.c_cc[VEOF] = 4;
    tio.c_cc[VSUSP] = 26;
    tio.c_cc[VMIN] = 1;
    cfsetispeed(&tio, B38400);
    cfsetospeed(&tio, B38400);

    fflush(NULL);
    c.pid = forkpty(&c.master, NULL, &tio, &ws);
    if (c.pid < 0) {
        perror("pty_driver: forkpty");
        return 2;
    }
    if (c.pid == 0) {
        close(bench_p[0]);
        close(report_p[0]);
        exec_child(&o, bench_p[1], report_p[1]);
    }
    close(bench_p[1]);
    close(report_p[1]);
    c.bench = bench_p[0];
    c.master_open = c.bench_open = 1;
    if (set_nonblock(c.master) || set_nonblock(c.bench)) {
        perror("pty_driver: fcntl");
        return 2;
    }
#ifdef SYS_pidfd_open
    c.pidfd = (int)syscall(SYS_pidfd_open, c.pid, 0);
#endif

    /* The child's clock reading just before exec, then EOF (exec worked)
     * or an errno. Meanwhile keep the pty drained. */
    n = read(report_p[0], &exec_ts, sizeof exec_ts);
    if (n != (ssize_t)sizeof exec_ts) {
        fprintf(stderr, "pty_driver: the child did not start\n");
        return 2;
    }
    exec_at = exec_ts.tv_sec * 1000.0 + exec_ts.tv_nsec / 1e6;
    n = read(report_p[0], &exec_err, sizeof exec_err);
    close(report_p[0]);
    if (n == (ssize_t)sizeof exec_err) {
        fprintf(stderr, "pty_driver: cannot run %s: %s\n", o.argv[0],
                strerror(exec_err));
        reap(&c, 1000);
        return 2;
    }

    printf("rows=%d\ncols=%d\n", o.rows, o.cols);
    first_at = wait_screen(&c, o.first_timeout_ms);
    if (first_at == 0) {
        /* Gone by itself within a second, or stopped by reap(). */
        if (reap(&c, 1000) == 0)
            fprintf(stderr, "pty_driver: the program exited before its "
                    "first screen\n");
        else
            fprintf(stderr, "pty_driver: no first screen within %d ms\n",
                    o.first_timeout_ms);
        print_tail(&c);
        print_exit(&c);
        return 1;
    }
    printf("first_screen_ms=%.3f\n", first_at - exec_at);

    if (o.exit_after_first) {
        int r = reap(&c, o.step_timeout_ms);
        printf("first_screen_bytes=%lld\n", c.pty_bytes);
        printf("exit_ms=%.3f\n", c.exit_at - exec_at);
        print_exit(&c);
        if (c.dump)
            fclose(c.dump);
        return r || !WIFEXITED(c.status) || WEXITSTATUS(c.status) ? 1 : 0;
    }

    extra += settle(&c, o.quiet_ms, o.step_timeout_ms);
    printf("first_screen_bytes=%lld\n", c.pty_bytes);

    for (i = 0; i < o.before_count && !failed; i++) {
        if (write_all(c.master, o.before[i], o.before_len[i]) ||
            wait_screen(&c, o.step_timeout_ms) == 0) {
            fprintf(stderr, "pty_driver: --before key %d: no screen within %d ms\n",
                    i + 1, o.step_timeout_ms);
            print_tail(&c);
            failed = 1;
            break;
        }
        settle(&c, o.settle_ms ? o.settle_ms : o.quiet_ms, o.step_timeout_ms);
    }

    if (o.steps > 0) {
        step_ms = calloc((size_t)o.steps, sizeof *step_ms);
        step_bytes = calloc((size_t)o.steps, sizeof *step_bytes);
        if (!step_ms || !step_bytes) {
            fprintf(stderr, "pty_driver: out of memory\n");
            return 2;
        }
    }
    for (i = 0; i < o.steps && !failed; i++) {
        long long before = c.pty_bytes;
        double sent, shown;
        sent = now_ms();
        if (write_all(c.master, o.key, o.key_len)) {
            fprintf(stderr, "pty_driver: step %d: write: %s\n", i + 1,
                    strerror(errno));
            failed = 1;
            break;
        }
        shown = wait_screen(&c, o.step_timeout_ms);
        if (shown == 0) {
            fprintf(stderr, "pty_driver: step %d: no screen within %d ms\n",
                    i + 1, o.step_timeout_ms);
            print_tail(&c);
            failed = 1;
            break;
        }
        extra += settle(&c, o.settle_ms ? o.settle_ms : o.quiet_ms, o.step_timeout_ms);
        step_ms[i] = shown - sent;
        step_bytes[i] = c.pty_bytes - before;
        printf("step_%d_ms=%.3f\nstep_%d_bytes=%lld\n", i + 1, step_ms[i],
               i + 1, step_bytes[i]);
    }
    if (!failed && o.steps > 0) {
        double mn = step_ms[0], mx = step_ms[0];
        long long bmax = 0;
        for (i = 0; i < o.steps; i++) {
            if (step_ms[i] < mn) mn = step_ms[i];
            if (step_ms[i] > mx) mx = step_ms[i];
            if (step_bytes[i] > bmax) bmax = step_bytes[i];
        }
        printf("steps=%d\n", o.steps);
        printf("step_ms_min=%.3f\nstep_ms_max=%.3f\n", mn, mx);
        printf("step_ms_median=%.3f\n", median_d(step_ms, o.steps));
        printf("step_bytes_median=%.1f\n", median_ll(step_bytes, o.steps));
        printf("step_bytes_max=%lld\n", bmax);
    }
    /* Screens beyond one per key: idle redraws, or a program that draws
     * twice per event (DESIGN.md §5 wants one doupdate per event). */
    printf("extra_screens=%ld\n", extra);

    {
        double q = now_ms();
        int r;
        if (!c.exited)
            write_all(c.master, o.quit, o.quit_len);
        r = reap(&c, o.step_timeout_ms);
        if (r) {
            fprintf(stderr, "pty_driver: the program did not quit\n");
            failed = 1;
        }
        printf("exit_ms=%.3f\n", c.exit_at - q);
    }
    print_exit(&c);
    if (c.dump)
        fclose(c.dump);
    free(step_ms);
    free(step_bytes);
    if (!WIFEXITED(c.status) || WEXITSTATUS(c.status))
        failed = 1;
    return failed ? 1 : 0;
}
