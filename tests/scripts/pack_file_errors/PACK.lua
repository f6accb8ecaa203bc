-- A misspelt field of the pack file is an error, not ignored.
return {titel = "Misspelt", scripts = {"a.lua"}}
