-- pcall must not swallow the memory limit
local rows = {}
local ok, err = pcall(function()
  for i = 1, 1e9 do rows[i] = "row " .. i end
end)
print("caught", ok, err)
