/* test_backup.c - db_backup (storage/backup.c) on real files: a copy that
 * passes integrity_check and holds what was committed, refusal to overwrite
 * anything, a copy made while another process keeps committing (the copy
 * restarts and must still finish, consistent), and no copy left behind on
 * failure. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../../storage/db_internal.h"

struct fixture {
    char dir[64];
    char db_path[128];
    char dest[128];
    struct db *db;
};

static long long count_rows(const char *path)
{
    sqlite3 *c;
    sqlite3_stmt *st;
    long long n = -1;
    if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    sqlite3_busy_timeout(c, 5000);
    if (sqlite3_prepare_v2(c, "SELECT count(*) FROM filler", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(c);
    return n;
}

static int integrity_ok(const char *path)
{
    sqlite3 *c;
    sqlite3_stmt *st;
    int ok = 0;
    if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        ok = strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
    sqlite3_finalize(st);
    sqlite3_close(c);
    return ok;
}

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/guichet-backup-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db_path, sizeof f->db_path, "%s/g.db", f->dir);
    snprintf(f->dest, sizeof f->dest, "%s/copy.db", f->dir);
    struct db_open_options o = {0};
    o.create = 1;
    if (db_open(f->db_path, &o, &f->db, NULL) != DB_OK)
        return -1;
    /* ~1.5 MB of rows so the copy takes many steps */
    if (sqlite3_exec(f->db->conn,
                     "CREATE TABLE filler(id INTEGER PRIMARY KEY, b BLOB);"
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 6000)"
                     " INSERT INTO filler(b) SELECT randomblob(200) FROM n;",
                     NULL, NULL, NULL) != SQLITE_OK)
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    db_close(f->db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    int rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

static long page_size(const char *path)
{
    sqlite3 *c;
    sqlite3_stmt *st;
    long n = -1;
    if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_prepare_v2(c, "PRAGMA page_size", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(c);
    return n;
}

/* The fixture's file as one made before new files got larger pages. */
static void make_old_pages(struct fixture *f)
{
    assert_int_equal(sqlite3_exec(f->db->conn, "PRAGMA page_size = 4096; VACUUM;", NULL, NULL,
                                  NULL), SQLITE_OK);
    assert_int_equal(page_size(f->db_path), 4096);
}

/* A backup of an old file comes with the new page size, the same rows. */
static void test_copy_of_old_file_has_new_pages(void **state)
{
    struct fixture *f = *state;
    make_old_pages(f);
    struct db_backup_stats stats;
    struct db_error err = {0};
    assert_int_equal(db_backup(f->db, f->dest, &stats, &err), DB_OK);
    assert_int_equal(stats.source_page_size, 4096);
    assert_int_equal(stats.page_size, DB_PAGE_SIZE);
    assert_int_equal(page_size(f->dest), DB_PAGE_SIZE);
    assert_int_equal(page_size(f->db_path), 4096); /* the file is left alone */
    assert_true(integrity_ok(f->dest));
    assert_int_equal(count_rows(f->dest), 6000);
}

/* The file itself converted in place: same rows, sound, new page size; a
 * second connection (another desk) that had read it before reads it right
 * after; a second conversion does nothing. */
static void test_convert_in_place(void **state)
{
    struct fixture *f = *state;
    make_old_pages(f);
    sqlite3 *other;
    assert_int_equal(sqlite3_open_v2(f->db_path, &other, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "SELECT count(*) FROM filler", NULL, NULL, NULL),
                     SQLITE_OK);
    long before = 0;
    struct db_error err = {0};
    assert_int_equal(db_convert_page_size(f->db, &before, &err), DB_OK);
    assert_int_equal(before, 4096);
    assert_int_equal(page_size(f->db_path), DB_PAGE_SIZE);
    assert_true(integrity_ok(f->db_path));
    assert_int_equal(count_rows(f->db_path), 6000);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(other, "SELECT count(*), sum(length(b)) FROM filler", -1,
                                        &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int64(st, 0), 6000);
    assert_int_equal(sqlite3_column_int64(st, 1), 6000 * 200);
    sqlite3_finalize(st);
    sqlite3_close(other);
    assert_int_equal(db_convert_page_size(f->db, &before, &err), DB_OK);
    assert_int_equal(before, DB_PAGE_SIZE);
}

static void test_copy_is_complete_and_sound(void **state)
{
    struct fixture *f = *state;
    struct db_backup_stats stats;
    struct db_error err = {0};
    assert_int_equal(db_backup(f->db, f->dest, &stats, &err), DB_OK);
    assert_true(stats.pages > 64);
    assert_true(stats.steps > 1); /* small steps, lock released between */
    assert_int_equal(stats.restarts, 0);
    assert_true(integrity_ok(f->dest));
    assert_int_equal(count_rows(f->dest), 6000);
    /* the copy is a guichet database like the original */
    struct db *copy = NULL;
    struct db_open_options o = {0};
    assert_int_equal(db_open(f->dest, &o, &copy, &err), DB_OK);
    int v = 0;
    assert_int_equal(db_schema_version(copy, &v, &err), DB_OK);
    assert_int_equal(v, DB_SCHEMA_VERSION);
    db_close(copy);
}

static void test_never_overwrites(void **state)
{
    struct fixture *f = *state;
    FILE *fp = fopen(f->dest, "w");
    assert_non_null(fp);
    fputs("precious", fp);
    fclose(fp);
    struct db_error err = {0};
    assert_int_equal(db_backup(f->db, f->dest, NULL, &err), DB_ERR_REFUSED);
    assert_non_null(strstr(err.detail, "already exists"));
    char buf[16] = "";
    fp = fopen(f->dest, "r");
    assert_non_null(fp);
    assert_non_null(fgets(buf, sizeof buf, fp));
    fclose(fp);
    assert_string_equal(buf, "precious");
    /* the database itself is refused as a destination too */
    assert_int_equal(db_backup(f->db, f->db_path, NULL, &err), DB_ERR_REFUSED);
    assert_int_equal(count_rows(f->db_path), 6000);
}

static void test_failure_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    char dest[192];
    struct db_error err = {0};
    snprintf(dest, sizeof dest, "%s/no/such/folder/copy.db", f->dir);
    assert_int_equal(db_backup(f->db, dest, NULL, &err), DB_ERR_MISSING);
    /* inside an open transaction: refused, nothing created */
    assert_int_equal(db_bulk_begin(f->db, &err), DB_OK);
    assert_int_equal(db_backup(f->db, f->dest, NULL, &err), DB_ERR_INTERNAL);
    db_bulk_rollback(f->db);
    struct stat st;
    assert_int_equal(stat(f->dest, &st), -1);
}

/* Another process, a desk: it commits one row each time it reads a byte
 * from `go`, then writes a byte to `done`; it stops at the end of `go`. */
struct writer {
    pid_t pid;
    int go, done; /* our ends of the two pipes */
};

static struct writer start_writer(const char *path)
{
    int go[2], done[2];
    assert_int_equal(pipe(go), 0);
    assert_int_equal(pipe(done), 0);
    struct writer w = {fork(), go[1], done[0]};
    assert_true(w.pid >= 0);
    if (w.pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive the test */
        close(go[1]);
        close(done[0]);
        sqlite3 *c;
        if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
            _exit(1);
        sqlite3_busy_timeout(c, 60000);
        char byte;
        while (read(go[0], &byte, 1) == 1) {
            if (sqlite3_exec(c, "INSERT INTO filler(b) VALUES (randomblob(200))", NULL, NULL,
                             NULL) != SQLITE_OK)
                _exit(2);
            if (write(done[1], "c", 1) != 1)
                _exit(3);
        }
        sqlite3_close(c);
        _exit(0);
    }
    close(go[0]);
    close(done[1]);
    return w;
}

/* One commit by the writer, waited for (a minute at most: a busy machine). */
static int writer_commit(struct writer *w)
{
    if (write(w->go, "g", 1) != 1)
        return -1;
    struct pollfd p = {w->done, POLLIN, 0};
    char byte;
    return poll(&p, 1, 60000) == 1 && read(w->done, &byte, 1) == 1 ? 0 : -1;
}

static void stop_writer(struct writer *w)
{
    close(w->go);
    int status = -1;
    waitpid(w->pid, &status, 0);
    close(w->done);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

struct mid_copy {
    struct writer *w;
    int commits;   /* made by the writer between two steps of the copy */
    int failed;
};

/* Between the first two steps of the copy (the lock let go): the writer
 * commits, which must make the copy start again. */
static void commit_mid_copy(void *ctx, size_t done, size_t total)
{
    struct mid_copy *m = ctx;
    if (m->commits == 0 && done < total) {
        if (writer_commit(m->w) == 0)
            m->commits++;
        else
            m->failed = 1;
    }
}

static void test_copy_while_another_process_writes(void **state)
{
    struct fixture *f = *state;
    struct writer w = start_writer(f->db_path);
    assert_int_equal(writer_commit(&w), 0); /* the other desk is at work */
    long long before = count_rows(f->db_path);
    struct mid_copy m = {&w, 0, 0};
    struct db_backup_stats stats;
    struct db_error err = {0};
    int rc = db_backup_progress(f->db, f->dest, commit_mid_copy, &m, &stats, &err);
    long long after_backup = count_rows(f->db_path);
    stop_writer(&w);
    assert_int_equal(before, 6001);
    if (rc != DB_OK)
        fail_msg("backup failed: %s", err.detail);
    print_message("# %d steps, %d restarts, %ld pages; rows %lld before, %lld after\n",
                  stats.steps, stats.restarts, stats.pages, before, after_backup);
    assert_false(m.failed);
    assert_int_equal(m.commits, 1);
    assert_int_equal(after_backup, before + 1);
    /* the commit in the middle restarted the copy, which holds it */
    assert_true(stats.restarts >= 1);
    assert_true(integrity_ok(f->dest));
    assert_int_equal(count_rows(f->dest), after_backup);
}

int main(void)
{
    alarm(120); /* a copy that never ends must fail, not hang */
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_copy_is_complete_and_sound, setup, teardown),
        cmocka_unit_test_setup_teardown(test_never_overwrites, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_of_old_file_has_new_pages, setup, teardown),
        cmocka_unit_test_setup_teardown(test_convert_in_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_failure_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_copy_while_another_process_writes, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
