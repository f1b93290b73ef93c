/* school_calendar.c - the national school-calendar export and académie
 * zones (see school_calendar.h). */
#include "school_calendar.h"

#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "text.h"
#include "../common/i18n.h"

static const char HEADER[] =
    "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire";
enum { N_COLUMNS = 7, LINE_MAX_BYTES = 4096 };
static const char *const column_names[N_COLUMNS] = {
    "Description", "Population", "Date de début", "Date de fin",
    "Académies", "Zones", "annee_scolaire",
};

int school_holiday_for_pupils(const struct school_holiday *h)
{
    return h && (h->population == SCHOOL_POP_ALL || h->population == SCHOOL_POP_PUPILS);
}

int school_name_equal(const char *a, const char *b)
{
    char fa[SEARCH_KEY_LEN], fb[SEARCH_KEY_LEN];
    if (!a || !b || search_fold(a, fa, sizeof fa) != 0 || search_fold(b, fb, sizeof fb) != 0)
        return 0;
    return strcmp(fa, fb) == 0;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int school_parse_export_date(const char *s, struct civil_date *out)
{
    struct civil_date d;
    if (!s || !out || strlen(s) < 10 || digits(s, 4, &d.year) || s[4] != '-' ||
        digits(s + 5, 2, &d.month) || s[7] != '-' || digits(s + 8, 2, &d.day) ||
        !civil_date_valid(d))
        return -1;
    if (s[10] == '\0') {
        *out = d;
        return 0;
    }
    /* THH:MM:SS then an offset (+HH:MM, -HH:MM or Z). */
    int h, m, sec;
    if ((s[10] != 'T' && s[10] != ' ') || digits(s + 11, 2, &h) || s[13] != ':' ||
        digits(s + 14, 2, &m) || s[16] != ':' || digits(s + 17, 2, &sec) ||
        h > 23 || m > 59 || sec > 60)
        return -1;
    const char *z = s + 19;
    if (*z == '.') { /* fractional seconds */
        z++;
        while (*z >= '0' && *z <= '9')
            z++;
    }
    int oh, om;
    if (strcmp(z, "Z") != 0 && *z != '\0') {
        if ((z[0] != '+' && z[0] != '-') || digits(z + 1, 2, &oh) || z[3] != ':' ||
            digits(z + 4, 2, &om) || z[6] != '\0' || oh > 14 || om > 59)
            return -1;
    }
    if (h >= 12 && civil_date_add_days(d, 1, &d) != 0)
        return -1;
    *out = d;
    return 0;
}

/* ---- académies and zones ------------------------------------------- */

struct academie_zone {
    const char *academie;
    const char *zone;
};

/* Zones A, B and C as fixed since 2016 (Normandie since the 2020 merger of
 * Caen and Rouen); Corse and the overseas académies have their own dates. */
static const struct academie_zone academies[] = {
    {"Besançon", "Zone A"}, {"Bordeaux", "Zone A"}, {"Clermont-Ferrand", "Zone A"},
    {"Dijon", "Zone A"}, {"Grenoble", "Zone A"}, {"Limoges", "Zone A"},
    {"Lyon", "Zone A"}, {"Poitiers", "Zone A"},
    {"Aix-Marseille", "Zone B"}, {"Amiens", "Zone B"}, {"Lille", "Zone B"},
    {"Nancy-Metz", "Zone B"}, {"Nantes", "Zone B"}, {"Nice", "Zone B"},
    {"Normandie", "Zone B"}, {"Caen", "Zone B"}, {"Rouen", "Zone B"},
    {"Orléans-Tours", "Zone B"}, {"Reims", "Zone B"}, {"Rennes", "Zone B"},
    {"Strasbourg", "Zone B"},
    {"Créteil", "Zone C"}, {"Montpellier", "Zone C"}, {"Paris", "Zone C"},
    {"Toulouse", "Zone C"}, {"Versailles", "Zone C"},
    {"Corse", "Corse"},
    {"Guadeloupe", "Guadeloupe"}, {"Martinique", "Martinique"},
    {"Guyane", "Guyane"}, {"La Réunion", "Réunion"}, {"Réunion", "Réunion"},
    {"Mayotte", "Mayotte"},
    {"Saint Pierre et Miquelon", "Saint Pierre et Miquelon"},
    {"Polynésie", "Polynésie"}, {"Nouvelle Calédonie", "Nouvelle Calédonie"},
    {"Wallis et Futuna", "Wallis et Futuna"},
};
enum { N_ACADEMIES = sizeof academies / sizeof academies[0] };

static const char *skip_prefix(const char *s)
{
    static const char *const prefixes[] = {"Académie de ", "Académie d'", "Académie d’",
                                           "académie de ", "académie d'"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(s, prefixes[i], n) == 0)
            return s + n;
    }
    return s;
}

const char *school_zone_of_academie(const char *academie)
{
    if (!academie)
        return NULL;
    academie = skip_prefix(academie);
    for (size_t i = 0; i < N_ACADEMIES; i++)
        if (school_name_equal(academie, academies[i].academie))
            return academies[i].zone;
    return NULL;
}

const char *school_zone_canonical(const char *zone)
{
    static const char *const abc[] = {"Zone A", "Zone B", "Zone C"};
    char f[SEARCH_KEY_LEN];
    if (!zone || search_fold(zone, f, sizeof f) != 0)
        return NULL;
    for (int i = 0; i < 3; i++) {
        char letter[2] = {(char)('a' + i), '\0'};
        char with[8] = "zone ";
        with[5] = letter[0];
        with[6] = '\0';
        if (strcmp(f, letter) == 0 || strcmp(f, with) == 0)
            return abc[i];
    }
    for (size_t i = 0; i < N_ACADEMIES; i++)
        if (strcmp(academies[i].zone, "Zone A") != 0 &&
            strcmp(academies[i].zone, "Zone B") != 0 &&
            strcmp(academies[i].zone, "Zone C") != 0 &&
            (school_name_equal(zone, academies[i].zone) ||
             school_name_equal(zone, academies[i].academie)))
            return academies[i].zone;
    return NULL;
}

/* ---- the export ---------------------------------------------------- */

struct cursor {
    const char *p, *end;
};

static void copy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void set_err(struct school_parse_error *err, long line, const char *msg,
                    const char *field)
{
    if (!err)
        return;
    err->line = line;
    err->message = msg;
    err->field[0] = '\0';
    if (field)
        copy(err->field, field, sizeof err->field);
}

/* Splits one line (without its end of line) into fields; a field may be
 * double-quoted with "" for a quote. Returns the field count, or -1 on a
 * broken quote / too many fields / too long a field. */
static int split_fields(const char *line, size_t len, char fields[N_COLUMNS][SCHOOL_TEXT_LEN])
{
    int n = 0;
    size_t i = 0;
    for (;;) {
        if (n == N_COLUMNS)
            return -1;
        size_t o = 0;
        char *f = fields[n];
        if (i < len && line[i] == '"') {
            i++;
            for (;;) {
                if (i >= len)
                    return -1;
                if (line[i] == '"') {
                    if (i + 1 < len && line[i + 1] == '"') {
                        i++;
                    } else {
                        i++;
                        break;
                    }
                }
                if (o + 1 >= SCHOOL_TEXT_LEN)
                    return -1;
                f[o++] = line[i++];
            }
            if (i < len && line[i] != ';')
                return -1;
        } else {
            while (i < len && line[i] != ';') {
                if (line[i] == '"' || o + 1 >= SCHOOL_TEXT_LEN)
                    return -1;
                f[o++] = line[i++];
            }
        }
        f[o] = '\0';
        n++;
        if (i >= len)
            return n;
        i++; /* the ';' */
    }
}

static enum school_population population_of(const char *s)
{
    if (strcmp(s, "-") == 0 || s[0] == '\0')
        return SCHOOL_POP_ALL;
    if (strncmp(s, "Élèves", strlen("Élèves")) == 0 ||
        strncmp(s, "élèves", strlen("élèves")) == 0 ||
        strncmp(s, "Eleves", 6) == 0)
        return SCHOOL_POP_PUPILS;
    if (strncmp(s, "Enseignants", 11) == 0)
        return SCHOOL_POP_TEACHERS;
    return SCHOOL_POP_OTHER;
}


static int parse_row(char f[N_COLUMNS][SCHOOL_TEXT_LEN], struct school_holiday *h,
                     long line, struct school_parse_error *err)
{
    memset(h, 0, sizeof *h);
    for (int i = 0; i < N_COLUMNS; i++) {
        enum text_check t = text_validate(f[i], SCHOOL_TEXT_LEN, 0);
        if (t != TEXT_OK) {
            set_err(err, line, t == TEXT_BAD_UTF8 ? N_("not valid UTF-8")
                                                  : N_("control character in a field"),
                    column_names[i]);
            return -1;
        }
    }
    if (f[0][0] == '\0') {
        set_err(err, line, N_("empty field"), column_names[0]);
        return -1;
    }
    copy(h->description, f[0], sizeof h->description);
    copy(h->population_text, f[1], sizeof h->population_text);
    h->population = population_of(f[1]);
    if (school_parse_export_date(f[2], &h->start) != 0) {
        set_err(err, line, N_("not a date like 2025-10-18T00:00:00+02:00"), column_names[2]);
        return -1;
    }
    if (f[3][0] != '\0') {
        if (school_parse_export_date(f[3], &h->resume) != 0) {
            set_err(err, line, N_("not a date like 2025-10-18T00:00:00+02:00"),
                    column_names[3]);
            return -1;
        }
        if (civil_date_compare(h->resume, h->start) <= 0) {
            set_err(err, line, N_("classes resume before the holidays start"),
                    column_names[3]);
            return -1;
        }
        h->has_resume = 1;
    }
    if (f[4][0] == '\0' && f[5][0] == '\0') {
        set_err(err, line, N_("neither académie nor zone"), column_names[4]);
        return -1;
    }
    copy(h->academie, f[4], sizeof h->academie);
    copy(h->zone, f[5], sizeof h->zone);
    /* "2025-2026": two years that follow each other. */
    int y1, y2;
    if (strlen(f[6]) != 9 || digits(f[6], 4, &y1) || f[6][4] != '-' ||
        digits(f[6] + 5, 4, &y2) || y2 != y1 + 1) {
        set_err(err, line, N_("not a school year like 2025-2026"), column_names[6]);
        return -1;
    }
    copy(h->school_year, f[6], sizeof h->school_year);
    return 0;
}

int school_calendar_parse(const char *buf, size_t len, school_row_fn fn,
                          void *ctx, struct school_parse_error *err)
{
    struct cursor c = {buf, buf + len};
    long line = 0;
    int header_seen = 0;
    if (!buf)
        return -1;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        c.p += 3;
    if (memchr(buf, '\0', len)) {
        set_err(err, 1, N_("not a text file"), NULL);
        return -1;
    }
    while (c.p < c.end) {
        const char *nl = memchr(c.p, '\n', (size_t)(c.end - c.p));
        const char *stop = nl ? nl : c.end;
        size_t n = (size_t)(stop - c.p);
        if (n > 0 && c.p[n - 1] == '\r')
            n--;
        line++;
        const char *text = c.p;
        c.p = nl ? nl + 1 : c.end;
        if (n >= LINE_MAX_BYTES) {
            set_err(err, line, N_("line too long"), NULL);
            return -1;
        }
        if (!header_seen) {
            if (n != strlen(HEADER) || memcmp(text, HEADER, n) != 0) {
                set_err(err, line, N_("not the school calendar header "
                                      "(Description;Population;Date de début;...)"),
                        NULL);
                return -1;
            }
            header_seen = 1;
            continue;
        }
        if (n == 0)
            continue; /* blank line, as at the end of a file */
        char fields[N_COLUMNS][SCHOOL_TEXT_LEN];
        int nf = split_fields(text, n, fields);
        if (nf != N_COLUMNS) {
            set_err(err, line, N_("expected 7 fields separated by ';'"), NULL);
            return -1;
        }
        struct school_holiday h;
        if (parse_row(fields, &h, line, err) != 0)
            return -1;
        if (fn) {
            int rc = fn(ctx, &h);
            if (rc != 0)
                return rc;
        }
    }
    if (!header_seen) {
        set_err(err, 1, N_("empty file"), NULL);
        return -1;
    }
    return 0;
}
