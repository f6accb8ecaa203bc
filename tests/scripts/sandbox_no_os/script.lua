-- the os library is not opened
print(rawget(_G, "os"))
os.execute("touch pwned")
