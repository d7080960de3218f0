package dev.p2pchat.traversal;

import dev.p2pchat.protocol.frame.CheckKey;
import dev.p2pchat.protocol.frame.Ufrag;
import java.util.List;
import java.util.Objects;

/**
 * What one side tells the other through signalling (an offer or an answer): its check credentials for this
 * connection and its candidates. Plain fields for JSON: {@code ufrag} is 16 hex digits, {@code pwd} 22
 * characters of base64url. The password is a secret between the two peers: {@link #toString()} hides it.
 *
 * @param mappedPorts the public ports our NAT gave the shared socket toward two different STUN server
 *                    addresses, in the order they were mapped (RFC 5780 §4.3): equal for an
 *                    endpoint-independent mapping, different for an address-dependent ("symmetric") one, and
 *                    close together where that NAT allocates sequentially. Empty when unknown (a server
 *                    without an alternate address); absent in JSON reads as empty.
 */
public record PeerDescription(String ufrag, String pwd, List<Candidate> candidates, List<Integer> mappedPorts) {
    public PeerDescription {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
        candidates = List.copyOf(candidates);
        mappedPorts = mappedPorts == null ? List.of() : List.copyOf(mappedPorts);
        for (int port : mappedPorts) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("mapped port out of range: " + port);
            }
        }
    }

    /** A description without NAT mapping information. */
    public PeerDescription(String ufrag, String pwd, List<Candidate> candidates) {
        this(ufrag, pwd, candidates, List.of());
    }

    /** Parses and checks the credentials; throws IllegalArgumentException with the offending field. */
    public Ufrag parsedUfrag() {
        return Ufrag.parse(ufrag);
    }

    public CheckKey parsedPwd() {
        return CheckKey.parse(pwd);
    }

    @Override
    public String toString() {
        return "PeerDescription[ufrag=" + ufrag + ", pwd=redacted, candidates=" + candidates + ", mappedPorts=" + mappedPorts + "]";
    }
}
