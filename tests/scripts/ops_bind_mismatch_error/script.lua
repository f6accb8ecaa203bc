local jan = rapkit.dataset{names = {"force", "searches"}, force = {"Essex"}, searches = {10}}
local feb = rapkit.dataset{names = {"force", "searches"}, force = {"Essex"}, searches = {true}}
print(jan:nrow(), feb:nrow())
local both = rapkit.bind(jan, jan, feb)
