-- A misspelt option of rapkit.load is an error, not silently ignored.
rapkit.load("population", "builtin:census-2011-west-midlands", {lenent = true})
