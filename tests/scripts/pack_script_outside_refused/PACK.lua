-- A script may read files in its own folder, so the pack's scripts must lie
-- in the pack's folder: "../s.lua" is refused even though data may be there.
return {title = "T", scripts = {"s.lua", "../s.lua"}}
