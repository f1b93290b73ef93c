/* dialog_conflict.h - "another desk changed this first".
 *
 * Every edit of an existing row passes the version its user saw; when
 * another desk saved first, storage writes nothing and returns
 * DB_ERR_CONFLICT with a struct db_conflict (storage/storage.h): the
 * version now in the file and the latest audit row (who, when, what). This
 * dialog shows that to the person in plain words, next to what they were
 * about to save, and lets them choose:
 *
 *   r / Enter  Reload: drop my change, show what is in the file now;
 *   a          Re-apply: save my change again over the other desk's
 *              (the caller repeats its write unit with current_version);
 *   Esc        Give up: keep nothing, touch nothing.
 *
 * When the row is gone (current_version 0) only reload and give up are
 * offered. The dialog never writes itself: the caller's `done` callback
 * does, after the dialog has left the layer stack, so it may push another
 * layer (a form reopened on the reloaded row, or this dialog again when
 * the re-applied write meets yet another conflict).
 *
 * Typical use in a form's save:
 *
 *     struct db_conflict c;
 *     int rc = db_appt_set_context(db, id, version, text, &c, &err);
 *     if (rc == DB_ERR_CONFLICT)
 *         ui_conflict_show(app, _("Note of the appointment"), text, &c,
 *                          note_conflict_done, ctx);
 *
 * and in note_conflict_done: UI_CONFLICT_REAPPLY -> write again with
 * `current_version`; UI_CONFLICT_RELOAD -> re-read the row and reopen or
 * refresh; UI_CONFLICT_GIVE_UP -> free ctx. */
#ifndef GUICHET_TUI_DIALOG_CONFLICT_H
#define GUICHET_TUI_DIALOG_CONFLICT_H

#include <stddef.h>
#include <stdint.h>

#include "../storage/storage.h"
#include "app.h"

enum ui_conflict_choice {
    UI_CONFLICT_GIVE_UP = 0, /* Esc, q, or the program is ending */
    UI_CONFLICT_RELOAD,
    UI_CONFLICT_REAPPLY,
};

/* Called exactly once, after the dialog left the stack (`app` is NULL when
 * the dialog could not even be created). `current_version` is the row's
 * version in the file when the conflict was seen (0: the row is gone);
 * a re-apply passes it to the write so that a third desk is still caught.
 * The callback owns `ctx`. */
typedef void (*ui_conflict_done_fn)(struct ui_app *app, void *ctx,
                                    enum ui_conflict_choice choice,
                                    int64_t current_version);

/* The dialog as a layer (not pushed). `what` names the row for a person
 * ("Appointment of DUPONT Marie, 25/11 at 09:30"), `mine` says what they
 * were saving ("move to 10:00"; may be NULL or empty). Both are copied.
 * Returns NULL when out of memory, after calling done(NULL, ctx,
 * UI_CONFLICT_GIVE_UP, 0). */
struct ui_layer *ui_conflict_new(struct ui_app *app, const char *what, const char *mine,
                                 const struct db_conflict *conflict,
                                 ui_conflict_done_fn done, void *ctx);

/* ui_conflict_new + ui_app_push. Returns 0, or -1 when it could not be
 * shown (done was then called with UI_CONFLICT_GIVE_UP; the status line
 * says why). */
int ui_conflict_show(struct ui_app *app, const char *what, const char *mine,
                     const struct db_conflict *conflict, ui_conflict_done_fn done,
                     void *ctx);

/* One line for a status bar or a form's message: "Changed by marie at
 * 25/11/2026 10:02:13: status unknown -> seen" (translated; the time in
 * `zone`, the site's: empty for this machine's), or a generic sentence
 * when no audit row explains the change. */
void ui_conflict_summary(const struct db_conflict *conflict, const char *zone, char *buf,
                         size_t size);

/* An audit time (an instant in UTC, storage.h) as civil time in `zone`
 * (empty: this machine's); a time written before audit times were
 * instants is taken as it stands. Returns 0, or -1 when `at` is neither. */
int ui_audit_time(const char *at, const char *zone, struct civil_datetime *out, int *seconds);

#endif
