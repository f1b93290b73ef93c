/* form_edit.c - one line of editable UTF-8 text (struct ui_edit, form.h):
 * insertion at a cursor kept on character boundaries, erasing by
 * character, the line-editing keys, and the refusal of what a person must
 * not type into a record (control characters, escapes, C1 controls, bidi
 * overrides: model/text.h rules). No curses here, so the logic is
 * unit-tested without a terminal; form.c draws it (ui_edit_draw). */
#include "form.h"

#include <string.h>

#include "../model/text.h"
#include "keys.h"

/* ---- UTF-8 ------------------------------------------------------------- */

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
static size_t seq_len(unsigned char c)
{
    if (c < 0x80)
        return 1;
    if ((c & 0xE0) == 0xC0)
        return 2;
    if ((c & 0xF0) == 0xE0)
        return 3;
    if ((c & 0xF8) == 0xF0)
        return 4;
    return 1;
}

size_t ui_edit_encode(int cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes one character of valid-or-not UTF-8; returns its length and the
 * code point in *cp (-1 for an invalid sequence). */
static size_t decode_utf8(const char *s, size_t avail, int *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = seq_len(p[0]);
    if (n > avail || (n == 1 && p[0] >= 0x80)) {
        *cp = -1;
        return 1;
    }
    if (n == 1) {
        *cp = p[0];
        return 1;
    }
    int c = p[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    static const int min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < min_for_len[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = -1;
        return n;
    }
    *cp = c;
    return n;
}

/* 1 when a person may type this character into a one-line field: the same
 * rules as model/text.h (no control, C1, bidi override). */
static int typeable(int cp)
{
    if (cp < 0x20 || cp == 0x7F || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    char buf[5];
    size_t n = ui_edit_encode(cp, buf);
    buf[n] = '\0';
    return text_validate(buf, 1, 0) == TEXT_OK;
}

/* ---- struct ui_edit ------------------------------------------------------ */

static size_t char_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static void ui_edit_set_text(struct ui_edit *e, const char *utf8)
{
    e->len = 0;
    e->cursor = 0;
    e->text[0] = '\0';
    if (!utf8)
        return;
    size_t avail = strlen(utf8);
    size_t i = 0;
    while (i < avail) {
        int cp;
        size_t n = decode_utf8(utf8 + i, avail - i, &cp);
        i += n;
        if (cp == '\r')
            continue;
        if ((cp == '\n' && !e->multiline) || cp == '\t')
            cp = ' '; /* one line: a note's line breaks become spaces */
        if (cp < 0 || (!typeable(cp) && !(cp == '\n' && e->multiline)))
            continue;
        if (ui_edit_insert(e, cp) != 0)
            break;
    }
}

void ui_edit_set(struct ui_edit *e, const char *utf8, size_t max_chars)
{
    e->multiline = 0;
    e->max_chars = max_chars;
    ui_edit_set_text(e, utf8);
}

void ui_edit_set_lines(struct ui_edit *e, const char *utf8, size_t max_chars)
{
    e->multiline = 1;
    e->max_chars = max_chars;
    ui_edit_set_text(e, utf8);
}

int ui_edit_fits(const struct ui_edit *e, int codepoint)
{
    char enc[4];
    size_t n = ui_edit_encode(codepoint, enc);
    if (e->len + n >= sizeof e->text)
        return 0;
    return !e->max_chars || char_count(e->text, e->len) < e->max_chars;
}

size_t ui_edit_limit(const struct ui_edit *e)
{
    return e->max_chars ? e->max_chars : char_count(e->text, e->len);
}

int ui_edit_insert(struct ui_edit *e, int codepoint)
{
    if (!(e->multiline && codepoint == '\n' ? 1 : typeable(codepoint)) || !ui_edit_fits(e, codepoint))
        return -1;
    char enc[4];
    size_t n = ui_edit_encode(codepoint, enc);
    memmove(e->text + e->cursor + n, e->text + e->cursor, e->len - e->cursor + 1);
    memcpy(e->text + e->cursor, enc, n);
    e->len += n;
    e->cursor += n;
    return 0;
}

/* Byte offset of the character before `pos`. */
static size_t prev_char(const struct ui_edit *e, size_t pos)
{
    if (pos == 0)
        return 0;
    pos--;
    while (pos > 0 && ((unsigned char)e->text[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

static size_t next_char(const struct ui_edit *e, size_t pos)
{
    if (pos >= e->len)
        return e->len;
    pos++;
    while (pos < e->len && ((unsigned char)e->text[pos] & 0xC0) == 0x80)
        pos++;
    return pos;
}

/* Removes bytes [from, to). */
static void erase_range(struct ui_edit *e, size_t from, size_t to)
{
    memmove(e->text + from, e->text + to, e->len - to + 1);
    e->len -= to - from;
    if (e->cursor > to)
        e->cursor -= to - from;
    else if (e->cursor > from)
        e->cursor = from;
}

int ui_edit_backspace(struct ui_edit *e)
{
    if (e->cursor == 0)
        return 0;
    erase_range(e, prev_char(e, e->cursor), e->cursor);
    return 1;
}

int ui_edit_delete(struct ui_edit *e)
{
    if (e->cursor >= e->len)
        return 0;
    erase_range(e, e->cursor, next_char(e, e->cursor));
    return 1;
}

int ui_edit_clear(struct ui_edit *e)
{
    if (e->len == 0)
        return 0;
    e->len = 0;
    e->cursor = 0;
    e->text[0] = '\0';
    return 1;
}

int ui_edit_kill_to_end(struct ui_edit *e)
{
    if (e->cursor >= e->len)
        return 0;
    e->len = e->cursor;
    e->text[e->len] = '\0';
    return 1;
}

/* ^W: the spaces before the cursor, then the word before them. */
static int erase_word_before(struct ui_edit *e)
{
    size_t p = e->cursor;
    while (p > 0 && e->text[p - 1] == ' ')
        p--;
    while (p > 0 && e->text[p - 1] != ' ')
        p = prev_char(e, p);
    if (p == e->cursor)
        return 0;
    erase_range(e, p, e->cursor);
    return 1;
}

void ui_edit_left(struct ui_edit *e)
{
    e->cursor = prev_char(e, e->cursor);
}

void ui_edit_right(struct ui_edit *e)
{
    e->cursor = next_char(e, e->cursor);
}

void ui_edit_home(struct ui_edit *e)
{
    e->cursor = 0;
}

void ui_edit_end(struct ui_edit *e)
{
    e->cursor = e->len;
}

size_t ui_edit_cursor_chars(const struct ui_edit *e)
{
    return char_count(e->text, e->cursor);
}

int ui_edit_key(struct ui_edit *e, int key, int *changed)
{
    int dummy;
    if (!changed)
        changed = &dummy;
    *changed = 0;
    switch (key) {
    case UI_KEY_CURSES(KEY_BACKSPACE):
    case 127:
    case 8:
        *changed = ui_edit_backspace(e);
        return 1;
    case UI_KEY_CURSES(KEY_DC):
    case 4: /* ^D */
        *changed = ui_edit_delete(e);
        return 1;
    case UI_KEY_CURSES(KEY_LEFT):
    case 2: /* ^B */
        ui_edit_left(e);
        return 1;
    case UI_KEY_CURSES(KEY_RIGHT):
    case 6: /* ^F */
        ui_edit_right(e);
        return 1;
    case UI_KEY_CURSES(KEY_HOME):
    case 1: /* ^A */
        ui_edit_home(e);
        return 1;
    case UI_KEY_CURSES(KEY_END):
    case 5: /* ^E */
        ui_edit_end(e);
        return 1;
    case 21: /* ^U */
        *changed = ui_edit_clear(e);
        return 1;
    case 11: /* ^K */
        *changed = ui_edit_kill_to_end(e);
        return 1;
    case 23: /* ^W */
        *changed = erase_word_before(e);
        return 1;
    default:
        break;
    }
    if (key >= 0x20 && key < UI_KEY_CURSES_BASE && key != 0x7F) {
        *changed = ui_edit_insert(e, key) == 0;
        return 1; /* a refused character is still "typing" */
    }
    return 0;
}
