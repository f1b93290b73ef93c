/* cmd_person.c - `guichet person add|find` (export and erase: see
 * cmd_person_privacy.c): creating a beneficiary (likely
 * duplicates shown and refused unless --force, as the console asks first)
 * and finding people as the console's search does (names without accents
 * or case, phone with any spacing, birth date). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "../common/i18n.h"
#include "../model/search.h"

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet person ACTION [options]\n"
        "  add --last NAME [--first NAME] [--birth-name NAME] [--birth DD/MM/YYYY]\n"
        "      [--phone P] [--email E] [--address TEXT] [--force]\n"
        "                      create a person; prints the new id. Someone who may\n"
        "                      be the same person (name and birth date, phone or\n"
        "                      e-mail) is shown and nothing is written unless --force\n"
        "  find TEXT [--limit N] [--format text|csv|json]\n"
        "                      search: name words (accents and case ignored), a\n"
        "                      phone number (any spacing) or a birth date\n"
        "  export ID [--format json|text]\n"
        "                      everything the file holds about the person\n"
        "  erase ID --reason TEXT\n"
        "                      anonymise the person now (right to erasure)\n"
        "\n"
        "Common options: --db FILE (config: db), --user NAME (audit log).\n"
        "Exit: 0 done, 1 refused (possible duplicate) or failed, 2 bad input,\n"
        "3 unsafe shared file.\n"), action);
}

struct person_args {
    const char *last, *first, *birth_name, *birth, *phone, *email, *address;
    const char *limit, *format;
    int force, help;
    const char *pos[2];
    int npos;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"last", required_argument, NULL, 'L'},
    {"first", required_argument, NULL, 'F'},
    {"birth-name", required_argument, NULL, 'N'},
    {"birth", required_argument, NULL, 'B'},
    {"phone", required_argument, NULL, 'P'},
    {"email", required_argument, NULL, 'E'},
    {"address", required_argument, NULL, 'A'},
    {"limit", required_argument, NULL, 'l'},
    {"format", required_argument, NULL, 'f'},
    {"force", no_argument, NULL, 'X'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* One option of the person commands (desk_parse_args). */
static void set_option(void *args, int letter, const char *value)
{
    struct person_args *a = args;
    switch (letter) {
    case 'L': a->last = value; break;
    case 'F': a->first = value; break;
    case 'N': a->birth_name = value; break;
    case 'B': a->birth = value; break;
    case 'P': a->phone = value; break;
    case 'E': a->email = value; break;
    case 'A': a->address = value; break;
    case 'l': a->limit = value; break;
    case 'f': a->format = value; break;
    case 'X': a->force = 1; break;
    }
}

static int parse(int argc, char **argv, const char *allowed,
                 const char *command, struct person_args *a)
{
    memset(a, 0, sizeof *a);
    return desk_parse_args(argc, argv, longopts, allowed, command,
                           &a->help, a->pos, 2, &a->npos, set_option, a);
}

/* Copies an option's text into a field; too long is bad input naming the
 * option (storage checks the rest: characters, UTF-8, dates). */
static int copy_field(char *dst, size_t size, const char *value,
                      const char *option)
{
    if (!value)
        return CLI_EXIT_OK;
    if (strlen(value) >= size) {
        cli_print_error(_("%s: %s"), option, _("too long"));
        return CLI_EXIT_USAGE;
    }
    memcpy(dst, value, strlen(value) + 1);
    return CLI_EXIT_OK;
}

/* One line of text output: the fields joined by " | ", without the empty
 * ones at the end (a person with no e-mail does not end in " | "); empty
 * fields in the middle stay, so each column keeps its place. CSV and JSON
 * keep every column. */
static void print_columns(FILE *out, const char *prefix, const char *const *fields, size_t n,
                          const char *suffix)
{
    while (n > 1 && !fields[n - 1][0])
        n--;
    char line[4096];
    size_t used = (size_t)snprintf(line, sizeof line, "%s", prefix);
    for (size_t i = 0; i < n && used < sizeof line; i++)
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%s", i ? " | " : "",
                                 fields[i]);
    desk_print_line(out, "%s%s", line, suffix);
}

/* The stored digits shown as every screen shows them: "06 12 34 56 78". */
static const char *grouped_phone(const char *stored, char *buf, size_t size)
{
    char digits[SEARCH_PHONE_LEN];
    if (search_phone_digits(stored, digits, sizeof digits) >= SEARCH_PHONE_MIN_DIGITS &&
        search_phone_grouped(digits, buf, size) == 0)
        return buf;
    return stored;
}

/* "12 | Dupont Marie (born Martin) | 12/03/1980 | 06 12 34 56 78". */
static void print_hit(const struct db_person_hit *h)
{
    char id[24], name[3 * DB_NAME_LEN + 32], born[DB_NAME_LEN + 32] = "";
    snprintf(id, sizeof id, "%lld", (long long)h->id);
    if (h->birth_name[0])
        snprintf(born, sizeof born, _(" (born %s)"), h->birth_name);
    snprintf(name, sizeof name, "%s %s%s", h->last_name, h->first_name, born);
    char phone[48];
    const char *f[] = {id, name, h->birth_date, grouped_phone(h->phone, phone, sizeof phone),
                       h->email};
    print_columns(stdout, "", f, sizeof f / sizeof f[0], "");
}

static int person_add(int argc, char **argv)
{
    struct person_args a;
    int rc = parse(argc, argv, "LFNBPEAX", "person add", &a);
    if (rc || a.help) {
        if (a.help)
            help(argv[0]);
        return rc;
    }
    if (a.npos) {
        cli_print_error(_("unexpected argument \"%s\" (see guichet %s --help)"),
                        a.pos[0], "person add");
        return CLI_EXIT_USAGE;
    }
    if (!a.last)
        return desk_missing("--last", "person add");
    struct db_person p;
    memset(&p, 0, sizeof p);
    if ((rc = copy_field(p.last_name, sizeof p.last_name, a.last, "--last")) ||
        (rc = copy_field(p.first_name, sizeof p.first_name, a.first, "--first")) ||
        (rc = copy_field(p.birth_name, sizeof p.birth_name, a.birth_name,
                         "--birth-name")) ||
        (rc = copy_field(p.birth_date, sizeof p.birth_date, a.birth, "--birth")) ||
        (rc = copy_field(p.phone, sizeof p.phone, a.phone, "--phone")) ||
        (rc = copy_field(p.email, sizeof p.email, a.email, "--email")) ||
        (rc = copy_field(p.address, sizeof p.address, a.address, "--address")))
        return rc;
    struct civil_date d;
    if (p.birth_date[0] && civil_parse_date(p.birth_date, &d) != 0) {
        cli_print_error(_("--birth: not a valid date: \"%s\" (DD/MM/YYYY)"),
                        p.birth_date);
        return CLI_EXIT_USAGE;
    }
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    struct db_duplicate *dups = NULL;
    size_t n = 0;
    if (db_person_duplicates(db, &p, &dups, &n, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    if (n > 0) {
        fprintf(stderr, "%s\n", _("guichet: this may be someone already known:"));
        for (size_t i = 0; i < n; i++) {
            const struct db_person_hit *h = &dups[i].person;
            char why[128], suffix[160], id[24], name[2 * DB_NAME_LEN + 2];
            char date[CIVIL_DATE_LEN] = "";
            struct civil_date bd;
            db_duplicate_describe(dups[i].reasons, why, sizeof why);
            snprintf(suffix, sizeof suffix, " (%s)", why);
            snprintf(id, sizeof id, "%lld", (long long)h->id);
            snprintf(name, sizeof name, "%s %s", h->last_name, h->first_name);
            if (h->birth_date[0] && civil_parse_date(h->birth_date, &bd) == 0)
                civil_format_date_fr(bd, date, sizeof date);
            char phone[48];
            const char *f[] = {id, name, date, grouped_phone(h->phone, phone, sizeof phone)};
            print_columns(stderr, "  ", f, sizeof f / sizeof f[0], suffix);
        }
        if (!a.force) {
            fprintf(stderr, "%s\n", _("guichet: nothing was written (--force "
                                      "to create the person anyway)"));
            free(dups);
            db_close(db);
            return CLI_EXIT_FAILURE;
        }
    }
    free(dups);
    if (db_person_add(db, &p, &err) == DB_OK)
        printf("%lld\n", (long long)p.id);
    else
        rc = desk_fail(NULL, &err);
    db_close(db);
    return rc;
}

static int person_find(int argc, char **argv)
{
    struct person_args a;
    int rc = parse(argc, argv, "lf", "person find", &a);
    if (rc || a.help) {
        if (a.help)
            help(argv[0]);
        return rc;
    }
    if (a.npos != 1)
        return a.npos ? cli_unexpected_argument(a.pos[1], "person find")
                      : desk_missing("TEXT", "person find");
    if (strspn(a.pos[0], " \t") == strlen(a.pos[0])) {
        /* An empty search would list everyone: not what a script means. */
        cli_print_error(_("%s: %s"), _("search text"), _("required"));
        return CLI_EXIT_USAGE;
    }
    long limit = 50;
    if (a.limit && cli_parse_long(a.limit, 1, DB_SEARCH_LIMIT_MAX, &limit))
        return desk_bad_value("--limit", a.limit);
    int format = a.format ? desk_parse_format(a.format, 0x7) : DESK_TEXT;
    if (format < 0)
        return desk_bad_value("--format", a.format);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_person_hit *hits = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_person_search(db, a.pos[0], (size_t)limit, &hits, &n, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    if (format == DESK_CSV) {
        const char *head[] = {_("Id"), _("Last name"), _("First name"),
                              _("Birth name"), _("Birth date"), _("Phone"),
                              _("E-mail")};
        safe_csv_bom(stdout);
        for (size_t i = 0; i < 7; i++)
            safe_csv_field(stdout, head[i], i == 0);
        safe_csv_end(stdout);
    } else if (format == DESK_JSON) {
        printf("[");
    }
    for (size_t i = 0; i < n; i++) {
        const struct db_person_hit *h = &hits[i];
        char id[24], date[CIVIL_DATE_LEN] = "";
        struct civil_date d;
        snprintf(id, sizeof id, "%lld", (long long)h->id);
        if (h->birth_date[0] && civil_parse_date(h->birth_date, &d) == 0)
            civil_format_date_fr(d, date, sizeof date);
        if (format == DESK_CSV) {
            const char *f[] = {id, h->last_name, h->first_name, h->birth_name,
                               date, h->phone, h->email};
            for (size_t k = 0; k < 7; k++)
                safe_csv_field(stdout, f[k], k == 0);
            safe_csv_end(stdout);
        } else if (format == DESK_JSON) {
            printf("%s\n  {\"id\": %s, \"last_name\": ", i ? "," : "", id);
            safe_json_string(stdout, h->last_name);
            printf(", \"first_name\": ");
            safe_json_string(stdout, h->first_name);
            printf(", \"birth_name\": ");
            safe_json_string(stdout, h->birth_name);
            printf(", \"birth_date\": ");
            if (h->birth_date[0])
                safe_json_string(stdout, h->birth_date);
            else
                printf("null");
            printf(", \"phone\": ");
            safe_json_string(stdout, h->phone);
            printf(", \"email\": ");
            safe_json_string(stdout, h->email);
            printf(", \"version\": %lld}", (long long)h->version);
        } else {
            struct db_person_hit shown = *h;
            snprintf(shown.birth_date, sizeof shown.birth_date, "%s", date);
            print_hit(&shown);
        }
    }
    if (format == DESK_JSON)
        printf("%s]\n", n ? "\n" : "");
    free(hits);
    db_close(db);
    return CLI_EXIT_OK;
}

int cli_cmd_person(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"add", person_add},
        {"find", person_find},
        {"export", cli_person_export},
        {"erase", cli_person_erase},
    };
    return cli_run_action(argc, argv, "person", actions,
                          sizeof actions / sizeof actions[0], help);
}
