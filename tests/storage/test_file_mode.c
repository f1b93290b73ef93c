/* test_file_mode.c - permissions of every file a desk creates next to the
 * database (the file, its journal, the dot-file lock directory and owner
 * record, the desks' heartbeat directory and files) and of backups: 0660 by
 * default or the configured file mode, whatever the umask (022 and 077
 * alike), never more than the folder lets through; an existing file is
 * left as it is; a bad configured mode is refused. Real files, real
 * SQLite (unix and unix-dotfile VFS). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../storage/db_internal.h"

struct fixture {
    char dir[64];
    char db_path[128];
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/guichet-fmode-XXXXXX");
    if (!f || !mkdtemp(f->dir))
        return -1;
    /* A folder a group of desks shares (mkdtemp made it 0700). */
    if (chmod(f->dir, 02770) != 0)
        return -1;
    snprintf(f->db_path, sizeof f->db_path, "%s/g.db", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    if (system(cmd) != 0)
        return -1;
    free(f);
    umask(022);
    return 0;
}

static unsigned mode_of(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) {
        print_error("%s: missing\n", path);
        return 0xffff;
    }
    return st.st_mode & 0777;
}

static void expect_mode(const char *path, unsigned want)
{
    unsigned got = mode_of(path);
    if (got != want)
        print_error("%s: mode %04o, expected %04o\n", path, got, want);
    assert_int_equal(got, want);
}

static struct db *open_db(const char *path, enum db_locking locking,
                          unsigned file_mode)
{
    struct db_open_options o = {0};
    o.create = 1;
    o.locking = locking;
    o.file_mode = file_mode;
    struct db *db = NULL;
    struct db_error err = {0};
    int rc = db_open(path, &o, &db, &err);
    if (rc != DB_OK)
        print_error("db_open: %s\n", err.detail);
    assert_int_equal(rc, DB_OK);
    return db;
}

/* The heartbeat file of this process in <db>.desks/ (the only entry not
 * starting with a dot). */
static void heartbeat_path(const char *db_path, char *out, size_t size)
{
    char dir[160];
    snprintf(dir, sizeof dir, "%.140s.desks", db_path);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    out[0] = '\0';
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            snprintf(out, size, "%s/%.80s", dir, e->d_name);
    closedir(d);
    assert_true(out[0] != '\0');
}

/* Inside a write unit the journal exists (SQLite creates it at the first
 * page it changes); with dot-file locking so do <db>.lock and the owner
 * record. Checks them all, then a backup. */
static void check_every_file(const char *db_path, enum db_locking locking,
                             unsigned file_mode, unsigned dir_mode)
{
    char path[256];
    struct db *db = open_db(db_path, locking, 0);
    expect_mode(db_path, file_mode);
    snprintf(path, sizeof path, "%s.desks", db_path);
    expect_mode(path, dir_mode);
    heartbeat_path(db_path, path, sizeof path);
    expect_mode(path, file_mode);

    struct db_error err = {0};
    assert_int_equal(db_write_begin(db, &err), DB_OK);
    assert_int_equal(sqlite3_exec(db->conn,
                                  "INSERT INTO service (name) VALUES ('PMI')",
                                  NULL, NULL, NULL), SQLITE_OK);
    snprintf(path, sizeof path, "%s-journal", db_path);
    expect_mode(path, file_mode);
    if (locking == DB_LOCKING_DOTFILE) {
        snprintf(path, sizeof path, "%s.lock", db_path);
        expect_mode(path, dir_mode);
        /* The holder signs the lock with <db>.lock/owner-TOKEN. */
        char lockdir[200];
        snprintf(lockdir, sizeof lockdir, "%.190s.lock", db_path);
        DIR *d = opendir(lockdir);
        assert_non_null(d);
        struct dirent *e;
        path[0] = '\0';
        while ((e = readdir(d)))
            if (strncmp(e->d_name, "owner-", 6) == 0)
                snprintf(path, sizeof path, "%s/%.50s", lockdir, e->d_name);
        closedir(d);
        assert_true(path[0] != '\0');
        expect_mode(path, file_mode);
    }
    assert_int_equal(db_write_commit(db, &err), DB_OK);

    snprintf(path, sizeof path, "%s.backup", db_path);
    assert_int_equal(db_backup(db, path, NULL, &err), DB_OK);
    expect_mode(path, file_mode);
    db_close(db);
}

static void every_file_under(void **state, mode_t mask, enum db_locking locking)
{
    struct fixture *f = *state;
    umask(mask);
    check_every_file(f->db_path, locking, 0660, 0770);
}

static void test_posix_umask_022(void **state)
{
    every_file_under(state, 022, DB_LOCKING_POSIX);
}

static void test_posix_umask_077(void **state)
{
    every_file_under(state, 077, DB_LOCKING_POSIX);
}

static void test_dotfile_umask_022(void **state)
{
    every_file_under(state, 022, DB_LOCKING_DOTFILE);
}

static void test_dotfile_umask_077(void **state)
{
    every_file_under(state, 077, DB_LOCKING_DOTFILE);
}

/* A private folder (0700): group members cannot reach the file, so it
 * gets nothing for them either. */
static void test_private_folder_narrows(void **state)
{
    struct fixture *f = *state;
    assert_int_equal(chmod(f->dir, 0700), 0);
    umask(022);
    check_every_file(f->db_path, DB_LOCKING_DOTFILE, 0600, 0700);
}

/* file_mode = 0640: group members read only. */
static void test_configured_mode(void **state)
{
    struct fixture *f = *state;
    umask(077);
    struct db *db = open_db(f->db_path, DB_LOCKING_POSIX, 0640);
    expect_mode(f->db_path, 0640);
    char path[256];
    snprintf(path, sizeof path, "%s.desks", f->db_path);
    expect_mode(path, 0750);
    db_close(db);
}

static void test_bad_mode_refused(void **state)
{
    struct fixture *f = *state;
    static const unsigned bad[] = {0755, 0400, 0266, 01660, 0460};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct db_open_options o = {0};
        o.create = 1;
        o.file_mode = bad[i];
        struct db *db = NULL;
        struct db_error err = {0};
        assert_int_equal(db_open(f->db_path, &o, &db, &err), DB_ERR_INVALID);
        assert_null(db);
        assert_int_equal(access(f->db_path, F_OK), -1); /* nothing created */
    }
    assert_true(db_file_mode_valid(0660));
    assert_true(db_file_mode_valid(0600));
    assert_false(db_file_mode_valid(0700));
}

/* A file already there keeps its mode (it may not even be ours): doctor
 * says what to run instead. */
static void test_existing_file_untouched(void **state)
{
    struct fixture *f = *state;
    umask(022);
    db_close(open_db(f->db_path, DB_LOCKING_POSIX, 0));
    assert_int_equal(chmod(f->db_path, 0644), 0);
    assert_int_equal(chmod(f->dir, 0755), 0);
    db_close(open_db(f->db_path, DB_LOCKING_POSIX, 0));
    expect_mode(f->db_path, 0644);

    struct db_file_access a;
    assert_int_equal(db_file_access_inspect(f->db_path, &a), 0);
    assert_int_equal(a.file_mode, 0644);
    assert_true(a.file_others);
    assert_true(a.folder_others);
    char want[300];
    snprintf(want, sizeof want, "chmod o-rwx '%s'", f->db_path);
    assert_string_equal(a.fix_file, want);
    snprintf(want, sizeof want, "chmod o-rwx '%s'", f->dir);
    assert_string_equal(a.fix_folder, want);

    assert_int_equal(chmod(f->db_path, 0660), 0);
    assert_int_equal(chmod(f->dir, 0770), 0);
    assert_int_equal(db_file_access_inspect(f->db_path, &a), 0);
    assert_false(a.file_others);
    assert_false(a.folder_others);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_posix_umask_022, setup, teardown),
        cmocka_unit_test_setup_teardown(test_posix_umask_077, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dotfile_umask_022, setup, teardown),
        cmocka_unit_test_setup_teardown(test_dotfile_umask_077, setup, teardown),
        cmocka_unit_test_setup_teardown(test_private_folder_narrows, setup, teardown),
        cmocka_unit_test_setup_teardown(test_configured_mode, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_mode_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_existing_file_untouched, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
