-- A phrase longer than the binding's stack buffer (512 bytes) comes back
-- whole.
local label = string.rep("j", 600)
local phrase = rapkit.say.compare(32, 24, label, "leavers")
print(#phrase)
print(phrase:sub(1, 6), phrase:sub(-30))
print(phrase == "32 " .. label .. " is 33% more than 24 leavers")
