/* agents.c - agents (staff who receive people: with a console login or
 * without) and the sites they work at. */
#include <stdio.h>
#include <string.h>

#include "rows.h"
#include "../common/i18n.h"

/* The agent columns (alias a) and their one reader. */
#define AGENT_COLUMNS \
    "a.id, a.last_name, a.first_name, a.login, IFNULL(a.service_id, 0)"

static void read_agent(sqlite3_stmt *st, void *p)
{
    struct db_agent *a = p;
    a->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, a->last_name, sizeof a->last_name);
    db_column_text(st, 2, a->first_name, sizeof a->first_name);
    db_column_text(st, 3, a->login, sizeof a->login);
    a->service_id = sqlite3_column_int64(st, 4);
}

/* The agent table's binder: ?2..?5, ?1 being the id of an UPDATE. */
static void bind_agent(sqlite3_stmt *st, const struct db_agent *a)
{
    sqlite3_bind_text(st, 2, a->last_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, a->first_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, a->login, -1, SQLITE_STATIC);
    db_bind_ref(st, 5, a->service_id);
}

static int check_agent(const struct db_agent *a, struct db_error *err)
{
    int rc = db_check_text(a->last_name, sizeof a->last_name, TEXT_REQUIRED,
                           _("last name"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->first_name, sizeof a->first_name, 0,
                           _("first name"), err);
    if (rc == DB_OK)
        rc = db_check_text(a->login, sizeof a->login, 0, _("login"), err);
    if (rc == DB_OK)
        rc = db_check_id(a->service_id, 1, _("service"), err);
    return rc;
}

/* ---- add and edit ------------------------------------------------------ */

static const char SQL_AGENT_ADD[] =
    "INSERT INTO agent (last_name, first_name, login, service_id)"
    " VALUES (?2, ?3, ?4, ?5)";
static const char SQL_AGENT_UPDATE[] =
    "UPDATE agent SET last_name = ?2, first_name = ?3, login = ?4,"
    " service_id = ?5 WHERE id = ?1";

static int write_step(struct db *db, struct db_unit *u, void *ctx,
                      struct db_error *err)
{
    const struct db_agent *a = ctx;
    struct db_agent old;
    int creating = !u->versioned, rc = DB_OK;
    if (a->service_id)
        rc = db_require(db, "service", a->service_id, err);
    if (rc == DB_OK && !creating)
        rc = db_agent_get(db, a->id, &old, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, creating ? SQL_AGENT_ADD
                                                          : SQL_AGENT_UPDATE,
                                             err)
                                   : NULL;
    if (!st)
        return err->status;
    if (!creating)
        sqlite3_bind_int64(st, 1, a->id);
    bind_agent(st, a);
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (creating) {
        u->id = db_last_insert_id(db);
        db_unit_detail(u, "%s %s (%s)", a->last_name, a->first_name,
                       a->login);
        return rc;
    }
    char o[24], n[24];
    db_unit_diff(u, "last name", old.last_name, a->last_name);
    db_unit_diff(u, "first name", old.first_name, a->first_name);
    db_unit_diff(u, "login", old.login, a->login);
    snprintf(o, sizeof o, "%lld", (long long)old.service_id);
    snprintf(n, sizeof n, "%lld", (long long)a->service_id);
    db_unit_diff(u, "service", o, n);
    return rc;
}

int db_agent_add(struct db *db, struct db_agent *a, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_agent(a, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_create("agent");
    rc = db_unit_run(db, &u, write_step, a, err);
    if (rc == DB_OK)
        a->id = u.id;
    else if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("login"), a->login);
    return rc;
}

int db_agent_update(struct db *db, const struct db_agent *a, int64_t version,
                    struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(a->id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = check_agent(a, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("agent", a->id, version, "edit", conflict);
    rc = db_unit_run(db, &u, write_step, (void *)a, err);
    if (rc == DB_ERR_DUPLICATE)
        db_set_error(err, rc, "%s: %s", _("login"), a->login);
    return rc;
}

/* ---- reads ------------------------------------------------------------- */

static const char SQL_AGENT_LIST[] =
    "SELECT " AGENT_COLUMNS " FROM agent a"
    " ORDER BY a.last_name COLLATE NOCASE, a.first_name COLLATE NOCASE, a.id";
static const char SQL_AGENT_GET[] =
    "SELECT " AGENT_COLUMNS " FROM agent a WHERE a.id = ?1";
static const char SQL_AGENT_LOGIN[] =
    "SELECT " AGENT_COLUMNS " FROM agent a"
    " WHERE a.login = ?1 AND a.login <> ''";
static const char SQL_SITE_AGENTS[] =
    "SELECT " AGENT_COLUMNS
    " FROM agent_site s JOIN agent a ON a.id = s.agent_id"
    " WHERE s.site_id = ?1"
    " ORDER BY a.last_name COLLATE NOCASE, a.first_name COLLATE NOCASE, a.id";

int db_agent_list(struct db *db, struct db_agent **out, size_t *count,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_LIST, err);
    if (!st)
        return err->status;
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_agent, &arr, count, err);
    *out = arr;
    return rc;
}

int db_agent_get(struct db *db, int64_t id, struct db_agent *out,
                 struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    return db_get_one(db, st, out, sizeof *out, read_agent, _("agent"), id,
                      err);
}

int db_agent_find_login(struct db *db, const char *login, struct db_agent *out,
                        struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_LOGIN, err);
    if (!st)
        return err->status;
    sqlite3_bind_text(st, 1, login ? login : "", -1, SQLITE_TRANSIENT);
    int rc = db_get_one(db, st, out, sizeof *out, read_agent, _("login"),
                        0, err);
    if (rc == DB_ERR_NO_ROW)
        db_set_error(err, rc, "%s: %s", _("login"), login ? login : "");
    return rc;
}

int db_site_agents(struct db *db, int64_t site_id, struct db_agent **out,
                   size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_SITE_AGENTS, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, site_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_agent, &arr, count, err);
    *out = arr;
    return rc;
}

/* ---- the sites an agent works at --------------------------------------- */

static void read_id(sqlite3_stmt *st, void *p)
{
    *(int64_t *)p = sqlite3_column_int64(st, 0);
}

static const char SQL_AGENT_SITES[] =
    "SELECT s.id FROM agent_site x JOIN site s ON s.id = x.site_id"
    " WHERE x.agent_id = ?1 ORDER BY s.name, s.id";

int db_agent_sites(struct db *db, int64_t agent_id, int64_t **out,
                   size_t *count, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st = db_stmt(db, SQL_AGENT_SITES, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, agent_id);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_id, &arr, count, err);
    *out = arr;
    return rc;
}

static const char SQL_JOIN[] =
    "INSERT OR IGNORE INTO agent_site (agent_id, site_id) VALUES (?1, ?2)";
static const char SQL_LEAVE[] =
    "DELETE FROM agent_site WHERE agent_id = ?1 AND site_id = ?2";

struct link {
    const char *sql;
    int64_t site_id;
};

static int link_step(struct db *db, struct db_unit *u, void *ctx,
                     struct db_error *err)
{
    const struct link *l = ctx;
    int rc = db_require(db, "agent", u->id, err);
    if (rc == DB_OK)
        rc = db_require(db, "site", l->site_id, err);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, l->sql, err) : NULL;
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, u->id);
    sqlite3_bind_int64(st, 2, l->site_id);
    rc = db_step_done(db, st, err);
    u->unchanged = db_rows_changed(db) == 0;
    db_stmt_done(db, st);
    db_unit_detail(u, "site %lld", (long long)l->site_id);
    return rc;
}

/* Links or unlinks an agent and a site; audited on the agent when a row
 * changed. */
static int link_unit(struct db *db, const char *sql, const char *action,
                     int64_t agent_id, int64_t site_id, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = db_check_id(agent_id, 0, _("agent"), err);
    if (rc == DB_OK)
        rc = db_check_id(site_id, 0, _("site"), err);
    if (rc != DB_OK)
        return rc;
    struct link l = {sql, site_id};
    struct db_unit u = db_unit_plain("agent", agent_id, action);
    return db_unit_run(db, &u, link_step, &l, err);
}

/* Joining a site twice is not an error. */
int db_agent_join_site(struct db *db, int64_t agent_id, int64_t site_id,
                       struct db_error *err)
{
    return link_unit(db, SQL_JOIN, "join", agent_id, site_id, err);
}

/* Leaving a site one is not at is not an error (nothing is written). */
int db_agent_leave_site(struct db *db, int64_t agent_id, int64_t site_id,
                        struct db_error *err)
{
    return link_unit(db, SQL_LEAVE, "leave", agent_id, site_id, err);
}
