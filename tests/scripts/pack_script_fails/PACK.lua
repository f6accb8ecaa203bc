-- The second script fails: the pack stops with its error (file and line)
-- and its exit code, and writes no PDF, statements or manifest; an earlier
-- pack's are removed (out/board-pack.pdf is there before the run).
return {title = "Fails", scripts = {"first.lua", "second.lua", "third.lua"}}
