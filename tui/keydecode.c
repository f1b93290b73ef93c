/* keydecode.c - terminal key sequences to keys (see keydecode.h). The
 * tables follow the terminals' own documentation: xterm's ctlseqs ("PC-
 * Style Function Keys", "VT220-Style"), PuTTY's manual (section 4.4.3, "The
 * Function Keys and Keypad": ESC[n~, Linux, SCO, VT100+ modes), the Linux
 * console's console_codes(4), rxvt's key reference. */
#include "keydecode.h"

#include <curses.h>
#include <stdlib.h>

enum { ST_IDLE, ST_ESC, ST_CSI, ST_CSI_LINUX, ST_SS3 };

#define CK(k) UI_KEY_CURSES(k)

void ui_keydec_reset(struct ui_keydec *d)
{
    d->state = ST_IDLE;
    d->len = 0;
    d->queued = 0;
}

int ui_keydec_pop(struct ui_keydec *d)
{
    int k = d->queued;
    d->queued = 0;
    return k ? k : UI_KEYDEC_MORE;
}

int ui_keydec_waiting(const struct ui_keydec *d)
{
    if (d->state == ST_IDLE)
        return 0;
    return d->state == ST_ESC ? 1 : 2;
}

static int done(struct ui_keydec *d, int key)
{
    ui_keydec_reset(d);
    return key;
}

/* The first number of the parameters, or -1 when there is none. */
static int first_param(const struct ui_keydec *d)
{
    if (d->len == 0 || d->buf[0] < '0' || d->buf[0] > '9')
        return -1;
    int n = 0;
    for (int i = 0; i < d->len && d->buf[i] >= '0' && d->buf[i] <= '9' && n < 1000; i++)
        n = n * 10 + (d->buf[i] - '0');
    return n;
}

/* "ESC [ n ~" (and rxvt's $ ^ @ endings). */
static int tilde_key(int n)
{
    switch (n) {
    case 1: case 7: return CK(KEY_HOME);
    case 2: return CK(KEY_IC);
    case 3: return CK(KEY_DC);
    case 4: case 8: return CK(KEY_END);
    case 5: return CK(KEY_PPAGE);
    case 6: return CK(KEY_NPAGE);
    case 11: case 12: case 13: case 14: case 15: return ui_key_for_fkey(n - 10);
    case 17: case 18: case 19: case 20: case 21: return ui_key_for_fkey(n - 11);
    case 23: case 24: return ui_key_for_fkey(n - 12);
    default: return UI_KEYDEC_SWALLOWED;
    }
}

static int csi_key(const struct ui_keydec *d, int final)
{
    int has_params = d->len > 0;
    switch (final) {
    case 'A': return CK(KEY_UP);
    case 'B': return CK(KEY_DOWN);
    case 'C': return CK(KEY_RIGHT);
    case 'D': return CK(KEY_LEFT);
    case 'H': return CK(KEY_HOME);
    case 'F': return CK(KEY_END);
    case 'Z': return CK(KEY_BTAB);
    case '~': case '$': case '^': case '@':
        return tilde_key(first_param(d));
    default: break;
    }
    if (has_params) {
        /* xterm: F1-F4 with a modifier, "ESC [ 1 ; 2 P". */
        if (final >= 'P' && final <= 'S')
            return ui_key_for_fkey(final - 'P' + 1);
        return UI_KEYDEC_SWALLOWED;
    }
    /* PuTTY's SCO mode. */
    if (final >= 'M' && final <= 'X')
        return ui_key_for_fkey(final - 'M' + 1);
    switch (final) {
    case 'G': return CK(KEY_NPAGE);
    case 'I': return CK(KEY_PPAGE);
    case 'L': return CK(KEY_IC);
    default: return UI_KEYDEC_SWALLOWED;
    }
}

static int ss3_key(int final)
{
    switch (final) {
    case 'A': return CK(KEY_UP);
    case 'B': return CK(KEY_DOWN);
    case 'C': return CK(KEY_RIGHT);
    case 'D': return CK(KEY_LEFT);
    case 'H': return CK(KEY_HOME);
    case 'F': return CK(KEY_END);
    case 'P': case 'Q': case 'R': case 'S': return ui_key_for_fkey(final - 'P' + 1);
    case 'M': return '\r';
    case 'j': return '*';
    case 'k': return '+';
    case 'l': return ',';
    case 'm': return '-';
    case 'n': return '.';
    case 'o': return '/';
    case 'X': return '=';
    default: break;
    }
    if (final >= 'p' && final <= 'y')
        return '0' + (final - 'p');
    return UI_KEYDEC_SWALLOWED;
}

static void keep(struct ui_keydec *d, int ch)
{
    if (d->len < UI_KEYDEC_SEQ_MAX)
        d->buf[d->len] = (char)ch;
    if (d->len <= UI_KEYDEC_SEQ_MAX)
        d->len++;
}

int ui_keydec_feed(struct ui_keydec *d, int ch)
{
    switch (d->state) {
    case ST_IDLE:
        if (ch == UI_KEY_ESC) {
            d->state = ST_ESC;
            d->len = 0;
            return UI_KEYDEC_MORE;
        }
        return ch;
    case ST_ESC:
        if (ch == '[') {
            d->state = ST_CSI;
            return UI_KEYDEC_MORE;
        }
        if (ch == 'O') {
            d->state = ST_SS3;
            return UI_KEYDEC_MORE;
        }
        if (ch == UI_KEY_ESC)
            return UI_KEY_ESC; /* the first one; the second waits */
        if (ch >= '0' && ch <= '9')
            return done(d, UI_KEY_ALT_DIGIT(ch - '0'));
        /* Esc then a key, arrived together: both, in order. */
        ui_keydec_reset(d);
        d->queued = ch;
        return UI_KEY_ESC;
    case ST_CSI:
        if (ch == '[' && d->len == 0) {
            d->state = ST_CSI_LINUX;
            return UI_KEYDEC_MORE;
        }
        if (ch == '$' && d->len > 0) /* rxvt: "ESC [ 2 $" ends there */
            return done(d, csi_key(d, ch));
        if (ch >= 0x20 && ch <= 0x3F) {
            keep(d, ch); /* past SEQ_MAX: still read to its end, then dropped */
            return UI_KEYDEC_MORE;
        }
        if (ch >= 0x40 && ch <= 0x7E) {
            int k = d->len > UI_KEYDEC_SEQ_MAX ? UI_KEYDEC_SWALLOWED : csi_key(d, ch);
            return done(d, k);
        }
        return done(d, UI_KEYDEC_SWALLOWED); /* broken: drop it all */
    case ST_CSI_LINUX:
        if (ch >= 'A' && ch <= 'E')
            return done(d, ui_key_for_fkey(ch - 'A' + 1));
        return done(d, UI_KEYDEC_SWALLOWED);
    case ST_SS3:
        if ((ch >= '0' && ch <= '9') || ch == ';') { /* old xterm modifiers */
            keep(d, ch);
            if (d->len > UI_KEYDEC_SEQ_MAX)
                return done(d, UI_KEYDEC_SWALLOWED);
            return UI_KEYDEC_MORE;
        }
        if (ch >= 0x40 && ch <= 0x7E)
            return done(d, ss3_key(ch));
        return done(d, UI_KEYDEC_SWALLOWED);
    }
    return done(d, UI_KEYDEC_SWALLOWED);
}

int ui_keydec_timeout(struct ui_keydec *d)
{
    int was_esc = d->state == ST_ESC;
    ui_keydec_reset(d);
    return was_esc ? UI_KEY_ESC : UI_KEYDEC_SWALLOWED;
}

int ui_keydec_string(const char *bytes, int *out, int max)
{
    struct ui_keydec d = {0};
    int n = 0;
    const unsigned char *p = (const unsigned char *)bytes;
    while (*p && n < max) {
        int cp = *p++;
        if (cp >= 0xC0) { /* UTF-8: enough for tests */
            int extra = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
            cp &= 0x3F >> extra;
            while (extra-- && (*p & 0xC0) == 0x80)
                cp = (cp << 6) | (*p++ & 0x3F);
        }
        int k = ui_keydec_feed(&d, cp);
        if (k >= 0)
            out[n++] = k;
        if (k >= 0 && n < max && (k = ui_keydec_pop(&d)) >= 0)
            out[n++] = k;
    }
    if (n < max && ui_keydec_waiting(&d)) {
        int k = ui_keydec_timeout(&d);
        if (k >= 0)
            out[n++] = k;
    }
    return n;
}
