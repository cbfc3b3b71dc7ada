// Task queue: n rounds of a priority scheduler over a slice of 200 task
// structs. Each step picks the pending task with the highest priority (the
// earliest on ties) through a pointer into the slice, runs it for one time
// slice, and lowers its priority if it is not finished.
package main

import (
	"fmt"
	"os"
	"strconv"
)

const (
	tasksPerRound = 200
	quantum       = 4
)

type Task struct {
	id       int
	priority int
	work     int
	runs     int
	done     bool
}

// run works on the task for at most one quantum and returns the time used.
func (t *Task) run() int {
	used := quantum
	if t.work < used {
		used = t.work
	}
	t.work -= used
	t.runs++
	if t.work == 0 {
		t.done = true
	} else {
		t.priority--
	}
	return used
}

type Scheduler struct {
	tasks    []Task
	clock    int
	finished int
	checksum int
}

func (s *Scheduler) add(id, priority, work int) {
	s.tasks = append(s.tasks, Task{id: id, priority: priority, work: work})
}

func (s *Scheduler) next() *Task {
	var best *Task
	for i := range s.tasks {
		t := &s.tasks[i]
		if !t.done && (best == nil || t.priority > best.priority) {
			best = t
		}
	}
	return best
}

func (s *Scheduler) runAll() {
	for t := s.next(); t != nil; t = s.next() {
		s.clock += t.run()
		if t.done {
			s.finished++
			s.checksum += s.clock*(t.id%7+1) + t.runs
		}
	}
}

type Random struct {
	seed int
}

func (r *Random) next(bound int) int {
	r.seed = r.seed * 16807 % 2147483647
	return r.seed % bound
}

func main() {
	rounds := 100
	if len(os.Args) > 1 {
		rounds, _ = strconv.Atoi(os.Args[1])
	}
	rng := &Random{seed: 12345}
	finished, clock, checksum := 0, 0, 0
	for r := 0; r < rounds; r++ {
		s := &Scheduler{}
		for i := 0; i < tasksPerRound; i++ {
			s.add(i, rng.next(8), 1+rng.next(40))
		}
		s.runAll()
		finished += s.finished
		clock += s.clock
		checksum += s.checksum
	}
	fmt.Println(finished, clock, checksum)
}
