/* loans.c - the demo's room loans: three collèges (one per holiday zone;
 * named town first, so the social-services sites stay first in the console)
 * with their rooms, associations (one whose insurance certificate has run
 * out, one without a date) and a season of weekly loans from the start of
 * the school year around `today`, most approved, some pending, one pending
 * request clashing with an approved one, one date cancelled. Written
 * through storage/ like any desk, each write its own unit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "demo.h"
#include "../model/school_calendar.h"
#include "../storage/loans.h"

struct demo_college {
    const char *name, *academie, *uai, *address;
};

static const struct demo_college colleges[] = {
    {"Villeurbanne - Collège Lucie Aubrac", "Lyon", "0699901A", "12 rue des Écoles, Villeurbanne"},
    {"Rennes - Collège Anne de Bretagne", "Rennes", "0359902B", "3 avenue du Parc, Rennes"},
    {"Toulouse - Collège Olympe de Gouges", "Toulouse", "0319903C", "8 place du Marché, Toulouse"},
};

struct demo_room {
    const char *name, *kind;
    int capacity;
    const char *equipment; /* "name=qty" or NULL */
};

static const struct demo_room rooms[] = {
    {"Gymnase", "gymnase", 60, "tapis=24"},
    {"Salle polyvalente", "salle polyvalente", 40, "chaises=40"},
    {"Salle de musique", "salle de classe", 25, "piano=1"},
};

/* Insurance until: +N days from today; 0 = no date, negative = expired. */
struct demo_association {
    const char *name, *rna, *contact;
    int insurance_days;
};

static const struct demo_association associations[] = {
    {"Judo Club des Pentes", "W691000001", "Mme Lefort", 300},
    {"Chorale À Cœur Joie", "W691000002", "M. Garnier", 250},
    {"Basket Loisirs", "W351000003", "M. Rolland", 280},
    {"Théâtre du Préau", "W351000004", "Mme Caradec", 0},
    {"Yoga Détente", "W311000005", "Mme Vidal", -40},
    {"Club d'échecs du Plateau", "W311000006", "M. Faure", 320},
};

/* A weekly loan: collège, room, association, weekday, time, approved. */
struct demo_loan {
    int college, room, association;
    int weekday, start, end;
    int approve;
};

static const struct demo_loan loans[] = {
    {0, 0, 0, CIVIL_TUESDAY, 18 * 60, 20 * 60, 1},
    {0, 0, 2, CIVIL_THURSDAY, 18 * 60 + 30, 20 * 60 + 30, 1},
    {0, 2, 1, CIVIL_MONDAY, 19 * 60, 21 * 60, 1},
    {0, 1, 3, CIVIL_WEDNESDAY, 17 * 60 + 30, 19 * 60, 0},
    {0, 0, 5, CIVIL_TUESDAY, 19 * 60, 21 * 60, 0}, /* clashes with the judo club */
    {1, 0, 2, CIVIL_MONDAY, 18 * 60, 20 * 60, 1},
    {1, 1, 3, CIVIL_FRIDAY, 18 * 60, 21 * 60, 1},
    {1, 2, 1, CIVIL_WEDNESDAY, 14 * 60, 16 * 60, 0},
    {2, 0, 4, CIVIL_TUESDAY, 18 * 60 + 30, 20 * 60, 1},
    {2, 1, 5, CIVIL_THURSDAY, 17 * 60, 19 * 60, 1},
    {2, 0, 0, CIVIL_SATURDAY, 9 * 60, 12 * 60, 0},
};

enum {
    N_COLLEGES = sizeof colleges / sizeof colleges[0],
    N_ROOMS = sizeof rooms / sizeof rooms[0],
    N_ASSOCIATIONS = sizeof associations / sizeof associations[0],
    N_LOANS = sizeof loans / sizeof loans[0],
};

/* 1 September of the school year that contains `today`. */
static struct civil_date school_year_start(struct civil_date today)
{
    return (struct civil_date){today.month >= 9 ? today.year : today.year - 1, 9, 1};
}

struct calendar_rows {
    struct school_holiday *rows;
    size_t n, cap;
};

static int keep_row(void *ctx, const struct school_holiday *h)
{
    struct calendar_rows *x = ctx;
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

/* The school calendar shipped in data/, imported as `guichet holidays
 * import` would, so that the demo's series skip the holidays it holds. */
static int import_shipped_calendar(struct db *db, long *rows, struct db_error *err)
{
    struct calendar_rows x = {0};
    struct school_parse_error perr = {0};
    if (school_calendar_parse((const char *)demo_school_calendar_csv,
                              demo_school_calendar_csv_len, keep_row, &x, &perr) != 0) {
        free(x.rows);
        /* The file is checked by the tests; this is a build gone wrong. */
        err->status = DB_ERR_INTERNAL;
        snprintf(err->detail, sizeof err->detail, "data/calendrier-scolaire.csv:%ld: %s",
                 perr.line, perr.message ? perr.message : "out of memory");
        return DB_ERR_INTERNAL;
    }
    size_t added = 0;
    int rc = db_school_holidays_import(db, x.rows, x.n, &added, err);
    free(x.rows);
    *rows = (long)added;
    return rc;
}

int demo_loans_write(struct db *db, struct civil_date today, struct demo_loan_counts *counts,
                     struct db_error *err)
{
    int64_t room_ids[N_COLLEGES][N_ROOMS], association_ids[N_ASSOCIATIONS];
    int rc;
    memset(counts, 0, sizeof *counts);
    if ((rc = import_shipped_calendar(db, &counts->holiday_rows, err)) != DB_OK)
        return rc;
    for (int c = 0; c < N_COLLEGES; c++) {
        struct db_college col;
        memset(&col, 0, sizeof col);
        snprintf(col.name, sizeof col.name, "%s", colleges[c].name);
        snprintf(col.academie, sizeof col.academie, "%s", colleges[c].academie);
        snprintf(col.uai, sizeof col.uai, "%s", colleges[c].uai);
        snprintf(col.address, sizeof col.address, "%s", colleges[c].address);
        if ((rc = db_college_add(db, &col, err)) != DB_OK)
            return rc;
        counts->colleges++;
        /* Evenings and Saturday mornings. */
        for (int wd = CIVIL_MONDAY; wd <= CIVIL_FRIDAY; wd++)
            if ((rc = db_college_hours_add(db, col.site_id, wd, 12 * 60, 22 * 60, err)) != DB_OK)
                return rc;
        if ((rc = db_college_hours_add(db, col.site_id, CIVIL_SATURDAY, 8 * 60, 18 * 60,
                                       err)) != DB_OK)
            return rc;
        for (int r = 0; r < N_ROOMS; r++) {
            struct db_room room;
            memset(&room, 0, sizeof room);
            room.site_id = col.site_id;
            room.capacity = rooms[r].capacity;
            snprintf(room.name, sizeof room.name, "%s", rooms[r].name);
            snprintf(room.kind, sizeof room.kind, "%s", rooms[r].kind);
            if (r == 0)
                snprintf(room.accessibility, sizeof room.accessibility, "%s",
                         "accès de plain-pied, vestiaires adaptés");
            if ((rc = db_room_add(db, &room, err)) != DB_OK)
                return rc;
            room_ids[c][r] = room.id;
            counts->rooms++;
            char name[64];
            int qty;
            if (rooms[r].equipment && sscanf(rooms[r].equipment, "%63[^=]=%d", name, &qty) == 2 &&
                (rc = db_room_equipment_set(db, room.id, name, qty, err)) != DB_OK)
                return rc;
        }
    }
    for (int a = 0; a < N_ASSOCIATIONS; a++) {
        struct db_association as;
        memset(&as, 0, sizeof as);
        snprintf(as.name, sizeof as.name, "%s", associations[a].name);
        snprintf(as.rna, sizeof as.rna, "%s", associations[a].rna);
        snprintf(as.contact, sizeof as.contact, "%s", associations[a].contact);
        snprintf(as.phone, sizeof as.phone, "04 00 00 00 %02d", a + 10);
        if (associations[a].insurance_days) {
            struct civil_date until;
            civil_date_add_days(today, associations[a].insurance_days, &until);
            civil_format_date(until, as.insurance_until, sizeof as.insurance_until);
        }
        if ((rc = db_association_add(db, &as, err)) != DB_OK)
            return rc;
        association_ids[a] = as.id;
        counts->associations++;
    }
    struct civil_date start = school_year_start(today);
    int64_t first_request = 0;
    for (int i = 0; i < N_LOANS; i++) {
        const struct demo_loan *l = &loans[i];
        struct db_loan_request req;
        memset(&req, 0, sizeof req);
        req.room_id = room_ids[l->college][l->room];
        req.association_id = association_ids[l->association];
        req.pattern = (struct loan_pattern){LOAN_DAY(l->weekday), 1, l->start, l->end, start,
                                            {0, 0, 0}};
        req.attendance = 10 + i;
        snprintf(req.purpose, sizeof req.purpose, "%s", "activité hebdomadaire");
        int64_t id;
        if ((rc = db_loan_request_add(db, &req, &id, NULL, err)) != DB_OK)
            return rc;
        counts->requests++;
        if (!first_request)
            first_request = id;
        if (l->approve) {
            if ((rc = db_loan_decide(db, id, NULL, DB_DECIDE_APPROVE, NULL, NULL, err)) != DB_OK)
                return rc;
        } else {
            counts->pending++;
        }
    }
    /* The judo club cancelled its session of the third Tuesday. */
    struct civil_date d = start;
    int tuesdays = 0;
    while (tuesdays < 3) {
        if (civil_weekday(d) == CIVIL_TUESDAY)
            tuesdays++;
        if (tuesdays < 3)
            civil_date_add_days(d, 1, &d);
    }
    char day[CIVIL_DATE_LEN];
    civil_format_date(d, day, sizeof day);
    struct db_error ignored = {0};
    db_loan_decide(db, first_request, day, DB_DECIDE_CANCEL, "stage de l'association", NULL,
                   &ignored);
    return DB_OK;
}
