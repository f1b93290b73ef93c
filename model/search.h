/* search.h - finding people as the agent types: folding of names into a
 * search key, phone digits, and classification of a typed query.
 *
 * The same folding builds the key stored with each person and the words of
 * the query, so "helene" finds "Hélène" and "HÉLÈNE", "jean pierre" finds
 * "Jean-Pierre", "dangelo" does not find "D'Angelo" but "d angelo" does.
 * Matching is by word prefix: every word of the query must begin some word of
 * the key ("hel dup" finds "Dupont Hélène"; "upo" finds nothing).
 *
 * Folding: lower case; Latin letters lose their accents (é è ê ë -> e,
 * ç -> c, œ -> oe, æ -> ae, ß -> ss, ... : Latin-1, Latin Extended-A, the
 * Romanian comma-below letters; combining accents dropped); hyphens and
 * dashes, apostrophes (' ’ ‘ ʼ), dots, commas, semicolons, underscores and
 * white space (tab, no-break spaces) separate words: every run of them
 * becomes one space, with no space left at either end. Other characters
 * (digits, other scripts, other punctuation) are kept as they are.
 * Pure C11 + libc. */
#ifndef GUICHET_MODEL_SEARCH_H
#define GUICHET_MODEL_SEARCH_H

#include <stddef.h>

#include "civil.h"

enum {
    SEARCH_KEY_LEN = 256,   /* a folded key or query, NUL included */
    SEARCH_MAX_WORDS = 8,   /* words of a name query; more are ignored */
    SEARCH_WORD_LEN = 64,   /* one folded word, NUL included */
    SEARCH_PHONE_LEN = 32,  /* digits of a phone number, NUL included */
    SEARCH_PHONE_MIN_DIGITS = 4, /* fewer digits: a name query, not a phone */
};

/* Folds `utf8` into `out` (always NUL-terminated when size > 0). Invalid
 * UTF-8 bytes are dropped. Returns 0, or -1 when `out` was too small (it
 * then holds the folded text cut at a character boundary) or an argument is
 * NULL / size 0. */
int search_fold(const char *utf8, char *out, size_t size);

/* Keeps the digits of a phone number: "06 12 34 56 78", "06.12.34.56.78",
 * "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78" and "0033 6 12 34 56 78" all
 * give "0612345678". Another international prefix keeps its digits after
 * "00" ("+32 2 123 45 67" -> "003221234567"). Returns the number of digits
 * written, or -1 when `out` is too small or an argument is NULL. */
int search_phone_digits(const char *text, char *out, size_t size);

enum search_kind {
    SEARCH_EMPTY = 0,   /* nothing typed (only spaces): everyone matches */
    SEARCH_NAME,        /* words, each a prefix of a word of the name key */
    SEARCH_PHONE,       /* digits, spaces and + . - ( ) with >= 4 digits */
    SEARCH_BIRTH_DATE,  /* a full date, "12/03/1980" or "1980-03-12" */
};

struct search_query {
    enum search_kind kind;
    char folded[SEARCH_KEY_LEN];       /* the whole query, folded */
    size_t word_count;                 /* SEARCH_NAME */
    char words[SEARCH_MAX_WORDS][SEARCH_WORD_LEN];
    char phone[SEARCH_PHONE_LEN];      /* SEARCH_PHONE: search_phone_digits */
    struct civil_date birth_date;      /* SEARCH_BIRTH_DATE */
};

/* Classifies what was typed: a birth date first (23/02/1971, 23/02/71,
 * 23021971, 1971-02-23), then phone digits, then name words. Never fails on user
 * input; returns -1 only for NULL arguments. */
int search_query_parse(const char *typed, struct search_query *q);

/* 1 if every word of a SEARCH_NAME query is a prefix of some word of
 * `folded_key` (a search_fold result; several query words may match the
 * same key word), or if the query is SEARCH_EMPTY. 0 otherwise, and for
 * other kinds. */
int search_match_name(const char *folded_key, const struct search_query *q);

/* As search_match_name, but separators inside a name are ignored: each
 * query word may begin at any word start of the key and run on across
 * the key's spaces ("nguyen" finds "n guyen de la tour", "delatour" and
 * "dangelo" find "de la tour" and "d angelo"). */
int search_match_name_joined(const char *folded_key, const struct search_query *q);

/* The one way a phone is shown: its digits (search_phone_digits) in
 * pairs, "06 12 34 56 78"; an international number keeps its country
 * code after "+": "+32 2 12 34 56 7". 0, or -1 when `digits` holds
 * something else or `out` is too small. */
int search_phone_grouped(const char *digits, char *out, size_t size);

/* 1 if the digits of a SEARCH_PHONE query occur in `phone_digits` (a
 * search_phone_digits result): "0612" and "5678" both find "0612345678". */
int search_match_phone(const char *phone_digits, const struct search_query *q);

#endif
