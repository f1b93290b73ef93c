/* import_people.c - the persons of an import (import.h): matched on
 * person_ref, and those the database does not have yet written all
 * together once the file has been read.
 *
 * Written one INSERT at a time, each person kept a statement journal of its
 * own (a copy of every page of its eight indexes it touched) and ran the
 * trigger that splits the search key into person_word rows. They are kept
 * in memory instead, with the ids those single INSERTs would have given
 * them (the write lock is held from the start: nobody else adds a person
 * meanwhile), and written by one INSERT ... SELECT; their words follow in
 * one more, sorted, which is what the trigger would have added. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "../common/i18n.h"
#include "../model/search.h"

enum { PART_REF, PART_LAST, PART_FIRST, PART_PHONE, PART_EMAIL, PART_SEX, PART_KEY,
       PART_DIGITS, PARTS };

static const char *part(const struct import_new_person *np, int which)
{
    const char *t = np->text;
    for (int k = 0; k < which; k++)
        t += strlen(t) + 1;
    return t;
}

static const char SQL_PERSON_LAST[] = "SELECT IFNULL(max(id), 0) FROM beneficiary";

int import_person(struct db *db, struct import_names *n, const struct import_person *p,
                  int64_t *id, struct db_error *err)
{
    if ((*id = import_map_get(&n->people, p->ref, NULL)))
        return DB_OK;
    if (!n->next_person) {
        sqlite3_stmt *st = db_stmt(db, SQL_PERSON_LAST, err);
        if (!st)
            return err->status;
        int rc = sqlite3_step(st);
        n->next_person = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) + 1 : 0;
        db_stmt_done(db, st);
        if (rc != SQLITE_ROW)
            return db_sqlite_error(db, rc, err, NULL);
    }
    if (n->new_count == n->new_cap) {
        size_t cap = n->new_cap ? 2 * n->new_cap : 1024;
        struct import_new_person *more = realloc(n->new_people, cap * sizeof *more);
        if (!more)
            return db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
        n->new_people = more;
        n->new_cap = cap;
    }
    const char *last = p->last_name[0] ? p->last_name : p->ref;
    char names[2 * DB_NAME_LEN + 2], key[DB_TEXT_LEN], digits[SEARCH_PHONE_LEN];
    snprintf(names, sizeof names, "%s %s", last, p->first_name);
    search_fold(names, key, sizeof key);
    if (search_phone_digits(p->phone, digits, sizeof digits) < 0)
        digits[0] = '\0';
    const char *parts[PARTS] = {
        [PART_REF] = p->ref, [PART_LAST] = last, [PART_FIRST] = p->first_name,
        [PART_PHONE] = p->phone, [PART_EMAIL] = p->email, [PART_SEX] = p->sex,
        [PART_KEY] = key, [PART_DIGITS] = digits,
    };
    size_t len = 0;
    for (int i = 0; i < PARTS; i++)
        len += strlen(parts[i]) + 1;
    struct import_new_person *np = &n->new_people[n->new_count];
    if (!(np->text = malloc(len)))
        return db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    char *w = np->text;
    for (int i = 0; i < PARTS; i++) {
        size_t l = strlen(parts[i]) + 1;
        memcpy(w, parts[i], l);
        w += l;
    }
    memcpy(np->birth_date, p->birth_date, sizeof np->birth_date);
    np->id = n->next_person + (int64_t)n->new_count;
    if (import_map_put(&n->people, p->ref, NULL, np->id) != 0) {
        free(np->text);
        return db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    }
    n->new_count++;
    n->created_people++;
    *id = np->id;
    return DB_OK;
}

void import_people_free(struct import_names *n)
{
    for (size_t i = 0; i < n->new_count; i++)
        free(n->new_people[i].text);
    free(n->new_people);
    n->new_people = NULL;
    n->new_count = n->new_cap = 0;
}

/* ---- the persons ---- */

/* Consent to reminders is not in a history file: asked at the desk.
 * Every CHECK of beneficiary holds for these values by construction, so
 * the INSERT skips them (import_feed.checked): last_name 1 to 127 bytes
 * (checked in import.c, else person_ref), first_name, phone and email
 * within their limits (checked), person_ref 1 to 63 bytes (required,
 * checked), sex '', 'F' or 'M', birth_date a past date written by
 * civil_format_date or NULL, search_key and phone_digits cut to their
 * buffers (1023 and 31 bytes), created_at now, notify_* 0. */
static const char PERSON_COLUMNS[] =
    "CREATE TABLE x(id, person_ref, last_name, first_name, phone, email, sex, search_key,"
    " phone_digits, birth_date)";
static const char SQL_PEOPLE_WRITE[] =
    "INSERT INTO main.beneficiary (id, last_name, first_name, birth_date, phone, email,"
    " sex, person_ref, search_key, phone_digits, created_at, notify_sms, notify_email)"
    " SELECT id, last_name, first_name, birth_date, phone, email, sex, person_ref,"
    " search_key, phone_digits, ?1, 0, 0 FROM import_person ORDER BY rowid";

static void person_column(const void *rows, size_t i, int col, sqlite3_context *out)
{
    const struct import_new_person *np = &((const struct import_new_person *)rows)[i];
    if (col == 0)
        sqlite3_result_int64(out, np->id);
    else if (col == 9 && !np->birth_date[0])
        sqlite3_result_null(out);
    else if (col == 9)
        sqlite3_result_text(out, np->birth_date, -1, SQLITE_STATIC);
    else
        sqlite3_result_text(out, part(np, col - 1), -1, SQLITE_STATIC);
}

/* ---- their words ---- */

/* What the trigger beneficiary_words_insert adds (schema.c, KEY_WORDS):
 * the words of the folded key between spaces, empty ones left out, none at
 * all if the key holds a control character (not valid in a JSON string; a
 * checked line has none); INSERT OR IGNORE drops a repeated word. */
struct word {
    const char *text;
    size_t len;
    int64_t person;
};

static int by_word(const void *x, const void *y)
{
    const struct word *a = x, *b = y;
    int c = memcmp(a->text, b->text, a->len < b->len ? a->len : b->len);
    if (c)
        return c;
    if (a->len != b->len)
        return a->len < b->len ? -1 : 1;
    return a->person < b->person ? -1 : a->person > b->person;
}

static int split_words(const struct import_names *n, struct word **out, size_t *count)
{
    size_t cap = 0, used = 0;
    struct word *words = NULL;
    for (size_t i = 0; i < n->new_count; i++) {
        const char *key = part(&n->new_people[i], PART_KEY);
        const char *c = key;
        while (*c && (unsigned char)*c >= 0x20)
            c++;
        if (*c)
            continue;
        for (const char *p = key; *p;) {
            size_t len = strcspn(p, " ");
            if (len > 0) {
                if (used == cap) {
                    size_t more = cap ? 2 * cap : 4096;
                    struct word *w = realloc(words, more * sizeof *w);
                    if (!w) {
                        free(words);
                        return -1;
                    }
                    words = w;
                    cap = more;
                }
                words[used++] = (struct word){p, len, n->new_people[i].id};
            }
            p += len;
            if (*p == ' ')
                p++;
        }
    }
    qsort(words, used, sizeof *words, by_word);
    *out = words;
    *count = used;
    return 0;
}

static const char WORD_COLUMNS[] = "CREATE TABLE x(word, person_id)";
static const char SQL_WORDS_WRITE[] =
    "INSERT OR IGNORE INTO main.person_word (word, person_id)"
    " SELECT word, person_id FROM import_word ORDER BY rowid";

static void word_column(const void *rows, size_t i, int col, sqlite3_context *out)
{
    const struct word *w = &((const struct word *)rows)[i];
    if (col == 0)
        sqlite3_result_text(out, w->text, (int)w->len, SQLITE_STATIC);
    else
        sqlite3_result_int64(out, w->person);
}

/* The triggers on beneficiary, by name (import_triggers_off). */
static const char *const known_triggers[] = {
    "beneficiary_phone_digits", /* fills phone_digits when NULL: never so here */
    "beneficiary_words_insert", /* its work: the words below */
    "beneficiary_words_update",
    "beneficiary_names_update", /* on a change of name: none here */
};

int import_people_write(struct db *db, struct import_names *n,
                        struct import_progress *progress, struct db_error *err)
{
    if (!n->new_count)
        return DB_OK;
    int off;
    int rc = import_triggers_off(db, "beneficiary", known_triggers,
                                 sizeof known_triggers / sizeof known_triggers[0], &off, err);
    if (rc != DB_OK)
        return rc;
    import_progress_stage(progress, 250, 330);
    struct import_feed people = {"import_person", PERSON_COLUMNS, n->new_people, n->new_count,
                                 NULL, person_column, 1, progress};
    rc = import_feed_run(db, &people, SQL_PEOPLE_WRITE, n->now, NULL, err);
    if (off)
        import_triggers_on(db);
    if (rc != DB_OK || !off)
        return rc;
    struct word *words;
    size_t count;
    if (split_words(n, &words, &count) != 0)
        return db_set_error(err, DB_ERR_INTERNAL, "%s", _("out of memory"));
    import_progress_stage(progress, 330, 400);
    struct import_feed feed = {"import_word", WORD_COLUMNS, words, count, NULL, word_column, 0,
                               progress};
    rc = import_feed_run(db, &feed, SQL_WORDS_WRITE, NULL, NULL, err);
    free(words);
    return rc;
}
