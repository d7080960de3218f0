package dev.p2pchat.protocol.frame;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The connectivity-check frames exchanged between peers on the shared UDP socket. Every PING and PONG is
 * authenticated with HMAC-SHA256 keyed by the <em>receiver's</em> {@link CheckKey}; see
 * {@link CheckFrameCodec} for the byte layout.
 */
public sealed interface CheckFrame permits CheckFrame.Ping, CheckFrame.Pong, CheckFrame.Prime {

    /**
     * A connectivity check or keepalive.
     *
     * @param nominate set by the controlling side on the pair it selects (RFC 8445 §8.1.1, "USE-CANDIDATE")
     * @param priority the priority the sender's address would have as a peer-reflexive candidate (RFC 8445 §7.1.1)
     * @param receiver the ufrag of the connection this PING is for
     * @param sender   the ufrag of the sending connection
     */
    record Ping(boolean nominate, long priority, TransactionId transactionId, Ufrag receiver, Ufrag sender)
            implements CheckFrame {
        public Ping {
            if (priority < 0 || priority > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("priority is a 32-bit unsigned value: " + priority);
            }
            Objects.requireNonNull(transactionId);
            Objects.requireNonNull(receiver);
            Objects.requireNonNull(sender);
        }
    }

    /**
     * The answer to a PING, sent back to the PING's source address.
     *
     * @param observed the source address the PING arrived from: the pinger's address as the peer sees it
     */
    record Pong(TransactionId transactionId, Ufrag receiver, Ufrag sender, InetSocketAddress observed)
            implements CheckFrame {
        public Pong {
            Objects.requireNonNull(transactionId);
            Objects.requireNonNull(receiver);
            Objects.requireNonNull(sender);
            if (observed.isUnresolved()) {
                throw new IllegalArgumentException("observed address must be resolved: " + observed);
            }
        }
    }

    /**
     * A priming packet, sent with a low IP TTL so that it opens the sender's own NAT mapping and dies
     * before the peer's NAT. It carries nothing; a receiver that gets one anyway ignores it.
     */
    record Prime() implements CheckFrame {}
}
