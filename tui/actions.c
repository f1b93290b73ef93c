/* actions.c - verbs by name, key lookup in a screen's table, the table
 * checks run by the tests, and the key lists shown in the help screen.
 * Lookup parses the rows' key names on each key press: a table has a few
 * dozen rows, so this costs microseconds and keeps no state to go stale. */
#include "actions.h"

#include <stdio.h>
#include <string.h>

static const char *const verb_names[] = {
    "",
#define UI_VERB_NAME(id, name) name,
    UI_VERBS(UI_VERB_NAME)
#undef UI_VERB_NAME
};

const char *ui_action_name(enum ui_action a)
{
    if (a <= UI_ACT_NONE || a >= UI_ACT_COUNT)
        return "";
    return verb_names[a];
}

enum ui_action ui_action_by_name(const char *name)
{
    for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++)
        if (strcmp(verb_names[a], name) == 0)
            return (enum ui_action)a;
    return UI_ACT_NONE;
}

/* Calls fn for each key code of a row's key list; stops and returns -1 at
 * a name that does not parse (its text in bad, when given). */
static int each_code(const struct ui_binding *row, int (*fn)(int code, void *ctx), void *ctx,
                     char *bad, size_t badsize)
{
    if (row->fkey && fn(ui_key_for_fkey(row->fkey), ctx))
        return 1;
    const char *p = row->keys ? row->keys : "";
    while (*p) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len == 0)
            break;
        char name[UI_KEY_NAME_LEN];
        int codes[UI_KEY_MAX_ALIASES];
        int n = 0;
        if (len < sizeof name) {
            memcpy(name, p, len);
            name[len] = '\0';
            n = ui_key_parse(name, codes);
        }
        if (n == 0) {
            if (bad)
                snprintf(bad, badsize, "%.*s", (int)len, p);
            return -1;
        }
        for (int i = 0; i < n; i++)
            if (fn(codes[i], ctx))
                return 1;
        p += len;
    }
    return 0;
}

static int same_code(int code, void *ctx)
{
    return code == *(int *)ctx;
}

static int row_has_key(const struct ui_binding *row, int key)
{
    return each_code(row, same_code, &key, NULL, 0) == 1;
}

/* A key that is text when a text field has the cursor. */
static int is_text_key(int key)
{
    return key >= ' ' && key != 127 && key < UI_KEY_CURSES_BASE;
}

static const struct ui_binding *find_in(const struct ui_keytable *t, enum ui_action action)
{
    for (size_t i = 0; i < t->count; i++)
        if (t->rows[i].action == action)
            return &t->rows[i];
    return NULL;
}

/* A common row the screen did not replace with its own. */
static int common_row_applies(const struct ui_keytable *t, const struct ui_binding *row)
{
    return t != &ui_keys_common && t->include_common && !find_in(t, row->action);
}

const struct ui_binding *ui_keytable_lookup(const struct ui_keytable *t, int key, int typing)
{
    if (!t || (typing && is_text_key(key)))
        return NULL;
    for (size_t i = 0; i < t->count; i++)
        if (row_has_key(&t->rows[i], key))
            return &t->rows[i];
    for (size_t i = 0; i < ui_keys_common.count; i++)
        if (common_row_applies(t, &ui_keys_common.rows[i]) &&
            row_has_key(&ui_keys_common.rows[i], key))
            return &ui_keys_common.rows[i];
    return NULL;
}

const struct ui_binding *ui_keytable_find(const struct ui_keytable *t, enum ui_action action)
{
    if (!t)
        return NULL;
    const struct ui_binding *r = find_in(t, action);
    if (r || !t->include_common)
        return r;
    return find_in(&ui_keys_common, action);
}

void ui_keytable_each(const struct ui_keytable *t,
                      void (*fn)(const struct ui_binding *row, void *ctx), void *ctx)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++)
        fn(&t->rows[i], ctx);
    for (size_t i = 0; i < ui_keys_common.count; i++)
        if (common_row_applies(t, &ui_keys_common.rows[i]))
            fn(&ui_keys_common.rows[i], ctx);
}

struct check_ctx {
    const struct ui_keytable *table;
    const struct ui_binding *row;
    int codes[256];
    const struct ui_binding *owners[256];
    size_t n;
    char *errbuf;
    size_t errsize;
    int failed;
};

static int collect(int code, void *p)
{
    struct check_ctx *c = p;
    for (size_t i = 0; i < c->n; i++) {
        if (c->codes[i] == code && c->owners[i] != c->row) {
            snprintf(c->errbuf, c->errsize, "%s: key %d is bound to both %s and %s",
                     c->table->name, code, ui_action_name(c->owners[i]->action),
                     ui_action_name(c->row->action));
            c->failed = 1;
            return 1;
        }
    }
    if (c->n < sizeof c->codes / sizeof c->codes[0]) {
        c->codes[c->n] = code;
        c->owners[c->n] = c->row;
        c->n++;
    }
    return 0;
}

static void check_row(const struct ui_binding *row, void *p)
{
    struct check_ctx *c = p;
    if (c->failed)
        return;
    if (row->action <= UI_ACT_NONE || row->action >= UI_ACT_COUNT || !row->help ||
        !row->help[0] || (row->fkey && !row->label) || row->fkey < 0 || row->fkey > 12 ||
        (!row->fkey && !(row->keys && row->keys[0]))) {
        snprintf(c->errbuf, c->errsize, "%s: row %s lacks a help line, a key or a label",
                 c->table->name, ui_action_name(row->action));
        c->failed = 1;
        return;
    }
    c->row = row;
    char bad[UI_KEY_NAME_LEN + 8] = "";
    if (each_code(row, collect, c, bad, sizeof bad) < 0 && !c->failed) {
        snprintf(c->errbuf, c->errsize, "%s: action %s: unknown key name \"%s\"",
                 c->table->name, ui_action_name(row->action), bad);
        c->failed = 1;
    }
}

int ui_keytable_check(const struct ui_keytable *t, char *errbuf, size_t errsize)
{
    struct check_ctx c;
    memset(&c, 0, sizeof c);
    c.table = t;
    c.errbuf = errbuf;
    c.errsize = errsize;
    ui_keytable_each(t, check_row, &c);
    return c.failed ? -1 : 0;
}

const char *ui_action_group_title(enum ui_action_group g)
{
    switch (g) {
    case UI_GROUP_MOVE: return _("Moving around");
    case UI_GROUP_DAYS: return _("Days");
    case UI_GROUP_APPOINTMENTS: return _("Appointments");
    case UI_GROUP_GENERAL: return _("General");
    case UI_GROUP_EDITING: return _("Typing");
    case UI_GROUP_LOANS: return _("Room loans");
    case UI_GROUP_COUNT: break;
    }
    return "";
}

/* Appends `word` to buf with a separating space; stops when full. */
static void append_word(char *buf, size_t size, const char *word)
{
    size_t len = strlen(buf);
    if (len + 1 >= size)
        return;
    snprintf(buf + len, size - len, "%s%s", len ? " " : "", word);
}

void ui_binding_keys_text(const struct ui_binding *row, int ascii, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    if (!row)
        return;
    if (row->fkey) {
        char f[8];
        snprintf(f, sizeof f, "F%d", row->fkey);
        append_word(buf, size, f);
    }
    const char *p = row->keys ? row->keys : "";
    while (*p) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        if (len == 0)
            break;
        char name[UI_KEY_NAME_LEN];
        if (len < sizeof name) {
            memcpy(name, p, len);
            name[len] = '\0';
            append_word(buf, size, ui_key_display_name(name, ascii));
        }
        p += len;
    }
}
