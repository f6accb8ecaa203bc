-- the io library is not opened
print(rawget(_G, "io"))
io.write("written\n")
