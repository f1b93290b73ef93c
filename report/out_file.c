/* out_file.c - writing a report file atomically, for cron: the text goes
 * to a temporary file in the destination's folder (so that rename() stays
 * on one filesystem), is flushed to disk, then renamed over the
 * destination. A reader never sees half a report, and a failure leaves the
 * previous file as it was. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

int report_file_open(struct report_file *f, const char *path)
{
    memset(f, 0, sizeof f[0]);
    if (!path || !path[0] || strlen(path) + 16 > sizeof f->tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    /* Renaming over a device, a pipe or a folder would replace it: only a
     * regular file (or none yet) may be the destination. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
        return -2;
    }
    snprintf(f->path, sizeof f->path, "%s", path);
    /* the same folder: "dir/.name.XXXXXX" */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(f->tmp, sizeof f->tmp, "%.*s.%s.XXXXXX", (int)dirlen, path,
             slash ? slash + 1 : path);
    int fd = mkstemp(f->tmp);
    if (fd < 0)
        return -1;
    /* mkstemp makes 0600; a report is as readable as any new file. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        int e = errno;
        close(fd);
        unlink(f->tmp);
        errno = e;
        return -1;
    }
    return 0;
}

int report_file_commit(struct report_file *f)
{
    int failed = fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0;
    int e = errno;
    if (fclose(f->fp) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    f->fp = NULL;
    if (!failed && rename(f->tmp, f->path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        unlink(f->tmp);
        errno = e;
        return -1;
    }
    return 0;
}

void report_file_abort(struct report_file *f)
{
    if (f->fp)
        fclose(f->fp);
    f->fp = NULL;
    if (f->tmp[0])
        unlink(f->tmp);
}
