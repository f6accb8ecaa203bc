/* rapkit pack PACK.lua [--out DIR] [--quiet] [--verbose]: the board pack
 * (lua/rk_pack.h). */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "rk_host.h"
#include "rk_pack.h"

static int pack_usage(const char *message, const char *arg)
{
    fprintf(stderr, "rapkit: pack: %s", message);
    if (arg)
        fprintf(stderr, " '%s'", arg);
    fputs("\nrapkit: see 'rapkit help pack' for usage\n", stderr);
    return RK_EXIT_USAGE;
}

int rk_cmd_pack(int argc, char **argv)
{
    rk_pack_options opts = {0};
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            return rk_help_topic("pack");
        } else if (strcmp(arg, "--quiet") == 0) {
            opts.quiet = true;
        } else if (strcmp(arg, "--verbose") == 0) {
            opts.verbose = true;
        } else if (strcmp(arg, "--out") == 0 || strncmp(arg, "--out=", 6) == 0) {
            const char *value = arg[5] == '=' ? arg + 6 : i + 1 < argc ? argv[++i] : NULL;
            if (!value || !value[0])
                return pack_usage("--out needs a folder name", NULL);
            if (opts.out_dir)
                return pack_usage("--out given twice", NULL);
            opts.out_dir = value;
        } else if (arg[0] == '-' && arg[1]) {
            return pack_usage("unknown option", arg);
        } else if (opts.pack_path) {
            return pack_usage("unexpected argument (one pack file at a time)", arg);
        } else {
            opts.pack_path = arg;
        }
    }
    if (!opts.pack_path)
        return pack_usage("missing the pack file, as rapkit pack examples/board-pack/PACK.lua", NULL);
    return rk_pack_run(&opts);
}
