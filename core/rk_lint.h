/* rk_lint.h: checks on the words of chart text, after the Government
 * Analysis Function (GAF) chart guidance and the Race Disparity Unit's
 * "Writing about ethnicity" (with the ONS style guide it follows).
 *
 * Plain functions on UTF-8 text that return findings; the caller decides
 * how to report them (the Lua binding warns with the script's line). Words
 * are runs of letters and digits (ASCII) and any non-ASCII characters;
 * everything else (spaces, punctuation, hyphens) separates them, so
 * "non-White", "non White" and "NON-WHITE" are the same two words.
 * Matching is on whole words and ignores ASCII case.
 */
#ifndef RK_LINT_H
#define RK_LINT_H

#include <stddef.h>

/* GAF: a headline title of this many words or fewer. */
#define RK_LINT_TITLE_WORDS 15

/* Words in text: runs separated by white space that hold at least one
 * letter or digit (a lone dash is not a word). */
size_t rk_lint_count_words(const char *text);

/* A term the guidance advises against, with what to write instead. */
typedef struct rk_lint_term {
    const char *term;     /* as the guidance writes it: "BAME" */
    const char *advice;   /* "say \"ethnic minorities\" or name the groups" */
    const char *source;   /* the guidance: "Race Disparity Unit, Writing about ethnicity" */
} rk_lint_term;

typedef struct rk_lint_finding {
    const rk_lint_term *term;
    size_t start, len;    /* the words matched, as bytes of the text (as written there) */
} rk_lint_finding;

/* Finds the advised-against terms in text, each term at most once (its
 * first place), in the order they appear; writes up to max findings and
 * returns how many there are (which may be more than max). */
size_t rk_lint_terms(const char *text, rk_lint_finding *found, size_t max);

/* The terms checked, RK_LINT_NTERMS of them and then a NULL term. */
#define RK_LINT_NTERMS 10
extern const rk_lint_term rk_lint_term_list[];

#endif
