/* The dataset kinds rapkit knows: their columns, vocabularies and derived
 * columns. docs/kinds.md documents each layout for analysts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rk_kind_internal.h"
#include "rk_period.h"

/* ---- stop_search ------------------------------------------------------ */

static const rk_kind_column stop_search_columns[] = {
    COL("type", "Type", RK_TEXT, true, LIST("Person search", "Person and Vehicle search", "Vehicle search"), NULL),
    COL("date", "Date", RK_DATETIME, true, NULL, NULL),
    COL("part_of_a_policing_operation", "Part of a policing operation", RK_BOOLEAN, false, NULL, NULL),
    COL("policing_operation", "Policing operation", RK_TEXT, false, NULL, NULL),
    COL("latitude", "Latitude", RK_NUMBER, false, NULL, NULL),
    COL("longitude", "Longitude", RK_NUMBER, false, NULL, NULL),
    COL("gender", "Gender", RK_TEXT, false, LIST("Male", "Female", "Other"), NULL),
    COL("age_range", "Age range", RK_TEXT, false, LIST("under 10", "10-17", "18-24", "25-34", "over 34"), NULL),
    COL("self_defined_ethnicity", "Self-defined ethnicity", RK_TEXT, true, NULL, NULL),
    COL("officer_defined_ethnicity", "Officer-defined ethnicity", RK_TEXT, true,
     LIST("Asian", "Black", "Mixed", "Other", "White"), NULL),
    COL("legislation", "Legislation", RK_TEXT, false, NULL, NULL),
    COL("object_of_search", "Object of search", RK_TEXT, false, NULL, NULL),
    COL("outcome_recorded", "Outcome", RK_TEXT, true, NULL, NULL),
    COL("outcome_linked_to_object_of_search", "Outcome linked to object of search", RK_BOOLEAN, false, NULL, NULL),
    COL("removal_of_more_than_just_outer_clothing", "Removal of more than just outer clothing", RK_BOOLEAN, false,
     NULL, NULL),
};

/* Both Outcome vocabularies (since 2019, and before) to one. */
static const struct outcome_entry {
    const char *recorded;
    const char *outcome;
    bool nfa;
} outcomes[] = {
    {"A no further action disposal", "No further action", true},
    {"Nothing found - no further action", "No further action", true},
    {"Arrest", "Arrest", false},
    {"Suspect arrested", "Arrest", false},
    {"Khat or Cannabis warning", "Khat or cannabis warning", false},
    {"Offender given drugs possession warning", "Khat or cannabis warning", false},
    {"Community resolution", "Community resolution", false},
    {"Local resolution", "Community resolution", false},
    {"Summons / charged by post", "Summons or charged by post", false},
    {"Suspect summonsed to court", "Summons or charged by post", false},
    {"Caution (simple or conditional)", "Caution", false},
    {"Offender cautioned", "Caution", false},
    {"Penalty Notice for Disorder", "Penalty notice for disorder", false},
    {"Offender given penalty notice", "Penalty notice for disorder", false},
    {"Article found - Detailed outcome unavailable", "Article found, outcome not recorded", false},
};

static const struct outcome_entry *find_outcome(const char *value)
{
    for (size_t i = 0; i < sizeof outcomes / sizeof outcomes[0]; i++)
        if (strcmp(outcomes[i].recorded, value) == 0)
            return &outcomes[i];
    return NULL;
}

/* Unknown outcomes are kept as written (and reported). */
static const char *map_outcome(const char *value, size_t len, bool *known, void *ctx)
{
    (void)len;
    (void)ctx;
    const struct outcome_entry *e = find_outcome(value);
    *known = e != NULL;
    return e ? e->outcome : value;
}

static const char *map_nfa(const char *value, size_t len, bool *known, void *ctx)
{
    (void)len;
    (void)ctx;
    const struct outcome_entry *e = find_outcome(value);
    *known = true; /* reported once, by outcome */
    return e ? (e->nfa ? "true" : "false") : NULL;
}

/* Only the three known Types say whether a person was searched; any other
 * value (already reported as unknown) leaves person_search missing, so a
 * misspelt vehicle search is never counted as a search of a person. */
static const char *map_person_search(const char *type, size_t len, bool *known, void *ctx)
{
    (void)len;
    (void)ctx;
    *known = true; /* reported once, by the Type vocabulary */
    if (strcmp(type, "Person search") == 0 || strcmp(type, "Person and Vehicle search") == 0)
        return "true";
    if (strcmp(type, "Vehicle search") == 0)
        return "false";
    return NULL;
}

static rk_status derive_stop_search(rk_kind_ctx *ctx, rk_dataset *ds, rk_error *err)
{
    rk_status st = rk_kind_add_ethnic_group(ctx, ds, "self_defined_ethnicity", true, err);
    int oc = rk_dataset_find(ds, "outcome_recorded");
    if (st == RK_OK && oc >= 0 && ds->cols[oc]->type == RK_TEXT) {
        st = rk_kind_add(ds, rk_kind_map_text(ctx, ds->cols[oc], "outcome", map_outcome, NULL, "Outcome", err),
                         "Outcome (both vocabularies)", err);
        rk_column *nfa = st == RK_OK ? rk_kind_map_text(ctx, ds->cols[oc], "nfa", map_nfa, NULL, "Outcome", err)
                                     : NULL;
        if (st == RK_OK && (!nfa || rk_column_convert(nfa, RK_BOOLEAN, err) != RK_OK)) {
            rk_column_free(nfa);
            st = err->status ? err->status : rk_error_nomem(err);
        } else if (st == RK_OK) {
            st = rk_kind_add(ds, nfa, "No further action", err);
        }
    }
    int tc = rk_dataset_find(ds, "type");
    if (st == RK_OK && tc >= 0 && ds->cols[tc]->type == RK_TEXT) {
        rk_column *person = rk_kind_map_text(ctx, ds->cols[tc], "person_search", map_person_search, NULL, "Type", err);
        if (person && rk_column_convert(person, RK_BOOLEAN, err) != RK_OK) {
            rk_column_free(person);
            person = NULL;
        }
        st = person ? rk_kind_add(ds, person, "Person search", err) : (err->status ? err->status : rk_error_nomem(err));
    }
    if (st == RK_OK)
        st = rk_kind_add_periods(ds, "date", err);
    return st;
}

static const struct rk_derived stop_search_derived[] = {
    {"ethnic_group", "self_defined_ethnicity"}, {"ethnicity_detail", "self_defined_ethnicity"},
    {"outcome", "outcome_recorded"}, {"nfa", "outcome_recorded"}, {"person_search", "type"},
    {"month", "date"}, {"quarter", "date"}, {"financial_year", "date"}, {NULL, NULL},
};

static const rk_kind stop_search = {
    "stop_search", stop_search_columns, sizeof stop_search_columns / sizeof stop_search_columns[0],
    NULL, NULL, derive_stop_search, stop_search_derived,
};

/* ---- workforce (Home Office police workforce open data tables) -------- */

static const rk_kind_column workforce_columns[] = {
    COL("year", "As at 31 March...", RK_INTEGER, true, NULL, LIST("As at 31 March", "Year")),
    COL("geo_code", "Geo code", RK_TEXT, true, NULL, NULL),
    COL("force_name", "Force Name", RK_TEXT, true, NULL, LIST("Force")),
    COL("region", "Region", RK_TEXT, false, NULL, NULL),
    COL("gender", "Gender", RK_TEXT, false,
     LIST("Female", "Male", "Not stated", "Prefer not to say", "Prefer to self-describe"), NULL),
    COL("rank_description", "Rank description", RK_TEXT, false, NULL, LIST("Rank")),
    COL("worker_type", "Worker type", RK_TEXT, false, NULL, NULL),
    COL("ethnicity", "Ethnicity", RK_TEXT, true,
     LIST("Asian or Asian British", "Black or Black British", "Chinese or Other Ethnic Group (pre 2021 category)",
          "Mixed", "Not stated", "White", "Other ethnic group"),
     NULL),
    /* The table's own grouping, which uses a term the style guides advise
     * against; kept as recorded, and ethnic_group is derived instead. */
    COL("ethnic_group_recorded", "Ethnic group", RK_TEXT, false, NULL, NULL),
    COL_THOUSANDS("headcount", "Total (headcount)", RK_NUMBER, true, NULL, LIST("Headcount")),
    COL_THOUSANDS("fte", "Total (FTE)", RK_NUMBER, false, NULL, LIST("FTE")),
};

static const char *map_area_type(const char *code, size_t len, bool *known, void *ctx)
{
    (void)ctx;
    *known = true;
    if (len < 3)
        return "other";
    if (strncmp(code, "E23", 3) == 0 || strncmp(code, "W15", 3) == 0)
        return "force";
    if (strncmp(code, "E12", 3) == 0)
        return "region";
    if (strncmp(code, "E92", 3) == 0 || strncmp(code, "W92", 3) == 0 || strncmp(code, "K0", 2) == 0)
        return "country";
    return "other";
}

static rk_status derive_workforce(rk_kind_ctx *ctx, rk_dataset *ds, rk_error *err)
{
    rk_status st = rk_kind_add_ethnic_group(ctx, ds, "ethnicity", false, err);
    int gc = rk_dataset_find(ds, "geo_code");
    if (st == RK_OK && gc >= 0)
        st = rk_kind_add(ds, rk_kind_map_text(ctx, ds->cols[gc], "area_type", map_area_type, NULL, "Geo code", err),
                         "Area type", err);
    int yc = rk_dataset_find(ds, "year");
    if (st == RK_OK && yc >= 0 && ds->cols[yc]->type == RK_INTEGER) {
        /* "As at 31 March 2024" closes the financial year 2023-24. */
        rk_column *fy = rk_column_new("financial_year", RK_TEXT, ds->nrow);
        if (!fy)
            return rk_error_nomem(err);
        for (size_t row = 0; row < ds->nrow && st == RK_OK; row++) {
            rk_value v = {.type = RK_TEXT, .missing = rk_column_is_missing(ds->cols[yc], row)};
            char buf[16];
            if (!v.missing) {
                long long y = (long long)ds->cols[yc]->v.integers[row];
                v.as.text.len = (size_t)snprintf(buf, sizeof buf, "%lld-%02lld", y - 1, ((y % 100) + 100) % 100);
                v.as.text.s = buf;
            }
            st = rk_column_append(fy, &v, err);
        }
        st = st == RK_OK ? rk_kind_add(ds, fy, "Financial year", err) : (rk_column_free(fy), st);
    }
    return st;
}

static const struct rk_derived workforce_derived[] = {
    {"ethnic_group", "ethnicity"}, {"area_type", "geo_code"}, {"financial_year", "year"}, {NULL, NULL},
};

static const rk_kind workforce = {
    "workforce", workforce_columns, sizeof workforce_columns / sizeof workforce_columns[0],
    LIST(" -", "-", ".."), NULL, derive_workforce, workforce_derived,
};

/* ---- the list ---------------------------------------------------------- */

const rk_kind *const rk_all_kinds[] = {
    &stop_search,
    &workforce,
    &rk_kind_workforce_events,
    &rk_kind_s136,
    &rk_kind_survey_actions,
    &rk_kind_activities,
    &rk_kind_population,
    NULL,
};
