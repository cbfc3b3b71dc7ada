-- Task queue: n rounds of a priority scheduler over an array of 200 task
-- tables. Each step picks the pending task with the highest priority (the
-- earliest on ties), runs it for one time slice, and lowers its priority if
-- it is not finished.
local TASKS_PER_ROUND = 200
local QUANTUM = 4

local Task = {}
Task.__index = Task

function Task.new(id, priority, work)
  return setmetatable({ id = id, priority = priority, work = work, runs = 0, done = false }, Task)
end

-- Works on the task for at most one quantum and returns the time used.
function Task:run()
  local used = QUANTUM
  if self.work < used then used = self.work end
  self.work = self.work - used
  self.runs = self.runs + 1
  if self.work == 0 then
    self.done = true
  else
    self.priority = self.priority - 1
  end
  return used
end

local Scheduler = {}
Scheduler.__index = Scheduler

function Scheduler.new()
  return setmetatable({ tasks = {}, clock = 0, finished = 0, checksum = 0 }, Scheduler)
end

function Scheduler:add(id, priority, work)
  local tasks = self.tasks
  tasks[#tasks + 1] = Task.new(id, priority, work)
end

function Scheduler:next()
  local best = nil
  local tasks = self.tasks
  for i = 1, #tasks do
    local t = tasks[i]
    if not t.done and (best == nil or t.priority > best.priority) then best = t end
  end
  return best
end

function Scheduler:run_all()
  local t = self:next()
  while t ~= nil do
    self.clock = self.clock + t:run()
    if t.done then
      self.finished = self.finished + 1
      self.checksum = self.checksum + self.clock * (t.id % 7 + 1) + t.runs
    end
    t = self:next()
  end
end

local seed = 12345
local function random(bound)
  seed = seed * 16807 % 2147483647
  return seed % bound
end

local rounds = tonumber(arg[1]) or 100
local finished, clock, checksum = 0, 0, 0
for _ = 1, rounds do
  local s = Scheduler.new()
  for i = 0, TASKS_PER_ROUND - 1 do
    local priority = random(8)
    s:add(i, priority, 1 + random(40))
  end
  s:run_all()
  finished = finished + s.finished
  clock = clock + s.clock
  checksum = checksum + s.checksum
end
print(string.format("%d %d %d", finished, clock, checksum))
