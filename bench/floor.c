/* floor.c - the floor that guichet's figures are compared with (DESIGN.md §9).
 *
 * A minimal program that does only the unavoidable work of showing one
 * site-day: open the SQLite file, run one indexed query for the day
 * (appointments of a site in [day, day+1) joined to the person and the
 * motif), draw it with ncursesw as a plain list. It speaks the console's
 * bench protocol so that bench/pty_driver measures both the same way:
 *   GUICHET_BENCH_FD=N                 one byte to fd N after each doupdate()
 *   GUICHET_EXIT_AFTER_FIRST_SCREEN=1  quit right after the first screen
 *   GUICHET_NOW="YYYY-MM-DD HH:MM"     the day shown first (else --date, else
 *                                      the system's today)
 *   GUICHET_COUNT_IO=FILE              after each screen, append the read,
 *                                      write and metadata calls SQLite made
 *                                      so far, as guichet does (counted in
 *                                      SQLite's table of system calls)
 * Keys: "]" next day, "[" previous day, "q" quits.
 *
 * usage: floor --db FILE [--site ID] [--date YYYY-MM-DD]
 *
 * Deliberately standalone (libc, sqlite3, ncursesw): it is a yardstick, not
 * part of guichet, and must not get faster or slower when guichet changes.
 * Its only SQL is the query below: if the schema renames these columns, this
 * is the one place to follow. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <curses.h>
#include <sqlite3.h>

static const char DAY_SQL[] =
    "SELECT substr(a.starts_at, 12, 5), substr(a.ends_at, 12, 5),"
    "       p.last_name, p.first_name, m.name, a.status"
    "  FROM appointment a"
    "  LEFT JOIN beneficiary p ON p.id = a.beneficiary_id"
    "  JOIN motif m ON m.id = a.motif_id"
    " WHERE a.site_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3"
    " ORDER BY a.starts_at, a.agent_id";

/* One drawn line per appointment, kept as text between redraws. */
struct rows {
    char **line;
    size_t count, cap;
};

struct day {
    int y, m, d;
};

static int bench_fd = -1;

/* ---- counting SQLite's file-system calls (GUICHET_COUNT_IO) ---- */
static const char *count_file;
static long long n_reads, n_writes, n_meta, n_locks, read_bytes;
typedef ssize_t (*pread_fn)(int, void *, size_t, off_t);
typedef ssize_t (*pwrite_fn)(int, const void *, size_t, off_t);
typedef int (*open_fn)(const char *, int, int);
typedef int (*fstat_fn)(int, void *);
typedef int (*fcntl_fn)(int, int, ...);
static pread_fn real_pread;
static pwrite_fn real_pwrite;
static open_fn real_open;
static fstat_fn real_fstat;
static fcntl_fn real_fcntl;

static ssize_t c_pread(int fd, void *b, size_t n, off_t o)
{
    ssize_t r = real_pread(fd, b, n, o);
    n_reads++;
    read_bytes += r > 0 ? r : 0;
    return r;
}
static ssize_t c_pwrite(int fd, const void *b, size_t n, off_t o)
{
    n_writes++;
    return real_pwrite(fd, b, n, o);
}
static int c_open(const char *p, int f, int m) { n_meta++; return real_open(p, f, m); }
static int c_fstat(int fd, void *st) { n_meta++; return real_fstat(fd, st); }
/* SQLite passes a pointer for the lock commands, an int otherwise. */
static int c_fcntl(int fd, int cmd, ...)
{
    va_list ap;
    int rc;
    va_start(ap, cmd);
    if (cmd == F_GETLK || cmd == F_SETLK || cmd == F_SETLKW) {
        void *lk = va_arg(ap, void *);
        n_locks++;
        rc = real_fcntl(fd, cmd, lk);
    } else {
        rc = real_fcntl(fd, cmd, va_arg(ap, int));
    }
    va_end(ap);
    return rc;
}

static void count_start(void)
{
    sqlite3_vfs *v;
    count_file = getenv("GUICHET_COUNT_IO");
    if (!count_file || !*count_file || !(v = sqlite3_vfs_find("unix")))
        return;
    real_pread = (pread_fn)v->xGetSystemCall(v, "pread64");
    real_pwrite = (pwrite_fn)v->xGetSystemCall(v, "pwrite64");
    real_open = (open_fn)v->xGetSystemCall(v, "open");
    real_fstat = (fstat_fn)v->xGetSystemCall(v, "fstat");
    real_fcntl = (fcntl_fn)v->xGetSystemCall(v, "fcntl");
    v->xSetSystemCall(v, "pread64", (sqlite3_syscall_ptr)c_pread);
    v->xSetSystemCall(v, "pwrite64", (sqlite3_syscall_ptr)c_pwrite);
    v->xSetSystemCall(v, "open", (sqlite3_syscall_ptr)c_open);
    v->xSetSystemCall(v, "fstat", (sqlite3_syscall_ptr)c_fstat);
    v->xSetSystemCall(v, "fcntl", (sqlite3_syscall_ptr)c_fcntl);
}

static void count_mark(const char *label)
{
    FILE *f;
    if (!count_file || !*count_file || !(f = fopen(count_file, "a")))
        return;
    fprintf(f, "%s reads=%lld writes=%lld syncs=0 meta=%lld locks=%lld "
               "read_bytes=%lld write_bytes=0\n",
            label, n_reads, n_writes, n_meta, n_locks, read_bytes);
    fclose(f);
}

/* Days since 1970-01-01 of a proleptic Gregorian date, and back
 * (H. Hinnant's algorithms): no time zone, no mktime. */
static long days_from_civil(struct day t)
{
    int y = t.y - (t.m <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (t.m + (t.m > 2 ? -3 : 9)) + 2) / 5 +
                              t.d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static struct day civil_from_days(long z)
{
    struct day t;
    long era;
    unsigned doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = (unsigned)(z - era * 146097);
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    t.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    t.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    t.y = (int)((long)yoe + era * 400 + (t.m <= 2));
    return t;
}

static int parse_day(const char *s, struct day *out)
{
    struct day t;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &t.y, &t.m, &t.d, &tail) < 3 ||
        t.y < 1 || t.y > 9999 || t.m < 1 || t.m > 12 || t.d < 1 ||
        t.d > 31)
        return -1;
    *out = t;
    return 0;
}

static void rows_clear(struct rows *r)
{
    size_t i;
    for (i = 0; i < r->count; i++)
        free(r->line[i]);
    r->count = 0;
}

/* Text from the database never reaches the terminal raw: control
 * characters become '?' (multibyte UTF-8 is left to ncursesw). */
static void sanitize(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            *s = '?';
}

static int rows_push(struct rows *r, const char *text)
{
    char *copy;
    if (r->count == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        char **l = realloc(r->line, cap * sizeof *l);
        if (!l)
            return -1;
        r->line = l;
        r->cap = cap;
    }
    copy = strdup(text);
    if (!copy)
        return -1;
    sanitize(copy);
    r->line[r->count++] = copy;
    return 0;
}

static const char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? (const char *)t : "";
}

/* The one query of a day view: appointments of `site` starting in
 * [day 00:00, next day 00:00). */
static int load_day(sqlite3_stmt *st, long site, struct day d, struct rows *r)
{
    char from[24], to[24], line[512];
    struct day next = civil_from_days(days_from_civil(d) + 1);
    int rc;

    rows_clear(r);
    snprintf(from, sizeof from, "%04d-%02d-%02d 00:00", d.y, d.m, d.d);
    snprintf(to, sizeof to, "%04d-%02d-%02d 00:00", next.y, next.m, next.d);
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, site);
    sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        snprintf(line, sizeof line, "%s-%s  %s %s  %s  %s", col(st, 0),
                 col(st, 1), col(st, 2), col(st, 3), col(st, 4), col(st, 5));
        if (rows_push(r, line))
            return -1;
    }
    return rc == SQLITE_DONE ? 0 : -1;
}

static void draw(const struct rows *r, long site, struct day d)
{
    int y, rows = LINES - 1;
    erase();
    attron(A_REVERSE);
    mvhline(0, 0, ' ', COLS);
    mvprintw(0, 0, " %04d-%02d-%02d  site %ld  %zu appointments", d.y, d.m,
             d.d, site, r->count);
    attroff(A_REVERSE);
    for (y = 0; y < rows && (size_t)y < r->count; y++)
        mvaddnstr(y + 1, 0, r->line[y], COLS);
    wnoutrefresh(stdscr);
    doupdate();
    count_mark("screen");
    if (bench_fd >= 0) {
        /* The screen is on the terminal: tell the bench driver. */
        ssize_t w;
        do
            w = write(bench_fd, "", 1);
        while (w < 0 && errno == EINTR);
    }
}

static void today(struct day *d)
{
    const char *now = getenv("GUICHET_NOW");
    time_t t;
    struct tm tm;
    if (now && parse_day(now, d) == 0)
        return;
    t = time(NULL);
    localtime_r(&t, &tm);
    d->y = tm.tm_year + 1900;
    d->m = tm.tm_mon + 1;
    d->d = tm.tm_mday;
}

static int usage(void)
{
    fputs("usage: floor --db FILE [--site ID] [--date YYYY-MM-DD]\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    const char *path = NULL, *env;
    long site = 1;
    struct day d;
    int i, have_date = 0, exit_first, ch, status = 0;
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    struct rows r = { 0 };

    for (i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            return usage();
        if (strcmp(argv[i], "--db") == 0) {
            path = argv[++i];
        } else if (strcmp(argv[i], "--site") == 0) {
            char *end;
            site = strtol(argv[++i], &end, 10);
            if (*end || site < 1)
                return usage();
        } else if (strcmp(argv[i], "--date") == 0) {
            if (parse_day(argv[++i], &d))
                return usage();
            have_date = 1;
        } else {
            return usage();
        }
    }
    if (!path)
        return usage();
    if (!have_date)
        today(&d);
    env = getenv("GUICHET_BENCH_FD");
    if (env && *env)
        bench_fd = atoi(env);
    env = getenv("GUICHET_EXIT_AFTER_FIRST_SCREEN");
    exit_first = env && strcmp(env, "1") == 0;

    setlocale(LC_ALL, "");
    count_start();
    /* Read-write like the console (a desk books), never created. */
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, DAY_SQL, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "floor: %s: %s\n", path,
                db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return 1;
    }
    sqlite3_busy_timeout(db, 10000);
    if (load_day(st, site, d, &r)) {
        fprintf(stderr, "floor: %s: %s\n", path, sqlite3_errmsg(db));
        status = 1;
        goto out;
    }

    initscr();
    cbreak();
    noecho();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    draw(&r, site, d);
    while (!exit_first) {
        ch = getch();
        if (ch == 'q' || ch == ERR) /* ERR: the terminal went away */
            break;
        if (ch == ']' || ch == '[') {
            d = civil_from_days(days_from_civil(d) + (ch == ']' ? 1 : -1));
            if (load_day(st, site, d, &r)) {
                status = 1;
                break;
            }
        } else if (ch != KEY_RESIZE) {
            continue; /* nothing changed: no redraw */
        }
        draw(&r, site, d);
    }
    endwin();
    if (status)
        fprintf(stderr, "floor: %s: %s\n", path, sqlite3_errmsg(db));
out:
    rows_clear(&r);
    free(r.line);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return status;
}
