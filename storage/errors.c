/* errors.c - storage's error vocabulary: the one-line messages a person
 * reads (translated), and the mapping from SQLite's result codes to
 * enum db_status so that callers never see an SQLite code. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "db_internal.h"
#include "../common/i18n.h"

static const char *const messages[DB_STATUS_COUNT] = {
    [DB_OK] = N_("no error"),
    [DB_ERR_MISSING] = N_("the database file does not exist"),
    [DB_ERR_PERMISSION] =
        N_("the database file or its folder cannot be read or written "
           "(permission denied)"),
    [DB_ERR_NOT_DATABASE] =
        N_("the file is not a guichet database, or it is damaged"),
    [DB_ERR_NEWER_SCHEMA] =
        N_("the database was made by a newer version of guichet"),
    [DB_ERR_READONLY] = N_("the database is read-only: nothing can be saved"),
    [DB_ERR_BUSY] =
        N_("another desk kept the database locked too long; try again"),
    [DB_ERR_FULL] = N_("the disk or quota is full: nothing was saved"),
    [DB_ERR_IO] = N_("the database file could not be read or written"),
    [DB_ERR_INVALID] = N_("invalid input"),
    [DB_ERR_REFUSED] = N_("refused"),
    [DB_ERR_NO_ROW] = N_("no such record"),
    [DB_ERR_CONFLICT] =
        N_("another desk changed this record in the meantime"),
    [DB_ERR_OVERLAP] =
        N_("the agent already has an appointment at that time"),
    [DB_ERR_DUPLICATE] = N_("this name is already taken"),
    [DB_ERR_UNSAFE] = N_("this setup is not safe for writing to the database"),
    [DB_ERR_CANCELLED] = N_("gave up waiting for another desk"),
    [DB_ERR_INTERNAL] = N_("internal error: unexpected answer from the database"),
};

const char *db_status_message(enum db_status status)
{
    if ((int)status < 0 || status >= DB_STATUS_COUNT || !messages[status])
        return _("unknown error");
    return _(messages[status]);
}

void db_error_format(const struct db_error *err, char *buf, size_t size)
{
    if (!buf || size == 0)
        return;
    if (!err) {
        snprintf(buf, size, "%s", db_status_message(DB_ERR_INTERNAL));
        return;
    }
    if (err->detail[0])
        /* TRANSLATORS: "what went wrong: details" (French: space before ':'). */
        snprintf(buf, size, _("%s: %s"), db_status_message(err->status),
                 err->detail);
    else
        snprintf(buf, size, "%s", db_status_message(err->status));
}

int db_set_error(struct db_error *err, enum db_status status,
                 const char *fmt, ...)
{
    if (err) {
        err->status = status;
        err->detail[0] = '\0';
        if (fmt) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(err->detail, sizeof err->detail, fmt, ap);
            va_end(ap);
        }
    }
    return status;
}

/* SQLite reports a failed open as CANTOPEN; errno tells why. */
static enum db_status from_errno(int e)
{
    switch (e) {
    case ENOENT:
    case ENOTDIR:
        return DB_ERR_MISSING;
    case EACCES:
    case EPERM:
    case EISDIR:
        return DB_ERR_PERMISSION;
    case EROFS:
        return DB_ERR_READONLY;
    case ENOSPC:
    case EDQUOT:
        return DB_ERR_FULL;
    default:
        return DB_ERR_IO;
    }
}

enum db_status db_status_from_sqlite(struct db *db, int rc)
{
    const char *msg = db && db->conn ? sqlite3_errmsg(db->conn) : "";

    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return DB_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        if (db && db->busy_cancelled)
            return DB_ERR_CANCELLED;
        return DB_ERR_BUSY;
    case SQLITE_INTERRUPT: /* the slow-read callback stopped it */
        return DB_ERR_CANCELLED;
    case SQLITE_READONLY:
        return DB_ERR_READONLY;
    case SQLITE_FULL:
        return DB_ERR_FULL;
    case SQLITE_IOERR:
        if (rc == SQLITE_IOERR_NOMEM)
            return DB_ERR_INTERNAL;
        return DB_ERR_IO;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return DB_ERR_NOT_DATABASE;
    case SQLITE_CANTOPEN:
        return from_errno(db && db->conn ? sqlite3_system_errno(db->conn) : 0);
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return DB_ERR_PERMISSION;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_TRIGGER && strstr(msg, "guichet:overlap"))
            return DB_ERR_OVERLAP;
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return DB_ERR_DUPLICATE;
        if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            return DB_ERR_NO_ROW;
        return DB_ERR_INVALID; /* CHECK, NOT NULL: input the C side missed */
    default:
        return DB_ERR_INTERNAL;
    }
}

int db_sqlite_error(struct db *db, int rc, struct db_error *err,
                    const char *what)
{
    enum db_status st = db_status_from_sqlite(db, rc);
    const char *msg = db && db->conn ? sqlite3_errmsg(db->conn)
                                     : sqlite3_errstr(rc);
    if (st == DB_ERR_OVERLAP)
        msg = _("overlapping appointment (schema rule)");
    char why[256];
    if (db && db->conn && st != DB_OK && shared_lock_lost(&db->shared)) {
        /* Stalled past the limit, the desk lost its dot-file lock: the VFS
         * refused the write, nothing reached the file. */
        st = DB_ERR_IO;
        msg = _("this desk was stopped so long that another desk took over "
                "the file; nothing of this change was saved: try again");
    } else if (st == DB_ERR_BUSY && db &&
               shared_busy_detail(&db->shared, why, sizeof why)) {
        msg = why;
    }
    db_set_error(err, st, "%s: %s", what ? what : (db ? db->path : "?"), msg);
    if (db)
        db->busy_cancelled = 0;
    return st;
}
