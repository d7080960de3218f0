package dev.p2pchat.server.signal;

/**
 * A request the server refuses: carries the wire {@link ErrorCode}, a message for humans (naming
 * the offending field where there is one) and the request {@code id} to echo, if the client sent
 * one. Thrown by parsing and handling, turned into an {@code error} reply at the edge.
 */
public final class ApiException extends RuntimeException {
  private final ErrorCode code;
  private final String id;

  public ApiException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ApiException(ErrorCode code, String message, String id) {
    super(message, null, false, false); // no stack trace: this is control flow for bad input
    this.code = code;
    this.id = id;
  }

  public ErrorCode code() {
    return code;
  }

  /** The client's request id, or null. */
  public String id() {
    return id;
  }

  /** The same error, answering request {@code requestId}. */
  public ApiException withId(String requestId) {
    return requestId == null || requestId.equals(id) ? this : new ApiException(code, getMessage(), requestId);
  }
}
