package dev.p2pchat.traversal;

import dev.p2pchat.protocol.frame.CheckKey;
import dev.p2pchat.protocol.frame.Ufrag;
import java.util.List;
import java.util.Objects;

/**
 * What one side tells the other through signalling (an offer or an answer): its check credentials for this
 * connection and its candidates. Plain fields for JSON: {@code ufrag} is 16 hex digits, {@code pwd} 22
 * characters of base64url. The password is a secret between the two peers: {@link #toString()} hides it.
 */
public record PeerDescription(String ufrag, String pwd, List<Candidate> candidates) {
    public PeerDescription {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
        candidates = List.copyOf(candidates);
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
        return "PeerDescription[ufrag=" + ufrag + ", pwd=redacted, candidates=" + candidates + "]";
    }
}
