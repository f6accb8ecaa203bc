-- --quiet: no summary on standard output (and no progress on a terminal).
return {title = "Quiet", scripts = {"only.lua"}}
