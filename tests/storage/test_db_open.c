/* test_db_open.c - opening real database files: creation and the pragmas
 * read back, reopening, and every way a file can be wrong (missing, a
 * folder, random bytes, damaged pages, read-only file or folder, unreadable,
 * another program's SQLite file, a newer schema, WAL mode), the busy
 * handler, data_version and dot-file locking.
 *
 * Permission tests run in a child process as user nobody when the tests run
 * as root (root ignores file modes): the child reports by exit code. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage/db_internal.h"

/* ---- fixture ---------------------------------------------------------- */

struct fx {
    char dir[64];
    char path[128];
};

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-open-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    chmod(fx->dir, 0755); /* so that user nobody can reach it */
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    *state = fx;
    return 0;
}

static int rm_entry(const char *p, const struct stat *sb, int flag,
                    struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    chmod(fx->dir, 0755);
    nftw(fx->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

static const struct db_open_options CREATE = {.create = 1};
static const struct db_open_options EXISTING = {0};

static struct db *create_db(const char *path)
{
    struct db *db = NULL;
    struct db_error err = {0};
    int rc = db_open(path, &CREATE, &db, &err);
    if (rc != DB_OK)
        fail_msg("db_open(%s): %d %s", path, rc, err.detail);
    return db;
}

static int64_t add_site(struct db *db, const char *name, int expect)
{
    struct db_site s = {0};
    struct db_error err = {0};
    snprintf(s.name, sizeof s.name, "%s", name);
    int rc = db_site_add(db, &s, &err);
    if (rc != expect)
        fail_msg("db_site_add(%s) = %d (%s), expected %d", name, rc,
                 err.detail, expect);
    return s.id;
}

/* A one-row, one-column query on a raw connection, as text. */
static void raw_text(sqlite3 *c, const char *sql, char *out, size_t size)
{
    sqlite3_stmt *st = NULL;
    out[0] = '\0';
    assert_int_equal(sqlite3_prepare_v2(c, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
}

static long raw_int(sqlite3 *c, const char *sql)
{
    char buf[64];
    raw_text(c, sql, buf, sizeof buf);
    return strtol(buf, NULL, 10);
}

static sqlite3 *raw_open(const char *path)
{
    sqlite3 *c = NULL;
    assert_int_equal(sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE |
                                     SQLITE_OPEN_CREATE, NULL), SQLITE_OK);
    return c;
}

static void raw_exec(sqlite3 *c, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(c, sql, NULL, NULL, &msg) != SQLITE_OK)
        fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* Whole file into a malloc'ed buffer. */
static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static int file_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* Runs fn in a child, as user nobody when we are root; returns its exit
 * code (0 = every check passed, else the number of the failed check). */
static int as_nobody(int (*fn)(const char *), const char *path)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(100);
        _exit(fn(path));
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* ---- creation and pragmas --------------------------------------------- */

static void test_create_sets_pragmas(void **state)
{
    struct fx *fx = *state;
    struct db *db = create_db(fx->path);
    char v[32];
    raw_text(db->conn, "PRAGMA journal_mode", v, sizeof v);
    assert_string_equal(v, "delete");
    assert_int_equal(raw_int(db->conn, "PRAGMA synchronous"), 2);
    assert_int_equal(raw_int(db->conn, "PRAGMA foreign_keys"), 1);
    assert_int_equal(raw_int(db->conn, "PRAGMA secure_delete"), 1);
    assert_int_equal(raw_int(db->conn, "PRAGMA cache_size"), -2000); /* SQLite's */
    /* New files: the larger pages that cost fewer reads on a share. */
    assert_int_equal(raw_int(db->conn, "PRAGMA page_size"), DB_PAGE_SIZE);
    assert_int_equal(raw_int(db->conn, "PRAGMA application_id"),
                     DB_APPLICATION_ID);
    int version = -1;
    assert_int_equal(db_schema_version(db, &version, NULL), DB_OK);
    assert_int_equal(version, DB_SCHEMA_VERSION);
    assert_false(db_is_readonly(db));
    assert_string_equal(db_path(db), fx->path);
    assert_true(file_exists(fx->path));
    int ok = 0;
    char problem[128];
    assert_int_equal(db_integrity_check(db, &ok, problem, sizeof problem, NULL),
                     DB_OK);
    assert_int_equal(ok, 1);
    db_close(db);
}

static void test_reopen_keeps_data(void **state)
{
    struct fx *fx = *state;
    struct db *db = create_db(fx->path);
    add_site(db, "Maison des solidarités Nord", DB_OK);
    db_close(db);

    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &EXISTING, &db, &err), DB_OK);
    /* Opening reads its settings in one read transaction: ended. */
    assert_true(sqlite3_get_autocommit(db->conn));
    assert_int_equal(raw_int(db->conn, "PRAGMA synchronous"), 2);
    assert_int_equal(raw_int(db->conn, "PRAGMA foreign_keys"), 1);
    struct db_site site;
    assert_int_equal(db_site_find(db, "Maison des solidarités Nord", &site,
                                  &err), DB_OK);
    assert_string_equal(site.timezone, "Europe/Paris");
    db_close(db);
}

static void test_missing_without_create(void **state)
{
    struct fx *fx = *state;
    struct db *db = (struct db *)1;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &EXISTING, &db, &err), DB_ERR_MISSING);
    assert_null(db);
    assert_non_null(strstr(err.detail, fx->path));
    assert_false(file_exists(fx->path));
}

static void test_missing_folder(void **state)
{
    struct fx *fx = *state;
    char path[256];
    struct db *db = NULL;
    struct db_error err = {0};
    snprintf(path, sizeof path, "%s/no/such/folder/x.db", fx->dir);
    assert_int_equal(db_open(path, &CREATE, &db, &err), DB_ERR_MISSING);
    assert_non_null(strstr(err.detail, "no/such/folder"));
}

static void test_directory_path(void **state)
{
    struct fx *fx = *state;
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->dir, &CREATE, &db, &err), DB_ERR_PERMISSION);
    assert_null(db);
    assert_non_null(strstr(err.detail, fx->dir));
}

static void test_random_bytes(void **state)
{
    struct fx *fx = *state;
    unsigned char junk[8192];
    srand(42);
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (unsigned char)rand();
    FILE *f = fopen(fx->path, "wb");
    fwrite(junk, 1, sizeof junk, f);
    fclose(f);

    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &CREATE, &db, &err),
                     DB_ERR_NOT_DATABASE);
    assert_null(db);
    assert_non_null(strstr(err.detail, fx->path));
    size_t len;
    unsigned char *after = slurp(fx->path, &len);
    assert_int_equal(len, sizeof junk);
    assert_memory_equal(after, junk, sizeof junk); /* left untouched */
    free(after);
}

/* Overwrites `count` bytes at `offset` with a pattern. */
static void scribble(const char *path, long offset, size_t count)
{
    int fd = open(path, O_WRONLY);
    assert_true(fd >= 0);
    unsigned char *junk = malloc(count);
    for (size_t i = 0; i < count; i++)
        junk[i] = (unsigned char)(0xA5 ^ (i * 7));
    assert_int_equal(pwrite(fd, junk, count, offset), (ssize_t)count);
    close(fd);
    free(junk);
}

static void test_corrupt_first_page(void **state)
{
    struct fx *fx = *state;
    db_close(create_db(fx->path));
    scribble(fx->path, 100, 4096 - 100); /* schema b-tree, header kept */
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &EXISTING, &db, &err),
                     DB_ERR_NOT_DATABASE);
    assert_null(db);
}

/* Damage only the appointment table's pages: the file opens (the schema
 * is intact), reads of that table fail cleanly, integrity_check says so. */
static void test_corrupt_table_pages(void **state)
{
    struct fx *fx = *state;
    struct db *db = create_db(fx->path);
    int64_t site = add_site(db, "Site A", DB_OK);
    struct db_service svc = {.name = "Accueil"};
    assert_int_equal(db_service_add(db, &svc, NULL), DB_OK);
    struct db_agent ag = {.last_name = "Durand", .service_id = svc.id};
    assert_int_equal(db_agent_add(db, &ag, NULL), DB_OK);
    struct db_motif m = {.name = "Premier accueil", .service_id = svc.id,
                         .duration_minutes = 30};
    assert_int_equal(db_motif_add(db, &m, NULL), DB_OK);
    assert_int_equal(db_bulk_begin(db, NULL), DB_OK);
    for (int i = 0; i < 400; i++) {
        struct db_appt a = {.site_id = site, .agent_id = ag.id,
                            .motif_id = m.id, .overbooked = 1};
        snprintf(a.starts_at, sizeof a.starts_at, "2026-11-%02d 09:00",
                 1 + i % 28);
        snprintf(a.ends_at, sizeof a.ends_at, "2026-11-%02d 09:30",
                 1 + i % 28);
        memset(a.context, 'x', 300);
        assert_int_equal(db_appt_insert(db, &a, NULL), DB_OK);
    }
    assert_int_equal(db_bulk_commit(db, NULL), DB_OK);
    long root = raw_int(db->conn, "SELECT rootpage FROM sqlite_master"
                                  " WHERE name = 'appointment'");
    long page_size = raw_int(db->conn, "PRAGMA page_size");
    db_close(db);
    assert_true(root > 1);
    scribble(fx->path, (root - 1) * page_size, (size_t)page_size);

    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &EXISTING, &db, &err), DB_OK);
    struct db_day_row *rows = NULL;
    size_t n = 0;
    struct civil_date day = {2026, 11, 3};
    assert_int_equal(db_day_list(db, site, day, &rows, &n, &err),
                     DB_ERR_NOT_DATABASE);
    assert_null(rows);
    int ok = 1;
    char problem[256] = "";
    assert_int_equal(db_integrity_check(db, &ok, problem, sizeof problem,
                                        &err), DB_OK);
    assert_int_equal(ok, 0);
    assert_true(problem[0] != '\0');
    assert_true(sqlite3_get_autocommit(db->conn));
    db_close(db);
}

static void test_other_programs_file(void **state)
{
    struct fx *fx = *state;
    sqlite3 *c = raw_open(fx->path);
    raw_exec(c, "CREATE TABLE recipes (name TEXT); "
                "INSERT INTO recipes VALUES ('far breton')");
    sqlite3_close(c);
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &CREATE, &db, &err),
                     DB_ERR_NOT_DATABASE);
    c = raw_open(fx->path);
    /* nothing of ours was added to it */
    assert_int_equal(raw_int(c, "SELECT count(*) FROM sqlite_master"), 1);
    sqlite3_close(c);
}

static void test_newer_schema_refused(void **state)
{
    struct fx *fx = *state;
    db_close(create_db(fx->path));
    sqlite3 *c = raw_open(fx->path);
    char newer[8], sql[48];
    snprintf(newer, sizeof newer, "%d", DB_SCHEMA_VERSION + 1);
    snprintf(sql, sizeof sql, "PRAGMA user_version = %s", newer);
    raw_exec(c, sql);
    sqlite3_close(c);
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &EXISTING, &db, &err),
                     DB_ERR_NEWER_SCHEMA);
    assert_null(db);
    assert_non_null(strstr(err.detail, newer));
    char one[8];
    snprintf(one, sizeof one, "%d", DB_SCHEMA_VERSION);
    assert_non_null(strstr(err.detail, one));
    char msg[400];
    db_error_format(&err, msg, sizeof msg);
    assert_non_null(strstr(msg, db_status_message(DB_ERR_NEWER_SCHEMA)));
}

/* ---- read-only and permissions ---------------------------------------- */

/* Child side: the file must open read-only and refuse every write. */
static int child_readonly(const char *path)
{
    struct db *db = NULL;
    struct db_error err = {0};
    if (db_open(path, &EXISTING, &db, &err) != DB_OK)
        return 1;
    if (!db_is_readonly(db))
        return 2;
    struct db_site s = {.name = "Nouveau site"};
    if (db_site_add(db, &s, &err) != DB_ERR_READONLY)
        return 3;
    if (db_bulk_begin(db, &err) != DB_ERR_READONLY)
        return 4;
    struct db_site found;
    if (db_site_find(db, "Site A", &found, &err) != DB_OK)
        return 5; /* reading still works */
    struct db_appt a = {.site_id = found.id, .agent_id = 1, .motif_id = 1,
                        .starts_at = "2026-11-25 10:00",
                        .ends_at = "2026-11-25 10:30"};
    if (db_appt_book(db, &a, &err) != DB_ERR_READONLY)
        return 6;
    if (!sqlite3_get_autocommit(db->conn))
        return 7;
    db_close(db);
    return 0;
}

static void readonly_case(struct fx *fx, mode_t file_mode, int chown_dir)
{
    struct db *db = create_db(fx->path);
    add_site(db, "Site A", DB_OK);
    db_close(db);
    chmod(fx->path, file_mode);
    if (geteuid() == 0) {
        if (chown_dir) /* folder writable by nobody, file not */
            assert_int_equal(chown(fx->dir, 65534, 65534), 0);
        else /* file writable by nobody, folder not */
            assert_int_equal(chown(fx->path, 65534, 65534), 0);
    } else if (!chown_dir) {
        chmod(fx->dir, 0555);
    }
    size_t before_len, after_len;
    unsigned char *before = slurp(fx->path, &before_len);
    assert_int_equal(as_nobody(child_readonly, fx->path), 0);
    unsigned char *after = slurp(fx->path, &after_len);
    assert_int_equal(before_len, after_len);
    assert_memory_equal(before, after, before_len);
    char journal[160];
    snprintf(journal, sizeof journal, "%s-journal", fx->path);
    assert_false(file_exists(journal));
    free(before);
    free(after);
}

static void test_readonly_file(void **state)
{
    readonly_case(*state, 0444, 1);
}

static void test_readonly_folder(void **state)
{
    readonly_case(*state, 0644, 0);
}

static int child_unreadable(const char *path)
{
    struct db *db = NULL;
    struct db_error err = {0};
    int rc = db_open(path, &EXISTING, &db, &err);
    if (db)
        return 1;
    if (rc != DB_ERR_PERMISSION)
        return 2;
    if (!strstr(err.detail, path))
        return 3;
    return 0;
}

static void test_unreadable_file(void **state)
{
    struct fx *fx = *state;
    db_close(create_db(fx->path));
    chmod(fx->path, 0000);
    assert_int_equal(as_nobody(child_unreadable, fx->path), 0);
}

static void test_readonly_option(void **state)
{
    struct fx *fx = *state;
    struct db *db = create_db(fx->path);
    db_close(db);
    struct db_open_options ro = {.readonly = 1};
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &ro, &db, &err), DB_OK);
    assert_true(db_is_readonly(db));
    add_site(db, "Refusé", DB_ERR_READONLY);
    db_close(db);
}

/* A 0-byte file is never turned into a database (it may be what is left
 * of one): every open refuses it, read-only or not, even with create, and
 * leaves it as it was. */
static void test_readonly_empty_file(void **state)
{
    struct fx *fx = *state;
    fclose(fopen(fx->path, "wb"));
    struct db_open_options ro = {.readonly = 1}, rw = {0}, create = {.create = 1};
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &ro, &db, &err), DB_ERR_NOT_DATABASE);
    assert_non_null(strstr(err.detail, "0 bytes"));
    assert_null(db);
    assert_int_equal(db_open(fx->path, &rw, &db, &err), DB_ERR_NOT_DATABASE);
    assert_int_equal(db_open(fx->path, &create, &db, &err), DB_ERR_NOT_DATABASE);
    struct stat st;
    assert_int_equal(stat(fx->path, &st), 0);
    assert_int_equal(st.st_size, 0);
}

/* ---- WAL -------------------------------------------------------------- */

/* Leaves a WAL file holding a committed site that is not in the main
 * file yet (no checkpoint on close). */
static void make_wal_file(const char *path)
{
    db_close(create_db(path));
    sqlite3 *c = raw_open(path);
    char v[16];
    raw_text(c, "PRAGMA journal_mode = WAL", v, sizeof v);
    assert_string_equal(v, "wal");
    raw_exec(c, "PRAGMA wal_autocheckpoint = 0");
    raw_exec(c, "INSERT INTO site (name) VALUES ('Site du WAL')");
    assert_int_equal(sqlite3_db_config(c, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1,
                                       NULL), SQLITE_OK);
    sqlite3_close(c);
}

static void test_wal_file_converted(void **state)
{
    struct fx *fx = *state;
    char wal[160];
    snprintf(wal, sizeof wal, "%s-wal", fx->path);
    make_wal_file(fx->path);
    assert_true(file_exists(wal));

    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &EXISTING, &db, &err), DB_OK);
    char v[16];
    raw_text(db->conn, "PRAGMA journal_mode", v, sizeof v);
    assert_string_equal(v, "delete");
    struct db_site s;
    assert_int_equal(db_site_find(db, "Site du WAL", &s, &err), DB_OK);
    db_close(db);
    assert_false(file_exists(wal));
    size_t len;
    unsigned char *h = slurp(fx->path, &len);
    assert_int_equal(h[18], 1); /* legacy (rollback journal) format */
    free(h);
}

static void test_wal_file_readonly_refused(void **state)
{
    struct fx *fx = *state;
    make_wal_file(fx->path);
    struct db_open_options ro = {.readonly = 1};
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &ro, &db, &err), DB_ERR_UNSAFE);
    assert_null(db);
    assert_non_null(strstr(err.detail, "WAL"));
}

/* ---- busy handling ---------------------------------------------------- */

struct wait_log {
    int calls;
    int last_ms;
    int give_up_after_ms; /* < 0: never */
};

static int on_wait(void *ctx, int waited_ms)
{
    struct wait_log *w = ctx;
    assert_true(waited_ms >= w->last_ms);
    w->calls++;
    w->last_ms = waited_ms;
    return w->give_up_after_ms >= 0 && waited_ms >= w->give_up_after_ms;
}

static void test_busy_timeout_and_cancel(void **state)
{
    struct fx *fx = *state;
    db_close(create_db(fx->path));
    struct db_open_options o = {.busy_timeout_ms = 300};
    struct db *db = NULL;
    assert_int_equal(db_open(fx->path, &o, &db, NULL), DB_OK);
    struct wait_log w = {.give_up_after_ms = -1};
    db_set_wait_callback(db, on_wait, &w);

    sqlite3 *other = raw_open(fx->path); /* another desk holds the lock */
    raw_exec(other, "BEGIN IMMEDIATE");
    struct db_error err = {0};
    add_site(db, "Attente", DB_ERR_BUSY);
    assert_true(w.calls >= 3);
    assert_true(w.last_ms >= 250 && w.last_ms < 2000);
    assert_true(sqlite3_get_autocommit(db->conn)); /* nothing left open */

    w = (struct wait_log){.give_up_after_ms = 30};
    struct db_site s = {.name = "Abandon"};
    assert_int_equal(db_site_add(db, &s, &err), DB_ERR_CANCELLED);
    assert_true(w.last_ms < 250);

    raw_exec(other, "COMMIT");
    sqlite3_close(other);
    add_site(db, "Attente", DB_OK); /* retry of the whole unit works */
    assert_int_equal(db_site_find(db, "Abandon", &s, &err), DB_ERR_NO_ROW);
    db_close(db);
}

/* ---- data_version, locking mode, messages ----------------------------- */

static void test_data_version_sees_other_desk(void **state)
{
    struct fx *fx = *state;
    struct db *a = create_db(fx->path), *b = NULL;
    assert_int_equal(db_open(fx->path, &EXISTING, &b, NULL), DB_OK);
    int64_t v1 = 0, v2 = 0, v3 = 0;
    assert_int_equal(db_data_version(a, &v1, NULL), DB_OK);
    assert_int_equal(db_data_version(a, &v2, NULL), DB_OK);
    assert_true(v1 == v2); /* nothing happened */
    add_site(b, "Écrit par l'autre poste", DB_OK);
    assert_int_equal(db_data_version(a, &v3, NULL), DB_OK);
    assert_true(v3 != v2);
    db_close(a);
    db_close(b);
}

/* The header's change counter, read without a lock, moves with every
 * commit (another desk's or our own) and with nothing else: the idle poll
 * trusts it to know when to look under the lock. Checked against the
 * bytes on disk too. */
static void test_change_counter_moves_with_commits(void **state)
{
    struct fx *fx = *state;
    struct db *a = create_db(fx->path), *b = NULL;
    assert_int_equal(db_open(fx->path, &EXISTING, &b, NULL), DB_OK);
    uint32_t c1 = 0, c2 = 0, c3 = 0, c4 = 0;
    int64_t v = 0;
    assert_int_equal(db_change_counter(a, &c1, NULL), DB_OK);
    assert_int_equal(db_data_version(a, &v, NULL), DB_OK); /* a read */
    assert_int_equal(db_change_counter(a, &c2, NULL), DB_OK);
    assert_true(c1 == c2);
    add_site(b, "Écrit par l'autre poste", DB_OK);
    assert_int_equal(db_change_counter(a, &c3, NULL), DB_OK);
    assert_true(c3 != c2);
    unsigned char h[28];
    FILE *f = fopen(fx->path, "rb");
    assert_non_null(f);
    assert_int_equal(fread(h, 1, sizeof h, f), sizeof h);
    fclose(f);
    assert_true(c3 == ((uint32_t)h[24] << 24 | (uint32_t)h[25] << 16 |
                       (uint32_t)h[26] << 8 | h[27]));
    add_site(a, "Écrit ici", DB_OK);
    assert_int_equal(db_change_counter(b, &c4, NULL), DB_OK);
    assert_true(c4 != c3);
    db_close(a);
    db_close(b);
}

/* The slow-read callback stops a read (DB_ERR_CANCELLED) and is never
 * asked during a write: a unit is not stopped half-way. */
static int always_stop(void *ctx, int elapsed_ms)
{
    (void)elapsed_ms;
    (*(int *)ctx)++;
    return 1;
}

static void test_slow_callback_stops_reads_not_writes(void **state)
{
    struct fx *fx = *state;
    struct db *db = create_db(fx->path);
    for (int i = 0; i < 40; i++) {
        char name[32];
        snprintf(name, sizeof name, "Site %d", i);
        add_site(db, name, DB_OK);
    }
    int calls = 0;
    db_set_slow_callback(db, always_stop, &calls);
    add_site(db, "Écrit malgré tout", DB_OK); /* a unit: never stopped */
    assert_int_equal(calls, 0);
    int ok = 0;
    char first[128];
    struct db_error err = {0};
    assert_int_equal(db_integrity_check(db, &ok, first, sizeof first, &err),
                     DB_ERR_CANCELLED);
    assert_true(calls > 0);
    db_set_slow_callback(db, NULL, NULL);
    assert_int_equal(db_integrity_check(db, &ok, first, sizeof first, &err),
                     DB_OK);
    assert_true(ok);
    db_close(db);
}

static void test_dotfile_locking(void **state)
{
    struct fx *fx = *state;
    struct db_open_options o = {.create = 1, .locking = DB_LOCKING_DOTFILE};
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &o, &db, &err), DB_OK);
    /* A share: a larger page cache (each page read again is a round trip) */
    assert_int_equal(raw_int(db->conn, "PRAGMA cache_size"), -16384);
    char lock[160];
    snprintf(lock, sizeof lock, "%s.lock", fx->path);
    assert_false(file_exists(lock));
    assert_int_equal(db_bulk_begin(db, &err), DB_OK);
    add_site(db, "Site verrouillé", DB_OK);
    assert_true(file_exists(lock)); /* the lock is the dot-file */
    assert_int_equal(db_bulk_commit(db, &err), DB_OK);
    assert_false(file_exists(lock));
    db_close(db);
}

/* keep_reading: the opening's read transaction is the caller's first
 * view, so its reads take no lock of their own (the dot-file lock stays
 * there until db_view_end); a write goes on under that lock (dot-file
 * mode: nobody else can have read or written meanwhile), fewer calls than
 * a unit that takes the lock itself, and ends the view; synchronous is
 * FULL either way. */
static void test_keep_reading(void **state)
{
    struct fx *fx = *state;
    struct db_open_options o = {.create = 1, .locking = DB_LOCKING_DOTFILE};
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &o, &db, &err), DB_OK);
    db_close(db);
    char lock[160];
    snprintf(lock, sizeof lock, "%s.lock", fx->path);

    o.create = 0;
    o.keep_reading = 1;
    db_io_count_start(); /* before the opening: SQLite's calls too */
    assert_int_equal(db_open(fx->path, &o, &db, &err), DB_OK);
    assert_false(sqlite3_get_autocommit(db->conn)); /* still reading */
    assert_true(file_exists(lock));
    struct db_site site;
    assert_int_equal(db_site_find(db, "nowhere", &site, &err), DB_ERR_NO_ROW);
    assert_true(file_exists(lock)); /* the same lock */
    struct db_io_counts c0, c1, c2, c3;
    db_io_count_get(&c0);
    add_site(db, "Site écrit", DB_OK); /* under the view's lock */
    db_io_count_get(&c1);
    assert_true(sqlite3_get_autocommit(db->conn)); /* the view ended with it */
    assert_false(file_exists(lock));
    assert_int_equal(raw_int(db->conn, "PRAGMA synchronous"), 2);
    db_view_end(db); /* the caller's end: nothing left to end */
    assert_true(sqlite3_get_autocommit(db->conn));
    db_io_count_get(&c2);
    add_site(db, "Site écrit seul", DB_OK); /* takes the lock itself */
    db_io_count_get(&c3);
    /* The lock's own calls: mkdir, owner record, the journal's and
     * WAL's checks, rmdir... at least four. */
    assert_true((c1.meta - c0.meta) + 4 <= (c3.meta - c2.meta));
    assert_int_equal(c1.syncs - c0.syncs, c3.syncs - c2.syncs); /* as safe */
    db_close(db);

    /* Ended by the caller without a write: the lock goes. */
    assert_int_equal(db_open(fx->path, &o, &db, &err), DB_OK);
    assert_int_equal(db_site_find(db, "Site écrit", &site, &err), DB_OK);
    db_view_end(db);
    assert_true(sqlite3_get_autocommit(db->conn));
    assert_false(file_exists(lock));
    db_close(db);
}

/* In dot-file mode SQLite gets the file's name as db_open resolved it
 * (lock_vfs_known_path): absolute, symbolic links followed, as SQLite
 * itself would make it; so the lock and the journal are the real file's,
 * whichever name a desk opened. */
static void test_dotfile_resolved_name(void **state)
{
    struct fx *fx = *state;
    struct db_open_options o = {.create = 1, .locking = DB_LOCKING_DOTFILE};
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &o, &db, &err), DB_OK);
    db_close(db);
    char link[160], cwd[4096], real[4096];
    snprintf(link, sizeof link, "%s/link.db", fx->dir);
    assert_int_equal(symlink("test.db", link), 0);
    assert_non_null(realpath(fx->path, real));
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(fx->dir), 0);
    o.create = 0;
    assert_int_equal(db_open("link.db", &o, &db, &err), DB_OK);
    assert_string_equal(sqlite3_db_filename(db->conn, "main"), real);
    add_site(db, "Site par le lien", DB_OK);
    db_close(db);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(db_open(fx->path, &o, &db, &err), DB_OK);
    assert_string_equal(sqlite3_db_filename(db->conn, "main"), real);
    struct db_site site;
    assert_int_equal(db_site_find(db, "Site par le lien", &site, &err), DB_OK);
    db_close(db);
}

/* A FIFO in place of the file: refused at once, never waited on. */
static void test_fifo_refused(void **state)
{
    struct fx *fx = *state;
    assert_int_equal(mkfifo(fx->path, 0600), 0);
    struct db_open_options o = {.create = 1};
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &o, &db, &err), DB_ERR_NOT_DATABASE);
    assert_null(db);
}

static void test_status_messages(void **state)
{
    (void)state;
    for (int i = 0; i < DB_STATUS_COUNT; i++) {
        const char *m = db_status_message((enum db_status)i);
        assert_non_null(m);
        assert_true(strlen(m) > 5);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(m, db_status_message((enum db_status)j));
    }
    struct db_error err = {.status = DB_ERR_FULL, .detail = "/srv/x.db"};
    char buf[300];
    db_error_format(&err, buf, sizeof buf);
    assert_non_null(strstr(buf, "/srv/x.db"));
    assert_non_null(strstr(buf, db_status_message(DB_ERR_FULL)));
}

int main(void)
{
    setenv("GUICHET_NOW", "2026-11-25 08:30", 1);
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_create_sets_pragmas),
        T(test_reopen_keeps_data),
        T(test_missing_without_create),
        T(test_missing_folder),
        T(test_directory_path),
        T(test_random_bytes),
        T(test_corrupt_first_page),
        T(test_corrupt_table_pages),
        T(test_other_programs_file),
        T(test_newer_schema_refused),
        T(test_readonly_file),
        T(test_readonly_folder),
        T(test_unreadable_file),
        T(test_readonly_option),
        T(test_readonly_empty_file),
        T(test_wal_file_converted),
        T(test_wal_file_readonly_refused),
        T(test_busy_timeout_and_cancel),
        T(test_data_version_sees_other_desk),
        T(test_change_counter_moves_with_commits),
        T(test_slow_callback_stops_reads_not_writes),
        T(test_dotfile_locking),
        T(test_keep_reading),
        T(test_fifo_refused),
        T(test_dotfile_resolved_name),
        cmocka_unit_test(test_status_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
