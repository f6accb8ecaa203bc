/* commands.h: rapkit's commands beyond run and describe (main.c). Each takes
 * the arguments after its name and returns an exit code (rk_exit_code). */
#ifndef RK_COMMANDS_H
#define RK_COMMANDS_H

int rk_cmd_check(int argc, char **argv);
int rk_cmd_pack(int argc, char **argv);

#endif
