package dev.p2pchat.session;

import dev.p2pchat.protocol.reliable.MessageId;
import dev.p2pchat.protocol.reliable.SendResult;
import java.net.InetSocketAddress;

/** What a {@link ChatSession} reports; called on the session's loop, in order. Do not block. */
public interface SessionListener {

    /** The first handshake completed: messages flow. */
    default void onEstablished(PathKind kind, InetSocketAddress remote) {}

    /**
     * A message from the peer, for the first time as far as the session's {@code DeliveredIds} knows.
     * Store it before returning: the acknowledgement goes out after this call.
     */
    void onMessage(MessageId id, byte[] payload);

    /** The peer's application has message {@code id}: it may leave the outbox. */
    void onDelivered(MessageId id);

    /** A message the stream will never carry (larger than the stream's message limit). */
    default void onSendRefused(MessageId id, SendResult result) {}

    /** The path moved (NAT rebinding, a new path attached) without losing the session. */
    default void onPathChanged(PathKind kind, InetSocketAddress remote) {}

    default void onStateChanged(SessionState state) {}

    /**
     * The path died and the session waits for a new one ({@link SessionState#WAITING_FOR_PATH} follows);
     * {@code reason} is the traversal layer's, e.g. "lost: our NAT mapped us to a new address".
     */
    default void onPathLost(String reason) {}

    /** The session ended (closed locally or by the peer, handshake given up, security event). */
    default void onClosed(String reason) {}

    /** Shown loudly; the session closes right after. */
    default void onSecurityEvent(SecurityEvent event) {}
}
