-- rapkit run --quiet: accepted; a script's own output is unchanged (progress
-- shows only on a terminal, so this run would show none either way).
print(rapkit.dataset{n = {1, 2}}:nrow())
