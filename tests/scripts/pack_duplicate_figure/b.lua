-- the second figure named "same"
rapkit.figure{name = "same", title = "B", statement = "From b.", table = rapkit.dataset{n = {2}}}
