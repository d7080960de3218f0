package dev.p2pchat.session;

import dev.p2pchat.protocol.noise.HandshakeException;
import dev.p2pchat.protocol.noise.NoisePublicKey;

/**
 * Something the user must see: the handshake says the peer is not who the pinned key says. The session
 * is closed right after; it never goes on with another key.
 */
public sealed interface SecurityEvent {

    /** An authentic initiation from a static key other than the pinned one (the contact's key changed?). */
    record UnexpectedPeerKey(NoisePublicKey presented) implements SecurityEvent {}

    /**
     * The peer's initiation did not decrypt or authenticate: it was encrypted to a key that is not ours
     * (the peer pinned another key for us) or it was tampered with.
     */
    record HandshakeFailed(HandshakeException.Reason reason) implements SecurityEvent {}
}
