-- say.number writes a number as the phrases do: halves away from zero on the
-- number as written, thousands separators, 0 to 6 places.
local say = rapkit.say
print(say.number(1234.55, 1), say.number(2.5), say.number(3.5), say.number(-2.5), say.number(0.285, 2))
print(say.number(12.25, 1), say.number(1e6), say.number(-0.04, 1), say.number(0.004, 3))
print(pcall(say.number, 1, 7))
print(pcall(say.number, 1 / 0))
print(pcall(say.number, "12"))
