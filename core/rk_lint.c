#include "rk_lint.h"

#include <stdbool.h>
#include <string.h>

#define RDU "Race Disparity Unit, Writing about ethnicity"
#define WMP "West Midlands Police, Writing and speaking about ethnicity"
#define SAY_MINORITIES "say \"ethnic minorities\" or name the groups"

const rk_lint_term rk_lint_term_list[] = {
    {"BAME", SAY_MINORITIES, RDU},
    {"BME", SAY_MINORITIES, RDU},
    {"Black, Asian and minority ethnic", SAY_MINORITIES, RDU},
    {"Black and minority ethnic", SAY_MINORITIES, RDU},
    {"non-White",
     "say \"ethnic minorities (excluding White minorities)\" or \"all other ethnic groups combined\", "
     "or name the groups",
     RDU},
    {"people of colour", SAY_MINORITIES, RDU},
    {"Blacks", "say \"Black people\" or \"the Black ethnic group\"", RDU},
    {"mixed race", "say \"the Mixed or Multiple ethnic group\" or \"people with a Mixed ethnic background\"", WMP},
    {"mixed people", "say \"people with a Mixed ethnic background\"", WMP},
    {"coloured people", "name the ethnic groups", WMP},
    {NULL, NULL, NULL},
};

/* The forms of each term above that count, '|' between them, each as
 * lowercase words with one space between (the text's separators do not
 * matter). Bare "coloured" is not listed: charts say "coloured by level". */
static const char *const term_forms[] = {
    "bame",
    "bme",
    "black asian and minority ethnic",
    "black and minority ethnic",
    "non white|nonwhite",
    "people of colour|people of color|person of colour|person of color",
    "blacks",
    "mixed race",
    "mixed people",
    "coloured people|coloured person|coloureds",
};

#define NTERMS (sizeof term_forms / sizeof term_forms[0])
_Static_assert(sizeof rk_lint_term_list / sizeof rk_lint_term_list[0] == NTERMS + 1,
               "one list of forms per term");
_Static_assert(NTERMS == RK_LINT_NTERMS, "RK_LINT_NTERMS counts the terms");

typedef enum char_class { CHAR_WORD, CHAR_SPACE, CHAR_PUNCT } char_class;

/* The class of the character at s (NUL-terminated) and its length in bytes.
 * Non-ASCII characters are letters, except the no-break space and the
 * General Punctuation block from U+2000 (spaces, dashes, quotes, bullets),
 * which is where the punctuation of typed text comes from. */
static char_class classify(const unsigned char *s, size_t *n)
{
    unsigned char c = s[0];
    *n = 1;
    if (c < 0x80) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return CHAR_WORD;
        return c == ' ' || (c >= '\t' && c <= '\r') ? CHAR_SPACE : CHAR_PUNCT;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    for (size_t k = 1; k < len; k++)
        if ((s[k] & 0xC0) != 0x80)
            return CHAR_WORD; /* not UTF-8: a byte of its own, kept inside words */
    *n = len;
    if (c == 0xC2 && s[1] == 0xA0)
        return CHAR_SPACE;
    if (c == 0xE2 && (s[1] == 0x80 || s[1] == 0x81))
        return (s[1] == 0x80 && s[2] <= 0x8A) || (s[1] == 0x80 && s[2] == 0xAF) ? CHAR_SPACE : CHAR_PUNCT;
    return CHAR_WORD;
}

size_t rk_lint_count_words(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t words = 0, n;
    bool counted = false; /* the current run of non-space holds a letter or digit */
    for (size_t i = 0; s[i]; i += n) {
        char_class k = classify(s + i, &n);
        if (k == CHAR_SPACE) {
            counted = false;
            continue;
        }
        if (k == CHAR_WORD && !counted) {
            words++;
            counted = true;
        }
    }
    return words;
}

/* The next word at or after *pos: its start and length; false at the end. */
static bool next_word(const unsigned char *s, size_t *pos, size_t *start, size_t *len)
{
    size_t i = *pos, n;
    while (s[i] && classify(s + i, &n) != CHAR_WORD)
        i += n;
    if (!s[i])
        return false;
    *start = i;
    while (s[i] && classify(s + i, &n) == CHAR_WORD)
        i += n;
    *len = i - *start;
    *pos = i;
    return true;
}

static bool same_word(const unsigned char *w, size_t len, const char *lower, size_t lower_len)
{
    if (len != lower_len)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = w[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (c != (unsigned char)lower[i])
            return false;
    }
    return true;
}

/* Whether the words from `pos` (a word start) are the form [form, form_end);
 * sets *end to the end of the last word matched. */
static bool matches_form(const unsigned char *s, size_t pos, const char *form, const char *form_end, size_t *end)
{
    const char *p = form;
    while (p < form_end) {
        const char *space = memchr(p, ' ', (size_t)(form_end - p));
        const char *word_end = space ? space : form_end;
        size_t start, len;
        if (!next_word(s, &pos, &start, &len) || !same_word(s + start, len, p, (size_t)(word_end - p)))
            return false;
        *end = start + len;
        p = space ? space + 1 : form_end;
    }
    return true;
}

/* Whether the words from `pos` are one of the term's forms; sets *end. */
static bool matches_term(const unsigned char *s, size_t pos, const char *forms, size_t *end)
{
    const char *form = forms;
    for (;;) {
        const char *bar = strchr(form, '|');
        const char *form_end = bar ? bar : form + strlen(form);
        if (matches_form(s, pos, form, form_end, end))
            return true;
        if (!bar)
            return false;
        form = bar + 1;
    }
}

size_t rk_lint_terms(const char *text, rk_lint_finding *found, size_t max)
{
    const unsigned char *s = (const unsigned char *)text;
    bool seen[NTERMS] = {false};
    size_t count = 0, pos = 0, start, len;
    while (next_word(s, &pos, &start, &len)) {
        for (size_t t = 0; t < NTERMS; t++) {
            size_t end = start;
            if (seen[t] || !matches_term(s, start, term_forms[t], &end))
                continue;
            seen[t] = true;
            if (count < max)
                found[count] = (rk_lint_finding){&rk_lint_term_list[t], start, end - start};
            count++;
        }
    }
    return count;
}
