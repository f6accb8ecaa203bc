rapkit.figure{name = "numbers", title = "Numbers as a board paper shows them",
              statement = "Each column keeps its own places.", table = rapkit.read_csv(rapkit.data.numbers)}
