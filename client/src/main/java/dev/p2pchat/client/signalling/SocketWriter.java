package dev.p2pchat.client.signalling;

import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;

/**
 * Sends text messages on one WebSocket in order. The JDK allows one outstanding send at a time, so
 * each send waits for the previous one; a failed send is not retried (the connection is then broken
 * and the reader reports its end).
 */
final class SocketWriter {
  private final WebSocket socket;
  private CompletableFuture<?> last = CompletableFuture.completedFuture(null);

  SocketWriter(WebSocket socket) {
    this.socket = socket;
  }

  /** Must be called from one thread at a time (the signalling client's loop). */
  void send(String text) {
    last = last.handle((ignored, error) -> null).thenCompose(ignored -> socket.sendText(text, true));
  }

  void close() {
    last.handle((ignored, error) -> null)
        .thenCompose(ignored -> socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"))
        .whenComplete((ignored, error) -> socket.abort());
  }

  void abort() {
    socket.abort();
  }
}
