/* cli.h - the face of cli/: main(), sub-commands, options and configuration.
 *   main.c      locale, catalogue, time zone; dispatch to a sub-command
 *   paths.c     where the program's data is (themes, translations, config)
 *   config.c    $XDG_CONFIG_HOME/guichet/config (common/settings.h)
 *   cmd_open.c  `guichet [--db FILE] [--site NAME] [--theme NAME]`: the console
 *   cmd_init.c  `guichet init`: an empty database for a real office
 *   cmd_demo.c  `guichet demo`: generated demo data
 * Exit codes (documented in docs/guichet.1): */
#ifndef GUICHET_CLI_H
#define GUICHET_CLI_H

#include <getopt.h>
#include <stddef.h>

#include "../storage/storage.h"

enum cli_exit {
    CLI_EXIT_OK = 0,
    CLI_EXIT_FAILURE = 1, /* the work could not be done (file, database) */
    CLI_EXIT_USAGE = 2,   /* bad command line, configuration or input */
    CLI_EXIT_UNSAFE = 3,  /* setup unsafe for writing (network share locks) */
};

/* ---- paths.c ---- */
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
    /* --site was given on the command line: commands take the site from
     * there only (the file's site is the console's). */
    int site_given;
    unsigned file_mode;          /* new files' mode (octal), 0 = 0660 */
    struct alert_settings alerts; /* alert_threshold, alert_moments */
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
int cli_cmd_init(int argc, char **argv);   /* cmd_init.c: an empty database for a real office */
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

/* ---- common.c ---- */
/* "guichet: message" on stderr, made safe for the terminal (it repeats
 * what was typed and what is stored). */
void cli_print_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The user at the desk: --user, config "user", else $USER, else the login
 * name; NULL after printing why when it is not acceptable text. */
const char *cli_current_user(const struct cli_config *cfg);
/* Whole-string decimal integer within [min, max]; -1 otherwise. */
int cli_parse_long(const char *s, long min, long max, long *out);

/* The configuration of this run, one per process: the file, read once by
 * main() (cli_settings_load: prints why and returns -1 when it is bad),
 * then the common options wherever they stand on the command line. */
struct cli_config *cli_settings(void);
int cli_settings_load(void);

/* The common options, accepted before or after a command's name and its
 * action: --db FILE, --user NAME, --site S (a name or an id), --locking
 * posix|dotfile. Every table of long options includes CLI_COMMON_OPTIONS;
 * their codes are not letters, so a command's own letters stay free. */
enum { CLI_OPT_DB = 0x100, CLI_OPT_USER, CLI_OPT_SITE, CLI_OPT_LOCKING };
#define CLI_COMMON_OPTIONS                                                     \
    {"db", required_argument, NULL, CLI_OPT_DB},                               \
        {"user", required_argument, NULL, CLI_OPT_USER},                       \
        {"site", required_argument, NULL, CLI_OPT_SITE},                       \
        {"locking", required_argument, NULL, CLI_OPT_LOCKING}
/* Applies common option `code` to cli_settings(): CLI_EXIT_OK,
 * CLI_EXIT_USAGE after printing why, or -1 when it is not a common one. */
int cli_common_option(int code, const char *value);
/* Applies the common options at argv[first...]; returns the index of the
 * first other argument, or minus an exit code after printing why. */
int cli_skip_common_options(int argc, char **argv, int first);

/* A command's actions: argv[0] is the command's name; common options may
 * stand before the action; no action prints help(NULL) and returns
 * CLI_EXIT_USAGE; --help, -h or help prints help (of the action named
 * after "help", or all) and returns CLI_EXIT_OK; an unknown action is
 * refused with the closest names. The action gets argv from its name on. */
struct cli_action {
    const char *name;
    int (*run)(int argc, char **argv);
};
int cli_run_action(int argc, char **argv, const char *command, const struct cli_action *actions,
                   size_t n, void (*help)(const char *action));

/* Prints a command's help text; with an action, only the "Usage" line,
 * that action's entry (two blanks and its name, continued by lines
 * indented further) and the general lines, when the text has such an
 * entry. */
void cli_print_help(const char *text, const char *action);

/* what_fmt (one %s for typed, e.g. "unknown action \"%s\"") then " (did
 * you mean a, b?)" and " (see guichet COMMAND --help)"; prints it and
 * returns CLI_EXIT_USAGE. command may be NULL. */
int cli_unknown_name(const char *what_fmt, const char *typed, const char *command,
                     const char *const *names, size_t n);
/* The names among names[n] closest to `typed` (its start, or a few letters
 * apart): up to max indexes into picked; how many. */
size_t cli_closest(const char *typed, const char *const *names, size_t n, size_t *picked,
                   size_t max);
/* The same as "a, b" in out; "" when none is close. */
const char *cli_suggest(const char *typed, const char *const *names, size_t n, char *out,
                        size_t size);
/* Option errors, worded once; each prints and returns CLI_EXIT_USAGE. The
 * closest option names of longopts are suggested. command "" = the console. */
int cli_unknown_option(const char *arg, const char *command, const struct option *longopts);
int cli_option_needs_value(const char *arg);
int cli_unexpected_argument(const char *arg, const char *command);

/* Options of the commands that work on the file itself (doctor, unlock,
 * backup): the common ones and --help; *cfg gets the settings. Returns -1
 * to go on (optind at the first operand), else the exit code to return. */
int cli_parse_file_options(int argc, char **argv, const char *command, void (*help)(void),
                           struct cli_config *cfg);
/* The database file: --db or config "db"; NULL after printing what to do. */
const char *cli_db_path(const char *command);

#endif
