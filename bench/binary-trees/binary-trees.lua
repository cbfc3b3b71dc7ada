-- Binary trees: allocate and walk many perfect binary trees (depth from the
-- argument), plus one long-lived tree that survives the whole run.
local function bottom_up(depth)
  if depth == 0 then return {} end
  return { bottom_up(depth - 1), bottom_up(depth - 1) }
end

local function check(node)
  if node[1] == nil then return 1 end
  return 1 + check(node[1]) + check(node[2])
end

local n = tonumber(arg[1]) or 16
local min_depth = 4
local max_depth = math.max(min_depth + 2, n)

local stretch = max_depth + 1
print(string.format("stretch tree of depth %d check: %d", stretch, check(bottom_up(stretch))))

local long_lived = bottom_up(max_depth)
for d = min_depth, max_depth, 2 do
  local iterations = math.floor(2 ^ (max_depth - d + min_depth))
  local sum = 0
  for _ = 1, iterations do sum = sum + check(bottom_up(d)) end
  print(string.format("%d trees of depth %d check: %d", iterations, d, sum))
end
print(string.format("long lived tree of depth %d check: %d", max_depth, check(long_lived)))
