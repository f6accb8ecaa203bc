local function check(x)
  if not x then error("no value given", 0) end
end
check(nil)
