package dev.p2pchat.server.signal;

/** The error codes of docs/api.md, each with its wire name and the HTTP status it maps to. */
public enum ErrorCode {
  BAD_JSON("bad-json", 400),
  BAD_REQUEST("bad-request", 400),
  TOO_LARGE("too-large", 413),
  UNKNOWN_TYPE("unknown-type", 400),
  NOT_AUTHENTICATED("not-authenticated", 401),
  UNKNOWN_USER("unknown-user", 404),
  NAME_TAKEN("name-taken", 409),
  BAD_SIGNATURE("bad-signature", 401),
  PEER_OFFLINE("peer-offline", 409),
  RATE_LIMITED("rate-limited", 429),
  REPLACED("replaced", 409),
  NOT_FOUND("not-found", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", 405),
  INTERNAL("internal", 500);

  private final String wire;
  private final int httpStatus;

  ErrorCode(String wire, int httpStatus) {
    this.wire = wire;
    this.httpStatus = httpStatus;
  }

  /** The {@code code} field on the wire. */
  public String wire() {
    return wire;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
