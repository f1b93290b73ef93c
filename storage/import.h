/* import.h - internal to storage/import*.c: the name tables of an import
 * (what already exists, found by name, and what the import creates). */
#ifndef GUICHET_STORAGE_IMPORT_H
#define GUICHET_STORAGE_IMPORT_H

#include "db_internal.h"

/* The service of imported motifs that name none, and the agent of a site
 * that appointments without an agent go to. Data, not messages: the same
 * in every language so that a second import finds them. */
#define IMPORT_SERVICE "(import)"
#define IMPORT_UNASSIGNED "(unassigned)"

/* How far an import is, for its progress bar. Each stage of an import
 * fills its own share of the bar, in thousandths: the bar moves while the
 * rows are written too, not only while the file is read (reading is about a
 * quarter of an import's time; writing the appointments, half). */
struct import_progress {
    db_progress_fn fn; /* NULL: nobody is watching */
    void *ctx;
    unsigned from, to; /* the running stage's share of [0, 1000] */
};
/* Starts the stage that fills [from, to) of the bar, and shows `from`. */
void import_progress_stage(struct import_progress *p, unsigned from, unsigned to);
/* done of total of the running stage. */
void import_progress_at(const struct import_progress *p, size_t done, size_t total);

struct import_slot {
    char *key;
    uint64_t hash;
    int64_t id;
};

struct import_map {
    struct import_slot *slots;
    size_t size, used;
};

int64_t import_map_get(const struct import_map *m, const char *a, const char *b);
int import_map_put(struct import_map *m, const char *a, const char *b, int64_t id);
void import_map_free(struct import_map *m);

/* A person the file brings (import_person), written at the end. */
struct import_new_person {
    int64_t id;
    char *text; /* ref, last name, first name, phone, e-mail, sex, search key,
                   phone digits: NUL-separated, in that order */
    char birth_date[CIVIL_DATE_LEN];
};
struct import_names {
    struct import_map sites, services, motifs /* name + service */,
        motifs_any, agents, unassigned /* by site id */,
        memberships /* agent id + site id */, people /* by person_ref */;
    size_t created_sites, created_services, created_motifs, created_agents,
        created_people;
    /* people the file brings, written by import_people_write */
    struct import_new_person *new_people;
    size_t new_count, new_cap;
    int64_t next_person;               /* the first one's id (0: not read yet) */
    char now[CIVIL_DATETIME_LEN];
};

struct import_person {
    const char *ref, *last_name, *first_name, *phone, *email, *sex;
    char birth_date[CIVIL_DATE_LEN]; /* ISO or empty */
};

/* An appointment of the file, checked, names resolved (import_stage.c). */
struct import_row {
    size_t seq;                        /* file order */
    size_t line;
    int64_t site, agent, motif, person;
    char starts_at[CIVIL_DATETIME_LEN], ends_at[CIVIL_DATETIME_LEN];
    char created[CIVIL_DATETIME_LEN];
    enum appt_status status;
    int booking_known, reminder_sent;
    int skip, overbooked;              /* decided by import_stage_write */
};

struct import_stage {
    struct import_row *rows;
    size_t n, cap;
    int64_t person_before;             /* people up to this id were there */
};

int import_stage_begin(struct db *db, struct import_stage *s, struct db_error *err);
/* Keeps a copy of r; -1 when out of memory. */
int import_stage_add(struct import_stage *s, const struct import_row *r);
/* Writes the rows in file order, skipping those already there and marking
 * overbooked those that overlap their agent's others, as single INSERTs
 * tried in turn would have. */
int import_stage_write(struct db *db, struct import_stage *s, size_t *added, size_t *already,
                       struct import_progress *progress, struct db_error *err);
void import_stage_free(struct import_stage *s);

int import_names_load(struct db *db, struct import_names *n, struct db_error *err);
void import_names_free(struct import_names *n);
int import_site(struct db *db, struct import_names *n, const char *name,
                int64_t *id, struct db_error *err);
int import_service(struct db *db, struct import_names *n, const char *name,
                   int64_t *id, struct db_error *err);
int import_motif(struct db *db, struct import_names *n, const char *name,
                 const char *service, int duration, int64_t *id,
                 int64_t *service_id, struct db_error *err);
int import_agent(struct db *db, struct import_names *n, const char *name,
                 int64_t site_id, int64_t service_id, int64_t *id,
                 struct db_error *err);
/* import_people.c: the id of the person with p->ref; one the database
 * does not have yet gets the id it will have once import_people_write has
 * written it (with the others, in one statement). */
int import_person(struct db *db, struct import_names *n,
                  const struct import_person *p, int64_t *id,
                  struct db_error *err);
int import_people_write(struct db *db, struct import_names *n,
                        struct import_progress *progress, struct db_error *err);
void import_people_free(struct import_names *n);

/* import_write.c: writing many rows with one statement.
 *
 * Rows held in memory that one statement reads as the table `name`:
 * columns as in a CREATE TABLE ("CREATE TABLE x(a, b)"), rows [0, n) in
 * order (rowid = index) except those skip() tells. */
struct import_feed {
    const char *name, *columns;
    const void *rows;
    size_t n;
    int (*skip)(const void *rows, size_t row);      /* may be NULL */
    void (*column)(const void *rows, size_t row, int col, sqlite3_context *out);
    int checked; /* the values meet the target's CHECK constraints: skip them */
    const struct import_progress *progress; /* may be NULL: told as rows are read */
};
/* Runs `sql` (?1 bound to param unless NULL) while the feed is readable;
 * *changes (may be NULL): the rows it wrote. */
int import_feed_run(struct db *db, const struct import_feed *feed, const char *sql,
                    const char *param, size_t *changes, struct db_error *err);
/* Switches off, on this connection, every trigger when those on `table`
 * are all in known[0..n) (the caller then does their work itself): *off
 * says whether it did; a trigger it does not know (a later schema) leaves
 * them on, slower but never wrong. import_triggers_on undoes it. */
int import_triggers_off(struct db *db, const char *table, const char *const *known,
                        size_t n, int *off, struct db_error *err);
void import_triggers_on(struct db *db);
#endif
