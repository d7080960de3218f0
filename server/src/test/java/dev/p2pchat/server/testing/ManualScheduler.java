package dev.p2pchat.server.testing;

import dev.p2pchat.server.signal.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler whose tasks run only when the test advances its time. */
public final class ManualScheduler implements Scheduler {
  private Duration now = Duration.ZERO;
  private final List<Task> tasks = new ArrayList<>();

  private final class Task implements Cancellable {
    final Duration due;
    final Runnable action;
    boolean cancelled;

    Task(Duration due, Runnable action) {
      this.due = due;
      this.action = action;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable action) {
    Task task = new Task(now.plus(delay), action);
    tasks.add(task);
    return task;
  }

  /** Moves time on and runs, in due order, every task that is due and not cancelled. */
  public void advance(Duration by) {
    List<Task> due;
    synchronized (this) {
      now = now.plus(by);
      due = tasks.stream().filter(t -> t.due.compareTo(now) <= 0).sorted((a, b) -> a.due.compareTo(b.due)).toList();
      tasks.removeAll(due);
    }
    due.stream().filter(t -> !t.cancelled).forEach(t -> t.action.run());
  }

  public synchronized long pending() {
    return tasks.stream().filter(t -> !t.cancelled).count();
  }
}
