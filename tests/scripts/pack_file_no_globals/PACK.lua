-- A pack file is data: it runs with no globals at all, so calling a
-- function is an error naming its line.
return {title = os.date("%Y"), scripts = {"a.lua"}}
