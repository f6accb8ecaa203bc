-- The EMMIE-style scheme of the standard library (scripts/matrix/emmie.lua:
-- Effect, Mechanism, Moderators, Implementation and Economics, each an
-- evidence level 0-4). To try changes, copy that file here in place of this
-- line, give it a new name or version, and run it again.
return require("matrix.emmie")
