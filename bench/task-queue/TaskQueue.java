// Task queue: n rounds of a priority scheduler over a list of 200 task
// objects. Each step picks the pending task with the highest priority (the
// earliest on ties), runs it for one time slice, and lowers its priority if
// it is not finished.
import java.util.ArrayList;

public class TaskQueue {
    static final int TASKS_PER_ROUND = 200;
    static final int QUANTUM = 4;

    static final class Task {
        final int id;
        int priority, work, runs;
        boolean done;

        Task(int id, int priority, int work) {
            this.id = id;
            this.priority = priority;
            this.work = work;
        }

        // Works on the task for at most one quantum and returns the time used.
        int run() {
            int used = Math.min(work, QUANTUM);
            work -= used;
            runs++;
            if (work == 0) done = true;
            else priority--;
            return used;
        }
    }

    static final class Scheduler {
        final ArrayList<Task> tasks = new ArrayList<>();
        long clock, finished, checksum;

        void add(int id, int priority, int work) {
            tasks.add(new Task(id, priority, work));
        }

        Task next() {
            Task best = null;
            for (Task t : tasks) {
                if (!t.done && (best == null || t.priority > best.priority)) best = t;
            }
            return best;
        }

        void runAll() {
            for (Task t = next(); t != null; t = next()) {
                clock += t.run();
                if (t.done) {
                    finished++;
                    checksum += clock * (t.id % 7 + 1) + t.runs;
                }
            }
        }
    }

    static long seed = 12345;

    static int random(int bound) {
        seed = seed * 16807 % 2147483647;
        return (int) (seed % bound);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long finished = 0, clock = 0, checksum = 0;
        for (int r = 0; r < rounds; r++) {
            Scheduler s = new Scheduler();
            for (int i = 0; i < TASKS_PER_ROUND; i++) {
                int priority = random(8);
                s.add(i, priority, 1 + random(40));
            }
            s.runAll();
            finished += s.finished;
            clock += s.clock;
            checksum += s.checksum;
        }
        System.out.println(finished + " " + clock + " " + checksum);
    }
}
