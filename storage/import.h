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

struct import_names {
    struct import_map sites, services, motifs /* name + service */,
        motifs_any, agents, unassigned /* by site id */,
        memberships /* agent id + site id */, people /* by person_ref */;
    size_t created_sites, created_services, created_motifs, created_agents,
        created_people;
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
                       struct db_error *err);
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
int import_person(struct db *db, struct import_names *n,
                  const struct import_person *p, int64_t *id,
                  struct db_error *err);

#endif
