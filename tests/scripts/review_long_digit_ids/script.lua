-- 2026-11-24 review: 20-digit identifiers became doubles and lost digits.
local refs = rapkit.read_csv("refs.csv")
print(refs:type("id"), refs:type("case_ref"), refs:type("amount"), refs:type("count"))
print(refs:get(1, "id"), refs:get(2, "id"))
print(refs:get(1, "case_ref"), refs:get(2, "case_ref"))
local as_number = rapkit.read_csv("refs.csv", {types = {id = "number"}})
print(as_number:type("id"), math.type(as_number:get(1, "id")))
