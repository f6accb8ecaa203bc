rapkit.figure{name = "same", title = "A", statement = "From a.", table = rapkit.dataset{n = {1}}}
