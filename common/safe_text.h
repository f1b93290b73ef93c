/* safe_text.h - text from the database made safe and measured for display,
 * the one place that turns stored text into terminal text.
 *
 * Every string that comes from the database (names, motifs, notes) passes
 * through ui_text_decode (the console) or ui_text_terminal / ui_text_write
 * (the commands' output and error messages, which may be a terminal too)
 * before it reaches the terminal: control characters,
 * escape sequences, C1 controls, bidirectional overrides and invalid UTF-8
 * are replaced by a visible placeholder, so a name typed as
 * "\033[2J" cannot clear a colleague's screen. Widths are display columns
 * (wcwidth): "é" is one column, "漢" two, a combining accent none.
 * Truncation is by display width and ends with "…" ("~" in ASCII).
 *
 * No curses here (unit-tested without a terminal); tui/draw.c puts the
 * result on screen. Widths follow the current LC_CTYPE (setlocale). The
 * ui_text_ names are kept from the console, which uses them most. */
#ifndef GUICHET_COMMON_SAFE_TEXT_H
#define GUICHET_COMMON_SAFE_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include <wchar.h>

enum ui_text_flags {
    /* The terminal cannot show non-ASCII: accented Latin letters lose their
     * accents (é -> e, œ -> oe), typographic signs become ASCII (’ -> '),
     * anything else becomes '?'. */
    UI_TEXT_ASCII = 1 << 0,
    /* Upper-case letters (family names are shown "DUPONT Marie"). */
    UI_TEXT_UPPER = 1 << 1,
    /* Only the console's own signs must be ASCII (--ascii on a UTF-8
     * terminal): "·" -> "-", arrows and triangles -> "<" ">" "^" "v",
     * line drawing -> "|" "-" "+", check marks -> "v" "x", and truncation
     * ends with "~". Letters, accents included, stay as they are. These
     * signs are the messages' decorations; in a name they would be read
     * the same way. */
    UI_TEXT_ASCII_MARKS = 1 << 2,
};

#define UI_TEXT_PLACEHOLDER L'\xFFFD' /* "�" */
#define UI_TEXT_PLACEHOLDER_ASCII L'?'

/* Decodes UTF-8 `in` (NULL counts as "") into display-safe wide text in
 * out[cap] (always NUL-terminated when cap > 0; cut when full). Tab and
 * newline become spaces. Returns the number of wide characters written. */
size_t ui_text_decode(const char *in, wchar_t *out, size_t cap, unsigned flags);

/* UTF-8 `in` (NULL counts as "") as safe terminal text into out[size]:
 * the same characters as ui_text_decode replaces become U+FFFD, tab and
 * newline a space; the result is always valid UTF-8, terminated, and cut
 * between characters when full. Returns out. */
const char *ui_text_terminal(const char *in, char *out, size_t size);
/* The same, written to `f` whatever its length. */
void ui_text_write(FILE *f, const char *in);

/* Decodes one UTF-8 character at p; returns its length (>= 1) and stores the
 * code point, or returns 1 with *cp = -1 for an invalid byte (overlong
 * forms and surrogates included). */
size_t ui_text_utf8_next(const unsigned char *p, long *cp);
/* 1 for what must never reach a terminal raw: an invalid byte (cp < 0), a
 * C0 or C1 control, DEL, a bidirectional override or isolate, a line or
 * paragraph separator. */
int ui_text_unsafe(long cp);

/* Display width of a decoded (safe) string. */
int ui_text_width(const wchar_t *s);

/* Cuts `s` in place so that it takes at most `max_cols` columns, ending
 * with "…" (or "~" with UI_TEXT_ASCII or UI_TEXT_ASCII_MARKS) when
 * something was cut. A double-width
 * character never straddles the limit. Returns the resulting width. */
int ui_text_fit(wchar_t *s, int max_cols, unsigned flags);

/* decode + fit in one call; returns the width. */
int ui_text_prepare(const char *in, int max_cols, unsigned flags, wchar_t *out, size_t cap);

/* Wrapping: how many characters of `s` go on a line of `width` columns,
 * breaking after the last space that fits when there is one (a word longer
 * than the line is cut). At least one character when `s` is not empty. */
size_t ui_text_wrap(const wchar_t *s, int width);

/* `in` (UTF-8) followed by spaces up to `cols` display columns, into
 * out[size] (always terminated; cut when full): printf's "%-10s" counts
 * bytes, so "Qui :" and "Écrit :" would not line up. Returns out. */
const char *ui_text_pad(const char *in, int cols, char *out, size_t size);

/* Collapses runs of spaces into one and trims both ends, in place (strftime's
 * "%e" pads single-digit days: "mercredi  4 novembre"). */
void ui_text_squeeze_spaces(char *s);

#endif
