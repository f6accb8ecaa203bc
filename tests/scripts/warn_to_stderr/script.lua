print("before")
warn("check ", "this")
warn("@on")
print("after")
