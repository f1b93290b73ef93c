/* test_lock.c - stale dot-file locks (storage/lock.c) with real files and
 * real processes: owner records of live and killed processes, heartbeats
 * of other machines, unsigned locks, pid reuse, and the rollback of a
 * journal left by a writer killed in the middle of a big transaction
 * (which SQLite's dot-file VFS alone would never roll back); and how db.c
 * and txn.c use it: heartbeat while open, owner record only inside a write
 * unit, a POSIX desk refusing to write beside live dot-file desks, and
 * db_open rolling back a journal a crashed desk left.
 * Mixed modes: heartbeats carry the mode and state (joining/active), every
 * writable desk announces itself, a desk of either mode refuses to write
 * beside live desks of the other, an active desk is not disturbed by one
 * that is only joining but stops writing when one of the other mode turns
 * up active; a POSIX writer's journal is never rolled back by dot-file
 * recovery (fcntl probe of SQLite's lock bytes). Fair turns: a waiting
 * desk leaves the "waiting" sign, a committing desk takes it away. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "../../storage/db_internal.h"

struct fixture {
    char dir[64];
    char db[128];
    char lock[160];
    char owner[160];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/guichet-lock-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    snprintf(f->db, sizeof f->db, "%s/g.db", f->dir);
    snprintf(f->lock, sizeof f->lock, "%s.lock", f->db);
    snprintf(f->owner, sizeof f->owner, "%s.lock/owner-test", f->db);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    return 0;
}

/* fork(2), but the child dies with the test process: a failed assertion
 * must not leave children paused forever. */
static pid_t fork_child(void)
{
    pid_t pid = fork();
    if (pid == 0 && prctl(PR_SET_PDEATHSIG, SIGKILL) != 0)
        _exit(1);
    return pid;
}

static void set_age(const char *path, int seconds_ago)
{
    struct timespec t[2];
    clock_gettime(CLOCK_REALTIME, &t[0]);
    t[0].tv_sec -= seconds_ago;
    t[1] = t[0];
    assert_int_equal(utimensat(AT_FDCWD, path, t, 0), 0);
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

/* The lock carries an owner record (whatever its token). */
static int lock_signed(const struct fixture *f)
{
    char path[400];
    return lock_owner_find(f->lock, NULL, path, sizeof path) == 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    fclose(fp);
}

static void test_absent(void **state)
{
    struct fixture *f = *state;
    struct lock_report r;
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_ABSENT);
    assert_int_equal(r.age_s, -1);
    char msg[256];
    assert_int_equal(lock_clear_stale(f->db, &r, msg, sizeof msg), LOCK_NOTHING);
}

static void test_unsigned_lock_goes_stale_with_age(void **state)
{
    struct fixture *f = *state;
    struct lock_report r;
    char msg[256];
    assert_int_equal(mkdir(f->lock, 0777), 0);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_HELD);
    assert_false(r.has_owner);
    assert_int_equal(lock_clear_stale(f->db, NULL, msg, sizeof msg), LOCK_REFUSED);
    assert_true(exists(f->lock));

    set_age(f->lock, LOCK_ANONYMOUS_STALE_S + 5);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_STALE);
    assert_true(r.age_s >= LOCK_ANONYMOUS_STALE_S);
    assert_int_equal(lock_clear_stale(f->db, NULL, msg, sizeof msg), LOCK_CLEARED);
    assert_false(exists(f->lock));
}

/* A child that signs the lock as a write unit would, then waits. */
static pid_t start_owner(const char *db, int pipe_w)
{
    pid_t pid = fork_child();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct lock_desk d;
        struct lock_owner o;
        char lock[200], owner[260];
        snprintf(lock, sizeof lock, "%s.lock", db);
        snprintf(owner, sizeof owner, "%s/owner-test", lock);
        lock_self_identity(&o);
        snprintf(o.user, sizeof o.user, "agent-test");
        snprintf(o.token, sizeof o.token, "test");
        o.since = (long long)time(NULL);
        if (lock_desk_start(&d, db, LOCK_MODE_DOTFILE) != 0 ||
            lock_desk_activate(&d) != 0 || mkdir(lock, 0777) != 0 ||
            lock_record_write(owner, &o, 1) != 0)
            _exit(1);
        if (write(pipe_w, "k", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    return pid;
}

static void test_live_owner_refused_dead_owner_cleared(void **state)
{
    struct fixture *f = *state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t child = start_owner(f->db, p[1]);
    char c;
    assert_int_equal(read(p[0], &c, 1), 1);
    close(p[0]);
    close(p[1]);

    struct lock_report r;
    char msg[256];
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_HELD);
    assert_true(r.has_owner);
    assert_int_equal(r.owner.pid, child);
    assert_string_equal(r.owner.user, "agent-test");
    assert_int_equal(r.owner_alive, 1);
    assert_non_null(strstr(r.why, "agent-test"));
    /* live heartbeat of the child: a POSIX desk must see it */
    assert_int_equal(lock_live_desks(f->db, LOCK_MODE_DOTFILE, 0), 1);
    assert_int_equal(lock_live_desks(f->db, LOCK_MODE_POSIX, 1), 0);
    /* even an old lock is not stale while its owner lives */
    set_age(f->lock, 3600);
    assert_int_equal(lock_clear_stale(f->db, &r, msg, sizeof msg), LOCK_REFUSED);
    assert_true(exists(f->lock));

    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    assert_int_equal(lock_live_desks(f->db, LOCK_MODE_DOTFILE, 1), 0);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_STALE);
    assert_int_equal(r.owner_alive, 0);
    assert_int_equal(lock_clear_stale(f->db, &r, msg, sizeof msg), LOCK_CLEARED);
    assert_false(exists(f->lock));
    assert_false(exists(f->owner));

    /* the next desk tidies the dead child's heartbeat away */
    struct lock_desk d;
    assert_int_equal(lock_desk_start(&d, f->db, LOCK_MODE_DOTFILE), 0);
    struct lock_desk_entry *e = NULL;
    size_t n = 0;
    assert_int_equal(lock_desks_list(f->db, &e, &n), 0);
    assert_int_equal(n, 1); /* ours only */
    assert_int_equal(e[0].alive, 1);
    free(e);
    lock_desk_stop(&d);
    char desks[200];
    snprintf(desks, sizeof desks, "%s.desks", f->db);
    assert_false(exists(desks));
}

static void test_owner_on_other_machine(void **state)
{
    struct fixture *f = *state;
    char desks[200], hb[300], text[256];
    struct lock_report r;
    snprintf(desks, sizeof desks, "%s.desks", f->db);
    snprintf(hb, sizeof hb, "%s/pc-accueil-2.4242", desks);
    assert_int_equal(mkdir(desks, 0777), 0);
    assert_int_equal(mkdir(f->lock, 0777), 0);
    snprintf(text, sizeof text,
             "host=pc-accueil-2\nboot=x\npid=4242\nstart=1\nsince=%lld\nuser=bob\n",
             (long long)time(NULL));
    write_file(f->owner, text);
    write_file(hb, text);

    /* fresh heartbeat and record: alive, whatever the lock's age */
    set_age(f->lock, 600);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_HELD);
    assert_int_equal(r.owner_alive, 1);
    assert_false(r.owner_here);

    /* heartbeat stopped, but the holder refreshed its record: alive */
    set_age(hb, LOCK_HEARTBEAT_STALE_S + 10);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_HELD);
    assert_int_equal(r.owner_alive, 1);

    /* a record refreshed by a stalled PC, heartbeat fresh: alive too */
    set_age(f->owner, LOCK_HEARTBEAT_STALE_S + 10);
    set_age(hb, 1);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_HELD);

    /* no sign of life for longer than the limit: stale, and says so */
    set_age(hb, LOCK_HEARTBEAT_STALE_S + 10);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_STALE);
    assert_int_equal(r.owner_alive, 0);
    assert_true(r.heartbeat_age_s >= LOCK_HEARTBEAT_STALE_S);
    assert_int_equal(r.limit_s, LOCK_HEARTBEAT_STALE_S);
    assert_non_null(strstr(r.why, "pc-accueil-2"));
    assert_non_null(strstr(r.why, "another machine"));

    /* no heartbeat at all: the record's age decides */
    assert_int_equal(unlink(hb), 0);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_STALE);
    set_age(f->owner, 2);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_HELD);
}

static void test_reused_pid_is_dead(void **state)
{
    struct fixture *f = *state;
    char host[256], text[512];
    struct lock_report r;
    gethostname(host, sizeof host);
    assert_int_equal(mkdir(f->lock, 0777), 0);
    /* our own pid, but another start time: a previous process */
    snprintf(text, sizeof text, "host=%s\npid=%ld\nstart=1\nsince=0\nuser=x\n",
             host, (long)getpid());
    write_file(f->owner, text);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_STALE);
    assert_int_equal(r.owner_alive, 0);
    /* another boot of this machine */
    snprintf(text, sizeof text, "host=%s\nboot=not-this-boot\npid=%ld\nuser=x\n",
             host, (long)getpid());
    write_file(f->owner, text);
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_STALE);
    /* a half-written record counts as unsigned: held while young */
    write_file(f->owner, "host=");
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_HELD);
    assert_false(r.has_owner);
}

/* ---- killed in the middle of a big write ---- */

static void make_table(const char *db, int rows)
{
    sqlite3 *c;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                     "unix-dotfile"), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c,
        "PRAGMA journal_mode=DELETE; CREATE TABLE t(x INTEGER, y BLOB);"
        "CREATE INDEX ty ON t(y); BEGIN;", NULL, NULL, NULL), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n "
             "WHERE i < %d) INSERT INTO t SELECT i, randomblob(200) FROM n", rows);
    assert_int_equal(sqlite3_exec(c, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(c);
}

/* A writer whose cache is too small for its transaction: pages go to the
 * file before COMMIT, the journal keeps the originals, then it dies. */
static void kill_spilling_writer(const char *db)
{
    pid_t pid = fork_child();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *c;
        if (sqlite3_open_v2(db, &c, SQLITE_OPEN_READWRITE, "unix-dotfile"))
            _exit(1);
        sqlite3_exec(c, "PRAGMA cache_size=5; BEGIN IMMEDIATE;"
                        "UPDATE t SET x=-x, y=randomblob(300);"
                        "DELETE FROM t WHERE x % 7 = 0;", NULL, NULL, NULL);
        raise(SIGKILL);
        _exit(2);
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFSIGNALED(status));
}

static void check_intact(const char *db, int rows)
{
    sqlite3 *c;
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, "unix-dotfile"),
                     SQLITE_OK);
    sqlite3_busy_timeout(c, 2000);
    assert_int_equal(sqlite3_prepare_v2(c, "PRAGMA integrity_check", -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    assert_int_equal(sqlite3_prepare_v2(c, "SELECT count(*), sum(x < 0) FROM t",
                                        -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), rows);
    assert_int_equal(sqlite3_column_int(st, 1), 0);
    sqlite3_finalize(st);
    sqlite3_close(c);
}

static void test_clear_rolls_back_killed_writer(void **state)
{
    struct fixture *f = *state;
    char journal[160], msg[256];
    struct lock_report r;
    snprintf(journal, sizeof journal, "%s-journal", f->db);
    make_table(f->db, 3000);
    kill_spilling_writer(f->db);
    assert_true(exists(f->lock));
    assert_true(exists(journal));

    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_true(r.hot_journal);
    assert_int_equal(r.state, LOCK_HELD); /* unsigned and young */
    set_age(f->lock, LOCK_ANONYMOUS_STALE_S + 1);
    assert_int_equal(lock_clear_stale(f->db, &r, msg, sizeof msg), LOCK_CLEARED);
    assert_false(exists(f->lock));
    assert_false(exists(journal));
    check_intact(f->db, 3000);
}

static void test_open_recovers_journal_without_lock(void **state)
{
    struct fixture *f = *state;
    char journal[160], msg[256] = "";
    snprintf(journal, sizeof journal, "%s-journal", f->db);
    make_table(f->db, 3000);
    kill_spilling_writer(f->db);
    /* someone removed the lock by hand */
    assert_int_equal(rmdir(f->lock), 0);

    /* while a lock is held by someone, the journal is left alone */
    assert_int_equal(mkdir(f->lock, 0777), 0);
    assert_int_equal(lock_recover_journal(f->db, msg, sizeof msg), 1);
    assert_true(exists(journal));
    assert_int_equal(rmdir(f->lock), 0);

    assert_int_equal(lock_recover_journal(f->db, msg, sizeof msg), 0);
    assert_false(exists(journal));
    assert_false(exists(f->lock));
    check_intact(f->db, 3000);
    /* nothing to do the second time */
    assert_int_equal(lock_recover_journal(f->db, msg, sizeof msg), 0);
}

static void test_heartbeat_beats(void **state)
{
    struct fixture *f = *state;
    struct lock_desk d;
    struct stat st;
    assert_int_equal(lock_desk_start(&d, f->db, LOCK_MODE_DOTFILE), 0);
    assert_int_equal(lock_desk_activate(&d), 0);
    assert_int_equal(stat(d.heartbeat_path, &st), 0);
    set_age(d.heartbeat_path, 100);
    /* not due yet: untouched */
    assert_int_equal(lock_desk_beat(&d, 0), 0);
    assert_int_equal(stat(d.heartbeat_path, &st), 0);
    assert_true(time(NULL) - st.st_mtime >= 99);
    assert_int_equal(lock_desk_beat(&d, 1), 0);
    assert_int_equal(stat(d.heartbeat_path, &st), 0);
    assert_true(time(NULL) - st.st_mtime <= 2);
    /* recreated when removed */
    assert_int_equal(unlink(d.heartbeat_path), 0);
    assert_int_equal(lock_desk_beat(&d, 1), 0);
    assert_true(exists(d.heartbeat_path));
    lock_desk_stop(&d);
    assert_false(exists(d.heartbeat_path));
}


/* ---- wired into db_open / write units ---- */

static void test_db_dotfile_signs_and_beats(void **state)
{
    struct fixture *f = *state;
    struct db_open_options o = {0};
    o.create = 1;
    o.locking = DB_LOCKING_DOTFILE;
    struct db *db = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    char hb[600], host[256], desks[200];
    gethostname(host, sizeof host);
    snprintf(desks, sizeof desks, "%s.desks", f->db);
    snprintf(hb, sizeof hb, "%s/%s.%ld", desks, host, (long)getpid());
    assert_true(exists(hb));
    assert_false(lock_signed(f));
    assert_null(db_unsafe_reason(db));

    db_set_actor(db, "agent-7");
    assert_int_equal(db_bulk_begin(db, &err), DB_OK);
    /* inside the unit: the lock is held and signed by us */
    assert_true(exists(f->lock));
    struct lock_report r;
    assert_int_equal(lock_inspect(f->db, &r), 0);
    assert_int_equal(r.state, LOCK_HELD);
    assert_int_equal(r.owner.pid, getpid());
    assert_string_equal(r.owner.user, "agent-7");
    struct db_site site = {0};
    snprintf(site.name, sizeof site.name, "Site A");
    snprintf(site.timezone, sizeof site.timezone, "Europe/Paris");
    assert_int_equal(db_site_add(db, &site, &err), DB_OK);
    assert_int_equal(db_bulk_commit(db, &err), DB_OK);
    assert_false(lock_signed(f));
    assert_false(exists(f->lock));

    /* a single write unit: signed during, gone after */
    snprintf(site.name, sizeof site.name, "Site B");
    assert_int_equal(db_site_add(db, &site, &err), DB_OK);
    assert_false(lock_signed(f));
    assert_false(exists(f->lock));
    /* a failed unit too */
    assert_int_equal(db_site_add(db, &site, &err), DB_ERR_DUPLICATE);
    assert_false(lock_signed(f));
    assert_false(exists(f->lock));

    set_age(hb, 100);
    assert_int_equal(db_heartbeat(db), 0); /* not due yet (just beaten) */
    db_close(db);
    assert_false(exists(hb));
    assert_false(exists(desks));
}

static void test_db_posix_refuses_beside_dotfile_desk(void **state)
{
    struct fixture *f = *state;
    struct db_open_options o = {0};
    struct db *db = NULL;
    struct db_error err = {0};
    o.create = 1;
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    db_close(db);

    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t child = fork_child();
    assert_true(child >= 0);
    if (child == 0) {
        struct db_open_options d = {0};
        d.locking = DB_LOCKING_DOTFILE;
        struct db *cdb = NULL;
        if (db_open(f->db, &d, &cdb, NULL) != DB_OK || write(p[1], "k", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    char c;
    assert_int_equal(read(p[0], &c, 1), 1);
    close(p[0]);
    close(p[1]);

    o.create = 0;
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    assert_true(db_is_readonly(db));
    assert_non_null(db_unsafe_reason(db));
    assert_non_null(strstr(db_unsafe_reason(db), "dot-file"));
    /* it reads with their locks */
    assert_string_equal(shared_vfs(&db->shared, NULL), LOCK_VFS_NAME);
    struct db_site site = {0};
    snprintf(site.name, sizeof site.name, "Site A");
    snprintf(site.timezone, sizeof site.timezone, "Europe/Paris");
    assert_int_equal(db_site_add(db, &site, &err), DB_ERR_UNSAFE);
    assert_non_null(strstr(err.detail, "locking = dotfile"));
    db_close(db);

    struct db_setup s;
    db_setup_inspect(f->db, DB_LOCKING_POSIX, &s);
    assert_true(s.unsafe);
    assert_int_equal(s.live_dotfile_desks, 1);
    assert_int_equal(s.fs_kind, DB_FS_LOCAL);
    db_setup_inspect(f->db, DB_LOCKING_DOTFILE, &s);
    assert_false(s.unsafe);

    kill(child, SIGKILL);
    waitpid(child, NULL, 0);
    /* that desk is gone: writing is safe again */
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    assert_false(db_is_readonly(db));
    assert_null(db_unsafe_reason(db));
    assert_int_equal(db_site_add(db, &site, &err), DB_OK);
    db_close(db);
}

static void test_db_open_rolls_back_left_journal(void **state)
{
    struct fixture *f = *state;
    struct db_open_options o = {0};
    struct db *db = NULL;
    struct db_error err = {0};
    o.create = 1;
    o.locking = DB_LOCKING_DOTFILE;
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    db_close(db);
    make_table(f->db, 3000);
    kill_spilling_writer(f->db);
    assert_int_equal(rmdir(f->lock), 0); /* removed by hand, journal left */

    o.create = 0;
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    int ok = 0;
    char problem[256];
    assert_int_equal(db_integrity_check(db, &ok, problem, sizeof problem, &err), DB_OK);
    assert_true(ok);
    db_close(db);
    check_intact(f->db, 3000);
}

/* The guichet-dotfile VFS gathers the journal's writes: a transaction
 * whose journal passes the megabyte its buffer holds, and SQLite's
 * 128 KiB write limit, commits whole; and a writer killed after its cache
 * spilled pages into the file (the journal must be on disk before them)
 * is rolled back whole by the next desk. */
static void big_update(const char *db, int die)
{
    sqlite3 *c;
    if (lock_vfs_register() != SQLITE_OK ||
        sqlite3_open_v2(db, &c, SQLITE_OPEN_READWRITE, LOCK_VFS_NAME))
        _exit(1);
    sqlite3_exec(c, "PRAGMA cache_size=5; PRAGMA synchronous=FULL; BEGIN IMMEDIATE;"
                    "UPDATE t SET x=-x, y=randomblob(300);", NULL, NULL, NULL);
    if (die)
        raise(SIGKILL);
    int rc = sqlite3_exec(c, "UPDATE t SET x=-x; COMMIT;", NULL, NULL, NULL);
    sqlite3_close(c);
    _exit(rc == SQLITE_OK ? 0 : 3);
}

static void test_gathered_journal_commits_and_rolls_back(void **state)
{
    struct fixture *f = *state;
    make_table(f->db, 8000);
    for (int die = 0; die <= 1; die++) {
        pid_t pid = fork_child();
        assert_true(pid >= 0);
        if (pid == 0)
            big_update(f->db, die);
        int status;
        waitpid(pid, &status, 0);
        if (die) {
            assert_true(WIFSIGNALED(status));
            struct stat st;
            char journal[160];
            snprintf(journal, sizeof journal, "%s-journal", f->db);
            assert_int_equal(stat(journal, &st), 0);
            assert_true(st.st_size > 1024 * 1024); /* past the buffer: several flushes */
            /* its signed lock names a dead process: cleared, rolled back */
            struct lock_report r;
            char msg[256];
            assert_int_equal(lock_inspect(f->db, &r), 0);
            assert_true(r.hot_journal);
            assert_int_equal(lock_clear_stale(f->db, &r, msg, sizeof msg), LOCK_CLEARED);
        } else {
            assert_true(WIFEXITED(status));
            assert_int_equal(WEXITSTATUS(status), 0);
        }
        /* committed (x negated twice) or rolled back: every row, x > 0 */
        check_intact(f->db, 8000);
    }
}

static void test_db_dotfile_converts_wal_file(void **state)
{
    struct fixture *f = *state;
    struct db_open_options o = {0};
    struct db *db = NULL;
    struct db_error err = {0};
    o.create = 1;
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    db_close(db);
    /* another tool switches it to WAL and writes; its WAL stays there */
    sqlite3 *c;
    assert_int_equal(sqlite3_open(f->db, &c), SQLITE_OK);
    assert_int_equal(sqlite3_exec(c, "PRAGMA journal_mode=WAL;"
                                     "CREATE TABLE t(x); INSERT INTO t VALUES (42);",
                                  NULL, NULL, NULL), SQLITE_OK);
    /* while it is open in WAL mode, the switch is refused, with why */
    o.create = 0;
    o.locking = DB_LOCKING_DOTFILE;
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_ERR_UNSAFE);
    assert_non_null(strstr(err.detail, "WAL"));
    assert_false(exists(f->lock));
    sqlite3_close(c);
    /* once closed, guichet converts it (nothing lost) */
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    struct db_pragmas p;
    assert_int_equal(db_read_pragmas(db, &p, &err), DB_OK);
    assert_string_equal(p.journal_mode, "delete");
    assert_int_equal(p.synchronous, 2);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db->conn, "SELECT x FROM t", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 42);
    sqlite3_finalize(st);
    db_close(db);
}


/* ---- mixed locking modes ---- */

static void read_text(const char *path, char *buf, size_t size)
{
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    size_t n = fread(buf, 1, size - 1, fp);
    buf[n] = '\0';
    fclose(fp);
}

static void test_heartbeat_says_mode_and_state(void **state)
{
    struct fixture *f = *state;
    struct lock_desk d;
    struct lock_desk_entry *e = NULL;
    size_t n = 0;
    char text[1024], desks[200], other[300];
    snprintf(desks, sizeof desks, "%s.desks", f->db);

    char host[256], me[300];
    gethostname(host, sizeof host);
    snprintf(me, sizeof me, "%s.%ld", host, (long)getpid());
    assert_int_equal(lock_desk_start(&d, f->db, LOCK_MODE_POSIX), 0);
    assert_false(exists(d.heartbeat_path));
    read_text(d.joining_path, text, sizeof text); /* <host>.<pid>.joining */
    assert_non_null(strstr(text, "mode=posix\n"));
    assert_int_equal(lock_desks_list(f->db, &e, &n), 0);
    assert_int_equal(n, 1);
    assert_string_equal(e[0].name, me);
    assert_int_equal(e[0].mode, LOCK_MODE_POSIX);
    assert_true(e[0].joining);
    assert_int_equal(e[0].alive, 1);
    free(e);
    /* joining, it beats under that name too */
    set_age(d.joining_path, 100);
    assert_int_equal(lock_desk_beat(&d, 1), 0);
    assert_false(exists(d.heartbeat_path));
    struct stat st;
    assert_int_equal(stat(d.joining_path, &st), 0);
    assert_true(time(NULL) - st.st_mtime <= 2);

    assert_int_equal(lock_desk_activate(&d), 0);
    assert_false(exists(d.joining_path));
    read_text(d.heartbeat_path, text, sizeof text);
    assert_non_null(strstr(text, "mode=posix\n"));
    assert_int_equal(lock_desks_list(f->db, &e, &n), 0);
    assert_int_equal(n, 1);
    assert_false(e[0].joining);
    free(e);
    /* recreated whole when it vanished */
    assert_int_equal(unlink(d.heartbeat_path), 0);
    assert_int_equal(lock_desk_beat(&d, 1), 0);
    read_text(d.heartbeat_path, text, sizeof text);
    assert_non_null(strstr(text, "mode=posix\n"));
    /* our own heartbeat is not "another desk" */
    assert_int_equal(lock_live_desks(f->db, LOCK_MODE_POSIX, 1), 0);

    /* another PC, written by a guichet without modes: a dot-file desk */
    snprintf(other, sizeof other, "%s/pc-2.77", desks);
    write_file(other, "host=pc-2\nboot=x\npid=77\nstart=1\nsince=0\nuser=u\n");
    /* another PC joining in POSIX mode */
    snprintf(other, sizeof other, "%s/pc-3.78.joining", desks);
    write_file(other, "host=pc-3\nboot=x\npid=78\nstart=1\nsince=0\nuser=u\n"
                      "mode=posix\n");
    /* garbage: no mode can be told, counted for neither */
    snprintf(other, sizeof other, "%s/pc-4.79", desks);
    write_file(other, "host=");
    assert_int_equal(lock_live_desks(f->db, LOCK_MODE_DOTFILE, 0), 1);
    assert_int_equal(lock_live_desks(f->db, LOCK_MODE_POSIX, 0), 0);
    assert_int_equal(lock_live_desks(f->db, LOCK_MODE_POSIX, 1), 1);
    assert_int_equal(lock_desks_list(f->db, &e, &n), 0);
    assert_int_equal(n, 4);
    int unknown = 0;
    for (size_t i = 0; i < n; i++)
        unknown += e[i].mode == LOCK_MODE_UNKNOWN;
    assert_int_equal(unknown, 1);
    free(e);
    /* the 3 other PCs go stale like any heartbeat */
    set_age(other, LOCK_HEARTBEAT_STALE_S + 5);
    snprintf(other, sizeof other, "%s/pc-3.78.joining", desks);
    set_age(other, LOCK_HEARTBEAT_STALE_S + 5);
    assert_int_equal(lock_live_desks(f->db, LOCK_MODE_POSIX, 1), 0);
    lock_desk_stop(&d);
    assert_false(exists(d.heartbeat_path));
}

/* A child holding SQLite's default (POSIX) locks as `sql` leaves them,
 * then waiting to be killed. */
static pid_t start_posix_holder(const char *db, const char *sql)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork_child();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *c;
        if (sqlite3_open_v2(db, &c, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
            sqlite3_exec(c, sql, NULL, NULL, NULL) != SQLITE_OK ||
            write(p[1], "k", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    char c;
    assert_int_equal(read(p[0], &c, 1), 1);
    close(p[0]);
    close(p[1]);
    return pid;
}

static void stop_child(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static void test_posix_lock_probe(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(lock_posix_held(f->db), 0); /* no file yet */
    make_table(f->db, 10);
    assert_int_equal(lock_posix_held(f->db), 0);
    /* a reader in a transaction: SHARED */
    pid_t c = start_posix_holder(f->db, "BEGIN; SELECT count(*) FROM t;");
    assert_int_equal(lock_posix_held(f->db), 1);
    stop_child(c);
    assert_int_equal(lock_posix_held(f->db), 0);
    /* a writer: RESERVED */
    c = start_posix_holder(f->db, "BEGIN IMMEDIATE;");
    assert_int_equal(lock_posix_held(f->db), 1);
    stop_child(c);
    /* an idle connection holds nothing */
    c = start_posix_holder(f->db, "SELECT 1;");
    assert_int_equal(lock_posix_held(f->db), 0);
    stop_child(c);
}

static void test_recovery_leaves_live_posix_writer_alone(void **state)
{
    struct fixture *f = *state;
    char journal[160], msg[256] = "";
    snprintf(journal, sizeof journal, "%s-journal", f->db);
    make_table(f->db, 3000);
    /* a POSIX writer in the middle of a big transaction: its pages are
     * already in the file, the originals in its (hot-looking) journal */
    pid_t c = start_posix_holder(f->db,
        "PRAGMA cache_size=5; BEGIN IMMEDIATE;"
        "UPDATE t SET x=-x, y=randomblob(300); DELETE FROM t WHERE x % 7 = 0;");
    assert_true(lock_journal_is_hot(journal));

    /* dot-file recovery leaves it alone */
    assert_int_equal(lock_recover_journal(f->db, msg, sizeof msg), 1);
    assert_true(lock_journal_is_hot(journal));
    assert_false(exists(f->lock));
    struct lock_report r;
    assert_int_equal(lock_clear_stale(f->db, &r, msg, sizeof msg), LOCK_REFUSED);
    assert_int_equal(r.state, LOCK_HELD);
    assert_non_null(strstr(r.why, "POSIX"));
    assert_true(lock_journal_is_hot(journal));
    /* and a dot-file desk is told it must not write */
    struct db_setup s;
    db_setup_inspect(f->db, DB_LOCKING_DOTFILE, &s);
    assert_true(s.unsafe);
    assert_non_null(strstr(s.unsafe_reason, "default (POSIX) locks"));

    /* once the writer is dead, its journal is rolled back as before */
    stop_child(c);
    assert_true(lock_journal_is_hot(journal));
    assert_int_equal(lock_posix_held(f->db), 0);
    assert_int_equal(lock_recover_journal(f->db, msg, sizeof msg), 0);
    assert_false(exists(journal));
    check_intact(f->db, 3000);
}

/* A child with a writable guichet connection in `locking` mode, idle. */
static pid_t start_desk(const char *db, enum db_locking locking)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork_child();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct db_open_options o = {0};
        o.locking = locking;
        struct db *cdb = NULL;
        if (db_open(db, &o, &cdb, NULL) != DB_OK || db_is_readonly(cdb) ||
            write(p[1], "k", 1) != 1)
            _exit(1);
        for (;;)
            pause();
    }
    char c;
    assert_int_equal(read(p[0], &c, 1), 1);
    close(p[0]);
    close(p[1]);
    return pid;
}

static void new_site(struct db_site *site, const char *name)
{
    memset(site, 0, sizeof *site);
    snprintf(site->name, sizeof site->name, "%s", name);
    snprintf(site->timezone, sizeof site->timezone, "Europe/Paris");
}

static void test_db_dotfile_refuses_beside_posix_desk(void **state)
{
    struct fixture *f = *state;
    struct db_open_options o = {0};
    struct db *db = NULL;
    struct db_error err = {0};
    struct db_site site;
    char desks[200];
    snprintf(desks, sizeof desks, "%s.desks", f->db);
    o.create = 1;
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    db_close(db);
    assert_false(exists(desks)); /* a closed desk leaves nothing */

    pid_t child = start_desk(f->db, DB_LOCKING_POSIX);
    o.create = 0;
    o.locking = DB_LOCKING_DOTFILE;
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    assert_true(db_is_readonly(db));
    assert_non_null(db_unsafe_reason(db));
    assert_non_null(strstr(db_unsafe_reason(db), "default (POSIX) locking"));
    assert_non_null(strstr(db_unsafe_reason(db), "locking = dotfile"));
    assert_string_equal(shared_vfs(&db->shared, "unix-dotfile"), "unix");
    new_site(&site, "Site A");
    assert_int_equal(db_site_add(db, &site, &err), DB_ERR_UNSAFE);
    assert_non_null(strstr(err.detail, "default locking"));
    /* the refused desk withdrew: only the child is announced */
    struct lock_desk_entry *e = NULL;
    size_t n = 0;
    assert_int_equal(lock_desks_list(f->db, &e, &n), 0);
    assert_int_equal(n, 1);
    assert_int_equal(e[0].mode, LOCK_MODE_POSIX);
    assert_false(e[0].joining);
    free(e);
    db_close(db);

    struct db_setup s;
    db_setup_inspect(f->db, DB_LOCKING_DOTFILE, &s);
    assert_true(s.unsafe);
    assert_non_null(strstr(s.desks, "posix"));
    assert_int_equal(s.live_dotfile_desks, 0);
    db_setup_inspect(f->db, DB_LOCKING_POSIX, &s);
    assert_false(s.unsafe);

    stop_child(child);
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    assert_false(db_is_readonly(db));
    assert_null(db_unsafe_reason(db));
    assert_string_equal(shared_vfs(&db->shared, "unix-dotfile"), "unix-dotfile");
    assert_int_equal(db_site_add(db, &site, &err), DB_OK);
    db_close(db);
}

/* Writes the heartbeat of process `pid` of this machine, as a desk in
 * `mode` and `state` would. */
static void fake_heartbeat(const char *db, pid_t pid, const char *mode,
                           int joining)
{
    char host[256], path[400], text[600];
    gethostname(host, sizeof host);
    snprintf(path, sizeof path, "%s.desks/%s.%ld", db, host, (long)pid);
    snprintf(text, sizeof text,
             "host=%s\npid=%ld\nstart=0\nsince=0\nuser=x\nmode=%s\n",
             host, (long)pid, mode);
    if (joining) {
        write_file(path, text);
        char joined[420];
        snprintf(joined, sizeof joined, "%s%s", path, LOCK_JOINING_SUFFIX);
        assert_int_equal(rename(path, joined), 0);
    } else {
        char was[420];
        snprintf(was, sizeof was, "%s%s", path, LOCK_JOINING_SUFFIX);
        unlink(was);
        write_file(path, text);
    }
}

static void test_active_desk_ignores_joining_desk_not_active_one(void **state)
{
    struct fixture *f = *state;
    struct db_open_options o = {.create = 1};
    struct db *db = NULL;
    struct db_error err = {0};
    struct db_site site;
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    assert_false(db_is_readonly(db));
    char hb[600], host[256], text[1024];
    gethostname(host, sizeof host);
    snprintf(hb, sizeof hb, "%s.desks/%s.%ld", f->db, host, (long)getpid());
    read_text(hb, text, sizeof text); /* every writable desk announces */
    assert_non_null(strstr(text, "mode=posix\n"));

    pid_t other = fork_child(); /* stands for a dot-file desk */
    assert_true(other >= 0);
    if (other == 0) {
        for (;;)
            pause();
    }
    /* it is joining (it will see us and withdraw): we go on writing */
    fake_heartbeat(f->db, other, "dotfile", 1);
    db->shared.next_check_ms = 0;
    new_site(&site, "Site A");
    assert_int_equal(db_site_add(db, &site, &err), DB_OK);
    db->shared.next_check_ms = 0;
    assert_int_equal(db_heartbeat(db), 0);
    assert_false(db_is_readonly(db));
    assert_null(db_unsafe_reason(db));

    /* it is active (it joined while we looked dead): we stop writing */
    fake_heartbeat(f->db, other, "dotfile", 0);
    assert_int_equal(db_heartbeat(db), 0); /* not due yet: rate-limited */
    assert_false(db_is_readonly(db));
    db->shared.next_check_ms = 0;
    assert_int_equal(db_heartbeat(db), 0);
    assert_true(db_is_readonly(db));
    assert_non_null(strstr(db_unsafe_reason(db), "dot-file locking"));
    assert_false(exists(hb)); /* withdrawn */
    new_site(&site, "Site B");
    assert_int_equal(db_site_add(db, &site, &err), DB_ERR_UNSAFE);
    db_close(db);

    /* found at the start of a write unit: the connection turns read-only
     * and withdraws once that unit has ended */
    stop_child(other);
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    assert_false(db_is_readonly(db));
    other = fork_child();
    assert_true(other >= 0);
    if (other == 0) {
        for (;;)
            pause();
    }
    fake_heartbeat(f->db, other, "dotfile", 0);
    db->shared.next_check_ms = 0;
    new_site(&site, "Site C");
    int rc = db_site_add(db, &site, &err);
    assert_true(rc == DB_OK || rc == DB_ERR_UNSAFE);
    assert_true(db_is_readonly(db));
    assert_false(exists(hb));
    new_site(&site, "Site D");
    assert_int_equal(db_site_add(db, &site, &err), DB_ERR_UNSAFE);
    db_close(db);

    stop_child(other);

    /* found just before BEGIN (shared_unit_starting, from txn.c): that
     * unit itself is refused, nothing written */
    assert_int_equal(db_open(f->db, &o, &db, &err), DB_OK);
    assert_false(db_is_readonly(db));
    other = fork_child();
    assert_true(other >= 0);
    if (other == 0) {
        for (;;)
            pause();
    }
    fake_heartbeat(f->db, other, "dotfile", 0);
    db->shared.next_check_ms = 0;
    shared_unit_starting(&db->shared);
    assert_true(db_is_readonly(db));
    assert_false(exists(hb));
    new_site(&site, "Site E");
    assert_int_equal(db_site_add(db, &site, &err), DB_ERR_UNSAFE);
    assert_int_equal(db_site_find(db, "Site E", &site, &err), DB_ERR_NO_ROW);
    db_close(db);
    stop_child(other);
}

static void test_waiting_sign_and_fair_turn(void **state)
{
    struct fixture *f = *state;
    struct db_open_options o = {.create = 1};
    struct db *a = NULL, *b = NULL;
    struct db_error err = {0};
    struct db_site site;
    char waiting[200];
    snprintf(waiting, sizeof waiting, "%s.desks/.waiting", f->db);
    assert_int_equal(db_open(f->db, &o, &a, &err), DB_OK);
    o.create = 0;
    o.busy_timeout_ms = 200;
    assert_int_equal(db_open(f->db, &o, &b, &err), DB_OK);

    /* a holds the lock; b waits, gives up, and has left the sign */
    assert_int_equal(db_bulk_begin(a, &err), DB_OK);
    new_site(&site, "Site A");
    assert_int_equal(db_site_add(b, &site, &err), DB_ERR_BUSY);
    assert_true(exists(waiting));
    /* a commits: it takes the sign away (and steps aside) */
    new_site(&site, "Site B");
    assert_int_equal(db_site_add(a, &site, &err), DB_OK);
    assert_true(exists(waiting)); /* a unit inside the bulk: still held */
    assert_int_equal(db_bulk_commit(a, &err), DB_OK);
    assert_false(exists(waiting));
    /* nobody waits: no sign */
    new_site(&site, "Site A");
    assert_int_equal(db_site_add(b, &site, &err), DB_OK);
    assert_false(exists(waiting));

    /* within its turn a desk keeps going; once the turn is over it steps
     * aside after each unit while the sign is there */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t now_ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
    assert_int_equal(mkdir(waiting, 0777), 0); /* someone waits */
    a->shared.last_end_ms = now_ms;            /* back to back ... */
    a->shared.turn_start_ms = now_ms + 60000;  /* ... in a turn just begun */
    new_site(&site, "Site C");
    assert_int_equal(db_site_add(a, &site, &err), DB_OK);
    assert_true(exists(waiting));
    a->shared.turn_start_ms = now_ms - 1000;   /* a turn long over */
    new_site(&site, "Site D");
    assert_int_equal(db_site_add(a, &site, &err), DB_OK);
    assert_false(exists(waiting));
    db_close(b);
    db_close(a);
}

/* A FUSE share keeps a file removed while open as .fuse_hidden*: a lock
 * directory holding such a ghost cannot be removed. Released, it is moved
 * aside at once (nobody waits for the ghost); the tidy removes the ghosts
 * once closed, the directory moved aside, and guichet's own ghosts beside
 * the database - never someone else's file. */
static void put(const char *path, const void *data, size_t n)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, n, fp), n);
    assert_int_equal(fclose(fp), 0);
}

static int gone_dirs(const struct fixture *f)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "ls -d '%s'.lock-gone-* 2>/dev/null | wc -l",
             f->db);
    FILE *p = popen(cmd, "r");
    int n = -1;
    assert_int_equal(fscanf(p, "%d", &n), 1);
    pclose(p);
    return n;
}

static void test_ghosts_never_hold_the_lock(void **state)
{
    struct fixture *f = *state;
    static const unsigned char journal[12] = {0xd9, 0xd5, 0x05, 0xf9, 0x20,
                                              0xa1, 0x63, 0xd7, 0, 0, 0, 1};
    char ghost[200], mine[200], theirs[200];
    assert_int_equal(mkdir(f->lock, 0777), 0);
    snprintf(ghost, sizeof ghost, "%s/.fuse_hidden0000000a00000001", f->lock);
    put(ghost, "host=pc\n", 8);
    /* open, as a desk reading the record when its holder removed it */
    int fd = open(ghost, O_RDONLY);
    assert_true(fd >= 0);
    assert_int_equal(lock_dir_remove(f->lock), 0);
    assert_false(exists(f->lock));           /* free at once */
    assert_int_equal(gone_dirs(f), 0); /* a local disk lets the ghost go */
    close(fd);

    /* A directory holding something else is not ours to move. */
    assert_int_equal(mkdir(f->lock, 0777), 0);
    put(f->owner, "host=pc\n", 8);
    assert_int_equal(lock_dir_remove(f->lock), -1);
    assert_true(exists(f->lock));
    assert_int_equal(unlink(f->owner), 0);
    assert_int_equal(rmdir(f->lock), 0);

    /* Left by another desk: a released directory with a ghost, a ghost of
     * a journal and of a record beside the database, and a hidden file
     * that is not guichet's. */
    char gone[220], gghost[260];
    snprintf(gone, sizeof gone, "%s.lock-gone-pc-12-0", f->db);
    assert_int_equal(mkdir(gone, 0777), 0);
    snprintf(gghost, sizeof gghost, "%s/.fuse_hidden0000000b00000001", gone);
    put(gghost, "host=pc\n", 8);
    snprintf(mine, sizeof mine, "%s/.fuse_hidden0000000c00000001", f->dir);
    put(mine, journal, sizeof journal);
    snprintf(ghost, sizeof ghost, "%s/.fuse_hidden0000000d00000001", f->dir);
    put(ghost, "host=pc\n", 8);
    snprintf(theirs, sizeof theirs, "%s/.fuse_hidden0000000e00000001", f->dir);
    put(theirs, "a spreadsheet", 13);
    assert_int_equal(lock_tidy_aside(f->db), 3);
    assert_false(exists(gone));
    assert_false(exists(mine));
    assert_false(exists(ghost));
    assert_true(exists(theirs));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_absent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unsigned_lock_goes_stale_with_age, setup, teardown),
        cmocka_unit_test_setup_teardown(test_live_owner_refused_dead_owner_cleared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_owner_on_other_machine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reused_pid_is_dead, setup, teardown),
        cmocka_unit_test_setup_teardown(test_clear_rolls_back_killed_writer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_open_recovers_journal_without_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_heartbeat_beats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_db_dotfile_signs_and_beats, setup, teardown),
        cmocka_unit_test_setup_teardown(test_db_posix_refuses_beside_dotfile_desk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_db_open_rolls_back_left_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_db_dotfile_converts_wal_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_heartbeat_says_mode_and_state, setup, teardown),
        cmocka_unit_test_setup_teardown(test_posix_lock_probe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recovery_leaves_live_posix_writer_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_db_dotfile_refuses_beside_posix_desk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_active_desk_ignores_joining_desk_not_active_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_waiting_sign_and_fair_turn, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ghosts_never_hold_the_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gathered_journal_commits_and_rolls_back, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
