/* shared.c - the shared-file policy: when writing is unsafe and why, the
 * hooks that sign dot-file locks and keep heartbeats, and the reports and
 * actions behind `guichet doctor` and `guichet unlock`.
 *
 * The rules (DESIGN.md §4): SQLite's default POSIX locks are only as good as
 * the filesystem. Where they do not cross machines, a desk in POSIX mode
 * opens read-only and says why; the dot-file mode is the way out. Mixing
 * modes on one file is as bad as having no locks (each mode ignores the
 * other's locks), so a POSIX desk also refuses to write while live desks
 * use dot-file locking on the same file. */
#include "shared.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "../common/i18n.h"

/* ---- the verdict -------------------------------------------------------- */

/* Fills `out` (the full explanation) and `brief` (for error details, which
 * are short) when writing with `locking` is unsafe; both empty otherwise. */
static void unsafe_verdict(const char *path, enum db_locking locking,
                           const struct fs_info *fs, int fs_known,
                           int live_dotfile, char *out, size_t size,
                           char *brief, size_t brief_size)
{
    out[0] = '\0';
    brief[0] = '\0';
    if (locking != DB_LOCKING_POSIX)
        return;
    if (fs_known && fs->kind == FS_UNSAFE_LOCKS) {
        snprintf(brief, brief_size,
                 _("%s; set \"locking = dotfile\" on every desk"), fs->reason);
        snprintf(out, size,
                 _("%s: %s. With the default locking two desks could write "
                   "at the same time and lose bookings, so this desk will not "
                   "write. Set \"locking = dotfile\" in the configuration of "
                   "every desk (and use SQLite's unix-dotfile VFS in any other "
                   "tool), or keep the file on a local disk or a share with "
                   "working locks"),
                 path, fs->reason);
        return;
    }
    if (live_dotfile > 0) {
        snprintf(brief, brief_size, "%s",
                 _("other desks use dot-file locking on this file; set "
                   "\"locking = dotfile\" here too"));
        snprintf(out, size,
                 ngettext("%s: %d other desk uses dot-file locking on this "
                          "file; mixing locking modes lets two desks write at "
                          "once, so this desk will not write. Set \"locking = "
                          "dotfile\" here too",
                          "%s: %d other desks use dot-file locking on this "
                          "file; mixing locking modes lets two desks write at "
                          "once, so this desk will not write. Set \"locking = "
                          "dotfile\" here too",
                          (unsigned long)live_dotfile),
                 path, live_dotfile);
    }
}

/* ---- hooks for db.c and txn.c ----------------------------------------- */

int shared_before_open(struct db_shared *s, const char *path,
                       enum db_locking locking, int exists, int *readonly,
                       struct db_error *err)
{
    memset(s, 0, sizeof *s);
    s->fs_known = fs_identify(path, &s->fs) == 0;
    int live = locking == DB_LOCKING_POSIX ? lock_live_desks(path) : 0;
    unsafe_verdict(path, locking, &s->fs, s->fs_known, live, s->unsafe_reason,
                   sizeof s->unsafe_reason, s->unsafe_detail,
                   sizeof s->unsafe_detail);
    if (s->unsafe_reason[0]) {
        if (!exists)
            return db_set_error(err, DB_ERR_UNSAFE, "%s", s->unsafe_detail);
        *readonly = 1;
        return DB_OK;
    }
    if (locking == DB_LOCKING_DOTFILE && exists && !*readonly) {
        char msg[512];
        if (lock_recover_journal(path, msg, sizeof msg) < 0)
            return db_set_error(err, DB_ERR_IO, "%s", msg);
        /* A WAL file (made by another tool) is switched back here: the
         * dot-file VFS could not even open it. */
        int rc = lock_convert_wal(path, msg, sizeof msg);
        if (rc < 0)
            return db_set_error(err, DB_ERR_UNSAFE, "%s", msg);
        if (rc > 0)
            return db_set_error(err, DB_ERR_BUSY, "%s: %s", path,
                                _("in WAL mode, and another desk holds the "
                                  "lock: try again"));
    }
    return DB_OK;
}

void shared_after_open(struct db_shared *s, const char *path,
                       enum db_locking locking, int readonly)
{
    if (locking != DB_LOCKING_DOTFILE || readonly)
        return;
    /* Without a heartbeat, other desks see our locks as anonymous: still
     * safe (they wait longer before calling them stale), so not fatal. */
    lock_desk_start(&s->desk, path);
}

void shared_close(struct db_shared *s)
{
    lock_desk_stop(&s->desk);
}

void shared_unit_begun(struct db_shared *s, const char *actor)
{
    if (!s->desk.active)
        return;
    lock_desk_own(&s->desk, actor);
    lock_desk_beat(&s->desk, 0);
}

void shared_unit_ending(struct db_shared *s)
{
    lock_desk_disown(&s->desk);
}

void shared_keepalive(struct db_shared *s)
{
    lock_desk_beat(&s->desk, 0);
}

/* The short form for error details (db.c, txn.c). */
const char *shared_unsafe_detail(const struct db_shared *s)
{
    return s->unsafe_detail;
}

/* ---- public ------------------------------------------------------------ */

const char *db_unsafe_reason(const struct db *db)
{
    return db && db->shared.unsafe_reason[0] ? db->shared.unsafe_reason : NULL;
}

int db_heartbeat(struct db *db)
{
    if (db)
        lock_desk_beat(&db->shared.desk, 0);
    return 0;
}

static enum db_fs_kind public_kind(enum fs_kind k)
{
    switch (k) {
    case FS_LOCAL: return DB_FS_LOCAL;
    case FS_NETWORK: return DB_FS_NETWORK;
    case FS_UNSAFE_LOCKS: return DB_FS_UNSAFE_LOCKS;
    case FS_UNKNOWN: break;
    }
    return DB_FS_UNKNOWN;
}

static enum db_lock_state public_lock(enum lock_state st)
{
    return st == LOCK_HELD ? DB_LOCK_HELD
           : st == LOCK_STALE ? DB_LOCK_STALE : DB_LOCK_ABSENT;
}

static void copy_lock_report(const struct lock_report *r, struct db_setup *out)
{
    out->lock_state = public_lock(r->state);
    out->lock_age_s = r->age_s;
    out->hot_journal = r->hot_journal;
    snprintf(out->lock_why, sizeof out->lock_why, "%s", r->why);
}

int db_setup_inspect(const char *path, enum db_locking locking,
                     struct db_setup *out)
{
    memset(out, 0, sizeof *out);
    out->lock_age_s = -1;
    struct fs_info fs;
    out->fs_identified = fs_identify(path, &fs) == 0;
    if (out->fs_identified) {
        out->fs_kind = public_kind(fs.kind);
        snprintf(out->fs_type, sizeof out->fs_type, "%s", fs.type);
        snprintf(out->fs_source, sizeof out->fs_source, "%s", fs.source);
        snprintf(out->mount_point, sizeof out->mount_point, "%s",
                 fs.mount_point);
        snprintf(out->mount_options, sizeof out->mount_options, "%s",
                 fs.options);
        snprintf(out->fs_reason, sizeof out->fs_reason, "%s", fs.reason);
    } else {
        out->fs_kind = DB_FS_UNKNOWN;
        snprintf(out->fs_reason, sizeof out->fs_reason, "%s", strerror(errno));
    }
    snprintf(out->fs_kind_name, sizeof out->fs_kind_name, "%s",
             fs_kind_name(out->fs_identified ? fs.kind : FS_UNKNOWN));

    struct lock_report r;
    if (lock_inspect(path, &r) == 0)
        copy_lock_report(&r, out);
    else
        snprintf(out->lock_why, sizeof out->lock_why, "%s", strerror(errno));

    struct lock_desk_entry *e = NULL;
    size_t n = 0;
    if (lock_desks_list(path, &e, &n) == 0) {
        size_t used = 0;
        for (size_t i = 0; i < n; i++) {
            if (e[i].alive == 1)
                out->live_dotfile_desks++;
            int w = snprintf(out->desks + used, sizeof out->desks - used,
                             "%s%s (%lld s%s)", used ? ", " : "", e[i].name,
                             e[i].age_s, e[i].alive == 1 ? "" : _(", gone"));
            if (w < 0 || (size_t)w >= sizeof out->desks - used)
                break;
            used += (size_t)w;
        }
        free(e);
    }
    /* Our own process is not one of "the others" here: doctor does not
     * keep a heartbeat. */
    char brief[200];
    unsafe_verdict(path, locking, &fs, out->fs_identified,
                   locking == DB_LOCKING_POSIX ? out->live_dotfile_desks : 0,
                   out->unsafe_reason, sizeof out->unsafe_reason, brief,
                   sizeof brief);
    out->unsafe = out->unsafe_reason[0] != '\0';
    return out->fs_identified ? 0 : -1;
}

static int pragma_int(struct db *db, const char *sql, long long *out,
                      struct db_error *err)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    }
    int result = rc == SQLITE_OK ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    sqlite3_finalize(st);
    return result;
}

int db_read_pragmas(struct db *db, struct db_pragmas *out,
                    struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db->conn, "PRAGMA journal_mode", -1, &st, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        db_column_text(st, 0, out->journal_mode, sizeof out->journal_mode);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        return db_sqlite_error(db, rc, err, NULL);
    long long v = 0;
    if ((rc = pragma_int(db, "PRAGMA synchronous", &v, err)) != DB_OK)
        return rc;
    out->synchronous = (int)v;
    if ((rc = pragma_int(db, "PRAGMA foreign_keys", &v, err)) != DB_OK)
        return rc;
    out->foreign_keys = (int)v;
    if ((rc = pragma_int(db, "PRAGMA page_count", &out->page_count, err)) != DB_OK)
        return rc;
    if ((rc = pragma_int(db, "PRAGMA page_size", &v, err)) != DB_OK)
        return rc;
    out->page_size = (long)v;
    return DB_OK;
}

enum db_unlock_result db_unlock_stale(const char *path, struct db_setup *found,
                                      char *msg, size_t size)
{
    struct lock_report r;
    enum lock_clear_result res = lock_clear_stale(path, &r, msg, size);
    if (found) {
        memset(found, 0, sizeof *found);
        copy_lock_report(&r, found);
    }
    switch (res) {
    case LOCK_CLEARED: return DB_UNLOCK_CLEARED;
    case LOCK_NOTHING: return DB_UNLOCK_NOTHING;
    case LOCK_REFUSED: return DB_UNLOCK_REFUSED;
    case LOCK_FAILED: break;
    }
    return DB_UNLOCK_FAILED;
}
