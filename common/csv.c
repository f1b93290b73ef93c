/* csv.c - a CSV pull reader over a caller's buffer (see csv.h). */
#include "csv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static char detect_separator(const char *p, const char *end)
{
    size_t commas = 0, semicolons = 0;
    int quoted = 0;
    for (; p < end; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && (*p == '\n' || *p == '\r'))
            break;
        else if (!quoted && *p == ',')
            commas++;
        else if (!quoted && *p == ';')
            semicolons++;
    }
    return commas > semicolons ? ',' : ';';
}

void csv_init(struct csv_reader *r, const char *data, size_t len, char separator)
{
    memset(r, 0, sizeof *r);
    r->p = data;
    r->end = data + len;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        r->p += 3;
    r->separator = separator ? separator : detect_separator(r->p, r->end);
    r->line = 1;
}

void csv_free(struct csv_reader *r)
{
    free(r->buf);
    free(r->fields);
    memset(r, 0, sizeof *r);
}

static int put(struct csv_reader *r, size_t *used, char c)
{
    if (*used == r->buf_size) {
        size_t size = r->buf_size ? 2 * r->buf_size : 4096;
        char *b = realloc(r->buf, size);
        if (!b)
            return -1;
        r->buf = b;
        r->buf_size = size;
    }
    r->buf[(*used)++] = c;
    return 0;
}

/* Offsets of field starts are kept in r->fields as integers until the
 * buffer stops moving. */
static int mark(struct csv_reader *r, size_t count, size_t offset)
{
    if (count == r->field_cap) {
        size_t cap = r->field_cap ? 2 * r->field_cap : 32;
        char **f = realloc(r->fields, cap * sizeof *f);
        if (!f)
            return -1;
        r->fields = f;
        r->field_cap = cap;
    }
    r->fields[count] = (char *)(uintptr_t)offset;
    return 0;
}

enum csv_result csv_next(struct csv_reader *r, char ***fields, size_t *count,
                         size_t *line, size_t *column)
{
    /* blank lines */
    while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
        if (*r->p == '\n')
            r->line++;
        r->p++;
    }
    if (r->p >= r->end)
        return CSV_END;
    *line = r->line;
    size_t used = 0, n = 0;
    for (;;) {
        if (mark(r, n, used) != 0)
            return CSV_ERR_MEMORY;
        n++;
        if (r->p < r->end && *r->p == '"') {
            size_t start_line = r->line;
            r->p++;
            for (;;) {
                if (r->p >= r->end) {
                    *line = start_line;
                    *column = n;
                    return CSV_ERR_QUOTE;
                }
                char c = *r->p++;
                if (c == '"') {
                    if (r->p < r->end && *r->p == '"') {
                        r->p++;
                    } else {
                        break;
                    }
                }
                if (c == '\n')
                    r->line++;
                if (put(r, &used, c) != 0)
                    return CSV_ERR_MEMORY;
            }
            if (r->p < r->end && *r->p != r->separator && *r->p != '\n' && *r->p != '\r') {
                *line = r->line;
                *column = n;
                return CSV_ERR_QUOTE;
            }
        } else {
            while (r->p < r->end && *r->p != r->separator && *r->p != '\n' && *r->p != '\r')
                if (put(r, &used, *r->p++) != 0)
                    return CSV_ERR_MEMORY;
        }
        if (put(r, &used, '\0') != 0)
            return CSV_ERR_MEMORY;
        if (r->p < r->end && *r->p == r->separator) {
            r->p++;
            continue;
        }
        /* end of record: CRLF, LF, CR or the end of the data */
        if (r->p < r->end && *r->p == '\r')
            r->p++;
        if (r->p < r->end && *r->p == '\n')
            r->p++;
        r->line++;
        break;
    }
    for (size_t i = 0; i < n; i++)
        r->fields[i] = r->buf + (uintptr_t)r->fields[i];
    *fields = r->fields;
    *count = n;
    return CSV_RECORD;
}
