-- Paths in a pack file are relative to its folder: an absolute one is refused.
return {title = "T", data = {secret = "/etc/hostname"}, scripts = {"s.lua"}}
