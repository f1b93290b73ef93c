/* read_batch.c - several reads of one file at once (read_batch.h). */
#include "read_batch.h"

#include <pthread.h>

struct job {
    sqlite3_file *file;
    struct read_piece *piece;
};

static void read_one(sqlite3_file *file, struct read_piece *p)
{
    p->rc = file->pMethods->xRead(file, p->buf, p->len, p->off);
}

static void *run(void *arg)
{
    struct job *j = arg;
    read_one(j->file, j->piece);
    return NULL;
}

int read_batch_together(sqlite3_vfs *vfs)
{
    /* SQLite's table of system calls holds pread only when it uses it. */
    return vfs && vfs->iVersion >= 3 && vfs->xGetSystemCall &&
           (vfs->xGetSystemCall(vfs, "pread64") || vfs->xGetSystemCall(vfs, "pread"));
}

void read_batch(sqlite3_file *file, struct read_piece *pieces, int count, int together)
{
    if (count > READ_BATCH_MAX)
        count = READ_BATCH_MAX;
    if (!together) {
        for (int i = 0; i < count; i++)
            read_one(file, &pieces[i]);
        return;
    }
    pthread_t threads[READ_BATCH_MAX];
    struct job jobs[READ_BATCH_MAX];
    int started[READ_BATCH_MAX] = {0};
    /* The first piece on this thread, the others each on its own. */
    for (int i = 1; i < count; i++) {
        jobs[i].file = file;
        jobs[i].piece = &pieces[i];
        started[i] = pthread_create(&threads[i], NULL, run, &jobs[i]) == 0;
    }
    if (count > 0)
        read_one(file, &pieces[0]);
    for (int i = 1; i < count; i++) {
        if (started[i])
            pthread_join(threads[i], NULL);
        else
            read_one(file, &pieces[i]); /* no thread: read it here */
    }
}
