package dev.p2pchat.server.signal;

/**
 * The sending side of one client's WebSocket, as the signalling logic needs it. Sends are
 * asynchronous and may be called from any thread; a close is sent after the messages before it.
 */
public interface ClientSocket {
  void send(String text);

  void close(int code, String reason);

  /** The client's IP address, for rate limits and logs. */
  String remoteAddress();
}
