/* rapkit matrix SCHEME.lua --data NAME=PATH --period P [--compare P]
 *   [--against SCHEME2.lua] [--sensitivity DRAWS] [--seed N] [--spread PERCENT]
 *   [--out DIR] [--verbose]
 *
 * Runs the scheme file as a script (so its errors name its lines and it
 * reads what a script may), then hands the scheme it returns to the matrix
 * module's main (scripts/matrix.lua) with the options as text. Options are
 * checked here, so a mistyped number or period is a usage error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "rk_host.h"
#include "rk_period.h"

#define MAX_DRAWS 1000000

/* The option's value if it is a period label; else a usage message. */
static int check_period(const char *option, const char *value)
{
    rk_period kind;
    int32_t first, last;
    if (rk_period_parse_label(value, strlen(value), &kind, &first, &last))
        return 0;
    usage_error("%s expects a period such as \"2025-26 Q2\", 2025-26 or 2025-09, got '%s'", option, value);
    return -1;
}

/* The option's value if it is a whole number from lo to hi. */
static int check_whole(const char *option, const char *value, long long lo, long long hi)
{
    char *end;
    errno = 0;
    long long v = strtoll(value, &end, 10);
    if (end != value && *end == '\0' && !errno && v >= lo && v <= hi)
        return 0;
    usage_error("%s expects a whole number from %lld to %lld, got '%s'", option, lo, hi, value);
    return -1;
}

static int check_spread(const char *value)
{
    char *end;
    errno = 0;
    double v = strtod(value, &end);
    if (end != value && *end == '\0' && !errno && v > 0 && v < 100)
        return 0;
    usage_error("--spread expects a percentage above 0 and below 100, got '%s'", value);
    return -1;
}

/* The entry arguments, by name, as the module reads them. */
enum { ARG_SCHEME, ARG_PERIOD, ARG_COMPARE, ARG_AGAINST, ARG_SENSITIVITY, ARG_SEED, ARG_SPREAD, N_ARGS };
static const char *const arg_names[N_ARGS] = {"scheme", "period", "compare", "against", "sensitivity", "seed",
                                              "spread"};
static const char *const arg_options[N_ARGS] = {NULL, "--period", "--compare", "--against", "--sensitivity",
                                                "--seed", "--spread"};

static int parse(int argc, char **argv, rk_host_options *opts, rk_data_file *data, const char **values)
{
    const char *value;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0') {
            if (values[ARG_SCHEME])
                return usage_error("matrix: unexpected argument '%s' (one scheme at a time; a second "
                                   "goes with --against)", arg);
            values[ARG_SCHEME] = arg;
            continue;
        }
        if (strcmp(arg, "--verbose") == 0) {
            opts->verbose = true;
            continue;
        }
        int r;
        if ((r = option_value(argc, argv, &i, "--data", &value)) != 0) {
            if (r < 0 || add_data_option(value, data, &opts->ndata) != 0)
                return RK_EXIT_USAGE;
            continue;
        }
        if ((r = option_value(argc, argv, &i, "--out", &value)) != 0) {
            if (r < 0)
                return RK_EXIT_USAGE;
            if (opts->out_dir || value[0] == '\0')
                return usage_error(opts->out_dir ? "--out given twice" : "--out needs a folder name");
            opts->out_dir = value;
            continue;
        }
        bool known = false;
        for (int k = ARG_PERIOD; k < N_ARGS && !known; k++) {
            if ((r = option_value(argc, argv, &i, arg_options[k], &value)) == 0)
                continue;
            if (r < 0)
                return RK_EXIT_USAGE;
            if (values[k])
                return usage_error("%s given twice", arg_options[k]);
            if (((k == ARG_PERIOD || k == ARG_COMPARE) && check_period(arg_options[k], value) != 0)
                || (k == ARG_SENSITIVITY && check_whole(arg_options[k], value, 1, MAX_DRAWS) != 0)
                || (k == ARG_SEED && check_whole(arg_options[k], value, 0, (1LL << 53)) != 0)
                || (k == ARG_SPREAD && check_spread(value) != 0)
                || (k == ARG_AGAINST && value[0] == '\0'))
                return RK_EXIT_USAGE;
            values[k] = value;
            known = true;
        }
        if (!known)
            return usage_error("matrix: unknown option '%s'", arg);
    }
    if (!values[ARG_SCHEME])
        return usage_error("matrix: missing the scheme file (SCHEME.lua)");
    if (!values[ARG_PERIOD])
        return usage_error("matrix: say which period to score, with --period \"2025-26 Q2\"");
    if ((values[ARG_SEED] || values[ARG_SPREAD]) && !values[ARG_SENSITIVITY])
        return usage_error("matrix: --seed and --spread go with --sensitivity DRAWS");
    if (values[ARG_COMPARE] && strcmp(values[ARG_COMPARE], values[ARG_PERIOD]) == 0)
        return usage_error("matrix: --compare names the same period as --period");
    return 0;
}

int rk_cmd_matrix(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return rk_help_topic("matrix");
    rk_host_options opts;
    memset(&opts, 0, sizeof opts);
    /* One slot more than the arguments: the --against file is readable too. */
    rk_data_file *data = calloc((size_t)argc + 2, sizeof *data);
    rk_data_file args[N_ARGS];
    const char *values[N_ARGS] = {NULL};
    if (!data) {
        fputs("rapkit: out of memory\n", stderr);
        return RK_EXIT_FAILURE;
    }
    int code = parse(argc, argv, &opts, data, values);
    if (code == 0) {
        if (values[ARG_AGAINST]) {
            data[opts.ndata].name = NULL;   /* readable, not in rapkit.data */
            data[opts.ndata].path = values[ARG_AGAINST];
            opts.ndata++;
        }
        size_t nargs = 0;
        for (int k = 0; k < N_ARGS; k++) {
            if (!values[k])
                continue;
            args[nargs].name = arg_names[k];
            args[nargs].path = values[k];
            nargs++;
        }
        opts.script_path = values[ARG_SCHEME];
        opts.data = data;
        opts.entry = "matrix";
        opts.entry_args = args;
        opts.nentry_args = nargs;
        code = rk_host_run(&opts);
    }
    for (size_t k = 0; k < opts.ndata; k++)
        free((char *)data[k].name);
    free(data);
    return code;
}
