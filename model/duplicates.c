/* duplicates.c - reasons to think two person records are the same person.
 *
 * Names are compared after search_fold, so "Hélène Dupont-Martin" equals
 * "HELENE DUPONT MARTIN"; phones after search_phone_digits. A family that
 * shares a phone or an e-mail (a mother booking for her child) is reported
 * too: the agent decides, the model only says why it asks. */
#include "duplicates.h"

#include <string.h>

#include "search.h"

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Folded text in buf; 0 when empty or unusable. */
static int folded(const char *s, char buf[SEARCH_KEY_LEN])
{
    if (search_fold(or_empty(s), buf, SEARCH_KEY_LEN) != 0)
        return 0;
    return buf[0] != '\0';
}

static int same_folded(const char *a, const char *b)
{
    char fa[SEARCH_KEY_LEN], fb[SEARCH_KEY_LEN];
    return folded(a, fa) && folded(b, fb) && strcmp(fa, fb) == 0;
}

static int same_family_name(const struct duplicate_person *a,
                            const struct duplicate_person *b)
{
    const char *na[2] = {a->last_name, a->birth_name};
    const char *nb[2] = {b->last_name, b->birth_name};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            if (same_folded(na[i], nb[j]))
                return 1;
    return 0;
}

static int same_name_and_birth(const struct duplicate_person *a,
                               const struct duplicate_person *b)
{
    if (a->birth_date.year == 0 || !civil_date_valid(a->birth_date) ||
        civil_date_compare(a->birth_date, b->birth_date) != 0)
        return 0;
    if (same_folded(a->first_name, b->first_name) && same_family_name(a, b))
        return 1;
    /* First and last names typed in each other's field. */
    return same_folded(a->first_name, b->last_name) &&
           same_folded(a->last_name, b->first_name);
}

static int same_phone(const char *a, const char *b)
{
    char da[SEARCH_PHONE_LEN], db[SEARCH_PHONE_LEN];
    int na = search_phone_digits(or_empty(a), da, sizeof da);
    int nb = search_phone_digits(or_empty(b), db, sizeof db);
    return na >= DUPLICATE_PHONE_MIN_DIGITS && na == nb && strcmp(da, db) == 0;
}

/* [start, end) of s without surrounding ASCII spaces. */
static void trim(const char *s, const char **start, size_t *len)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    *start = s;
    *len = n;
}

static char ascii_lower(char c)
{
    return (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
}

static int same_email(const char *a, const char *b)
{
    const char *sa, *sb;
    size_t na, nb;
    trim(or_empty(a), &sa, &na);
    trim(or_empty(b), &sb, &nb);
    if (na == 0 || na != nb)
        return 0;
    for (size_t i = 0; i < na; i++)
        if (ascii_lower(sa[i]) != ascii_lower(sb[i]))
            return 0;
    return 1;
}

unsigned duplicate_reasons(const struct duplicate_person *candidate,
                           const struct duplicate_person *existing)
{
    if (!candidate || !existing)
        return DUPLICATE_NONE;
    unsigned r = DUPLICATE_NONE;
    if (same_name_and_birth(candidate, existing))
        r |= DUPLICATE_NAME_BIRTH;
    if (same_phone(candidate->phone, existing->phone))
        r |= DUPLICATE_PHONE;
    if (same_email(candidate->email, existing->email))
        r |= DUPLICATE_EMAIL;
    return r;
}
