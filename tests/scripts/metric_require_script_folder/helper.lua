-- runs in the script's sandbox: rapkit and the globals are there
print("loading helper", ...)
return {double = function(x) return 2 * x end, min_count = rapkit.min_count}
