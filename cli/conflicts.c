/* conflicts.c - printing appointments left outside opening hours or in an
 * absence (storage/consequences.c finds them): for `appt list
 * --conflicts`, and before `absence add`, `hours change` and `hours
 * delete` save anything. */
#include <stdio.h>
#include <string.h>

#include "desk.h"
#include "../common/i18n.h"

static void print_text(FILE *out, const struct db_stranded *l, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct db_appt_row *r = &l[i].row;
        const struct db_appt *a = &r->day.appt;
        char why[128];
        db_stranded_describe(l[i].reasons, why, sizeof why);
        fprintf(out, "%lld | %.16s-%s | %s | %s %s | %s | %s %s | %s\n",
                (long long)a->id, a->starts_at,
                strlen(a->ends_at) >= 16 ? a->ends_at + 11 : "",
                r->site_name, r->agent_first, r->agent_last,
                r->day.motif_name, r->day.person_last, r->day.person_first,
                why);
    }
}

static void print_csv(const struct db_stranded *l, size_t n)
{
    const char *head[] = {_("Id"), _("Start"), _("End"), _("Site"),
                          _("Agent"), _("Motif"), _("Last name"),
                          _("First name"), _("Phone"), _("Why")};
    safe_csv_bom(stdout);
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        safe_csv_field(stdout, head[i], i == 0);
    safe_csv_end(stdout);
    for (size_t i = 0; i < n; i++) {
        const struct db_appt_row *r = &l[i].row;
        char id[24], agent[2 * DB_NAME_LEN + 2], why[128];
        snprintf(id, sizeof id, "%lld", (long long)r->day.appt.id);
        snprintf(agent, sizeof agent, "%s %s", r->agent_first, r->agent_last);
        db_stranded_describe(l[i].reasons, why, sizeof why);
        const char *f[] = {id, r->day.appt.starts_at, r->day.appt.ends_at,
                           r->site_name, agent, r->day.motif_name,
                           r->day.person_last, r->day.person_first,
                           r->person_phone, why};
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
            safe_csv_field(stdout, f[k], k == 0);
        safe_csv_end(stdout);
    }
}

static void print_json(const struct db_stranded *l, size_t n)
{
    printf("[");
    for (size_t i = 0; i < n; i++) {
        const struct db_appt_row *r = &l[i].row;
        char agent[2 * DB_NAME_LEN + 2];
        snprintf(agent, sizeof agent, "%s %s", r->agent_first, r->agent_last);
        printf("%s\n  {\"id\": %lld, \"starts_at\": ", i ? "," : "",
               (long long)r->day.appt.id);
        safe_json_string(stdout, r->day.appt.starts_at);
        printf(", \"ends_at\": ");
        safe_json_string(stdout, r->day.appt.ends_at);
        printf(", \"site\": ");
        safe_json_string(stdout, r->site_name);
        printf(", \"agent\": ");
        safe_json_string(stdout, agent);
        printf(", \"agent_absent\": %s, \"outside_opening_hours\": %s}",
               l[i].reasons & DB_STRANDED_ABSENT ? "true" : "false",
               l[i].reasons & DB_STRANDED_OUTSIDE_HOURS ? "true" : "false");
    }
    printf("%s]\n", n ? "\n" : "");
}

void desk_print_stranded(const struct db_stranded *l, size_t n, int format)
{
    if (format == DESK_CSV)
        print_csv(l, n);
    else if (format == DESK_JSON)
        print_json(l, n);
    else
        print_text(stdout, l, n);
}

int desk_vet_consequences(const struct db_stranded *l, size_t n, int force)
{
    if (n == 0)
        return CLI_EXIT_OK;
    fprintf(stderr, ngettext("guichet: this leaves %zu appointment outside:\n",
                             "guichet: this leaves %zu appointments outside:\n",
                             n), n);
    print_text(stderr, l, n);
    if (!force) {
        cli_print_error("%s", _("nothing was written (--force to save anyway, "
                                "then move or cancel them)"));
        return CLI_EXIT_FAILURE;
    }
    return CLI_EXIT_OK;
}
