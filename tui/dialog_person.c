/* dialog_person.c - create or edit a beneficiary: names, birth date,
 * phone, e-mail, address, notes, reminder channels and an optional
 * responsible person (for a child).
 *
 * Creating someone who may already be known (same name and birth date,
 * same phone or same e-mail: model/duplicates.h through storage) shows the
 * matches first, in a choice that appears in the form: use the person
 * already known (nothing is written) or create a new one anyway. Editing
 * carries the version read when the form opened; if another desk saved the
 * person meanwhile, the conflict dialog (dialog_conflict.h) tells who and
 * offers to re-apply. Bad input (impossible date, over-long text, control
 * characters) is refused in the form, on the field, and nothing is
 * written. */
#include "desk.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/i18n.h"
#include "../model/search.h"
#include "dialog_conflict.h"
#include "dialogs.h"

enum {
    NAME_CHARS = 60,
    PHONE_CHARS = 30,
    EMAIL_CHARS = 100,
    ADDRESS_CHARS = 120,
    NOTES_CHARS = 500,
    MAX_DUPLICATES = 20,
};

static void say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void say(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

struct person_form {
    struct ui_form *form;
    int64_t id;                     /* 0 = new */
    struct db_person orig;          /* as read (edit) */
    int64_t responsible_id;
    /* duplicates shown in the choice */
    int64_t dup_ids[MAX_DUPLICATES];
    size_t dup_count;
    int dup_shown;
    /* outcome */
    int64_t result_id;
    int used_existing;
    int conflict_pending;
    struct db_conflict conflict;
    struct db_person saving;        /* what the edit tried to save */
    ui_person_chosen_fn done;
    void *ctx;
    int f_last, f_first, f_birth_name, f_birth_date, f_phone, f_email, f_address, f_notes;
    int f_sms, f_mail, f_responsible, f_dups;
};

/* ---- reading the form ---------------------------------------------------------- */

/* Copies field text into a storage buffer; a field error when too long in
 * bytes (a name of accented letters takes more bytes than characters). */
static int take(struct ui_form *f, int field, char *dst, size_t size)
{
    const char *s = ui_form_text(f, field);
    /* Trailing and leading spaces are noise in names and numbers. */
    while (*s == ' ')
        s++;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (n >= size) {
        ui_form_set_error(f, field, _("Too long."));
        return -1;
    }
    memcpy(dst, s, n);
    dst[n] = '\0';
    return 0;
}

static int email_plausible(const char *s)
{
    const char *at = strchr(s, '@');
    return at && at != s && at[1] && !strchr(at + 1, '@') && !strchr(s, ' ');
}

/* Fills `p` from the form; 0, or -1 with a message on the field. */
static int read_person(struct person_form *pf, struct db_person *p)
{
    struct ui_form *f = pf->form;
    *p = pf->orig;
    p->id = pf->id;
    if (take(f, pf->f_last, p->last_name, sizeof p->last_name) ||
        take(f, pf->f_first, p->first_name, sizeof p->first_name) ||
        take(f, pf->f_birth_name, p->birth_name, sizeof p->birth_name) ||
        take(f, pf->f_phone, p->phone, sizeof p->phone) ||
        take(f, pf->f_email, p->email, sizeof p->email) ||
        take(f, pf->f_address, p->address, sizeof p->address))
        return -1;
    const char *notes = ui_form_text(f, pf->f_notes);
    /* Notes keep their line breaks when left untouched (the form shows
     * them as spaces). */
    struct ui_edit shown;
    ui_edit_set(&shown, pf->orig.notes, 0);
    if (pf->id && strcmp(notes, shown.text) == 0)
        say(p->notes, sizeof p->notes, "%s", pf->orig.notes);
    else if (take(f, pf->f_notes, p->notes, sizeof p->notes))
        return -1;
    p->birth_date[0] = '\0';
    struct civil_date d;
    if (ui_form_date(f, pf->f_birth_date, &d) == 0) {
        if (civil_date_compare(d, (struct civil_date){1900, 1, 1}) < 0) {
            ui_form_set_error(f, pf->f_birth_date, _("Too far in the past."));
            return -1;
        }
        civil_format_date(d, p->birth_date, sizeof p->birth_date);
    }
    if (p->email[0] && !email_plausible(p->email)) {
        ui_form_set_error(f, pf->f_email, _("Not an e-mail address (name@example.org)."));
        return -1;
    }
    char digits[SEARCH_PHONE_LEN];
    if (p->phone[0] && search_phone_digits(p->phone, digits, sizeof digits) < 4) {
        ui_form_set_error(f, pf->f_phone, _("Not a phone number."));
        return -1;
    }
    p->notify_sms = ui_form_checked(f, pf->f_sms);
    p->notify_email = ui_form_checked(f, pf->f_mail);
    if (p->notify_sms && !p->phone[0]) {
        ui_form_set_error(f, pf->f_sms, _("SMS reminders need a phone number."));
        return -1;
    }
    if (p->notify_email && !p->email[0]) {
        ui_form_set_error(f, pf->f_mail, _("E-mail reminders need an e-mail address."));
        return -1;
    }
    p->responsible_id = pf->responsible_id;
    if (pf->id && p->responsible_id == pf->id) {
        ui_form_set_error(f, pf->f_responsible, _("A person cannot be their own responsible."));
        return -1;
    }
    return 0;
}

/* ---- duplicates ------------------------------------------------------------------- */

/* "DUPONT Marie, born 12/03/1980: same name and birth date, same phone" */
static void duplicate_line(const struct db_duplicate *d, char *buf, size_t size)
{
    char why[256], born[32] = "";
    db_duplicate_describe(d->reasons, why, sizeof why);
    struct civil_date bd;
    if (d->person.birth_date[0] && civil_parse_date(d->person.birth_date, &bd) == 0)
        say(born, sizeof born, _(", born %02d/%02d/%04d"), bd.day, bd.month, bd.year);
    say(buf, size, _("Use %s %s%s (%s)"), d->person.last_name, d->person.first_name, born, why);
}

/* Returns 1 when the form must stay open to show (new) duplicates, 0 to go
 * on (none, or the person chose), -1 on a storage error (message set). */
static int check_duplicates(struct ui_app *app, struct person_form *pf, const struct db_person *p)
{
    struct db_duplicate *dups = NULL;
    size_t n = 0;
    struct db_error err = {0};
    if (db_person_duplicates(app->db, p, &dups, &n, &err) != DB_OK) {
        char msg[UI_MESSAGE_LEN];
        db_error_format(&err, msg, sizeof msg);
        ui_form_set_error(pf->form, -1, msg);
        return -1;
    }
    if (n > MAX_DUPLICATES)
        n = MAX_DUPLICATES;
    int same = pf->dup_shown && n == pf->dup_count;
    for (size_t i = 0; same && i < n; i++)
        same = dups[i].person.id == pf->dup_ids[i];
    if (n == 0) {
        pf->dup_shown = 0;
        pf->dup_count = 0;
        ui_form_set_hidden(pf->form, pf->f_dups, 1);
        ui_form_set_note(pf->form, NULL);
        free(dups);
        return 0;
    }
    if (same) {
        free(dups);
        return 0;
    }
    /* Show them: one line each, then "create anyway". */
    const char *items[MAX_DUPLICATES + 1];
    char lines[MAX_DUPLICATES][512];
    for (size_t i = 0; i < n; i++) {
        duplicate_line(&dups[i], lines[i], sizeof lines[i]);
        items[i] = lines[i];
        pf->dup_ids[i] = dups[i].person.id;
    }
    items[n] = _("Create a new person anyway");
    pf->dup_count = n;
    pf->dup_shown = 1;
    free(dups);
    if (ui_form_set_choices(pf->form, pf->f_dups, items, n + 1, 0) != 0)
        return -1;
    ui_form_set_hidden(pf->form, pf->f_dups, 0);
    ui_form_focus(pf->form, pf->f_dups);
    ui_form_set_note(pf->form,
                     n == 1 ? _("This person may already be known. Choose with Left/Right "
                                "(Space: list), then Enter.")
                            : _("These people may already be known. Choose with Left/Right "
                                "(Space: list), then Enter."));
    return 1;
}

/* ---- saving ------------------------------------------------------------------------- */

static void person_conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                                 int64_t current_version);

static void report_update(struct ui_app *app, struct db_person *p, int rc,
                          const struct db_conflict *c, const struct db_error *err)
{
    if (rc == DB_OK) {
        ui_desk_reload(app);
        ui_app_message(app, 0, _("Saved: %s %s"), p->last_name, p->first_name);
        return;
    }
    if (rc == DB_ERR_CONFLICT) {
        struct db_person *again = malloc(sizeof *again);
        if (again) {
            *again = *p;
            char what[2 * DB_NAME_LEN + 32];
            say(what, sizeof what, _("Person %s %s"), p->last_name, p->first_name);
            ui_desk_reload(app);
            ui_conflict_show(app, what, _("save the person's record"), c, person_conflict_done,
                             again);
            return;
        }
    }
    ui_app_db_error(app, err);
}

static void person_conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                                 int64_t current_version)
{
    struct db_person *p = ctx;
    if (app && !app->closing) {
        if (choice == UI_CONFLICT_REAPPLY) {
            p->version = current_version;
            struct db_conflict c;
            struct db_error err = {0};
            memset(&c, 0, sizeof c);
            int rc = db_person_update(app->db, p, &c, &err);
            report_update(app, p, rc, &c, &err);
        } else if (choice == UI_CONFLICT_RELOAD) {
            ui_desk_reload(app);
        }
    }
    free(p);
}

static int validate(struct ui_app *app, struct ui_form *form, void *ctx)
{
    struct person_form *pf = ctx;
    struct db_person p;
    if (read_person(pf, &p) != 0)
        return 1;
    struct db_error err = {0};
    char msg[UI_MESSAGE_LEN];
    if (pf->id == 0) {
        int d = check_duplicates(app, pf, &p);
        if (d != 0)
            return 1;
        size_t choice = ui_form_choice(form, pf->f_dups);
        if (pf->dup_shown && choice < pf->dup_count) {
            pf->result_id = pf->dup_ids[choice];
            pf->used_existing = 1;
            return 0;
        }
        if (db_person_add(app->db, &p, &err) != DB_OK) {
            db_error_format(&err, msg, sizeof msg);
            ui_form_set_error(form, -1, msg);
            return 1;
        }
        pf->result_id = p.id;
        pf->saving = p;
        return 0;
    }
    struct db_conflict c;
    memset(&c, 0, sizeof c);
    int rc = db_person_update(app->db, &p, &c, &err);
    if (rc == DB_OK) {
        pf->result_id = p.id;
        pf->saving = p;
        return 0;
    }
    if (rc == DB_ERR_CONFLICT) {
        pf->conflict_pending = 1;
        pf->conflict = c;
        pf->saving = p;
        return 0; /* the dialog opens once the form has closed */
    }
    db_error_format(&err, msg, sizeof msg);
    ui_form_set_error(form, -1, msg);
    return 1;
}

static void done(struct ui_app *app, struct ui_form *form, enum ui_form_result result, void *ctx)
{
    (void)form;
    struct person_form *pf = ctx;
    int64_t id = 0;
    if (app && !app->closing && result == UI_FORM_CONFIRMED) {
        if (pf->conflict_pending) {
            struct db_error err = {DB_ERR_CONFLICT, ""};
            report_update(app, &pf->saving, DB_ERR_CONFLICT, &pf->conflict, &err);
        } else if (pf->used_existing) {
            id = pf->result_id;
            struct db_person p;
            if (db_person_get(app->db, id, &p, NULL) == DB_OK)
                ui_app_message(app, 0, _("Using the person already known: %s %s"), p.last_name,
                               p.first_name);
        } else {
            id = pf->result_id;
            ui_desk_reload(app);
            ui_app_message(app, 0, pf->id ? _("Saved: %s %s") : _("New person: %s %s"),
                           pf->saving.last_name, pf->saving.first_name);
        }
    }
    if (pf->done)
        pf->done(app, pf->ctx, app && !app->closing ? id : 0);
    free(pf);
}

/* ---- the responsible person ---------------------------------------------------------- */

static void show_responsible(struct ui_app *app, struct person_form *pf)
{
    char label[2 * DB_NAME_LEN + 2] = "";
    struct db_person r;
    if (pf->responsible_id && db_person_get(app->db, pf->responsible_id, &r, NULL) == DB_OK)
        say(label, sizeof label, "%s %s", r.last_name, r.first_name);
    else
        say(label, sizeof label, "%s", _("none (Enter: choose)"));
    ui_form_set_text(pf->form, pf->f_responsible, label);
}

static void responsible_chosen(struct ui_app *app, void *ctx, int64_t person_id)
{
    struct person_form *pf = ctx;
    if (!app || app->closing || person_id == 0)
        return;
    pf->responsible_id = person_id;
    show_responsible(app, pf);
}

static void responsible_menu_done(struct ui_app *app, void *ctx, long chosen)
{
    struct person_form *pf = ctx;
    if (!app || app->closing)
        return;
    if (chosen == 0)
        ui_people_pick(app, _("Responsible person"), NULL, responsible_chosen, pf);
    else if (chosen == 1) {
        pf->responsible_id = 0;
        show_responsible(app, pf);
    }
}

static void activate(struct ui_app *app, struct ui_form *form, int field, void *ctx)
{
    (void)form;
    struct person_form *pf = ctx;
    if (field != pf->f_responsible)
        return;
    if (!pf->responsible_id) {
        ui_people_pick(app, _("Responsible person"), NULL, responsible_chosen, pf);
        return;
    }
    const char *items[2] = {_("Choose someone else"), _("No responsible person")};
    struct ui_layer *l =
        ui_list_new(_("Responsible person"), items, 2, 0, responsible_menu_done, pf);
    if (l)
        ui_app_push(app, l);
}

static void changed(struct ui_app *app, struct ui_form *form, int field, void *ctx)
{
    (void)app;
    struct person_form *pf = ctx;
    if (field != pf->f_dups)
        ui_form_set_note(form, NULL);
}

/* ---- opening ------------------------------------------------------------------------- */

/* "jean-pierre" -> "Jean-Pierre": what was typed in a hurry in the search
 * box, made presentable (ASCII letters only; accented ones stay as typed). */
static void capitalise_words(char *s)
{
    int start = 1;
    for (; *s; s++) {
        if (start && *s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
        start = *s == ' ' || *s == '-' || *s == '\'';
    }
}

/* A new person's fields from what was typed in the search: a phone, a
 * birth date, or "name first-names". */
static void prefill(const char *typed, struct db_person *p)
{
    struct search_query q;
    if (!typed || search_query_parse(typed, &q) != 0)
        return;
    while (*typed == ' ')
        typed++;
    if (q.kind == SEARCH_PHONE) {
        say(p->phone, sizeof p->phone, "%s", typed);
    } else if (q.kind == SEARCH_BIRTH_DATE) {
        civil_format_date(q.birth_date, p->birth_date, sizeof p->birth_date);
    } else if (q.kind == SEARCH_NAME) {
        const char *sp = strchr(typed, ' ');
        size_t n = sp ? (size_t)(sp - typed) : strlen(typed);
        if (n >= sizeof p->last_name)
            n = sizeof p->last_name - 1;
        memcpy(p->last_name, typed, n);
        p->last_name[n] = '\0';
        if (sp) {
            while (*sp == ' ')
                sp++;
            say(p->first_name, sizeof p->first_name, "%s", sp);
        }
        capitalise_words(p->last_name);
        capitalise_words(p->first_name);
    }
}

int ui_person_form_open(struct ui_app *app, int64_t person_id, const char *initial_name,
                        ui_person_chosen_fn done_fn, void *ctx)
{
    struct person_form *pf = calloc(1, sizeof *pf);
    if (!pf) {
        ui_app_message(app, 1, "%s", _("out of memory"));
        if (done_fn)
            done_fn(app, ctx, 0);
        return -1;
    }
    pf->id = person_id;
    pf->done = done_fn;
    pf->ctx = ctx;
    if (person_id) {
        struct db_error err = {0};
        if (db_person_get(app->db, person_id, &pf->orig, &err) != DB_OK) {
            ui_app_db_error(app, &err);
            free(pf);
            if (done_fn)
                done_fn(app, ctx, 0);
            return -1;
        }
    } else {
        prefill(initial_name, &pf->orig);
    }
    const struct db_person *o = &pf->orig;
    pf->responsible_id = o->responsible_id;
    struct ui_form_hooks hooks = {.validate = validate, .changed = changed,
                                  .activate = activate, .done = done};
    struct ui_form *f = ui_form_new(person_id ? _("Edit the person") : _("New person"), &hooks, pf);
    if (!f) {
        free(pf);
        if (done_fn)
            done_fn(app, ctx, 0);
        return -1;
    }
    pf->form = f;
    char born[16] = "";
    struct civil_date bd;
    if (o->birth_date[0] && civil_parse_date(o->birth_date, &bd) == 0)
        say(born, sizeof born, "%02d/%02d/%04d", bd.day, bd.month, bd.year);
    pf->f_last = ui_form_add_text(f, _("Last name"), o->last_name, NAME_CHARS, UI_FORM_REQUIRED);
    pf->f_first = ui_form_add_text(f, _("First name"), o->first_name, NAME_CHARS, 0);
    pf->f_birth_name = ui_form_add_text(f, _("Birth name"), o->birth_name, NAME_CHARS, 0);
    pf->f_birth_date = ui_form_add_text(f, _("Birth date"), born, 10, UI_FORM_DATE);
    pf->f_phone = ui_form_add_text(f, _("Phone"), o->phone, PHONE_CHARS, 0);
    pf->f_email = ui_form_add_text(f, _("E-mail"), o->email, EMAIL_CHARS, 0);
    pf->f_address = ui_form_add_text(f, _("Address"), o->address, ADDRESS_CHARS, 0);
    pf->f_notes = ui_form_add_text(f, _("Notes"), o->notes, NOTES_CHARS, 0);
    pf->f_sms = ui_form_add_check(f, _("SMS reminders"), o->notify_sms);
    pf->f_mail = ui_form_add_check(f, _("E-mail reminders"), o->notify_email);
    pf->f_responsible = ui_form_add_button(f, _("Responsible"), "");
    pf->f_dups = ui_form_add_choice(f, _("Already known?"), NULL, 0, 0);
    if (pf->f_last < 0 || pf->f_first < 0 || pf->f_birth_name < 0 || pf->f_birth_date < 0 ||
        pf->f_phone < 0 || pf->f_email < 0 || pf->f_address < 0 || pf->f_notes < 0 ||
        pf->f_sms < 0 || pf->f_mail < 0 || pf->f_responsible < 0 || pf->f_dups < 0) {
        ui_form_free(f);
        free(pf);
        if (done_fn)
            done_fn(app, ctx, 0);
        return -1;
    }
    ui_form_set_hidden(f, pf->f_dups, 1);
    ui_form_set_hint(f, pf->f_birth_name, _("if different (before marriage)"));
    ui_form_set_hint(f, pf->f_birth_date, _("dd/mm/yyyy"));
    ui_form_set_hint(f, pf->f_phone, _("any spacing: 06 12 34 56 78"));
    ui_form_set_hint(f, pf->f_responsible, _("for a child: the parent or guardian"));
    ui_form_hint_readable(f, pf->f_notes);
    show_responsible(app, pf);
    /* Something came from the search: the first empty field is next. */
    ui_form_focus(f, person_id || !o->last_name[0] ? pf->f_last
                     : !o->first_name[0] ? pf->f_first
                     : !born[0]          ? pf->f_birth_date
                                         : pf->f_last);
    return ui_app_push(app, ui_form_layer(f));
}
