// Task queue: n rounds of a priority scheduler over an array of 200 task
// objects. Each step picks the pending task with the highest priority (the
// earliest on ties), runs it for one time slice, and lowers its priority if
// it is not finished.
"use strict";

const TASKS_PER_ROUND = 200;
const QUANTUM = 4;

class Task {
  constructor(id, priority, work) {
    this.id = id;
    this.priority = priority;
    this.work = work;
    this.runs = 0;
    this.done = false;
  }

  // Works on the task for at most one quantum and returns the time used.
  run() {
    const used = Math.min(this.work, QUANTUM);
    this.work -= used;
    this.runs++;
    if (this.work === 0) this.done = true;
    else this.priority--;
    return used;
  }
}

class Scheduler {
  constructor() {
    this.tasks = [];
    this.clock = 0;
    this.finished = 0;
    this.checksum = 0;
  }

  add(id, priority, work) {
    this.tasks.push(new Task(id, priority, work));
  }

  next() {
    let best = null;
    for (const t of this.tasks) {
      if (!t.done && (best === null || t.priority > best.priority)) best = t;
    }
    return best;
  }

  runAll() {
    for (let t = this.next(); t !== null; t = this.next()) {
      this.clock += t.run();
      if (t.done) {
        this.finished++;
        this.checksum += this.clock * (t.id % 7 + 1) + t.runs;
      }
    }
  }
}

let seed = 12345;
function random(bound) {
  seed = seed * 16807 % 2147483647;
  return seed % bound;
}

const rounds = process.argv.length > 2 ? parseInt(process.argv[2], 10) : 100;
let finished = 0, clock = 0, checksum = 0;
for (let r = 0; r < rounds; r++) {
  const s = new Scheduler();
  for (let i = 0; i < TASKS_PER_ROUND; i++) {
    const priority = random(8);
    s.add(i, priority, 1 + random(40));
  }
  s.runAll();
  finished += s.finished;
  clock += s.clock;
  checksum += s.checksum;
}
console.log(`${finished} ${clock} ${checksum}`);
