return {title = "Figure specs", data = {counts = "counts.csv"}, scripts = {"figure.lua"}}
