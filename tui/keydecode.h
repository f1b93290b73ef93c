/* keydecode.h - turns the characters a terminal sends into keys (keys.h),
 * whatever TERM claims. No curses call: the event loop feeds it one
 * character at a time (keypad mode is off, so curses decodes nothing) and
 * tells it when the next one is late; tests feed it byte strings.
 *
 * Understood, all at once (a desk may reach the server through PuTTY with
 * TERM=xterm, or through the Linux console with TERM=vt100):
 *   CSI "ESC [" with parameters and a final byte:
 *     A B C D arrows; H F Home End; Z Shift-Tab; P Q R S with parameters
 *     F1-F4 (xterm with modifiers);
 *     n~ : 1 7 Home, 4 8 End, 2 Insert, 3 Delete, 5 PgUp, 6 PgDn,
 *          11-15 F1-F5, 17-21 F6-F10, 23 24 F11 F12 (PuTTY's default ESC[n~
 *          mode, VT220, rxvt, screen/tmux, the Linux console); rxvt's
 *          modified forms ending in $ ^ @ are read the same;
 *     SCO (PuTTY's SCO mode): M..X without parameters F1-F12, G PgDn,
 *          I PgUp, L Insert;
 *   "ESC [ [ A".."E": the Linux console's (and PuTTY's Linux mode) F1-F5;
 *   SS3 "ESC O": A B C D arrows, H F Home End, P Q R S F1-F4 (xterm,
 *     VT100 PF1-PF4, Windows' OpenSSH console), M keypad Enter, keypad
 *     digits and signs in application mode (p..y, j..o);
 *   Esc alone (nothing follows within the short delay): UI_KEY_ESC;
 *   Esc and a digit together (Alt-digit): UI_KEY_ALT_DIGIT(d);
 *   Esc and another character together (Alt-letter, or Esc then a key
 *     typed fast over a slow link): Esc, then that character.
 * Any other CSI or SS3 sequence is swallowed whole: it never reads as Esc
 * then "[" and letters. */
#ifndef GUICHET_TUI_KEYDECODE_H
#define GUICHET_TUI_KEYDECODE_H

#include "keys.h"

enum {
    UI_KEYDEC_MORE = -1,      /* nothing yet: feed more or time out */
    UI_KEYDEC_SWALLOWED = -2, /* an unknown sequence ended: nothing to do */
    UI_KEYDEC_SEQ_MAX = 24,
};

/* Esc then digit d at once (d 0..9). */
#define UI_KEY_ALT_DIGIT(d) (UI_KEY_CURSES_BASE + 0x1000 + (d))
#define UI_KEY_IS_ALT_DIGIT(k) ((k) >= UI_KEY_ALT_DIGIT(0) && (k) <= UI_KEY_ALT_DIGIT(9))

struct ui_keydec {
    int state;                    /* 0 idle, else inside a sequence */
    char buf[UI_KEYDEC_SEQ_MAX];  /* parameter and intermediate bytes */
    int len;
    int queued;                   /* a key to give after the one returned */
};

/* How long the caller may wait for the next character before calling
 * ui_keydec_timeout: 0 when idle, 1 after a lone Esc (short: Esc must act
 * at once), 2 inside a sequence (longer: a slow link splits them). */
int ui_keydec_waiting(const struct ui_keydec *d);

/* Feeds one character (a code point). Returns a key, UI_KEYDEC_MORE or
 * UI_KEYDEC_SWALLOWED. (Esc Esc: the first Esc is returned, the second
 * waits for what follows it.) */
int ui_keydec_feed(struct ui_keydec *d, int ch);

/* A second key decoded by the last feed (Esc then a letter), or
 * UI_KEYDEC_MORE when there is none. Call after each key returned. */
int ui_keydec_pop(struct ui_keydec *d);

/* The next character is late: Esc alone gives UI_KEY_ESC; a sequence cut
 * short is swallowed. */
int ui_keydec_timeout(struct ui_keydec *d);

/* Forgets any sequence under way (type-ahead discarded). */
void ui_keydec_reset(struct ui_keydec *d);

/* Decodes a whole byte string (tests): keys into out[], returns how many;
 * a trailing lone Esc counts as Esc. UTF-8 is decoded. */
int ui_keydec_string(const char *bytes, int *out, int max);

#endif
