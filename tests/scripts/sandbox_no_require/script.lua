-- there is no package library; require is the sandbox-safe one, which takes
-- module names only, never paths
print(rawget(_G, "package"))
require("../os")
