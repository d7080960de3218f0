package dev.p2pchat.traversal.turn;

import dev.p2pchat.protocol.stun.AuthAttribute;
import dev.p2pchat.protocol.stun.ErrorAttribute;
import dev.p2pchat.protocol.stun.IntegrityKey;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunConstants;
import dev.p2pchat.protocol.stun.StunEncoder;
import dev.p2pchat.protocol.stun.StunIntegrity;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.TextAttribute;
import java.util.Optional;

/**
 * The client half of the long-term credential mechanism (RFC 8489 §9.2): learns REALM and NONCE from
 * a 401 or 438, signs requests with MD5(username:realm:password), and checks that responses carry
 * integrity made with the same key (§9.2.5), so that an on-path forger cannot answer for the server.
 */
final class ClientAuth {
    private final TurnCredentials credentials;
    private String realm;
    private String nonce;
    private IntegrityKey key;

    ClientAuth(TurnCredentials credentials) {
        this.credentials = credentials;
    }

    /** Takes REALM and NONCE from a 401/438; false if either is missing (the response is then useless). */
    boolean learn(StunMessage challenge) {
        Optional<String> r = challenge.first(TextAttribute.Realm.class).map(TextAttribute::value);
        Optional<String> n = challenge.first(TextAttribute.Nonce.class).map(TextAttribute::value);
        if (r.isEmpty() || n.isEmpty()) {
            return false;
        }
        if (!r.get().equals(realm)) {
            realm = r.get();
            key = IntegrityKey.longTermMd5(credentials.username(), realm, credentials.password());
        }
        nonce = n.get();
        return true;
    }

    boolean ready() {
        return key != null;
    }

    /** The request with USERNAME, REALM, NONCE and MESSAGE-INTEGRITY. */
    byte[] sign(StunMessage request) {
        StunMessage withCredentials = request.with(
                new TextAttribute.Username(credentials.username()), new TextAttribute.Realm(realm),
                new TextAttribute.Nonce(nonce));
        return StunEncoder.plain().withIntegrity(key).encode(withCredentials);
    }

    /**
     * Whether a response to a signed request may be believed: 401 and 438 come without integrity;
     * everything else must verify if it carries MESSAGE-INTEGRITY, and a success must carry it.
     */
    boolean verify(StunMessage response, byte[] datagram) {
        int code = errorCode(response);
        if (code == StunConstants.ERROR_UNAUTHENTICATED || code == StunConstants.ERROR_STALE_NONCE) {
            return true;
        }
        boolean signed = response.first(AuthAttribute.MessageIntegrity.class).isPresent();
        if (!signed) {
            return response.type().messageClass() == StunClass.ERROR_RESPONSE;
        }
        return StunIntegrity.verify(datagram, 0, datagram.length, key);
    }

    /** The ERROR-CODE of an error response, 0 for anything else. */
    static int errorCode(StunMessage response) {
        if (response.type().messageClass() != StunClass.ERROR_RESPONSE) {
            return 0;
        }
        return response.first(ErrorAttribute.ErrorCode.class).map(ErrorAttribute.ErrorCode::code).orElse(0);
    }

    static String reason(StunMessage response) {
        return response.first(ErrorAttribute.ErrorCode.class).map(ErrorAttribute.ErrorCode::reason).orElse("");
    }
}
