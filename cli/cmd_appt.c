/* cmd_appt.c - `guichet appt add|move|cancel|status|arrive|list|slots`:
 * the console's appointment work for scripts, with the same rules,
 * messages and audit rows (storage does the work; this file reads options,
 * asks storage for the booking warnings and refuses unless the user forced
 * them, and prints). A refused command exits non-zero and writes nothing.
 * Edits apply to the appointment as it is now (DB_VERSION_CURRENT): the
 * command-line user saw no older version. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "../common/clock.h"
#include "../common/i18n.h"

/* Every option of every action; each action says which it accepts. */
struct appt_args {
    const char *site, *agent, *motif, *person, *at, *duration, *note;
    const char *by, *reason, *date, *format, *from, *count, *days;
    int overbook, force, undo, conflicts, help;
    const char *pos[4];
    int npos;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"agent", required_argument, NULL, 'a'},
    {"motif", required_argument, NULL, 'm'},
    {"person", required_argument, NULL, 'p'},
    {"at", required_argument, NULL, 't'},
    {"duration", required_argument, NULL, 'D'},
    {"note", required_argument, NULL, 'n'},
    {"by", required_argument, NULL, 'b'},
    {"reason", required_argument, NULL, 'r'},
    {"date", required_argument, NULL, 'e'},
    {"format", required_argument, NULL, 'f'},
    {"from", required_argument, NULL, 'F'},
    {"count", required_argument, NULL, 'c'},
    {"days", required_argument, NULL, 'y'},
    {"overbook", no_argument, NULL, 'O'},
    {"force", no_argument, NULL, 'X'},
    {"undo", no_argument, NULL, 'U'},
    {"conflicts", no_argument, NULL, 'K'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* One option of the appointment commands (desk_parse_args). */
static void set_option(void *args, int letter, const char *value)
{
    struct appt_args *a = args;
    switch (letter) {
    case 's': a->site = value; break;
    case 'a': a->agent = value; break;
    case 'm': a->motif = value; break;
    case 'p': a->person = value; break;
    case 't': a->at = value; break;
    case 'D': a->duration = value; break;
    case 'n': a->note = value; break;
    case 'b': a->by = value; break;
    case 'r': a->reason = value; break;
    case 'e': a->date = value; break;
    case 'f': a->format = value; break;
    case 'F': a->from = value; break;
    case 'c': a->count = value; break;
    case 'y': a->days = value; break;
    case 'O': a->overbook = 1; break;
    case 'X': a->force = 1; break;
    case 'U': a->undo = 1; break;
    case 'K': a->conflicts = 1; break;
    }
}

/* Parses argv (argv[0] = the action); `allowed` lists the option letters
 * the action takes ("du" are always allowed, and h). */
static int parse(int argc, char **argv, const char *allowed,
                 const char *command, struct appt_args *a)
{
    memset(a, 0, sizeof *a);
    return desk_parse_args(argc, argv, longopts, allowed, command,
                           &a->help, a->pos, 4, &a->npos, set_option, a);
}

/* Exactly `n` positional arguments. */
static int want_args(const struct appt_args *a, int n, const char *what,
                     const char *command)
{
    if (a->npos == n)
        return CLI_EXIT_OK;
    if (a->npos < n)
        return desk_missing(what, command);
    cli_print_error(_("unexpected argument \"%s\" (see guichet %s --help)"),
                    a->pos[n], command);
    return CLI_EXIT_USAGE;
}

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet appt ACTION [options]\n"
        "  add --site S --agent A --motif M --person ID --at \"YYYY-MM-DD HH:MM\"\n"
        "      [--duration MIN] [--note TEXT] [--overbook] [--force]\n"
        "                      book; prints the new appointment's id\n"
        "  move ID [--at \"YYYY-MM-DD HH:MM\"] [--agent A] [--duration MIN]\n"
        "      [--overbook] [--force]\n"
        "                      move and/or resize (history and booking date kept)\n"
        "  cancel ID --by person|service --reason TEXT\n"
        "                      cancel: excused (by the person) or revoked (by the service)\n"
        "  status ID seen|noshow|unknown|excused|revoked [--reason TEXT]\n"
        "                      record the outcome (as the clock allows it)\n"
        "  arrive ID [--undo]  the person is at the desk (now), or take it back\n"
        "  list --date D [--site S] [--format text|csv|json]\n"
        "                      the day's appointments (every site by default)\n"
        "  list --conflicts [--date D] [--site S] [--format text|csv|json]\n"
        "                      appointments left outside opening hours or during\n"
        "                      an absence: that day, or from today for a year\n"
        "  slots --motif M [--site S] [--agent A] [--from \"YYYY-MM-DD HH:MM\"]\n"
        "      [--days N] [--count N] [--format text|csv|json]\n"
        "                      next free slots (opening hours, absences, holidays)\n"
        "\n"
        "Common options: --db FILE (config: db), --user NAME (recorded in the\n"
        "audit log; config: user; default: login name).\n"
        "Sites, agents and motifs are named by id or by name (an agent also by\n"
        "login). Booking in the past, outside opening hours, during an absence, on\n"
        "a public holiday or twice the same day for the same motif is refused\n"
        "unless --force; an overlap with the agent's other appointments is refused\n"
        "unless --overbook (recorded as an overbooking).\n"
        "CSV: ';' separated, UTF-8 with a byte order mark, CRLF line ends.\n"
        "Exit: 0 done, 1 refused or failed, 2 bad input, 3 unsafe shared file.\n"), action);
}

static int parse_minutes(const char *text, const char *option, int *out)
{
    long v = 0;
    if (cli_parse_long(text, 1, BOOKING_MAX_MINUTES, &v) != 0)
        return desk_bad_value(option, text);
    *out = (int)v;
    return CLI_EXIT_OK;
}

/* The site's own clock when there is one site; across sites, the
 * machine's. */
static void now_civil(struct db *db, int64_t site_id,
                      struct civil_datetime *now)
{
    if (site_id)
        db_site_now(db, site_id, now);
    else
        clock_now(now, NULL);
}

/* Asks storage for the booking warnings of `a` and decides: errors are
 * bad input, warnings need --force, an overlap needs --overbook (then
 * a->overbooked is set). */
static int vet_booking(struct db *db, struct db_appt *a, int force,
                       int overbook)
{
    unsigned flags = 0;
    struct db_error err = {0};
    if (db_appt_check(db, a, &flags, &err) != DB_OK)
        return desk_fail(NULL, &err);
    char words[512];
    if (flags & BOOKING_ERRORS) {
        db_booking_describe(flags & BOOKING_ERRORS, words, sizeof words);
        cli_print_error("--at: %s", words);
        return CLI_EXIT_USAGE;
    }
    unsigned warnings = flags & ~(unsigned)BOOKING_OVERLAP;
    if (warnings) {
        db_booking_describe(warnings, words, sizeof words);
        if (!force) {
            cli_print_error(_("warning: %s; nothing was written (--force to "
                              "book anyway)"), words);
            return CLI_EXIT_FAILURE;
        }
        fprintf(stderr, _("guichet: warning accepted: %s\n"), words);
    }
    if (flags & BOOKING_OVERLAP) {
        if (!overbook) {
            cli_print_error("%s", _("the agent already has an appointment "
                                    "then; nothing was written (--overbook "
                                    "to overbook)"));
            return CLI_EXIT_FAILURE;
        }
        a->overbooked = 1;
    }
    return CLI_EXIT_OK;
}

/* "YYYY-MM-DD HH:MM" (or a French form) from --at, in ISO. */
static int parse_at(const char *text, struct civil_datetime *out,
                    char iso[CIVIL_DATETIME_LEN])
{
    if (civil_parse_datetime(text, out) != 0 ||
        civil_format_datetime(*out, iso, CIVIL_DATETIME_LEN) != 0) {
        cli_print_error(_("--at: not a valid date and time: \"%s\" "
                          "(YYYY-MM-DD HH:MM)"), text);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}

/* The start of every command: options, then exactly `n` arguments
 * (`what`). Prints the help when asked (a->help set, CLI_EXIT_OK
 * returned). */
static int parse_command(int argc, char **argv, const char *allowed, int n,
                         const char *what, const char *command,
                         struct appt_args *a)
{
    int rc = parse(argc, argv, allowed, command, a);
    if (rc || a->help) {
        if (a->help)
            help(argv[0]);
        return rc;
    }
    return want_args(a, n, what, command);
}

/* The start of the commands on one appointment: parse_command, the first
 * argument being the appointment's id. */
static int parse_with_id(int argc, char **argv, const char *allowed, int n,
                         const char *what, const char *command,
                         struct appt_args *a, int64_t *id)
{
    *id = 0;
    int rc = parse_command(argc, argv, allowed, n, what, command, a);
    if (rc || a->help)
        return rc;
    return desk_parse_id(a->pos[0], _("appointment"), id);
}

/* ---- add ---------------------------------------------------------------- */

static int appt_add(int argc, char **argv)
{
    struct appt_args a;
    int rc = parse_command(argc, argv, "samptDnOX", 0, "", "appt add", &a);
    if (rc || a.help)
        return rc;
    const char *need[][2] = {{a.site, "--site"}, {a.agent, "--agent"},
                             {a.motif, "--motif"}, {a.person, "--person"},
                             {a.at, "--at"}};
    for (size_t i = 0; i < 5; i++)
        if (!need[i][0])
            return desk_missing(need[i][1], "appt add");
    struct db_appt appt;
    memset(&appt, 0, sizeof appt);
    struct civil_datetime start, end;
    int duration = 0;
    if ((rc = parse_at(a.at, &start, appt.starts_at)) ||
        (a.duration && (rc = parse_minutes(a.duration, "--duration", &duration))) ||
        (rc = desk_parse_id(a.person, "--person", &appt.person_id)))
        return rc;
    if (a.note) {
        if (strlen(a.note) >= sizeof appt.context) {
            cli_print_error(_("--note: %s"), _("too long"));
            return CLI_EXIT_USAGE;
        }
        snprintf(appt.context, sizeof appt.context, "%s", a.note);
    }
    struct db *db = NULL;
    /* The names, the checks and the booking in the opening's read
     * transaction: in dot-file mode one lock for all (round trips on a
     * share); the booking's unit re-reads and validates under the write
     * lock either way. */
    if ((rc = desk_open_reading(&db)))
        return rc;
    db_appt_read_ahead_roots(db);
    struct db_site site;
    struct db_agent agent;
    struct db_motif motif;
    if ((rc = desk_find_site(db, a.site, &site)) ||
        (rc = desk_find_agent(db, a.agent, &agent)) ||
        (rc = desk_find_motif(db, a.motif, &motif))) {
        db_close(db);
        return rc;
    }
    appt.site_id = site.id;
    appt.agent_id = agent.id;
    appt.motif_id = motif.id;
    if (!duration)
        duration = motif.duration_minutes;
    if (civil_datetime_add_minutes(start, duration, &end) != 0 ||
        civil_format_datetime(end, appt.ends_at, sizeof appt.ends_at) != 0) {
        db_close(db);
        return desk_bad_value("--duration", a.duration ? a.duration : "");
    }
    rc = vet_booking(db, &appt, a.force, a.overbook);
    struct db_error err = {0};
    if (rc == CLI_EXIT_OK) {
        if (db_appt_book(db, &appt, &err) == DB_OK)
            printf("%lld\n", (long long)appt.id);
        else
            rc = desk_fail(NULL, &err);
    }
    db_view_end(db);
    db_close(db);
    return rc;
}

/* ---- move ---------------------------------------------------------------- */

static int appt_move(int argc, char **argv)
{
    struct appt_args a;
    int64_t id = 0;
    int rc = parse_with_id(argc, argv, "taDOX", 1, "ID", "appt move",
                           &a, &id);
    if (rc || a.help)
        return rc;
    if (!a.at && !a.agent && !a.duration)
        return desk_missing("--at, --agent or --duration", "appt move");
    struct db_reschedule r;
    memset(&r, 0, sizeof r);
    struct civil_datetime start, end;
    if ((a.at && (rc = parse_at(a.at, &start, r.starts_at))) ||
        (a.duration && (rc = parse_minutes(a.duration, "--duration",
                                           &r.duration_minutes))))
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    struct db_appt cur;
    struct db_agent agent;
    if (db_appt_get(db, id, &cur, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    if (a.agent && (rc = desk_find_agent(db, a.agent, &agent))) {
        db_close(db);
        return rc;
    }
    if (a.agent)
        r.agent_id = agent.id;
    /* the appointment as it would be, for the warnings */
    struct db_appt next = cur;
    struct civil_datetime old_start, old_end;
    civil_parse_datetime(cur.starts_at, &old_start);
    civil_parse_datetime(cur.ends_at, &old_end);
    if (!a.at)
        start = old_start;
    int minutes = r.duration_minutes
                      ? r.duration_minutes
                      : (int)(civil_datetime_to_minutes(old_end) -
                              civil_datetime_to_minutes(old_start));
    civil_format_datetime(start, next.starts_at, sizeof next.starts_at);
    if (civil_datetime_add_minutes(start, minutes, &end) == 0)
        civil_format_datetime(end, next.ends_at, sizeof next.ends_at);
    if (r.agent_id)
        next.agent_id = r.agent_id;
    rc = vet_booking(db, &next, a.force, a.overbook);
    r.overbook = next.overbooked;
    if (rc == CLI_EXIT_OK &&
        db_appt_reschedule(db, id, DB_VERSION_CURRENT, &r, NULL, &err) != DB_OK)
        rc = desk_fail(NULL, &err);
    db_close(db);
    return rc;
}

/* ---- cancel, status, arrive ---------------------------------------------- */

static int appt_cancel(int argc, char **argv)
{
    struct appt_args a;
    int64_t id = 0;
    int rc = parse_with_id(argc, argv, "br", 1, "ID", "appt cancel",
                           &a, &id);
    if (rc || a.help)
        return rc;
    if (!a.by)
        return desk_missing("--by person|service", "appt cancel");
    if (!a.reason)
        return desk_missing("--reason", "appt cancel");
    enum appt_status how;
    if (strcmp(a.by, "person") == 0)
        how = APPT_EXCUSED;
    else if (strcmp(a.by, "service") == 0)
        how = APPT_REVOKED;
    else
        return desk_bad_value("--by", a.by);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    if (db_appt_cancel(db, id, DB_VERSION_CURRENT, how, a.reason, NULL, &err))
        rc = desk_fail(NULL, &err);
    db_close(db);
    return rc;
}

static int appt_status(int argc, char **argv)
{
    struct appt_args a;
    int64_t id = 0;
    int rc = parse_with_id(argc, argv, "r", 2, "ID STATUS", "appt status",
                           &a, &id);
    if (rc || a.help)
        return rc;
    enum appt_status to;
    if (appt_status_parse(a.pos[1], &to) != 0)
        return desk_bad_value(_("status"), a.pos[1]);
    int cancel = appt_status_is_cancelled(to);
    if (cancel && !a.reason)
        return desk_missing("--reason", "appt status");
    if (!cancel && a.reason) {
        cli_print_error("%s", _("--reason goes with excused or revoked"));
        return CLI_EXIT_USAGE;
    }
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    int s = cancel ? db_appt_cancel(db, id, DB_VERSION_CURRENT, to, a.reason,
                                    NULL, &err)
                   : db_appt_set_status(db, id, DB_VERSION_CURRENT, to, NULL,
                                        &err);
    if (s != DB_OK)
        rc = desk_fail(NULL, &err);
    db_close(db);
    return rc;
}

static int appt_arrive(int argc, char **argv)
{
    struct appt_args a;
    int64_t id = 0;
    int rc = parse_with_id(argc, argv, "U", 1, "ID", "appt arrive",
                           &a, &id);
    if (rc || a.help)
        return rc;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    if (db_appt_arrive(db, id, DB_VERSION_CURRENT, a.undo, NULL, &err))
        rc = desk_fail(NULL, &err);
    db_close(db);
    return rc;
}

/* ---- list ---------------------------------------------------------------- */

static void hhmm(const char *datetime, char out[CIVIL_TIME_LEN])
{
    snprintf(out, CIVIL_TIME_LEN, "%s", strlen(datetime) >= 16 ? datetime + 11 : "");
}

static void list_text(const struct db_appt_row *rows, size_t n,
                      struct civil_datetime now)
{
    for (size_t i = 0; i < n; i++) {
        const struct db_appt *a = &rows[i].day.appt;
        char s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN], t[CIVIL_TIME_LEN] = "";
        char reason[DB_TEXT_LEN + 64] = "", arrived[64] = "";
        hhmm(a->starts_at, s);
        hhmm(a->ends_at, e);
        if (rows[i].cancel_reason[0])
            snprintf(reason, sizeof reason, _(", reason: %s"), rows[i].cancel_reason);
        if (a->arrived_at[0]) {
            hhmm(a->arrived_at, t);
            snprintf(arrived, sizeof arrived, _(", arrived %s"), t);
        }
        desk_print_line(stdout, "%lld | %.10s %s-%s | %s | %s %s | %s | %s %s | %s%s%s%s%s",
                        (long long)a->id, a->starts_at, s, e, rows[i].site_name,
                        rows[i].agent_first, rows[i].agent_last, rows[i].day.motif_name,
                        rows[i].day.person_last, rows[i].day.person_first,
                        desk_status_word(a, now), reason, arrived,
                        a->overbooked ? ", " : "", a->overbooked ? _("overbooked") : "");
    }
}

static void list_csv(const struct db_appt_row *rows, size_t n,
                     struct civil_datetime now)
{
    const char *head[] = {_("Id"), _("Date"), _("Start"), _("End"), _("Site"),
                          _("Agent"), _("Motif"), _("Person id"),
                          _("Last name"), _("First name"), _("Phone"),
                          _("Status"), _("Cancellation reason"), _("Arrived"),
                          _("Note")};
    safe_csv_bom(stdout);
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        safe_csv_field(stdout, head[i], i == 0);
    safe_csv_end(stdout);
    for (size_t i = 0; i < n; i++) {
        const struct db_appt *a = &rows[i].day.appt;
        char id[24], pid[24] = "", date[CIVIL_DATE_LEN] = "";
        char s[CIVIL_TIME_LEN], e[CIVIL_TIME_LEN], t[CIVIL_TIME_LEN] = "";
        char agent[2 * DB_NAME_LEN + 2];
        struct civil_datetime start;
        snprintf(id, sizeof id, "%lld", (long long)a->id);
        if (a->person_id)
            snprintf(pid, sizeof pid, "%lld", (long long)a->person_id);
        if (civil_parse_datetime(a->starts_at, &start) == 0)
            civil_format_date_fr(start.date, date, sizeof date);
        hhmm(a->starts_at, s);
        hhmm(a->ends_at, e);
        if (a->arrived_at[0])
            hhmm(a->arrived_at, t);
        snprintf(agent, sizeof agent, "%s %s", rows[i].agent_first,
                 rows[i].agent_last);
        const char *fields[] = {id, date, s, e, rows[i].site_name, agent,
                                rows[i].day.motif_name, pid,
                                rows[i].day.person_last,
                                rows[i].day.person_first,
                                rows[i].person_phone,
                                desk_status_word(a, now), rows[i].cancel_reason,
                                t, a->context};
        for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++)
            safe_csv_field(stdout, fields[k], k == 0);
        safe_csv_end(stdout);
    }
}

static void json_pair(const char *key, const char *value, int first)
{
    printf("%s\"%s\": ", first ? "" : ", ", key);
    safe_json_string(stdout, value);
}

static void list_json(const struct db_appt_row *rows, size_t n,
                      struct civil_datetime now)
{
    printf("[");
    for (size_t i = 0; i < n; i++) {
        const struct db_appt *a = &rows[i].day.appt;
        char agent[2 * DB_NAME_LEN + 2];
        snprintf(agent, sizeof agent, "%s %s", rows[i].agent_first,
                 rows[i].agent_last);
        printf("%s\n  {\"id\": %lld, \"site_id\": %lld, \"agent_id\": %lld,"
               " \"motif_id\": %lld, \"person_id\": %lld, ",
               i ? "," : "", (long long)a->id, (long long)a->site_id,
               (long long)a->agent_id, (long long)a->motif_id,
               (long long)a->person_id);
        json_pair("starts_at", a->starts_at, 1);
        json_pair("ends_at", a->ends_at, 0);
        json_pair("site", rows[i].site_name, 0);
        json_pair("agent", agent, 0);
        json_pair("motif", rows[i].day.motif_name, 0);
        json_pair("last_name", rows[i].day.person_last, 0);
        json_pair("first_name", rows[i].day.person_first, 0);
        json_pair("status", appt_status_name(a->status), 0);
        json_pair("shown_as", desk_status_word(a, now), 0);
        printf(", \"arrived_at\": ");
        if (a->arrived_at[0])
            safe_json_string(stdout, a->arrived_at);
        else
            printf("null");
        printf(", \"overbooked\": %s", a->overbooked ? "true" : "false");
        json_pair("cancel_reason", rows[i].cancel_reason, 0);
        json_pair("note", a->context, 0);
        printf(", \"version\": %lld}", (long long)a->version);
    }
    printf("%s]\n", n ? "\n" : "");
}

/* `appt list --conflicts`: that day, or from the site's today for a
 * year. */
static int list_conflicts(const struct appt_args *a)
{
    int format = a->format ? desk_parse_format(a->format, 0x7) : DESK_TEXT;
    if (format < 0)
        return desk_bad_value("--format", a->format);
    struct civil_date from, to;
    if (a->date && civil_parse_date(a->date, &from) != 0)
        return desk_bad_value("--date", a->date);
    struct db *db = NULL;
    int rc = desk_open(&db);
    if (rc)
        return rc;
    struct db_site site = {0};
    if (a->site && (rc = desk_find_site(db, a->site, &site))) {
        db_close(db);
        return rc;
    }
    if (!a->date) {
        struct civil_datetime now;
        now_civil(db, site.id, &now);
        from = now.date;
    }
    civil_date_add_days(from, a->date ? 1 : 366, &to);
    struct db_stranded *l = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_appt_conflicts(db, site.id, 0, from, to, &l, &n, &err) != DB_OK)
        rc = desk_fail(NULL, &err);
    else
        desk_print_stranded(l, n, format);
    free(l);
    db_close(db);
    return rc;
}

static int appt_list(int argc, char **argv)
{
    struct appt_args a;
    int rc = parse_command(argc, argv, "sefK", 0, "", "appt list", &a);
    if (rc || a.help)
        return rc;
    if (a.conflicts)
        return list_conflicts(&a);
    if (!a.date)
        return desk_missing("--date", "appt list");
    struct civil_date day, next;
    if (civil_parse_date(a.date, &day) != 0 ||
        civil_date_add_days(day, 1, &next) != 0)
        return desk_bad_value("--date", a.date);
    int format = a.format ? desk_parse_format(a.format, 0x7) : DESK_TEXT;
    if (format < 0)
        return desk_bad_value("--format", a.format);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_site site = {0};
    if (a.site && (rc = desk_find_site(db, a.site, &site))) {
        db_close(db);
        return rc;
    }
    struct db_appt_row *rows = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_appt_range(db, site.id, day, next, &rows, &n, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    struct civil_datetime now;
    now_civil(db, site.id, &now);
    if (format == DESK_CSV)
        list_csv(rows, n, now);
    else if (format == DESK_JSON)
        list_json(rows, n, now);
    else
        list_text(rows, n, now);
    free(rows);
    db_close(db);
    return CLI_EXIT_OK;
}

/* ---- slots --------------------------------------------------------------- */

static int appt_slots(int argc, char **argv)
{
    struct appt_args a;
    int rc = parse_command(argc, argv, "samFcyf", 0, "", "appt slots", &a);
    if (rc || a.help)
        return rc;
    if (!a.motif)
        return desk_missing("--motif", "appt slots");
    struct db_slot_search q;
    memset(&q, 0, sizeof q);
    long count = 10, days = 0;
    struct civil_datetime from;
    if (a.from && parse_at(a.from, &from, q.earliest))
        return CLI_EXIT_USAGE;
    if (a.count && cli_parse_long(a.count, 1, 500, &count))
        return desk_bad_value("--count", a.count);
    if (a.days && cli_parse_long(a.days, 1, 366, &days))
        return desk_bad_value("--days", a.days);
    q.days = (int)days;
    int format = a.format ? desk_parse_format(a.format, 0x7) : DESK_TEXT;
    if (format < 0)
        return desk_bad_value("--format", a.format);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_site site = {0};
    struct db_agent agent = {0};
    struct db_motif motif;
    if ((rc = desk_find_motif(db, a.motif, &motif)) ||
        (a.site && (rc = desk_find_site(db, a.site, &site))) ||
        (a.agent && (rc = desk_find_agent(db, a.agent, &agent)))) {
        db_close(db);
        return rc;
    }
    q.motif_id = motif.id;
    q.site_id = site.id;
    q.agent_id = agent.id;
    struct slot *slots = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_slots_find(db, &q, (size_t)count, &slots, &n, &err) != DB_OK) {
        db_close(db);
        return desk_fail(NULL, &err);
    }
    if (format == DESK_CSV) {
        safe_csv_bom(stdout);
        const char *head[] = {_("Start"), _("End"), _("Agent id"), _("Agent"),
                              _("Site id"), _("Site")};
        for (size_t i = 0; i < 6; i++)
            safe_csv_field(stdout, head[i], i == 0);
        safe_csv_end(stdout);
    } else if (format == DESK_JSON) {
        printf("[");
    }
    struct db_site slot_site = {0};
    for (size_t i = 0; i < n; i++) {
        char s[CIVIL_DATETIME_LEN], e[CIVIL_DATETIME_LEN], ids[2][24];
        char name[2 * DB_NAME_LEN + 2] = "";
        struct db_agent who;
        civil_format_datetime(slots[i].start, s, sizeof s);
        civil_format_datetime(slots[i].end, e, sizeof e);
        if (db_agent_get(db, slots[i].agent_id, &who, &err) == DB_OK)
            snprintf(name, sizeof name, "%s %s", who.first_name, who.last_name);
        /* The slot's site by name (a few sites: read when it changes). */
        if (slot_site.id != slots[i].site_id &&
            db_site_get(db, slots[i].site_id, &slot_site, &err) != DB_OK) {
            memset(&slot_site, 0, sizeof slot_site);
            snprintf(slot_site.name, sizeof slot_site.name, "%lld",
                     (long long)slots[i].site_id);
        }
        snprintf(ids[0], sizeof ids[0], "%lld", (long long)slots[i].agent_id);
        snprintf(ids[1], sizeof ids[1], "%lld", (long long)slots[i].site_id);
        if (format == DESK_CSV) {
            const char *f[] = {s, e, ids[0], name, ids[1], slot_site.name};
            for (size_t k = 0; k < 6; k++)
                safe_csv_field(stdout, f[k], k == 0);
            safe_csv_end(stdout);
        } else if (format == DESK_JSON) {
            printf("%s\n  {", i ? "," : "");
            json_pair("starts_at", s, 1);
            json_pair("ends_at", e, 0);
            printf(", \"agent_id\": %s, \"site_id\": %s", ids[0], ids[1]);
            json_pair("agent", name, 0);
            json_pair("site", slot_site.name, 0);
            printf("}");
        } else {
            desk_print_line(stdout, "%s-%s | %s | %s", s, e + 11, name, slot_site.name);
        }
    }
    if (format == DESK_JSON)
        printf("%s]\n", n ? "\n" : "");
    free(slots);
    db_close(db);
    return CLI_EXIT_OK;
}

int cli_cmd_appt(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"add", appt_add},       {"move", appt_move},
        {"cancel", appt_cancel}, {"status", appt_status},
        {"arrive", appt_arrive}, {"list", appt_list},
        {"slots", appt_slots},
    };
    return cli_run_action(argc, argv, "appt", actions,
                          sizeof actions / sizeof actions[0], help);
}
