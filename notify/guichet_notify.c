/* guichet_notify.c - `guichet-notify`: desktop notifications about risky
 * appointments (DESIGN.md §7), a small program of its own because it is
 * the only one linked with libnotify (GLib, D-Bus).
 *
 * It runs in the agent's desktop session, watches the shared file (PRAGMA
 * data_version, and the clock for moments that arrive), and at each
 * configured moment shows the appointments at or above the threshold,
 * riskiest first. Each (appointment, moment) is claimed in the database
 * before it is shown (storage/alerts.c), so a restart or another PC never
 * repeats it. libnotify is only ever called in a child process that is
 * killed after a few seconds: a hung notification server (libnotify would
 * block for about 50 s) never holds the watch loop. Without a session bus
 * or a notification server it says so and exits 1. */
#include <errno.h>
#include <getopt.h>
#include <libintl.h>
#include <libnotify/notify.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/clock.h"
#include "../common/i18n.h"
#include "../common/settings.h"
#include "../storage/storage.h"

enum { SHOW_TIMEOUT_MS = 5000, DEFAULT_INTERVAL_S = 60 };

static volatile sig_atomic_t stopping;
static void on_signal(int sig)
{
    (void)sig;
    stopping = 1;
}

static void help(void)
{
    printf("%s", _(
        "Usage: guichet-notify [--db FILE] [--threshold PERCENT] [--moment NAME=SPEC]...\n"
        "                      [--site S] [--interval SECONDS] [--once]\n"
        "Desktop notifications about appointments at risk of a no-show, at the\n"
        "configured moments, each at most once per appointment and moment (across\n"
        "restarts and PCs). SPEC: -1d@16:00 (the day before at 16:00), -2h, -30m.\n"
        "Default moments: day-before=-1d@16:00 and 2h-before=-2h; threshold 30 %.\n"
        "  --db FILE        database file (default: $GUICHET_DB, else the \"db\" of\n"
        "                   ~/.config/guichet/config)\n"
        "  --once           one pass, then exit\n"
        "Exit: 0 done, 1 no notification server or the file could not be used,\n"
        "2 bad command line.\n"));
    printf("%s", _(
        "Without --threshold or --moment, alert_threshold and alert_moments of the\n"
        "configuration file apply, as for the console's on-screen alerts.\n"));
}

/* What guichet-notify takes from the configuration file (read with the
 * console's reader, common/settings.h): db, and the alert settings that the
 * console's on-screen alerts use too (model/alerts.h). Other keys are the
 * console's business. */
struct notify_config {
    char db[4096];
    struct alert_settings alerts;
};

static int config_key(void *ctx, const char *key, const char *value, char *why,
                      size_t whysize)
{
    struct notify_config *c = ctx;
    if (strcmp(key, "db") == 0) {
        if (strlen(value) >= sizeof c->db) {
            snprintf(why, whysize, _("%s: %s"), key, _("too long"));
            return -1;
        }
        snprintf(c->db, sizeof c->db, "%s", value);
        return 0;
    }
    return alert_settings_apply(&c->alerts, key, value, why, whysize) < 0 ? -1 : 0;
}

/* Returns 0 (also without a file), -1 with "FILE:LINE: what" in errbuf. */
static int config_read(struct notify_config *c, char *errbuf, size_t errsize)
{
    char path[4096];
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    if (xdg && xdg[0])
        snprintf(path, sizeof path, "%s/guichet/config", xdg);
    else if (home && home[0])
        snprintf(path, sizeof path, "%s/.config/guichet/config", home);
    else
        return 0;
    return settings_read(path, config_key, c, errbuf, errsize) == SETTINGS_ERROR ? -1 : 0;
}

/* The catalogue beside the program, as guichet finds it (cli/paths.c):
 * EXE/../share/locale when installed, EXE/build/locale in the source tree. */
static void i18n_init(void)
{
    static char dir[4200];
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    const char *chosen = "/usr/local/share/locale";
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        const char *candidates[] = {"%s/../share/locale", "%s/build/locale"};
        for (int i = 0; i < 2; i++) {
            char probe[4300];
            snprintf(dir, sizeof dir, candidates[i], exe);
            snprintf(probe, sizeof probe, "%s/fr/LC_MESSAGES/guichet.mo", dir);
            if (access(probe, R_OK) == 0) {
                chosen = dir;
                break;
            }
        }
    }
    bindtextdomain("guichet", chosen);
    bind_textdomain_codeset("guichet", "UTF-8");
    textdomain("guichet");
}

static long elapsed_ms(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Runs `work` in a child, which writes an error on the pipe and exits 1, or
 * exits 0. Killed after SHOW_TIMEOUT_MS. Returns 0 on success. */
static int in_child(int (*work)(void *ctx, char *why, size_t size), void *ctx,
                    char *why, size_t size)
{
    int p[2];
    if (pipe(p) != 0)
        return snprintf(why, size, "pipe: %s", strerror(errno)), -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]), close(p[1]);
        return snprintf(why, size, "fork: %s", strerror(errno)), -1;
    }
    if (pid == 0) {
        close(p[0]);
        char msg[512] = "";
        int rc = work(ctx, msg, sizeof msg);
        if (rc != 0 && write(p[1], msg, strlen(msg)) < 0)
            rc = 1;
        _exit(rc ? 1 : 0);
    }
    close(p[1]);
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    size_t got = 0;
    int timed_out = 0;
    why[0] = '\0';
    for (;;) {
        long left = SHOW_TIMEOUT_MS - elapsed_ms(&start);
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        struct pollfd pf = {p[0], POLLIN, 0};
        int r = poll(&pf, 1, (int)left);
        if (r < 0 && errno == EINTR)
            continue;
        if (r == 0) {
            timed_out = 1;
            break;
        }
        if (r < 0)
            break;
        ssize_t n = read(p[0], why + got, size - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
        why[got] = '\0';
        if (got + 1 >= size)
            break;
    }
    close(p[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (timed_out) {
        snprintf(why, size, _("the notification server did not answer within %d s"),
                 SHOW_TIMEOUT_MS / 1000);
        return -1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (!why[0])
        snprintf(why, size, "%s", _("the notification could not be shown"));
    return -1;
}

/* In the child: is there a notification server on a session bus? */
static int probe(void *ctx, char *why, size_t size)
{
    (void)ctx;
    if (!notify_init("guichet"))
        return snprintf(why, size, "%s", "notify_init failed"), 1;
    char *name = NULL, *vendor = NULL, *version = NULL, *spec = NULL;
    if (!notify_get_server_info(&name, &vendor, &version, &spec)) {
        snprintf(why, size, "%s", _("no notification server on the D-Bus session bus"));
        return 1;
    }
    return 0;
}

struct shown {
    const char *summary, *body;
    NotifyUrgency urgency;
};

static int show(void *ctx, char *why, size_t size)
{
    struct shown *s = ctx;
    if (!notify_init("guichet"))
        return snprintf(why, size, "%s", "notify_init failed"), 1;
    NotifyNotification *n = notify_notification_new(s->summary, s->body, "dialog-warning");
    notify_notification_set_urgency(n, s->urgency);
    notify_notification_set_category(n, "x-guichet.no-show-risk");
    GError *error = NULL;
    if (!notify_notification_show(n, &error)) {
        snprintf(why, size, "%s", error ? error->message : "?");
        return 1;
    }
    return 0;
}

/* Text from the database for a notification body (Pango markup in some
 * servers): control characters and markup characters out. */
static void plain(char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '<' || *s == '>' || *s == '&')
            *s = ' ';
}

static void show_alert(const struct db_alert *a)
{
    struct db_risk_item it = a->item;
    plain(it.person);
    plain(it.motif_name);
    plain(it.site_name);
    plain(it.phone);
    plain(it.reasons);
    struct civil_datetime t;
    char when[64] = "";
    if (civil_parse_datetime(it.starts_at, &t) == 0) {
        char d[CIVIL_DATE_LEN + 4], h[CIVIL_TIME_LEN + 2];
        civil_format_date_fr(t.date, d, sizeof d);
        civil_format_time_fr(t.minute, h, sizeof h);
        snprintf(when, sizeof when, "%s %s", d, h);
    }
    char summary[256], body[1024];
    snprintf(summary, sizeof summary, _("No-show risk %d %%: %s, %s"),
             (int)(100.0 * it.risk + 0.5), it.person[0] ? it.person : "-", when);
    snprintf(body, sizeof body, "%s, %s%s%s\n%s", it.motif_name, it.site_name,
             it.phone[0] ? " - " : "", it.phone, it.reasons);
    struct shown s = {summary, body,
                      a->urgency == ALERT_CRITICAL ? NOTIFY_URGENCY_CRITICAL
                      : a->urgency == ALERT_NORMAL ? NOTIFY_URGENCY_NORMAL
                                                   : NOTIFY_URGENCY_LOW};
    char why[512];
    struct civil_datetime now;
    clock_now(&now, NULL);
    char stamp[CIVIL_DATETIME_LEN];
    civil_format_datetime(now, stamp, sizeof stamp);
    if (in_child(show, &s, why, sizeof why) == 0)
        printf(_("%s shown: appointment %lld (%s), %s, risk %d %%\n"), stamp,
               (long long)it.appointment_id, a->moment, it.starts_at,
               (int)(100.0 * it.risk + 0.5));
    else
        printf(_("%s NOT shown: appointment %lld (%s): %s\n"), stamp,
               (long long)it.appointment_id, a->moment, why);
    fflush(stdout);
}

int main(int argc, char **argv)
{
    setlocale(LC_ALL, "");
    i18n_init();
    tzset();
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"threshold", required_argument, NULL, 't'},
        {"moment", required_argument, NULL, 'm'},
        {"site", required_argument, NULL, 's'},
        {"interval", required_argument, NULL, 'i'},
        {"once", no_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    char db_path[4096] = "";
    const char *site_name = NULL;
    double threshold = 0; /* 0: the configuration's */
    long interval = DEFAULT_INTERVAL_S;
    int once = 0, c;
    struct alert_moment moments[ALERT_MAX_MOMENTS];
    int nmoments = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'd': snprintf(db_path, sizeof db_path, "%s", optarg); break;
        case 's': site_name = optarg; break;
        case 'o': once = 1; break;
        case 'h': help(); return 0;
        case 'V': printf("guichet-notify %s\n", GUICHET_VERSION); return 0;
        case 't': {
            long pct = strtol(optarg, &end, 10);
            if (*end || end == optarg || pct < 1 || pct > 100) {
                fprintf(stderr, _("guichet-notify: --threshold: a percentage from 1 to 100, "
                                  "not \"%s\"\n"), optarg);
                return 2;
            }
            threshold = (double)pct / 100.0;
            break;
        }
        case 'i':
            interval = strtol(optarg, &end, 10);
            if (*end || end == optarg || interval < 1 || interval > 3600) {
                fprintf(stderr, _("guichet-notify: --interval: seconds from 1 to 3600, "
                                  "not \"%s\"\n"), optarg);
                return 2;
            }
            break;
        case 'm':
            if (nmoments == ALERT_MAX_MOMENTS ||
                alert_moment_parse(optarg, &moments[nmoments]) != 0) {
                fprintf(stderr, _("guichet-notify: --moment: NAME=-1d@16:00, NAME=-2h or "
                                  "NAME=-30m, not \"%s\"\n"), optarg);
                return 2;
            }
            nmoments++;
            break;
        case ':':
            fprintf(stderr, _("guichet-notify: option %s needs a value\n"), argv[optind - 1]);
            return 2;
        default:
            fprintf(stderr, _("guichet-notify: unknown option %s (see --help)\n"),
                    argv[optind - 1]);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, _("guichet-notify: unexpected argument \"%s\"\n"), argv[optind]);
        return 2;
    }
    static struct notify_config config;
    char config_error[2048];
    if (config_read(&config, config_error, sizeof config_error) != 0) {
        fprintf(stderr, "guichet-notify: %s\n", config_error);
        return 2;
    }
    /* the command line overrides the file */
    struct alert_settings when = config.alerts;
    if (threshold > 0)
        when.threshold = threshold;
    if (nmoments) {
        memcpy(when.moments, moments, sizeof moments);
        when.nmoments = nmoments;
    }
    alert_settings_resolve(&when);
    if (!db_path[0] && getenv("GUICHET_DB"))
        snprintf(db_path, sizeof db_path, "%s", getenv("GUICHET_DB"));
    if (!db_path[0] && config.db[0])
        snprintf(db_path, sizeof db_path, "%s", config.db);
    if (!db_path[0]) {
        fprintf(stderr, "%s", _("guichet-notify: no database: --db FILE, GUICHET_DB or "
                                "\"db\" in the configuration file\n"));
        return 2;
    }

    /* No session bus, or no server on it: say so and stop. */
    char why[512];
    if (in_child(probe, NULL, why, sizeof why) != 0) {
        fprintf(stderr, _("guichet-notify: no desktop notifications here: %s\n"), why);
        return 1;
    }

    struct db *db = NULL;
    struct db_error err = {0};
    struct db_open_options o = {0};
    if (db_open(db_path, &o, &db, &err) != DB_OK) {
        char msg[512];
        db_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "guichet-notify: %s: %s\n", db_path, msg);
        return 1;
    }
    const char *user = getenv("USER");
    char actor[DB_SHORT_LEN];
    snprintf(actor, sizeof actor, "%s@notify", user && user[0] ? user : "desktop");
    db_set_actor(db, actor);
    int64_t site_id = 0;
    if (site_name) {
        struct db_site site;
        if (db_site_find(db, site_name, &site, &err) != DB_OK) {
            fprintf(stderr, _("guichet-notify: --site: unknown site \"%s\"\n"), site_name);
            db_close(db);
            return 2;
        }
        site_id = site.id;
    }
    signal(SIGTERM, on_signal);
    signal(SIGINT, on_signal);
    signal(SIGPIPE, SIG_IGN);

    int rc = 0;
    int64_t seen_version = -1;
    time_t last_pass = 0;
    while (!stopping) {
        int64_t version = 0;
        db_data_version(db, &version, NULL);
        time_t t = time(NULL);
        /* a pass when the file changed or the interval has gone by */
        if (version != seen_version || t - last_pass >= interval) {
            struct db_alert *alerts = NULL;
            size_t n = 0;
            if (db_alerts_claim_due(db, when.moments, when.nmoments, when.threshold,
                                    DB_ALERT_DESKTOP,
                                    site_id, &alerts, &n, &err) != DB_OK) {
                char msg[512];
                db_error_format(&err, msg, sizeof msg);
                fprintf(stderr, "guichet-notify: %s\n", msg);
                rc = 1;
            }
            for (size_t i = 0; i < n; i++)
                show_alert(&alerts[i]);
            free(alerts);
            db_data_version(db, &seen_version, NULL); /* our own claims */
            last_pass = t;
            if (once)
                break;
        }
        db_heartbeat(db);
        sleep(1);
    }
    db_close(db);
    return rc;
}
