-- link.csv, in the pack's folder, is a symbolic link to /etc/hostname: a
-- path is judged by where it leads, so it is refused.
return {title = "T", data = {secret = "link.csv"}, scripts = {"s.lua"}}
