package dev.p2pchat.traversal;

import dev.p2pchat.protocol.frame.CheckFrame.Ping;
import dev.p2pchat.protocol.frame.CheckFrame.Pong;
import dev.p2pchat.protocol.frame.CheckFrameCodec;
import dev.p2pchat.protocol.frame.CheckKey;
import dev.p2pchat.protocol.frame.TransactionId;
import dev.p2pchat.protocol.frame.Ufrag;
import dev.p2pchat.traversal.check.Checker;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.turn.AgentRelay;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link Connection} sends to its peer, and which way: from the socket each peer address was first
 * heard on (the shared one, the attempt's fresh port, or a hard-NAT socket), through our relay for an
 * address that reached us only there, or through the relay on purpose. Check frames are sealed here with
 * the peer's key. Thread-safe: the session sends payload frames from its own thread.
 */
final class PeerWriter {
    /** Bound on remembered peer addresses: each needs a valid check frame, but a table should not grow unbounded. */
    private static final int MAX_VIA = 64;

    private final DatagramEndpoint shared;
    private final DatagramEndpoint home;
    private final AgentRelay relay;
    private final Ufrag localUfrag;
    private final Ufrag remoteUfrag;
    private final CheckKey remoteKey;
    /**
     * The socket each peer address was first heard on, which then carries everything to that address: a
     * hard-NAT socket, or the home one. First, not latest: the peer's checks toward the address it first
     * reached must keep being answered from there, or they stop being symmetric.
     */
    private final Map<InetSocketAddress, DatagramEndpoint> via = new ConcurrentHashMap<>();

    /**
     * @param shared the agent's socket, where STUN and TURN run
     * @param home   the socket this attempt gathered on: the shared one, or a fresh one after a loss
     */
    PeerWriter(DatagramEndpoint shared, DatagramEndpoint home, AgentRelay relay, Ufrag localUfrag, Ufrag remoteUfrag,
               CheckKey remoteKey) {
        this.shared = shared;
        this.home = home;
        this.relay = relay;
        this.localUfrag = localUfrag;
        this.remoteUfrag = remoteUfrag;
        this.remoteKey = remoteKey;
    }

    /** A valid check frame from {@code from} came in on {@code on}: that socket answers it from now on. */
    void heardOn(InetSocketAddress from, DatagramEndpoint on) {
        if (via.size() < MAX_VIA || via.containsKey(from)) {
            via.putIfAbsent(from, on);
        }
    }

    /** The socket frames to {@code remote} leave from. */
    DatagramEndpoint socketFor(InetSocketAddress remote) {
        return via.getOrDefault(remote, home);
    }

    /** The socket {@code remote} was first heard on, or null. */
    DatagramEndpoint heardOn(InetSocketAddress remote) {
        return via.get(remote);
    }

    byte[] ping(TransactionId tx, boolean nominate) {
        return CheckFrameCodec.encode(new Ping(nominate, Checker.prflxPriority(), tx, remoteUfrag, localUfrag), remoteKey);
    }

    /**
     * Answers a PING the way it came: one that came through our relay proves that route, and the peer
     * expects the answer from the address it pinged (its relayed address or ours).
     */
    void pong(InetSocketAddress to, TransactionId tx, boolean throughRelay) {
        byte[] pong = CheckFrameCodec.encode(new Pong(tx, remoteUfrag, localUfrag, to), remoteKey);
        if (throughRelay) {
            relay.sendViaRelay(to, pong);
        } else {
            send(to, pong);
        }
    }

    /**
     * Whether {@code peer} reached us through our relay and never straight: not on the shared socket (the
     * relay's own record) nor on one of ours that the peer's hard-NAT guesses hit. Frames that came
     * through the relay name no socket, so a later frame straight from that address still picks one.
     */
    boolean viaRelayOnly(InetSocketAddress peer) {
        DatagramEndpoint on = via.get(peer);
        return (on == null || on == shared) && relay.routesViaRelay(peer);
    }

    /**
     * Sends on the learnt route: from the socket other than the shared one that the peer was heard on
     * straight (a hard-NAT socket, even if the address also reached us through the relay); else through
     * the relay if the peer reached us only there; else directly.
     */
    void send(InetSocketAddress to, byte[] frame) {
        DatagramEndpoint socket = socketFor(to);
        if (socket != shared && (via.containsKey(to) || !relay.routesViaRelay(to))) {
            socket.send(to, frame);
        } else {
            relay.send(to, frame);
        }
    }

    /** Straight from the socket the peer was heard on (or the home one), never through the relay. */
    void sendDirect(InetSocketAddress to, byte[] frame) {
        socketFor(to).send(to, frame);
    }

    /** Sends through our allocation whatever the learnt route (dropped without one). */
    void sendThroughRelay(InetSocketAddress to, byte[] frame) {
        relay.sendViaRelay(to, frame);
    }

    /** Closes the hard-NAT sockets the peer was heard on (not the shared or home socket). */
    void closeExtraSockets() {
        for (DatagramEndpoint e : via.values()) {
            if (e != shared && e != home) {
                e.close();
            }
        }
    }
}
