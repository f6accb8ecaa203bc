/* Ethnicity labels to the five groups of the ONS and Race Disparity Unit
 * style. Both classifications that data.police.uk files use are read: the
 * 2011 Census labels ("Asian/Asian British - Indian") and the 2001 labels
 * with codes ("Asian or Asian British - Indian (A1)"). In the 2001
 * classification Chinese (O1) sat with "Chinese or other ethnic group"; it
 * is mapped to Asian, where the 2011 Census and the Home Office's current
 * figures put it, so that files before and after 2017 compare. */
#include "rk_kind.h"

#include <string.h>
#include <strings.h>

const char *const rk_ethnic_groups[] = {"Asian", "Black", "Mixed", "White", "Other", "Not stated", NULL};

enum { ASIAN, BLACK, MIXED, WHITE, OTHER, NOT_STATED };

typedef struct prefix_group {
    const char *prefix;
    int group;
} prefix_group;

/* The broad part of a label (before " - "), in both classifications. */
static const prefix_group broad_labels[] = {
    {"White", WHITE},
    {"Mixed/Multiple ethnic groups", MIXED},
    {"Mixed/Multiple ethnic group", MIXED},
    {"Mixed", MIXED},
    {"Asian/Asian British", ASIAN},
    {"Asian or Asian British", ASIAN},
    {"Asian", ASIAN},
    {"Black/African/Caribbean/Black British", BLACK},
    {"Black or Black British", BLACK},
    {"Black", BLACK},
    {"Other ethnic group", OTHER},
    {"Chinese or other ethnic group", OTHER},
    {"Other", OTHER},
    /* Census 2021 (nomis TS021) */
    {"Mixed or Multiple ethnic groups", MIXED},
    {"Asian, Asian British or Asian Welsh", ASIAN},
    {"Black, Black British, Black Welsh, Caribbean or African", BLACK},
    /* Home Office workforce tables */
    {"Chinese or Other Ethnic Group (pre 2021 category)", OTHER},
    {"Not stated", NOT_STATED},
    {"Prefer not to say", NOT_STATED},
    {"Not Stated", NOT_STATED},
    {NULL, 0},
};

static bool equal_nocase(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && strncasecmp(s, word, len) == 0;
}

static int broad_group(const char *s, size_t len)
{
    for (const prefix_group *p = broad_labels; p->prefix; p++)
        if (equal_nocase(s, len, p->prefix))
            return p->group;
    return -1;
}

/* A 2001 code at the end of a label: "(B1)", "(NS)". Returns the group, or
 * -1 when there is no such code; sets *code_at to the " (" before it. */
static int code_group(const char *s, size_t len, size_t *code_at)
{
    if (len < 5 || s[len - 1] != ')' || s[len - 4] != '(' || s[len - 5] != ' ')
        return -1;
    char letter = s[len - 3], digit = s[len - 2];
    *code_at = len - 5;
    if (letter == 'N' && digit == 'S')
        return NOT_STATED;
    if (digit < '0' || digit > '9')
        return -1;
    switch (letter) {
    case 'W': return WHITE;
    case 'M': return MIXED;
    case 'A': return ASIAN;
    case 'B': return BLACK;
    case 'O': return digit == '1' ? ASIAN : OTHER; /* O1 is Chinese */
    default: return -1;
    }
}

bool rk_ethnicity_map(const char *label, size_t len, const char **group, const char **detail,
                      size_t *detail_len)
{
    *detail = NULL;
    *detail_len = 0;
    size_t code_at = len;
    int by_code = code_group(label, len, &code_at);
    size_t body = by_code >= 0 ? code_at : len;

    /* Broad group and detail are separated by " - " (police data) or ": "
     * (Census tables). */
    const char *dash = NULL;
    size_t sep_len = 3;
    for (size_t i = 0; i + 3 <= body && !dash; i++)
        if (label[i] == ' ' && label[i + 1] == '-' && label[i + 2] == ' ')
            dash = label + i;
    for (size_t i = 0; i + 2 <= body && !dash; i++)
        if (label[i] == ':' && label[i + 1] == ' ')
            dash = label + i, sep_len = 2;
    size_t broad_len = dash ? (size_t)(dash - label) : body;
    int by_name = broad_group(label, broad_len);
    int g = by_code >= 0 ? by_code : by_name;
    /* A 2001 code must agree with its label; the one exception is O1, whose
     * label says "Chinese or other ethnic group" and whose group is Asian. */
    bool chinese = by_code == ASIAN && by_name == OTHER && label[len - 3] == 'O' && label[len - 2] == '1';
    if (g < 0 || (by_code >= 0 && (by_name < 0 || (by_name != by_code && !chinese))))
        return false; /* unknown, or a code that contradicts (or lacks) its label */
    if (dash) {
        const char *d = dash + sep_len;
        size_t dlen = body - (size_t)(d - label);
        if (g == OTHER && equal_nocase(d, dlen, "Not stated")) {
            g = NOT_STATED; /* "Other ethnic group - Not stated" */
        } else {
            *detail = d;
            *detail_len = dlen;
        }
    }
    *group = rk_ethnic_groups[g];
    return true;
}
