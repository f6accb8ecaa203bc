-- nor xpcall, whatever its handler does
local ok, err = xpcall(function()
  local n = 0
  while true do n = n + 1 end
end, function(m) return "handled: " .. tostring(m) end)
print("caught", ok, err)
