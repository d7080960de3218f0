package dev.p2pchat.server.turn;

import dev.p2pchat.protocol.stun.ErrorAttribute;
import dev.p2pchat.protocol.stun.Fingerprint;
import dev.p2pchat.protocol.stun.IntegrityKey;
import dev.p2pchat.protocol.stun.StunAttribute;
import dev.p2pchat.protocol.stun.StunClass;
import dev.p2pchat.protocol.stun.StunConstants;
import dev.p2pchat.protocol.stun.StunEncoder;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.TextAttribute;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the relay's responses. Responses to authenticated requests carry MESSAGE-INTEGRITY with the
 * request's key (RFC 8489 §9.2.4); FINGERPRINT is added when the request had one. The unauthenticated
 * answers (401, 438) carry only what the client needs to retry — ERROR-CODE with an empty reason,
 * REALM and NONCE — so that answering a forged source address amplifies as little as possible.
 */
final class TurnResponses {
  private TurnResponses() {}

  /** 401 with REALM and NONCE: the first step of the long-term credential dance, or a failed one. */
  static byte[] unauthenticated(StunMessage request, String realm, String nonce) {
    return challenge(request, StunConstants.ERROR_UNAUTHENTICATED, realm, nonce);
  }

  /** 438 with a fresh NONCE (RFC 8489 §9.2.4). */
  static byte[] staleNonce(StunMessage request, String realm, String nonce) {
    return challenge(request, StunConstants.ERROR_STALE_NONCE, realm, nonce);
  }

  /** An error without integrity: 400 for a request missing credential attributes. */
  static byte[] plainError(StunMessage request, int code, String reason) {
    return encoder(request, null).encode(message(request, StunClass.ERROR_RESPONSE, List.of(new ErrorAttribute.ErrorCode(code, reason))));
  }

  /** An error to an authenticated request, with integrity; {@code extra} such as UNKNOWN-ATTRIBUTES. */
  static byte[] error(StunMessage request, IntegrityKey key, int code, String reason, StunAttribute... extra) {
    List<StunAttribute> attributes = new ArrayList<>();
    attributes.add(new ErrorAttribute.ErrorCode(code, reason));
    attributes.addAll(List.of(extra));
    return encoder(request, key).encode(message(request, StunClass.ERROR_RESPONSE, attributes));
  }

  static byte[] success(StunMessage request, IntegrityKey key, StunAttribute... attributes) {
    return encoder(request, key).encode(message(request, StunClass.SUCCESS_RESPONSE, List.of(attributes)));
  }

  private static byte[] challenge(StunMessage request, int code, String realm, String nonce) {
    List<StunAttribute> attributes = List.of(
        new ErrorAttribute.ErrorCode(code, ""), new TextAttribute.Realm(realm), new TextAttribute.Nonce(nonce));
    return StunEncoder.plain().encode(message(request, StunClass.ERROR_RESPONSE, attributes));
  }

  private static StunMessage message(StunMessage request, StunClass c, List<StunAttribute> attributes) {
    return new StunMessage(request.type().withClass(c), request.transactionId(), attributes);
  }

  private static StunEncoder encoder(StunMessage request, IntegrityKey key) {
    StunEncoder e = key == null ? StunEncoder.plain() : StunEncoder.plain().withIntegrity(key);
    return request.first(Fingerprint.class).isPresent() ? e.withFingerprint() : e;
  }
}
