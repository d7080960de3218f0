package dev.p2pchat.client.signalling;

import java.util.Arrays;

/** The server's error codes (docs/api.md "Errors"), by wire name. Unknown codes map to {@link #OTHER}. */
public enum ErrorCode {
  BAD_JSON("bad-json"),
  BAD_REQUEST("bad-request"),
  TOO_LARGE("too-large"),
  UNKNOWN_TYPE("unknown-type"),
  NOT_AUTHENTICATED("not-authenticated"),
  UNKNOWN_USER("unknown-user"),
  NAME_TAKEN("name-taken"),
  BAD_SIGNATURE("bad-signature"),
  PEER_OFFLINE("peer-offline"),
  RATE_LIMITED("rate-limited"),
  REPLACED("replaced"),
  /** A code this client does not know (a newer server); the wire text is kept in the message. */
  OTHER("");

  private final String wire;

  ErrorCode(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static ErrorCode fromWire(String wire) {
    return Arrays.stream(values())
        .filter(code -> code != OTHER && code.wire.equals(wire))
        .findFirst()
        .orElse(OTHER);
  }

  /** Errors after which reconnecting with the same identity cannot help. */
  public boolean endsTheSession() {
    return this == NAME_TAKEN || this == BAD_SIGNATURE || this == REPLACED;
  }
}
