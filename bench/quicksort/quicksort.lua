-- Quicksort: sort n pseudo-random ints (Park-Miller generator) with a
-- recursive Hoare-partition quicksort; print the smallest, median and largest.
local floor = math.floor

local function quicksort(a, lo, hi)
  if lo >= hi then return end
  local pivot = a[lo + floor((hi - lo) / 2)]
  local i, j = lo, hi
  while i <= j do
    while a[i] < pivot do i = i + 1 end
    while a[j] > pivot do j = j - 1 end
    if i <= j then
      a[i], a[j] = a[j], a[i]
      i, j = i + 1, j - 1
    end
  end
  quicksort(a, lo, j)
  quicksort(a, i, hi)
end

local n = tonumber(arg[1]) or 1000000
local a = {}
local seed = 42
for i = 1, n do
  seed = seed * 16807 % 2147483647
  a[i] = seed
end
quicksort(a, 1, n)
for i = 2, n do
  if a[i - 1] > a[i] then
    print(string.format("not sorted at %d", i - 1))
    os.exit(0)
  end
end
print(string.format("%d %d %d", a[1], a[floor(n / 2) + 1], a[n]))
