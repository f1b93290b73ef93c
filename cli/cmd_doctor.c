/* cmd_doctor.c - `guichet doctor [--db FILE] [--locking MODE]`: tells
 * whether a database file is set up safely for several desks (DESIGN.md §4,
 * the shared-file rules) and what to do about it.
 *
 * It reports the filesystem and its mount options, the locking mode, the
 * journal and sync settings as read back from SQLite, the dot-file lock
 * and the desks keeping a heartbeat, who may read the file and its folder
 * (it holds personal data), the schema version and the integrity check,
 * then plain advice. It only reads: the file is opened read-only
 * and no heartbeat is written.
 * Exit: 0 safe, 3 unsafe for writing, 1 when the file cannot be examined
 * (missing, damaged, or locked by a crashed desk). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cli.h"
#include "../common/i18n.h"
#include "../storage/storage.h"

static void print_help(void)
{
    printf("%s", _("Usage: guichet doctor [--db FILE] [--locking posix|dotfile] [--fix]\n"
                   "Checks that FILE is safe to share between desks and says what to do.\n"
                   "\n"
                   "  --db FILE          database file (config: db)\n"
                   "  --locking MODE     posix or dotfile (config: locking; default posix)\n"
                   "  --fix              remove the files guichet left behind (hidden journals,\n"
                   "                     announcements of desks that are gone); when no desk\n"
                   "                     uses the file, rewrite it with larger pages (fewer\n"
                   "                     reads on a network share)\n"
                   "\n"
                   "Exit status: 0 safe, 3 unsafe for writing (share options, read-only, disk full),\n"
                   "1 the file cannot be used (missing, damaged, stale lock).\n"));
}

/* Columns `s` takes on a terminal in the current locale (mbstowcs +
 * wcswidth); its bytes when it does not decode (a non-UTF-8 locale). */
static int display_width(const char *s)
{
    wchar_t wide[256];
    size_t n = mbstowcs(wide, s, sizeof wide / sizeof wide[0]);
    if (n == (size_t)-1 || n == sizeof wide / sizeof wide[0])
        return (int)strlen(s);
    int w = wcswidth(wide, n);
    return w < 0 ? (int)n : w;
}

static void row(const char *label, const char *value)
{
    /* Labels are translated: printf's "%-16s" counts bytes, so "Système de
     * fichiers :" would push its value one column right per accent. */
    int pad = 16 - display_width(label);
    printf("  %s%*s %s\n", label, pad > 0 ? pad : 0, "", value);
}

static void advise(int *n, const char *text)
{
    if (*n == 0)
        printf("\n%s\n", _("Advice:"));
    (*n)++;
    printf("  - %s\n", text);
}

/* What to do with a damaged file: restore the latest backup. */
static void advise_restore(int *n, const char *db)
{
    char text[2048];
    snprintf(text, sizeof text,
             _("The file is damaged. Stop every desk, keep the damaged file aside (mv %s %s.damaged), copy the latest "
               "backup in its place (cp BACKUP %s; backups are made by guichet backup), then run guichet doctor again. "
               "Bookings made since that backup must be entered again."),
             db, db, db);
    advise(n, text);
}

/* A file made before new files got larger pages: converted by --fix when
 * no desk is using it (the rewrite holds the lock throughout), otherwise
 * advised. */
static void convert_pages(const struct cli_config *cfg, const struct db_setup *s, int fix,
                          long page_size, int *advice, int *exit_code)
{
    char line[2048];
    if (!fix) {
        snprintf(line, sizeof line,
                 _("The file's pages are %ld bytes; with pages of %d bytes a desk on a network share reads it "
                   "fewer times. Stop every desk and run guichet doctor --fix to convert it (it rewrites the "
                   "file, and needs free space for two copies of it)."),
                 page_size, DB_PAGE_SIZE);
        advise(advice, line);
        return;
    }
    if (s->live_desks > 0 || s->lock_state != DB_LOCK_ABSENT) {
        snprintf(line, sizeof line,
                 _("Not converted to pages of %d bytes: desks are using the file (converting holds it for "
                   "the whole rewrite). Stop every desk, then run guichet doctor --fix again."),
                 DB_PAGE_SIZE);
        advise(advice, line);
        return;
    }
    struct db_open_options o = {0};
    o.locking = cfg->locking;
    o.file_mode = cfg->file_mode;
    o.busy_timeout_ms = 3000;
    struct db *db = NULL;
    struct db_error err = {0};
    long before = 0;
    int rc = db_open(cfg->db, &o, &db, &err);
    if (rc == DB_OK)
        rc = db_convert_page_size(db, &before, &err);
    db_close(db);
    if (rc != DB_OK) {
        char msg[1024];
        db_error_format(&err, msg, sizeof msg);
        /* TRANSLATORS: the error, as db_error_format words it. */
        snprintf(line, sizeof line, _("not converted (nothing changed): %s"), msg);
        row(_("Page size:"), line);
        *exit_code = CLI_EXIT_FAILURE;
        return;
    }
    snprintf(line, sizeof line, _("converted from %ld to %d bytes"), before, DB_PAGE_SIZE);
    row(_("Page size:"), line);
}

int cli_cmd_doctor(int argc, char **argv)
{
    struct cli_config cfg;
    /* --fix is doctor's own; the shared parser sees the rest. */
    int fix = 0, kept = 0;
    for (int i = 0; i < argc; i++) {
        if (i > 0 && strcmp(argv[i], "--fix") == 0)
            fix = 1;
        else
            argv[kept++] = argv[i];
    }
    argc = kept;
    int rc = cli_parse_file_options(argc, argv, "doctor", print_help, &cfg);
    if (rc >= 0)
        return rc;
    if (optind < argc) {
        cli_print_error(_("unexpected argument \"%s\" (see guichet doctor --help)"), argv[optind]);
        return CLI_EXIT_USAGE;
    }
    if (!cfg.db[0]) {
        cli_print_error("%s", _("no database given: use --db FILE or set \"db = FILE\" in the configuration file"));
        return CLI_EXIT_USAGE;
    }
    enum db_locking locking = cfg.locking;
    char line[2048];
    int exit_code = CLI_EXIT_OK, advice = 0;
    struct db_setup s;
    db_setup_inspect(cfg.db, locking, &s);

    printf(_("guichet doctor: %s\n"), cfg.db);
    snprintf(line, sizeof line, "%s (%s)", s.fs_type[0] ? s.fs_type : "?",
             s.fs_kind_name);
    row(_("Filesystem:"), line);
    row("", s.fs_reason);
    if (s.mount_point[0]) {
        snprintf(line, sizeof line, _("%s from %s"), s.mount_point, s.fs_source);
        row(_("Mounted on:"), line);
        row(_("Mount options:"), s.mount_options);
    }
    row(_("Locking mode:"), locking == DB_LOCKING_DOTFILE
                                ? _("dotfile (SQLite's unix-dotfile VFS)")
                                : _("posix (SQLite's default fcntl locks)"));

    /* The lock, before opening: a stale one would make opening wait. */
    if (s.lock_state == DB_LOCK_ABSENT)
        snprintf(line, sizeof line, "%s", _("absent"));
    else
        snprintf(line, sizeof line, "%s%s",
                 s.lock_state == DB_LOCK_STALE ? _("STALE: ") : "", s.lock_why);
    row(_("Lock file:"), line);
    if (s.lock_state == DB_LOCK_ABSENT && s.hot_journal)
        row("", s.lock_why);
    if (s.desks[0])
        row(_("Desks:"), s.desks);

    /* Who may read it: the file holds personal data (file mode). */
    struct db_file_access fa;
    int fa_known = db_file_access_inspect(cfg.db, &fa) == 0;
    if (fa_known) {
        snprintf(line, sizeof line, _("file %04o, folder %04o"), fa.file_mode, fa.folder_mode);
        row(_("Permissions:"), line);
    }

    /* Before opening: can desks write here at all? */
    struct db_setup_problems pb;
    db_setup_problems(cfg.db, locking, fix, &pb);
    int cannot_write = pb.file_readonly || pb.folder_readonly || pb.disk_full ||
                       pb.cache_unsafe == 1;
    snprintf(line, sizeof line, "%s",
             pb.filesystem_readonly ? _("NO: the file system is mounted read-only")
             : pb.file_readonly     ? _("NO: the file is read-only")
             : pb.folder_readonly   ? _("NO: the folder is read-only (the journal is made there)")
                                    : _("yes"));
    row(_("Writable:"), line);
    if (pb.free_bytes >= 0) {
        snprintf(line, sizeof line, _("%.1f MiB%s"), (double)pb.free_bytes / 1048576.0,
                 pb.disk_full ? _(" (FULL: a booking could not be saved)") : "");
        row(_("Free space:"), line);
    }
    if (pb.cache_unsafe)
        row(_("Share caching:"), pb.cache_why);
    if (pb.leftovers) {
        snprintf(line, sizeof line, "%s%s", pb.leftovers_list,
                 fix ? _(" (removed)") : "");
        row(_("Left behind:"), line);
    }

    struct db_open_options o = {0};
    o.readonly = 1;
    o.locking = locking;
    o.file_mode = cfg.file_mode;
    o.busy_timeout_ms = 3000;
    struct db *db = NULL;
    struct db_error err = {0};
    long page_size = 0; /* known and the file sound: to convert? */
    int opened = db_open(cfg.db, &o, &db, &err) == DB_OK;
    if (!opened) {
        db_error_format(&err, line, sizeof line);
        row(_("Database:"), line);
        exit_code = err.status == DB_ERR_UNSAFE ? CLI_EXIT_UNSAFE : CLI_EXIT_FAILURE;
        if (err.status == DB_ERR_NOT_DATABASE)
            advise_restore(&advice, cfg.db);
    } else {
        struct db_pragmas p;
        if (db_read_pragmas(db, &p, &err) == DB_OK) {
            row(_("Journal mode:"), p.journal_mode);
            snprintf(line, sizeof line, "%d%s", p.synchronous,
                     p.synchronous == 2 ? " (FULL)" : _(" (NOT FULL)"));
            row(_("Synchronous:"), line);
            snprintf(line, sizeof line, _("%lld pages of %ld bytes"), p.page_count,
                     p.page_size);
            row(_("Size:"), line);
        }
        int version = 0;
        if (db_schema_version(db, &version, &err) == DB_OK) {
            snprintf(line, sizeof line, _("%d (this guichet knows %d)"), version,
                     DB_SCHEMA_VERSION);
            row(_("Schema version:"), line);
        }
        int ok = 0;
        char problem[512] = "";
        if (db_integrity_check(db, &ok, problem, sizeof problem, &err) != DB_OK) {
            db_error_format(&err, line, sizeof line);
            row(_("Integrity:"), line);
            exit_code = CLI_EXIT_FAILURE;
        } else {
            row(_("Integrity:"), ok ? "ok" : problem);
            struct db_pragmas pp;
            if (ok && db_read_pragmas(db, &pp, &err) == DB_OK)
                page_size = pp.page_size;
            if (!ok) {
                exit_code = CLI_EXIT_FAILURE;
                advise_restore(&advice, cfg.db);
            }
        }
        db_close(db);
    }

    /* Verdict and advice. */
    if (s.unsafe) {
        exit_code = CLI_EXIT_UNSAFE;
        advise(&advice, s.unsafe_reason);
        advise(&advice, _("With locking = dotfile, mount the share without client caching (sshfs: -o direct_io,dir_cache=no,attr_timeout=0,entry_timeout=0; CIFS: cache=none; NFS: noac) and give every tool the same mode (sqlite3 -vfs unix-dotfile FILE)."));
    } else if (locking == DB_LOCKING_DOTFILE && s.fs_kind != DB_FS_LOCAL) {
        advise(&advice, _("Every desk must use locking = dotfile, and any other program must too (sqlite3 -vfs unix-dotfile FILE): a program using other locks can write at the same time."));
        advise(&advice, _("Dot-file locking needs a mount without client caching (sshfs: -o direct_io,dir_cache=no,attr_timeout=0,entry_timeout=0; CIFS: cache=none; NFS: noac)."));
    } else if (s.fs_kind == DB_FS_UNKNOWN) {
        advise(&advice, _("guichet does not know this filesystem. If it is a network share, make sure its locks reach the server, or set locking = dotfile on every desk."));
    }
    if (s.lock_state == DB_LOCK_STALE) {
        if (exit_code == CLI_EXIT_OK)
            exit_code = CLI_EXIT_FAILURE;
        advise(&advice, _("A desk stopped while it held the file, so the others wait: run guichet unlock (it rolls back the interrupted write, then removes the lock)."));
    } else if (s.lock_state == DB_LOCK_HELD) {
        advise(&advice, _("Another desk is using the file right now; that is normal while it works."));
    }
    if (s.lock_state == DB_LOCK_ABSENT && s.hot_journal)
        advise(&advice, _("An interrupted write left its journal: the next opening by guichet rolls it back."));

    if (fa_known && fa.file_others) {
        snprintf(line, sizeof line, _("Other users of this computer may read the file, which holds personal data; to stop it, run: %s"), fa.fix_file);
        advise(&advice, line);
    }
    if (fa_known && fa.folder_others) {
        snprintf(line, sizeof line, _("Other users of this computer may open the folder and see its files; to stop it, run: %s"), fa.fix_folder);
        advise(&advice, line);
    }
    if (pb.file_readonly || pb.folder_readonly)
        advise(&advice, _("Desks cannot write this file: give every desk's user write access to the file and to its folder (the journal is created beside the file), or mount the share read-write."));
    if (pb.disk_full)
        advise(&advice, _("The disk is full: free some space on it (or raise the quota) before desks book again; a booking needs room for its journal."));
    if (pb.cache_unsafe == 1)
        advise(&advice, _("Mount the share without client caching (sshfs: -o direct_io,dir_cache=no,attr_timeout=0,entry_timeout=0,negative_timeout=0; CIFS: cache=none; NFS: noac), on every PC."));
    else if (pb.cache_unsafe == -1)
        advise(&advice, pb.cache_why);
    if (cannot_write && exit_code == CLI_EXIT_OK)
        exit_code = CLI_EXIT_UNSAFE;
    if (pb.leftovers && !fix)
        advise(&advice, _("Files left behind by desks that are gone can be removed with guichet doctor --fix."));
    if (page_size > 0 && page_size != DB_PAGE_SIZE && exit_code == CLI_EXIT_OK && !cannot_write)
        convert_pages(&cfg, &s, fix, page_size, &advice, &exit_code);

    if (advice == 0 && exit_code == CLI_EXIT_OK)
        advise(&advice, _("Nothing to do."));
    printf("\n%s\n", exit_code == CLI_EXIT_OK ? _("Verdict: safe for several desks.")
                     : exit_code == CLI_EXIT_UNSAFE ? _("Verdict: UNSAFE for writing; desks will open it read-only.")
                     : _("Verdict: the file cannot be used as it is."));
    return exit_code;
}
