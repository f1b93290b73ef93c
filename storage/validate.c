/* validate.c - input checks done in C before any SQL runs, so that a bad
 * value gives a message naming the field (the schema's CHECKs are the
 * second line, for clients other than this one).
 *
 * Limits are in bytes because every text field is a fixed char[] in
 * storage.h: a 128-byte name holds 127 bytes of UTF-8 (fewer letters when
 * they are accented). The schema checks the same byte lengths. */
#include <string.h>

#include "db_internal.h"
#include "../common/i18n.h"
#include "../model/text.h"

int db_check_text(const char *s, size_t size, unsigned flags,
                  const char *field, struct db_error *err)
{
    if (!s)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                            _("missing"));
    if (strnlen(s, size) >= size)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                            _("too long"));
    switch (text_validate(s, size - 1, flags)) {
    case TEXT_OK:
        return DB_OK;
    case TEXT_TOO_LONG:
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                            _("too long"));
    case TEXT_BAD_UTF8:
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                            _("not valid UTF-8 text"));
    case TEXT_CONTROL_CHAR:
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                            _("contains a control character"));
    case TEXT_EMPTY:
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                            _("required"));
    }
    return db_set_error(err, DB_ERR_INVALID, "%s", field);
}

int db_check_datetime(char *s, const char *field, struct civil_datetime *out,
                      struct db_error *err)
{
    struct civil_datetime dt;
    if (strnlen(s, CIVIL_DATETIME_LEN) >= CIVIL_DATETIME_LEN ||
        civil_parse_datetime(s, &dt) != 0 ||
        civil_format_datetime(dt, s, CIVIL_DATETIME_LEN) != 0)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                            _("not a valid date and time"));
    if (out)
        *out = dt;
    return DB_OK;
}

int db_check_date(char *s, int optional, const char *field,
                  struct civil_date *out, struct db_error *err)
{
    struct civil_date d;
    if (optional && s[0] == '\0')
        return DB_OK;
    if (strnlen(s, CIVIL_DATE_LEN) >= CIVIL_DATE_LEN ||
        civil_parse_date(s, &d) != 0 ||
        civil_format_date(d, s, CIVIL_DATE_LEN) != 0)
        return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                            _("not a valid date"));
    if (out)
        *out = d;
    return DB_OK;
}

int db_check_id(int64_t id, int optional, const char *field,
                struct db_error *err)
{
    if (id > 0 || (optional && id == 0))
        return DB_OK;
    return db_set_error(err, DB_ERR_INVALID, _("%s: %s"), field,
                        _("missing or invalid reference"));
}
