/* cmd_purge.c - keeping personal data no longer than needed
 * (storage/privacy.h):
 *   guichet purge [--dry-run] [--before DATE]
 *   guichet retention [--months N] [--loan-months N]
 * The retention periods are stored in the file, so every desk applies the
 * same. A purge anonymises the people whose last appointment is older than
 * the limit, clears older appointment notes, reminders' addresses and audit
 * details, and the text of room-loan requests refused or cancelled before
 * the loan limit, in one unit, and says how many of each; --dry-run lists who would be affected
 * and writes nothing (it works on a read-only file too). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "../common/clock.h"
#include "../common/i18n.h"

struct purge_args {
    const char *before, *months, *loan_months;
    int dry_run, help;
    const char *pos[1];
    int npos;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"before", required_argument, NULL, 'b'},
    {"dry-run", no_argument, NULL, 'n'},
    {"months", required_argument, NULL, 'm'},
    {"loan-months", required_argument, NULL, 'l'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void set_option(void *args, int letter, const char *value)
{
    struct purge_args *a = args;
    switch (letter) {
    case 'b': a->before = value; break;
    case 'n': a->dry_run = 1; break;
    case 'm': a->months = value; break;
    case 'l': a->loan_months = value; break;
    }
}

static void purge_help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet purge [--dry-run] [--before DATE]\n"
        "Anonymises the people whose last appointment (or, without one, their\n"
        "record) is older than the retention (guichet retention; default 24\n"
        "months): names, birth date, phone, e-mail, address and notes are\n"
        "replaced, their appointments stay as anonymous counts. Also clears the\n"
        "notes of older appointments, the phones and e-mails their reminders\n"
        "went to, and the audit details written before the limit. Room-loan\n"
        "requests refused or cancelled before their own limit (default 12\n"
        "months) lose their purpose, reasons and audit details, and an\n"
        "association whose requests are all past it loses its contact person.\n"
        "One unit: all of it or nothing.\n"
        "\n"
        "  --dry-run       list who would be affected; write nothing\n"
        "  --before DATE   limit date, for people and loan requests, instead of\n"
        "                  today minus the retentions\n"
        "                  (DD/MM/YYYY or YYYY-MM-DD, not after today)\n"
        "\n"
        "Common options: --db FILE (config: db), --user NAME (audit log).\n"
        "Exit: 0 done, 1 failed or refused (read-only file), 2 bad input,\n"
        "3 unsafe shared file.\n"), action);
}

static void retention_help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet retention [--months N] [--loan-months N]\n"
        "Shows, or sets, how long the file keeps personal data (a setting of\n"
        "the file, the same for every desk):\n"
        "  --months N        people: N months after their last appointment\n"
        "                    (default 24)\n"
        "  --loan-months N   refused or cancelled room-loan requests (default 12)\n"
        "\n"
        "Common options: --db FILE (config: db), --user NAME (audit log).\n"), action);
}

static int parse(int argc, char **argv, const char *allowed,
                 const char *command, void (*help)(const char *), struct purge_args *a)
{
    memset(a, 0, sizeof *a);
    int rc = desk_parse_args(argc, argv, longopts, allowed, command,
                             &a->help, a->pos, 0, &a->npos, set_option, a);
    if (rc == CLI_EXIT_OK && a->help)
        help(NULL);
    return rc;
}

/* Text from the file on one line: control characters become '?'. */
static void put_line_text(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, stdout);
}

static void print_counts(const struct db_purge_counts *c)
{
    printf(ngettext("  %ld person anonymised\n", "  %ld people anonymised\n",
                    (unsigned long)c->people), c->people);
    printf(ngettext("  %ld appointment note cleared\n",
                    "  %ld appointment notes cleared\n",
                    (unsigned long)c->appt_notes), c->appt_notes);
    printf(ngettext("  %ld reminder address cleared\n",
                    "  %ld reminder addresses cleared\n",
                    (unsigned long)c->reminders), c->reminders);
    printf(ngettext("  %ld audit detail cleared\n",
                    "  %ld audit details cleared\n",
                    (unsigned long)c->audit_details), c->audit_details);
    printf(ngettext("  %ld room-loan request cleared\n",
                    "  %ld room-loan requests cleared\n",
                    (unsigned long)c->loan_requests), c->loan_requests);
    printf(ngettext("  %ld association contact cleared\n",
                    "  %ld association contacts cleared\n",
                    (unsigned long)c->loan_contacts), c->loan_contacts);
}

static int dry_run(struct db *db, struct civil_date limit,
                   struct civil_date loan_limit, const char *day)
{
    struct db_error err = {0};
    struct db_purge_person *due = NULL;
    size_t n = 0;
    struct db_purge_loan *loans = NULL;
    size_t nloans = 0;
    struct db_purge_counts c;
    if (db_purge_preview(db, limit, loan_limit, &c, &err) != DB_OK ||
        db_purge_due(db, limit, &due, &n, &err) != DB_OK ||
        db_purge_loans_due(db, loan_limit, &loans, &nloans, &err) != DB_OK) {
        free(due);
        return desk_fail(NULL, &err);
    }
    printf(_("Dry run: nothing is written. Limit: %s.\n"), day);
    for (size_t i = 0; i < n; i++) {
        printf("  %lld | ", (long long)due[i].id);
        put_line_text(due[i].last_name);
        fputc(' ', stdout);
        put_line_text(due[i].first_name);
        printf(" | %s\n", due[i].last_seen);
    }
    for (size_t i = 0; i < nloans; i++) {
        printf("  %s %lld | ", _("loan request"), (long long)loans[i].id);
        put_line_text(loans[i].association);
        printf(" | %s%s\n", loans[i].last_day,
               loans[i].contact_cleared ? _(" | and the association's contact") : "");
    }
    printf("%s\n", _("Would do:"));
    print_counts(&c);
    free(due);
    free(loans);
    return CLI_EXIT_OK;
}

int cli_cmd_purge(int argc, char **argv)
{
    struct purge_args a;
    int rc = parse(argc, argv, "bn", "purge", purge_help, &a);
    if (rc || a.help)
        return rc;
    struct civil_date limit, loan_limit;
    if (a.before && civil_parse_date(a.before, &limit) != 0) {
        cli_print_error(_("--before: not a valid date: \"%s\" (DD/MM/YYYY)"),
                        a.before);
        return CLI_EXIT_USAGE;
    }
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    if (!a.before) {
        struct db_retention r;
        struct civil_datetime now;
        clock_now(&now, NULL);
        if (db_retention_get(db, &r, &err) != DB_OK) {
            db_close(db);
            return desk_fail(NULL, &err);
        }
        limit = db_retention_limit(now.date, r.months);
        loan_limit = db_retention_limit(now.date, r.loan_months);
    } else {
        loan_limit = limit;
    }
    char day[CIVIL_DATE_LEN] = "";
    civil_format_date(limit, day, sizeof day);
    if (a.dry_run) {
        rc = dry_run(db, limit, loan_limit, day);
    } else {
        struct db_purge_counts c;
        if (db_purge(db, limit, loan_limit, &c, &err) != DB_OK) {
            /* one unit: whatever failed, it was rolled back */
            rc = desk_fail(_("Nothing was purged"), &err);
        } else {
            printf(_("Purged what was before %s:\n"), day);
            print_counts(&c);
        }
    }
    db_close(db);
    return rc;
}

int cli_cmd_retention(int argc, char **argv)
{
    struct purge_args a;
    int rc = parse(argc, argv, "ml", "retention", retention_help, &a);
    if (rc || a.help)
        return rc;
    long months = 0, loan_months = 0;
    if (a.months && cli_parse_long(a.months, 1, DB_RETENTION_MAX_MONTHS, &months))
        return desk_bad_value("--months", a.months);
    if (a.loan_months &&
        cli_parse_long(a.loan_months, 1, DB_RETENTION_MAX_MONTHS, &loan_months))
        return desk_bad_value("--loan-months", a.loan_months);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    struct db_retention r;
    if (db_retention_get(db, &r, &err) != DB_OK) {
        rc = desk_fail(NULL, &err);
    } else if (a.months || a.loan_months) {
        if (a.months)
            r.months = (int)months;
        if (a.loan_months)
            r.loan_months = (int)loan_months;
        if (db_retention_set(db, &r, &err) != DB_OK)
            rc = desk_fail(NULL, &err);
    }
    if (rc == CLI_EXIT_OK) {
        printf(_("People: %d months after their last appointment.\n"), r.months);
        printf(_("Refused or cancelled room-loan requests: %d months.\n"),
               r.loan_months);
    }
    db_close(db);
    return rc;
}
