-- Call dispatch: n calls in each of four phases: one closure (monomorphic),
-- four closures in turn (4-way polymorphic), one object method (monomorphic),
-- and four classes' methods in turn. Prints each phase's sum.
local function class(apply)
  local c = { apply = apply }
  c.__index = c
  return function(k) return setmetatable({ k = k }, c) end
end

local Add = class(function(self, x) return x + self.k end)
local Sub = class(function(self, x) return x - self.k end)
local Scale = class(function(self, x) return x * self.k end)
local Rev = class(function(self, x) return self.k - x end)

local function make_add(k) return function(x) return x + k end end
local function make_sub(k) return function(x) return x - k end end
local function make_scale(k) return function(x) return x * k end end
local function make_rev(k) return function(x) return k - x end end

local n = tonumber(arg[1]) or 1000000

local f = make_add(3)
local sum = 0
for i = 0, n - 1 do sum = sum + f(i % 1000) end
print(string.format("closure mono: %d", sum))

local fs = { make_add(3), make_sub(5), make_scale(2), make_rev(7) }
sum = 0
for i = 0, n - 1 do sum = sum + fs[i % 4 + 1](i % 1000) end
print(string.format("closure poly4: %d", sum))

local op = Add(3)
sum = 0
for i = 0, n - 1 do sum = sum + op:apply(i % 1000) end
print(string.format("interface mono: %d", sum))

local ops = { Add(3), Sub(5), Scale(2), Rev(7) }
sum = 0
for i = 0, n - 1 do sum = sum + ops[i % 4 + 1]:apply(i % 1000) end
print(string.format("interface poly4: %d", sum))
