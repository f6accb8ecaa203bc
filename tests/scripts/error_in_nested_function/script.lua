local function ratio(a, b)
  return a / b.total
end
print(ratio(1, {}))
