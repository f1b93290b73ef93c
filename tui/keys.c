/* keys.c - key names <-> key codes (see keys.h). The table below is the one
 * place where names such as "PgUp" meet curses key codes, so the action
 * table, the help screen and a future keymap file all agree. */
#include "keys.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../common/i18n.h"

struct key_name {
    const char *name;
    int codes[UI_KEY_MAX_ALIASES]; /* 0-terminated when fewer */
    const char *display;           /* msgid or symbol shown in help; NULL = name */
    const char *display_ascii;     /* when the terminal cannot show symbols */
};

static const struct key_name key_names[] = {
    {"Left", {UI_KEY_CURSES(KEY_LEFT)}, "←", N_("Left")},
    {"Right", {UI_KEY_CURSES(KEY_RIGHT)}, "→", N_("Right")},
    {"Up", {UI_KEY_CURSES(KEY_UP)}, "↑", N_("Up")},
    {"Down", {UI_KEY_CURSES(KEY_DOWN)}, "↓", N_("Down")},
    {"PgUp", {UI_KEY_CURSES(KEY_PPAGE)}, N_("PgUp"), N_("PgUp")},
    {"PgDn", {UI_KEY_CURSES(KEY_NPAGE)}, N_("PgDn"), N_("PgDn")},
    {"Home", {UI_KEY_CURSES(KEY_HOME)}, N_("Home"), N_("Home")},
    {"End", {UI_KEY_CURSES(KEY_END)}, N_("End"), N_("End")},
    {"Insert", {UI_KEY_CURSES(KEY_IC)}, N_("Insert"), N_("Insert")},
    {"Delete", {UI_KEY_CURSES(KEY_DC)}, N_("Delete"), N_("Delete")},
    {"Backspace", {UI_KEY_CURSES(KEY_BACKSPACE), 127, 8}, N_("Backspace"), N_("Backspace")},
    {"Enter", {'\r', '\n', UI_KEY_CURSES(KEY_ENTER)}, N_("Enter"), N_("Enter")},
    {"Tab", {'\t'}, N_("Tab"), N_("Tab")},
    {"BTab", {UI_KEY_CURSES(KEY_BTAB)}, N_("Shift-Tab"), N_("Shift-Tab")},
    {"Esc", {UI_KEY_ESC}, N_("Esc"), N_("Esc")},
    {"Space", {' '}, N_("Space"), N_("Space")},
};

int ui_key_for_fkey(int n)
{
    return UI_KEY_CURSES(KEY_F(n));
}

int ui_key_fkey_number(int key)
{
    for (int n = 1; n <= 12; n++)
        if (key == ui_key_for_fkey(n))
            return n;
    return 0;
}

/* Decodes exactly one UTF-8 character making up all of `s`; -1 otherwise.
 * Done by hand so that key names do not depend on the locale. */
static int one_utf8_char(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int len, cp;
    if (p[0] < 0x80) {
        len = 1;
        cp = p[0];
    } else if ((p[0] & 0xE0) == 0xC0) {
        len = 2;
        cp = p[0] & 0x1F;
    } else if ((p[0] & 0xF0) == 0xE0) {
        len = 3;
        cp = p[0] & 0x0F;
    } else if ((p[0] & 0xF8) == 0xF0) {
        len = 4;
        cp = p[0] & 0x07;
    } else {
        return -1;
    }
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (p[len] != '\0')
        return -1;
    static const int min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    return cp;
}

int ui_key_parse(const char *name, int codes[UI_KEY_MAX_ALIASES])
{
    if (!name || !name[0])
        return 0;
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
        if (strcmp(name, key_names[i].name) != 0)
            continue;
        int n = 0;
        while (n < UI_KEY_MAX_ALIASES && key_names[i].codes[n]) {
            codes[n] = key_names[i].codes[n];
            n++;
        }
        return n;
    }
    if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
        char *end;
        long n = strtol(name + 1, &end, 10);
        if (*end == '\0' && n >= 1 && n <= 12) {
            codes[0] = ui_key_for_fkey((int)n);
            return 1;
        }
        return 0;
    }
    if (name[0] == '^' && name[1] && !name[2]) {
        int c = name[1];
        if (c >= 'a' && c <= 'z')
            c -= 'a' - 'A';
        if (c >= 'A' && c <= 'Z') {
            codes[0] = c - 'A' + 1;
            return 1;
        }
        return 0;
    }
    int cp = one_utf8_char(name);
    /* Control characters have names (Tab, ^L...); space is "Space" so that
     * a key list can be split on spaces. */
    if (cp <= ' ' || cp == 127)
        return 0;
    codes[0] = cp;
    return 1;
}

const char *ui_key_display_name(const char *name, int ascii)
{
    for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
        if (strcmp(name, key_names[i].name) != 0)
            continue;
        const char *d = ascii ? key_names[i].display_ascii : key_names[i].display;
        /* Arrow symbols are not msgids; the rest are. */
        if ((unsigned char)d[0] >= 0x80)
            return d;
        return _(d);
    }
    return name;
}
