/* The kinds whose layouts rapkit defines (docs/kinds.md): workforce_events,
 * s136 (monthly series or one row per detention), survey_actions and
 * activities. Beside each column's type and vocabulary, each kind checks
 * what its layout promises across columns (a joiner has no leaving reason,
 * sectioned is at most detentions, ...), reporting every breach with its
 * count and first line; values are never changed. */
#include <stdlib.h>
#include <string.h>

#include "rk_kind_internal.h"
#include "rk_period.h"

/* ---- shared checks ---------------------------------------------------- */

static int col_of(const rk_dataset *ds, const char *name)
{
    return rk_dataset_find(ds, name);
}

/* The text in column c (-1: the file has no such column) at row, or NULL. */
static const char *text_at(const rk_dataset *ds, int c, size_t row)
{
    if (c < 0)
        return NULL;
    const rk_column *col = ds->cols[c];
    if (col->type != RK_TEXT || rk_column_is_missing(col, row))
        return NULL;
    return rk_dict_str(&col->dict, col->v.codes[row]);
}

static bool int_at(const rk_dataset *ds, int c, size_t row, int64_t *v)
{
    if (c < 0 || ds->cols[c]->type != RK_INTEGER || rk_column_is_missing(ds->cols[c], row))
        return false;
    *v = ds->cols[c]->v.integers[row];
    return true;
}

/* Counts the rows breaking a rule, reported once with the first line. */
typedef struct breach {
    size_t count;
    size_t first;
} breach;

static void breach_note(breach *b, size_t row)
{
    if (b->count++ == 0)
        b->first = row;
}

static rk_status breach_report(rk_kind_ctx *ctx, const breach *b, const char *column, const char *message,
                               rk_error *err)
{
    if (!b->count)
        return RK_OK;
    return rk_kind_problem(ctx, column, b->count, b->first, err, "%s", message);
}

/* Each value of text column `key` (with `second`, if given) once per file. */
static rk_status report_duplicates(rk_kind_ctx *ctx, const rk_dataset *ds, const char *key, const char *second,
                                   rk_error *err)
{
    int k = col_of(ds, key), s = second ? col_of(ds, second) : -1;
    if (k < 0 || ds->cols[k]->type != RK_TEXT || (second && (s < 0 || ds->cols[s]->type != RK_TEXT)))
        return RK_OK;
    const rk_column *kc = ds->cols[k], *sc = s >= 0 ? ds->cols[s] : NULL;
    size_t nslots = 64;
    while (nslots < ds->nrow * 2)
        nslots *= 2;
    uint64_t *slots = calloc(nslots, sizeof *slots); /* key + 1; 0 = empty */
    if (!slots)
        return rk_error_nomem(err);
    rk_status st = RK_OK;
    for (size_t row = 0; row < ds->nrow && st == RK_OK; row++) {
        if (kc->v.codes[row] == RK_NO_CODE)
            continue;
        uint64_t key_val = (uint64_t)kc->v.codes[row] << 32 | (sc ? (uint64_t)(sc->v.codes[row] + 1u) : 0);
        uint64_t h = key_val * 0x9e3779b97f4a7c15ULL;
        size_t i = (size_t)(h >> 20) & (nslots - 1);
        while (slots[i] && slots[i] != key_val + 1)
            i = (i + 1) & (nslots - 1);
        if (slots[i]) {
            const char *v = rk_dict_str(&kc->dict, kc->v.codes[row]);
            st = sc ? rk_kind_problem(ctx, key, 1, row, err, "%s '%s' appears again with the same %s", key, v, second)
                    : rk_kind_problem(ctx, key, 1, row, err, "%s '%s' appears more than once", key, v);
        }
        slots[i] = key_val + 1;
    }
    free(slots);
    return st;
}

/* ---- workforce_events ------------------------------------------------- */

static const char *const officer_ranks[] = {"Constable", "Sergeant", "Inspector", "Chief Inspector",
                                            "Superintendent", "Chief Superintendent", "Chief Officer", NULL};

static const rk_kind_column workforce_events_columns[] = {
    COL_FILLED("id", "Id", RK_TEXT, true, NULL, NULL),
    COL_FILLED("event", "Event", RK_TEXT, true, LIST("Joiner", "Leaver"), NULL),
    COL_FILLED("date", "Date", RK_DATE, true, NULL, NULL),
    COL_FILLED("worker_type", "Worker type", RK_TEXT, true,
        LIST("Police Officer", "Police Staff", "PCSO", "Special Constable"), NULL),
    COL("rank_or_grade", "Rank or grade", RK_TEXT, true, NULL, NULL),
    COL("gender", "Gender", RK_TEXT, true,
        LIST("Female", "Male", "Not stated", "Prefer not to say", "Prefer to self-describe"), NULL),
    COL("ethnicity", "Ethnicity", RK_TEXT, true, NULL, LIST("Ethnic group")),
    COL("leaving_reason", "Leaving reason", RK_TEXT, true,
        LIST("Resignation", "Retirement", "Ill-health retirement", "Dismissal", "Transfer", "End of contract",
             "Death", "Other"),
        NULL),
};

static bool in_list(const char *const *list, const char *s)
{
    for (size_t i = 0; s && list[i]; i++)
        if (strcmp(list[i], s) == 0)
            return true;
    return false;
}

static rk_status derive_workforce_events(rk_kind_ctx *ctx, rk_dataset *ds, rk_error *err)
{
    int event = col_of(ds, "event"), type = col_of(ds, "worker_type"), rank = col_of(ds, "rank_or_grade");
    int reason = col_of(ds, "leaving_reason");
    breach joiner_reason = {0}, bad_rank = {0};
    for (size_t row = 0; row < ds->nrow; row++) {
        const char *e = event >= 0 ? text_at(ds, event, row) : NULL;
        if (e && strcmp(e, "Joiner") == 0 && reason >= 0 && text_at(ds, reason, row))
            breach_note(&joiner_reason, row);
        const char *t = type >= 0 ? text_at(ds, type, row) : NULL;
        const char *r = rank >= 0 ? text_at(ds, rank, row) : NULL;
        if (t && r && strcmp(t, "Police Officer") == 0 && !in_list(officer_ranks, r))
            breach_note(&bad_rank, row);
    }
    rk_status st = breach_report(ctx, &joiner_reason, "leaving_reason", "a joiner has a leaving reason", err);
    if (st == RK_OK)
        st = breach_report(ctx, &bad_rank, "rank_or_grade", "an officer's rank is not a Home Office rank", err);
    if (st == RK_OK)
        st = report_duplicates(ctx, ds, "id", "event", err);
    if (st == RK_OK)
        st = rk_kind_add_ethnic_group(ctx, ds, "ethnicity", true, err);
    if (st == RK_OK)
        st = rk_kind_add_periods(ds, "date", err);
    return st;
}

static const struct rk_derived workforce_events_derived[] = {
    {"ethnic_group", "ethnicity"}, {"ethnicity_detail", "ethnicity"},
    {"month", "date"}, {"quarter", "date"}, {"financial_year", "date"}, {NULL, NULL},
};

const rk_kind rk_kind_workforce_events = {
    "workforce_events", workforce_events_columns,
    sizeof workforce_events_columns / sizeof workforce_events_columns[0],
    NULL, NULL, derive_workforce_events, workforce_events_derived,
};

/* ---- s136 -------------------------------------------------------------- */

/* Both layouts' columns; which are needed depends on the layout, checked
 * in derive_s136. */
static const rk_kind_column s136_columns[] = {
    COL("month", "Month", RK_TEXT, false, NULL, NULL),
    COL("detentions", "Detentions", RK_INTEGER, false, NULL, NULL),
    COL("sectioned", "Sectioned", RK_INTEGER, false, NULL, NULL),
    COL("conveyed_by_ambulance", "Conveyed by ambulance", RK_INTEGER, false, NULL, NULL),
    COL("conveyed_by_police_vehicle", "Conveyed by police vehicle", RK_INTEGER, false, NULL, NULL),
    COL("conveyed_other", "Conveyed other", RK_INTEGER, false, NULL, NULL),
    COL("asian", "Asian", RK_INTEGER, false, NULL, NULL),
    COL("black", "Black", RK_INTEGER, false, NULL, NULL),
    COL("mixed", "Mixed", RK_INTEGER, false, NULL, NULL),
    COL("white", "White", RK_INTEGER, false, NULL, NULL),
    COL("other_ethnic_group", "Other ethnic group", RK_INTEGER, false, NULL, NULL),
    COL("not_stated", "Not stated", RK_INTEGER, false, NULL, NULL),
    COL("dip_sample_checked", "Dip sample checked", RK_INTEGER, false, NULL, NULL),
    COL("dip_sample_appropriate", "Dip sample appropriate", RK_INTEGER, false, NULL, NULL),
    COL("id", "Id", RK_TEXT, false, NULL, NULL),
    COL("date", "Date", RK_DATE, false, NULL, NULL),
    COL("ethnicity", "Ethnicity", RK_TEXT, false, NULL, LIST("Ethnic group")),
    COL("outcome", "Outcome", RK_TEXT, false,
        LIST("Sectioned", "Informal admission", "Discharged with referral", "Discharged no further action", "Other"),
        NULL),
    COL("conveyance", "Conveyance", RK_TEXT, false, LIST("Ambulance", "Police vehicle", "Other"), NULL),
};

static bool is_sectioned(const char *outcome)
{
    return strcmp(outcome, "Sectioned") == 0;
}

/* A month absent between the first and the last of a monthly series is a
 * missing return, not a month of zero detentions: report each. */
static rk_status report_missing_months(rk_kind_ctx *ctx, const rk_dataset *ds, int month, rk_error *err)
{
    int lo = 0, hi = -1;
    for (size_t row = 0; row < ds->nrow; row++) {
        const char *m = text_at(ds, month, row);
        int32_t days;
        if (!m || !rk_period_parse_day(m, strlen(m), &days))
            continue;
        int idx = rk_month_index(days);
        if (hi < lo) {
            lo = hi = idx;
        } else {
            lo = idx < lo ? idx : lo;
            hi = idx > hi ? idx : hi;
        }
    }
    if (hi < lo || hi - lo > 12 * 100)
        return RK_OK;
    uint8_t *seen = calloc((size_t)(hi - lo + 1), 1);
    if (!seen)
        return rk_error_nomem(err);
    for (size_t row = 0; row < ds->nrow; row++) {
        const char *m = text_at(ds, month, row);
        int32_t days;
        if (m && rk_period_parse_day(m, strlen(m), &days))
            seen[rk_month_index(days) - lo] = 1;
    }
    rk_status st = RK_OK;
    char buf[RK_VALUE_BUF];
    for (int i = lo; i <= hi && st == RK_OK; i++) {
        if (seen[i - lo])
            continue;
        rk_month_label(i, buf);
        st = rk_kind_problem(ctx, "month", 1, SIZE_MAX, err,
                             "%s is missing from the series: a missing month is not a month of zero detentions", buf);
    }
    free(seen);
    return st;
}

static rk_status derive_s136_monthly(rk_kind_ctx *ctx, rk_dataset *ds, rk_error *err)
{
    int month = col_of(ds, "month"), det = col_of(ds, "detentions"), sec = col_of(ds, "sectioned");
    int checked = col_of(ds, "dip_sample_checked"), appropriate = col_of(ds, "dip_sample_appropriate");
    static const char *const conveyance[] = {"conveyed_by_ambulance", "conveyed_by_police_vehicle", "conveyed_other"};
    static const char *const groups[] = {"asian", "black", "mixed", "white", "other_ethnic_group", "not_stated"};
    breach bad_month = {0}, over_sectioned = {0}, over_conveyed = {0}, over_groups = {0}, over_dip = {0}, one_dip = {0};
    for (size_t row = 0; row < ds->nrow; row++) {
        const char *m = text_at(ds, month, row);
        int32_t days;
        if (m && (strlen(m) != 7 || !rk_period_parse_day(m, 7, &days)))
            breach_note(&bad_month, row);
        int64_t d = 0, v, sum = 0, a, c;
        bool have_d = int_at(ds, det, row, &d);
        if (have_d && int_at(ds, sec, row, &v) && v > d)
            breach_note(&over_sectioned, row);
        for (size_t k = 0; k < 3; k++)
            if (int_at(ds, col_of(ds, conveyance[k]), row, &v))
                sum += v;
        if (have_d && sum > d)
            breach_note(&over_conveyed, row);
        sum = 0;
        for (size_t k = 0; k < 6; k++)
            if (int_at(ds, col_of(ds, groups[k]), row, &v))
                sum += v;
        if (have_d && sum > d)
            breach_note(&over_groups, row);
        bool have_c = int_at(ds, checked, row, &c), have_a = int_at(ds, appropriate, row, &a);
        if (have_c != have_a)
            breach_note(&one_dip, row);
        else if (have_c && a > c)
            breach_note(&over_dip, row);
    }
    rk_status st = breach_report(ctx, &bad_month, "month", "not a month written as 2024-04", err);
    if (st == RK_OK) st = breach_report(ctx, &over_sectioned, "sectioned", "more sectioned than detentions", err);
    if (st == RK_OK) st = breach_report(ctx, &over_conveyed, "detentions", "the conveyance counts add up to more than the detentions", err);
    if (st == RK_OK) st = breach_report(ctx, &over_groups, "detentions", "the ethnic group counts add up to more than the detentions", err);
    if (st == RK_OK) st = breach_report(ctx, &over_dip, "dip_sample_appropriate", "more logs appropriate than checked", err);
    if (st == RK_OK) st = breach_report(ctx, &one_dip, "dip_sample_checked", "only one of the dip sample counts is filled", err);
    if (st == RK_OK) st = report_duplicates(ctx, ds, "month", NULL, err);
    if (st == RK_OK && bad_month.count == 0)
        st = report_missing_months(ctx, ds, month, err);
    if (st == RK_OK && bad_month.count == 0)
        st = rk_kind_add_periods(ds, "month", err);
    return st;
}

static rk_status derive_s136(rk_kind_ctx *ctx, rk_dataset *ds, rk_error *err)
{
    bool monthly = col_of(ds, "month") >= 0 && col_of(ds, "detentions") >= 0;
    bool detentions = col_of(ds, "date") >= 0 && col_of(ds, "outcome") >= 0;
    if (!monthly && !detentions && !ctx->opts->columns)
        return rk_error_set(err, RK_EDATA,
                            "%s:1: an s136 file is either a monthly series (with Month and Detentions columns) or "
                            "one row per detention (with Date and Outcome columns); see docs/kinds.md", ctx->path);
    if (monthly)
        return derive_s136_monthly(ctx, ds, err);
    rk_status st = report_duplicates(ctx, ds, "id", NULL, err);
    int outcome = col_of(ds, "outcome");
    if (st == RK_OK && outcome >= 0 && ds->cols[outcome]->type == RK_TEXT) {
        rk_column *sectioned = rk_kind_boolean_of(ds->cols[outcome], "sectioned", is_sectioned);
        st = sectioned ? rk_kind_add(ds, sectioned, "Sectioned", err) : rk_error_nomem(err);
    }
    if (st == RK_OK)
        st = rk_kind_add_ethnic_group(ctx, ds, "ethnicity", true, err);
    if (st == RK_OK)
        st = rk_kind_add_periods(ds, "date", err);
    return st;
}

static const struct rk_derived s136_derived[] = {
    {"ethnic_group", "ethnicity"}, {"ethnicity_detail", "ethnicity"}, {"quarter", "month"},
    {"financial_year", "month"}, {NULL, NULL},
};

const rk_kind rk_kind_s136 = {
    "s136", s136_columns, sizeof s136_columns / sizeof s136_columns[0], NULL, NULL, derive_s136, s136_derived,
};

/* ---- survey_actions ---------------------------------------------------- */

static const rk_kind_column survey_actions_columns[] = {
    COL_FILLED("ref", "Ref", RK_TEXT, true, NULL, NULL),
    COL_FILLED("owner", "Owner", RK_TEXT, true, NULL, NULL),
    COL_FILLED("action", "Action", RK_TEXT, true, NULL, NULL),
    COL("progress", "Progress", RK_TEXT, true, NULL, NULL),
    COL("status", "Status", RK_TEXT, true,
        LIST("Not started", "In progress", "Complete", "Red", "Amber", "Green"), NULL),
    COL("updated", "Updated", RK_DATE, true, NULL, NULL),
    COL("due", "Due", RK_DATE, false, NULL, NULL),
};

/* "31a": digits then one lower-case letter. */
static bool ref_form(const char *s)
{
    size_t i = 0;
    while (s[i] >= '0' && s[i] <= '9')
        i++;
    return i > 0 && s[i] >= 'a' && s[i] <= 'z' && s[i + 1] == '\0';
}

static bool owner_is_national(const char *owner)
{
    size_t n = strlen(owner);
    return strcmp(owner, "National") == 0 || (n > 11 && strcmp(owner + n - 11, " & National") == 0);
}

static bool owner_is_force(const char *owner)
{
    return strcmp(owner, "National") != 0;
}

static rk_status derive_survey_actions(rk_kind_ctx *ctx, rk_dataset *ds, rk_error *err)
{
    int ref = col_of(ds, "ref"), status = col_of(ds, "status"), owner = col_of(ds, "owner");
    breach bad_ref = {0};
    bool progress_scheme = false, rag_scheme = false;
    size_t first_mixed = SIZE_MAX;
    for (size_t row = 0; row < ds->nrow; row++) {
        const char *r = text_at(ds, ref, row);
        if (r && !ref_form(r))
            breach_note(&bad_ref, row);
        const char *s = text_at(ds, status, row);
        if (!s)
            continue;
        bool rag = strcmp(s, "Red") == 0 || strcmp(s, "Amber") == 0 || strcmp(s, "Green") == 0;
        bool progress = strcmp(s, "Not started") == 0 || strcmp(s, "In progress") == 0 || strcmp(s, "Complete") == 0;
        rag_scheme |= rag;
        progress_scheme |= progress;
        if (rag_scheme && progress_scheme && first_mixed == SIZE_MAX)
            first_mixed = row;
    }
    rk_status st = breach_report(ctx, &bad_ref, "ref", "not a reference such as 31a (a number, then a letter)", err);
    if (st == RK_OK && first_mixed != SIZE_MAX)
        st = rk_kind_problem(ctx, "status", 1, first_mixed, err,
                             "the file mixes progress statuses (Not started, In progress, Complete) with RAG colours");
    if (st == RK_OK)
        st = report_duplicates(ctx, ds, "ref", NULL, err);
    if (st == RK_OK && owner >= 0 && ds->cols[owner]->type == RK_TEXT) {
        rk_column *force = rk_kind_boolean_of(ds->cols[owner], "owner_force", owner_is_force);
        st = force ? rk_kind_add(ds, force, "Force owns", err) : rk_error_nomem(err);
        rk_column *national = st == RK_OK ? rk_kind_boolean_of(ds->cols[owner], "owner_national", owner_is_national)
                                          : NULL;
        if (st == RK_OK)
            st = national ? rk_kind_add(ds, national, "National owns", err) : rk_error_nomem(err);
    }
    return st;
}

static const struct rk_derived survey_actions_derived[] = {
    {"owner_force", "owner"}, {"owner_national", "owner"}, {NULL, NULL},
};

const rk_kind rk_kind_survey_actions = {
    "survey_actions", survey_actions_columns, sizeof survey_actions_columns / sizeof survey_actions_columns[0],
    NULL, NULL, derive_survey_actions, survey_actions_derived,
};

/* ---- activities ---------------------------------------------------------- */

static const char *const workstream_names[] = {"Represented", "Not over-policed", "Involved",
                                               "Not under-protected", NULL};

static const rk_kind_column activities_columns[] = {
    COL_FILLED("id", "Id", RK_TEXT, true, NULL, NULL),
    COL_FILLED("date", "Date", RK_DATE, true, NULL, NULL),
    COL_FILLED("workstream", "Workstream", RK_INTEGER, true, LIST("1", "2", "3", "4"), NULL),
    COL("workstream_name", "Workstream name", RK_TEXT, false, workstream_names, NULL),
    COL_FILLED("activity", "Activity", RK_TEXT, true, NULL, NULL),
    COL_FILLED("activity_type", "Activity type", RK_TEXT, true,
        LIST("Training", "Workshop", "Engagement event", "Scrutiny panel", "Mentoring", "Coaching", "Campaign",
             "Recruitment event", "Working group", "Other"),
        NULL),
    COL("department_or_lpa", "Department or LPA", RK_TEXT, true, NULL, NULL),
    COL("reach", "Reach", RK_INTEGER, true, NULL, NULL),
    COL("reach_unit", "Reach unit", RK_TEXT, true,
        LIST("attendees", "participants", "facilitators", "mentors", "mentees", "members", "views", "other"), NULL),
    COL("audience", "Audience", RK_TEXT, true, NULL, NULL),
    COL("feedback_score", "Feedback score", RK_NUMBER, true, NULL, NULL),
    COL("feedback_responses", "Feedback responses", RK_INTEGER, false, NULL, NULL),
    COL_FILLED("evidence_level", "Evidence level", RK_INTEGER, true, LIST("0", "1", "2", "3", "4"), NULL),
    COL("notes", "Notes", RK_TEXT, false, NULL, NULL),
};

static rk_status derive_activities(rk_kind_ctx *ctx, rk_dataset *ds, rk_error *err)
{
    int ws = col_of(ds, "workstream"), name = col_of(ds, "workstream_name"), reach = col_of(ds, "reach");
    int unit = col_of(ds, "reach_unit"), score = col_of(ds, "feedback_score"), responses = col_of(ds, "feedback_responses");
    breach name_disagrees = {0}, negative_reach = {0}, unit_without = {0}, reach_without_unit = {0}, bad_score = {0},
           score_without_responses = {0};
    for (size_t row = 0; row < ds->nrow; row++) {
        int64_t w, r, n;
        const char *wn = text_at(ds, name, row);
        if (wn && int_at(ds, ws, row, &w) && w >= 1 && w <= 4 && strcmp(workstream_names[w - 1], wn) != 0)
            breach_note(&name_disagrees, row);
        bool have_reach = int_at(ds, reach, row, &r);
        const char *u = text_at(ds, unit, row);
        if (have_reach && r < 0)
            breach_note(&negative_reach, row);
        if (have_reach && !u)
            breach_note(&reach_without_unit, row);
        if (!have_reach && u)
            breach_note(&unit_without, row);
        if (score >= 0 && ds->cols[score]->type == RK_NUMBER && !rk_column_is_missing(ds->cols[score], row)) {
            double s = ds->cols[score]->v.numbers[row];
            if (s < 1.0 || s > 5.0)
                breach_note(&bad_score, row);
            if (responses >= 0 && !int_at(ds, responses, row, &n))
                breach_note(&score_without_responses, row);
        }
    }
    rk_status st = breach_report(ctx, &name_disagrees, "workstream_name", "the workstream name does not match its number", err);
    if (st == RK_OK) st = breach_report(ctx, &negative_reach, "reach", "reach is below 0", err);
    if (st == RK_OK) st = breach_report(ctx, &reach_without_unit, "reach_unit", "reach has no unit", err);
    if (st == RK_OK) st = breach_report(ctx, &unit_without, "reach_unit", "a reach unit without a reach", err);
    if (st == RK_OK) st = breach_report(ctx, &bad_score, "feedback_score", "feedback score outside 1 to 5", err);
    if (st == RK_OK) st = breach_report(ctx, &score_without_responses, "feedback_responses",
                                        "a feedback score without the number of responses it averages", err);
    if (st == RK_OK) st = report_duplicates(ctx, ds, "id", NULL, err);
    if (st == RK_OK) st = rk_kind_add_periods(ds, "date", err);
    return st;
}

static const struct rk_derived activities_derived[] = {
    {"month", "date"}, {"quarter", "date"}, {"financial_year", "date"}, {NULL, NULL},
};

const rk_kind rk_kind_activities = {
    "activities", activities_columns, sizeof activities_columns / sizeof activities_columns[0],
    NULL, NULL, derive_activities, activities_derived,
};
