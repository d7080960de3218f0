package dev.p2pchat.traversal;

import dev.p2pchat.protocol.frame.CheckFrame.Ping;
import dev.p2pchat.protocol.frame.CheckFrame.Pong;
import dev.p2pchat.protocol.frame.CheckKey;
import dev.p2pchat.protocol.frame.TransactionId;
import dev.p2pchat.protocol.frame.Ufrag;
import dev.p2pchat.traversal.check.CandidatePair;
import dev.p2pchat.traversal.check.Checker;
import dev.p2pchat.traversal.check.Credentials;
import dev.p2pchat.traversal.check.PairState;
import dev.p2pchat.traversal.loop.Cancellable;
import dev.p2pchat.traversal.turn.TurnTiming;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;

/**
 * One connection attempt to one peer and, once a pair is selected, its {@link Path}: checks first, then
 * keepalive PINGs every {@code keepaliveInterval} and a liveness deadline that moves with every frame heard
 * from the peer. With a relayed pair at hand the path moves between it and a direct pair ({@link PathMode}):
 * it falls back to the relay when the direct pair dies, and checks the direct pairs again in rounds
 * ({@link DirectRetry}) while relayed. What it sends goes through its {@link PeerWriter}. Confined to the
 * agent's loop, except {@link #sendOnPath} and {@link #localAddress}.
 */
final class Connection implements Checker.Output, HardNatPunch.Host {
    private final TraversalAgent agent;
    /** The socket this attempt gathered on: the shared one, or a fresh one after a loss. */
    private final DatagramEndpoint home;
    private final Role role;
    private final Credentials local;
    private final Ufrag remoteUfrag;
    private final List<Candidate> localCandidates;
    private final CompletableFuture<Path> result;
    private final Map<TransactionId, Instant> keepalives = new HashMap<>();
    private final Map<TransactionId, InetSocketAddress> moveProbes = new HashMap<>();
    private final PeerWriter writer;
    private final HardNatPunch punch;
    private final HardNatPlan plan;
    private final PeerDescription remote;
    private final List<Integer> localMappedPorts;
    /** The connect-time checks, then each round of direct checks while relayed. */
    private Checker checker;
    private Path path;
    /** Read by {@link #sendOnPath} on any thread. */
    private volatile PathMode mode;
    /** The relayed pair: in use while RELAYED, kept alive to fall back to while DIRECT_STANDBY. */
    private volatile RelayRoute relayRoute;
    /** When a keepalive last PINGed the standby relayed pair; null: never. */
    private Instant relayPinged;
    private Liveness liveness;
    private final DirectRetries retries;
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
        this.writer = new PeerWriter(agent.endpoint(), home, agent.relay(), local.ufrag(), remoteUfrag, remote.parsedPwd());
        this.localCandidates = localDescription.candidates();
        this.result = result;
        this.remote = remote;
        this.localMappedPorts = localDescription.mappedPorts();
        this.plan = HardNatPlan.of(localDescription.mappedPorts(), remote.mappedPorts());
        this.punch = new HardNatPunch(agent, plan, role, localDescription, remote, this);
        this.checker = newChecker(HardNatPunch.checkedCandidates(plan, remote.candidates()));
        this.retries = new DirectRetries(agent.loop(), agent.config().directRetry(), this::retryDirect);
    }

    private Checker newChecker(List<Candidate> checked) {
        return new Checker(role, agent.config(), agent.loop(), agent.random(), localCandidates, checked, this);
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

    /** A PING for this connection; {@code viaRelay}: it came through our own relay. */
    void onPing(InetSocketAddress from, Ping ping, DatagramEndpoint on, boolean viaRelay) {
        if (!ping.sender().equals(remoteUfrag)) {
            return; // a PING for this connection from another one of the peer's attempts
        }
        if (!viaRelay) {
            writer.heardOn(from, on); // first: the answer leaves from the socket the address was first heard on
        }
        writer.pong(from, ping.transactionId(), viaRelay);
        heard(from, viaRelay);
        boolean onRelayRoute = relayRoute != null && relayRoute.carries(from, viaRelay);
        if (mode == PathMode.RELAYED && !onRelayRoute && !checker.upgrading() && retries.peerMayStart()) {
            startRound(); // the peer checks a direct pair again: join it, our checks open our NAT toward it
        }
        checker.onPing(from, ping);
        if (path != null && mayRebind(from, viaRelay) && !checker.upgrading() && !onRelayRoute && !from.equals(path.remoteAddress())
                && !moveProbes.containsValue(from)) {
            probeNewAddress(from);
        }
    }

    void onPong(InetSocketAddress from, Pong pong, DatagramEndpoint on, boolean viaRelay) {
        if (!viaRelay) {
            writer.heardOn(from, on);
        }
        InetSocketAddress probed = moveProbes.remove(pong.transactionId());
        if (probed != null && probed.equals(from) && path != null) {
            move(from);
            return;
        }
        heard(from, viaRelay);
        Instant sent = keepalives.remove(pong.transactionId());
        if (sent != null && path != null && from.equals(path.remoteAddress())) {
            path.rttMeasured(Duration.between(sent, agent.loop().now()));
        } else {
            checker.onPong(from, pong);
        }
    }

    void onPayload(InetSocketAddress from, byte[] frame, boolean viaRelay) {
        if (path != null) {
            heard(from, viaRelay);
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
        byte[] frame = writer.ping(tx, nominate);
        if (checker.upgrading()) {
            writer.sendDirect(to, frame);
        } else {
            writer.send(to, frame);
        }
    }

    @Override
    public void selected(CandidatePair pair) {
        InetSocketAddress remote = pair.remoteAddress();
        Instant now = agent.loop().now();
        if (!relayed(pair)) {
            punch.stop(writer.heardOn(remote)); // a relayed start keeps punching: the upgrade may need it
        }
        path = new Path(this, remote, localCandidateOf(pair), pair.remote(), pair.rtt().orElse(Duration.ZERO));
        relayRoute = path.kind() == Path.Kind.RELAYED ? RelayRoute.of(path, now) : validatedRelayRoute(pair, now);
        mode = PathMode.selected(path.kind(), relayRoute != null);
        liveness = new Liveness(now, probeInterval(path.rtt()), agent.config().lossProbes());
        agent.pathSelected(this, remote);
        if (relayRoute != null) {
            agent.pathSelected(this, relayRoute.remote()); // the peer's frames may come over either pair
        }
        keepaliveTimer = agent.loop().schedule(agent.keepaliveInterval(), this::keepalive);
        livenessTimer = agent.loop().schedule(deadAfter(), this::checkLiveness);
        result.complete(path);
    }

    /**
     * For a direct pair selected at once: a relayed pair that already answered a check (the peer's relayed
     * address), or the peer's address that also reached us through our relay, to fall back to later.
     */
    private RelayRoute validatedRelayRoute(CandidatePair selected, Instant now) {
        var relayed = checker.pairs().all().stream()
                .filter(p -> p.state() == PairState.SUCCEEDED && relayed(p)).findFirst();
        if (relayed.isPresent()) {
            CandidatePair p = relayed.get();
            return new RelayRoute(p.remoteAddress(), localCandidateOf(p), p.remote(), now);
        }
        return agent.relay().reachedViaRelay(selected.remoteAddress())
                ? new RelayRoute(selected.remoteAddress(), ourRelayCandidate(), selected.remote(), now) : null;
    }

    /**
     * A pair crosses a relay when the peer's end is a relayed address or the peer's address reached us
     * through our relay only (see {@link PeerWriter#viaRelayOnly}).
     */
    @Override
    public boolean relayed(CandidatePair pair) {
        return pair.remote().type() == CandidateType.RELAY || writer.viaRelayOnly(pair.remoteAddress());
    }

    /**
     * Relay first, then direct: the selected path moves from the relayed pair to a direct one that works.
     * The relayed pair stays at hand (DIRECT_STANDBY) and keeps answering keepalives, to fall back to.
     */
    @Override
    public void upgraded(CandidatePair pair) {
        if (path == null || !path.isAlive() || mode != PathMode.RELAYED) {
            return;
        }
        Instant now = agent.loop().now();
        relayRoute = RelayRoute.of(path, now);
        mode = mode.on(PathMode.Event.UPGRADED);
        retries.restart();
        InetSocketAddress to = pair.remoteAddress();
        moveProbes.clear();
        punch.stop(writer.heardOn(to));
        agent.pathSelected(this, to); // the relayed address stays mapped: the peer may still be sending there
        path.switched(to, localCandidateOf(pair), pair.remote());
        restartLiveness(now);
    }

    @Override
    public void directChecksEnded() {
        if (mode == PathMode.RELAYED) {
            retries.ended();
        }
    }

    @Override
    public void failed(String why) {
        // a stale conntrack entry left by this attempt would break a retry on the same port: retry elsewhere
        agent.pathLost();
        punch.stop(null);
        agent.forget(this);
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

    /**
     * A frame on the path (payload or keepalive); any thread. While it runs over our relay it goes through
     * the allocation even if the peer's address was once heard directly: that is how it fell back.
     */
    void sendOnPath(byte[] frame) {
        RelayRoute r = relayRoute;
        if (mode == PathMode.RELAYED && r != null && r.viaOurRelay()) {
            writer.sendThroughRelay(path.remoteAddress(), frame);
        } else {
            writer.send(path.remoteAddress(), frame);
        }
    }

    /** The bound address of the socket the path runs on: the shared one, or a hard-NAT socket. */
    InetSocketAddress localAddress() {
        InetSocketAddress remote = path == null ? null : path.remoteAddress();
        return (remote == null ? home : writer.socketFor(remote)).localAddress();
    }

    @Override
    public void ping(InetSocketAddress to) {
        writer.send(to, writer.ping(TransactionId.random(agent.random()), false));
    }

    @Override
    public void received(DatagramEndpoint on, Datagram d) {
        agent.onP2p(d, on, false);
    }

    @Override
    public boolean anyPairWorks() {
        return checker.pairs().all().stream().anyMatch(p -> p.state() == PairState.SUCCEEDED);
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
        writer.closeExtraSockets();
        if (home != agent.endpoint()) {
            home.close();
        }
        keepaliveTimer.cancel();
        livenessTimer.cancel();
        probeTimer.cancel();
        retries.cancel();
        mode = PathMode.GONE; // also before a pair was selected, when there is no mode to leave
        agent.forget(this);
        if (path != null) {
            path.died(reason, notify);
        }
        result.completeExceptionally(new NoDirectPathException("connection closed: " + reason));
    }

    /**
     * A valid frame from the peer. It keeps the path alive if it came over the path's pair: on a direct
     * pair, not through our relay (the peer may already have fallen back, and then our direct frames are
     * lost, so we must notice too). Frames over the relayed pair keep the fallback fresh.
     */
    private void heard(InetSocketAddress from, boolean viaRelay) {
        if (path == null) {
            return;
        }
        Instant now = agent.loop().now();
        RelayRoute r = relayRoute;
        boolean onRelayRoute = r != null && r.carries(from, viaRelay);
        if (onRelayRoute) {
            r.heard(now);
        }
        boolean onPath = !mode.direct() || !viaRelay && !onRelayRoute;
        if (onPath && from.equals(path.remoteAddress())) {
            liveness.heard(now);
        }
    }

    /**
     * Whether a PING from an address other than the path's may be the peer's NAT rebinding: only if it came
     * the way the path's frames come. On a direct pair, straight and not from one of the peer's relayed
     * addresses: the peer's checks and standby PINGs toward a relay (ours, or through its own) come from
     * addresses that reach us only through a relay, and a direct path moved there would run over the relay
     * while it says DIRECT (two hosts on one LAN, in the lab). While relayed, through our relay: a PING
     * that did not come that way is a direct check.
     */
    private boolean mayRebind(InetSocketAddress from, boolean viaRelay) {
        if (mode.direct()) {
            return !viaRelay && remote.candidates().stream()
                    .noneMatch(c -> c.type() == CandidateType.RELAY && c.address().equals(from));
        }
        return viaRelay;
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
        writer.send(candidate, writer.ping(tx, false));
    }

    private void move(InetSocketAddress to) {
        InetSocketAddress from = path.remoteAddress();
        moveProbes.clear();
        agent.pathMoved(this, from, to);
        path.moved(to);
        RelayRoute r = relayRoute;
        if (r != null && r.viaOurRelay() && r.remote().equals(from)) {
            relayRoute = r.movedTo(to); // the peer's NAT rebound: its frames through our relay come from there too
        }
        liveness.heard(agent.loop().now());
    }

    /**
     * The direct pair died but the relayed one answered lately: the same path moves back to it (the session
     * sees {@link PathListener#onPathChanged}, not a loss), at once PINGs over it, and the direct pairs are
     * checked again in rounds.
     */
    private void fallBack() {
        Instant now = agent.loop().now();
        mode = mode.on(PathMode.Event.FELL_BACK);
        moveProbes.clear();
        path.switched(relayRoute.remote(), relayRoute.local(), relayRoute.remoteCandidate());
        restartLiveness(now);
        retries.restart();
        retries.schedule();
        pingPath(); // unanswered, this starts the loss probes: a relay that died too is found within seconds
    }

    private void restartLiveness(Instant now) {
        probeTimer.cancel();
        keepalives.clear();
        liveness = new Liveness(now, probeInterval(path.rtt()), agent.config().lossProbes());
    }

    private void retryDirect() {
        if (mode == PathMode.RELAYED && !checker.upgrading()) {
            startRound();
        }
    }

    /**
     * A round of direct checks: PRIMEs first (our NAT's mappings toward the peer, as at connect time), then
     * a fresh checker that checks only the direct pairs. All of the peer's candidates, also on the hard
     * side of a hard-NAT plan, which does not check the peer's server-reflexive address at connect time
     * (to leave the peer's guesses undisturbed): the guessing is over by now, and if it missed, only the
     * hard side's own checks can still open the way to a peer behind a full cone.
     */
    private void startRound() {
        retries.started();
        agent.prime(remote, home);
        checker.stop();
        checker = newChecker(remote.candidates());
        checker.startRetry(agent.config().directRetry().round());
    }

    /**
     * How often keepalives PING the standby relayed pair: often enough that the TURN permission (refreshed
     * every 4 minutes while used) and channel stay in use, and no more. Its NAT mappings need nothing of
     * it (the allocation's own keepalive holds ours; a loss probe, which PINGs the relay too, re-opens the
     * filter before a fall-back), so a PING per keepalive only cost packets: on a NAT forgetting after
     * 20 s, about 1,000 an hour per idle peer through the relay.
     */
    private static final Duration RELAY_STANDBY_PING = TurnTiming.PERMISSION_REFRESH.dividedBy(2);

    /**
     * Unanswered direct PINGs after which a path falls back to its relayed pair if that answered the PING
     * sent alongside the first repeat: two probe intervals of silence while the relay works. Falling back
     * costs nothing (the direct pair is checked again in rounds and taken back when it answers), waiting
     * for LOST costs seconds of a stalled chat.
     */
    private static final int EARLY_FALLBACK_AFTER = 1;

    /** Keeps the relayed pair of a direct path alive: its permission and channel, and its proof. */
    private void pingRelayRoute() {
        relayPinged = agent.loop().now();
        RelayRoute r = relayRoute;
        byte[] ping = writer.ping(TransactionId.random(agent.random()), false);
        if (r.viaOurRelay()) {
            writer.sendThroughRelay(r.remote(), ping);
        } else {
            writer.send(r.remote(), ping);
        }
    }

    /** A payload frame went out on the path (any thread): after a silence, check that the peer still answers. */
    void payloadSent() {
        onLoop(() -> {
            if (path != null && path.isAlive() && liveness.untrusted(agent.loop().now())) {
                pingPath();
            }
        });
    }

    /**
     * The session sent data that the peer acknowledges (any thread): if no frame at all comes back within
     * a probe interval, the path is PINGed, so that a path that broke mid-conversation (a NAT that forgot
     * its mappings) is found in seconds, not at the next keepalive.
     */
    void answerExpected() {
        onLoop(() -> {
            Liveness watched = liveness;
            if (path != null && path.isAlive() && watched.expectAnswer(agent.loop().now())) {
                agent.loop().schedule(watched.probeInterval(), () -> {
                    if (watched == liveness && path.isAlive() && watched.answerOverdue(agent.loop().now())) {
                        pingPath();
                    }
                });
            }
        });
    }

    /**
     * The STUN server sees our shared socket at a new address: the NAT forgot us and mapped us anew (a
     * reboot, a flushed table). A path in doubt on that socket went with the old mapping, and so did one
     * through our relay (the allocation belongs to the old address): both end now, and the session
     * reconnects through the server on fresh ports, instead of waiting out the loss probes. True if it ended.
     */
    boolean mappingChanged() {
        if (path == null || !path.isAlive() || !localAddress().equals(agent.localAddress())) {
            return false;
        }
        RelayRoute r = relayRoute;
        boolean viaOurRelay = mode == PathMode.RELAYED && r != null && r.viaOurRelay();
        if (!liveness.inDoubt() && !viaOurRelay) {
            return false;
        }
        agent.pathLost();
        close("lost: our NAT mapped us to a new address", true);
        return true;
    }

    private void keepalive() {
        pingPath();
        if (mode == PathMode.DIRECT_STANDBY
                && (relayPinged == null || !agent.loop().now().isBefore(relayPinged.plus(RELAY_STANDBY_PING)))) {
            pingRelayRoute();
        }
        keepaliveTimer = agent.loop().schedule(agent.keepaliveInterval(), this::keepalive);
    }

    /** A PING on the path that measures the RTT and, unanswered, starts the loss probes (see {@link Liveness}). */
    private void pingPath() {
        Instant now = agent.loop().now();
        keepalives.values().removeIf(sent -> sent.plus(deadAfter()).isBefore(now));
        TransactionId tx = TransactionId.random(agent.random());
        keepalives.put(tx, now);
        sendOnPath(writer.ping(tx, false));
        if (liveness.pinged(now)) {
            probeTimer = agent.loop().schedule(liveness.probeInterval(), this::onProbeTimer);
        }
    }

    private void onProbeTimer() {
        switch (liveness.onTimer()) {
            case FINE -> { }
            case PROBE -> {
                if (mode == PathMode.DIRECT_STANDBY && liveness.repeats() > EARLY_FALLBACK_AFTER
                        && relayRoute.heardSince(liveness.troubleSince())) {
                    fallBack(); // the relay answers and the direct pair does not: no need to wait for LOST
                    return;
                }
                TransactionId tx = TransactionId.random(agent.random());
                keepalives.put(tx, agent.loop().now());
                sendOnPath(writer.ping(tx, false));
                if (mode == PathMode.DIRECT_STANDBY) {
                    pingRelayRoute(); // is there something to fall back to?
                }
                if (liveness.repeats() == 1) {
                    if (!agent.mappingChangedSince(liveness.lastHeard())) {
                        agent.checkMapping(); // is it us? a NAT that forgot us maps us anew (see mappingChanged)
                    } else if (mappingChanged()) {
                        return; // STUN saw it already, and the peer has not been heard since
                    }
                }
                probeTimer = agent.loop().schedule(liveness.probeInterval(), this::onProbeTimer);
            }
            case LOST -> dead("lost: no answer to " + (agent.config().lossProbes() + 1) + " PINGs in "
                    + liveness.unansweredFor(agent.loop().now()).toMillis() + " ms");
        }
    }

    /**
     * The path's pair stopped answering: back to the relay if it answered while the direct pair did not
     * (the relay is PINGed along with each loss probe), else the path is lost.
     */
    private void dead(String reason) {
        if (mode == PathMode.DIRECT_STANDBY && relayRoute.heardSince(liveness.troubleSince())) {
            fallBack();
        } else {
            agent.pathLost();
            close(reason, true);
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
            dead("no frame from the peer for " + Duration.between(lastHeard, now).toMillis() + " ms");
            if (mode != PathMode.GONE) {
                livenessTimer = agent.loop().schedule(deadAfter(), this::checkLiveness);
            }
        } else {
            livenessTimer = agent.loop().schedule(Duration.between(now, deadline), this::checkLiveness);
        }
    }

    private Candidate localCandidateOf(CandidatePair pair) {
        if (writer.viaRelayOnly(pair.remoteAddress())) {
            return ourRelayCandidate();
        }
        return pair.observedLocal().map(seen -> localCandidates.stream()
                        .filter(c -> c.address().equals(seen) && c.type() != CandidateType.RELAY).findFirst()
                        .orElseGet(() -> Candidate.of(CandidateType.PRFLX, seen, Priorities.MAX_LOCAL_PREFERENCE, "prflx")))
                .orElseGet(() -> localCandidates.isEmpty()
                        ? Candidate.of(CandidateType.HOST, localAddress(), Priorities.MAX_LOCAL_PREFERENCE, "host")
                        : localCandidates.getFirst());
    }

    private Candidate ourRelayCandidate() {
        var relayed = agent.relay().relayed().map(r -> r.localAddress()).orElse(localAddress());
        return localCandidates.stream().filter(c -> c.type() == CandidateType.RELAY).findFirst()
                .orElseGet(() -> Candidate.of(CandidateType.RELAY, relayed, Priorities.MAX_LOCAL_PREFERENCE, "relay"));
    }

    @Override
    public String toString() {
        return "Connection[" + role + " " + local.ufrag() + " -> " + remoteUfrag + "]";
    }
}
