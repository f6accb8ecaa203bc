rapkit.figure{name = "x", title = "X", statement = "S.", table = rapkit.dataset{a = {1}}}
