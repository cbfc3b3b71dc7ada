-- Spectral norm: the largest singular value of the infinite matrix
-- A(i,j) = 1/((i+j)(i+j+1)/2+i+1), cut to n x n, by 10 power iterations.
-- Vectors are 1-based; a() takes the 0-based matrix indices.
local function a(i, j)
  return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1)
end

local function mul_av(v, av, n)
  for i = 1, n do
    local s = 0.0
    for j = 1, n do s = s + a(i - 1, j - 1) * v[j] end
    av[i] = s
  end
end

local function mul_atv(v, atv, n)
  for i = 1, n do
    local s = 0.0
    for j = 1, n do s = s + a(j - 1, i - 1) * v[j] end
    atv[i] = s
  end
end

local function mul_atav(v, out, tmp, n)
  mul_av(v, tmp, n)
  mul_atv(tmp, out, n)
end

local n = tonumber(arg[1]) or 100
local u, v, tmp = {}, {}, {}
for i = 1, n do u[i], v[i], tmp[i] = 1.0, 0.0, 0.0 end
for _ = 1, 10 do
  mul_atav(u, v, tmp, n)
  mul_atav(v, u, tmp, n)
end
local vbv, vv = 0.0, 0.0
for i = 1, n do
  vbv = vbv + u[i] * v[i]
  vv = vv + v[i] * v[i]
end
print(string.format("%.9f", math.sqrt(vbv / vv)))
