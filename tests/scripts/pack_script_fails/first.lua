rapkit.figure{name = "first", title = "First", statement = "Made.", table = rapkit.dataset{n = {1}}}
