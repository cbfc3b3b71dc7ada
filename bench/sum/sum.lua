-- Sum over a large slice: fill 1,000,000 ints, then add them all up n times.
local n = tonumber(arg[1]) or 10
local xs = {}
for i = 1, 1000000 do xs[i] = (i - 1) % 1000 end
local total = 0
for _ = 1, n do
  for i = 1, #xs do total = total + xs[i] end
end
print(string.format("%d", total))
