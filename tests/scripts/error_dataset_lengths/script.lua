local ds = rapkit.dataset{group = {"a", "b"}, note = {"x", nil}}
