-- A pack file grants its scripts read access to the data it lists, so a
-- path may not leave the folder that holds the pack's folder (here "../x"
-- would be fine, "../../x" is not): refused before any script runs.
return {title = "T", data = {secret = "../../etc/hostname"}, scripts = {"s.lua"}}
