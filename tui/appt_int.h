/* appt_int.h - what appt_actions.c (operations, statuses, entry point),
 * appt_forms.c (cancel, move / resize / note) and appt_day_keys.c (the day
 * view's keys) share. Internal to tui/: the face is desk.h.
 *
 * A change is an "operation" kept as data (struct op) so that, when
 * another desk changed the row first (DB_ERR_CONFLICT), the conflict
 * dialog can re-apply exactly the same change on the current version. */
#ifndef GUICHET_TUI_APPT_INT_H
#define GUICHET_TUI_APPT_INT_H

#include "../model/appointment.h"
#include "app.h"
#include "dialog_conflict.h"

enum {
    REASON_MAX_CHARS = 200,
    NOTE_MAX_CHARS = 500,
    LABEL_LEN = 320,
};

/* snprintf for sentences and labels, where cutting a long name short is
 * the right outcome (and the compiler need not be told so each time). */
void ui_appt_say(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- operations (appt_actions.c) ---- */

enum op_kind { OP_ARRIVE, OP_STATUS, OP_CANCEL, OP_EDIT };

struct op {
    enum op_kind kind;
    int64_t id, version;
    int undo;                    /* OP_ARRIVE: take the mark back */
    int one_key;                 /* a one-key change: z can undo it */
    enum appt_status from;       /* OP_STATUS: the status before */
    enum appt_status to;         /* OP_STATUS; OP_CANCEL: excused or revoked */
    int do_move;                 /* OP_EDIT */
    struct db_reschedule move;
    int do_note;
    char text[DB_TEXT_LEN];      /* cancel reason, or the note */
    char label[LABEL_LEN];       /* the appointment, for people */
    char mine[LABEL_LEN];        /* what was being done */
    char done_msg[LABEL_LEN];    /* said when it worked */
};

/* Fills op for `kind` on the appointment of `row` (id, version, label). */
void ui_appt_op_init(struct op *op, enum op_kind kind, const struct db_day_row *row);
/* Runs op: one storage call. */
int ui_appt_op_run(struct ui_app *app, struct op *op, struct db_conflict *c,
                   struct db_error *err);
/* Runs op and reports: reload and say it is done, say why it was refused,
 * or open the conflict dialog. */
void ui_appt_op_execute(struct ui_app *app, struct op *op);
/* The conflict dialog's answer for op (ctx): re-apply on the current
 * version, or keep the other desk's change. */
void ui_appt_conflict_done(struct ui_app *app, void *ctx, enum ui_conflict_choice choice,
                           int64_t current_version);

/* "z": takes back the last one-key change when it is recent and the
 * appointment did not change since. */
void ui_appt_undo(struct ui_app *app);

/* ---- statuses (appt_actions.c) ---- */

const char *ui_appt_status_words(enum appt_status s);
/* Why from -> to is refused now, as a sentence into buf. */
void ui_appt_refusal(enum appt_status from, enum appt_status to, struct civil_datetime start,
                     struct civil_datetime now, char *buf, size_t size);
int ui_appt_parse_start(const struct db_day_row *row, struct civil_datetime *start);

/* ---- forms (appt_forms.c) ---- */

void ui_appt_open_cancel(struct ui_app *app, const struct db_day_row *row, enum appt_status how);
void ui_appt_open_edit(struct ui_app *app, const struct db_day_row *row);

#endif
