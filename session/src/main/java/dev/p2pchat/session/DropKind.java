package dev.p2pchat.session;

import dev.p2pchat.protocol.noise.PeerEvent.Drop;
import dev.p2pchat.protocol.noise.Rejection;

/** Why a datagram from the path was dropped, as counted in {@link SessionCounters}. */
public enum DropKind {
    /** Not a Noise datagram at all (truncated header, unknown type or version). */
    MALFORMED,
    /** A handshake message that did not authenticate. */
    HANDSHAKE_FAILED,
    /** An authentic initiation from a key other than the pinned one. */
    UNEXPECTED_KEY,
    /** A replayed (not newer) initiation. */
    STALE_INITIATION,
    /** Addressed to an index of no live handshake or channel. */
    UNKNOWN_INDEX,
    /** A transport packet whose counter was already seen or is too old. */
    REPLAYED,
    /** A transport packet that failed authentication (tampered or truncated). */
    BAD_TAG,
    /** A transport packet refused for another reason (expired keys, counter limit, malformed). */
    TRANSPORT_OTHER,
    /** Decrypted, but the stream frames inside did not decode. */
    BAD_FRAMES,
    /** A handshake whose payload was not a stream epoch. */
    BAD_EPOCH,
    /** Transport data under keys from before the peer restarted: its old stream, not the new one. */
    STALE_STREAM;

    static DropKind of(Drop drop) {
        return switch (drop) {
            case Drop.Malformed ignored -> MALFORMED;
            case Drop.HandshakeFailed ignored -> HANDSHAKE_FAILED;
            case Drop.UnexpectedPeerKey ignored -> UNEXPECTED_KEY;
            case Drop.StaleInitiation ignored -> STALE_INITIATION;
            case Drop.UnknownIndex ignored -> UNKNOWN_INDEX;
            case Drop.TransportRejected rejected -> of(rejected.rejection());
        };
    }

    private static DropKind of(Rejection rejection) {
        return switch (rejection) {
            case REPLAYED, TOO_OLD -> REPLAYED;
            case BAD_TAG, TRUNCATED -> BAD_TAG;
            case WRONG_INDEX, NO_SESSION -> UNKNOWN_INDEX;
            case MALFORMED, COUNTER_LIMIT, EXPIRED -> TRANSPORT_OTHER;
        };
    }
}
