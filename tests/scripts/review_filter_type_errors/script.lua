-- 2026-11-24 review: a filter value of the wrong type matched nothing,
-- silently; lists with holes or keys were read wrong.
local d = rapkit.read_csv("people.csv")
local function try(spec)
  local ok, err = pcall(function() return d:filter(spec):nrow() end)
  print(ok, err)
end
try{name = 3}
try{age = "30"}
try{member = 1}
try{member = "yes"}
try{joined = "2024-13-01"}
try{name = {x = "Ann"}}
try{name = {"Ann", nil, "Bob"}}
try{age = {30, 41.0}}
try{member = "TRUE", joined = "01/02/2024"}
try{name = {"Ann", rapkit.MISSING}}
