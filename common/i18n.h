/* i18n.h - the one place where translatable strings are marked.
 *
 * _() translates now, N_() only marks a string for xgettext (tables of
 * static strings translated at display time). The catalogue is bound by
 * cli/main.c (i18n_init); every layer that produces text for a person uses
 * these macros, model/ included for the few names it owns (holidays). */
#ifndef GUICHET_I18N_H
#define GUICHET_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
