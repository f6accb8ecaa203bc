-- nor load, which turns a reader's error into "nil, message"
local f, err = load(function()
  while true do end
end)
print("caught", f, err)
