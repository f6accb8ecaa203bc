-- Figure names are files: two scripts may not make figures of one name.
return {title = "Duplicate", scripts = {"a.lua", "b.lua"}}
