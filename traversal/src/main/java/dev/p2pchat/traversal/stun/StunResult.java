package dev.p2pchat.traversal.stun;

import dev.p2pchat.protocol.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.Optional;

/** How a STUN client transaction ended. */
public sealed interface StunResult {

    /**
     * A success response.
     *
     * @param mapped XOR-MAPPED-ADDRESS (or, from an old server, MAPPED-ADDRESS): our address as the server saw it
     * @param source where the response came from (differs from the server after a CHANGE-REQUEST)
     */
    record Success(StunMessage response, InetSocketAddress source, Optional<InetSocketAddress> mapped)
            implements StunResult {}

    /** An error response (RFC 8489 §14.8), e.g. 400 Bad Request or 401 Unauthorized. */
    record Error(int code, String reason, StunMessage response) implements StunResult {}

    /** No answer after every retransmission (RFC 8489 §6.2.1). */
    record Timeout(InetSocketAddress server, int sends) implements StunResult {}
}
