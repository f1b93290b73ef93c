/* people.c - beneficiaries (the people who come to the desk): adding and
 * editing them, search as the agent types, and duplicates spotted before a
 * person is created.
 *
 * Search keys (model/search.h) are kept with each beneficiary: the folded
 * names (lower case, no accents, one space between words) in
 * beneficiary.search_key, split into person_word rows by schema triggers,
 * and the phone digits in beneficiary.phone_digits. A name query is one
 * index range on person_word per typed word ("hel" -> words from "hel" to
 * "hel\xff"), a birth date one lookup on beneficiary(birth_date), a phone
 * query a scan of the small phone_digits index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rows.h"
#include "../common/clock.h"
#include "../common/i18n.h"
#include "../model/duplicates.h"
#include "../model/search.h"

/* The folded search key (last, first and birth names) and the phone
 * digits stored with a beneficiary. */
static void person_keys(const struct db_person *p, char key[DB_TEXT_LEN],
                    char digits[SEARCH_PHONE_LEN])
{
    char names[3 * DB_NAME_LEN + 3];
    snprintf(names, sizeof names, "%s %s %s", p->last_name, p->first_name,
             p->birth_name);
    search_fold(names, key, DB_TEXT_LEN); /* cut on a character if longer */
    if (search_phone_digits(p->phone, digits, SEARCH_PHONE_LEN) < 0)
        digits[0] = '\0';
}

/* The texts, the birth date and the responsible person of a person, as
 * both adding and editing check them (rows.h). */
static int check_person_fields(struct db_person *p, struct db_error *err)
{
    static const struct {
        size_t offset, size;
        unsigned flags;
        const char *field;
    } texts[] = {
        {offsetof(struct db_person, last_name), DB_NAME_LEN, TEXT_REQUIRED,
         N_("last name")},
        {offsetof(struct db_person, first_name), DB_NAME_LEN, 0,
         N_("first name")},
        {offsetof(struct db_person, birth_name), DB_NAME_LEN, 0,
         N_("birth name")},
        {offsetof(struct db_person, phone), DB_SHORT_LEN, 0, N_("phone")},
        {offsetof(struct db_person, email), DB_NAME_LEN, 0, N_("e-mail")},
        {offsetof(struct db_person, address), DB_NAME_LEN, 0, N_("address")},
        {offsetof(struct db_person, notes), DB_TEXT_LEN, TEXT_MULTILINE,
         N_("notes")},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *s = (const char *)p + texts[i].offset;
        int rc = db_check_text(s, texts[i].size, texts[i].flags,
                               _(texts[i].field), err);
        if (rc != DB_OK)
            return rc;
    }
    /* One phone format: the digits are stored, every screen groups them
     * (search_phone_grouped). Text that is no number is kept as typed. */
    char digits[SEARCH_PHONE_LEN];
    if (p->phone[0] && search_phone_digits(p->phone, digits, sizeof digits) >= SEARCH_PHONE_MIN_DIGITS)
        snprintf(p->phone, sizeof p->phone, "%s", digits);
    struct civil_date born;
    int rc = db_check_date(p->birth_date, 1, _("birth date"), &born, err);
    if (rc == DB_OK && p->birth_date[0]) {
        /* a typo (3000, 1800) is caught here rather than stored */
        struct civil_datetime now;
        clock_now(&now, NULL);
        if (!civil_birth_date_plausible(born, now.date))
            rc = db_set_error(err, DB_ERR_INVALID, _("%s: %s"), _("birth date"),
                              _("between 1900 and today"));
    }
    if (rc == DB_OK)
        rc = db_check_id(p->responsible_id, 1, _("responsible person"), err);
    return rc;
}

/* ---- add and edit ------------------------------------------------------ */

static int check_person(struct db_person *p, int editing, struct db_error *err)
{
    int rc = editing ? db_check_id(p->id, 0, _("person"), err) : DB_OK;
    if (rc == DB_OK)
        rc = check_person_fields(p, err);
    if (rc == DB_OK && editing && p->responsible_id == p->id)
        rc = db_set_error(err, DB_ERR_INVALID, "%s: %s",
                          _("responsible person"), _("not the person"));
    p->notify_sms = p->notify_sms != 0;
    p->notify_email = p->notify_email != 0;
    return rc;
}

static const char SQL_PERSON_ADD[] =
    "INSERT INTO beneficiary (last_name, first_name, birth_name, birth_date,"
    " phone, email, address, notes, notify_sms, notify_email, responsible_id,"
    " search_key, phone_digits, created_at, version)"
    " VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, 1)";
static const char SQL_PERSON_UPDATE[] =
    "UPDATE beneficiary SET last_name = ?2, first_name = ?3, birth_name = ?4,"
    " birth_date = ?5, phone = ?6, email = ?7, address = ?8, notes = ?9,"
    " notify_sms = ?10, notify_email = ?11, responsible_id = ?12,"
    " search_key = ?13, phone_digits = ?14 WHERE id = ?1";

/* The beneficiary table's one binder: ?2..?14 (with the search keys), ?1
 * being the id of an UPDATE. */
static void bind_person(sqlite3_stmt *st, const struct db_person *p)
{
    char key[DB_TEXT_LEN], digits[SEARCH_PHONE_LEN];
    person_keys(p, key, digits);
    sqlite3_bind_text(st, 2, p->last_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, p->first_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, p->birth_name, -1, SQLITE_STATIC);
    db_bind_text(st, 5, p->birth_date, 1);
    sqlite3_bind_text(st, 6, p->phone, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 7, p->email, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 8, p->address, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 9, p->notes, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 10, p->notify_sms);
    sqlite3_bind_int(st, 11, p->notify_email);
    db_bind_ref(st, 12, p->responsible_id);
    sqlite3_bind_text(st, 13, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 14, digits, -1, SQLITE_TRANSIENT);
}

/* What changed, for the audit row. */
static void person_diff(struct db_unit *u, const struct db_person *o,
                        const struct db_person *p)
{
    char a[32], b[32];
    db_unit_diff(u, "last name", o->last_name, p->last_name);
    db_unit_diff(u, "first name", o->first_name, p->first_name);
    db_unit_diff(u, "birth name", o->birth_name, p->birth_name);
    db_unit_diff(u, "birth date", o->birth_date, p->birth_date);
    db_unit_diff(u, "phone", o->phone, p->phone);
    db_unit_diff(u, "e-mail", o->email, p->email);
    db_unit_diff(u, "address", o->address, p->address);
    if (strcmp(o->notes, p->notes) != 0)
        db_unit_detail(u, "notes; ");
    snprintf(a, sizeof a, "%d/%d", o->notify_sms, o->notify_email);
    snprintf(b, sizeof b, "%d/%d", p->notify_sms, p->notify_email);
    db_unit_diff(u, "notify sms/e-mail", a, b);
    snprintf(a, sizeof a, "%lld", (long long)o->responsible_id);
    snprintf(b, sizeof b, "%lld", (long long)p->responsible_id);
    db_unit_diff(u, "responsible", a, b);
}

static int write_step(struct db *db, struct db_unit *u, void *ctx,
                      struct db_error *err)
{
    const struct db_person *p = ctx;
    int creating = !u->versioned;
    struct db_person old;
    int rc = creating ? DB_OK : db_person_get(db, p->id, &old, err);
    if (rc == DB_OK && p->responsible_id &&
        (rc = db_require(db, "person", p->responsible_id, err)) ==
            DB_ERR_NO_ROW)
        rc = db_set_error(err, rc, "%s %lld", _("responsible person"),
                          (long long)p->responsible_id);
    sqlite3_stmt *st = rc == DB_OK ? db_stmt(db, creating ? SQL_PERSON_ADD
                                                          : SQL_PERSON_UPDATE,
                                             err)
                                   : NULL;
    if (!st)
        return err->status;
    bind_person(st, p);
    if (creating) {
        char now[CIVIL_DATETIME_LEN];
        db_now_text(now);
        sqlite3_bind_text(st, 15, now, -1, SQLITE_TRANSIENT);
    } else {
        sqlite3_bind_int64(st, 1, p->id);
    }
    rc = db_step_done(db, st, err);
    db_stmt_done(db, st);
    if (creating)
        u->id = db_last_insert_id(db);
    else
        person_diff(u, &old, p);
    return rc;
}

int db_person_add(struct db *db, struct db_person *p, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_person(p, 0, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_create("person");
    rc = db_unit_run(db, &u, write_step, p, err);
    if (rc == DB_OK) {
        p->id = u.id;
        p->version = u.version;
    }
    return rc;
}

int db_person_update(struct db *db, struct db_person *p,
                     struct db_conflict *conflict, struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    int rc = check_person(p, 1, err);
    if (rc != DB_OK)
        return rc;
    struct db_unit u = db_unit_edit("person", p->id, p->version, "edit",
                                    conflict);
    rc = db_unit_run(db, &u, write_step, p, err);
    if (rc == DB_OK)
        p->version = u.version;
    return rc;
}

/* ---- reads ------------------------------------------------------------- */

static const char SQL_PERSON_GET[] =
    "SELECT id, last_name, first_name, birth_name, IFNULL(birth_date, ''),"
    " phone, email, address, notes, notify_sms, notify_email,"
    " IFNULL(responsible_id, 0), version FROM beneficiary WHERE id = ?1";

int db_person_get(struct db *db, int64_t id, struct db_person *out,
                  struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    sqlite3_stmt *st = db_stmt(db, SQL_PERSON_GET, err);
    if (!st)
        return err->status;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    int result = DB_OK;
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        out->id = sqlite3_column_int64(st, 0);
        db_column_text(st, 1, out->last_name, sizeof out->last_name);
        db_column_text(st, 2, out->first_name, sizeof out->first_name);
        db_column_text(st, 3, out->birth_name, sizeof out->birth_name);
        db_column_text(st, 4, out->birth_date, sizeof out->birth_date);
        db_column_text(st, 5, out->phone, sizeof out->phone);
        db_column_text(st, 6, out->email, sizeof out->email);
        db_column_text(st, 7, out->address, sizeof out->address);
        db_column_text(st, 8, out->notes, sizeof out->notes);
        out->notify_sms = sqlite3_column_int(st, 9);
        out->notify_email = sqlite3_column_int(st, 10);
        out->responsible_id = sqlite3_column_int64(st, 11);
        out->version = sqlite3_column_int64(st, 12);
    } else if (rc == SQLITE_DONE) {
        result = db_set_error(err, DB_ERR_NO_ROW, "%s %lld", _("person"),
                              (long long)id);
    } else {
        result = db_sqlite_error(db, rc, err, NULL);
    }
    db_stmt_done(db, st);
    return result;
}

/* ---- search ------------------------------------------------------------ */

#define HIT_COLUMNS                                                          \
    "b.id, b.last_name, b.first_name, b.birth_name, IFNULL(b.birth_date, ''),"\
    " b.phone, b.email, b.version"

static void read_hit(sqlite3_stmt *st, void *p)
{
    struct db_person_hit *h = p;
    h->id = sqlite3_column_int64(st, 0);
    db_column_text(st, 1, h->last_name, sizeof h->last_name);
    db_column_text(st, 2, h->first_name, sizeof h->first_name);
    db_column_text(st, 3, h->birth_name, sizeof h->birth_name);
    db_column_text(st, 4, h->birth_date, sizeof h->birth_date);
    db_column_text(st, 5, h->phone, sizeof h->phone);
    db_column_text(st, 6, h->email, sizeof h->email);
    h->version = sqlite3_column_int64(st, 7);
}

#define SEARCH_FROM " FROM beneficiary b WHERE 1"
#define SEARCH_ORDER " ORDER BY b.search_key, b.id LIMIT ?1"
/* Word k of the query binds ?(2k) and ?(2k+1): [word, word + 0xFF). The
 * people matching every word are found in the word index alone (one
 * INTERSECT) before any person's row is read: as separate conditions,
 * SQLite read the row of everyone matching the first word ("andr": every
 * Andre, Andrea...) to test the others - hundreds of pages per key typed
 * on a large file, each a round trip on a share. */
#define WORD(lo, hi)                                                         \
    "SELECT person_id FROM person_word WHERE word >= ?" #lo " AND word < ?" #hi
#define I1 WORD(2, 3)
#define I2 I1 " INTERSECT " WORD(4, 5)
#define I3 I2 " INTERSECT " WORD(6, 7)
#define I4 I3 " INTERSECT " WORD(8, 9)
#define I5 I4 " INTERSECT " WORD(10, 11)
#define I6 I5 " INTERSECT " WORD(12, 13)
#define I7 I6 " INTERSECT " WORD(14, 15)
#define I8 I7 " INTERSECT " WORD(16, 17)

static const char SQL_SEARCH_ALL[] =
    "SELECT " HIT_COLUMNS SEARCH_FROM SEARCH_ORDER;
/* One statement per number of words, from 1 to SEARCH_MAX_WORDS. */
#define PER_WORD_COUNT(head, tail)                                           \
    {head I1 tail, head I2 tail, head I3 tail, head I4 tail,                 \
     head I5 tail, head I6 tail, head I7 tail, head I8 tail}
static const char *const sql_search_words[SEARCH_MAX_WORDS] =
    PER_WORD_COUNT("SELECT " HIT_COLUMNS SEARCH_FROM " AND b.id IN (", ")" SEARCH_ORDER);
/* The same rows in the same order, walking the people in search-key order
 * (an index of names alone) and keeping those in the word set until the
 * limit: for a word many people have ("mar", "le"), instead of reading
 * every one of their rows to sort them (a thousand pages on the bench
 * file, each a round trip on a share). */
#define BY_KEY " FROM beneficiary b INDEXED BY beneficiary_search WHERE 1"
static const char *const sql_search_words_by_key[SEARCH_MAX_WORDS] =
    PER_WORD_COUNT("SELECT " HIT_COLUMNS BY_KEY " AND b.id IN (", ")" SEARCH_ORDER);
/* How many people are in the word set: the word index alone. */
static const char *const sql_count_words[SEARCH_MAX_WORDS] =
    PER_WORD_COUNT("SELECT count(*) FROM (", ")");
/* The highest id stands for the number of people (ids are not reused). */
static const char SQL_PEOPLE_ESTIMATE[] = "SELECT IFNULL(max(id), 0) FROM beneficiary";

/* Binds the words (longest first) as ?2, ?3 ... of a word-set statement. */
static void bind_words(sqlite3_stmt *st, const struct search_query *q, size_t n,
                       char upper[][SEARCH_WORD_LEN + 1])
{
    for (size_t i = 0; i < n; i++) {
        /* 0xFF never occurs in UTF-8: every word beginning with
         * q.words[i] sorts below this bound (binary collation). */
        snprintf(upper[i], SEARCH_WORD_LEN + 1, "%s\xff", q->words[i]);
        sqlite3_bind_text(st, (int)(2 + 2 * i), q->words[i], -1, SQLITE_STATIC);
        sqlite3_bind_text(st, (int)(3 + 2 * i), upper[i], -1, SQLITE_STATIC);
    }
}

static int64_t one_number(struct db *db, sqlite3_stmt *st)
{
    int64_t v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    if (st)
        db_stmt_done(db, st);
    return v;
}

/* Whether to walk the people in key order: the set is counted in the word
 * index (its pages are the ones the search reads next anyway). Sorting the
 * set reads about one page per person in it; the walk reads the names'
 * index up to the limit-th person of the set (about fetch * people / set
 * entries, some 500 a page) and then the rows of those kept. */
static int walk_by_key(struct db *db, const struct search_query *q, size_t n, size_t fetch,
                       char upper[][SEARCH_WORD_LEN + 1])
{
    struct db_error ignored = {0};
    sqlite3_stmt *st = db_stmt(db, sql_count_words[n - 1], &ignored);
    if (st)
        bind_words(st, q, n, upper);
    int64_t set = one_number(db, st);
    if (set <= (int64_t)fetch)
        return 0;
    int64_t people = one_number(db, db_stmt(db, SQL_PEOPLE_ESTIMATE, &ignored));
    if (people <= 0)
        return 0;
    double walk = (double)fetch * ((double)people / 500 + 1) / (double)set + (double)fetch;
    return walk < (double)set;
}
/* The covering index beneficiary_phone is scanned, not the table. */
static const char SQL_SEARCH_PHONE[] =
    "SELECT " HIT_COLUMNS SEARCH_FROM
    " AND b.id IN (SELECT id FROM beneficiary INDEXED BY beneficiary_phone"
    " WHERE instr(phone_digits, ?2) > 0)" SEARCH_ORDER;
static const char SQL_SEARCH_BIRTH[] =
    "SELECT " HIT_COLUMNS SEARCH_FROM " AND b.birth_date = ?2" SEARCH_ORDER;

/* Separators inside names are ignored ("nguyen" finds N'GUYEN-DE LA
 * TOUR): people with a word that is a proper prefix of the query's first
 * word are candidates, and model/search.h's joined match decides. The
 * prefixes are looked up one by one ("n", "ng", ... "nguye": a few index
 * lookups) rather than as the range [first letter, word), which holds
 * every word in between: hundreds of index pages on a large file, read
 * again at each key typed - each a round trip on a share. */
static const char SQL_SEARCH_JOINED[] =
    "WITH RECURSIVE prefix(n) AS (SELECT 1 WHERE length(?2) > 1"
    " UNION ALL SELECT n + 1 FROM prefix WHERE n + 1 < length(?2))"
    "SELECT " HIT_COLUMNS ", b.search_key FROM beneficiary b"
    " WHERE b.id IN (SELECT person_id FROM person_word"
    " WHERE word IN (SELECT substr(?2, 1, n) FROM prefix))"
    " ORDER BY b.search_key, b.id LIMIT 2000";

/* The person's last name (folded) begins with the query's first word:
 * such people are listed before those found by a first name. */
static int surname_rank(const struct db_person_hit *h, const struct search_query *q)
{
    if (q->kind != SEARCH_NAME || q->word_count == 0)
        return 0;
    char folded[SEARCH_KEY_LEN];
    search_fold(h->last_name, folded, sizeof folded);
    struct search_query one = *q;
    one.word_count = 1;
    return search_match_name_joined(folded, &one) ? 0 : 1;
}

struct ranked_hit {
    struct db_person_hit hit;
    int rank;
    char key[DB_TEXT_LEN]; /* the search key: folded names */
};

static int by_rank(const void *a, const void *b)
{
    const struct ranked_hit *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->hit.id < y->hit.id ? -1 : x->hit.id > y->hit.id);
}

/* Adds the people whose names match only once separators are left out,
 * then puts surname matches first and keeps `limit` rows. */
static int refine_name_hits(struct db *db, const struct search_query *q, size_t limit,
                            struct db_person_hit **hits, size_t *count, struct db_error *err)
{
    size_t n = *count, cap = n + 64;
    struct ranked_hit *r = malloc(cap * sizeof *r);
    if (!r)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    for (size_t i = 0; i < n; i++)
        r[i].hit = (*hits)[i];
    sqlite3_stmt *st = db_stmt(db, SQL_SEARCH_JOINED, err);
    if (!st) {
        free(r);
        return err->status;
    }
    sqlite3_bind_text(st, 2, q->words[0], -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct db_person_hit h;
        memset(&h, 0, sizeof h);
        read_hit(st, &h);
        const char *key = (const char *)sqlite3_column_text(st, 8);
        if (!key || !search_match_name_joined(key, q))
            continue;
        int dup = 0;
        for (size_t i = 0; i < n && !dup; i++)
            dup = r[i].hit.id == h.id;
        if (dup)
            continue;
        if (n == cap) {
            struct ranked_hit *bigger = realloc(r, (cap *= 2) * sizeof *r);
            if (!bigger)
                break;
            r = bigger;
        }
        r[n].hit = h;
        n++;
    }
    int result = rc == SQLITE_DONE || rc == SQLITE_ROW ? DB_OK : db_sqlite_error(db, rc, err, NULL);
    db_stmt_done(db, st);
    if (result != DB_OK) {
        free(r);
        return result;
    }
    for (size_t i = 0; i < n; i++) {
        struct db_person p;
        memset(&p, 0, sizeof p);
        snprintf(p.last_name, sizeof p.last_name, "%s", r[i].hit.last_name);
        snprintf(p.first_name, sizeof p.first_name, "%s", r[i].hit.first_name);
        snprintf(p.birth_name, sizeof p.birth_name, "%s", r[i].hit.birth_name);
        char digits[SEARCH_PHONE_LEN];
        person_keys(&p, r[i].key, digits);
        r[i].rank = surname_rank(&r[i].hit, q);
    }
    qsort(r, n, sizeof *r, by_rank);
    if (n > limit)
        n = limit;
    struct db_person_hit *out = realloc(*hits, (n ? n : 1) * sizeof *out);
    if (!out) {
        free(r);
        return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        out[i] = r[i].hit;
    free(r);
    *hits = out;
    *count = n;
    return DB_OK;
}

/* Longest words first: the most selective range leads the plan. */
static int longer_first(const void *a, const void *b)
{
    size_t la = strlen(a), lb = strlen(b);
    return la < lb ? 1 : la > lb ? -1 : 0;
}

int db_person_search(struct db *db, const char *typed, size_t limit,
                     struct db_person_hit **out, size_t *count,
                     struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    if (limit < 1 || limit > DB_SEARCH_LIMIT_MAX)
        return db_set_error(err, DB_ERR_INVALID, "%s: %zu", _("limit"), limit);
    struct search_query q;
    if (search_query_parse(typed ? typed : "", &q) != 0)
        return db_set_error(err, DB_ERR_INVALID, "%s", _("search text"));
    struct search_query typed_order = q; /* words as typed: the first is the surname's */
    size_t fetch = limit;
    if (q.kind == SEARCH_NAME && q.word_count)
        fetch = limit * 4 < DB_SEARCH_LIMIT_MAX ? limit * 4 : DB_SEARCH_LIMIT_MAX;

    /* The count, the search and the joined names under one lock. */
    int started = 0;
    int began = db_read_begin(db, &started, err);
    if (began != DB_OK)
        return began;
    sqlite3_stmt *st = NULL;
    char upper[SEARCH_MAX_WORDS][SEARCH_WORD_LEN + 1];
    char date[CIVIL_DATE_LEN];
    switch (q.kind) {
    case SEARCH_EMPTY:
        st = db_stmt(db, SQL_SEARCH_ALL, err);
        break;
    case SEARCH_NAME: {
        size_t n = q.word_count;
        if (n == 0) {
            st = db_stmt(db, SQL_SEARCH_ALL, err);
            break;
        }
        if (n > SEARCH_MAX_WORDS)
            n = SEARCH_MAX_WORDS;
        qsort(q.words, n, sizeof q.words[0], longer_first);
        int by_key = walk_by_key(db, &q, n, fetch, upper);
        st = db_stmt(db, by_key ? sql_search_words_by_key[n - 1] : sql_search_words[n - 1], err);
        if (st)
            bind_words(st, &q, n, upper);
        break;
    }
    case SEARCH_PHONE:
        st = db_stmt(db, SQL_SEARCH_PHONE, err);
        if (st)
            sqlite3_bind_text(st, 2, q.phone, -1, SQLITE_STATIC);
        break;
    case SEARCH_BIRTH_DATE:
        if (civil_format_date(q.birth_date, date, sizeof date) != 0) {
            db_read_end(db, started);
            return db_set_error(err, DB_ERR_INVALID, "%s", _("birth date"));
        }
        st = db_stmt(db, SQL_SEARCH_BIRTH, err);
        if (st)
            sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
        break;
    }
    if (!st) {
        db_read_end(db, started);
        return err->status;
    }
    sqlite3_bind_int64(st, 1, (sqlite3_int64)fetch);
    void *arr = NULL;
    int rc = db_collect(db, st, sizeof **out, read_hit, &arr, count, err);
    *out = arr;
    if (rc == DB_OK && q.kind == SEARCH_NAME && q.word_count) {
        rc = refine_name_hits(db, &typed_order, limit, out, count, err);
        if (rc != DB_OK) {
            free(*out);
            *out = NULL;
            *count = 0;
        }
    }
    db_read_end(db, started);
    return rc;
}

/* ---- duplicates -------------------------------------------------------- */

enum { DUPLICATES_MAX = 20 };

/* Likely matches by index (birth date, phone digits, e-mail); the model
 * then decides which really are and why. */
static const char SQL_DUP_CANDIDATES[] =
    "SELECT " HIT_COLUMNS " FROM beneficiary b"
    " WHERE b.id <> ?4 AND (b.birth_date = ?1 OR b.phone_digits = ?2"
    " OR (lower(trim(b.email)) = ?3 AND b.email <> ''))"
    " ORDER BY b.id LIMIT 500";

static int bits(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

static int more_reasons_first(const void *a, const void *b)
{
    const struct db_duplicate *x = a, *y = b;
    int nx = bits(x->reasons), ny = bits(y->reasons);
    if (nx != ny)
        return ny - nx;
    return x->person.id < y->person.id ? -1 : x->person.id > y->person.id;
}

static void lower_trim(const char *s, char *out, size_t size)
{
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n >= size)
        n = size - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
    out[n] = '\0';
}

static struct duplicate_person as_duplicate(const char *last,
                                            const char *first,
                                            const char *birth_name,
                                            const char *birth_date,
                                            const char *phone,
                                            const char *email)
{
    struct duplicate_person d = {last, first, birth_name, {0, 0, 0},
                                 phone, email};
    if (birth_date[0] && civil_parse_date(birth_date, &d.birth_date) != 0)
        memset(&d.birth_date, 0, sizeof d.birth_date);
    return d;
}

int db_person_duplicates(struct db *db, const struct db_person *candidate,
                         struct db_duplicate **out, size_t *count,
                         struct db_error *err)
{
    DB_USE_LOCAL_ERROR(err);
    *out = NULL;
    *count = 0;
    char date[CIVIL_DATE_LEN] = "", digits[SEARCH_PHONE_LEN] = "";
    char email[DB_NAME_LEN] = "";
    struct civil_date d;
    if (candidate->birth_date[0] &&
        civil_parse_date(candidate->birth_date, &d) == 0)
        civil_format_date(d, date, sizeof date);
    if (search_phone_digits(candidate->phone, digits, sizeof digits) <
        DUPLICATE_PHONE_MIN_DIGITS)
        digits[0] = '\0';
    lower_trim(candidate->email, email, sizeof email);
    if (!date[0] && !digits[0] && !email[0])
        return DB_OK;

    sqlite3_stmt *st = db_stmt(db, SQL_DUP_CANDIDATES, err);
    if (!st)
        return err->status;
    /* An empty key binds NULL, which equals nothing. */
    db_bind_text(st, 1, date, 1);
    db_bind_text(st, 2, digits, 1);
    db_bind_text(st, 3, email, 1);
    sqlite3_bind_int64(st, 4, candidate->id);
    void *arr = NULL;
    size_t n = 0;
    int rc = db_collect(db, st, sizeof(struct db_person_hit), read_hit, &arr,
                        &n, err);
    if (rc != DB_OK)
        return rc;
    struct db_person_hit *hits = arr;
    struct db_duplicate *dups = n ? calloc(n, sizeof *dups) : NULL;
    if (n && !dups) {
        free(hits);
        return db_set_error(err, DB_ERR_INTERNAL, "%s", "out of memory");
    }
    struct duplicate_person c = as_duplicate(
        candidate->last_name, candidate->first_name, candidate->birth_name,
        candidate->birth_date, candidate->phone, candidate->email);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        struct duplicate_person e = as_duplicate(
            hits[i].last_name, hits[i].first_name, hits[i].birth_name,
            hits[i].birth_date, hits[i].phone, hits[i].email);
        unsigned reasons = duplicate_reasons(&c, &e);
        if (reasons) {
            dups[kept].person = hits[i];
            dups[kept].reasons = reasons;
            kept++;
        }
    }
    free(hits);
    if (kept == 0) {
        free(dups);
        return DB_OK;
    }
    qsort(dups, kept, sizeof *dups, more_reasons_first);
    *out = dups;
    *count = kept < DUPLICATES_MAX ? kept : DUPLICATES_MAX;
    return DB_OK;
}

void db_duplicate_describe(unsigned reasons, char *buf, size_t size)
{
    static const struct {
        unsigned bit;
        const char *text;
    } words[] = {
        {DUPLICATE_NAME_BIRTH, N_("same name and birth date")},
        {DUPLICATE_PHONE, N_("same phone")},
        {DUPLICATE_EMAIL, N_("same e-mail")},
    };
    if (!buf || size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (reasons & words[i].bit)
            db_text_append(buf, size, "%s%s", buf[0] ? ", " : "",
                      _(words[i].text));
}

