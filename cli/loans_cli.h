/* loans_cli.h - what the room-loan sub-commands share (cmd_rooms.c,
 * cmd_loan.c, cmd_loan_places.c, cmd_loan_export.c, ical.c). */
#ifndef GUICHET_CLI_LOANS_CLI_H
#define GUICHET_CLI_LOANS_CLI_H

#include <stdio.h>

#include "desk.h"

int cli_cmd_site(int argc, char **argv);         /* site add */
int cli_cmd_room(int argc, char **argv);         /* room add|list|free */
int cli_cmd_association(int argc, char **argv);  /* association add|list */
int cli_cmd_holidays(int argc, char **argv);     /* holidays import */
int cli_cmd_loan(int argc, char **argv);         /* loan request|approve|... */
/* cmd_loan_places.c: `loan closure ...`, `room blackout ...`, `loan hours ...`
 * (argv[0] = "closure", "blackout", "hours"). */
int loans_closure_main(int argc, char **argv);
int loans_blackout_main(int argc, char **argv);
int loans_hours_main(int argc, char **argv);
/* `loan list` (also `export loans --format csv`). */
int loans_list_main(int argc, char **argv);
/* export room / export loans (called by cli_cmd_export). */
int loans_export_room(int argc, char **argv);
int loans_export_loans(int argc, char **argv);

/* Copies an option's value into a field; too long = bad input. */
int loans_copy(char *dst, size_t size, const char *value, const char *option);
/* Prints a storage error (a loan overlap as its own sentence); exit code. */
int loans_fail(const char *what, const struct db_error *err);
int loans_find_site(struct db *db, const char *text, int64_t *site_id);
/* The free-room finder's answer: free rooms first, then the others with
 * the dates they are taken. */
void loans_print_free(FILE *out, const struct db_free_room *res, size_t n);

/* ---- ical.c: iCalendar (RFC 5545) text ---- */

/* Writes one content line: "NAME:value" (value already escaped or a
 * TEXT to escape when `text`), folded at 75 octets without cutting a UTF-8
 * character, ended by CRLF. */
void ical_line(FILE *out, const char *name, const char *value, int text);
/* The VCALENDAR of the series (one VEVENT each, RRULE, EXDATE, moved
 * dates as RECURRENCE-ID overrides). `stamp` is DTSTAMP (UTC, "YYYYMMDDTHHMMSSZ"). */
void ical_write_loans(FILE *out, const struct db_loan_series_export *s, size_t n,
                      const char *tzid, const char *stamp);

#endif
