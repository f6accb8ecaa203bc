print(rapkit.data.stops)
