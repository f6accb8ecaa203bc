return {where = "script folder"}
