-- require is removed
print(rawget(_G, "require"))
require("os")
