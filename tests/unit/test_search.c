/* test_search.c - folding of accented names, phone digits, classification
 * of typed queries and word-prefix matching ("hel dup" finds "Hélène
 * Dupont"). All names are made up. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "model/search.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_fold_names(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        {"Hélène", "helene"},
        {"HÉLÈNE DUPONT", "helene dupont"},
        {"Jean-Pierre", "jean pierre"},
        {"D'Angelo", "d angelo"},
        {"d\u2019Artagnan", "d artagnan"},          /* typographic apostrophe */
        {"N\u02BCGuessan", "n guessan"},            /* modifier apostrophe */
        {"Françoise Lefèvre-Dubœuf", "francoise lefevre duboeuf"},
        {"ŒUVRE Lætitia ÆSOP", "oeuvre laetitia aesop"},
        {"Strauß", "strauss"},
        {"GROẞ", "gross"},                          /* capital sharp s */
        {"Zoë  Noël ", "zoe noel"},
        {"  Anne--Sophie  ", "anne sophie"},
        {"Ÿvette Ÿ ÿ", "yvette y y"},
        {"àâä ÀÂÄ", "aaa aaa"},
        {"éèêë ÉÈÊË", "eeee eeee"},
        {"îï ÎÏ ôö ÔÖ", "ii ii oo oo"},
        {"ùûü ÙÛÜ ç Ç", "uuu uuu c c"},
        {"Müller Ñúñez Øystein Åsa", "muller nunez oystein asa"},
        {"Łukasz Wałęsa Dvořák Šťastný", "lukasz walesa dvorak stastny"},
        {"Ștefan Țurcanu Şahin", "stefan turcanu sahin"},
        {"Bénédicte\u00A0Marié", "benedicte marie"},  /* no-break space */
        {"Le\u202FGoff", "le goff"},                  /* narrow no-break space */
        {"He\u0301le\u0300ne", "helene"},             /* combining accents */
        {"Marie\tClaire\nO'Neil", "marie claire o neil"},
        {"J.-P. Martin", "j p martin"},
        {"Saint\u2013Éloi", "saint eloi"},             /* en dash */
        {"Νίκος Иван", "Νίκος Иван"},                 /* other scripts kept */
        {"A\xff\xfe" "B", "ab"},                       /* bad bytes dropped */
        {"\xc3", ""},                                  /* cut sequence */
        {"\xed\xa0\x80x", "x"},                        /* surrogate */
        {"x\x01y\x1b[31m", "xy[31m"},                  /* controls dropped */
        {"soft\u00ADhyphen", "softhyphen"},
        {"06 12 34", "06 12 34"},
        {"", ""},
        {" - ' ", ""},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char out[SEARCH_KEY_LEN];
        assert_int_equal(search_fold(cases[i].in, out, sizeof out), 0);
        if (strcmp(out, cases[i].out) != 0)
            fail_msg("case %zu: \"%s\" folded to \"%s\", expected \"%s\"", i,
                     cases[i].in, out, cases[i].out);
    }
}

static void test_fold_latin_tables(void **state)
{
    (void)state;
    /* Every upper-case letter of Latin-1 and Latin Extended-A folds like
     * its lower-case twin, to plain ASCII lower case. */
    for (unsigned cp = 0xC0; cp < 0x180; cp++) {
        if (cp == 0xD7 || cp == 0xF7)
            continue;
        char in[4] = {(char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)), 0, 0};
        char out[8];
        assert_int_equal(search_fold(in, out, sizeof out), 0);
        assert_true(strlen(out) >= 1 && strlen(out) <= 2);
        for (const char *p = out; *p; p++)
            if (*p < 'a' || *p > 'z')
                fail_msg("U+%04X folded to non-ASCII \"%s\"", cp, out);
    }
    char out[8];
    search_fold("\u00D7\u00F7", out, sizeof out); /* signs are not letters */
    assert_string_equal(out, "\u00D7\u00F7");
}

static void test_fold_limits(void **state)
{
    (void)state;
    char out[6];
    /* "héléne" -> "helene" needs 7 bytes: cut, still terminated. */
    assert_int_equal(search_fold("Hélène", out, sizeof out), -1);
    assert_string_equal(out, "helen");
    /* A kept multi-byte character is never cut in half. */
    char small[4];
    assert_int_equal(search_fold("abИ", small, sizeof small), -1);
    assert_string_equal(small, "ab");
    /* No trailing space even when cut right after a separator. */
    char tiny[3];
    assert_int_equal(search_fold("ab cd", tiny, sizeof tiny), -1);
    assert_string_equal(tiny, "ab");
    assert_int_equal(search_fold("x", out, 0), -1);
    assert_int_equal(search_fold("x", NULL, 4), -1);
    assert_int_equal(search_fold(NULL, out, sizeof out), -1);
    assert_string_equal(out, "");
}

static void test_phone_digits(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } cases[] = {
        {"06 12 34 56 78", "0612345678"},
        {"0612345678", "0612345678"},
        {"+33 6 12 34 56 78", "0612345678"},
        {"+33612345678", "0612345678"},
        {"+33 (0)6 12 34 56 78", "0612345678"},
        {"0033 6 12 34 56 78", "0612345678"},
        {"06.12.34.56.78", "0612345678"},
        {"06-12-34-56-78", "0612345678"},
        {" 01 23 45 67 89 ", "0123456789"},
        {"+32 2 123 45 67", "003221234567"},
        {"0032 2 123 45 67", "003221234567"},
        {"tel: 06 12", "0612"},
        {"", ""},
        {"n/a", ""},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char out[SEARCH_PHONE_LEN];
        int n = search_phone_digits(cases[i].in, out, sizeof out);
        if (strcmp(out, cases[i].out) != 0)
            fail_msg("case %zu: \"%s\" gave \"%s\", expected \"%s\"", i,
                     cases[i].in, out, cases[i].out);
        assert_int_equal(n, (int)strlen(cases[i].out));
    }
    char small[5];
    assert_int_equal(search_phone_digits("06 12 34 56 78", small, sizeof small), -1);
    assert_int_equal(search_phone_digits(NULL, small, sizeof small), -1);
    char big[SEARCH_PHONE_LEN];
    assert_int_equal(search_phone_digits("1234567890123456789012345678901234567890123456789012345678901234567890",
                                         big, sizeof big), -1);
}

static void test_query_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *typed;
        enum search_kind kind;
        const char *phone;
        int y, m, d;
        size_t words;
    } cases[] = {
        {"helene", SEARCH_NAME, "", 0, 0, 0, 1},
        {"Hél Dup", SEARCH_NAME, "", 0, 0, 0, 2},
        {"jean-pierre", SEARCH_NAME, "", 0, 0, 0, 2},
        {"06 12", SEARCH_PHONE, "0612", 0, 0, 0, 0},
        {"0612345678", SEARCH_PHONE, "0612345678", 0, 0, 0, 0},
        {"+33 6 12 34 56 78", SEARCH_PHONE, "0612345678", 0, 0, 0, 0},
        {"06.12.34", SEARCH_PHONE, "061234", 0, 0, 0, 0},
        {"06\u00A012\u202F34", SEARCH_PHONE, "061234", 0, 0, 0, 0}, /* pasted */
        {"+33 (0)6 12", SEARCH_PHONE, "0612", 0, 0, 0, 0},
        {"06 12 ab", SEARCH_NAME, "", 0, 0, 0, 3},
        {"061", SEARCH_NAME, "", 0, 0, 0, 1},            /* 3 digits only */
        {"12/03/1980", SEARCH_BIRTH_DATE, "", 1980, 3, 12, 0},
        {" 1980-03-12 ", SEARCH_BIRTH_DATE, "", 1980, 3, 12, 0},
        {"5/1/2001", SEARCH_BIRTH_DATE, "", 2001, 1, 5, 0},
        {"31/02/1980", SEARCH_NAME, "", 0, 0, 0, 1},    /* not a date */
        {"12/03", SEARCH_NAME, "", 0, 0, 0, 1},         /* still typing */
        {"dupont 1980", SEARCH_NAME, "", 0, 0, 0, 2},
        {"", SEARCH_EMPTY, "", 0, 0, 0, 0},
        {"   ", SEARCH_EMPTY, "", 0, 0, 0, 0},
        {"--", SEARCH_EMPTY, "", 0, 0, 0, 0},
        {"a b c d e f g h i j", SEARCH_NAME, "", 0, 0, 0, SEARCH_MAX_WORDS},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct search_query q;
        assert_int_equal(search_query_parse(cases[i].typed, &q), 0);
        if (q.kind != cases[i].kind)
            fail_msg("case %zu \"%s\": kind %d, expected %d", i, cases[i].typed,
                     q.kind, cases[i].kind);
        assert_string_equal(q.phone, cases[i].phone);
        if (q.kind == SEARCH_BIRTH_DATE) {
            assert_int_equal(q.birth_date.year, cases[i].y);
            assert_int_equal(q.birth_date.month, cases[i].m);
            assert_int_equal(q.birth_date.day, cases[i].d);
        }
        assert_int_equal(q.word_count, cases[i].words);
    }
    struct search_query q;
    assert_int_equal(search_query_parse("Hél Dup", &q), 0);
    assert_string_equal(q.words[0], "hel");
    assert_string_equal(q.words[1], "dup");
    assert_string_equal(q.folded, "hel dup");
    assert_int_equal(search_query_parse(NULL, &q), -1);
    assert_int_equal(search_query_parse("x", NULL), -1);
}

static void test_match_names(void **state)
{
    (void)state;
    static const struct {
        const char *name; /* as stored, folded by the test */
        const char *typed;
        int match;
    } cases[] = {
        {"Dupont Hélène", "helene", 1},
        {"Dupont Hélène", "HÉLÈNE", 1},
        {"Dupont Hélène", "hel", 1},
        {"Dupont Hélène", "hel dup", 1},
        {"Dupont Hélène", "dup hel", 1},
        {"Dupont Hélène", "Hél Dup", 1},
        {"Dupont Hélène", "ele", 0},          /* not a word prefix */
        {"Dupont Hélène", "hel dur", 0},      /* every word must match */
        {"Dupont Hélène", "helenea", 0},
        {"Martin Jean-Pierre", "jean pierre", 1},
        {"Martin Jean-Pierre", "jean-p", 1},
        {"Martin Jean-Pierre", "pier mar", 1},
        {"D'Angelo Lucie", "d angelo", 1},
        {"D'Angelo Lucie", "angel", 1},
        {"D'Angelo Lucie", "dangelo", 0},
        {"Lefèvre-Dubœuf Bénédicte", "duboeuf", 1},
        {"Lefèvre-Dubœuf Bénédicte", "dubœ bene", 1},
        {"N'Diaye Aïssatou", "aiss ndiaye", 0},
        {"N'Diaye Aïssatou", "aiss diaye", 1},
        {"Ø", "o", 1},
        {"Dupont Hélène", "", 1},             /* empty query: everyone */
        {"Dupont Hélène", "06 12 34", 0},     /* a phone query is not a name */
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char key[SEARCH_KEY_LEN];
        struct search_query q;
        assert_int_equal(search_fold(cases[i].name, key, sizeof key), 0);
        assert_int_equal(search_query_parse(cases[i].typed, &q), 0);
        if (search_match_name(key, &q) != cases[i].match)
            fail_msg("case %zu: \"%s\" against \"%s\" should %smatch", i,
                     cases[i].typed, key, cases[i].match ? "" : "not ");
    }
    struct search_query q;
    search_query_parse("hel", &q);
    assert_false(search_match_name(NULL, &q));
    assert_false(search_match_name("helene", NULL));
}

static void test_match_phone(void **state)
{
    (void)state;
    char stored[SEARCH_PHONE_LEN];
    search_phone_digits("06 12 34 56 78", stored, sizeof stored);
    static const struct { const char *typed; int match; } cases[] = {
        {"0612345678", 1},
        {"06 12 34 56 78", 1},
        {"+33 6 12 34 56 78", 1},
        {"+33 (0)6 12 34 56 78", 1},
        {"0612", 1},
        {"56 78", 1},
        {"0613", 0},
        {"helene", 0},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        struct search_query q;
        search_query_parse(cases[i].typed, &q);
        assert_int_equal(search_match_phone(stored, &q), cases[i].match);
    }
    struct search_query q;
    search_query_parse("0612", &q);
    assert_false(search_match_phone(NULL, &q));
}

/* Birth dates as desks type them; phone fragments stay phones. */
static void test_birth_dates_typed(void **state)
{
    (void)state;
    const char *dates[] = {"23021971", "23/02/71", "23/02/1971", "1971-02-23", "23.02.1971"};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        struct search_query q;
        assert_int_equal(search_query_parse(dates[i], &q), 0);
        if (q.kind != SEARCH_BIRTH_DATE)
            fail_msg("\"%s\" is not read as a birth date", dates[i]);
        assert_int_equal(q.birth_date.year, 1971);
        assert_int_equal(q.birth_date.month, 2);
        assert_int_equal(q.birth_date.day, 23);
    }
    struct search_query q;
    assert_int_equal(search_query_parse("23/02/05", &q), 0);
    assert_int_equal(q.kind, SEARCH_BIRTH_DATE);
    assert_int_equal(q.birth_date.year, 2005);
    const char *phones[] = {"06.12.34", "061234", "0612345678", "06 12 34 56"};
    for (size_t i = 0; i < sizeof phones / sizeof phones[0]; i++) {
        assert_int_equal(search_query_parse(phones[i], &q), 0);
        if (q.kind != SEARCH_PHONE)
            fail_msg("\"%s\" is not read as a phone", phones[i]);
    }
    assert_int_equal(search_query_parse("31021971", &q), 0); /* no such date */
    assert_int_equal(q.kind, SEARCH_PHONE);
}

static int joined(const char *name, const char *typed)
{
    char key[SEARCH_KEY_LEN];
    search_fold(name, key, sizeof key);
    struct search_query q;
    search_query_parse(typed, &q);
    return search_match_name_joined(key, &q);
}

static void test_separators_ignored(void **state)
{
    (void)state;
    assert_true(joined("N'GUYEN-DE LA TOUR", "nguyen"));
    assert_true(joined("N'GUYEN-DE LA TOUR", "delatour"));
    assert_true(joined("N'GUYEN-DE LA TOUR", "de la tour"));
    assert_true(joined("N'GUYEN-DE LA TOUR", "latour ngu"));
    assert_true(joined("D'Angelo", "dangelo"));
    assert_true(joined("Jean-Pierre", "jeanpi"));
    assert_false(joined("N'GUYEN-DE LA TOUR", "guyendx"));
    assert_false(joined("N'GUYEN-DE LA TOUR", "uyen")); /* not from a word start */
}

static void test_phone_grouped(void **state)
{
    (void)state;
    char buf[32];
    assert_int_equal(search_phone_grouped("0612345678", buf, sizeof buf), 0);
    assert_string_equal(buf, "06 12 34 56 78");
    assert_int_equal(search_phone_grouped("003221234567", buf, sizeof buf), 0);
    assert_string_equal(buf, "+32 21 23 45 67");
    assert_int_equal(search_phone_grouped("0033612345678", buf, sizeof buf), 0);
    assert_string_equal(buf, "+33 6 12 34 56 78");
    assert_int_equal(search_phone_grouped("00212612345678", buf, sizeof buf), 0);
    assert_string_equal(buf, "+212 6 12 34 56 78");
    assert_int_equal(search_phone_grouped("", buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(search_phone_grouped("06a", buf, sizeof buf), -1);
    char small[5];
    assert_int_equal(search_phone_grouped("0612345678", small, sizeof small), -1);
    /* the same digits give the same text, however they were typed */
    char d1[SEARCH_PHONE_LEN], d2[SEARCH_PHONE_LEN], g1[32], g2[32];
    search_phone_digits("06.12.34.56.78", d1, sizeof d1);
    search_phone_digits("+33 6 12 34 56 78", d2, sizeof d2);
    search_phone_grouped(d1, g1, sizeof g1);
    search_phone_grouped(d2, g2, sizeof g2);
    assert_string_equal(g1, g2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_names),
        cmocka_unit_test(test_fold_latin_tables),
        cmocka_unit_test(test_fold_limits),
        cmocka_unit_test(test_phone_digits),
        cmocka_unit_test(test_query_kinds),
        cmocka_unit_test(test_match_names),
        cmocka_unit_test(test_match_phone),
        cmocka_unit_test(test_birth_dates_typed),
        cmocka_unit_test(test_separators_ignored),
        cmocka_unit_test(test_phone_grouped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
