-- errors in a module name the module's file and line
local ok, err = pcall(require, "syntax_error")
print(ok, err)
ok, err = pcall(require, "loop_a")
print(ok, err)
require("broken")
