/* actions.c - the action table turned into data: lookup by name, the key
 * bindings built from the table's key names, and the key lists shown in the
 * help screen. The bindings are a small array searched linearly: about forty
 * entries, searched once per key press. */
#include "actions.h"

#include <stdio.h>
#include <string.h>

static const struct ui_action_info action_table[] = {
    {UI_ACT_NONE, "none", 0, "", NULL, "", UI_GROUP_GENERAL, 0},
#define UI_ACTION_ROW(id, name, fkey, keys, label, help, group, flags) \
    {id, name, fkey, keys, label, help, group, flags},
    UI_ACTIONS(UI_ACTION_ROW)
#undef UI_ACTION_ROW
};

enum { MAX_BINDINGS = 128 };

struct binding {
    int key;
    enum ui_action action;
};

static struct binding bindings[MAX_BINDINGS];
static size_t binding_count;

const struct ui_action_info *ui_action_info(enum ui_action a)
{
    if (a <= UI_ACT_NONE || a >= UI_ACT_COUNT)
        return NULL;
    return &action_table[a];
}

enum ui_action ui_action_by_name(const char *name)
{
    for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++)
        if (strcmp(action_table[a].name, name) == 0)
            return (enum ui_action)a;
    return UI_ACT_NONE;
}

static int bind_key(int key, enum ui_action a, const char *keyname, char *errbuf,
                    size_t errsize)
{
    for (size_t i = 0; i < binding_count; i++) {
        if (bindings[i].key == key) {
            snprintf(errbuf, errsize, _("key %s is bound to both %s and %s"), keyname,
                     action_table[bindings[i].action].name, action_table[a].name);
            return -1;
        }
    }
    if (binding_count == MAX_BINDINGS) {
        snprintf(errbuf, errsize, "%s", _("too many key bindings"));
        return -1;
    }
    bindings[binding_count].key = key;
    bindings[binding_count].action = a;
    binding_count++;
    return 0;
}

int ui_actions_init(char *errbuf, size_t errsize)
{
    binding_count = 0;
    for (int a = UI_ACT_NONE + 1; a < UI_ACT_COUNT; a++) {
        const struct ui_action_info *info = &action_table[a];
        if (info->fkey) {
            char name[8];
            snprintf(name, sizeof name, "F%d", info->fkey);
            if (bind_key(ui_key_for_fkey(info->fkey), info->id, name, errbuf, errsize))
                return -1;
        }
        /* Split the key list on spaces. */
        const char *p = info->keys;
        while (*p) {
            while (*p == ' ')
                p++;
            size_t len = strcspn(p, " ");
            if (len == 0)
                break;
            char name[UI_KEY_NAME_LEN];
            if (len >= sizeof name) {
                snprintf(errbuf, errsize, _("action %s: key name too long"), info->name);
                return -1;
            }
            memcpy(name, p, len);
            name[len] = '\0';
            int codes[UI_KEY_MAX_ALIASES];
            int n = ui_key_parse(name, codes);
            if (n == 0) {
                snprintf(errbuf, errsize, _("action %s: unknown key name \"%s\""), info->name,
                         name);
                return -1;
            }
            for (int i = 0; i < n; i++)
                if (bind_key(codes[i], info->id, name, errbuf, errsize))
                    return -1;
            p += len;
        }
    }
    return 0;
}

enum ui_action ui_action_for_key(int key)
{
    for (size_t i = 0; i < binding_count; i++)
        if (bindings[i].key == key)
            return bindings[i].action;
    return UI_ACT_NONE;
}

const char *ui_action_group_title(enum ui_action_group g)
{
    switch (g) {
    case UI_GROUP_MOVE: return _("Moving around");
    case UI_GROUP_DAYS: return _("Days");
    case UI_GROUP_APPOINTMENTS: return _("Appointments");
    case UI_GROUP_GENERAL: return _("General");
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

void ui_action_keys_text(enum ui_action a, int ascii, char *buf, size_t size)
{
    if (size == 0)
        return;
    buf[0] = '\0';
    const struct ui_action_info *info = ui_action_info(a);
    if (!info)
        return;
    if (info->fkey) {
        char f[8];
        snprintf(f, sizeof f, "F%d", info->fkey);
        append_word(buf, size, f);
    }
    const char *p = info->keys;
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
