/* keys.h - key codes and key names, shared by the action table and (later)
 * the keymap file parser.
 *
 * A key is one int: a Unicode code point for a character (what wget_wch
 * returns with OK), or UI_KEY_CURSES(code) for a curses key code (KEY_LEFT,
 * KEY_F(1), ... returned with KEY_CODE_YES). The offset keeps the two apart:
 * curses codes (0401..0777) would otherwise collide with letters such as ā.
 *
 * Key names, as the action table and a keymap file write them:
 *   Left Right Up Down PgUp PgDn Home End Insert Delete Backspace
 *   Enter Tab BTab (shift-Tab) Esc Space F1..F12 ^A..^Z (control keys)
 *   or one character, written as itself in UTF-8 ("q", "?", "[", "é").
 * One name may stand for several codes: "Enter" is carriage return, line
 * feed and the keypad Enter key. No curses call here. */
#ifndef GUICHET_TUI_KEYS_H
#define GUICHET_TUI_KEYS_H

#include <stddef.h>

enum {
    UI_KEY_CURSES_BASE = 0x110000, /* first value above Unicode */
    UI_KEY_ESC = 27,
    UI_KEY_MAX_ALIASES = 4,        /* codes one key name may stand for */
    UI_KEY_NAME_LEN = 16,
};

#define UI_KEY_CURSES(code) (UI_KEY_CURSES_BASE + (code))

/* Codes that `name` stands for, into codes[]; returns how many (1..
 * UI_KEY_MAX_ALIASES), or 0 when the name is unknown. */
int ui_key_parse(const char *name, int codes[UI_KEY_MAX_ALIASES]);

/* The F-key number (1..12) of a key, or 0. */
int ui_key_fkey_number(int key);

/* The key for F-key n (1..12). */
int ui_key_for_fkey(int n);

/* A short name for a person to read in the help screen, for a key name as
 * written in the table ("PgUp" -> "PgUp", "Enter" -> translated "Enter",
 * "Left" -> "←" or "Left" when `ascii`). Returns a static or translated
 * string, or `name` itself. */
const char *ui_key_display_name(const char *name, int ascii);

#endif
