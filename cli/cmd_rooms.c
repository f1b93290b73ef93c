/* cmd_rooms.c - places and borrowers of room loans from the command line:
 * `guichet site add`, `guichet room add|list|free`, `guichet association
 * add|list` and `guichet holidays import FILE` (the national school-calendar
 * export). Same rules and audit as the console; refused = nothing written. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "loans_cli.h"
#include "../common/i18n.h"

struct rooms_args {
    struct desk_args base;
    const char *name, *kind, *academie, *uai, *zone, *address, *site, *capacity,
        *accessibility, *rna, *siret, *contact, *phone, *email, *insurance, *weekday, *time,
        *from, *to, *format, *equipment;
    int alsace;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"name", required_argument, NULL, 'n'},
    {"kind", required_argument, NULL, 'k'},
    {"academie", required_argument, NULL, 'a'},
    {"uai", required_argument, NULL, 'U'},
    {"zone", required_argument, NULL, 'z'},
    {"address", required_argument, NULL, 'A'},
    {"alsace-moselle", no_argument, NULL, 'M'},
    {"capacity", required_argument, NULL, 'c'},
    {"accessibility", required_argument, NULL, 'x'},
    {"equipment", required_argument, NULL, 'q'},
    {"rna", required_argument, NULL, 'R'},
    {"siret", required_argument, NULL, 'S'},
    {"contact", required_argument, NULL, 'C'},
    {"phone", required_argument, NULL, 'P'},
    {"email", required_argument, NULL, 'E'},
    {"insurance-until", required_argument, NULL, 'I'},
    {"weekday", required_argument, NULL, 'w'},
    {"time", required_argument, NULL, 't'},
    {"from", required_argument, NULL, 'F'},
    {"to", required_argument, NULL, 'T'},
    {"format", required_argument, NULL, 'f'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void set_option(void *args, int letter, const char *v)
{
    struct rooms_args *a = args;
    switch (letter) {
    case 'n': a->name = v; break;
    case 'k': a->kind = v; break;
    case 'a': a->academie = v; break;
    case 'U': a->uai = v; break;
    case 'z': a->zone = v; break;
    case 'A': a->address = v; break;
    case 'M': a->alsace = 1; break;
    case 's': a->site = v; break;
    case 'c': a->capacity = v; break;
    case 'x': a->accessibility = v; break;
    case 'q': a->equipment = v; break;
    case 'R': a->rna = v; break;
    case 'S': a->siret = v; break;
    case 'C': a->contact = v; break;
    case 'P': a->phone = v; break;
    case 'E': a->email = v; break;
    case 'I': a->insurance = v; break;
    case 'w': a->weekday = v; break;
    case 't': a->time = v; break;
    case 'F': a->from = v; break;
    case 'T': a->to = v; break;
    case 'f': a->format = v; break;
    }
}

static int parse(int argc, char **argv, void (*show_help)(const char *action),
                 const struct desk_action *act, struct rooms_args *a)
{
    const struct desk_options o = {longopts, set_option, show_help};
    return desk_parse_action(argc, argv, &o, act, a, sizeof *a);
}

int loans_copy(char *dst, size_t size, const char *value, const char *option)
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

int loans_fail(const char *what, const struct db_error *err)
{
    /* Loan overlaps carry their own sentence (the date and the request). */
    if (err->status == DB_ERR_OVERLAP) {
        if (what)
            cli_print_error(_("%s: %s"), what, err->detail);
        else
            cli_print_error("%s", err->detail);
        return desk_exit_code(err->status);
    }
    return desk_fail(what, err);
}

/* ---- site add ----------------------------------------------------------- */

static void site_help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet site add --name N --kind college --academie A [--uai CODE]\n"
        "       [--zone Z] [--address TEXT] [--alsace-moselle]\n"
        "  Adds a collège whose rooms are lent to associations. The school-holiday\n"
        "  zone follows from the académie (--zone for an académie not in the list).\n"
        "  --kind social adds a social-services office (no académie).\n"
        "Prints the new site's id. Exit: 0 done, 1 refused, 2 bad input.\n"), action);
}

static int site_add(int argc, char **argv)
{
    static const struct desk_action act = {"site add", "nkaUzAM", "n"};
    struct rooms_args a;
    int rc = parse(argc, argv, site_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    const char *kind = a.kind ? a.kind : "college";
    int college = strcmp(kind, "college") == 0 || strcmp(kind, "collège") == 0;
    if (!college && strcmp(kind, "social") != 0)
        return desk_bad_value("--kind", kind);
    struct db *db = NULL;
    struct db_error err = {0};
    if (college) {
        struct db_college c;
        memset(&c, 0, sizeof c);
        if ((rc = loans_copy(c.name, sizeof c.name, a.name, "--name")) ||
            (rc = loans_copy(c.academie, sizeof c.academie, a.academie, "--academie")) ||
            (rc = loans_copy(c.uai, sizeof c.uai, a.uai, "--uai")) ||
            (rc = loans_copy(c.school_zone, sizeof c.school_zone, a.zone, "--zone")) ||
            (rc = loans_copy(c.address, sizeof c.address, a.address, "--address")))
            return rc;
        if (!a.academie && !a.zone)
            return desk_missing("--academie", "site add");
        c.holiday_flags = a.alsace ? 1u : 0u;
        if ((rc = desk_open(&db)))
            return rc;
        if (db_college_add(db, &c, &err) == DB_OK)
            printf("%lld\n", (long long)c.site_id);
        else
            rc = loans_fail(NULL, &err);
    } else {
        struct db_site s;
        memset(&s, 0, sizeof s);
        if ((rc = loans_copy(s.name, sizeof s.name, a.name, "--name")) ||
            (rc = loans_copy(s.address, sizeof s.address, a.address, "--address")))
            return rc;
        s.kind = DB_SITE_SOCIAL;
        s.holiday_flags = a.alsace ? 1u : 0u;
        if ((rc = desk_open(&db)))
            return rc;
        if (db_site_add(db, &s, &err) == DB_OK)
            printf("%lld\n", (long long)s.id);
        else
            rc = loans_fail(NULL, &err);
    }
    db_close(db);
    return rc;
}

/* ---- rooms -------------------------------------------------------------- */

static void room_help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet room ACTION [options]\n"
        "  add --site S --name N --capacity N [--kind K] [--accessibility TEXT]\n"
        "      [--equipment NAME=QTY[,NAME=QTY...]]   adds a room; prints its id\n"
        "  list [--site S] [--capacity N]             rooms with their capacity\n"
        "  free --weekday W --time HH:MM-HH:MM --from D --to D [--site S]\n"
        "       [--capacity N]   rooms free on every date of the period, or the\n"
        "                        dates on which an approved loan is there\n"
        "  blackout add|list|remove   days a room is not lent (guichet room\n"
        "                             blackout --help)\n"
        "Exit: 0 done, 1 refused, 2 bad input.\n"), action);
}

int loans_find_site(struct db *db, const char *text, int64_t *site_id)
{
    struct db_site s;
    int rc = desk_find_site(db, text, &s);
    if (rc == CLI_EXIT_OK)
        *site_id = s.id;
    return rc;
}

static int room_add(int argc, char **argv)
{
    static const struct desk_action act = {"room add", "snckxq", "snc"};
    struct rooms_args a;
    int rc = parse(argc, argv, room_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    struct db_room r;
    memset(&r, 0, sizeof r);
    long cap;
    if (cli_parse_long(a.capacity, 1, 100000, &cap) != 0)
        return desk_bad_value("--capacity", a.capacity);
    r.capacity = (int)cap;
    if ((rc = loans_copy(r.name, sizeof r.name, a.name, "--name")) ||
        (rc = loans_copy(r.kind, sizeof r.kind, a.kind, "--kind")) ||
        (rc = loans_copy(r.accessibility, sizeof r.accessibility, a.accessibility,
                         "--accessibility")))
        return rc;
    /* Read before the file is opened: a bad piece changes nothing. */
    struct db_equipment eq[DB_ROOM_MAX_EQUIPMENT];
    size_t neq = 0;
    char bad[64] = "";
    if (a.equipment && (strlen(a.equipment) >= 1024 ||
                        db_equipment_parse(a.equipment, eq, DB_ROOM_MAX_EQUIPMENT, &neq, bad,
                                           sizeof bad) != 0))
        return desk_bad_value("--equipment", bad[0] ? bad : a.equipment);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    if ((rc = loans_find_site(db, a.site, &r.site_id)) == CLI_EXIT_OK) {
        /* the room and its equipment: one write, one audit row */
        if (db_room_save(db, &r, eq, neq, 0, NULL, &err) != DB_OK)
            rc = loans_fail(NULL, &err);
        else
            printf("%lld\n", (long long)r.id);
    }
    db_close(db);
    return rc;
}

static int room_list(int argc, char **argv)
{
    static const struct desk_action act = {"room list", "sc"};
    struct rooms_args a;
    int rc = parse(argc, argv, room_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    long cap = 0;
    if (a.capacity && cli_parse_long(a.capacity, 0, 100000, &cap) != 0)
        return desk_bad_value("--capacity", a.capacity);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    int64_t site_id = 0;
    if (a.site && (rc = loans_find_site(db, a.site, &site_id))) {
        db_close(db);
        return rc;
    }
    struct db_room *rooms;
    size_t n;
    struct db_error err = {0};
    if (db_room_list(db, site_id, (int)cap, &rooms, &n, &err) != DB_OK) {
        rc = loans_fail(NULL, &err);
    } else {
        for (size_t i = 0; i < n; i++)
            printf("%lld | %s | %s | %s | %d\n", (long long)rooms[i].id, rooms[i].site_name,
                   rooms[i].name, rooms[i].kind, rooms[i].capacity);
        free(rooms);
    }
    db_close(db);
    return rc;
}

static int room_free(int argc, char **argv)
{
    static const struct desk_action act = {"room free", "wtFTscf", "wtFT"};
    struct rooms_args a;
    int rc = parse(argc, argv, room_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    unsigned days;
    int start, end;
    long cap = 0;
    if (loan_parse_weekdays(a.weekday, &days) != 0 || (days & (days - 1)) != 0)
        return desk_bad_value("--weekday", a.weekday);
    if (loan_parse_time_range(a.time, &start, &end) != 0)
        return desk_bad_value("--time", a.time);
    if (a.capacity && cli_parse_long(a.capacity, 0, 100000, &cap) != 0)
        return desk_bad_value("--capacity", a.capacity);
    struct civil_date from, to;
    if (civil_parse_date(a.from, &from) != 0)
        return desk_bad_value("--from", a.from);
    if (civil_parse_date(a.to, &to) != 0)
        return desk_bad_value("--to", a.to);
    int weekday = 1;
    while (!(days & LOAN_DAY(weekday)))
        weekday++;
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    int64_t site_id = 0;
    if (a.site && (rc = loans_find_site(db, a.site, &site_id))) {
        db_close(db);
        return rc;
    }
    char f[11], t[11];
    civil_format_date(from, f, sizeof f);
    civil_format_date(to, t, sizeof t);
    struct db_free_room *res;
    size_t n;
    struct db_error err = {0};
    if (db_room_free(db, weekday, start, end, f, t, site_id, (int)cap, &res, &n, &err) != DB_OK) {
        rc = loans_fail(NULL, &err);
    } else {
        loans_print_free(stdout, res, n);
        free(res);
    }
    db_close(db);
    return rc;
}

void loans_print_free(FILE *out, const struct db_free_room *res, size_t n)
{
    size_t free_count = 0;
    for (size_t i = 0; i < n; i++)
        free_count += res[i].n_clashes == 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < n; i++) {
            const struct db_free_room *r = &res[i];
            if ((pass == 0) != (r->n_clashes == 0))
                continue;
            fprintf(out, "%lld | %s | %s | %d | ", (long long)r->room.id, r->room.site_name,
                    r->room.name, r->room.capacity);
            if (r->n_clashes == 0) {
                fprintf(out, ngettext("free on all %zu date\n", "free on all %zu dates\n",
                                      r->n_dates),
                        r->n_dates);
                continue;
            }
            fprintf(out, ngettext("taken on %zu date of %zu:", "taken on %zu dates of %zu:",
                                  r->n_clashes),
                    r->n_clashes, r->n_dates);
            for (size_t k = 0; k < r->n_clashes && k < 8; k++) {
                struct civil_date d;
                char fr[CIVIL_DATE_LEN];
                civil_parse_date(r->clashes[k], &d);
                civil_format_date_fr(d, fr, sizeof fr);
                fprintf(out, " %s", fr);
            }
            fprintf(out, "%s\n", r->n_clashes > 8 ? " ..." : "");
        }
    }
    if (n == 0)
        fprintf(out, "%s\n", _("no room matches"));
    else if (free_count == 0)
        fprintf(out, "%s\n", _("no room is free on every date"));
}

int cli_cmd_room(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"add", room_add}, {"list", room_list}, {"free", room_free},
        {"blackout", loans_blackout_main}};
    return cli_run_action(argc, argv, "room", actions, 4, room_help);
}

/* ---- associations ------------------------------------------------------- */

static void association_help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet association ACTION [options]\n"
        "  add --name N [--rna CODE] [--siret N] [--contact NAME] [--phone P]\n"
        "      [--email E] [--insurance-until D]   adds an association; prints its id\n"
        "  list                                    associations and insurance dates\n"
        "Exit: 0 done, 1 refused, 2 bad input.\n"), action);
}

static int association_run(int argc, char **argv)
{
    int list = strcmp(argv[0], "list") == 0;
    const struct desk_action act = {list ? "association list" : "association add",
                                    list ? "" : "nRSCPEI"};
    struct rooms_args a;
    int rc = parse(argc, argv, association_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    struct db *db = NULL;
    struct db_error err = {0};
    if (list) {
        if ((rc = desk_open(&db)))
            return rc;
        struct db_association *as;
        size_t n;
        if (db_association_list(db, &as, &n, &err) != DB_OK) {
            rc = loans_fail(NULL, &err);
        } else {
            for (size_t i = 0; i < n; i++)
                printf("%lld | %s | %s | %s | %s\n", (long long)as[i].id, as[i].name,
                       as[i].rna[0] ? as[i].rna : as[i].siret, as[i].contact,
                       as[i].insurance_until[0] ? as[i].insurance_until
                                                : _("insurance unknown"));
            free(as);
        }
        db_close(db);
        return rc;
    }
    if (!a.name)
        return desk_missing("--name", "association add");
    struct db_association x;
    memset(&x, 0, sizeof x);
    if ((rc = loans_copy(x.name, sizeof x.name, a.name, "--name")) ||
        (rc = loans_copy(x.rna, sizeof x.rna, a.rna, "--rna")) ||
        (rc = loans_copy(x.siret, sizeof x.siret, a.siret, "--siret")) ||
        (rc = loans_copy(x.contact, sizeof x.contact, a.contact, "--contact")) ||
        (rc = loans_copy(x.phone, sizeof x.phone, a.phone, "--phone")) ||
        (rc = loans_copy(x.email, sizeof x.email, a.email, "--email")) ||
        (rc = loans_copy(x.insurance_until, sizeof x.insurance_until, a.insurance,
                         "--insurance-until")))
        return rc;
    if ((rc = desk_open(&db)))
        return rc;
    if (db_association_add(db, &x, &err) == DB_OK)
        printf("%lld\n", (long long)x.id);
    else
        rc = loans_fail(NULL, &err);
    db_close(db);
    return rc;
}

/* ---- holidays import ---------------------------------------------------- */

static void holidays_help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet holidays import FILE\n"
        "  Reads the national school calendar (\"calendrier scolaire\" export of the\n"
        "  Ministère de l'Éducation nationale: UTF-8, ';'-separated). Loan series\n"
        "  skip the pupils' holidays of each collège's académie. Importing twice\n"
        "  changes nothing; a malformed line aborts with its number, nothing written.\n"
        "Exit: 0 done, 1 failed, 2 bad file.\n"), action);
}

struct import_rows {
    struct school_holiday *rows;
    size_t n, cap;
};

static int add_row(void *ctx, const struct school_holiday *h)
{
    struct import_rows *x = ctx;
    if (x->n == x->cap) {
        size_t cap = x->cap ? x->cap * 2 : 256;
        struct school_holiday *p = realloc(x->rows, cap * sizeof *p);
        if (!p)
            return 1;
        x->rows = p;
        x->cap = cap;
    }
    x->rows[x->n++] = *h;
    return 0;
}

enum { HOLIDAYS_MAX_FILE = 16 * 1024 * 1024 };

static int holidays_import(int argc, char **argv)
{
    static const struct desk_action act = {"holidays import", "", "", 1, 1, "FILE"};
    struct rooms_args a;
    int rc = parse(argc, argv, holidays_help, &act, &a);
    if (rc || a.base.help)
        return rc;
    FILE *f = fopen(a.base.pos[0], "rb");
    if (!f) {
        cli_print_error("%s: %s", a.base.pos[0], strerror(errno));
        return CLI_EXIT_FAILURE;
    }
    char *buf = malloc(HOLIDAYS_MAX_FILE);
    size_t len = buf ? fread(buf, 1, HOLIDAYS_MAX_FILE, f) : 0;
    int read_error = !buf || ferror(f) || len == HOLIDAYS_MAX_FILE;
    fclose(f);
    if (read_error) {
        free(buf);
        cli_print_error(_("%s: cannot read the file (or larger than 16 MiB)"), a.base.pos[0]);
        return CLI_EXIT_FAILURE;
    }
    struct import_rows rows = {0};
    struct school_parse_error perr = {0};
    int prc = school_calendar_parse(buf, len, add_row, &rows, &perr);
    free(buf);
    if (prc != 0) {
        free(rows.rows);
        if (prc > 0) {
            cli_print_error("%s", "out of memory");
            return CLI_EXIT_FAILURE;
        }
        if (perr.field[0])
            cli_print_error(_("%s:%ld: %s: %s (nothing was imported)"), a.base.pos[0], perr.line,
                            perr.field, _(perr.message));
        else
            cli_print_error(_("%s:%ld: %s (nothing was imported)"), a.base.pos[0], perr.line,
                            _(perr.message));
        return CLI_EXIT_USAGE;
    }
    struct db *db = NULL;
    if ((rc = desk_open(&db))) {
        free(rows.rows);
        return rc;
    }
    struct db_error err = {0};
    size_t added = 0;
    if (db_school_holidays_import(db, rows.rows, rows.n, &added, &err) == DB_OK)
        printf(_("%zu rows read, %zu new\n"), rows.n, added);
    else
        rc = loans_fail(a.base.pos[0], &err);
    free(rows.rows);
    db_close(db);
    return rc;
}

/* ---- the commands' actions ----------------------------------------------- */

int cli_cmd_site(int argc, char **argv)
{
    static const struct cli_action actions[] = {{"add", site_add}};
    return cli_run_action(argc, argv, "site", actions, 1, site_help);
}

int cli_cmd_association(int argc, char **argv)
{
    static const struct cli_action actions[] = {
        {"add", association_run}, {"list", association_run}};
    return cli_run_action(argc, argv, "association", actions, 2, association_help);
}

int cli_cmd_holidays(int argc, char **argv)
{
    static const struct cli_action actions[] = {{"import", holidays_import}};
    return cli_run_action(argc, argv, "holidays", actions, 1, holidays_help);
}
