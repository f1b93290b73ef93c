/* cmd_person_privacy.c - a person's rights over what the file holds about
 * them (storage/privacy.h):
 *   guichet person export ID [--format json|text]   right of access
 *   guichet person erase ID --reason TEXT           right to erasure
 * The export prints everything held about the person: identity, the
 * people they are responsible for, every appointment with what the desks
 * noted following it up, the no-show alerts shown about it, the reminders
 * sent for it (each attempt's receipt) and its whole history (audit rows:
 * the appointment's, its alerts' and its reminders'), and the audit rows
 * about them. It only reads, so it works
 * on a read-only file; erasing is refused there (nothing written). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"
#include "../common/clock.h"
#include "../common/i18n.h"

struct privacy_args {
    const char *format, *reason;
    int help;
    const char *pos[2];
    int npos;
};

static const struct option longopts[] = {
    CLI_COMMON_OPTIONS,
    {"format", required_argument, NULL, 'f'},
    {"reason", required_argument, NULL, 'r'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void set_option(void *args, int letter, const char *value)
{
    struct privacy_args *a = args;
    if (letter == 'f')
        a->format = value;
    else if (letter == 'r')
        a->reason = value;
}

static void help(const char *action)
{
    cli_print_help(_(
        "Usage: guichet person export ID [--format json|text]\n"
        "       guichet person erase ID --reason TEXT\n"
        "  export   everything the file holds about the person (right of access):\n"
        "           identity, appointments with their follow-up, no-show alerts,\n"
        "           reminders and history, audit rows\n"
        "  erase    anonymise the person now, whatever their history (right to\n"
        "           erasure): names, birth date, phone, e-mail, address and notes\n"
        "           are replaced; appointments stay as anonymous counts; the audit\n"
        "           keeps who erased, when and why\n"
        "\n"
        "Common options: --db FILE (config: db), --user NAME (audit log).\n"
        "Exit: 0 done, 1 failed or refused (read-only file), 2 bad input or\n"
        "unknown person, 3 unsafe shared file.\n"), action);
}

/* Parses the action's arguments: ID and the options in `allowed`. */
static int parse(int argc, char **argv, const char *allowed,
                 const char *command, struct privacy_args *a, int64_t *id)
{
    memset(a, 0, sizeof *a);
    int rc = desk_parse_args(argc, argv, longopts, allowed, command,
                             &a->help, a->pos, 2, &a->npos, set_option, a);
    if (rc || a->help) {
        if (a->help)
            help(argv[0]);
        return rc;
    }
    if (a->npos != 1)
        return a->npos ? desk_unknown_option(a->pos[1], command)
                       : desk_missing("ID", command);
    return desk_parse_id(a->pos[0], _("person"), id);
}

/* ---- text output ---------------------------------------------------------- */

/* Text from the file, shown on a terminal: control characters (other
 * than the newlines of notes, indented) become '?'. */
static void put_text(FILE *out, const char *s, const char *indent)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if (*p == '\n')
            fprintf(out, "\n%s", indent);
        else if (*p < 0x20 || *p == 0x7f)
            fputc('?', out);
        else
            fputc(*p, out);
    }
}

/* The same into a buffer (one line: newlines too become '?'). */
static void safe_copy(char *dst, size_t size, const char *src)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)src; *p && n + 1 < size; p++)
        dst[n++] = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
    dst[n] = '\0';
}

static void text_field(const char *label, const char *value)
{
    if (!value || !value[0])
        return;
    printf("  %s ", label);
    put_text(stdout, value, "    ");
    fputc('\n', stdout);
}

static void text_audit(const struct db_audit_entry *e, const char *indent)
{
    printf("%s%s  ", indent, e->at);
    put_text(stdout, e->actor[0] ? e->actor : "?", "");
    printf("  %s %lld  ", e->entity, (long long)e->entity_id);
    put_text(stdout, e->action, "");
    if (e->detail[0]) {
        fputs(": ", stdout);
        put_text(stdout, e->detail, indent);
    }
    fputc('\n', stdout);
}

/* ---- JSON output ---------------------------------------------------------- */

static void json_key(const char *key, int first)
{
    printf("%s\"%s\": ", first ? "" : ", ", key);
}

static void json_text(const char *key, const char *value, int first)
{
    json_key(key, first);
    safe_json_string(stdout, value);
}

/* An empty text as null: dates and times that are not set. */
static void json_opt(const char *key, const char *value, int first)
{
    json_key(key, first);
    if (value && value[0])
        safe_json_string(stdout, value);
    else
        fputs("null", stdout);
}

static void json_audit(const struct db_audit_entry *e)
{
    printf("{\"id\": %lld", (long long)e->id);
    json_text("at", e->at, 0);
    json_text("actor", e->actor, 0);
    json_text("entity", e->entity, 0);
    printf(", \"entity_id\": %lld", (long long)e->entity_id);
    json_text("action", e->action, 0);
    json_text("detail", e->detail, 0);
    fputc('}', stdout);
}

static void json_audit_list(const struct db_audit_entry *e, size_t n,
                            const char *indent)
{
    fputc('[', stdout);
    for (size_t i = 0; i < n; i++) {
        printf("%s\n%s", i ? "," : "", indent);
        json_audit(&e[i]);
    }
    printf("%s]", n ? "\n" : "");
}

/* ---- export ---------------------------------------------------------------- */

/* Everything read for one export, in one read of the file. */
struct export_data {
    struct db_person_record rec;
    int64_t *dependants;
    size_t ndependants;
    struct db_appt_row *appts;
    size_t nappts;
    struct db_audit_entry **history; /* per appointment, oldest first */
    size_t *nhistory;
    struct db_audit_entry *audit;
    size_t naudit;
    struct db_person_records rec2;
};

static void export_free(struct export_data *d)
{
    for (size_t i = 0; d->history && i < d->nappts; i++)
        free(d->history[i]);
    free(d->history);
    free(d->nhistory);
    free(d->dependants);
    free(d->appts);
    free(d->audit);
    db_person_records_free(&d->rec2);
}

static int export_load(struct db *db, int64_t id, struct export_data *d,
                       struct db_error *err)
{
    memset(d, 0, sizeof *d);
    int rc = db_person_record_get(db, id, &d->rec, err);
    if (rc == DB_OK)
        rc = db_person_dependants(db, id, &d->dependants, &d->ndependants, err);
    if (rc == DB_OK)
        rc = db_person_appts(db, id, &d->appts, &d->nappts, NULL, err);
    if (rc == DB_OK && d->nappts) {
        d->history = calloc(d->nappts, sizeof *d->history);
        d->nhistory = calloc(d->nappts, sizeof *d->nhistory);
        if (!d->history || !d->nhistory)
            rc = DB_ERR_INTERNAL;
    }
    for (size_t i = 0; rc == DB_OK && i < d->nappts; i++) {
        rc = db_appt_history(db, d->appts[i].day.appt.id, &d->history[i],
                             &d->nhistory[i], err);
    }
    if (rc == DB_OK)
        rc = db_person_audit(db, id, &d->audit, &d->naudit, err);
    if (rc == DB_OK)
        rc = db_person_records(db, id, &d->rec2, err);
    return rc;
}

/* ---- what was recorded about one appointment ------------------------------ */

static const struct db_person_appt_facts *facts_of(const struct db_person_records *r,
                                                   int64_t appt)
{
    for (size_t i = 0; i < r->nfacts; i++)
        if (r->facts[i].appointment_id == appt)
            return &r->facts[i];
    return NULL;
}

static const struct db_person_followup *followup_of(const struct db_person_records *r,
                                                    int64_t appt)
{
    for (size_t i = 0; i < r->nfollowups; i++)
        if (r->followups[i].appointment_id == appt)
            return &r->followups[i];
    return NULL;
}

static void json_bool(const char *key, int value)
{
    printf(", \"%s\": %s", key, value ? "true" : "false");
}

static void json_records(const struct db_person_records *r, const struct db_appt *a)
{
    const struct db_person_appt_facts *facts = facts_of(r, a->id);
    json_bool("overbooked", a->overbooked);
    json_bool("booking_known", facts ? facts->booking_known : 1);
    json_bool("reminder_sent", facts ? facts->reminder_sent : 0);
    const struct db_person_followup *f = followup_of(r, a->id);
    printf(",\n   \"follow_up\": ");
    if (f) {
        printf("{");
        json_opt("called_at", f->called_at, 1);
        json_opt("confirmed_at", f->confirmed_at, 0);
        json_opt("no_answer_at", f->no_answer_at, 0);
        json_text("note", f->note, 0);
        json_text("updated_by", f->updated_by, 0);
        printf("}");
    } else {
        printf("null");
    }
    printf(",\n   \"alerts\": [");
    int n = 0;
    for (size_t i = 0; i < r->nalerts; i++) {
        const struct db_person_alert *al = &r->alerts[i];
        if (al->appointment_id != a->id)
            continue;
        printf("%s\n    {", n++ ? "," : "");
        json_text("moment", al->moment, 1);
        json_text("channel", al->channel, 0);
        json_text("shown_at", al->shown_at, 0);
        json_text("shown_by", al->shown_by, 0);
        printf(", \"risk\": %.4f", al->risk);
        json_opt("acknowledged_at", al->acknowledged_at, 0);
        printf("}");
    }
    printf("%s],\n   \"reminders\": [", n ? "\n   " : "");
    n = 0;
    for (size_t i = 0; i < r->nreminders; i++) {
        const struct db_person_reminder *m = &r->reminders[i];
        if (m->appointment_id != a->id)
            continue;
        printf("%s\n    {\"id\": %lld", n++ ? "," : "", (long long)m->id);
        json_text("channel", m->channel, 0);
        json_text("address", m->address, 0);
        json_text("planned_at", m->planned_at, 0);
        json_text("state", m->state, 0);
        printf(", \"attempts\": %d, \"receipts\": [", m->attempts);
        int k = 0;
        for (size_t j = 0; j < r->nreceipts; j++) {
            const struct db_person_receipt *c = &r->receipts[j];
            if (c->reminder_id != m->id)
                continue;
            printf("%s{\"id\": %lld", k++ ? ", " : "", (long long)c->id);
            json_text("at", c->at, 0);
            json_text("result", c->result, 0);
            json_text("detail", c->detail, 0);
            printf("}");
        }
        printf("]}");
    }
    printf("%s]", n ? "\n   " : "");
}

static void text_records(const struct db_person_records *r, const struct db_appt *a)
{
    const struct db_person_appt_facts *facts = facts_of(r, a->id);
    if (a->overbooked)
        printf("    %s\n", _("Overbooked: yes"));
    if (facts && !facts->booking_known)
        printf("    %s\n", _("Booking time: not known (imported)"));
    if (facts && facts->reminder_sent)
        printf("    %s\n", _("Reminder sent: yes"));
    const struct db_person_followup *f = followup_of(r, a->id);
    if (f) {
        printf("    %s", _("Follow-up:"));
        if (f->called_at[0])
            printf(" %s %s", _("called"), f->called_at);
        if (f->confirmed_at[0])
            printf(" %s %s", _("confirmed"), f->confirmed_at);
        if (f->no_answer_at[0])
            printf(" %s %s", _("no answer"), f->no_answer_at);
        if (f->updated_by[0]) {
            printf(" (%s ", _("by"));
            put_text(stdout, f->updated_by, "");
            fputc(')', stdout);
        }
        fputc('\n', stdout);
        if (f->note[0]) {
            printf("    %s ", _("Follow-up note:"));
            put_text(stdout, f->note, "      ");
            fputc('\n', stdout);
        }
    }
    for (size_t i = 0; i < r->nalerts; i++) {
        const struct db_person_alert *al = &r->alerts[i];
        if (al->appointment_id != a->id)
            continue;
        /* TRANSLATORS: a no-show alert: moment, channel, when shown, by
         * whom, the risk in percent. */
        printf(_("    Alert: %s (%s) shown %s by %s, risk %.0f %%"), al->moment, al->channel,
               al->shown_at, al->shown_by[0] ? al->shown_by : "?", al->risk * 100.0);
        if (al->acknowledged_at[0])
            printf(_(", read %s"), al->acknowledged_at);
        fputc('\n', stdout);
    }
    for (size_t i = 0; i < r->nreminders; i++) {
        const struct db_person_reminder *m = &r->reminders[i];
        if (m->appointment_id != a->id)
            continue;
        printf(_("    Reminder %lld: %s to "), (long long)m->id, m->channel);
        put_text(stdout, m->address, "");
        /* TRANSLATORS: after "Reminder 3: sms to 0611223344": when it was
         * planned, its state, how many attempts. */
        printf(ngettext(", planned %s, %s, %d attempt\n", ", planned %s, %s, %d attempts\n",
                        (unsigned long)m->attempts),
               m->planned_at, m->state, m->attempts);
        for (size_t j = 0; j < r->nreceipts; j++) {
            const struct db_person_receipt *c = &r->receipts[j];
            if (c->reminder_id != m->id)
                continue;
            printf("      %s  %s", c->at, c->result);
            if (c->detail[0]) {
                fputs(": ", stdout);
                put_text(stdout, c->detail, "        ");
            }
            fputc('\n', stdout);
        }
    }
}

static void export_json(const struct export_data *d)
{
    const struct db_person *p = &d->rec.person;
    struct civil_datetime now;
    char now_text[CIVIL_DATETIME_LEN] = "";
    clock_now(&now, NULL);
    civil_format_datetime(now, now_text, sizeof now_text);

    printf("{\"exported_at\": ");
    safe_json_string(stdout, now_text);
    printf(",\n \"person\": {\"id\": %lld", (long long)p->id);
    json_text("last_name", p->last_name, 0);
    json_text("first_name", p->first_name, 0);
    json_text("birth_name", p->birth_name, 0);
    json_opt("birth_date", p->birth_date, 0);
    json_text("phone", p->phone, 0);
    json_text("email", p->email, 0);
    json_text("address", p->address, 0);
    json_text("notes", p->notes, 0);
    printf(", \"notify_sms\": %s, \"notify_email\": %s",
           p->notify_sms ? "true" : "false", p->notify_email ? "true" : "false");
    if (p->responsible_id)
        printf(", \"responsible_id\": %lld", (long long)p->responsible_id);
    else
        printf(", \"responsible_id\": null");
    json_opt("sex", d->rec.sex, 0);
    json_opt("person_ref", d->rec.person_ref, 0);
    json_text("created_at", d->rec.created_at, 0);
    json_opt("anonymised_at", d->rec.anonymised_at, 0);
    printf(", \"version\": %lld},\n \"responsible_for\": [", (long long)p->version);
    for (size_t i = 0; i < d->ndependants; i++)
        printf("%s%lld", i ? ", " : "", (long long)d->dependants[i]);
    printf("],\n \"appointments\": [");
    for (size_t i = 0; i < d->nappts; i++) {
        const struct db_appt_row *r = &d->appts[i];
        const struct db_appt *a = &r->day.appt;
        printf("%s\n  {\"id\": %lld", i ? "," : "", (long long)a->id);
        json_text("site", r->site_name, 0);
        json_text("agent_last_name", r->agent_last, 0);
        json_text("agent_first_name", r->agent_first, 0);
        json_text("motif", r->day.motif_name, 0);
        json_text("starts_at", a->starts_at, 0);
        json_text("ends_at", a->ends_at, 0);
        json_text("status", appt_status_name(a->status), 0);
        json_text("note", a->context, 0);
        json_text("cancel_reason", r->cancel_reason, 0);
        json_opt("arrived_at", a->arrived_at, 0);
        json_opt("seen_at", r->seen_at, 0);
        json_text("created_at", a->created_at, 0);
        json_text("created_by", a->created_by, 0);
        json_records(&d->rec2, a);
        printf(",\n   \"history\": ");
        json_audit_list(d->history[i], d->nhistory[i], "    ");
        fputc('}', stdout);
    }
    printf("%s],\n \"audit\": ", d->nappts ? "\n " : "");
    json_audit_list(d->audit, d->naudit, "  ");
    printf("}\n");
}

static void export_text(const struct export_data *d)
{
    const struct db_person *p = &d->rec.person;
    char date[CIVIL_DATE_LEN] = "", id[24];
    struct civil_date bd;
    struct civil_datetime now;
    clock_now(&now, NULL);

    printf(_("Person %lld\n"), (long long)p->id);
    text_field(_("Last name:"), p->last_name);
    text_field(_("First name:"), p->first_name);
    text_field(_("Birth name:"), p->birth_name);
    if (p->birth_date[0] && civil_parse_date(p->birth_date, &bd) == 0)
        civil_format_date_fr(bd, date, sizeof date);
    text_field(_("Birth date:"), date);
    text_field(_("Phone:"), p->phone);
    text_field(_("E-mail:"), p->email);
    text_field(_("Address:"), p->address);
    text_field(_("Notes:"), p->notes);
    text_field(_("Reminders by SMS:"), p->notify_sms ? _("yes") : "");
    text_field(_("Reminders by e-mail:"), p->notify_email ? _("yes") : "");
    snprintf(id, sizeof id, "%lld", (long long)p->responsible_id);
    text_field(_("Responsible person:"), p->responsible_id ? id : "");
    text_field(_("Sex:"), d->rec.sex);
    text_field(_("Number in the previous tool:"), d->rec.person_ref);
    text_field(_("Recorded:"), d->rec.created_at);
    text_field(_("Anonymised:"), d->rec.anonymised_at);
    if (d->ndependants) {
        printf("  %s", _("Responsible for:"));
        for (size_t i = 0; i < d->ndependants; i++)
            printf("%s %lld", i ? "," : "", (long long)d->dependants[i]);
        printf("\n");
    }

    printf("\n");
    printf(ngettext("%zu appointment\n", "%zu appointments\n", d->nappts),
           d->nappts);
    for (size_t i = 0; i < d->nappts; i++) {
        const struct db_appt_row *r = &d->appts[i];
        const struct db_appt *a = &r->day.appt;
        const char *end = a->ends_at + (strncmp(a->starts_at, a->ends_at, 11) ? 0 : 11);
        printf("  %lld  %s - %s  ", (long long)a->id, a->starts_at, end);
        put_text(stdout, r->site_name, "");
        fputs("  ", stdout);
        put_text(stdout, r->agent_last, "");
        fputc(' ', stdout);
        put_text(stdout, r->agent_first, "");
        fputs("  ", stdout);
        put_text(stdout, r->day.motif_name, "");
        printf("  %s\n", desk_status_word(a, now));
        if (a->context[0]) {
            printf("    %s ", _("Note:"));
            put_text(stdout, a->context, "      ");
            fputc('\n', stdout);
        }
        if (r->cancel_reason[0]) {
            printf("    %s ", _("Cancel reason:"));
            put_text(stdout, r->cancel_reason, "      ");
            fputc('\n', stdout);
        }
        text_records(&d->rec2, a);
        for (size_t k = 0; k < d->nhistory[i]; k++)
            text_audit(&d->history[i][k], "    ");
    }
    printf("\n");
    printf(ngettext("%zu audit row about the person\n",
                    "%zu audit rows about the person\n", d->naudit),
           d->naudit);
    for (size_t i = 0; i < d->naudit; i++)
        text_audit(&d->audit[i], "  ");
}

int cli_person_export(int argc, char **argv)
{
    struct privacy_args a;
    int64_t id = 0;
    int rc = parse(argc, argv, "f", "person export", &a, &id);
    if (rc || a.help)
        return rc;
    int format = a.format ? desk_parse_format(a.format, (1u << DESK_TEXT) |
                                                            (1u << DESK_JSON))
                          : DESK_JSON;
    if (format < 0)
        return desk_bad_value("--format", a.format);
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct export_data d;
    struct db_error err = {0};
    if (export_load(db, id, &d, &err) != DB_OK) {
        rc = desk_fail(NULL, &err);
    } else if (format == DESK_JSON) {
        export_json(&d);
    } else {
        export_text(&d);
    }
    export_free(&d);
    db_close(db);
    return rc;
}

/* ---- erase ---------------------------------------------------------------- */

int cli_person_erase(int argc, char **argv)
{
    struct privacy_args a;
    int64_t id = 0;
    int rc = parse(argc, argv, "r", "person erase", &a, &id);
    if (rc || a.help)
        return rc;
    if (!a.reason)
        return desk_missing("--reason", "person erase");
    if (strlen(a.reason) >= DB_TEXT_LEN) {
        cli_print_error(_("%s: %s"), "--reason", _("too long"));
        return CLI_EXIT_USAGE;
    }
    struct db *db = NULL;
    if ((rc = desk_open(&db)))
        return rc;
    struct db_error err = {0};
    struct db_person p;
    /* The name goes in the confirmation, read before it is erased. */
    if (db_person_get(db, id, &p, &err) != DB_OK ||
        db_person_erase(db, id, DB_VERSION_CURRENT, a.reason, NULL, &err) != DB_OK) {
        rc = desk_fail(NULL, &err);
    } else {
        char name[2 * DB_NAME_LEN + 2], shown[2 * DB_NAME_LEN + 2];
        snprintf(name, sizeof name, "%s %s", p.last_name, p.first_name);
        safe_copy(shown, sizeof shown, name);
        printf(_("Person %lld (%s) anonymised.\n"), (long long)id, shown);
    }
    db_close(db);
    return rc;
}
