/* cmd_remind.c - `guichet remind --dry-run | --send`: reminders by SMS or
 * e-mail, planned `--hours` (48) before appointments of people who accept
 * them and have a number or an address.
 *
 * --send runs the configured command once per message, through /bin/sh,
 * with the text on standard input and GUICHET_CHANNEL (sms, email),
 * GUICHET_TO (number or address) and GUICHET_APPOINTMENT in the
 * environment: an SMS gateway script, sendmail... Exit status 0 means sent;
 * anything else (or no answer within 30 s) is a failure, recorded with the
 * command's first words. storage/reminders.c makes sure a message is never
 * sent twice and never for an appointment started or cancelled. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "desk.h"
#include "../common/i18n.h"

enum { SEND_TIMEOUT_MS = 30000 };

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet remind --dry-run|--send [--hours N] [--command CMD] [--db FILE]\n"
        "Reminders for appointments starting within N hours (default 48), to people\n"
        "who accept SMS (with a phone number) or e-mail (with an address).\n"
        "  --dry-run      list what would be sent; nothing is written\n"
        "  --send         run CMD once per message (through /bin/sh), the text on\n"
        "                 its standard input, GUICHET_CHANNEL, GUICHET_TO and\n"
        "                 GUICHET_APPOINTMENT in its environment; exit status 0 =\n"
        "                 sent. A receipt is kept for every attempt.\n"
        "  --command CMD  the command (default: $GUICHET_REMIND_COMMAND)\n"
        "Never twice, never for an appointment started or cancelled.\n"
        "Exit: 0 done, 1 a message failed or the file could not be used, 2 bad input.\n"), action);
}

static void message(const struct db_reminder *r, char *buf, size_t size)
{
    struct civil_datetime at;
    char date[CIVIL_DATE_LEN + 4] = "?", time[CIVIL_TIME_LEN + 2] = "?";
    if (civil_parse_datetime(r->starts_at, &at) == 0) {
        civil_format_date_fr(at.date, date, sizeof date);
        civil_format_time_fr(at.minute, time, sizeof time);
    }
    snprintf(buf, size,
             _("Reminder: you have an appointment on %s at %s, %s (%s). If you cannot "
               "come, please let us know so that someone else can have the slot.\n"),
             date, time, r->site_name, r->motif_name);
}

/* Runs `command` with `text` on its stdin; 0 when it exited 0. `why` gets
 * its first words or the reason of the failure. */
static int run_command(const char *command, const struct db_reminder *r, const char *text,
                       char *why, size_t size)
{
    int in[2], out[2];
    if (pipe(in) != 0)
        return snprintf(why, size, "pipe: %s", strerror(errno)), -1;
    if (pipe(out) != 0) {
        close(in[0]), close(in[1]);
        return snprintf(why, size, "pipe: %s", strerror(errno)), -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        return snprintf(why, size, "fork: %s", strerror(errno)), -1;
    }
    if (pid == 0) {
        setpgid(0, 0);
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(out[1], STDERR_FILENO);
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        char id[24];
        snprintf(id, sizeof id, "%lld", (long long)r->appointment_id);
        setenv("GUICHET_CHANNEL", r->channel, 1);
        setenv("GUICHET_TO", r->address, 1);
        setenv("GUICHET_APPOINTMENT", id, 1);
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    signal(SIGPIPE, SIG_IGN);
    size_t len = strlen(text);
    if (write(in[1], text, len) != (ssize_t)len) {
        /* the command did not read: its exit status tells */
    }
    close(in[1]);
    char said[512];
    size_t got = 0;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    int timed_out = 0;
    for (;;) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        long elapsed = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
        if (elapsed >= SEND_TIMEOUT_MS) {
            timed_out = 1;
            break;
        }
        struct pollfd p = {out[0], POLLIN, 0};
        int ready = poll(&p, 1, (int)(SEND_TIMEOUT_MS - elapsed));
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready <= 0) {
            timed_out = ready == 0;
            break;
        }
        char chunk[256];
        ssize_t n = read(out[0], chunk, sizeof chunk);
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n && got + 1 < sizeof said; i++)
            said[got++] = chunk[i];
    }
    said[got] = '\0';
    close(out[0]);
    if (timed_out)
        kill(-pid, SIGKILL);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    /* one line of the command's words */
    for (char *p = said; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    if (timed_out) {
        snprintf(why, size, _("no answer within %d s"), SEND_TIMEOUT_MS / 1000);
        return -1;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        snprintf(why, size, "%s", said);
        return 0;
    }
    if (WIFEXITED(status))
        snprintf(why, size, _("exit status %d: %s"), WEXITSTATUS(status), said);
    else
        snprintf(why, size, _("killed by signal %d"), WTERMSIG(status));
    return -1;
}

int cli_cmd_remind(int argc, char **argv)
{
    static const struct option longopts[] = {
        CLI_COMMON_OPTIONS,
        {"dry-run", no_argument, NULL, 'n'},
        {"send", no_argument, NULL, 's'},
        {"hours", required_argument, NULL, 'H'},
        {"command", required_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int dry = 0, send = 0, c;
    const char *hours_text = NULL, *command = getenv("GUICHET_REMIND_COMMAND");
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        int common = cli_common_option(c, optarg);
        if (common > 0)
            return common;
        if (common == 0)
            continue;
        switch (c) {
        case 'n': dry = 1; break;
        case 's': send = 1; break;
        case 'H': hours_text = optarg; break;
        case 'c': command = optarg; break;
        case 'h': help(NULL); return CLI_EXIT_OK;
        case ':':
            cli_print_error(_("option %s needs a value"), argv[optind - 1]);
            return CLI_EXIT_USAGE;
        default:
            return cli_unknown_option(argv[optind - 1], "remind", longopts);
        }
    }
    if (optind < argc) {
        cli_print_error(_("unexpected argument \"%s\" (see guichet %s --help)"), argv[optind],
                        "remind");
        return CLI_EXIT_USAGE;
    }
    if (dry == send) {
        cli_print_error("%s", _("say --dry-run or --send (see guichet remind --help)"));
        return CLI_EXIT_USAGE;
    }
    long hours = 48;
    if (hours_text && cli_parse_long(hours_text, 1, 1440, &hours) != 0)
        return desk_bad_value("--hours", hours_text);
    if (send && (!command || !command[0])) {
        cli_print_error("%s", _("no command to send with: --command CMD or "
                                "GUICHET_REMIND_COMMAND"));
        return CLI_EXIT_USAGE;
    }
    struct db *db = NULL;
    int rc = desk_open(&db);
    if (rc)
        return rc;
    struct db_reminder *due = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_reminders_due(db, (int)hours, &due, &n, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    size_t sent = 0, failed = 0;
    rc = CLI_EXIT_OK;
    for (size_t i = 0; i < n && rc == CLI_EXIT_OK; i++) {
        struct db_reminder *r = &due[i];
        char text[1024];
        message(r, text, sizeof text);
        if (dry) {
            printf("%s  %-5s %s  %s | %s\n  %s", r->starts_at, r->channel, r->address,
                   r->person, r->site_name, text);
            continue;
        }
        int claimed = 0;
        if (db_reminder_claim(db, r, &claimed, &err) != DB_OK) {
            rc = desk_fail(NULL, &err);
            break;
        }
        if (!claimed)
            continue; /* another sender, or the appointment changed */
        char why[512];
        int ok = run_command(command, r, text, why, sizeof why) == 0;
        if (db_reminder_receipt(db, r->id, ok, why, &err) != DB_OK) {
            rc = desk_fail(NULL, &err);
            break;
        }
        if (ok) {
            sent++;
            printf(_("sent: %s %s (appointment %lld)\n"), r->channel, r->address,
                   (long long)r->appointment_id);
        } else {
            failed++;
            printf(_("failed: %s %s (appointment %lld): %s\n"), r->channel, r->address,
                   (long long)r->appointment_id, why);
        }
    }
    if (dry)
        printf(ngettext("%zu reminder would be sent.\n", "%zu reminders would be sent.\n", n), n);
    else if (rc == CLI_EXIT_OK)
        printf(_("%zu sent, %zu failed.\n"), sent, failed);
    free(due);
    db_close(db);
    if (rc == CLI_EXIT_OK && failed)
        rc = CLI_EXIT_FAILURE;
    return rc;
}
