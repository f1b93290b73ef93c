/* loanbench.c - room-loan figures for `make bench` (bench/run,
 * section_loans), each beside a floor measured in the same run.
 *
 *   loanbench --db FILE [--colleges N] [--rooms N] [--pending N] [--runs N]
 *
 * Builds FILE (which must not exist) through storage/ in bulk mode: N
 * collèges (default 50) spread over zones A, B and C with their pupils'
 * holidays, R rooms each (default 8: 400 rooms), associations, three
 * approved weekly series per room for the school year, and P pending
 * requests (default 5,000), each a school-year weekly series. Then prints
 * "name guichet_ms floor_ms" lines, medians over the runs:
 *   series   db_loan_preview of a school-year Tuesday series in one room
 *            (expansion, closures of the room, clash check against the
 *            room's approved loans); floor: the one indexed range query of
 *            the room's approved loans for the year plus the bare model
 *            expansion, no closure lookup.
 *   free     db_room_free for Thursday 18:00-20:00 over the school year in
 *            every room; floor: one query of the approved loans of that
 *            weekday over the year (every room), read to the end.
 *   pending  db_loan_pending_list (P requests); floor: one query reading
 *            the requested occurrences grouped by series.
 * and "build_s SECONDS" for the generation. Entirely fake data. */
#include <getopt.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "storage/db_internal.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void die(const char *what, const struct db_error *err)
{
    char msg[512];
    db_error_format(err, msg, sizeof msg);
    fprintf(stderr, "loanbench: %s: %s\n", what, msg);
    exit(1);
}

/* 2026-2027 shaped holidays for the bench (not the official calendar:
 * only their shape matters here). */
static void add_holidays(struct db *db)
{
    static const char *zones[3] = {"Zone A", "Zone B", "Zone C"};
    struct school_holiday rows[15];
    size_t n = 0;
    for (int z = 0; z < 3; z++) {
        struct { const char *d; struct civil_date a; } h[5] = {
            {"Toussaint", {2026, 10, 17}},
            {"Noël", {2026, 12, 19}},
            {"Hiver", {2027, 2, 6 + 7 * z}},
            {"Printemps", {2027, 4, 3 + 7 * z}},
            {"Été", {2027, 7, 3}},
        };
        for (int i = 0; i < 5; i++) {
            struct school_holiday *r = &rows[n++];
            memset(r, 0, sizeof *r);
            snprintf(r->description, sizeof r->description, "%s", h[i].d);
            r->population = SCHOOL_POP_ALL;
            snprintf(r->population_text, sizeof r->population_text, "-");
            r->start = h[i].a;
            civil_date_add_days(h[i].a, i == 4 ? 60 : 16, &r->resume);
            r->has_resume = 1;
            snprintf(r->zone, sizeof r->zone, "%s", zones[z]);
            snprintf(r->school_year, sizeof r->school_year, "2026-2027");
        }
    }
    struct db_error err = {0};
    if (db_school_holidays_import(db, rows, n, NULL, &err) != DB_OK)
        die("holidays", &err);
}

static const struct civil_date FIRST = {2026, 9, 1};

static void build(struct db *db, int colleges, int rooms_per, int pending, int64_t **room_ids)
{
    static const char *academies[3] = {"Lyon", "Rennes", "Toulouse"};
    struct db_error err = {0};
    add_holidays(db);
    int nrooms = colleges * rooms_per;
    *room_ids = calloc((size_t)nrooms, sizeof **room_ids);
    int64_t assoc[40];
    if (db_bulk_begin(db, &err) != DB_OK)
        die("bulk", &err);
    for (int a = 0; a < 40; a++) {
        struct db_association x;
        memset(&x, 0, sizeof x);
        snprintf(x.name, sizeof x.name, "Association %02d", a);
        snprintf(x.insurance_until, sizeof x.insurance_until, "2027-08-31");
        if (db_association_add(db, &x, &err) != DB_OK)
            die("association", &err);
        assoc[a] = x.id;
    }
    for (int c = 0; c < colleges; c++) {
        struct db_college col;
        memset(&col, 0, sizeof col);
        snprintf(col.name, sizeof col.name, "Collège %03d", c);
        snprintf(col.academie, sizeof col.academie, "%s", academies[c % 3]);
        if (db_college_add(db, &col, &err) != DB_OK)
            die("college", &err);
        for (int r = 0; r < rooms_per; r++) {
            struct db_room room;
            memset(&room, 0, sizeof room);
            room.site_id = col.site_id;
            room.capacity = 20 + 10 * (r % 5);
            snprintf(room.name, sizeof room.name, "Salle %d", r);
            if (db_room_add(db, &room, &err) != DB_OK)
                die("room", &err);
            int64_t id = room.id;
            (*room_ids)[c * rooms_per + r] = id;
            /* Three approved evenings a week: Monday, Tuesday, Thursday. */
            static const int days[3] = {CIVIL_MONDAY, CIVIL_TUESDAY, CIVIL_THURSDAY};
            for (int k = 0; k < 3; k++) {
                if ((c + r + k) % 4 == 0)
                    continue; /* some evenings stay free */
                struct db_loan_request q = {id, assoc[(c + r + k) % 40],
                                            {LOAN_DAY(days[k]), 1, 18 * 60, 20 * 60, FIRST,
                                             {0, 0, 0}}, "", 0};
                int64_t rid;
                if (db_loan_request_add(db, &q, &rid, NULL, &err) != DB_OK)
                    die("request", &err);
                if (db_loan_decide(db, rid, NULL, DB_DECIDE_APPROVE, NULL, NULL, &err) != DB_OK)
                    die("approve", &err);
            }
        }
    }
    for (int p = 0; p < pending; p++) {
        struct db_loan_request q = {(*room_ids)[p % nrooms], assoc[p % 40],
                                    {LOAN_DAY(CIVIL_WEDNESDAY + p % 3), 1 + p % 2,
                                     14 * 60 + (p % 6) * 30, 15 * 60 + (p % 6) * 30, FIRST,
                                     {0, 0, 0}}, "", 0};
        int64_t rid;
        if (db_loan_request_add(db, &q, &rid, NULL, &err) != DB_OK)
            die("pending request", &err);
    }
    if (db_bulk_commit(db, &err) != DB_OK)
        die("commit", &err);
}

static const char SQL_FLOOR_SERIES[] =
    "SELECT starts_at, ends_at FROM loan_occurrence WHERE room_id = ?1 AND state = 'approved'"
    " AND starts_at >= '2026-09-01' AND starts_at < '2027-07-03'";
static const char SQL_FLOOR_FREE[] =
    "SELECT room_id, starts_at, ends_at FROM loan_occurrence WHERE state = 'approved'"
    " AND starts_at >= '2026-09-01' AND starts_at < '2027-07-03'"
    " AND CAST(strftime('%w', starts_at) AS INTEGER) = 4";
static const char SQL_FLOOR_PENDING[] =
    "SELECT series_id, MIN(starts_at), COUNT(*) FROM loan_occurrence WHERE state = 'requested'"
    " GROUP BY series_id";

static long drain(sqlite3 *c, const char *sql, int64_t bind)
{
    sqlite3_stmt *st;
    long n = 0;
    if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (bind)
        sqlite3_bind_int64(st, 1, bind);
    while (sqlite3_step(st) == SQLITE_ROW)
        n += sqlite3_column_bytes(st, 1) > 0;
    sqlite3_finalize(st);
    return n;
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    int colleges = 50, rooms_per = 8, pending = 5000, runs = 7;
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},     {"colleges", required_argument, NULL, 'c'},
        {"rooms", required_argument, NULL, 'r'},  {"pending", required_argument, NULL, 'p'},
        {"runs", required_argument, NULL, 'n'},   {NULL, 0, NULL, 0},
    };
    int o;
    while ((o = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (o) {
        case 'd': path = optarg; break;
        case 'c': colleges = atoi(optarg); break;
        case 'r': rooms_per = atoi(optarg); break;
        case 'p': pending = atoi(optarg); break;
        case 'n': runs = atoi(optarg); break;
        default: return 2;
        }
    }
    if (!path || colleges < 1 || rooms_per < 1 || pending < 0 || runs < 1 || runs > 100) {
        fprintf(stderr, "usage: loanbench --db FILE [--colleges N] [--rooms N] [--pending N]"
                        " [--runs N]\n");
        return 2;
    }
    if (access(path, F_OK) == 0) {
        fprintf(stderr, "loanbench: %s exists\n", path);
        return 2;
    }
    setenv("GUICHET_NOW", "2026-08-25 10:00", 1);
    struct db *db;
    struct db_error err = {0};
    struct db_open_options opts = {.create = 1};
    if (db_open(path, &opts, &db, &err) != DB_OK)
        die(path, &err);
    db_set_actor(db, "bench");
    int64_t *rooms;
    double t0 = now_ms();
    build(db, colleges, rooms_per, pending, &rooms);
    printf("build_s %.1f\n", (now_ms() - t0) / 1e3);
    int nrooms = colleges * rooms_per;
    double g[100], f[100];

    /* series */
    for (int i = 0; i < runs; i++) {
        int64_t room = rooms[(i * 37) % nrooms];
        struct db_loan_request q = {room, 1, {LOAN_DAY(CIVIL_TUESDAY), 1, 19 * 60, 21 * 60, FIRST,
                                              {0, 0, 0}}, "", 0};
        struct db_loan_preview p;
        double a = now_ms();
        if (db_loan_preview(db, &q, &p, &err) != DB_OK)
            die("preview", &err);
        g[i] = now_ms() - a;
        db_loan_preview_free(&p);
        a = now_ms();
        struct loan_pattern pat = q.pattern;
        pat.last = (struct civil_date){2027, 7, 2};
        struct loan_date dates[64];
        size_t n;
        drain(db->conn, SQL_FLOOR_SERIES, room);
        loan_series_expand(&pat, NULL, dates, 64, &n);
        f[i] = now_ms() - a;
    }
    printf("series %.3f %.3f\n", median(g, runs), median(f, runs));

    /* free */
    for (int i = 0; i < runs; i++) {
        struct db_free_room *res;
        size_t n;
        double a = now_ms();
        if (db_room_free(db, CIVIL_THURSDAY, 18 * 60, 20 * 60, "2026-09-01", "2027-07-02", 0, 0,
                         &res, &n, &err) != DB_OK)
            die("free", &err);
        g[i] = now_ms() - a;
        free(res);
        a = now_ms();
        drain(db->conn, SQL_FLOOR_FREE, 0);
        f[i] = now_ms() - a;
    }
    printf("free %.3f %.3f\n", median(g, runs), median(f, runs));

    /* pending */
    size_t queue = 0;
    for (int i = 0; i < runs; i++) {
        struct db_loan_pending *p;
        double a = now_ms();
        if (db_loan_pending_list(db, &p, &queue, &err) != DB_OK)
            die("pending", &err);
        g[i] = now_ms() - a;
        free(p);
        a = now_ms();
        drain(db->conn, SQL_FLOOR_PENDING, 0);
        f[i] = now_ms() - a;
    }
    printf("pending %.3f %.3f\n", median(g, runs), median(f, runs));
    printf("rooms %d\nqueue %zu\n", nrooms, queue);
    free(rooms);
    db_close(db);
    return 0;
}
