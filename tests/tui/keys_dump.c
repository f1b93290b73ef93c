/* keys_dump.c - prints every screen's key table (tui/keytables.c) for the
 * screen tests, one row a line, tab-separated:
 *   table  action  F-key(0: none)  keys  bar label  writes(0/1)  help
 * The common rows a table includes are printed with it. The generic key
 * test (tests/screen/every_key.sh) reads this, so a screen added to
 * ui_keytables[] is covered (or reported as unreachable) without editing
 * the test's key lists. Labels and help in English (msgids). */
#include <stdio.h>

#include "../../tui/actions.h"

struct ctx {
    const char *table;
};

static void row(const struct ui_binding *r, void *p)
{
    const struct ctx *c = p;
    printf("%s\t%s\t%d\t%s\t%s\t%d\t%s\n", c->table, ui_action_name(r->action), r->fkey,
           r->keys ? r->keys : "", r->label ? r->label : "",
           (r->flags & UI_ACTF_WRITES) ? 1 : 0, r->help ? r->help : "");
}

int main(void)
{
    for (int i = 0; ui_keytables[i]; i++) {
        struct ctx c = {ui_keytables[i]->name};
        ui_keytable_each(ui_keytables[i], row, &c);
    }
    return 0;
}
