/* dialog.c - what the dialogs share: a centred framed window recreated
 * when the screen size changes, and scroll arithmetic. */
#include "dialogs.h"

#include "draw.h"
#include "theme.h"

WINDOW *ui_dialog_window(WINDOW **win, int rows, int cols, const char *title)
{
    /* Leave the status line and the F-key bar visible: they tell how to
     * get out (a dialog over the status line left its first letter). */
    int max_rows = LINES - 2;
    int max_cols = COLS - 2;
    if (rows > max_rows)
        rows = max_rows;
    if (cols > max_cols)
        cols = max_cols;
    if (rows < 3)
        rows = 3;
    if (cols < 10)
        cols = 10;
    int y = (LINES - 2 - rows) / 2;
    int x = (COLS - cols) / 2;
    if (y < 0)
        y = 0;
    if (x < 0)
        x = 0;
    if (*win) {
        int cy, cx, ch, cw;
        getbegyx(*win, cy, cx);
        getmaxyx(*win, ch, cw);
        if (cy != y || cx != x || ch != rows || cw != cols) {
            delwin(*win);
            *win = NULL;
        }
    }
    if (!*win) {
        *win = newwin(rows, cols, y, x);
        if (!*win)
            return NULL;
        keypad(*win, TRUE);
    }
    attr_t attr = ui_theme_attr(THEME_DIALOG);
    wbkgdset(*win, ' ' | attr);
    werase(*win);
    ui_draw_frame(*win, attr, title, ui_theme_attr(THEME_DIALOG_TITLE));
    return *win;
}

void ui_dialog_scroll_to(int *top, int line, int height, int count)
{
    if (height < 1)
        height = 1;
    if (line < *top)
        *top = line;
    if (line >= *top + height)
        *top = line - height + 1;
    if (*top > count - height)
        *top = count - height;
    if (*top < 0)
        *top = 0;
}
