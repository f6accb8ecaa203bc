-- A title, source and caveats with pipes, backslashes, HTML and line
-- breaks, and a statement with a control character: statements.md escapes
-- them all (tests/pack/check_pack_text.py checks manifest.json).
local counts = rapkit.dataset{stage = {"a|b", "<i>c</i>"}, people = {3, 4}}
rapkit.figure{
  name = "hostile",
  title = "Stages \\| <script>alert(1)</script>",
  statement = "Caf\xc3\xa9 \x01bell\ttab: 3 of 7 \"quoted\" \\ <b>.",
  source = "Source: C:\\data\\",
  caveats = {"Line one\nline two", "`code` <br>"},
  table = counts,
}
