return {where = "path_b"}
