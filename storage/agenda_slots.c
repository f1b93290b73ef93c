/* agenda_slots.c - the slot finder (db_slots_find): the agents who may
 * take the motif, their calendars, and each site's public holidays, read in
 * one read transaction so that they see one state of the file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"
#include "../common/clock.h"
#include "../common/i18n.h"

/* ---- slot finder ------------------------------------------------------- */

static const char SQL_MOTIF_INFO[] =
    "SELECT duration_minutes, service_id FROM motif WHERE id = ?1";

/* Agents with opening hours in the window (at the site when given) for the
 * motif: ranges listing it, or ranges listing no motif held by an agent of
 * the motif's service (or of no service). */
static const char SQL_SLOT_AGENTS[] =
    "SELECT DISTINCT o.agent_id FROM opening_hours o"
    " JOIN agent g ON g.id = o.agent_id"
    " WHERE (?1 = 0 OR o.site_id = ?1) AND o.valid_from <= ?3"
    " AND (o.valid_until IS NULL OR o.valid_until >= ?2)"
    " AND (EXISTS (SELECT 1 FROM opening_hours_motif x"
    "   WHERE x.opening_id = o.id AND x.motif_id = ?4)"
    "  OR (NOT EXISTS (SELECT 1 FROM opening_hours_motif x"
    "   WHERE x.opening_id = o.id)"
    "   AND (g.service_id IS NULL OR g.service_id = ?5)))"
    " ORDER BY o.agent_id";

static int motif_info(struct db *db, int64_t motif_id, int *duration,
                      int64_t *service, struct db_error *err)
{
    sqlite3_stmt *st = db_stmt(db, SQL_MOTIF_INFO, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, motif_id);
    int rc = sqlite3_step(st), result = DB_OK;
    if (rc == SQLITE_ROW) {
        *duration = sqlite3_column_int(st, 0);
        *service = sqlite3_column_int64(st, 1);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("motif"),
                              (long long)motif_id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

static void read_id(sqlite3_stmt *st, void *p)
{
    *(int64_t *)p = sqlite3_column_int64(st, 0);
}

/* ---- each site's public holidays ---------------------------------------- *
 * site.holidays (migration 3) decides which days close a site: storage reads
 * it itself, so the console, the command line and every desk agree. */

static const char SQL_ALSACE_SITES[] =
    "SELECT id FROM site WHERE holidays = 'alsace-moselle' ORDER BY id";

static int is_listed(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return 1;
    return 0;
}

/* A search at any site over sites with different holidays: the agents of
 * `cal` keeping only the rules at sites whose holidays are `flags` (the
 * Alsace-Moselle sites are `alsace`). One block: free() releases it. */
static struct slot_agent *agents_for_holidays(const struct db_calendar *cal,
                                              const int64_t *alsace,
                                              size_t nalsace, unsigned flags)
{
    size_t rules = 0;
    for (size_t i = 0; i < cal->agent_count; i++)
        rules += cal->agents[i].rule_count;
    size_t head = cal->agent_count * sizeof(struct slot_agent);
    head = (head + 7) & ~(size_t)7;
    char *block = calloc(1, head + (rules ? rules : 1) * sizeof(struct slot_rule));
    if (!block)
        return NULL;
    struct slot_agent *agents = (struct slot_agent *)block;
    struct slot_rule *rp = (struct slot_rule *)(block + head);
    for (size_t i = 0; i < cal->agent_count; i++) {
        const struct slot_agent *from = &cal->agents[i];
        agents[i] = *from;
        agents[i].rules = rp;
        agents[i].rule_count = 0;
        for (size_t r = 0; r < from->rule_count; r++) {
            int at_alsace = is_listed(alsace, nalsace, from->rules[r].site_id);
            if ((flags == HOLIDAYS_ALSACE_MOSELLE) == at_alsace) {
                *rp++ = from->rules[r];
                agents[i].rule_count++;
            }
        }
    }
    return agents;
}

static size_t agent_rank(const struct db_calendar *cal, int64_t agent_id)
{
    for (size_t i = 0; i < cal->agent_count; i++)
        if (cal->agents[i].agent_id == agent_id)
            return i;
    return cal->agent_count;
}

/* Merges two slots_find results (each earliest first, ties in agent order)
 * into out[max]: the same order, an agent never twice at one start. Each
 * list holds its search's first slots, so their merge holds the union's. */
static size_t merge_slots(const struct db_calendar *cal, const struct slot *a,
                          size_t na, const struct slot *b, size_t nb,
                          struct slot *out, size_t max)
{
    size_t i = 0, j = 0, n = 0;
    while (n < max && (i < na || j < nb)) {
        int take_a;
        if (i == na)
            take_a = 0;
        else if (j == nb)
            take_a = 1;
        else if (a[i].when.start != b[j].when.start)
            take_a = a[i].when.start < b[j].when.start;
        else {
            size_t ra = agent_rank(cal, a[i].agent_id);
            size_t rb = agent_rank(cal, b[j].agent_id);
            if (ra == rb) { /* the same agent and start: once */
                j++;
                continue;
            }
            take_a = ra < rb;
        }
        out[n++] = take_a ? a[i++] : b[j++];
    }
    return n;
}

/* slots_find over `cal` with each site's holidays. With a site, its
 * holidays are in sq->holiday_flags already. At any site: one search when
 * every site the agents work at has the same holidays, else one per kind
 * of holidays, merged. Returns a db_status. */
static int find_by_site_holidays(struct db *db, struct slot_query *sq,
                                 const struct db_calendar *cal,
                                 struct slot *out, size_t max, size_t *found,
                                 struct db_error *err)
{
    *found = 0;
    int64_t *alsace = NULL;
    size_t nalsace = 0;
    int kinds = 1; /* bit 0: national rules, bit 1: Alsace-Moselle rules */
    if (!sq->site_id) {
        sqlite3_stmt *st = db_stmt(db, SQL_ALSACE_SITES, err);
        if (!st)
            return err->status;
        void *arr = NULL;
        int rc = db_collect(db, st, sizeof *alsace, read_id, &arr, &nalsace,
                            err);
        alsace = arr;
        if (rc != DB_OK)
            return rc;
        kinds = 0;
        for (size_t i = 0; i < cal->agent_count; i++)
            for (size_t r = 0; r < cal->agents[i].rule_count; r++)
                kinds |= is_listed(alsace, nalsace,
                                   cal->agents[i].rules[r].site_id) ? 2 : 1;
        sq->holiday_flags = kinds == 2 ? HOLIDAYS_ALSACE_MOSELLE
                                       : HOLIDAYS_NATIONAL;
    }
    int s;
    if (kinds != 3) {
        s = slots_find(sq, cal->agents, cal->agent_count, out, max, found);
    } else {
        struct slot_agent *national = agents_for_holidays(
            cal, alsace, nalsace, HOLIDAYS_NATIONAL);
        struct slot_agent *eastern = agents_for_holidays(
            cal, alsace, nalsace, HOLIDAYS_ALSACE_MOSELLE);
        struct slot *a = calloc(max, sizeof *a), *b = calloc(max, sizeof *b);
        size_t na = 0, nb = 0;
        s = national && eastern && a && b ? SLOTS_OK : SLOTS_ERR_NO_MEMORY;
        if (s == SLOTS_OK) {
            sq->holiday_flags = HOLIDAYS_NATIONAL;
            s = slots_find(sq, national, cal->agent_count, a, max, &na);
        }
        if (s == SLOTS_OK) {
            sq->holiday_flags = HOLIDAYS_ALSACE_MOSELLE;
            s = slots_find(sq, eastern, cal->agent_count, b, max, &nb);
        }
        if (s == SLOTS_OK)
            *found = merge_slots(cal, a, na, b, nb, out, max);
        free(national);
        free(eastern);
        free(a);
        free(b);
    }
    free(alsace);
    if (s != SLOTS_OK)
        return db_set_error(err, s == SLOTS_ERR_NO_MEMORY ? DB_ERR_INTERNAL
                                                          : DB_ERR_INVALID,
                            "%s", _("slot search"));
    return DB_OK;
}

static int slots_body(struct db *db, const struct db_slot_search *q,
                      struct slot_query *sq, size_t max, struct slot **out,
                      size_t *count, struct db_error *err)
{
    int duration = 0;
    int64_t service = 0;
    int rc = motif_info(db, q->motif_id, &duration, &service, err);
    if (rc == DB_OK && q->site_id)
        rc = db_site_holiday_flags(db, q->site_id, &sq->holiday_flags, err);
    if (rc == DB_OK && q->agent_id)
        rc = db_require(db, "agent", q->agent_id, err);
    if (rc != DB_OK)
        return rc;
    if (!sq->duration_minutes)
        sq->duration_minutes = duration;

    int64_t *ids = NULL;
    size_t n = 0;
    if (q->agent_id) {
        ids = malloc(sizeof *ids);
        if (!ids)
            return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
        ids[0] = q->agent_id;
        n = 1;
    } else {
        char first[CIVIL_DATE_LEN], last[CIVIL_DATE_LEN];
        civil_format_date(sq->earliest.date, first, sizeof first);
        civil_format_date(sq->latest, last, sizeof last);
        sqlite3_stmt *st = db_stmt(db, SQL_SLOT_AGENTS, err);
        if (!st)
            return err->status;
        sqlite3_bind_int64(st, 1, q->site_id);
        sqlite3_bind_text(st, 2, first, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 3, last, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 4, q->motif_id);
        sqlite3_bind_int64(st, 5, service);
        void *arr = NULL;
        rc = db_collect(db, st, sizeof *ids, read_id, &arr, &n, err);
        ids = arr;
        if (rc != DB_OK)
            return rc;
        if (n > DB_CALENDAR_MAX_AGENTS)
            n = DB_CALENDAR_MAX_AGENTS;
    }
    struct db_calendar *cal = NULL;
    rc = db_calendar_load_locked(db, ids, n, sq->earliest.date, sq->latest, 1, &cal, err);
    free(ids);
    if (rc != DB_OK)
        return rc;
    struct slot *slots = calloc(max, sizeof *slots);
    if (!slots) {
        free(cal);
        return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    }
    size_t found = 0;
    rc = find_by_site_holidays(db, sq, cal, slots, max, &found, err);
    free(cal);
    if (rc != DB_OK) {
        free(slots);
        return rc;
    }
    if (found == 0) {
        free(slots);
        slots = NULL;
    }
    *out = slots;
    *count = found;
    return DB_OK;
}

/* "From now" at any site: each site has its own now. The search starts
 * from the earliest of them, and the slots of a site whose now is later
 * are then dropped until it (a site in Indian/Reunion is two or three
 * hours ahead of one in Europe/Paris). */
static void earliest_at_any_site(struct db *db, struct civil_datetime *out)
{
    struct db_site *sites = NULL;
    size_t n = 0;
    struct db_error ignored = {0};
    clock_now(out, NULL);
    if (db_site_list(db, &sites, &n, &ignored) != DB_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        struct civil_datetime t;
        db_zone_now(sites[i].timezone, &t);
        if (i == 0 || civil_datetime_compare(t, *out) < 0)
            *out = t;
    }
    free(sites);
}

static void drop_past_slots(struct db *db, struct slot *slots, size_t *count)
{
    size_t kept = 0;
    int64_t site = 0;
    struct civil_datetime now = {{0, 0, 0}, 0};
    for (size_t i = 0; i < *count; i++) {
        if (i == 0 || slots[i].site_id != site) {
            site = slots[i].site_id;
            db_site_now(db, site, &now);
        }
        if (civil_datetime_compare(slots[i].start, now) >= 0)
            slots[kept++] = slots[i];
    }
    *count = kept;
}

enum { SLOTS_DEFAULT_DAYS = 60, SLOTS_MAX_DAYS = 366, SLOTS_MAX = 500 };

int db_slots_find(struct db *db, const struct db_slot_search *q, size_t max,
                  struct slot **out, size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    struct slot_query sq;
    memset(&sq, 0, sizeof sq);
    int from_now = 0;
    int rc = db_check_id(q->motif_id, 0, _("motif"), err);
    if (rc == DB_OK)
        rc = db_check_id(q->site_id, 1, _("site"), err);
    if (rc == DB_OK)
        rc = db_check_id(q->agent_id, 1, _("agent"), err);
    if (rc == DB_OK && (max < 1 || max > SLOTS_MAX))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %zu", _("limit"), max);
    if (rc == DB_OK && (q->days < 0 || q->days > SLOTS_MAX_DAYS))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %d", _("days"), q->days);
    if (rc == DB_OK && (q->duration_minutes < 0 ||
                        q->duration_minutes > BOOKING_MAX_MINUTES))
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %d", _("duration"),
                          q->duration_minutes);
    if (rc != DB_OK)
        return rc;
    if (q->earliest[0]) {
        char text[CIVIL_DATETIME_LEN];
        if (strnlen(q->earliest, sizeof q->earliest) >= sizeof q->earliest)
            return db_set_error(err, DB_ERR_INVALID, "%s", _("earliest"));
        memcpy(text, q->earliest, sizeof text);
        rc = db_check_datetime(text, _("earliest"), &sq.earliest, err);
        if (rc != DB_OK)
            return rc;
    } else if (q->site_id) {
        db_site_now(db, q->site_id, &sq.earliest); /* the site's own clock */
    } else {
        earliest_at_any_site(db, &sq.earliest);
        from_now = 1;
    }
    if (civil_date_add_days(sq.earliest.date,
                            (q->days ? q->days : SLOTS_DEFAULT_DAYS) - 1,
                            &sq.latest) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("earliest"));
    sq.site_id = q->site_id;
    sq.motif_id = q->motif_id;
    sq.duration_minutes = q->duration_minutes;
    int started = 0;
    rc = db_read_begin(db, &started, err);
    if (rc != DB_OK)
        return rc;
    rc = slots_body(db, q, &sq, max, out, count, err);
    if (rc == DB_OK && from_now)
        drop_past_slots(db, *out, count);
    db_read_end(db, started);
    if (rc == DB_OK && *count == 0) {
        free(*out);
        *out = NULL;
    }
    return rc;
}
