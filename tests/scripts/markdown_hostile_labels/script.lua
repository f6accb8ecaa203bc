-- Labels from data cannot break the Markdown rapkit writes (regression):
-- a pipe is escaped, a backslash doubled (so "a\|b" cannot split a cell or
-- lose its backslash), < and > become &lt; and &gt; (no HTML), and a line
-- break or tab becomes a space. The same rule holds for ds:write("x.md"), a
-- chart's companion NAME.md and rapkit.markdown_text; the CSV keeps the
-- labels exactly.
local labels = {"a|b", "a\\|b", "<script>alert(1)</script>", "two\nlines", "tab\there", "C:\\data\\"}
local counts = rapkit.dataset{label = labels, n = {1, 2, 3, 4, 5, 6}}
local hostile = rapkit.dataset{["<b>group|name</b>"] = {"x"}, n = {1}}

counts:write("tables/labels.md")
hostile:write("tables/header.md")
rapkit.chart.bar{data = counts, x = "label", y = "n", title = "Labels that try to break Markdown"}:save("labels.png")
for _, label in ipairs(labels) do print(rapkit.markdown_text(label)) end
print(rapkit.markdown_text(42))
print(pcall(function() return rapkit.markdown_text({}) end))
