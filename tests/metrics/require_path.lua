-- RAPKIT_PATH folders are searched after the script's folder and before the
-- metric library, in the order given.
local a = require("from_path")
local b = require("second")
print(a.where, b.where)
-- A module in the script's folder shadows one of the same name on the path.
print(require("shadowed").where)
-- A module in the library is found after the path.
print(type(require("find_rate").run))
require("nosuch.module")
