-- scripts may define their own globals and functions
count = 3
function double(x) return x * 2 end
lookup = {a = 1}
print(double(count), lookup.a, rawget(_G, "count"))
count = nil
print(rawget(_G, "count"))
