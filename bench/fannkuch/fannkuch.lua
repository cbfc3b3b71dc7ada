-- Fannkuch-redux: for every permutation of 1..n, count the pancake flips
-- until 1 comes first; print a signed checksum and the largest flip count.
-- Permutations hold the values 0..n-1 at positions 1..n.
local function fannkuch(n)
  local perm, current, count = {}, {}, {}
  for i = 1, n do
    perm[i], current[i], count[i] = 0, i - 1, 0
  end
  local checksum, max_flips, index = 0, 0, 0
  local r = n
  while true do
    while r ~= 1 do
      count[r] = r
      r = r - 1
    end
    for i = 1, n do perm[i] = current[i] end
    local flips = 0
    local k = perm[1]
    while k ~= 0 do
      local i, j = 1, k + 1
      while i < j do
        perm[i], perm[j] = perm[j], perm[i]
        i, j = i + 1, j - 1
      end
      flips = flips + 1
      k = perm[1]
    end
    if flips > max_flips then max_flips = flips end
    if index % 2 == 0 then
      checksum = checksum + flips
    else
      checksum = checksum - flips
    end
    -- Advance to the next permutation by rotating a growing prefix.
    while true do
      if r == n then return checksum, max_flips end
      local first = current[1]
      for i = 1, r do current[i] = current[i + 1] end
      current[r + 1] = first
      count[r + 1] = count[r + 1] - 1
      if count[r + 1] > 0 then break end
      r = r + 1
    end
    index = index + 1
  end
end

local n = tonumber(arg[1]) or 10
local checksum, max_flips = fannkuch(n)
print(string.format("%d", checksum))
print(string.format("Pfannkuchen( %d ) = %d", n, max_flips))
