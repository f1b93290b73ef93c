/* file_mode.h - who may read the files guichet creates next to a database
 * (the file, its journal, the dot-file lock directory, the lock owner
 * record, the desks' heartbeats) and its backups.
 *
 * The file holds personal data of social services' beneficiaries: it must
 * not be readable by every user of the machine, yet every desk - often
 * other accounts of one group - must read and write it. So new files get
 * the configured mode (0660 by default) whatever the process's umask, and
 * never more than the folder lets through: a class of users (group,
 * others) that cannot search the folder gets nothing on the file either.
 *
 * SQLite creates the journal with the database file's own permissions
 * (os_unix.c findCreateFileMode: it copies the file's mode and fchmods the
 * new journal to it), so the journal follows the file. SQLite's dot-file
 * VFS makes `<db>.lock` with mkdir(0777), and storage/lock.c its owner
 * record (0666) and heartbeats (0666, `<db>.desks/` 0777): those follow the
 * process's umask, which fmode_set_umask sets from the same limit.
 *
 * Internal to storage/ (and its tests). */
#ifndef GUICHET_STORAGE_FILE_MODE_H
#define GUICHET_STORAGE_FILE_MODE_H

#include <sys/types.h>

/* The configured mode narrowed by the folder holding `path` (the file need
 * not exist). A folder that cannot be examined leaves the mode as it is. */
mode_t fmode_limit(const char *path, mode_t file_mode);

/* A directory's mode for a file mode: search wherever reading is given. */
mode_t fmode_dir_mode(mode_t file_mode);

/* Sets the process's umask so that files created with 0666 get
 * `file_mode` and directories created with 0777 its fmode_dir_mode. */
void fmode_set_umask(mode_t file_mode);

struct db_error;
/* db_open's part, before anything is created: checks the configured mode
 * (0 = the default), sets the umask from its limit for `path`'s folder;
 * *limit receives the mode new files get. A db_status (err filled). */
int fmode_prepare_open(const char *path, unsigned configured, mode_t *limit,
                       struct db_error *err);
/* Creates the missing database file with mode `limit` before SQLite opens
 * it (SQLite would use 0644 minus the umask). A db_status. */
int fmode_create_db(const char *path, mode_t limit, struct db_error *err);

/* Creates `path` empty with exactly `mode` (fchmod: the umask neither
 * narrows nor widens it). exclusive: fails with EEXIST when something is
 * there; otherwise a file already there is left as it is. 0, or -1 with
 * errno. */
int fmode_create(const char *path, mode_t mode, int exclusive);

#endif
