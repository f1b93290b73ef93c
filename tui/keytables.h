/* keytables.h - the key table of each screen (keytables.c, where the
 * header comment says how a new screen declares its own). */
#ifndef GUICHET_TUI_KEYTABLES_H
#define GUICHET_TUI_KEYTABLES_H

#include "actions.h"

extern const struct ui_keytable ui_keys_day;
extern const struct ui_keytable ui_keys_week;
extern const struct ui_keytable ui_keys_people;
extern const struct ui_keytable ui_keys_panel;
extern const struct ui_keytable ui_keys_tofill;
extern const struct ui_keytable ui_keys_outside;
extern const struct ui_keytable ui_keys_structure;
extern const struct ui_keytable ui_keys_form;
extern const struct ui_keytable ui_keys_discard;
extern const struct ui_keytable ui_keys_list;
extern const struct ui_keytable ui_keys_help;
extern const struct ui_keytable ui_keys_details;
extern const struct ui_keytable ui_keys_conflict;
extern const struct ui_keytable ui_keys_month;
extern const struct ui_keytable ui_keys_summary;
extern const struct ui_keytable ui_keys_alerts;
extern const struct ui_keytable ui_keys_loans;
extern const struct ui_keytable ui_keys_loan_dates;
extern const struct ui_keytable ui_keys_loan_grid;

#endif
