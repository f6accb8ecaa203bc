-- the coroutine library is not opened
print(rawget(_G, "coroutine"))
coroutine.wrap(print)
