/* csv.h - reading CSV as French spreadsheets write it (RFC 4180 and more).
 *
 * A record per line; fields separated by ',' or ';' (decided from the
 * header line: the one that appears more often outside quotes, ';' on a
 * tie, as LibreOffice and Excel write under a French locale); a field in
 * double quotes may hold separators, newlines and doubled quotes (""); a
 * UTF-8 byte-order mark at the start is skipped; CRLF or LF line ends;
 * blank lines are skipped. The reader works on a buffer the caller holds
 * (a whole file read or mapped), so it does no I/O and is reusable for any
 * import. Fields are NUL-terminated copies, valid until the next call. */
#ifndef GUICHET_COMMON_CSV_H
#define GUICHET_COMMON_CSV_H

#include <stddef.h>

struct csv_reader {
    const char *p, *end;
    char separator;
    size_t line;          /* line of the next record (1-based) */
    char *buf;            /* unescaped fields, one after another */
    size_t buf_size;
    char **fields;
    size_t field_cap;
};

enum csv_result {
    CSV_RECORD = 1,
    CSV_END = 0,
    CSV_ERR_QUOTE = -1,   /* a quoted field never closed, or text after its closing quote */
    CSV_ERR_MEMORY = -2,
};

/* Starts reading data[0..len); separator ',' or ';', or 0 to decide from
 * the first line. */
void csv_init(struct csv_reader *r, const char *data, size_t len, char separator);
void csv_free(struct csv_reader *r);

/* The next non-blank record: *fields (count entries) and the line it
 * starts on. On CSV_ERR_QUOTE, *line and *column (1-based field) say
 * where. */
enum csv_result csv_next(struct csv_reader *r, char ***fields, size_t *count,
                         size_t *line, size_t *column);

#endif
