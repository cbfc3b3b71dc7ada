-- Matrix multiply: two n x n float64 matrices, multiplied row by row
-- (i-k-j order); prints the sum of the product's entries.
local function new_matrix(n)
  local m = {}
  for i = 1, n do
    local row = {}
    for j = 1, n do row[j] = 0.0 end
    m[i] = row
  end
  return m
end

local function multiply(a, b)
  local n = #a
  local c = new_matrix(n)
  for i = 1, n do
    local ci, ai = c[i], a[i]
    for k = 1, n do
      local aik, bk = ai[k], b[k]
      for j = 1, n do ci[j] = ci[j] + aik * bk[j] end
    end
  end
  return c
end

local n = tonumber(arg[1]) or 200
local a, b = new_matrix(n), new_matrix(n)
for i = 0, n - 1 do
  for j = 0, n - 1 do
    a[i + 1][j + 1] = ((i + 1) * (j + 2) % 17) / 16 - 0.5
    b[i + 1][j + 1] = ((3 * i + j) % 13) / 12
  end
end
local c = multiply(a, b)
local sum = 0.0
for i = 1, n do
  local row = c[i]
  for j = 1, n do sum = sum + row[j] end
end
print(string.format("%.6f", sum))
