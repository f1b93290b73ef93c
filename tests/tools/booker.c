/* booker.c - a real desk process for the concurrency tests.
 *
 *   booker init  --db F [--locking M] [--agents N]
 *       creates F with one site ("Site test"), a service, N agents, a motif.
 *   booker book  --db F [--locking M] --count N [--seed S] [--days D]
 *       makes N booking attempts through db_appt_book into deliberately
 *       overlapping slots (30-minute appointments on a 15-minute grid, few
 *       agents and days); prints "booked ID AGENT START END" for each booking
 *       it was told succeeded. A busy file (--busy-ms, default 5000) retries
 *       the whole unit (--retries, default 20). Exit 0,
 *       3 when the setup is unsafe (DB_ERR_UNSAFE), 1 on other errors.
 *       For `make bench` (bench/run, section_bookings), also:
 *         --site NAME     book at this site (default "Site test"), e.g. in a
 *                         `guichet demo` database; its agents, first motif.
 *         --free K/N      desk K of N books only free slots: slot j of all
 *                         desks (j = i*N + K-1) goes to agent j % agents,
 *                         30-minute slot j / agents, 20 a day from 08:00;
 *                         no two desks ever ask for the same slot.
 *         --from DATE     first day of the slots (default 2031-03-03).
 *         --seconds S     stop after S seconds (or --count attempts).
 *         --until-file F  stop once file F exists (looked at before each
 *                         attempt): a test decides when a desk stops.
 *         --start-at T    wait until the wall clock reads T (seconds since
 *                         the epoch, decimals allowed) before the first
 *                         attempt, after opening: desks start together.
 *         --latency FILE  one line per attempt: "START MS WAIT OUTCOME":
 *                         wall-clock start (s since the epoch), time from
 *                         the first try to the answer, retries included
 *                         (ms), time waited for another desk's lock as
 *                         db_set_wait_callback reported it (ms; the busy
 *                         handler polls every 10 then 50 ms, so the real
 *                         wait is at most one poll longer), and
 *                         booked|overlap|error.
 *         --show-unsafe   right after opening, print "booker: read-only:
 *                         REASON" on stderr when the connection refuses to
 *                         write (db_unsafe_reason): a desk refused at open
 *                         says why even if a read fails before it writes.
 *   booker hold  --db F [--locking M] --hold-ms MS [--rows N] [--spill]
 *       one multi-row unit (N appointments tagged "unit:PID:N") in one
 *       transaction, sleeping MS between the next-to-last and last row; prints
 *       "holding" when it sleeps and "committed" at the end. --spill makes the
 *       page cache tiny so pages reach the file before COMMIT (a crash then
 *       needs the journal to be rolled back).
 *   booker check --db F [--locking M] [--expect FILE] [--min-rows N]
 *       integrity_check, no two live appointments of an agent overlap (SQL
 *       self-join), every "unit:" tag has all its rows or none, every
 *       booked appointment has its audit row, and every "booked" line of
 *       FILE is present as reported. Prints one line per check; exit 0 when
 *       all pass, 1 otherwise.
 * Entirely fake data. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../storage/db_internal.h"

struct args {
    const char *db;
    enum db_locking locking;
    int agents, count, days, hold_ms, rows, spill, min_rows, busy_ms, retries;
    unsigned seed;
    const char *expect;
    const char *site, *latency;
    int desk, desks; /* --free K/N; desks = 0: random overlapping slots */
    int show_unsafe;
    double seconds, start_at;
    const char *until_file;
};

static int open_db(const struct args *a, int create, struct db **db)
{
    struct db_open_options o = {0};
    o.create = create;
    o.locking = a->locking;
    o.busy_timeout_ms = a->busy_ms;
    struct db_error err = {0};
    if (db_open(a->db, &o, db, &err) != DB_OK) {
        char msg[1024];
        db_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "booker: %s\n", msg);
        return err.status == DB_ERR_UNSAFE ? 3 : 1;
    }
    db_set_actor(*db, "booker");
    return 0;
}

static int fail(struct db_error *err)
{
    char msg[1024];
    db_error_format(err, msg, sizeof msg);
    fprintf(stderr, "booker: %s\n", msg);
    return err->status == DB_ERR_UNSAFE ? 3 : 1;
}

static int cmd_init(const struct args *a)
{
    struct db *db;
    int rc = open_db(a, 1, &db);
    if (rc)
        return rc;
    struct db_error err = {0};
    struct db_site site = {0};
    snprintf(site.name, sizeof site.name, "Site test");
    snprintf(site.timezone, sizeof site.timezone, "Europe/Paris");
    struct db_service svc = {0};
    snprintf(svc.name, sizeof svc.name, "Accueil");
    if (db_site_add(db, &site, &err) || db_service_add(db, &svc, &err)) {
        rc = fail(&err);
        goto out;
    }
    for (int i = 0; i < a->agents; i++) {
        struct db_agent ag = {0};
        snprintf(ag.last_name, sizeof ag.last_name, "Agent%02d", i + 1);
        snprintf(ag.first_name, sizeof ag.first_name, "Test");
        ag.service_id = svc.id;
        if (db_agent_add(db, &ag, &err) || db_agent_join_site(db, ag.id, site.id, &err)) {
            rc = fail(&err);
            goto out;
        }
    }
    struct db_motif m = {0};
    snprintf(m.name, sizeof m.name, "Entretien");
    snprintf(m.colour, sizeof m.colour, "#3366cc");
    m.service_id = svc.id;
    m.duration_minutes = 30;
    if (db_motif_add(db, &m, &err))
        rc = fail(&err);
out:
    db_close(db);
    return rc;
}

struct world {
    int64_t site, motif;
    struct db_agent *agents;
    size_t nagents;
};

static int load_world(struct db *db, const char *site, struct world *w,
                      struct db_error *err)
{
    struct db_site s;
    struct db_motif *m = NULL;
    size_t nm = 0;
    if (db_site_find(db, site, &s, err) ||
        db_site_agents(db, s.id, &w->agents, &w->nagents, err) ||
        db_motif_list(db, &m, &nm, err))
        return err->status;
    w->site = s.id;
    w->motif = nm ? m[0].id : 0;
    free(m);
    return w->nagents && w->motif ? 0 : db_set_error(err, DB_ERR_NO_ROW, "world");
}

static struct civil_date first_day = {2031, 3, 3}; /* a Monday far from real data */

static void slot_text(int day, int minute, char out[CIVIL_DATETIME_LEN])
{
    struct civil_date d = first_day;
    struct civil_datetime t = {{0, 0, 0}, minute};
    civil_date_from_days(civil_date_to_days(d) + day, &t.date);
    civil_format_datetime(t, out, CIVIL_DATETIME_LEN);
}

/* ---- timing (for bench/run) ---- */

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Time waited for other desks' locks during one attempt, from the figures
 * the busy handler passes to db_set_wait_callback: each wait reports the
 * time since it began, growing; a smaller figure means a new wait (the
 * COMMIT can wait again after BEGIN did), so the last figure of each wait
 * is added up. */
struct wait_sum {
    int last_ms;
    long total_ms;
};

static int on_wait(void *ctx, int waited_ms)
{
    struct wait_sum *w = ctx;
    if (waited_ms < w->last_ms)
        w->total_ms += w->last_ms;
    w->last_ms = waited_ms;
    return 0; /* never give up: the busy timeout ends a wait */
}

/* Sleeps until the wall clock reads `t` (seconds since the epoch). */
static void sleep_until(double t)
{
    double s = floor(t);
    struct timespec ts = {(time_t)s, (long)((t - s) * 1e9)};
    while (clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

/* The slot of attempt i: random and overlapping, or with --free K/N one
 * that no other desk asks for (see the header comment). */
static void pick_slot(const struct args *a, const struct world *w, int i, struct db_appt *ap)
{
    int day, start;
    if (a->desks) {
        long j = (long)i * a->desks + (a->desk - 1);
        long s = j / (long)w->nagents;
        ap->agent_id = w->agents[(size_t)(j % (long)w->nagents)].id;
        day = (int)(s / 20);
        start = 8 * 60 + 30 * (int)(s % 20); /* 08:00 .. 17:30 */
    } else {
        ap->agent_id = w->agents[(size_t)rand() % w->nagents].id;
        day = rand() % a->days;
        start = 8 * 60 + 15 * (rand() % 40); /* 08:00 .. 17:45 */
    }
    slot_text(day, start, ap->starts_at);
    slot_text(day, start + 30, ap->ends_at);
}

static int cmd_book(const struct args *a)
{
    struct db *db;
    int rc = open_db(a, 0, &db);
    if (rc)
        return rc;
    struct db_error err = {0};
    struct world w = {0};
    if (a->show_unsafe && db_unsafe_reason(db))
        fprintf(stderr, "booker: read-only: %s\n", db_unsafe_reason(db));
    if (load_world(db, a->site, &w, &err)) {
        rc = fail(&err);
        db_close(db);
        return rc;
    }
    FILE *lat = NULL;
    if (a->latency && !(lat = fopen(a->latency, "w"))) {
        fprintf(stderr, "booker: %s: %s\n", a->latency, strerror(errno));
        free(w.agents);
        db_close(db);
        return 1;
    }
    struct wait_sum waits = {0};
    db_set_wait_callback(db, on_wait, &waits);
    if (a->start_at > 0)
        sleep_until(a->start_at);
    double began = clock_s(CLOCK_MONOTONIC);
    long longest_wait = 0;
    srand(a->seed);
    int booked = 0, overlaps = 0, retries = 0;
    for (int i = 0; i < a->count && rc == 0; i++) {
        if (a->seconds > 0 && clock_s(CLOCK_MONOTONIC) - began >= a->seconds)
            break;
        if (a->until_file && access(a->until_file, F_OK) == 0)
            break;
        struct db_appt ap = {0};
        ap.site_id = w.site;
        ap.motif_id = w.motif;
        pick_slot(a, &w, i, &ap);
        snprintf(ap.context, sizeof ap.context, "booker %ld #%d", (long)getpid(), i);
        const char *outcome = "error";
        double wall = clock_s(CLOCK_REALTIME), t0 = clock_s(CLOCK_MONOTONIC);
        waits.last_ms = 0;
        waits.total_ms = 0;
        for (int attempt = 0;; attempt++) {
            int st = db_appt_book(db, &ap, &err);
            if (st == DB_OK) {
                printf("booked %lld %lld %s %s\n", (long long)ap.id,
                       (long long)ap.agent_id, ap.starts_at, ap.ends_at);
                fflush(stdout);
                booked++;
                outcome = "booked";
                break;
            }
            if (st == DB_ERR_OVERLAP) {
                overlaps++;
                outcome = "overlap";
                break;
            }
            if (st == DB_ERR_BUSY && attempt < a->retries) {
                retries++; /* the whole unit again */
                continue;
            }
            rc = fail(&err);
            break;
        }
        double ms = (clock_s(CLOCK_MONOTONIC) - t0) * 1000.0;
        long waited = waits.total_ms + waits.last_ms;
        if (waited > longest_wait)
            longest_wait = waited;
        if (lat)
            fprintf(lat, "%.6f %.3f %ld %s\n", wall, ms, waited, outcome);
    }
    if (lat && fclose(lat) != 0) {
        fprintf(stderr, "booker: %s: %s\n", a->latency, strerror(errno));
        rc = rc ? rc : 1;
    }
    fprintf(stderr, "booker %ld: %d booked, %d overlaps refused, %d retries\n",
            (long)getpid(), booked, overlaps, retries);
    if (a->latency)
        fprintf(stderr, "booker %ld: longest wait for another desk's lock %ld ms\n",
                (long)getpid(), longest_wait);
    free(w.agents);
    db_close(db);
    return rc;
}

static int cmd_hold(const struct args *a)
{
    struct db *db;
    int rc = open_db(a, 0, &db);
    if (rc)
        return rc;
    struct db_error err = {0};
    struct world w = {0};
    if (load_world(db, a->site, &w, &err)) {
        rc = fail(&err);
        db_close(db);
        return rc;
    }
    char tag[64];
    snprintf(tag, sizeof tag, "unit:%ld:%d", (long)getpid(), a->rows);
    if (db_bulk_begin(db, &err)) {
        rc = fail(&err);
        goto out;
    }
    /* After db_bulk_begin, which sets a large cache of its own. */
    if (a->spill)
        sqlite3_exec(db->conn, "PRAGMA cache_size = 2", NULL, NULL, NULL);
    for (int i = 0; i < a->rows; i++) {
        if (i == a->rows - 1) {
            printf("holding\n");
            fflush(stdout);
            struct timespec ts = {a->hold_ms / 1000, (long)(a->hold_ms % 1000) * 1000000L};
            nanosleep(&ts, NULL);
        }
        struct db_appt ap = {0};
        ap.site_id = w.site;
        ap.motif_id = w.motif;
        ap.agent_id = w.agents[(size_t)i % w.nagents].id;
        ap.overbooked = 1; /* the unit is about atomicity, not overlaps */
        slot_text(30 + i % 20, 9 * 60, ap.starts_at);
        slot_text(30 + i % 20, 9 * 60 + 30, ap.ends_at);
        /* long context: with --spill, pages overflow the tiny cache */
        snprintf(ap.context, sizeof ap.context, "%s %0*d", tag, a->spill ? 900 : 1, i);
        if (db_appt_insert(db, &ap, &err)) {
            db_bulk_rollback(db);
            rc = fail(&err);
            goto out;
        }
    }
    if (db_bulk_commit(db, &err))
        rc = fail(&err);
    else
        printf("committed\n");
out:
    free(w.agents);
    db_close(db);
    return rc;
}

static long long query_int(struct db *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    else
        fprintf(stderr, "booker: %s: %s\n", sql, sqlite3_errmsg(db->conn));
    sqlite3_finalize(st);
    return v;
}

static int check_expected(struct db *db, const char *path, long *seen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "booker: %s: %s\n", path, strerror(errno));
        return -1;
    }
    sqlite3_stmt *st = NULL;
    sqlite3_prepare_v2(db->conn,
                       "SELECT agent_id, starts_at, ends_at, status FROM appointment WHERE id = ?1",
                       -1, &st, NULL);
    char line[256];
    int missing = 0;
    *seen = 0;
    while (fgets(line, sizeof line, f)) {
        long long id, agent;
        char d1[16], t1[8], d2[16], t2[8];
        if (sscanf(line, "booked %lld %lld %15s %7s %15s %7s", &id, &agent, d1, t1, d2,
                   t2) != 6)
            continue;
        (*seen)++;
        char start[32], end[32];
        snprintf(start, sizeof start, "%s %s", d1, t1);
        snprintf(end, sizeof end, "%s %s", d2, t2);
        sqlite3_bind_int64(st, 1, id);
        int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == agent &&
                 strcmp((const char *)sqlite3_column_text(st, 1), start) == 0 &&
                 strcmp((const char *)sqlite3_column_text(st, 2), end) == 0 &&
                 strcmp((const char *)sqlite3_column_text(st, 3), "unknown") == 0;
        sqlite3_reset(st);
        if (!ok) {
            if (missing < 5)
                fprintf(stderr, "booker: reported but not found as reported: %s", line);
            missing++;
        }
    }
    sqlite3_finalize(st);
    fclose(f);
    return missing;
}

static int cmd_check(const struct args *a)
{
    struct db *db;
    int rc = open_db(a, 0, &db);
    if (rc)
        return rc;
    int bad = 0, ok = 0;
    char problem[512];
    struct db_error err = {0};
    if (db_integrity_check(db, &ok, problem, sizeof problem, &err) || !ok) {
        printf("integrity: %s\n", ok ? "?" : problem);
        bad++;
    } else {
        printf("integrity: ok\n");
    }
    long long overlaps = query_int(db,
        "SELECT count(*) FROM appointment x JOIN appointment y"
        " ON x.agent_id = y.agent_id AND x.id < y.id"
        " AND x.starts_at < y.ends_at AND y.starts_at < x.ends_at"
        " WHERE x.status NOT IN ('excused', 'revoked')"
        " AND y.status NOT IN ('excused', 'revoked')"
        " AND x.overbooked = 0 AND y.overbooked = 0");
    printf("overlaps: %lld\n", overlaps);
    bad += overlaps != 0;
    /* "unit:PID:N ..." rows: each tag must have exactly N rows or none. */
    long long partial = query_int(db,
        "SELECT count(*) FROM (SELECT substr(context, 1, instr(context, ' ') - 1) AS tag,"
        " count(*) AS n FROM appointment WHERE context LIKE 'unit:%' GROUP BY tag)"
        " WHERE n <> CAST(substr(tag, length(rtrim(tag, '0123456789')) + 1) AS INTEGER)");
    long long units = query_int(db,
        "SELECT count(DISTINCT substr(context, 1, instr(context, ' ') - 1))"
        " FROM appointment WHERE context LIKE 'unit:%'");
    printf("partial units: %lld (of %lld committed)\n", partial, units);
    bad += partial != 0;
    long long unaudited = query_int(db,
        "SELECT count(*) FROM appointment a WHERE a.context LIKE 'booker %'"
        " AND NOT EXISTS (SELECT 1 FROM audit u WHERE u.entity = 'appointment'"
        " AND u.entity_id = a.id AND u.action = 'create')");
    printf("bookings without audit row: %lld\n", unaudited);
    bad += unaudited != 0;
    long long rows = query_int(db, "SELECT count(*) FROM appointment");
    printf("appointments: %lld\n", rows);
    if (a->min_rows >= 0 && rows < a->min_rows) {
        printf("fewer than %d appointments\n", a->min_rows);
        bad++;
    }
    if (a->expect) {
        long seen = 0;
        int missing = check_expected(db, a->expect, &seen);
        printf("reported bookings: %ld, missing: %d\n", seen, missing);
        bad += missing != 0;
    }
    db_close(db);
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: booker init|book|hold|check --db FILE [options]\n");
        return 2;
    }
    struct args a = {.agents = 4, .count = 100, .days = 5, .rows = 2, .min_rows = -1,
                     .seed = 1, .busy_ms = 5000, .retries = 20, .site = "Site test"};
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},      {"locking", required_argument, NULL, 'l'},
        {"agents", required_argument, NULL, 'a'},  {"count", required_argument, NULL, 'c'},
        {"seed", required_argument, NULL, 's'},    {"days", required_argument, NULL, 'D'},
        {"hold-ms", required_argument, NULL, 'H'}, {"rows", required_argument, NULL, 'r'},
        {"spill", no_argument, NULL, 'S'},         {"expect", required_argument, NULL, 'e'},
        {"min-rows", required_argument, NULL, 'm'}, {"busy-ms", required_argument, NULL, 'B'},
        {"retries", required_argument, NULL, 'R'}, {"site", required_argument, NULL, 'n'},
        {"free", required_argument, NULL, 'f'},    {"from", required_argument, NULL, 'F'},
        {"seconds", required_argument, NULL, 't'}, {"start-at", required_argument, NULL, 'T'},
        {"latency", required_argument, NULL, 'L'}, {"show-unsafe", no_argument, NULL, 'U'},
        {"until-file", required_argument, NULL, 'u'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a.db = optarg; break;
        case 'l': a.locking = strcmp(optarg, "dotfile") == 0 ? DB_LOCKING_DOTFILE : DB_LOCKING_POSIX; break;
        case 'a': a.agents = atoi(optarg); break;
        case 'c': a.count = atoi(optarg); break;
        case 's': a.seed = (unsigned)strtoul(optarg, NULL, 10); break;
        case 'D': a.days = atoi(optarg); break;
        case 'H': a.hold_ms = atoi(optarg); break;
        case 'r': a.rows = atoi(optarg); break;
        case 'S': a.spill = 1; break;
        case 'e': a.expect = optarg; break;
        case 'm': a.min_rows = atoi(optarg); break;
        case 'B': a.busy_ms = atoi(optarg); break;
        case 'R': a.retries = atoi(optarg); break;
        case 'n': a.site = optarg; break;
        case 'f':
            if (sscanf(optarg, "%d/%d", &a.desk, &a.desks) != 2 || a.desks < 1 || a.desk < 1 ||
                a.desk > a.desks) {
                fprintf(stderr, "booker: --free wants K/N with 1 <= K <= N\n");
                return 2;
            }
            break;
        case 'F':
            if (civil_parse_date(optarg, &first_day) != 0) {
                fprintf(stderr, "booker: --from wants YYYY-MM-DD\n");
                return 2;
            }
            break;
        case 't': a.seconds = strtod(optarg, NULL); break;
        case 'T': a.start_at = strtod(optarg, NULL); break;
        case 'L': a.latency = optarg; break;
        case 'U': a.show_unsafe = 1; break;
        case 'u': a.until_file = optarg; break;
        default: return 2;
        }
    }
    if (!a.db || a.agents < 1 || a.days < 1 || a.rows < 1) {
        fprintf(stderr, "booker: --db FILE is required; counts must be positive\n");
        return 2;
    }
    if (!strcmp(argv[1], "init"))
        return cmd_init(&a);
    if (!strcmp(argv[1], "book"))
        return cmd_book(&a);
    if (!strcmp(argv[1], "hold"))
        return cmd_hold(&a);
    if (!strcmp(argv[1], "check"))
        return cmd_check(&a);
    fprintf(stderr, "booker: unknown command %s\n", argv[1]);
    return 2;
}
