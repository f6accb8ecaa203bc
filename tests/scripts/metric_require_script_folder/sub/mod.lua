print("loading sub.mod")
