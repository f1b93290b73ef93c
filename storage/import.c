/* import.c - `guichet import appointments FILE.csv`: a service starts from
 * the agenda of its previous tool.
 *
 * The header names the columns, in any order (columns[] below); each line
 * is checked completely before anything of it is written, and the whole
 * file is one transaction (db_bulk_begin): the first bad line stops the
 * import with its line, column and reason, and the file is left as it was.
 * An appointment already there - same person, start and motif - is
 * skipped, so a second import of the same file adds nothing. The checked
 * lines are written together at the end (import_stage.c).
 *
 * History is fact: an imported appointment that overlaps another of its
 * agent (the previous tool allowed it, or it went to the site's
 * "unassigned" agent) is stored as overbooked rather than refused. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "../common/clock.h"
#include "../common/csv.h"
#include "../common/i18n.h"
#include "../model/search.h"

enum column {
    COL_PERSON_REF, COL_LAST_NAME, COL_FIRST_NAME, COL_BIRTH_DATE, COL_SEX,
    COL_PHONE, COL_EMAIL, COL_SITE, COL_SERVICE, COL_MOTIF, COL_AGENT,
    COL_STARTS_AT, COL_DURATION, COL_BOOKED_AT, COL_REMINDER_SENT, COL_STATUS,
    COL_COUNT
};

static const struct {
    const char *name;
    int required;
    size_t max_bytes; /* for text columns (the schema's limits) */
} columns[COL_COUNT] = {
    [COL_PERSON_REF] = {"person_ref", 1, 63},
    [COL_LAST_NAME] = {"last_name", 0, 127},
    [COL_FIRST_NAME] = {"first_name", 0, 127},
    [COL_BIRTH_DATE] = {"birth_date", 0, 0},
    [COL_SEX] = {"sex", 0, 0},
    [COL_PHONE] = {"phone", 0, 63},
    [COL_EMAIL] = {"email", 0, 127},
    [COL_SITE] = {"site", 1, 127},
    [COL_SERVICE] = {"service", 0, 127},
    [COL_MOTIF] = {"motif", 1, 127},
    [COL_AGENT] = {"agent", 0, 127},
    [COL_STARTS_AT] = {"starts_at", 1, 0},
    [COL_DURATION] = {"duration_min", 0, 0},
    [COL_BOOKED_AT] = {"booked_at", 0, 0},
    [COL_REMINDER_SENT] = {"reminder_sent", 0, 0},
    [COL_STATUS] = {"status", 1, 0},
};

struct line {
    const char *v[COL_COUNT];          /* "" for absent columns */
    struct civil_datetime starts;
    char starts_at[CIVIL_DATETIME_LEN], ends_at[CIVIL_DATETIME_LEN];
    char booked_at[CIVIL_DATETIME_LEN]; /* empty: unknown */
    int duration;                      /* 0: the motif's */
    int reminder_sent;
    enum appt_status status;
    struct import_person person;
};

struct import {
    struct db_import_error *where;
    int map[COL_COUNT];                /* column -> field index, -1 absent */
    size_t fields;
    size_t line;
    struct civil_datetime now;
};

static int bad(struct import *im, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(struct import *im, int col, const char *fmt, ...)
{
    struct db_import_error *w = im->where;
    w->line = im->line;
    w->column = col >= 0 && im->map[col] >= 0 ? (size_t)im->map[col] + 1 : 0;
    snprintf(w->column_name, sizeof w->column_name, "%s", col >= 0 ? columns[col].name : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->reason, sizeof w->reason, fmt, ap);
    va_end(ap);
    return DB_ERR_INVALID;
}

static int read_header(struct import *im, char **f, size_t n)
{
    for (int c = 0; c < COL_COUNT; c++)
        im->map[c] = -1;
    im->fields = n;
    for (size_t i = 0; i < n; i++) {
        char name[64];
        snprintf(name, sizeof name, "%s", f[i]);
        /* spreadsheets add spaces and capitals */
        char *s = name;
        while (*s == ' ')
            s++;
        for (char *e = s + strlen(s); e > s && e[-1] == ' ';)
            *--e = '\0';
        for (char *p = s; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        int found = -1;
        for (int c = 0; c < COL_COUNT; c++)
            if (strcmp(s, columns[c].name) == 0)
                found = c;
        if (found < 0) {
            im->where->column = i + 1;
            return bad(im, -1, _("unknown column \"%s\" (column %zu)"), f[i], i + 1);
        }
        if (im->map[found] >= 0)
            return bad(im, -1, _("column \"%s\" appears twice"), columns[found].name);
        im->map[found] = (int)i;
    }
    for (int c = 0; c < COL_COUNT; c++)
        if (columns[c].required && im->map[c] < 0)
            return bad(im, -1, _("the required column \"%s\" is missing"), columns[c].name);
    return DB_OK;
}

/* Status names as stored, or as French users write them. */
static int parse_status(const char *text, enum appt_status *out)
{
    char folded[64];
    search_fold(text, folded, sizeof folded);
    if (appt_status_parse(folded, out) == 0)
        return 0;
    static const struct { const char *word; enum appt_status s; } french[] = {
        {"inconnu", APPT_UNKNOWN}, {"a renseigner", APPT_UNKNOWN},
        {"a venir", APPT_UNKNOWN}, {"vu", APPT_SEEN}, {"venu", APPT_SEEN},
        {"excuse", APPT_EXCUSED}, {"annule", APPT_REVOKED}, {"revoque", APPT_REVOKED},
        {"absent", APPT_NOSHOW}, {"absent (non excuse)", APPT_NOSHOW},
        {"absent non excuse", APPT_NOSHOW}, {"non excuse", APPT_NOSHOW},
        {"lapin", APPT_NOSHOW},
    };
    for (size_t i = 0; i < sizeof french / sizeof french[0]; i++)
        if (strcmp(folded, french[i].word) == 0) {
            *out = french[i].s;
            return 0;
        }
    return -1;
}

static int parse_yes_no(const char *text, int *out)
{
    char folded[16];
    search_fold(text, folded, sizeof folded);
    static const char *const yes[] = {"1", "yes", "oui", "y", "o", "true", "vrai"};
    static const char *const no[] = {"", "0", "no", "non", "n", "false", "faux"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcmp(folded, yes[i]) == 0)
            return *out = 1, 0;
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcmp(folded, no[i]) == 0)
            return *out = 0, 0;
    return -1;
}

/* "YYYY-MM-DD HH:MM" or with ":SS" (seconds dropped). */
static int parse_booked(const char *text, char *iso, struct civil_datetime *out)
{
    char s[CIVIL_DATETIME_LEN + 3];
    size_t len = strlen(text);
    if (len >= sizeof s)
        return -1;
    memcpy(s, text, len + 1);
    if (len == 19 && s[16] == ':' && s[17] >= '0' && s[17] <= '5' && s[18] >= '0' &&
        s[18] <= '9')
        s[16] = '\0';
    if (civil_parse_datetime(s, out) != 0)
        return -1;
    return civil_format_datetime(*out, iso, CIVIL_DATETIME_LEN);
}

static int check_line(struct import *im, char **f, size_t n, struct line *l)
{
    if (n != im->fields)
        return bad(im, -1, _("%zu fields where the header has %zu"), n, im->fields);
    memset(l, 0, sizeof *l);
    for (int c = 0; c < COL_COUNT; c++) {
        const char *v = im->map[c] >= 0 ? f[im->map[c]] : "";
        /* trim the spaces spreadsheets leave around values */
        char *s = (char *)v;
        while (*s == ' ')
            s++;
        for (char *e = s + strlen(s); e > s && e[-1] == ' ';)
            *--e = '\0';
        l->v[c] = s;
        if (columns[c].required && !s[0])
            return bad(im, c, "%s", _("required"));
        if (columns[c].max_bytes && strlen(s) > columns[c].max_bytes)
            return bad(im, c, _("too long (at most %zu bytes)"), columns[c].max_bytes);
        switch (text_validate(s, 1024, 0)) {
        case TEXT_BAD_UTF8:
            return bad(im, c, "%s", _("not valid UTF-8 text"));
        case TEXT_CONTROL_CHAR:
            return bad(im, c, "%s", _("contains a control character"));
        default:
            break;
        }
    }
    if (civil_parse_datetime(l->v[COL_STARTS_AT], &l->starts) != 0 ||
        civil_format_datetime(l->starts, l->starts_at, sizeof l->starts_at) != 0)
        return bad(im, COL_STARTS_AT, _("\"%s\" is not a date and time (YYYY-MM-DD HH:MM)"),
                   l->v[COL_STARTS_AT]);
    if (l->v[COL_DURATION][0]) {
        char *end;
        long d = strtol(l->v[COL_DURATION], &end, 10);
        if (*end || d < 1 || d > 1440)
            return bad(im, COL_DURATION, _("\"%s\" is not a number of minutes from 1 to 1440"),
                       l->v[COL_DURATION]);
        l->duration = (int)d;
    }
    struct civil_datetime booked;
    if (l->v[COL_BOOKED_AT][0] &&
        parse_booked(l->v[COL_BOOKED_AT], l->booked_at, &booked) != 0)
        return bad(im, COL_BOOKED_AT, _("\"%s\" is not a date and time (YYYY-MM-DD HH:MM)"),
                   l->v[COL_BOOKED_AT]);
    if (l->booked_at[0] && civil_datetime_compare(booked, l->starts) > 0)
        return bad(im, COL_BOOKED_AT, "%s", _("booked after the appointment's start"));
    if (parse_yes_no(l->v[COL_REMINDER_SENT], &l->reminder_sent) != 0)
        return bad(im, COL_REMINDER_SENT, _("\"%s\" is not 1/0, yes/no or oui/non"),
                   l->v[COL_REMINDER_SENT]);
    if (parse_status(l->v[COL_STATUS], &l->status) != 0)
        return bad(im, COL_STATUS,
                   _("\"%s\" is not a status (unknown, seen, excused, revoked, noshow)"),
                   l->v[COL_STATUS]);
    int64_t start = civil_datetime_to_minutes(l->starts);
    int64_t now = civil_datetime_to_minutes(im->now);
    if (l->status == APPT_NOSHOW && start >= now)
        return bad(im, COL_STATUS, "%s", _("a no-show for an appointment not started yet"));
    if (l->status == APPT_SEEN && civil_date_compare(l->starts.date, im->now.date) > 0)
        return bad(im, COL_STATUS, "%s", _("seen on a day still to come"));

    struct import_person *p = &l->person;
    p->ref = l->v[COL_PERSON_REF];
    p->last_name = l->v[COL_LAST_NAME];
    p->first_name = l->v[COL_FIRST_NAME];
    p->phone = l->v[COL_PHONE];
    p->email = l->v[COL_EMAIL];
    const char *sex = l->v[COL_SEX];
    if (!sex[0])
        p->sex = "";
    else if (strcmp(sex, "F") == 0 || strcmp(sex, "f") == 0)
        p->sex = "F";
    else if (strcmp(sex, "M") == 0 || strcmp(sex, "m") == 0)
        p->sex = "M";
    else
        return bad(im, COL_SEX, _("\"%s\" is not F, M or empty"), sex);
    if (l->v[COL_BIRTH_DATE][0]) {
        struct civil_date d;
        if (civil_parse_date(l->v[COL_BIRTH_DATE], &d) != 0 ||
            civil_date_compare(d, im->now.date) > 0 ||
            civil_format_date(d, p->birth_date, sizeof p->birth_date) != 0)
            return bad(im, COL_BIRTH_DATE, _("\"%s\" is not a past date (YYYY-MM-DD)"),
                       l->v[COL_BIRTH_DATE]);
    }
    return DB_OK;
}

static const char SQL_MOTIF_DURATION[] = "SELECT duration_minutes FROM motif WHERE id = ?1";

static int write_line(struct db *db, struct import *im, struct import_names *names,
                      struct import_stage *stage, struct line *l, struct db_error *err)
{
    int64_t site, service = 0, motif, agent, person;
    int rc = import_site(db, names, l->v[COL_SITE], &site, err);
    if (rc == DB_OK)
        rc = import_motif(db, names, l->v[COL_MOTIF], l->v[COL_SERVICE], l->duration,
                          &motif, &service, err);
    if (rc == DB_OK)
        rc = import_agent(db, names, l->v[COL_AGENT], site, service, &agent, err);
    if (rc == DB_OK)
        rc = import_person(db, names, &l->person, &person, err);
    if (rc != DB_OK)
        return rc;

    int duration = l->duration;
    if (!duration) {
        sqlite3_stmt *st = db_stmt(db, SQL_MOTIF_DURATION, err);
        if (!st)
            return err->status;
        sqlite3_bind_int64(st, 1, motif);
        duration = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 30;
        db_stmt_done(db, st);
    }
    struct civil_datetime end;
    if (civil_datetime_add_minutes(l->starts, duration, &end) != 0 ||
        civil_format_datetime(end, l->ends_at, sizeof l->ends_at) != 0)
        return bad(im, COL_DURATION, "%s", _("ends after the year 9999"));
    struct import_row row = {0};
    row.line = im->line;
    row.site = site;
    row.agent = agent;
    row.motif = motif;
    row.person = person;
    memcpy(row.starts_at, l->starts_at, sizeof row.starts_at);
    memcpy(row.ends_at, l->ends_at, sizeof row.ends_at);
    memcpy(row.created, l->booked_at[0] ? l->booked_at : names->now, sizeof row.created);
    row.status = l->status;
    row.booking_known = l->booked_at[0] != '\0';
    row.reminder_sent = l->reminder_sent;
    if (import_stage_add(stage, &row) != 0)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    return DB_OK;
}

static int csv_failure(struct import *im, enum csv_result got, size_t column)
{
    if (got == CSV_ERR_MEMORY) {
        snprintf(im->where->reason, sizeof im->where->reason, "%s", _("out of memory"));
        return DB_ERR_INTERNAL;
    }
    im->where->line = im->line;
    im->where->column = column;
    snprintf(im->where->reason, sizeof im->where->reason, "%s",
             _("a quoted field is not closed properly"));
    return DB_ERR_INVALID;
}

void import_progress_stage(struct import_progress *p, unsigned from, unsigned to)
{
    p->from = from;
    p->to = to;
    import_progress_at(p, 0, 1);
}

void import_progress_at(const struct import_progress *p, size_t done, size_t total)
{
    if (!p->fn)
        return;
    double part = total ? (double)(done < total ? done : total) / (double)total : 1.0;
    p->fn(p->ctx, p->from + (size_t)(part * (double)(p->to - p->from)), 1000);
}

int db_import_appointments(struct db *db, const char *data, size_t len,
                           db_progress_fn progress, void *ctx,
                           struct db_import_stats *stats,
                           struct db_import_error *where, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    struct db_import_error local_where;
    if (!where)
        where = &local_where;
    memset(where, 0, sizeof *where);
    memset(stats, 0, sizeof *stats);
    struct import im = {.where = where};
    clock_now(&im.now, NULL);

    struct csv_reader r;
    csv_init(&r, data, len, 0);
    char **f;
    size_t n, column = 0;
    struct import_names names;
    enum csv_result got = csv_next(&r, &f, &n, &im.line, &column);
    int rc;
    if (got == CSV_END) {
        im.line = 1;
        rc = bad(&im, -1, "%s", _("the file is empty (a header line is needed)"));
    } else if (got == CSV_RECORD)
        rc = read_header(&im, f, n);
    else
        rc = csv_failure(&im, got, column);
    /* An INSERT of many rows, or with a trigger, keeps a statement journal
     * so that it can be undone alone; in memory rather than a temporary
     * file, that is many write calls less for a large file. */
    if (rc == DB_OK)
        rc = db_exec(db, "PRAGMA temp_store = MEMORY", err);
    if (rc != DB_OK || (rc = db_bulk_begin(db, err)) != DB_OK)
        goto done;
    if ((rc = import_names_load(db, &names, err)) != DB_OK) {
        db_bulk_rollback(db);
        goto done;
    }
    db_now_text(names.now);
    struct import_stage stage;
    rc = import_stage_begin(db, &stage, err);
    struct import_progress bar = {progress, ctx, 0, 250}; /* reading the file */
    struct line l;
    while (rc == DB_OK && (got = csv_next(&r, &f, &n, &im.line, &column)) == CSV_RECORD) {
        stats->rows++;
        rc = check_line(&im, f, n, &l);
        if (rc == DB_OK)
            rc = write_line(db, &im, &names, &stage, &l, err);
        if (rc != DB_OK && rc != DB_ERR_INVALID) {
            /* a database error on this line: say where too */
            where->line = im.line;
            db_error_format(err, where->reason, sizeof where->reason);
        }
        if ((stats->rows & 4095) == 0)
            import_progress_at(&bar, (size_t)(r.p - data), len);
    }
    if (rc == DB_OK && got < 0)
        rc = csv_failure(&im, got, column);
    if (rc == DB_OK)
        rc = import_people_write(db, &names, &bar, err);
    if (rc == DB_OK) {
        rc = import_stage_write(db, &stage, &stats->added, &stats->already, &bar, err);
        if (rc != DB_OK) {
            where->line = 0;
            db_error_format(err, where->reason, sizeof where->reason);
        }
        db->bulk_rows += stats->added; /* one audit row for the import */
    }
    import_stage_free(&stage);
    stats->people = names.created_people;
    stats->sites = names.created_sites;
    stats->services = names.created_services;
    stats->agents = names.created_agents;
    stats->motifs = names.created_motifs;
    import_names_free(&names);
    import_progress_stage(&bar, 950, 1000); /* the commit */
    if (rc == DB_OK)
        rc = db_bulk_commit(db, err);
    else
        db_bulk_rollback(db);
    if (rc == DB_OK)
        import_progress_stage(&bar, 1000, 1000);
done:
    csv_free(&r);
    if (rc == DB_ERR_INVALID && err->status == DB_OK)
        db_set_error(err, DB_ERR_INVALID, "%s", where->reason);
    if (rc != DB_OK) {
        /* nothing was written */
        size_t rows = stats->rows;
        memset(stats, 0, sizeof *stats);
        stats->rows = rows;
    }
    return rc;
}
