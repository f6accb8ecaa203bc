local say = rapkit.say
print(say.compare(32, 24, "joiners", "leavers"))
print(say.compare(24, 32, "joiners", "leavers", {min = 10, decimal = 1}))
