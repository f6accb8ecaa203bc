-- module names are dotted identifiers only: no paths, no "..", nothing else
for _, name in ipairs{"../outside", "/etc/passwd", "a/b", "a..b", ".a", "a.", "", "os lib", 42} do
  local ok, err = pcall(require, name)
  print(ok, err)
end
