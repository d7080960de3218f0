package dev.p2pchat.traversal;

import dev.p2pchat.protocol.frame.CheckFrameCodec;
import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramNetwork;
import dev.p2pchat.traversal.net.PacketClass;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The hard side of birthday-paradox punching: {@link HardNatBudget#sockets()} extra sockets, each of which
 * sends one low-TTL PRIME toward the peer's public address, paced. Each PRIME makes our address-dependent
 * NAT open a fresh random port toward the peer and dies before the peer's NAT, which so keeps no trace of
 * it (a Linux NAT would otherwise push the peer's later flow to that port onto another one — see
 * "priming"). The peer's guesses that hit one of these ports are delivered to that socket; the connection
 * then answers from it and keeps it for the path. The others close when the attempt ends. On the loop.
 */
final class SocketSpray {
    private static final System.Logger LOG = System.getLogger(SocketSpray.class.getName());

    private final DatagramNetwork network;
    private final TaskLoop loop;
    private final HardNatBudget budget;
    private final int ttl;
    private final List<InetSocketAddress> targets;
    private final BiConsumer<DatagramEndpoint, dev.p2pchat.traversal.net.Datagram> received;
    private final AtomicLong counter;
    private final List<DatagramEndpoint> sockets = new ArrayList<>();
    private Cancellable timer = Cancellable.NONE;
    private Instant deadline;
    private int sent;

    SocketSpray(DatagramNetwork network, TaskLoop loop, HardNatBudget budget, int ttl, List<InetSocketAddress> targets,
                BiConsumer<DatagramEndpoint, dev.p2pchat.traversal.net.Datagram> received, AtomicLong counter) {
        this.network = network;
        this.loop = loop;
        this.budget = budget;
        this.ttl = ttl;
        this.targets = List.copyOf(targets);
        this.received = received;
        this.counter = counter;
    }

    /** Opens and primes the sockets, one per pacing interval, next to {@code base}'s address. */
    void start(InetSocketAddress base) {
        deadline = loop.now().plus(budget.duration());
        openNext(base);
    }

    int sent() {
        return sent;
    }

    /** Closes every socket but {@code keep} (which may be null). */
    void closeAllBut(DatagramEndpoint keep) {
        timer.cancel();
        for (DatagramEndpoint s : sockets) {
            if (s != keep) {
                s.close();
            }
        }
        sockets.removeIf(s -> s != keep);
    }

    private void openNext(InetSocketAddress base) {
        if (sockets.size() >= budget.sockets() || targets.isEmpty() || !loop.now().isBefore(deadline)) {
            return;
        }
        DatagramEndpoint s;
        try {
            s = network.bind(new InetSocketAddress(base.getAddress(), 0));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "hard-NAT sockets: stop at " + sockets.size() + ": " + e.getMessage());
            return;
        }
        sockets.add(s);
        s.receive(d -> {
            if (PacketClass.of(d.firstByte()) == PacketClass.P2P) {
                loop.execute(() -> received.accept(s, d));
            }
        });
        byte[] prime = CheckFrameCodec.encodePrime();
        for (InetSocketAddress t : targets) {
            s.send(t, prime, ttl);
            sent++;
            counter.incrementAndGet();
        }
        timer = loop.schedule(budget.pacing().multipliedBy(targets.size()), () -> openNext(base));
    }
}
