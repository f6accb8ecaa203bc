return require("loop_b")
