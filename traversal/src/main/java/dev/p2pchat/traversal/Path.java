package dev.p2pchat.traversal;

import dev.p2pchat.protocol.frame.FrameType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The selected direct path to one peer: our shared socket and the peer's address. The session layer sends
 * its frames (0xD2–0xDF, but not the check frames 0xD0, 0xD1, 0xD6) with {@link #send(byte[])} and receives
 * the peer's through its {@link PathListener}. The agent keeps the path's NAT bindings open with
 * keepalives and reports {@link PathListener#onDead} when the peer falls silent. If the peer's NAT rebinds
 * (a new public port), the path follows it once the peer has answered a PING at the new address. With a
 * relay, the path starts on the relayed pair if that works first, moves to a direct pair once one works,
 * and back to the relayed pair if the direct one dies ({@link PathListener#onPathChanged} each time,
 * {@link #kind()} tells which).
 *
 * <p>{@link #send} may be called from any thread. Frames that arrive before a listener is set are held
 * (up to {@link #MAX_HELD_FRAMES}) and handed to the first listener.
 */
public final class Path implements AutoCloseable {
    public static final int MAX_HELD_FRAMES = 64;

    /** How frames travel: straight between the two NATs, or through a TURN relay (either side's). */
    public enum Kind { DIRECT, RELAYED }

    private final Connection connection;
    private volatile InetSocketAddress remote;
    private volatile Candidate localCandidate;
    private volatile Candidate remoteCandidate;
    private final Deque<byte[]> held = new ArrayDeque<>();
    private volatile PathListener listener;
    private volatile Duration rtt;
    private volatile boolean alive = true;

    Path(Connection connection, InetSocketAddress remote, Candidate local, Candidate remoteCandidate, Duration rtt) {
        this.connection = connection;
        this.remote = remote;
        this.localCandidate = local;
        this.remoteCandidate = remoteCandidate;
        this.rtt = rtt;
    }

    /** Sends one p2p payload frame to the peer. Dropped silently once the path is dead or closed. */
    public void send(byte[] frame) {
        int type = frame.length == 0 ? -1 : frame[0] & 0xFF;
        if (!FrameType.isP2p(type) || FrameType.isCheck(type)) {
            throw new IllegalArgumentException(String.format("not a p2p payload frame type: 0x%02X", type));
        }
        if (alive) {
            connection.sendOnPath(frame);
            connection.payloadSent();
        }
    }

    /**
     * Tells the path that frames just sent carry data the peer will acknowledge: if nothing at all is heard
     * from the peer within a loss-probe interval, the path is PINGed to find out whether it still works.
     */
    public void expectAnswer() {
        if (alive) {
            connection.answerExpected();
        }
    }

    /** Sets the listener; held frames are delivered to it on the agent's loop. */
    public void setListener(PathListener l) {
        this.listener = l;
        connection.onLoop(this::flushHeld);
    }

    /** The peer's address on this path; it changes when the peer's NAT rebinds (see {@link PathListener#onPathChanged}). */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** Our socket's bound address. */
    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    /** Our candidate as the peer sees it (host, server-reflexive or peer-reflexive). */
    public Candidate localCandidate() {
        return localCandidate;
    }

    /** The peer's candidate this path goes to (possibly peer-reflexive, learnt during checks). */
    public Candidate remoteCandidate() {
        return remoteCandidate;
    }

    /** RELAYED when either end of the path is a relayed address (ours or the peer's), else DIRECT. */
    public Kind kind() {
        return localCandidate.type() == CandidateType.RELAY || remoteCandidate.type() == CandidateType.RELAY
                ? Kind.RELAYED : Kind.DIRECT;
    }

    /** The latest round-trip time: the check's, then each keepalive's; zero until one was measured. */
    public Duration rtt() {
        return rtt;
    }

    public boolean isAlive() {
        return alive;
    }

    /** Stops keepalives and delivery, and forgets the connection. The peer will see the path die. */
    @Override
    public void close() {
        connection.onLoop(() -> connection.close("closed locally", false));
    }

    void deliver(byte[] frame) {
        PathListener l = listener;
        if (l == null) {
            if (held.size() < MAX_HELD_FRAMES) {
                held.addLast(frame);
            }
            return;
        }
        flushHeld();
        l.onFrame(this, frame);
    }

    /** The peer answered from a new address (its NAT rebound): send there from now on. */
    void moved(InetSocketAddress to) {
        InetSocketAddress from = remote;
        remote = to;
        remoteCandidate = new Candidate(CandidateType.PRFLX, to.getAddress().getHostAddress(), to.getPort(),
                remoteCandidate.priority(), "prflx");
        PathListener l = listener;
        if (l != null) {
            l.onPathChanged(this, from, to);
        }
    }

    /**
     * The path moved to another pair of the same connection: to a direct one that works after a relayed
     * start, or back to the relayed one when the direct one died. Send there from now on, and say so.
     */
    void switched(InetSocketAddress to, Candidate local, Candidate remoteEnd) {
        InetSocketAddress from = remote;
        remote = to;
        localCandidate = local;
        remoteCandidate = remoteEnd;
        PathListener l = listener;
        if (l != null) {
            l.onPathChanged(this, from, to);
        }
    }

    void rttMeasured(Duration measured) {
        rtt = measured;
        PathListener l = listener;
        if (l != null) {
            l.onRtt(this, measured);
        }
    }

    void died(String reason, boolean notify) {
        if (!alive) {
            return;
        }
        alive = false;
        held.clear();
        PathListener l = listener;
        if (notify && l != null) {
            l.onDead(this, reason);
        }
    }

    private void flushHeld() {
        PathListener l = listener;
        while (l != null && !held.isEmpty()) {
            l.onFrame(this, held.pollFirst());
        }
    }

    @Override
    public String toString() {
        return "Path[" + localCandidate.type() + " " + localCandidate.ip() + ":" + localCandidate.port() + " -> "
                + remoteCandidate.type() + " " + remote + ", rtt " + rtt.toMillis() + " ms]";
    }
}
