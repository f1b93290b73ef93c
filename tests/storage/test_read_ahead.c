/* test_read_ahead.c - db_read_ahead_roots (storage/read_ahead.c, the
 * LOCK_FCNTL_READ_AHEAD of lock_vfs.c), on real files: in dot-file mode
 * the root pages are read together and SQLite's own reads of them then
 * reach no file; nothing read ahead outlives the lock (another desk's
 * write after it is seen); nothing is done outside a transaction or with
 * POSIX locks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "storage/storage.h"

struct fx {
    char dir[64];
    char path[128];
};

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-ahead-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    *state = fx;
    return 0;
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    return remove(p);
}

static int fx_teardown(void **state)
{
    struct fx *fx = *state;
    nftw(fx->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

static const char *const SITE_BTREES[] = {"site", "sqlite_autoindex_site_1"};

static struct db *open_db(struct fx *fx, enum db_locking locking)
{
    struct db_open_options o = {.create = 1, .locking = locking, .busy_timeout_ms = 2000};
    struct db_error err = {0};
    struct db *db = NULL;
    if (db_open(fx->path, &o, &db, &err) != DB_OK)
        fail_msg("db_open: %s", err.detail);
    return db;
}

static void add_site(struct db *db, const char *name)
{
    struct db_site s = {0};
    struct db_error err = {0};
    snprintf(s.name, sizeof s.name, "%s", name);
    if (db_site_add(db, &s, &err) != DB_OK)
        fail_msg("db_site_add(%s): %s", name, err.detail);
}

static int find_site(struct db *db, const char *name)
{
    struct db_site s;
    struct db_error err = {0};
    return db_site_find(db, name, &s, &err);
}

/* A file with a site, and a fresh connection that has read only what its
 * opening reads. */
static struct db *fresh(struct fx *fx, enum db_locking locking)
{
    struct db *db = open_db(fx, locking);
    add_site(db, "Site A");
    db_close(db);
    return open_db(fx, locking);
}

/* Reads (counted) that finding "Site A" makes in a view, with or without
 * the roots read ahead first; *ahead_reads: those of the reading ahead. */
static long long site_reads(struct db *db, int read_ahead, long long *ahead_reads)
{
    struct db_io_counts c0, c1, c2;
    db_view_begin(db);
    /* The schema first (the view's lock with it), as a command's opening
     * has read it before the booking reads ahead. */
    db_io_count_get(&c0);
    if (read_ahead)
        db_read_ahead_roots(db, SITE_BTREES, 2);
    db_io_count_get(&c1);
    assert_int_equal(find_site(db, "Site A"), DB_OK);
    db_io_count_get(&c2);
    db_view_end(db);
    if (ahead_reads)
        *ahead_reads = c1.reads - c0.reads;
    return c2.reads - c1.reads;
}

static void test_roots_served_from_the_read_ahead(void **state)
{
    struct fx *fx = *state;
    db_io_count_start();
    struct db *cold = fresh(fx, DB_LOCKING_DOTFILE);
    long long without = site_reads(cold, 0, NULL);
    db_close(cold);
    struct db *db = open_db(fx, DB_LOCKING_DOTFILE);
    long long ahead = 0;
    long long with = site_reads(db, 1, &ahead);
    db_close(db);
    /* The two roots (the index by name, the table) read ahead, and
     * neither read again by the search. */
    assert_true(without >= 2);
    assert_true(ahead >= 2);
    assert_true(with <= without - 2);
}

/* Read ahead, not used, lock let go; another desk writes the same pages:
 * the first desk must see the new row, not the pages it read before. */
static void test_nothing_kept_past_the_lock(void **state)
{
    struct fx *fx = *state;
    struct db *db = fresh(fx, DB_LOCKING_DOTFILE);
    db_view_begin(db);
    db_read_ahead_roots(db, SITE_BTREES, 2);
    db_view_end(db);
    struct db *other = open_db(fx, DB_LOCKING_DOTFILE);
    add_site(other, "Site B");
    db_close(other);
    assert_int_equal(find_site(db, "Site B"), DB_OK);
    assert_int_equal(find_site(db, "Site A"), DB_OK);
    db_close(db);
}

/* Kept between transactions by a hold (the console's key): still true,
 * since nobody else could write; served, and then the hold ends. */
static void test_kept_with_the_held_lock(void **state)
{
    struct fx *fx = *state;
    db_io_count_start();
    struct db *db = fresh(fx, DB_LOCKING_DOTFILE);
    db_hold_begin(db);
    db_view_begin(db);
    db_read_ahead_roots(db, SITE_BTREES, 2);
    db_view_end(db);
    struct db_io_counts c0, c1;
    db_io_count_get(&c0);
    assert_int_equal(find_site(db, "Site A"), DB_OK);
    db_io_count_get(&c1);
    db_hold_end(db);
    /* the header's change counter at most: the roots were read ahead */
    assert_true(c1.reads - c0.reads <= 1);
    add_site(db, "Site C");
    assert_int_equal(find_site(db, "Site C"), DB_OK);
    db_close(db);
}

/* Outside a transaction there is no lock to read under: nothing read. */
static void test_nothing_outside_a_transaction(void **state)
{
    struct fx *fx = *state;
    db_io_count_start();
    struct db *db = fresh(fx, DB_LOCKING_DOTFILE);
    struct db_io_counts c0, c1;
    db_io_count_get(&c0);
    db_read_ahead_roots(db, SITE_BTREES, 2);
    db_io_count_get(&c1);
    assert_int_equal(c1.reads - c0.reads, 0);
    assert_int_equal(find_site(db, "Site A"), DB_OK);
    db_close(db);
}

/* With POSIX locks (a local disk) nothing is read ahead. */
static void test_posix_does_nothing(void **state)
{
    struct fx *fx = *state;
    db_io_count_start();
    struct db *db = fresh(fx, DB_LOCKING_POSIX);
    long long ahead = -1;
    long long with = site_reads(db, 1, &ahead);
    assert_int_equal(ahead, 0);
    assert_true(with >= 2);
    db_close(db);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_roots_served_from_the_read_ahead),
        T(test_nothing_kept_past_the_lock),
        T(test_kept_with_the_held_lock),
        T(test_nothing_outside_a_transaction),
        T(test_posix_does_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
