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
