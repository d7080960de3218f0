package dev.p2pchat.client.signalling;

/** Why a signalling request failed; each variant carries what the caller needs to react. */
public abstract sealed class SignallingException extends RuntimeException {

  SignallingException(String message) {
    super(message);
  }

  /** The server answered with an error (docs/api.md "Errors"). */
  public static final class ServerError extends SignallingException {
    private final ErrorCode code;
    private final String wireCode;

    public ServerError(ErrorCode code, String wireCode, String message) {
      super(wireCode + ": " + message);
      this.code = code;
      this.wireCode = wireCode;
    }

    public ErrorCode code() {
      return code;
    }

    /** The code as sent, also for codes this client does not know ({@link ErrorCode#OTHER}). */
    public String wireCode() {
      return wireCode;
    }
  }

  /** The client is between connections (or closed); the caller may retry after reconnection. */
  public static final class NotConnected extends SignallingException {
    public NotConnected() {
      super("not connected to the rendezvous server");
    }
  }

  /** The connection dropped before the server answered. */
  public static final class ConnectionLost extends SignallingException {
    public ConnectionLost(String reason) {
      super("connection to the rendezvous server lost: " + reason);
    }
  }

  /** No answer within the request timeout. */
  public static final class Timeout extends SignallingException {
    public Timeout(String request) {
      super("no answer from the rendezvous server to " + request);
    }
  }

  /** A signal payload over the server's limit; nothing was sent. */
  public static final class PayloadTooLarge extends SignallingException {
    private final int size;

    public PayloadTooLarge(int size, int limit) {
      super("signal payload of " + size + " bytes exceeds the limit of " + limit);
      this.size = size;
    }

    public int size() {
      return size;
    }
  }
}
