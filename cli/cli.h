/* cli.h - the face of cli/: main(), sub-commands, options and configuration.
 *   main.c      locale, catalogue, time zone; dispatch to a sub-command
 *   paths.c     where the program's data is (themes, translations, config)
 *   config.c    $XDG_CONFIG_HOME/guichet/config (common/settings.h)
 *   cmd_open.c  `guichet [--db FILE] [--site NAME] [--theme NAME]`: the console
 *   cmd_demo.c  `guichet demo`: generated demo data
 * Exit codes (documented in docs/guichet.1): */
#ifndef GUICHET_CLI_H
#define GUICHET_CLI_H

#include <stddef.h>

#include "../storage/storage.h"

enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAILURE = 1, /* the work could not be done (file, database) */
    CLI_EXIT_USAGE = 2,   /* bad command line, configuration or input */
    CLI_EXIT_UNSAFE = 3,  /* setup unsafe for writing (network share locks) */
};

/* ---- paths.c ---- */
/* Directory of the running executable (from /proc/self/exe), "." if unknown. */
const char *cli_exe_dir(void);
/* Binds the "guichet" text domain to the first directory holding it:
 * EXE/../share/locale (installed), EXE/build/locale (source tree), LOCALEDIR. */
void cli_i18n_init(void);
/* NULL-terminated list of theme directories, most personal first. */
const char *const *cli_theme_dirs(void);
/* $XDG_CONFIG_HOME/guichet/config (or ~/.config/guichet/config). */
int cli_config_path(char *buf, size_t size);

/* ---- config.c ---- */
enum { CLI_VALUE_LEN = 1024, CLI_USER_LEN = DB_SHORT_LEN };

struct cli_config {
    char db[CLI_VALUE_LEN];      /* database file */
    char site[CLI_VALUE_LEN];    /* site name to open */
    char theme[CLI_VALUE_LEN];   /* theme name */
    enum db_locking locking;     /* posix (default) or dotfile */
    char user[CLI_VALUE_LEN];    /* who is at the desk */
    int ascii;                   /* 1: ASCII line drawing */
    unsigned file_mode;          /* new files' mode (octal), 0 = 0660 */
};

/* Reads `path` into cfg (fields not in the file keep their value). A missing
 * file is not an error (returns 0). On a bad line returns -1 with
 * "FILE:LINE: what" in errbuf and cfg unchanged. */
int cli_config_load(const char *path, struct cli_config *cfg, char *errbuf, size_t errsize);
/* "posix" or "dotfile" (the one place the word is read); -1 otherwise. */
int cli_locking_parse(const char *word, enum db_locking *out);
/* Who is at the desk is text like any other: valid UTF-8, no control
 * character, not empty, shorter than CLI_USER_LEN bytes (never cut).
 * Returns 0, or -1 with what is wrong in why ("too long"). */
int cli_user_check(const char *user, char *why, size_t whysize);

/* ---- sub-commands: argc/argv start at the sub-command's name ---- */
int cli_cmd_open(int argc, char **argv);
int cli_cmd_demo(int argc, char **argv);
int cli_cmd_appt(int argc, char **argv);   /* cmd_appt.c */
int cli_cmd_person(int argc, char **argv); /* cmd_person.c */
int cli_cmd_export(int argc, char **argv); /* cmd_export.c */
int cli_cmd_doctor(int argc, char **argv); /* cmd_doctor.c: is the file safe to share */
int cli_cmd_unlock(int argc, char **argv); /* cmd_unlock.c: clear a stale dot-file lock */
int cli_cmd_backup(int argc, char **argv); /* cmd_backup.c: consistent copy */
int cli_cmd_report(int argc, char **argv); /* cmd_report.c: supervisors' summary */
int cli_cmd_purge(int argc, char **argv);  /* cmd_purge.c: retention purge */
int cli_cmd_retention(int argc, char **argv); /* cmd_purge.c: retention periods */
int cli_cmd_import(int argc, char **argv); /* cmd_import.c: appointments from CSV */
int cli_cmd_risk(int argc, char **argv);   /* cmd_risk.c: fit, evaluate, list */
int cli_cmd_remind(int argc, char **argv); /* cmd_remind.c: reminders */
int cli_cmd_absence(int argc, char **argv); /* cmd_absence.c: agents' absences */
int cli_cmd_hours(int argc, char **argv);   /* cmd_hours.c: opening hours */

/* Shared helpers for sub-commands. */
void cli_print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The user at the desk: config "user", else $USER, else the login name. */
const char *cli_current_user(const struct cli_config *cfg);
/* Whole-string decimal integer within [min, max]; -1 otherwise. */
int cli_parse_long(const char *s, long min, long max, long *out);
/* Options of the commands that work on the file itself (doctor, unlock,
 * backup): --db, --locking (when with_locking), --help. Returns -1 to go on
 * (optind at the first operand), else the exit code to return. */
int cli_parse_file_options(int argc, char **argv, const char *command, int with_locking,
                           void (*help)(void), struct cli_config *cfg);
/* Loads the configuration file; prints the error and returns -1 if bad. */
int cli_load_config(struct cli_config *cfg);

#endif
