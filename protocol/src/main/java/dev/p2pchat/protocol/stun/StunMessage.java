package dev.p2pchat.protocol.stun;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One STUN message: type, transaction id and attributes in wire order.
 *
 * <p>The attribute order must be one a receiver honours in full (RFC 8489 §14.5-§14.7): after
 * MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, after MESSAGE-INTEGRITY-SHA256 only
 * FINGERPRINT, and nothing after FINGERPRINT. With that rule every message encodes to bytes that decode
 * back to an equal message.
 */
public record StunMessage(StunMessageType type, TransactionId transactionId, List<StunAttribute> attributes) {

  public StunMessage {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(transactionId, "transactionId");
    attributes = List.copyOf(attributes);
    checkTrailerOrder(attributes);
  }

  public static StunMessage of(StunMessageType type, TransactionId transactionId, StunAttribute... attributes) {
    return new StunMessage(type, transactionId, List.of(attributes));
  }

  /** RFC 3489 message (no magic cookie). */
  public boolean isClassic() {
    return transactionId.isClassic();
  }

  /** The first attribute of a kind: RFC 8489 §14 says only the first of several counts. */
  public <A extends StunAttribute> Optional<A> first(Class<A> kind) {
    return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }

  public boolean has(int attributeType) {
    return attributes.stream().anyMatch(a -> a.type() == attributeType);
  }

  /** The same message without MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256 and FINGERPRINT. */
  public StunMessage withoutIntegrity() {
    List<StunAttribute> kept = new ArrayList<>();
    for (StunAttribute a : attributes) {
      if (!isTrailer(a.type())) {
        kept.add(a);
      }
    }
    return new StunMessage(type, transactionId, kept);
  }

  /** The same message with more attributes appended. */
  public StunMessage with(StunAttribute... more) {
    List<StunAttribute> all = new ArrayList<>(attributes);
    all.addAll(List.of(more));
    return new StunMessage(type, transactionId, all);
  }

  static boolean isTrailer(int type) {
    return trailerRank(type) > 0;
  }

  /** 0 for body attributes; 1, 2, 3 for MESSAGE-INTEGRITY, -SHA256 and FINGERPRINT, the order they must come in. */
  static int trailerRank(int type) {
    return switch (type) {
      case StunConstants.MESSAGE_INTEGRITY -> 1;
      case StunConstants.MESSAGE_INTEGRITY_SHA256 -> 2;
      case StunConstants.FINGERPRINT -> 3;
      default -> 0;
    };
  }

  private static void checkTrailerOrder(List<StunAttribute> attributes) {
    int rank = 0;
    for (StunAttribute a : attributes) {
      int next = trailerRank(a.type());
      if (rank > 0 && next <= rank) {
        throw new IllegalArgumentException(a + " after an integrity attribute or FINGERPRINT would be ignored");
      }
      rank = next;
    }
  }
}
