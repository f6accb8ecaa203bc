-- An uncaught bad argument ends the run with exit code 3, blaming this line.
local say = rapkit.stats.proportion(5, 121)
print(string.format("%.3f", say.estimate))
local wrong = rapkit.stats.proportion(130, 121)
print("not reached")
