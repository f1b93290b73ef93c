/* paths.c - where guichet finds its data. Paths are relative to the
 * executable so that the same binary runs from the source tree (./guichet,
 * build/locale, themes/) and once installed (PREFIX/bin, PREFIX/share/...). */
#include "cli.h"

#include <libintl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef THEMEDIR
#define THEMEDIR "/usr/local/share/guichet/themes"
#endif

static char exe_dir[PATH_MAX];

static const char *exe_directory(void)
{
    if (exe_dir[0])
        return exe_dir;
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) {
        strcpy(exe_dir, ".");
        return exe_dir;
    }
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    snprintf(exe_dir, sizeof exe_dir, "%s", buf[0] ? buf : "/");
    return exe_dir;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

void cli_i18n_init(void)
{
    static char dir[PATH_MAX + 32];
    const char *exe = exe_directory();
    const char *candidates[] = {"%s/../share/locale", "%s/build/locale", NULL};
    const char *chosen = LOCALEDIR;
    for (int i = 0; candidates[i]; i++) {
        char probe[PATH_MAX + 64];
        snprintf(dir, sizeof dir, candidates[i], exe);
        snprintf(probe, sizeof probe, "%s/fr/LC_MESSAGES/guichet.mo", dir);
        if (access(probe, R_OK) == 0) {
            chosen = dir;
            break;
        }
    }
    bindtextdomain("guichet", chosen);
    bind_textdomain_codeset("guichet", "UTF-8");
    textdomain("guichet");
}

const char *const *cli_theme_dirs(void)
{
    static char personal[PATH_MAX + 64], installed[PATH_MAX + 64], tree[PATH_MAX + 64];
    static const char *dirs[5];
    int n = 0;
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg && xdg[0])
        snprintf(personal, sizeof personal, "%s/guichet/themes", xdg);
    else if (home && home[0])
        snprintf(personal, sizeof personal, "%s/.config/guichet/themes", home);
    if (personal[0] && is_dir(personal))
        dirs[n++] = personal;
    snprintf(installed, sizeof installed, "%s/../share/guichet/themes", exe_directory());
    if (is_dir(installed))
        dirs[n++] = installed;
    snprintf(tree, sizeof tree, "%s/themes", exe_directory());
    if (is_dir(tree))
        dirs[n++] = tree;
    if (n == 0)
        dirs[n++] = THEMEDIR;
    dirs[n] = NULL;
    return dirs;
}

int cli_config_path(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    int n;
    if (xdg && xdg[0])
        n = snprintf(buf, size, "%s/guichet/config", xdg);
    else if (home && home[0])
        n = snprintf(buf, size, "%s/.config/guichet/config", home);
    else
        return -1;
    return (n < 0 || (size_t)n >= size) ? -1 : 0;
}
