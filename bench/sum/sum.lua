local n = tonumber(arg[1]) or 10000000
local xs = {}
for i = 1, n do xs[i] = (i - 1) % 1000 end
local total = 0
for i = 1, n do total = total + xs[i] end
print(total)
