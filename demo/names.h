/* names.h - built-in lists of fake French names, streets and towns.
 *
 * Names are common French first names and surnames drawn independently, so
 * no generated person is a real one; streets are generic and towns are
 * invented. Everything is static UTF-8 text that passes storage validation
 * (no control character, well under DB_NAME_LEN). */
#ifndef GUICHET_DEMO_NAMES_H
#define GUICHET_DEMO_NAMES_H

#include <stddef.h>

struct demo_town {
    const char *name;
    const char *postcode;
};

struct demo_name_list {
    const char *const *items;
    size_t count;
};

extern const struct demo_name_list demo_female_first;
extern const struct demo_name_list demo_male_first;
extern const struct demo_name_list demo_surnames;
extern const struct demo_name_list demo_streets;

extern const struct demo_town demo_towns[];
extern const size_t demo_town_count;

/* Lower-case ASCII form of a UTF-8 name for logins and e-mail addresses:
 * accented Latin letters lose their accent (é -> e, œ -> oe), other letters
 * are kept, and every other character is dropped, except that when
 * `keep_hyphen` a space, hyphen or apostrophe becomes one '-'. Always
 * NUL-terminates (size > 0); returns the length written. */
size_t demo_ascii_fold(const char *utf8, int keep_hyphen, char *out,
                       size_t size);

#endif
