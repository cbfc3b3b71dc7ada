-- Recursive tree building and walking: n rounds, each inserting 1,000
-- pseudo-random keys into an unbalanced binary search tree, then walking it
-- recursively for its node count, key sum and height.
local Node = {}
Node.__index = Node

function Node.new(key)
  return setmetatable({ key = key }, Node)
end

function Node:insert(key)
  if key < self.key then
    if self.left == nil then self.left = Node.new(key) else self.left:insert(key) end
  else
    if self.right == nil then self.right = Node.new(key) else self.right:insert(key) end
  end
end

local function count(n)
  if n == nil then return 0 end
  return 1 + count(n.left) + count(n.right)
end

local function sum(n)
  if n == nil then return 0 end
  return n.key + sum(n.left) + sum(n.right)
end

local function height(n)
  if n == nil then return 0 end
  local l, r = height(n.left), height(n.right)
  if l > r then return l + 1 end
  return r + 1
end

local rounds = tonumber(arg[1]) or 100
local seed = 7
local nodes, total, heights = 0, 0, 0
for _ = 1, rounds do
  seed = seed * 16807 % 2147483647
  local root = Node.new(seed % 100000)
  for _ = 2, 1000 do
    seed = seed * 16807 % 2147483647
    root:insert(seed % 100000)
  end
  nodes = nodes + count(root)
  total = total + sum(root)
  heights = heights + height(root)
end
print(string.format("%d %d %d", nodes, total, heights))
