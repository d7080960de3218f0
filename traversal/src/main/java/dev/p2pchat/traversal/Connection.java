package dev.p2pchat.traversal;

import dev.p2pchat.protocol.frame.CheckFrame.Ping;
import dev.p2pchat.protocol.frame.CheckFrame.Pong;
import dev.p2pchat.protocol.frame.CheckFrameCodec;
import dev.p2pchat.protocol.frame.CheckKey;
import dev.p2pchat.protocol.frame.TransactionId;
import dev.p2pchat.protocol.frame.Ufrag;
import dev.p2pchat.traversal.check.CandidatePair;
import dev.p2pchat.traversal.check.Checker;
import dev.p2pchat.traversal.check.Credentials;
import dev.p2pchat.traversal.loop.Cancellable;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;

/**
 * One connection attempt to one peer and, once a pair is selected, its {@link Path}: checks first, then
 * keepalive PINGs every {@code keepaliveInterval} and a liveness deadline that moves with every frame heard
 * from the peer. Confined to the agent's loop, except {@link #sendRaw} and {@link #localAddress}.
 */
final class Connection implements Checker.Output, HardNatPunch.Host {
    /** Bound on remembered peer addresses: each needs a valid check frame, but a table should not grow unbounded. */
    private static final int MAX_VIA = 64;

    private final TraversalAgent agent;
    /** The socket this attempt gathered on: the shared one, or a fresh one after a loss. */
    private final DatagramEndpoint home;
    private final Role role;
    private final Credentials local;
    private final Ufrag remoteUfrag;
    private final CheckKey remoteKey;
    private final List<Candidate> localCandidates;
    private final Checker checker;
    private final CompletableFuture<Path> result;
    private final Map<TransactionId, Instant> keepalives = new HashMap<>();
    private final Map<TransactionId, InetSocketAddress> moveProbes = new HashMap<>();
    /**
     * The socket each peer address was first heard on, which then carries everything to that address: a
     * hard-NAT socket, or the home one (read from any thread by sendRaw). First, not latest: the peer's checks
     * toward the address it first reached must keep being answered from there, or they stop being symmetric.
     */
    private final Map<InetSocketAddress, DatagramEndpoint> via = new ConcurrentHashMap<>();
    private final HardNatPunch punch;
    private final HardNatPlan plan;
    private final PeerDescription remote;
    private final List<Integer> localMappedPorts;
    private Path path;
    private Liveness liveness;
    private Cancellable keepaliveTimer = Cancellable.NONE;
    private Cancellable livenessTimer = Cancellable.NONE;
    private Cancellable probeTimer = Cancellable.NONE;

    Connection(TraversalAgent agent, DatagramEndpoint home, Role role, Credentials local, PeerDescription localDescription,
               PeerDescription remote, CompletableFuture<Path> result) {
        this.agent = agent;
        this.home = home;
        this.role = role;
        this.local = local;
        this.remoteUfrag = remote.parsedUfrag();
        this.remoteKey = remote.parsedPwd();
        this.localCandidates = localDescription.candidates();
        this.result = result;
        this.remote = remote;
        this.localMappedPorts = localDescription.mappedPorts();
        this.plan = HardNatPlan.of(localDescription.mappedPorts(), remote.mappedPorts());
        this.punch = new HardNatPunch(agent, plan, role, localDescription, remote, this);
        this.checker = new Checker(role, agent.config(), agent.loop(), agent.random(), localCandidates,
                HardNatPunch.checkedCandidates(plan, remote.candidates()), this);
    }

    Ufrag ufrag() {
        return local.ufrag();
    }

    CheckKey key() {
        return local.key();
    }

    void start() {
        checker.start(controlledFallback());
        punch.start();
    }

    void onPing(InetSocketAddress from, Ping ping, DatagramEndpoint on) {
        if (!ping.sender().equals(remoteUfrag)) {
            return; // a PING for this connection from another one of the peer's attempts
        }
        noteSocket(from, on);
        heard(from);
        checker.onPing(from, ping);
        if (path != null && !checker.upgrading() && !from.equals(path.remoteAddress()) && !moveProbes.containsValue(from)) {
            probeNewAddress(from);
        }
    }

    void onPong(InetSocketAddress from, Pong pong, DatagramEndpoint on) {
        noteSocket(from, on);
        InetSocketAddress probed = moveProbes.remove(pong.transactionId());
        if (probed != null && probed.equals(from) && path != null) {
            move(from);
            return;
        }
        heard(from);
        Instant sent = keepalives.remove(pong.transactionId());
        if (sent != null && path != null && from.equals(path.remoteAddress())) {
            path.rttMeasured(Duration.between(sent, agent.loop().now()));
        } else {
            checker.onPong(from, pong);
        }
    }

    void onPayload(byte[] frame) {
        if (path != null) {
            heard(path.remoteAddress());
            path.deliver(frame);
        }
    }

    /**
     * A check. Once a relayed pair is in use, checks look for a direct one: they leave straight from our
     * socket even toward an address that reached us through the relay (its frames come from the same
     * address a direct route would use), or they would only ever find the relay again.
     */
    @Override
    public void sendPing(InetSocketAddress to, TransactionId tx, boolean nominate) {
        byte[] frame = ping(tx, nominate);
        if (checker.upgrading()) {
            sendDirect(to, frame);
        } else {
            sendRaw(to, frame);
        }
    }

    private byte[] ping(TransactionId tx, boolean nominate) {
        Ping ping = new Ping(nominate, Checker.prflxPriority(), tx, remoteUfrag, local.ufrag());
        return CheckFrameCodec.encode(ping, remoteKey);
    }

    @Override
    public void sendPong(InetSocketAddress to, TransactionId tx) {
        sendRaw(to, CheckFrameCodec.encode(new Pong(tx, remoteUfrag, local.ufrag(), to), remoteKey));
    }

    @Override
    public void selected(CandidatePair pair) {
        InetSocketAddress remote = pair.remoteAddress();
        if (!relayed(pair)) {
            punch.stop(via.get(remote)); // a relayed start keeps punching: the upgrade may need it
        }
        path = new Path(this, remote, localCandidateOf(pair), pair.remote(), pair.rtt().orElse(Duration.ZERO));
        liveness = new Liveness(agent.loop().now(), probeInterval(path.rtt()), agent.config().lossProbes());
        agent.pathSelected(this, remote);
        keepaliveTimer = agent.loop().schedule(agent.keepaliveInterval(), this::keepalive);
        livenessTimer = agent.loop().schedule(deadAfter(), this::checkLiveness);
        result.complete(path);
    }

    /** A pair crosses a relay when the peer's end is a relayed address or we reach that address through ours. */
    @Override
    public boolean relayed(CandidatePair pair) {
        return pair.remote().type() == CandidateType.RELAY || viaRelayOnly(pair.remoteAddress());
    }

    /**
     * The peer's address reached us through our relay and never straight: not on the shared socket (the
     * relay's own record) nor on one of ours that the peer's hard-NAT guesses hit.
     */
    private boolean viaRelayOnly(InetSocketAddress peer) {
        DatagramEndpoint heardOn = via.get(peer);
        return (heardOn == null || heardOn == agent.endpoint()) && agent.relay().routesViaRelay(peer);
    }

    /** Relay first, then direct: the selected path moves from the relayed pair to a direct one that works. */
    @Override
    public void upgraded(CandidatePair pair) {
        if (path == null || !path.isAlive()) {
            return;
        }
        InetSocketAddress from = path.remoteAddress();
        InetSocketAddress to = pair.remoteAddress();
        moveProbes.clear();
        punch.stop(via.get(to));
        if (!from.equals(to)) {
            agent.pathMoved(this, from, to);
        }
        path.upgraded(to, localCandidateOf(pair), pair.remote());
        liveness.heard(agent.loop().now());
    }

    @Override
    public void failed(String why) {
        // a stale conntrack entry left by this attempt would break a retry on the same port: retry elsewhere
        agent.pathLost();
        punch.stop(null);
        agent.forget(this, null);
        // Not one PING from the peer: the mark of a clashed mapping (see "priming" in docs/architecture.md).
        boolean silent = checker.pingsReceived() == 0;
        if (home != agent.endpoint()) {
            home.close(); // a fresh port of this attempt only
        }
        result.completeExceptionally(new NoDirectPathException(why, silent));
    }

    @Override
    public void prime() {
        agent.prime(remote, home);
    }

    /**
     * How long the answerer waits for the offerer's first PING before checking anyway. With a hard NAT on
     * either side the plan has its own order (guesses, extra sockets), timed on the answer's delay as before.
     * When both descriptions show endpoint-independent mapping, the offerer's PINGs come from the address we
     * primed toward and always pass our filter: no fallback at all, so a very late answer cannot clash. Only
     * without that knowledge (a STUN server without RFC 5780 alternate address) the fallback serves peers
     * whose mapping depends on the destination.
     */
    private Duration controlledFallback() {
        AgentConfig config = agent.config();
        if (plan.role() != HardNatPlan.Role.NONE) {
            return config.answererCheckDelay();
        }
        return HardNatPlan.endpointIndependent(localMappedPorts) && HardNatPlan.endpointIndependent(remote.mappedPorts())
                ? config.connectTimeout() : config.answererFallbackDelay();
    }

    void sendRaw(InetSocketAddress to, byte[] frame) {
        DatagramEndpoint heardOn = via.get(to);
        if (heardOn != null && heardOn != agent.endpoint()) {
            heardOn.send(to, frame); // the peer reached that socket straight: answer from it
        } else if (heardOn != null || home == agent.endpoint() || viaRelayOnly(to)) {
            agent.relay().send(to, frame); // through the relay if the peer reached us there only, else directly
        } else {
            home.send(to, frame);
        }
    }

    /** Straight from the socket the peer was heard on (or ours), never through the relay. */
    private void sendDirect(InetSocketAddress to, byte[] frame) {
        via.getOrDefault(to, home).send(to, frame);
    }

    /** The bound address of the socket the path runs on: the shared one, or a hard-NAT socket. */
    InetSocketAddress localAddress() {
        InetSocketAddress remote = path == null ? null : path.remoteAddress();
        return (remote == null ? home : via.getOrDefault(remote, home)).localAddress();
    }

    @Override
    public void ping(InetSocketAddress to) {
        sendRaw(to, ping(TransactionId.random(agent.random()), false));
    }

    @Override
    public void received(DatagramEndpoint on, Datagram d) {
        agent.onP2p(d, on);
    }

    @Override
    public boolean anyPairWorks() {
        return checker.pairs().all().stream().anyMatch(p -> p.state() == dev.p2pchat.traversal.check.PairState.SUCCEEDED);
    }

    @Override
    public void giveUp(String why) {
        checker.stop();
        failed(why);
    }

    void onLoop(Runnable task) {
        agent.loop().execute(task);
    }

    /** Ends the connection; {@code notify} tells the path's listener (not when the user closed it). */
    void close(String reason, boolean notify) {
        checker.stop();
        punch.stop(null);
        for (DatagramEndpoint e : via.values()) {
            if (e != agent.endpoint() && e != home) {
                e.close();
            }
        }
        if (home != agent.endpoint()) {
            home.close();
        }
        keepaliveTimer.cancel();
        livenessTimer.cancel();
        probeTimer.cancel();
        agent.forget(this, path == null ? null : path.remoteAddress());
        if (path != null) {
            path.died(reason, notify);
        }
        result.completeExceptionally(new NoDirectPathException("connection closed: " + reason));
    }

    /**
     * A valid check frame from the peer: the socket it came in on answers that address from now on. One
     * that came through our relay ({@code on} null) names no socket: the relay's routing answers it, and
     * a later frame straight from that address still picks the socket (a hard-NAT one, say).
     */
    private void noteSocket(InetSocketAddress from, DatagramEndpoint on) {
        if (on == null) {
            return;
        }
        if (via.size() < MAX_VIA || via.containsKey(from)) {
            via.putIfAbsent(from, on);
        }
    }

    private void heard(InetSocketAddress from) {
        if (path != null && from.equals(path.remoteAddress())) {
            liveness.heard(agent.loop().now());
        }
    }

    /**
     * A valid PING from an address other than the path's: the peer's NAT may have rebound. A replayed PING
     * must not redirect the path, so we switch only when the new address answers a PING of our own.
     */
    private void probeNewAddress(InetSocketAddress candidate) {
        if (moveProbes.size() >= 8) {
            moveProbes.clear(); // bounded: a flood of PINGs from many addresses cannot grow the table
        }
        TransactionId tx = TransactionId.random(agent.random());
        moveProbes.put(tx, candidate);
        sendRaw(candidate, ping(tx, false));
    }

    private void move(InetSocketAddress to) {
        InetSocketAddress from = path.remoteAddress();
        moveProbes.clear();
        agent.pathMoved(this, from, to);
        path.moved(to);
        liveness.heard(agent.loop().now());
    }

    /** A payload frame went out on the path (any thread): after a silence, check that the peer still answers. */
    void payloadSent() {
        onLoop(() -> {
            if (path != null && path.isAlive() && liveness.untrusted(agent.loop().now())) {
                pingPath();
            }
        });
    }

    private void keepalive() {
        pingPath();
        keepaliveTimer = agent.loop().schedule(agent.keepaliveInterval(), this::keepalive);
    }

    /** A PING on the path that measures the RTT and, unanswered, starts the loss probes (see {@link Liveness}). */
    private void pingPath() {
        Instant now = agent.loop().now();
        keepalives.values().removeIf(sent -> sent.plus(deadAfter()).isBefore(now));
        TransactionId tx = TransactionId.random(agent.random());
        keepalives.put(tx, now);
        sendRaw(path.remoteAddress(), ping(tx, false));
        if (liveness.pinged(now)) {
            probeTimer = agent.loop().schedule(liveness.probeInterval(), this::onProbeTimer);
        }
    }

    private void onProbeTimer() {
        switch (liveness.onTimer()) {
            case FINE -> { }
            case PROBE -> {
                TransactionId tx = TransactionId.random(agent.random());
                keepalives.put(tx, agent.loop().now());
                sendRaw(path.remoteAddress(), ping(tx, false));
                probeTimer = agent.loop().schedule(liveness.probeInterval(), this::onProbeTimer);
            }
            case LOST -> {
                agent.pathLost();
                close("lost: no answer to " + (agent.config().lossProbes() + 1) + " PINGs in "
                        + liveness.unansweredFor(agent.loop().now()).toMillis() + " ms", true);
            }
        }
    }

    /** Loss probes wait at least twice the measured round trip, so a slow path is not mistaken for a dead one. */
    private Duration probeInterval(Duration rtt) {
        Duration configured = agent.config().lossProbeInterval();
        return rtt.multipliedBy(2).compareTo(configured) > 0 ? rtt.multipliedBy(2) : configured;
    }

    /** The backstop: silent this long, even without a PING outstanding, and the path is dead. */
    private Duration deadAfter() {
        return agent.keepaliveInterval().multipliedBy(agent.config().missedKeepalives());
    }

    private void checkLiveness() {
        Instant lastHeard = liveness.lastHeard();
        Instant deadline = lastHeard.plus(deadAfter());
        Instant now = agent.loop().now();
        if (!now.isBefore(deadline)) {
            agent.pathLost();
            close("no frame from the peer for " + Duration.between(lastHeard, now).toMillis() + " ms", true);
        } else {
            livenessTimer = agent.loop().schedule(Duration.between(now, deadline), this::checkLiveness);
        }
    }

    private Candidate localCandidateOf(CandidatePair pair) {
        if (viaRelayOnly(pair.remoteAddress())) {
            var relayed = agent.relay().relayed().map(r -> r.localAddress()).orElse(localAddress());
            return localCandidates.stream().filter(c -> c.type() == CandidateType.RELAY).findFirst()
                    .orElseGet(() -> Candidate.of(CandidateType.RELAY, relayed, Priorities.MAX_LOCAL_PREFERENCE, "relay"));
        }
        return pair.observedLocal().map(seen -> localCandidates.stream()
                        .filter(c -> c.address().equals(seen) && c.type() != CandidateType.RELAY).findFirst()
                        .orElseGet(() -> Candidate.of(CandidateType.PRFLX, seen, Priorities.MAX_LOCAL_PREFERENCE, "prflx")))
                .orElseGet(() -> localCandidates.isEmpty()
                        ? Candidate.of(CandidateType.HOST, localAddress(), Priorities.MAX_LOCAL_PREFERENCE, "host")
                        : localCandidates.getFirst());
    }

    @Override
    public String toString() {
        return "Connection[" + role + " " + local.ufrag() + " -> " + remoteUfrag + "]";
    }
}
