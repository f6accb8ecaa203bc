-- the package library is not opened
print(rawget(_G, "package"))
package.loadlib("libc.so.6", "system")
