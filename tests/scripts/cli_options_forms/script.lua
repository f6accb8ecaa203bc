print(rapkit.data.first, rapkit.data.second)
