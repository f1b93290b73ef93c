/* draw.h - small curses drawing helpers shared by the views and dialogs:
 * safe text in a fixed number of columns, fills, frames, and the glyphs
 * (status marks, line pieces) with their ASCII fallbacks.
 *
 * Every piece of text goes through safe_text.h before it reaches curses.
 * Nothing here refreshes: callers use wnoutrefresh and the event loop does
 * the one doupdate() per input event. */
#ifndef GUICHET_TUI_DRAW_H
#define GUICHET_TUI_DRAW_H

#include <curses.h>
#include <wchar.h>

#include "day_grid.h"
#include "theme_file.h"

enum ui_draw_flags {
    UI_DRAW_PAD = 1 << 8,    /* fill the rest of the width with spaces */
    UI_DRAW_RIGHT = 1 << 9,  /* align right within the width */
    UI_DRAW_CENTER = 1 << 10,
    /* the low bits are enum ui_text_flags (UI_TEXT_UPPER...) */
};

enum ui_glyph {
    UI_GLYPH_VLINE,          /* column separator */
    UI_GLYPH_CLOSED,         /* pattern of closed time */
    UI_GLYPH_MORE_LEFT,      /* more agent columns on the left */
    UI_GLYPH_MORE_RIGHT,
    UI_GLYPH_NOW,            /* the current time row */
    UI_GLYPH_MARK_UPCOMING,  /* status marks, see ui_draw_status_glyph */
    UI_GLYPH_MARK_TO_FILL,
    UI_GLYPH_MARK_SEEN,
    UI_GLYPH_MARK_ARRIVED,
    UI_GLYPH_MARK_CANCELLED,
    UI_GLYPH_MARK_NOSHOW,
    UI_GLYPH_CONTINUED,      /* first column of an appointment's later rows */
    UI_GLYPH_MARK_RISK,      /* an upcoming appointment at risk of a no-show */
    UI_GLYPH_COUNT
};

/* Set once at start-up: `ascii_text` when the locale is not UTF-8 (text is
 * transliterated), `ascii_lines` for line drawing and marks (--ascii, or a
 * non-UTF-8 locale). */
void ui_draw_setup(int ascii_text, int ascii_lines);
int ui_draw_ascii_lines(void);
/* UI_TEXT_ASCII when text must be ASCII; UI_TEXT_ASCII_MARKS when only
 * the console's own signs must (--ascii): pass it to every decode. */
unsigned ui_draw_text_flags(void);

const wchar_t *ui_glyph(enum ui_glyph g);

/* How an appointment's look (day_grid.h) is drawn, the same in every view:
 * its theme role, and its status mark, so that meaning never rests on
 * colour alone. */
enum theme_role ui_appt_look_role(enum ui_appt_look look);
enum ui_glyph ui_appt_look_glyph(enum ui_appt_look look);

/* An appointment's cell, drawn the same way in the day and week views.
 * Its first row: the status mark, the start time (UI_APPT_CELL_TIME), the
 * person (or the motif when there is none). Every later row starts with
 * the continuation mark in the first column, the second one followed by
 * the motif: without colours a long appointment still never looks like a
 * free cell. UI_APPT_CELL_TOP: the top row on screen, where a continuation
 * shows its first row's words. "+N" at the right: N more start in the row.
 * Narrow cells (under 8 columns) drop the spaces so the name still shows
 * ("?DUP…+1"). */
enum ui_appt_cell_flags {
    UI_APPT_CELL_TIME = 1 << 0,
    UI_APPT_CELL_TOP = 1 << 1,
    UI_APPT_CELL_RISK = 1 << 2, /* at risk of a no-show: the risk mark
                                 * instead of the (blank) upcoming one */
};
void ui_draw_appt_cell(WINDOW *w, int y, int x, int width, const struct ui_cell *cell,
                       enum ui_appt_look look, attr_t attr, unsigned flags);

/* Draws UTF-8 text from the database or the catalogue at (y, x) in at most
 * `width` columns (truncated with an ellipsis); returns the columns used. */
int ui_draw_str(WINDOW *w, int y, int x, int width, const char *utf8, attr_t attr,
                unsigned flags);
/* The same for text already made safe (safe_text.h). */
int ui_draw_wstr(WINDOW *w, int y, int x, int width, const wchar_t *s, attr_t attr,
                 unsigned flags);
/* `width` copies of one glyph. */
void ui_draw_fill(WINDOW *w, int y, int x, int width, const wchar_t *glyph, attr_t attr);
/* A frame around the whole window with a title in its top border. */
void ui_draw_frame(WINDOW *w, attr_t attr, const char *title, attr_t title_attr);

#endif
