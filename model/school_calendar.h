/* school_calendar.h - French school holidays: the national open-data export
 * of the Ministère de l'Éducation nationale ("calendrier scolaire",
 * fr-en-calendrier-scolaire) and the académie -> zone table.
 *
 * The export is UTF-8 with a byte order mark, ';'-separated (fields may be
 * double-quoted), with the header
 *   Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire
 * and one row per académie and holiday. Dates look like
 * 2025-10-18T00:00:00+02:00: the date part is the local date, except that a
 * time of 12:00 or later means midnight of the next local day written in a
 * time zone west of the académie (2025-10-17T22:00:00+00:00 is 18 October in
 * Paris; overseas académies lie between UTC-4 and UTC+4). "Date de début" is
 * the day holidays start (after classes), "Date de fin" the day classes
 * resume; a summer holiday row may have no end. Population is "-" (everyone),
 * "Élèves", "Enseignants" or a finer value ("Élèves de ..."): pupils' dates
 * are what a loan series skips.
 *
 * Pure C11 + libc: the caller reads the file into memory. */
#ifndef GUICHET_MODEL_SCHOOL_CALENDAR_H
#define GUICHET_MODEL_SCHOOL_CALENDAR_H

#include <stddef.h>

#include "civil.h"

enum {
    SCHOOL_TEXT_LEN = 96,
    SCHOOL_YEAR_LEN = 16,
};

enum school_population {
    SCHOOL_POP_ALL = 0,       /* "-" */
    SCHOOL_POP_PUPILS,        /* "Élèves" and finer pupils' values */
    SCHOOL_POP_TEACHERS,      /* "Enseignants" */
    SCHOOL_POP_OTHER,         /* any other value: kept, not skipped */
};

struct school_holiday {
    char description[SCHOOL_TEXT_LEN];  /* "Vacances de la Toussaint" */
    enum school_population population;
    char population_text[SCHOOL_TEXT_LEN];
    struct civil_date start;            /* first day off */
    int has_resume;                     /* 0: no "Date de fin" */
    struct civil_date resume;           /* the day classes resume */
    char academie[SCHOOL_TEXT_LEN];     /* "Lyon" */
    char zone[SCHOOL_TEXT_LEN];         /* "Zone A", "Corse", "Guadeloupe" */
    char school_year[SCHOOL_YEAR_LEN];  /* "2025-2026" */
};

/* 1 when a loan series skips these dates (everyone or pupils). */
int school_holiday_for_pupils(const struct school_holiday *h);

/* Why parsing stopped. message is an untranslated msgid (N_) the caller
 * translates; line counts from 1 (the header). */
struct school_parse_error {
    long line;
    const char *message;
    char field[32];       /* the column concerned, or empty */
};

/* Called once per row in file order; returning nonzero stops the parse
 * (school_calendar_parse then returns that value). */
typedef int (*school_row_fn)(void *ctx, const struct school_holiday *row);

/* Parses a whole export held in `buf` (len bytes). Returns 0 when every row
 * was read, -1 on the first malformed line (err filled; rows before it have
 * been passed to fn, so a caller that must write nothing on error collects
 * them first), or fn's nonzero value. */
int school_calendar_parse(const char *buf, size_t len, school_row_fn fn,
                          void *ctx, struct school_parse_error *err);

/* Parses one export date ("2025-10-18T00:00:00+02:00", or a bare
 * "2025-10-18") into a local date as described above. */
int school_parse_export_date(const char *s, struct civil_date *out);

/* The holiday zone of an académie as the current arrêté assigns it:
 * "Zone A", "Zone B", "Zone C", "Corse" or the overseas académie's own
 * name; NULL when unknown. Matching ignores case, accents, hyphens and a
 * leading "Académie de". Caen and Rouen (merged into Normandie) are known. */
const char *school_zone_of_academie(const char *academie);

/* Canonical spelling of a zone typed by a person ("a", "zone b", "C",
 * "corse"); NULL when unknown. Overseas zones are returned as given when
 * they name a known overseas académie. */
const char *school_zone_canonical(const char *zone);

/* 1 when two names match ignoring case, accents, hyphens, apostrophes and
 * spaces ("Orléans-Tours" = "orleans tours"). */
int school_name_equal(const char *a, const char *b);

#endif
