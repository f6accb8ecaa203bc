-- require finds NAME.lua in the script's folder (dots are folders), runs it
-- once and caches what it returned; a module that returns nothing gives true.
print("package", rawget(_G, "package"))
local helper = require("helper")
print(helper.double(21))
local again = require("helper")          -- cached: "loading helper" printed once
print("same table", again == helper)
print("sub.mod", require("sub.mod"))
print("sub.mod again", require("sub.mod"))
print("sees rapkit", helper.min_count)
