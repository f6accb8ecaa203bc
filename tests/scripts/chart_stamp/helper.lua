return {title = "White people were searched most often"}
