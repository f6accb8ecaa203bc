-- The reach x depth x outcome scheme of the standard library
-- (scripts/matrix/reach_depth_outcome.lua), run against the EMMIE-style one.
return require("matrix.reach_depth_outcome")
