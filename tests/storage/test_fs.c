/* test_fs.c - filesystem identification and classification (storage/fs.c):
 * the table of shares whose locks can or cannot be trusted, mountinfo
 * parsing on fixtures (escapes, bind mounts, over-mounts), and the real
 * identification of a temporary folder. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../storage/fs.h"

/* ---- classification table ---- */

static void test_classify_table(void **state)
{
    (void)state;
    static const struct {
        unsigned long magic;
        const char *type;
        const char *options;
        enum fs_kind expect;
        const char *reason_has;
    } cases[] = {
        {0xEF53, "ext4", "rw,relatime,rw,discard", FS_LOCAL, "local"},
        {0x01021994, "tmpfs", "rw", FS_LOCAL, "local"},
        {0x794C7630, "overlay", "rw,lowerdir=/a", FS_LOCAL, "local"},
        {0x6969, "nfs4", "rw,relatime,vers=4.2,local_lock=none,addr=10.0.0.1",
         FS_NETWORK, "lock manager"},
        {0x6969, "nfs", "rw,vers=3,nolock,proto=tcp", FS_UNSAFE_LOCKS, "nolock"},
        {0x6969, "nfs", "rw,vers=3,local_lock=all", FS_UNSAFE_LOCKS,
         "local_lock=all"},
        {0x6969, "nfs4", "rw,local_lock=posix", FS_UNSAFE_LOCKS,
         "local_lock=posix"},
        /* flock-only local locks do not affect SQLite's fcntl locks */
        {0x6969, "nfs4", "rw,local_lock=flock", FS_NETWORK, "lock manager"},
        /* "nolockd" is not "nolock" */
        {0x6969, "nfs", "rw,nolockd", FS_NETWORK, "lock manager"},
        {0xFF534D42, "cifs", "rw,vers=3.1.1,cache=strict", FS_NETWORK,
         "byte-range"},
        {0xFF534D42, "cifs", "rw,vers=3.0,nobrl,cache=none", FS_UNSAFE_LOCKS,
         "nobrl"},
        {0xFE534D42, "smb3", "rw,nobrl", FS_UNSAFE_LOCKS, "nobrl"},
        {0x65735546, "fuse.sshfs", "rw,user_id=0,group_id=0", FS_UNSAFE_LOCKS,
         "FUSE"},
        {0x65735546, "fuseblk", "rw", FS_UNSAFE_LOCKS, "FUSE"},
        /* statfs unavailable: the mount type alone decides */
        {0, "fuse.rclone", "rw", FS_UNSAFE_LOCKS, "FUSE"},
        {0, "nfs", "rw,nolock", FS_UNSAFE_LOCKS, "nolock"},
        {0, "ext4", "rw", FS_LOCAL, "local"},
        {0x5346414F, "afs", "rw", FS_UNSAFE_LOCKS, "afs"},
        {0x01021997, "9p", "rw,trans=virtio", FS_UNKNOWN, "cannot tell"},
        {0x12345678, "weirdfs", "rw", FS_UNKNOWN, "weirdfs"},
        /* sign-extended f_type must still be recognised */
        {(unsigned long)(long)(int)0xFF534D42, "", "nobrl", FS_UNSAFE_LOCKS,
         "nobrl"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fs_info fi = {0};
        fs_classify(cases[i].magic, cases[i].type, cases[i].options, &fi);
        if (fi.kind != cases[i].expect || !strstr(fi.reason, cases[i].reason_has))
            fail_msg("case %zu (%s %s): kind %d (want %d), reason \"%s\" "
                     "(want \"%s\")", i, cases[i].type, cases[i].options,
                     fi.kind, cases[i].expect, fi.reason, cases[i].reason_has);
    }
}

static void test_options(void **state)
{
    (void)state;
    assert_true(fs_option_has("rw,nolock,vers=3", "nolock"));
    assert_false(fs_option_has("rw,nolockd", "nolock"));
    assert_false(fs_option_has("", "nolock"));
    assert_true(fs_option_has("rw,local_lock=all", "local_lock="));
    char v[16];
    assert_int_equal(fs_option_value("a=1,local_lock=posix,b", "local_lock", v,
                                     sizeof v), 0);
    assert_string_equal(v, "posix");
    assert_int_equal(fs_option_value("local_lockx=1", "local_lock", v, sizeof v),
                     -1);
    /* a long value is cut to the buffer */
    assert_int_equal(fs_option_value("k=0123456789abcdefXYZ", "k", v, sizeof v), 0);
    assert_int_equal(strlen(v), sizeof v - 1);
}

/* ---- mountinfo fixtures ---- */

static const char MOUNTINFO[] =
    "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n"
    "40 27 0:44 / /srv/share rw,nosuid - nfs server:/export rw,vers=3,nolock\n"
    "41 40 0:45 / /srv/share/sub\\040dir rw - fuse.sshfs pc2:/data rw,user_id=0\n"
    /* a bind mount of a folder of / elsewhere (same device) */
    "42 27 254:0 /home/x /mnt/bind rw - ext4 /dev/vda rw\n"
    /* a tmpfs mounted over /tmp twice: the last one wins */
    "50 27 0:60 / /tmp rw - tmpfs tmpfs rw,size=1k\n"
    "51 27 0:61 / /tmp rw - tmpfs tmpfs rw,size=2k\n"
    /* optional fields before the dash */
    "60 27 0:70 / /opt/data rw shared:5 master:2 - cifs //srv/d rw,nobrl\n"
    "garbage line without fields\n";

static int lookup(unsigned ma, unsigned mi, const char *dir, struct fs_info *fi)
{
    FILE *f = fmemopen((void *)MOUNTINFO, sizeof MOUNTINFO - 1, "r");
    assert_non_null(f);
    memset(fi, 0, sizeof *fi);
    int rc = fs_mountinfo_lookup(f, ma, mi, dir, fi);
    fclose(f);
    return rc;
}

static void test_mountinfo_lookup(void **state)
{
    (void)state;
    struct fs_info fi;
    assert_int_equal(lookup(0, 44, "/srv/share/a/b", &fi), 0);
    assert_string_equal(fi.type, "nfs");
    assert_string_equal(fi.mount_point, "/srv/share");
    assert_string_equal(fi.source, "server:/export");
    assert_true(fs_option_has(fi.options, "nolock"));
    assert_true(fs_option_has(fi.options, "nosuid"));

    /* escaped space in the mount point */
    assert_int_equal(lookup(0, 45, "/srv/share/sub dir/x", &fi), 0);
    assert_string_equal(fi.type, "fuse.sshfs");
    assert_string_equal(fi.mount_point, "/srv/share/sub dir");

    /* "/srv/shared" is not inside "/srv/share" */
    assert_int_equal(lookup(254, 0, "/srv/shared", &fi), 0);
    assert_string_equal(fi.mount_point, "/");

    /* device match prefers the bind mount that contains the folder */
    assert_int_equal(lookup(254, 0, "/mnt/bind/docs", &fi), 0);
    assert_string_equal(fi.mount_point, "/mnt/bind");

    /* over-mount: the later entry */
    assert_int_equal(lookup(0, 61, "/tmp/x", &fi), 0);
    assert_true(fs_option_has(fi.options, "size=2k"));

    /* optional fields */
    assert_int_equal(lookup(0, 70, "/opt/data", &fi), 0);
    assert_string_equal(fi.type, "cifs");
    assert_true(fs_option_has(fi.options, "nobrl"));

    /* unknown device: longest containing mount point */
    assert_int_equal(lookup(9, 9, "/srv/share/z", &fi), 0);
    assert_string_equal(fi.mount_point, "/srv/share");
}

static void test_mountinfo_then_classify(void **state)
{
    (void)state;
    struct fs_info fi;
    assert_int_equal(lookup(0, 70, "/opt/data/guichet.db", &fi), 0);
    fs_classify(0xFF534D42, fi.type, fi.options, &fi);
    assert_int_equal(fi.kind, FS_UNSAFE_LOCKS);
}

/* ---- the real thing ---- */

static void test_identify_temp_folder(void **state)
{
    (void)state;
    char dir[] = "/tmp/guichet-fs-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/not-yet.db", dir);
    struct fs_info fi;
    assert_int_equal(fs_identify(path, &fi), 0);
    assert_string_equal(fi.directory, dir);
    assert_true(fi.magic != 0);
    /* whatever /tmp is on a test machine, it is not a share */
    assert_true(fi.kind == FS_LOCAL);
    assert_true(fi.mount_point[0] == '/');
    assert_true(fi.type[0] != '\0');

    /* a missing folder is an error with errno */
    snprintf(path, sizeof path, "%s/missing/x.db", dir);
    assert_int_equal(fs_identify(path, &fi), -1);
    assert_int_equal(rmdir(dir), 0);

    /* /dev/shm is tmpfs on Linux: local */
    if (access("/dev/shm", W_OK) == 0) {
        assert_int_equal(fs_identify("/dev/shm/x.db", &fi), 0);
        assert_int_equal(fi.kind, FS_LOCAL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_classify_table),
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_mountinfo_lookup),
        cmocka_unit_test(test_mountinfo_then_classify),
        cmocka_unit_test(test_identify_temp_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
