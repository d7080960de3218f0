package dev.p2pchat.traversal;

import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * The easy side of hard-NAT punching: PINGs to guessed ports of the hard side's public address, one per
 * {@link HardNatBudget#pacing()}, until the guesses or the budget's time run out or {@link #stop()} is
 * called (the first working pair stops it). A guess that hits one of the hard side's mappings toward us
 * passes its filter — our address is the one that mapping was made for — and the hard side answers from
 * there: its PING back reaches us as a peer-reflexive candidate and the ordinary checks take over.
 * On the agent's loop.
 */
final class PortSpray {
    private final TaskLoop loop;
    private final HardNatBudget budget;
    private final InetAddress target;
    private final Iterator<Integer> ports;
    private final Consumer<InetSocketAddress> ping;
    private Instant deadline;
    private Cancellable timer = Cancellable.NONE;
    private boolean stopped;
    private int sent;

    PortSpray(TaskLoop loop, HardNatBudget budget, InetAddress target, Iterable<Integer> ports,
              Consumer<InetSocketAddress> ping) {
        this.loop = loop;
        this.budget = budget;
        this.target = target;
        this.ports = ports.iterator();
        this.ping = ping;
    }

    /** Starts after {@code delay}; the budget's time counts from then. */
    void start(java.time.Duration delay) {
        timer = loop.schedule(delay, () -> {
            deadline = loop.now().plus(budget.duration());
            next();
        });
    }

    void stop() {
        stopped = true;
        timer.cancel();
    }

    int sent() {
        return sent;
    }

    private void next() {
        if (stopped || sent >= budget.probes() || !ports.hasNext() || !loop.now().isBefore(deadline)) {
            return;
        }
        ping.accept(new InetSocketAddress(target, ports.next()));
        sent++;
        timer = loop.schedule(budget.pacing(), this::next);
    }
}
