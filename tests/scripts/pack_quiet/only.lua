rapkit.figure{name = "one", title = "One", statement = "One row.", table = rapkit.dataset{n = {1}}}
