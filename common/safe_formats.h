/* safe_formats.h - stored text written safely into each output format the
 * commands and the summaries produce: CSV in the French spreadsheet
 * dialect, JSON strings, HTML text, and terminal text padded to a number
 * of columns. Built on safe_text.h (the one place that decides what is
 * unsafe), so every command and every report replaces the same characters
 * the same way. No curses, no database. */
#ifndef GUICHET_COMMON_SAFE_FORMATS_H
#define GUICHET_COMMON_SAFE_FORMATS_H

#include <stdio.h>

/* Display columns of what ui_text_write writes for `s` (NULL counts as
 * ""): wcwidth in the current LC_CTYPE, a replaced or unprintable
 * character counts one column. */
int safe_text_columns(const char *s);
/* ui_text_write, then spaces up to `cols` columns (left aligned), or the
 * spaces first (right aligned when `right`). */
void safe_text_padded(FILE *out, const char *s, int cols, int right);

/* CSV in the French spreadsheet dialect: ';' between fields, CRLF after
 * each record, fields quoted when they hold ';', '"' or begin or end with
 * a space, quotes doubled; text made safe as for a terminal (a newline in
 * a note becomes a space); a cell that a spreadsheet would read as a
 * formula (=, +, -, @, tab, CR first) is quoted and starts with an
 * apostrophe (OWASP's rule against CSV injection). Numbers are written by
 * the callers without this function. The byte order mark makes
 * spreadsheets read accents right. */
void safe_csv_bom(FILE *out);
void safe_csv_field(FILE *out, const char *s, int first);
void safe_csv_end(FILE *out);

/* A JSON string (quotes included), always valid UTF-8: control characters
 * and bidirectional overrides escaped as \uXXXX, invalid bytes as
 * \ufffd. */
void safe_json_string(FILE *out, const char *s);

/* Text made safe as for a terminal, with & < > " ' escaped for HTML. */
void safe_html_text(FILE *out, const char *s);

#endif
