/* test_lock_hold.c - db_hold_begin / db_hold_end (storage/unit.c, the
 * LOCK_FCNTL_HOLD of lock_vfs.c): in dot-file mode the lock a view or a
 * write unit lets go of is kept and taken back by the next one without
 * calls; nobody else can take it meanwhile; a lock broken while kept (its
 * holder was stopped past the stale limit) is taken anew; the end of the
 * hold, or closing, lets it go. Run with a stale limit of 2 s
 * (GUICHET_TEST_STALE_S, set in main) so that a kept lock can age. */
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
#include <time.h>
#include <unistd.h>

#include "storage/storage.h"

struct fx {
    char dir[64];
    char path[128];
    char lock[160];
};

static int fx_setup(void **state)
{
    struct fx *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/guichet-hold-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/test.db", fx->dir);
    snprintf(fx->lock, sizeof fx->lock, "%s.lock", fx->path);
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
    nftw(fx->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    free(fx);
    return 0;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
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

/* Two connections of one desk's kind: `db` holds, `other` tries. */
static void open_both(struct fx *fx, struct db **db, struct db **other)
{
    struct db_open_options o = {.create = 1, .locking = DB_LOCKING_DOTFILE};
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &o, db, &err), DB_OK);
    o.busy_timeout_ms = 50;
    assert_int_equal(db_open(fx->path, &o, other, &err), DB_OK);
}

static void test_kept_and_taken_back(void **state)
{
    struct fx *fx = *state;
    db_io_count_start(); /* before the openings: SQLite's calls too */
    struct db *db = NULL, *other = NULL;
    open_both(fx, &db, &other);

    db_hold_begin(db);
    add_site(db, "Site gardé");
    assert_true(exists(fx->lock)); /* kept after the commit */
    assert_int_equal(find_site(other, "Site gardé"), DB_ERR_BUSY);
    struct db_io_counts c0, c1;
    db_io_count_get(&c0);
    db_view_begin(db);
    assert_int_equal(find_site(db, "Site gardé"), DB_OK);
    db_view_end(db);
    db_io_count_get(&c1);
    /* Taken back: SQLite's looks at the journal, the WAL and the file's
     * size; no mkdir, no record written, no rmdir. */
    assert_true(c1.meta - c0.meta <= 3);
    assert_int_equal(c1.writes - c0.writes, 0);
    assert_true(exists(fx->lock));
    db_hold_end(db);
    assert_false(exists(fx->lock));
    assert_int_equal(find_site(other, "Site gardé"), DB_OK);
    db_close(other);
    db_close(db);
}

static void test_broken_while_kept(void **state)
{
    struct fx *fx = *state;
    struct db *db = NULL, *other = NULL;
    open_both(fx, &db, &other);
    db_hold_begin(db);
    db_view_begin(db);
    assert_int_equal(find_site(db, "nulle part"), DB_ERR_NO_ROW);
    db_view_end(db);
    assert_true(exists(fx->lock));
    /* Stopped past half the limit (its sign of life is then checked),
     * and its lock broken meanwhile, as `guichet unlock` would. */
    struct timespec pause = {1, 200 * 1000 * 1000};
    nanosleep(&pause, NULL);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->lock);
    assert_int_equal(system(cmd), 0);
    add_site(db, "Site repris"); /* taken anew, then kept */
    assert_true(exists(fx->lock));
    db_hold_end(db);
    assert_false(exists(fx->lock));
    assert_int_equal(find_site(other, "Site repris"), DB_OK);
    db_close(other);
    db_close(db);
}

static void test_closed_while_kept(void **state)
{
    struct fx *fx = *state;
    struct db *db = NULL, *other = NULL;
    open_both(fx, &db, &other);
    db_hold_begin(db);
    add_site(db, "Site fermé");
    assert_true(exists(fx->lock));
    db_close(db);
    assert_false(exists(fx->lock));
    assert_int_equal(find_site(other, "Site fermé"), DB_OK);
    db_close(other);
}

/* With POSIX locks the hold does nothing: each transaction locks alone. */
static void test_posix_unaffected(void **state)
{
    struct fx *fx = *state;
    struct db_open_options o = {.create = 1};
    struct db *db = NULL, *other = NULL;
    struct db_error err = {0};
    assert_int_equal(db_open(fx->path, &o, &db, &err), DB_OK);
    o.busy_timeout_ms = 50;
    assert_int_equal(db_open(fx->path, &o, &other, &err), DB_OK);
    db_hold_begin(db);
    add_site(db, "Site posix");
    assert_int_equal(find_site(other, "Site posix"), DB_OK);
    db_hold_end(db);
    db_close(other);
    db_close(db);
}

int main(void)
{
    setenv("GUICHET_TEST_STALE_S", "2", 1);
#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
    const struct CMUnitTest tests[] = {
        T(test_kept_and_taken_back),
        T(test_broken_while_kept),
        T(test_closed_while_kept),
        T(test_posix_unaffected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
