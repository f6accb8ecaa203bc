return {where = "path_a"}
