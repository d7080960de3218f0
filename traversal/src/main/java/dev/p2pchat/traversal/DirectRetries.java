package dev.p2pchat.traversal;

import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.time.Instant;

/**
 * When the next round of direct checks runs while a path is relayed: spaced by {@link DirectRetry}, backing
 * off from round to round, starting over each time the path moves. The {@link Connection} runs the rounds;
 * this only keeps the schedule. Confined to the agent's loop.
 */
final class DirectRetries {
    private final TaskLoop loop;
    private final DirectRetry timing;
    private final Runnable round;
    private int rounds;
    private Instant lastEnd = Instant.MIN;
    private Cancellable timer = Cancellable.NONE;

    /** @param round starts a round (it may decline, if the path is no longer relayed or a round runs) */
    DirectRetries(TaskLoop loop, DirectRetry timing, Runnable round) {
        this.loop = loop;
        this.timing = timing;
        this.round = round;
    }

    /** The path moved (to the relay or off it): the next round comes after the first, shortest spacing. */
    void restart() {
        cancel();
        rounds = 0;
    }

    /** A round started (on schedule or because the peer's checks arrived): none is due until it ends. */
    void started() {
        cancel();
    }

    /** A round ended without a direct pair: schedule the next, a little later than the last. */
    void ended() {
        lastEnd = loop.now();
        schedule();
    }

    void schedule() {
        cancel();
        timer = loop.schedule(timing.before(rounds), () -> {
            rounds++;
            round.run();
        });
    }

    /**
     * Whether the peer's PING may start a round of ours: not just after one ended, or two sides whose rounds
     * keep triggering each other would never stop when the checks cannot succeed.
     */
    boolean peerMayStart() {
        return !loop.now().isBefore(lastEnd.plus(timing.round()));
    }

    void cancel() {
        timer.cancel();
        timer = Cancellable.NONE;
    }
}
