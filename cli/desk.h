/* desk.h - what the front-desk sub-commands (cmd_appt.c, cmd_person.c,
 * cmd_export.c) share: opening the database as a desk, turning a storage
 * error into a message and an exit code, finding sites, agents and motifs
 * by name or id, and writing text for scripts and spreadsheets (desk.c,
 * output.c).
 *
 * Exit codes (cli.h): 0 done; 1 refused by a rule (overlap, warnings not
 * forced, possible duplicate, another desk's change) or the file could not
 * be used; 2 bad command line or input (the message names the field);
 * 3 unsafe setup for writing. A refused command writes nothing. */
#ifndef GUICHET_CLI_DESK_H
#define GUICHET_CLI_DESK_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"
#include "../common/safe_formats.h"
#include "../storage/storage.h"

/* Opens the database of cli_settings() (never creates it) with its
 * locking and sets the audit actor. Returns CLI_EXIT_OK with *out set, or
 * prints why and returns an exit code. */
int desk_open(struct db **out);
/* The same, the opening's read transaction kept for the first lookups
 * (storage.h, keep_reading): end it with db_view_end before anything slow;
 * a write unit ends it by itself. */
int desk_open_reading(struct db **out);

/* Prints "guichet: [what: ]message: detail" and returns the exit code
 * for err->status. */
int desk_fail(const char *what, const struct db_error *err);
int desk_exit_code(enum db_status status);

/* Sites, agents and motifs named by id or by name (case and accents
 * ignored; an agent also by login or "Last First"). Prints why and returns
 * an exit code when none or several match. */
int desk_find_site(struct db *db, const char *text, struct db_site *out);
int desk_find_agent(struct db *db, const char *text, struct db_agent *out);
int desk_find_motif(struct db *db, const char *text, struct db_motif *out);

/* A positive id; prints an error naming `what` otherwise. */
int desk_parse_id(const char *text, const char *what, int64_t *out);

/* Option errors, as cmd_demo.c words them. */
int desk_bad_value(const char *option, const char *value);
int desk_missing(const char *option, const char *command);
/* An option this action does not take (no suggestion). */
int desk_unknown_option(const char *arg, const char *command);

/* Sets the option `letter` of a command's own arguments (`args`); `value`
 * is NULL for an option without a value. */
typedef void desk_option_fn(void *args, int letter, const char *value);

/* Parses argv (argv[0] = the action) with getopt_long: the common options
 * (cli.h) go to cli_settings() (a --site before or after the command also
 * reaches set(args, 's', ...) when 's' is allowed), --help sets *help, the
 * letters in `allowed` go to set(), any other option is refused naming
 * `command` and the closest options; up to max_pos arguments go to pos[]
 * (*npos counts them). Returns CLI_EXIT_OK or CLI_EXIT_USAGE after printing
 * why. */
int desk_parse_args(int argc, char **argv, const struct option *longopts,
                    const char *allowed, const char *command, int *help,
                    const char **pos, int max_pos, int *npos,
                    desk_option_fn *set, void *args);

/* A command's options: its table of long options (CLI_COMMON_OPTIONS and
 * its own, each with a letter), where their values go, and its help. */
struct desk_options {
    const struct option *longopts;
    desk_option_fn *set;
    void (*help)(const char *action);
};

/* One action's command line: its name in messages ("loan move"), the
 * letters of the options it takes, those it needs (checked in that order),
 * and how many arguments besides options (pos_name names them when too
 * few). */
struct desk_action {
    const char *command;
    const char *allowed;
    const char *required;
    int min_pos, max_pos;
    const char *pos_name;
};

/* What every command's arguments begin with. */
enum { DESK_MAX_POS = 4 };
struct desk_args {
    int help;                      /* --help was given: printed, nothing to do */
    const char *pos[DESK_MAX_POS]; /* the arguments that are not options */
    int npos;
};

/* Parses an action's command line (argv[0] = the action) into `args`, a
 * struct of `size` bytes that begins with a struct desk_args (zeroed
 * first), as desk_parse_args does; --help prints o->help(argv[0]); then
 * too few arguments, or a required option not given, are refused naming
 * it. Returns CLI_EXIT_OK - nothing more to do when args' help is set - or
 * the exit code after printing why. */
int desk_parse_action(int argc, char **argv, const struct desk_options *o,
                      const struct desk_action *act, void *args, size_t size);

/* ---- cmd_person_privacy.c: `person export`, `person erase` ---- */
int cli_person_export(int argc, char **argv);
int cli_person_erase(int argc, char **argv);

/* ---- output.c ---- */

enum desk_format { DESK_TEXT = 0, DESK_CSV, DESK_JSON, DESK_HTML };

/* "text", "csv", "json", "html" among those allowed (a bit per format);
 * -1 otherwise. */
int desk_parse_format(const char *s, unsigned allowed);

/* One line of text for a person: printf's format, the whole line made safe
 * for a terminal (controls, escape sequences and invalid UTF-8 replaced,
 * tab and newline become spaces), then a newline. */
void desk_print_line(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* CSV, JSON and HTML cells: common/safe_formats.h (safe_csv_field...). */

/* ---- conflicts.c ---- */

/* Appointments left outside opening hours or in an absence, one line each
 * ("ID | start-end | site | agent | motif | person | why") or as CSV or
 * JSON (enum desk_format), on standard output. */
void desk_print_stranded(const struct db_stranded *l, size_t n, int format);
/* Before a change is saved: lists on standard error what it would leave
 * outside; refuses (CLI_EXIT_FAILURE, "nothing was written") unless
 * `force`. CLI_EXIT_OK when there is nothing or when forced. */
int desk_vet_consequences(const struct db_stranded *l, size_t n, int force);

/* Translated display word of an appointment's status at `now`
 * ("upcoming", "today", "to fill in", "seen", ...). */
const char *desk_status_word(const struct db_appt *a,
                             struct civil_datetime now);

#endif
