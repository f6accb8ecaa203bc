local ok, err = pcall(rapkit.read_csv, "ragged.csv")
error(err, 0)
