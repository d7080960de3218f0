package dev.p2pchat.traversal.nat;

import dev.p2pchat.protocol.stun.NatBehaviorAttribute.ResponsePort;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramNetwork;
import dev.p2pchat.traversal.stun.StunClient;
import dev.p2pchat.traversal.stun.StunResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Measures how long the NAT keeps an idle UDP mapping, after RFC 5780 §4.6, at growing idle times.
 *
 * <p>A probe socket X sends one Binding request to the server (it learns nothing from the answer but the
 * mapping now exists) and then stays silent. After an idle time T, the <em>asking</em> endpoint (the agent's
 * main socket, which is kept alive anyway) sends a Binding request with RESPONSE-PORT = X's mapped port: the
 * server answers to our public IP at that port, from the address X talked to, so the answer passes the NAT
 * exactly when X's mapping outlived T idle seconds. Each answer refreshes the mapping, so the next, longer T
 * starts at once; the first T whose answer never comes ends the probe. X never sends after its first
 * request: any datagram of its own would refresh the mapping and falsify the result.
 *
 * <p>Linux conntrack gives a UDP flow the short {@code nf_conntrack_udp_timeout} (30 s) until it has seen
 * traffic both ways for more than 2 s, then {@code ..._udp_timeout_stream} (120 s). A chat path is such a
 * stream; so, before the first idle test, X's flow gets a second answer {@link #WARM_UP} after its first
 * one. That first redirected answer also shows whether the server honours RESPONSE-PORT at all.
 *
 * <p>Runs on the loop; callbacks run there too.
 */
public final class MappingLifetimeProbe {
    /** Idle times tested, in order: finer steps where NAT timeouts cluster (20–30 s, 60 s, 120 s). */
    public static final List<Duration> LADDER = seconds(15, 20, 25, 30, 40, 50, 60, 75, 90, 110, 135, 165, 200);
    /** Longer than conntrack's 2 s before a UDP flow that answered counts as a stream. */
    static final Duration WARM_UP = Duration.ofSeconds(3);
    /** A redirected request is sent this many times, this far apart: one lost datagram is no lapse. */
    static final int COPIES = 3;
    static final Duration COPY_SPACING = Duration.ofMillis(500);
    /** After the last copy, how long an answer may take. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(2);

    /** What the probe learns, on the loop. */
    public interface Listener {
        /** The mapping survived {@code idle} without traffic. Called once per rung, growing. */
        void survived(Duration idle);

        /** The probe is over: a mapping lapsed, the ladder ended, or the test cannot run (why). */
        default void finished(String why) {}
    }

    private final DatagramNetwork network;
    private final DatagramEndpoint asker;
    private final TaskLoop loop;
    private final RandomGenerator random;
    private final InetSocketAddress server;
    private final List<Duration> ladder;
    private final Listener listener;
    private final Set<TransactionId> awaited = new HashSet<>();
    private DatagramEndpoint probe;
    private int mappedPort;
    private int rung = -1;
    private boolean answered;
    private boolean stopped;
    private Cancellable timer = Cancellable.NONE;

    public MappingLifetimeProbe(DatagramNetwork network, DatagramEndpoint asker, TaskLoop loop, RandomGenerator random,
                                InetSocketAddress server, List<Duration> ladder, Listener listener) {
        this.network = network;
        this.asker = asker;
        this.loop = loop;
        this.random = random;
        this.server = server;
        this.ladder = List.copyOf(ladder);
        this.listener = listener;
    }

    /** Binds the probe socket and starts; on the loop. */
    public void start() {
        try {
            InetSocketAddress base = asker.localAddress();
            probe = network.bind(new InetSocketAddress(base.getAddress(), 0));
        } catch (IOException e) {
            finish("cannot bind a probe socket: " + e.getMessage());
            return;
        }
        StunClient first = new StunClient(probe, loop, random, NatProbe.PROBE_TIMING);
        probe.receive(d -> loop.execute(() -> {
            if (mappedPort == 0) {
                first.onDatagram(d);
            } else {
                onRedirected(d);
            }
        }));
        first.binding(server).thenAccept(r -> loop.execute(() -> mapped(r)));
    }

    /** Stops at once and closes the probe socket; no more callbacks. */
    public void stop() {
        stopped = true;
        timer.cancel();
        if (probe != null) {
            probe.close();
        }
    }

    private void mapped(StunResult r) {
        if (stopped) {
            return;
        }
        if (!(r instanceof StunResult.Success s) || s.mapped().isEmpty()) {
            finish("no answer from " + server + " to the probe socket");
            return;
        }
        mappedPort = s.mapped().get().getPort();
        ask(WARM_UP);
    }

    /** Waits {@code idle}, then asks for an answer at X's mapping. */
    private void ask(Duration idle) {
        answered = false;
        timer = loop.schedule(idle, () -> sendCopy(0));
    }

    private void sendCopy(int n) {
        if (stopped || answered) {
            return;
        }
        if (n == COPIES) {
            timer = loop.schedule(ANSWER_WAIT, this::noAnswer);
            return;
        }
        TransactionId tx = TransactionId.random(random);
        awaited.add(tx);
        asker.send(server, Stun.encode(StunMessage.of(StunMessageType.BINDING_REQUEST, tx, new ResponsePort(mappedPort))));
        timer = loop.schedule(COPY_SPACING, () -> sendCopy(n + 1));
    }

    private void onRedirected(Datagram d) {
        StunMessage m;
        try {
            m = Stun.decode(d.data());
        } catch (StunParseException e) {
            return;
        }
        if (stopped || answered || m.type().messageClass() != StunClass.SUCCESS_RESPONSE
                || !awaited.remove(m.transactionId())) {
            return;
        }
        answered = true;
        awaited.clear();
        timer.cancel();
        if (rung >= 0) {
            listener.survived(ladder.get(rung));
        }
        if (++rung == ladder.size()) {
            finish("the mapping outlived every idle time tested");
        } else {
            ask(ladder.get(rung));
        }
    }

    private void noAnswer() {
        finish(rung < 0 ? "the server does not honour RESPONSE-PORT (RFC 5780)"
                : "the mapping lapsed within " + ladder.get(rung).toSeconds() + " s idle");
    }

    private void finish(String why) {
        if (stopped) {
            return;
        }
        stop();
        listener.finished(why);
    }

    private static List<Duration> seconds(long... values) {
        return java.util.Arrays.stream(values).mapToObj(Duration::ofSeconds).toList();
    }
}
