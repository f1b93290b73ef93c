/* frontdesk.h - storage for the front desk's daily work (issue 3): people
 * search and edits, appointment changes with version checks, absences,
 * what the slot finder needs. Included by storage.h; part of its face. */
#ifndef GUICHET_STORAGE_FRONTDESK_H
#define GUICHET_STORAGE_FRONTDESK_H

#endif
