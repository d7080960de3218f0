package dev.p2pchat.traversal.check;

import dev.p2pchat.protocol.frame.CheckFrame.Ping;
import dev.p2pchat.protocol.frame.CheckFrame.Pong;
import dev.p2pchat.protocol.frame.TransactionId;
import dev.p2pchat.traversal.AgentConfig;
import dev.p2pchat.traversal.Candidate;
import dev.p2pchat.traversal.CandidateType;
import dev.p2pchat.traversal.Role;
import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.loop.TaskLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Connectivity checks for one connection (RFC 8445 §6–8, simplified to one component and our own
 * PING/PONG frames). Both sides check every pair at once, paced one datagram per {@code checkPacing};
 * a PING received (answered at once by the owner, on the route it came in by) triggers a PING back
 * (RFC 8445 §7.3.1.4); the controlling side
 * nominates the best pair that works, and the controlled side selects the pair it is nominated on.
 * Runs on the agent's loop only.
 */
public final class Checker {
    /** What the checker does to the outside world. */
    public interface Output {
        void sendPing(InetSocketAddress to, TransactionId tx, boolean nominate);

        void selected(CandidatePair pair);

        void failed(String why);

        /** Sends the low-TTL PRIMEs toward the peer's candidates again (the controlled side, until it checks). */
        void prime();

        /** Whether frames on {@code pair} cross a relay: selected at once, then checks go on for a direct pair. */
        default boolean relayed(CandidatePair pair) {
            return false;
        }

        /** A direct pair works and was nominated after a relayed one had been selected: move the path to it. */
        default void upgraded(CandidatePair pair) {}

        /** The checks for a direct pair ended without one while a relayed pair is in use. */
        default void directChecksEnded() {}
    }

    private record Pending(CandidatePair pair, Instant sentAt, boolean nominate) {}

    private final Role role;
    private final AgentConfig config;
    private final TaskLoop loop;
    private final RandomGenerator random;
    private final CheckList list;
    private final Output out;
    private final Deque<CandidatePair> triggered = new ArrayDeque<>();
    private final Map<TransactionId, Pending> pending = new HashMap<>();
    private boolean ordinaryStarted;
    private boolean finished;
    /** A relayed pair is selected; checks go on until a direct pair is nominated or {@code connectTimeout}. */
    private boolean upgrading;
    private CandidatePair nominated;
    private Instant nominateDue;
    private Cancellable tick = Cancellable.NONE;
    private Cancellable timeout = Cancellable.NONE;
    private Cancellable nominationTimer = Cancellable.NONE;
    private int pingsReceived;
    private Cancellable primeRefresh = Cancellable.NONE;
    private Cancellable fallback = Cancellable.NONE;

    public Checker(Role role, AgentConfig config, TaskLoop loop, RandomGenerator random,
                   List<Candidate> local, List<Candidate> remote, Output out) {
        this.role = role;
        this.config = config;
        this.loop = loop;
        this.random = random;
        this.list = new CheckList(role, local, remote, loop.now());
        this.out = out;
    }

    /**
     * Starts checking: at once when controlling. The controlled side (the answerer) sends no ordinary check
     * before the offerer's first PING arrives, which proves that the offerer has primed: an ordinary-TTL
     * datagram that reaches the offerer's NAT before the offerer's own PRIME leaves a conntrack entry that
     * moves the offerer's flow to another port (see "priming" in docs/architecture.md). Until then it only
     * refreshes its PRIMEs; it falls back to ordinary checks after {@code controlledFallback}, for peers
     * whose PINGs cannot get through our NAT's filter on their own.
     */
    public void start(Duration controlledFallback) {
        timeout = loop.schedule(config.connectTimeout(), this::timedOut);
        if (role == Role.CONTROLLING) {
            startOrdinary();
        } else {
            fallback = loop.schedule(controlledFallback, this::startOrdinary);
            primeRefresh = loop.schedule(config.answererCheckDelay(), this::refreshPrimes);
        }
        tick = loop.schedule(Duration.ZERO, this::tick);
    }

    /** A PING from the peer, already answered by the owner. */
    public void onPing(InetSocketAddress from, Ping ping) {
        pingsReceived++;
        if (finished) {
            return;
        }
        CandidatePair pair = list.find(from).orElseGet(() -> list.addPeerReflexive(from, ping.priority(), loop.now()));
        startOrdinary();
        if (ping.nominate() && role == Role.CONTROLLED && !(upgrading && out.relayed(pair))) {
            finish(pair);
            return;
        }
        if (pair.state() != PairState.SUCCEEDED && !triggered.contains(pair) && !(upgrading && toPeerRelay(pair))) {
            triggered.addLast(pair);
        }
    }

    /**
     * Checks the direct pairs again while a relayed path is in use (see {@link dev.p2pchat.traversal.DirectRetry}):
     * at once, both roles, for {@code round}; a direct pair nominated in that time is reported through
     * {@link Output#upgraded}, else {@link Output#directChecksEnded}. Pairs toward the peer's relayed address are not checked.
     */
    public void startRetry(Duration round) {
        upgrading = true;
        ordinaryStarted = true;
        timeout = loop.schedule(round, this::timedOut);
        tick = loop.schedule(Duration.ZERO, this::tick);
    }

    public void onPong(InetSocketAddress from, Pong pong) {
        Pending p = pending.remove(pong.transactionId());
        if (p == null || finished || !from.equals(p.pair.remoteAddress())) {
            return; // unknown, late, or not symmetric (RFC 8445 §7.2.5.2.1): ignore
        }
        Duration rtt = Duration.between(p.sentAt, loop.now());
        p.pair.succeeded(rtt, pong.observed(), list.priorityWithLocal(p.pair, pong.observed()));
        if (role != Role.CONTROLLING) {
            return;
        }
        if (upgrading && out.relayed(p.pair)) {
            return; // the relayed pair is already in use; only a direct one moves the path
        }
        if (p.nominate) {
            finish(p.pair);
        } else if (nominated == null && nominationTimer == Cancellable.NONE) {
            nominationTimer = loop.schedule(config.nominationDelay(), this::nominate);
        }
    }

    /** Stops all timers; the checker answers PINGs but does nothing else. */
    public void stop() {
        finished = true;
        tick.cancel();
        timeout.cancel();
        nominationTimer.cancel();
        primeRefresh.cancel();
        fallback.cancel();
        pending.clear();
        triggered.clear();
    }

    /** PINGs from the peer so far (on any pair, including hard-NAT sockets). */
    public int pingsReceived() {
        return pingsReceived;
    }

    /** A relayed pair is in use and direct pairs are still being checked (so PINGs from them are no NAT rebinding). */
    public boolean upgrading() {
        return upgrading && !finished;
    }

    public CheckList pairs() {
        return list;
    }

    private void startOrdinary() {
        ordinaryStarted = true;
        primeRefresh.cancel();
        fallback.cancel();
    }

    private void refreshPrimes() {
        if (finished || ordinaryStarted) {
            return;
        }
        out.prime();
        primeRefresh = loop.schedule(config.answererCheckDelay(), this::refreshPrimes);
    }

    private void nominate() {
        Optional<CandidatePair> best = upgrading
                ? list.all().stream().filter(p -> p.state() == PairState.SUCCEEDED && !out.relayed(p))
                        .max(java.util.Comparator.comparingLong(CandidatePair::priority))
                : list.bestSucceeded();
        if (best.isPresent() && !finished) {
            nominated = best.get();
            nominateDue = loop.now();
        } else {
            nominationTimer = Cancellable.NONE; // nothing to nominate yet: the next working pair schedules again
        }
    }

    /** One paced datagram: a triggered check first, then the nomination, then the most urgent ordinary check. */
    private void tick() {
        if (finished) {
            return;
        }
        Instant now = loop.now();
        if (!triggered.isEmpty()) {
            send(triggered.pollFirst(), false);
        } else if (nominated != null && !nominateDue.isAfter(now)) {
            send(nominated, true);
            nominateDue = now.plus(config.checkRto());
        } else if (ordinaryStarted) {
            list.nextDue(now, pair -> !(upgrading && toPeerRelay(pair))).ifPresent(pair -> send(pair, false));
        }
        tick = loop.schedule(config.checkPacing(), this::tick);
    }

    private void send(CandidatePair pair, boolean nominate) {
        TransactionId tx = TransactionId.random(random);
        Instant now = loop.now();
        pending.put(tx, new Pending(pair, now, nominate));
        int shift = Math.min(pair.attempts(), 3);
        pair.sent(now, config.checkRto().multipliedBy(1L << shift));
        out.sendPing(pair.remoteAddress(), tx, nominate);
    }

    /**
     * Selects {@code pair}. A relayed pair is used at once (no waiting for punching to fail), but the
     * checks go on: the first direct pair nominated after it moves the path there ({@link Output#upgraded}).
     */
    private void finish(CandidatePair pair) {
        if (upgrading) {
            stop();
            out.upgraded(pair);
        } else if (out.relayed(pair)) {
            upgrading = true;
            nominated = null;
            nominationTimer.cancel();
            nominationTimer = Cancellable.NONE;
            out.selected(pair);
            recheckRelayedPairs();
        } else {
            stop();
            out.selected(pair);
        }
    }

    /**
     * A peer address that answered only through the relay (its frames came from the address a direct route
     * would use) may still work straight: check it again, now that checks leave straight from our socket.
     * The peer's relayed addresses are the relay itself.
     */
    private void recheckRelayedPairs() {
        Instant now = loop.now();
        list.all().stream()
                .filter(p -> p.state() == PairState.SUCCEEDED && out.relayed(p) && p.remote().type() != CandidateType.RELAY)
                .forEach(p -> p.recheck(now));
    }

    /**
     * While upgrading, the checks leave straight from our socket (see {@link Output#sendPing}), so only a
     * pair toward the peer's relayed address still crosses a relay: it is not checked. One toward an
     * address that reached us through our relay is a direct check now.
     */
    private static boolean toPeerRelay(CandidatePair pair) {
        return pair.remote().type() == CandidateType.RELAY;
    }

    private void timedOut() {
        if (finished) {
            return;
        }
        stop();
        if (upgrading) {
            out.directChecksEnded(); // no direct pair in time: the relayed path stays
            return;
        }
        out.failed(describeFailure());
    }

    private String describeFailure() {
        long answered = list.all().stream().filter(p -> p.state() == PairState.SUCCEEDED).count();
        String who = role == Role.CONTROLLING ? "" : ", no nomination from the controlling peer";
        return "no direct path after " + config.connectTimeout().toMillis() + " ms: " + list.all().size()
                + " pair(s) checked, " + answered + " answered, " + pingsReceived + " PING(s) received" + who
                + " " + list.all();
    }

    /** The priority our own address would have as a peer-reflexive candidate (sent in every PING). */
    public static long prflxPriority() {
        return dev.p2pchat.traversal.Priorities.candidate(CandidateType.PRFLX,
                dev.p2pchat.traversal.Priorities.MAX_LOCAL_PREFERENCE);
    }
}
