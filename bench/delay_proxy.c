/* delay_proxy.c - a TCP proxy on 127.0.0.1 that delays every byte by a
 * fixed time in each direction: a slow network link for the sshfs figures
 * of `make bench` (netem, the kernel's way, needs privileges and a module
 * that machines do not all have).
 *
 *   delay_proxy --target PORT --delay-ms MS [--port-file FILE]
 *
 * Listens on 127.0.0.1 on a port the kernel chooses, writes it to
 * --port-file (or stdout), and forwards each accepted connection to
 * 127.0.0.1:PORT. What arrives on one side is sent on the other MS
 * milliseconds later (so a round trip costs 2 x MS), in the order it came;
 * bandwidth is not limited. One process, one poll loop, no threads. Runs
 * until killed (SIGTERM). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_CONN = 16, CHUNK = 65536 };

struct packet {
    struct packet *next;
    long long due_us;
    size_t len, off;
    char data[];
};

/* One direction: bytes read from `from`, queued, written to `to`. */
struct pipe_dir {
    int from, to;
    struct packet *head, *tail;
    int eof;        /* `from` closed: shut `to` down once the queue is out */
};

struct conn {
    int used;
    struct pipe_dir dir[2];
};

static struct conn conns[MAX_CONN];
static long long delay_us;

static long long now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void close_conn(struct conn *c)
{
    for (int d = 0; d < 2; d++) {
        struct packet *p = c->dir[d].head;
        while (p) {
            struct packet *n = p->next;
            free(p);
            p = n;
        }
        c->dir[d].head = c->dir[d].tail = NULL;
    }
    close(c->dir[0].from);
    close(c->dir[1].from);
    c->used = 0;
}

static int connect_target(int port)
{
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((unsigned short)port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(s, (struct sockaddr *)&a, sizeof a) != 0) {
        close(s);
        return -1;
    }
    return s;
}

static void no_delay(int s)
{
    int one = 1;
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* Reads what is there; queues it with its due time. -1 on a closed or
 * broken side. */
static int take(struct pipe_dir *d)
{
    char buf[CHUNK];
    ssize_t n = read(d->from, buf, sizeof buf);
    if (n < 0)
        return errno == EINTR || errno == EAGAIN ? 0 : -1;
    if (n == 0) {
        d->eof = 1;
        return 0;
    }
    struct packet *p = malloc(sizeof *p + (size_t)n);
    if (!p)
        return -1;
    p->next = NULL;
    p->due_us = now_us() + delay_us;
    p->len = (size_t)n;
    p->off = 0;
    memcpy(p->data, buf, (size_t)n);
    if (d->tail)
        d->tail->next = p;
    else
        d->head = p;
    d->tail = p;
    return 0;
}

/* Writes every packet that is due. -1 when the other side is gone. */
static int give(struct pipe_dir *d, long long now)
{
    while (d->head && d->head->due_us <= now) {
        struct packet *p = d->head;
        ssize_t n = write(d->to, p->data + p->off, p->len - p->off);
        if (n < 0)
            return errno == EINTR || errno == EAGAIN ? 0 : -1;
        p->off += (size_t)n;
        if (p->off < p->len)
            return 0;
        d->head = p->next;
        if (!d->head)
            d->tail = NULL;
        free(p);
    }
    if (d->eof && !d->head)
        shutdown(d->to, SHUT_WR);
    return 0;
}

int main(int argc, char **argv)
{
    int target = 0;
    long ms = -1;
    const char *port_file = NULL;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--target") == 0)
            target = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--delay-ms") == 0)
            ms = strtol(argv[i + 1], NULL, 10);
        else if (strcmp(argv[i], "--port-file") == 0)
            port_file = argv[i + 1];
        else
            break;
    }
    if (target <= 0 || ms < 0 || argc % 2 == 0) {
        fprintf(stderr, "usage: delay_proxy --target PORT --delay-ms MS "
                        "[--port-file FILE]\n");
        return 2;
    }
    delay_us = ms * 1000LL;
    signal(SIGPIPE, SIG_IGN);

    int ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof a;
    if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) != 0 ||
        listen(ls, 8) != 0 ||
        getsockname(ls, (struct sockaddr *)&a, &alen) != 0) {
        perror("delay_proxy: listen");
        return 1;
    }
    if (port_file) {
        FILE *out;
        /* Written aside and renamed: a reader never sees half a number. */
        char tmp[4096];
        snprintf(tmp, sizeof tmp, "%s.tmp", port_file);
        out = fopen(tmp, "w");
        if (!out) {
            perror(tmp);
            return 1;
        }
        fprintf(out, "%d\n", ntohs(a.sin_port));
        fclose(out);
        if (rename(tmp, port_file) != 0) {
            perror(port_file);
            return 1;
        }
    } else {
        printf("%d\n", ntohs(a.sin_port));
        fflush(stdout);
    }

    for (;;) {
        struct pollfd pfd[1 + MAX_CONN * 2];
        struct pipe_dir *who[1 + MAX_CONN * 2];
        int n = 0;
        pfd[n].fd = ls;
        pfd[n].events = POLLIN;
        who[n++] = NULL;
        long long now = now_us(), next = -1;
        for (int i = 0; i < MAX_CONN; i++) {
            if (!conns[i].used)
                continue;
            for (int d = 0; d < 2; d++) {
                struct pipe_dir *p = &conns[i].dir[d];
                pfd[n].fd = p->eof ? -1 : p->from; /* read out */
                pfd[n].events = POLLIN;
                who[n++] = p;
                if (p->head && (next < 0 || p->head->due_us < next))
                    next = p->head->due_us;
            }
        }
        /* Microseconds: poll's milliseconds would add up to one per hop. */
        struct timespec wait_ts, *timeout = NULL;
        if (next >= 0) {
            long long left = next <= now ? 0 : next - now;
            wait_ts.tv_sec = (time_t)(left / 1000000);
            wait_ts.tv_nsec = (long)(left % 1000000) * 1000;
            timeout = &wait_ts;
        }
        if (ppoll(pfd, (nfds_t)n, timeout, NULL) < 0 && errno != EINTR) {
            perror("delay_proxy: poll");
            return 1;
        }
        if (pfd[0].revents & POLLIN) {
            int cs = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
            int slot = -1;
            for (int i = 0; i < MAX_CONN && cs >= 0; i++)
                if (!conns[i].used) {
                    slot = i;
                    break;
                }
            int ts = slot >= 0 ? connect_target(target) : -1;
            if (ts < 0) {
                if (cs >= 0)
                    close(cs);
            } else {
                no_delay(cs);
                no_delay(ts);
                struct conn *c = &conns[slot];
                memset(c, 0, sizeof *c);
                c->used = 1;
                c->dir[0].from = cs;
                c->dir[0].to = ts;
                c->dir[1].from = ts;
                c->dir[1].to = cs;
            }
        }
        for (int k = 1; k < n; k++)
            if (pfd[k].revents & (POLLIN | POLLHUP | POLLERR))
                if (take(who[k]) != 0)
                    who[k]->eof = 1;
        now = now_us();
        for (int i = 0; i < MAX_CONN; i++) {
            struct conn *c = &conns[i];
            if (!c->used)
                continue;
            int broken = 0;
            for (int d = 0; d < 2; d++)
                if (give(&c->dir[d], now) != 0)
                    broken = 1;
            if (broken || (c->dir[0].eof && c->dir[1].eof &&
                           !c->dir[0].head && !c->dir[1].head))
                close_conn(c);
        }
    }
}
