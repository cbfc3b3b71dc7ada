-- Sieve of Eratosthenes: count the primes below 1,000,000, n times over.
local LIMIT = 1000000

local function count_primes()
  local composite = {}
  for i = 1, LIMIT - 1 do composite[i] = false end
  local count = 0
  for i = 2, LIMIT - 1 do
    if not composite[i] then
      count = count + 1
      for j = i * i, LIMIT - 1, i do composite[j] = true end
    end
  end
  return count
end

local n = tonumber(arg[1]) or 6
local total = 0
for _ = 1, n do total = total + count_primes() end
print(string.format("%d", total))
