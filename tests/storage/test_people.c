/* test_people.c - people at the desk, on a real file: search as
 * you type (accents and case, word prefixes, phone with any spacing, birth
 * date), duplicates before creating, edits with a version check against a
 * second connection, bad input writing nothing, and search speed on
 * 100,000 people. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <time.h>

#include "house_fixture.h"
#include "model/search.h"
#include "model/duplicates.h"

/* Ids found by a search, in order, as "id,id,..." */
static void search_ids(struct fx *fx, const char *typed, size_t limit,
                       char *buf, size_t size)
{
    struct db_person_hit *hits = NULL;
    size_t n = 0;
    struct db_error err = {0};
    fx_must(db_person_search(fx->db, typed, limit, &hits, &n, &err), &err,
            typed);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%lld", i ? "," : "",
                 (long long)hits[i].id);
    }
    free(hits);
}

static void test_search_table(void **state)
{
    struct fx *fx = *state;
    char h[16], j[16], p[16], hp[64], jp[64];
    snprintf(h, sizeof h, "%lld", (long long)fx->helene);
    snprintf(j, sizeof j, "%lld", (long long)fx->jean);
    snprintf(p, sizeof p, "%lld", (long long)fx->pierre);
    /* ordered by folded name: dupont-martin, durand, lefevre */
    snprintf(hp, sizeof hp, "%s,%s,%s", j, p, h);
    snprintf(jp, sizeof jp, "%s,%s", j, p);
    const struct {
        const char *typed;
        const char *expect;
    } cases[] = {
        {"helene", h},
        {"HÉLÈNE", h},
        {"hél", h},
        {"lef hel", h},
        {"hel lef", h},
        {"  Lefevre   ", h},
        {"upo", ""},            /* prefixes of words only */
        {"jean pierre", j},     /* the hyphen separates words */
        {"pierre", jp},         /* first name of one, last... of none */
        {"du", jp},
        {"martin", j},
        {"dupontmartin", j},    /* separators ignored: words joined */
        {"dupontmar", j},
        {"dupontmartine", ""},
        {"06 12 34 56 78", h},
        {"0612345678", h},
        {"06.12.34.56.78", h},
        {"+33 6 12 34 56 78", h},
        {"5678", h},            /* digits anywhere in the number */
        {"07 11 22", j},        /* +33 7 ... stored as 07... */
        {"12/03/1980", h},
        {"1980-03-12", h},
        {"01/07/1975", p},
        {"02/07/1975", ""},
        {"", hp},               /* empty: everyone, by name */
        {"zzz", ""},
        {"hel zzz", ""},
    };
    char got[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        search_ids(fx, cases[i].typed, 50, got, sizeof got);
        if (strcmp(got, cases[i].expect) != 0)
            fail_msg("search \"%s\": got [%s], expected [%s]", cases[i].typed,
                     got, cases[i].expect);
    }
    search_ids(fx, "", 2, got, sizeof got); /* the limit holds */
    assert_string_equal(got, jp);
}

static void test_search_bad_limit(void **state)
{
    struct fx *fx = *state;
    struct db_person_hit *hits = NULL;
    size_t n = 0;
    struct db_error err = {0};
    assert_int_equal(db_person_search(fx->db, "a", 0, &hits, &n, &err),
                     DB_ERR_INVALID);
    assert_int_equal(db_person_search(fx->db, "a", DB_SEARCH_LIMIT_MAX + 1,
                                      &hits, &n, &err), DB_ERR_INVALID);
    assert_null(hits);
}

/* Phone digits written by the schema trigger (people.c leaves them) and by
 * db_person_update (the model's exact digits) agree on common forms. */
static void test_phone_digits_stored(void **state)
{
    struct fx *fx = *state;
    char sql[128];
    snprintf(sql, sizeof sql,
             "SELECT phone_digits = '0612345678' FROM beneficiary WHERE id = %lld",
             (long long)fx->helene);
    assert_int_equal(fx_int(fx->db, sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT phone_digits = '0711223344' FROM beneficiary WHERE id = %lld",
             (long long)fx->jean);
    assert_int_equal(fx_int(fx->db, sql), 1);
}

static void test_update_changes_search(void **state)
{
    struct fx *fx = *state;
    struct db_person p;
    struct db_error err = {0};
    fx_must(db_person_get(fx->db, fx->helene, &p, &err), &err, "get");
    assert_int_equal(p.version, 1);
    snprintf(p.last_name, sizeof p.last_name, "Béranger");
    snprintf(p.phone, sizeof p.phone, "+33 (0)6 99 88 77 66");
    fx_must(db_person_update(fx->db, &p, NULL, &err), &err, "update");
    assert_int_equal(p.version, 2);
    char got[64], h[16];
    snprintf(h, sizeof h, "%lld", (long long)fx->helene);
    search_ids(fx, "beranger", 10, got, sizeof got);
    assert_string_equal(got, h);
    search_ids(fx, "lefevre", 10, got, sizeof got);
    assert_string_equal(got, "");
    search_ids(fx, "06 99 88", 10, got, sizeof got);
    assert_string_equal(got, h);
    search_ids(fx, "0612", 10, got, sizeof got);
    assert_string_equal(got, "");

    struct db_audit_entry *log = NULL;
    size_t n = 0;
    fx_must(db_audit_for(fx->db, "person", fx->helene, &log, &n, &err), &err,
            "audit");
    assert_true(n >= 2);
    assert_string_equal(log[0].action, "edit");
    assert_non_null(strstr(log[0].detail, "last name: Lefèvre -> Béranger"));
    assert_non_null(strstr(log[0].detail, "phone"));
    assert_null(strstr(log[0].detail, "first name"));
    free(log);
}

static void test_update_conflict_two_desks(void **state)
{
    struct fx *fx = *state;
    struct db *other = fx_open_other(fx, "accueil2");
    struct db_person mine, theirs;
    struct db_error err = {0};
    fx_must(db_person_get(fx->db, fx->pierre, &mine, &err), &err, "get");
    fx_must(db_person_get(other, fx->pierre, &theirs, &err), &err, "get");
    /* the other desk saves first */
    snprintf(theirs.phone, sizeof theirs.phone, "06 00 00 00 01");
    fx_must(db_person_update(other, &theirs, NULL, &err), &err, "theirs");
    /* this desk still holds version 1 */
    snprintf(mine.email, sizeof mine.email, "pierre.durand@example.org");
    char *before = fx_dump(fx->db);
    struct db_conflict c;
    memset(&c, 0, sizeof c);
    assert_int_equal(db_person_update(fx->db, &mine, &c, &err),
                     DB_ERR_CONFLICT);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    assert_int_equal(c.seen_version, 1);
    assert_int_equal(c.current_version, 2);
    assert_true(c.has_audit);
    assert_string_equal(c.last.actor, "accueil2");
    assert_string_equal(c.last.action, "edit");
    assert_non_null(strstr(c.last.detail, "phone"));
    assert_non_null(strstr(err.detail, "accueil2"));
    /* reload and re-apply works */
    fx_must(db_person_get(fx->db, fx->pierre, &mine, &err), &err, "reload");
    snprintf(mine.email, sizeof mine.email, "pierre.durand@example.org");
    fx_must(db_person_update(fx->db, &mine, NULL, &err), &err, "re-apply");
    assert_int_equal(mine.version, 3);
    db_close(other);
}

static void test_update_bad_input_writes_nothing(void **state)
{
    struct fx *fx = *state;
    struct db_person base;
    struct db_error err = {0};
    fx_must(db_person_get(fx->db, fx->jean, &base, &err), &err, "get");
    char *before = fx_dump(fx->db);
    const struct {
        const char *what;
        size_t offset;
        const char *value;
        enum db_status expect;
        const char *field;
    } cases[] = {
        {"control char", offsetof(struct db_person, last_name), "Dupont\x1b[2J",
         DB_ERR_INVALID, "last name"},
        {"empty last name", offsetof(struct db_person, last_name), "   ",
         DB_ERR_INVALID, "last name"},
        {"impossible date", offsetof(struct db_person, birth_date), "31/02/1980",
         DB_ERR_INVALID, "birth date"},
        {"not a date", offsetof(struct db_person, birth_date), "hier",
         DB_ERR_INVALID, "birth date"},
        {"born in 1800", offsetof(struct db_person, birth_date), "01/01/1800",
         DB_ERR_INVALID, "between 1900 and today"},
        {"born in 3000", offsetof(struct db_person, birth_date), "12/03/3000",
         DB_ERR_INVALID, "between 1900 and today"},
        {"bad utf-8", offsetof(struct db_person, first_name), "Jean\xc3",
         DB_ERR_INVALID, "first name"},
        {"tab in phone", offsetof(struct db_person, phone), "06\t12",
         DB_ERR_INVALID, "phone"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_person p = base;
        char *field = (char *)&p + cases[i].offset;
        strcpy(field, cases[i].value);
        memset(&err, 0, sizeof err);
        int rc = db_person_update(fx->db, &p, NULL, &err);
        if (rc != (int)cases[i].expect || !strstr(err.detail, cases[i].field))
            fail_msg("%s: status %d detail \"%s\"", cases[i].what, rc,
                     err.detail);
    }
    /* over-long: 128 bytes do not fit a 128-byte field */
    struct db_person p = base;
    memset(p.last_name, 'a', sizeof p.last_name);
    assert_int_equal(db_person_update(fx->db, &p, NULL, &err), DB_ERR_INVALID);
    assert_non_null(strstr(err.detail, "last name"));
    /* references */
    p = base;
    p.responsible_id = 999;
    assert_int_equal(db_person_update(fx->db, &p, NULL, &err), DB_ERR_NO_ROW);
    p.responsible_id = p.id;
    assert_int_equal(db_person_update(fx->db, &p, NULL, &err), DB_ERR_INVALID);
    p = base;
    p.id = 999;
    assert_int_equal(db_person_update(fx->db, &p, NULL, &err), DB_ERR_NO_ROW);
    char *after = fx_dump(fx->db);
    assert_string_equal(before, after);
    free(before);
    free(after);
}

static void test_duplicates(void **state)
{
    struct fx *fx = *state;
    struct db_error err = {0};
    const struct {
        struct db_person candidate;
        int64_t expect_id; /* 0 = none */
        unsigned reasons;
    } cases[] = {
        {fx_person("LEFEVRE", "helene", "12/03/1980", "", ""), fx->helene,
         DUPLICATE_NAME_BIRTH},
        {fx_person("Autre", "Nom", "", "0612345678", ""), fx->helene,
         DUPLICATE_PHONE},
        {fx_person("Autre", "Nom", "", "", " Helene.Lefevre@EXAMPLE.org "),
         fx->helene, DUPLICATE_EMAIL},
        {fx_person("Lefèvre", "Hélène", "1980-03-12", "06-12-34-56-78", ""),
         fx->helene, DUPLICATE_NAME_BIRTH | DUPLICATE_PHONE},
        {fx_person("Lefèvre", "Hélène", "1981-03-12", "", ""), 0, 0},
        {fx_person("Durand", "Pierre", "", "", ""), 0, 0}, /* no birth date */
        {fx_person("Dupont-Martin", "Jean-Pierre", "", "07 11 22 33 44", ""),
         fx->jean, DUPLICATE_PHONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct db_duplicate *d = NULL;
        size_t n = 0;
        fx_must(db_person_duplicates(fx->db, &cases[i].candidate, &d, &n, &err),
                &err, "duplicates");
        if (cases[i].expect_id == 0) {
            if (n != 0)
                fail_msg("case %zu: unexpected match %lld", i,
                         (long long)d[0].person.id);
        } else {
            if (n != 1 || d[0].person.id != cases[i].expect_id ||
                d[0].reasons != cases[i].reasons)
                fail_msg("case %zu: n=%zu reasons=%u", i, n,
                         n ? d[0].reasons : 0);
        }
        free(d);
    }
    /* editing a person does not find itself */
    struct db_person self;
    fx_must(db_person_get(fx->db, fx->helene, &self, &err), &err, "get");
    struct db_duplicate *d = NULL;
    size_t n = 0;
    fx_must(db_person_duplicates(fx->db, &self, &d, &n, &err), &err, "self");
    assert_int_equal(n, 0);
    free(d);
    char text[128];
    db_duplicate_describe(DUPLICATE_NAME_BIRTH | DUPLICATE_PHONE, text,
                          sizeof text);
    assert_string_equal(text, "same name and birth date, same phone");
}

/* 100,000 people in one bulk, then each kind of query timed. */
static void test_search_speed_100k(void **state)
{
    struct fx *fx = *state;
    static const char *const lasts[] = {
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand",
        "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy",
        "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet",
        "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Müller",
        "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier",
        "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin"};
    static const char *const firsts[] = {
        "Marie", "Jean", "Hélène", "Pierre", "Nathalie", "Michel", "Isabelle",
        "Philippe", "Sylvie", "Alain", "Catherine", "Éric", "Françoise",
        "Nicolas", "Céline", "Stéphane", "Julie", "Laurent", "Sophie", "Kévin",
        "Chloé", "Théo", "Léa", "Noé", "Inès", "Lucas", "Zoé", "Hugo"};
    struct db_error err = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    fx_must(db_bulk_begin(fx->db, &err), &err, "bulk");
    unsigned seed = 7;
    for (int i = 0; i < 100000; i++) {
        seed = seed * 1103515245u + 12345u;
        struct db_person p;
        memset(&p, 0, sizeof p);
        snprintf(p.last_name, sizeof p.last_name, "%s%s",
                 lasts[(seed >> 8) % 40], i % 7 == 0 ? "-Leblanc" : "");
        snprintf(p.first_name, sizeof p.first_name, "%s",
                 firsts[(seed >> 16) % 28]);
        snprintf(p.birth_date, sizeof p.birth_date, "%04d-%02d-%02d",
                 1930 + (int)((seed >> 4) % 80), 1 + (int)((seed >> 12) % 12),
                 1 + (int)((seed >> 20) % 28));
        snprintf(p.phone, sizeof p.phone, "06 %02d %02d %02d %02d", i / 1000000,
                 (i / 10000) % 100, (i / 100) % 100, i % 100);
        fx_must(db_person_add(fx->db, &p, &err), &err, "add");
    }
    fx_must(db_bulk_commit(fx->db, &err), &err, "commit");
    clock_gettime(CLOCK_MONOTONIC, &t1);
    print_message("100000 people inserted in %.2f s\n",
                  (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    static const char *const queries[] = {
        "h", "hel", "helene", "hélène lef", "m", "martin", "dup jean",
        "leblanc ma", "06 05 43", "4321", "12/03/1980", "", "zzz"};
    double worst = 0;
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        struct db_person_hit *hits = NULL;
        size_t n = 0;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int rep = 0; rep < 5; rep++) {
            free(hits);
            fx_must(db_person_search(fx->db, queries[q], 50, &hits, &n, &err),
                    &err, queries[q]);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double ms = ((t1.tv_sec - t0.tv_sec) * 1e3 +
                     (t1.tv_nsec - t0.tv_nsec) / 1e6) / 5;
        print_message("search %-14s %2zu hits %7.2f ms\n", queries[q], n, ms);
        if (ms > worst)
            worst = ms;
        if (strcmp(queries[q], "zzz") != 0)
            assert_true(n > 0);
        /* results are real matches */
        struct search_query sq;
        search_query_parse(queries[q], &sq);
        for (size_t i = 0; i < n && sq.kind == SEARCH_NAME; i++) {
            char names[400], key[400];
            snprintf(names, sizeof names, "%s %s %s", hits[i].last_name,
                     hits[i].first_name, hits[i].birth_name);
            search_fold(names, key, sizeof key);
            assert_true(search_match_name(key, &sq));
        }
        free(hits);
    }
    /* Times are printed, never asserted: tests must not depend on the
     * machine's speed (make bench measures). */
    print_message("slowest search %.2f ms\n", worst);

    /* Pages read (each a round trip on a share), counted on a fresh
     * connection: a word 2,500 people have ("martin") or a letter most have
     * ("m") walks the names in order and reads the rows of the first 200 of
     * them (limit 50, four times as many ranked); sorting the whole set read
     * every one of their rows (some 700 pages). */
    static const char *const common[] = {"martin", "m", "martin m"};
    for (size_t q = 0; q < sizeof common / sizeof common[0]; q++) {
        struct db_open_options o = {0};
        struct db *cold = NULL;
        fx_must(db_open(fx->path, &o, &cold, &err), &err, "reopen");
        struct db_io_counts c0, c1;
        db_io_count_start();
        db_io_count_get(&c0);
        struct db_person_hit *hits = NULL;
        size_t n = 0;
        fx_must(db_person_search(cold, common[q], 50, &hits, &n, &err), &err, common[q]);
        db_io_count_get(&c1);
        print_message("search %-14s on a fresh connection: %lld reads\n", common[q],
                      c1.reads - c0.reads);
        assert_int_equal(n, 50);
        assert_true(c1.reads - c0.reads < 400);
        if (strcmp(common[q], "m") != 0)
            for (size_t i = 0; i < n; i++) /* the surname's matches first */
                assert_non_null(strstr(hits[i].last_name, "Martin"));
        free(hits);
        db_close(cold);
    }
}

int main(void)
{
    setenv("GUICHET_NOW", FX_NOW, 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_search_table, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_search_bad_limit, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_phone_digits_stored, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_update_changes_search, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_update_conflict_two_desks, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_update_bad_input_writes_nothing, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_duplicates, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_search_speed_100k, fx_setup, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
