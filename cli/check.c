/* rapkit check PATH... --kind KIND: a validation report on files of a kind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "rk_host.h"
#include "rk_kind.h"

static int check_usage(const char *message, const char *arg)
{
    fprintf(stderr, "rapkit: check: %s", message);
    if (arg)
        fprintf(stderr, " '%s'", arg);
    fputs("\nrapkit: see 'rapkit --help' for usage\n", stderr);
    return RK_EXIT_USAGE;
}

int rk_cmd_check(int argc, char **argv)
{
    const char *kind_name = NULL;
    const char **paths = calloc((size_t)argc + 1, sizeof *paths);
    size_t npaths = 0;
    if (!paths)
        return RK_EXIT_FAILURE;
    int code = RK_EXIT_OK;
    for (int i = 0; i < argc && code == RK_EXIT_OK; i++) {
        if (strcmp(argv[i], "--kind") == 0) {
            if (i + 1 >= argc)
                code = check_usage("--kind needs a kind", NULL);
            else
                kind_name = argv[++i];
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            free(paths);
            return rk_help_topic("check");
        } else if (strncmp(argv[i], "--kind=", 7) == 0) {
            kind_name = argv[i] + 7;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            code = check_usage("unknown option", argv[i]);
        } else {
            paths[npaths++] = argv[i];
        }
    }
    const rk_kind *kind = NULL;
    if (code == RK_EXIT_OK && !kind_name)
        code = check_usage("say which kind the files are, with --kind KIND", NULL);
    if (code == RK_EXIT_OK && npaths == 0)
        code = check_usage("missing the files to check", NULL);
    if (code == RK_EXIT_OK && !(kind = rk_kind_find(kind_name))) {
        fprintf(stderr, "rapkit: check: unknown kind '%s' (kinds:", kind_name);
        for (const char *const *n = rk_kind_names(); *n; n++)
            fprintf(stderr, " %s", *n);
        fputs(")\n", stderr);
        code = RK_EXIT_USAGE;
    }
    if (code == RK_EXIT_OK) {
        bool usable = false;
        rk_error err;
        if (rk_check_report(stdout, kind, paths, npaths, &usable, &err) != RK_OK) {
            fprintf(stderr, "rapkit: %s\n", err.message);
            code = RK_EXIT_FAILURE;
        } else if (fflush(stdout) != 0 || ferror(stdout)) {
            code = RK_EXIT_FAILURE;
        } else {
            code = usable ? RK_EXIT_OK : RK_EXIT_DATA;
        }
    }
    free(paths);
    return code;
}
