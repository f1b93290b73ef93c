/* file_mode.c - the permissions of the files guichet creates next to a
 * database and of its backups (file_mode.h), and what `guichet doctor`
 * says about the permissions of a file already there. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db_internal.h"
#include "io_count.h"
#include "file_mode.h"
#include "../common/i18n.h"

/* The folder holding `path` ("." when there is no slash). */
static void folder_of(const char *path, char *out, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, size, ".");
    else if (slash == path)
        snprintf(out, size, "/");
    else
        snprintf(out, size, "%.*s", (int)(slash - path), path);
}

mode_t fmode_limit(const char *path, mode_t file_mode)
{
    char dir[4096];
    struct stat st;
    mode_t mode = file_mode & 0666;
    folder_of(path, dir, sizeof dir);
    if (io_stat(dir, &st) != 0)
        return mode;
    /* Without search permission on the folder a class cannot reach the
     * file by any name: giving it bits on the file only widens what a
     * later move of the file would expose. */
    if (!(st.st_mode & S_IXGRP))
        mode &= ~(mode_t)0060;
    if (!(st.st_mode & S_IXOTH))
        mode &= ~(mode_t)0006;
    return mode | 0600;
}

mode_t fmode_dir_mode(mode_t file_mode)
{
    return (file_mode & 0666) | ((file_mode & 0444) >> 2);
}

void fmode_set_umask(mode_t file_mode)
{
    umask(0777 & ~fmode_dir_mode(file_mode));
}

int fmode_create(const char *path, mode_t mode, int exclusive)
{
    int fd = io_open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        return !exclusive && errno == EEXIST ? 0 : -1;
    if (io_fchmod(fd, mode) != 0) {
        int saved = errno;
        io_close(fd);
        io_unlink(path);
        errno = saved;
        return -1;
    }
    return io_close(fd);
}

int fmode_prepare_open(const char *path, unsigned configured, mode_t *limit,
                       struct db_error *err)
{
    if (configured && !db_file_mode_valid(configured))
        return db_set_error(err, DB_ERR_INVALID,
                            _("file mode %04o: read and write bits only, "
                              "and the owner must read and write"),
                            configured);
    *limit = fmode_limit(path, configured ? configured : DB_FILE_MODE_DEFAULT);
    fmode_set_umask(*limit);
    return DB_OK;
}

int fmode_create_db(const char *path, mode_t limit, struct db_error *err)
{
    if (fmode_create(path, limit, 0) == 0)
        return DB_OK;
    return db_set_error(err, errno == EACCES || errno == EPERM
                                 ? DB_ERR_PERMISSION
                                 : errno == ENOSPC ? DB_ERR_FULL : DB_ERR_IO,
                        "%s: %s", path, strerror(errno));
}

/* ---- public: the rule for a configured mode, and doctor's look --------- */

int db_file_mode_valid(unsigned mode)
{
    return (mode & ~0666u) == 0 && (mode & 0600u) == 0600u;
}

/* 'PATH' for a shell: single quotes, a quote inside written '\''. */
static void shell_quote(const char *s, char *out, size_t size)
{
    size_t n = 0;
    if (size < 3) {
        if (size)
            out[0] = '\0';
        return;
    }
    out[n++] = '\'';
    for (; *s && n + 6 < size; s++) {
        if (*s == '\'') {
            memcpy(out + n, "'\\''", 4);
            n += 4;
        } else {
            out[n++] = *s;
        }
    }
    out[n++] = '\'';
    out[n] = '\0';
}

int db_file_access_inspect(const char *path, struct db_file_access *out)
{
    struct stat st;
    char quoted[sizeof out->fix_file - 32];
    memset(out, 0, sizeof *out);
    if (!path || io_stat(path, &st) != 0)
        return -1;
    out->file_mode = st.st_mode & 07777;
    out->file_others = (st.st_mode & 0007) != 0;
    shell_quote(path, quoted, sizeof quoted);
    snprintf(out->fix_file, sizeof out->fix_file, "chmod o-rwx %s", quoted);

    char dir[4096];
    folder_of(path, dir, sizeof dir);
    if (io_stat(dir, &st) == 0) {
        out->folder_mode = st.st_mode & 07777;
        /* A folder others may search lets them open any file in it whose
         * mode allows; one they may list shows every name. */
        out->folder_others = (st.st_mode & 0005) != 0;
        shell_quote(dir, quoted, sizeof quoted);
        snprintf(out->fix_folder, sizeof out->fix_folder, "chmod o-rwx %s",
                 quoted);
    }
    return 0;
}
