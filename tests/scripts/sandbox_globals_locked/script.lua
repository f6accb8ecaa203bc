-- the globals' metatable cannot be replaced or removed
print(getmetatable(_G))
setmetatable(_G, nil)
