package dev.p2pchat.client.signalling;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reassembles the text frames of one WebSocket (the JDK may deliver a message in parts) and hands
 * each whole message, or the end of the connection, to a {@link FrameCallback}. A message over
 * {@link #MAX_MESSAGE_CHARS} aborts the connection rather than grow without bound.
 */
final class SocketReader implements WebSocket.Listener {
  /** docs/api.md: frames are at most 64 KiB. */
  static final int MAX_MESSAGE_CHARS = 64 * 1024;

  interface FrameCallback {
    /** The connection is open; comes before any message. */
    void onOpen(WebSocket socket);

    void onMessage(String text);

    /** Called exactly once, however the connection ended. */
    void onClosed(String reason);
  }

  private final FrameCallback callback;
  private final StringBuilder partial = new StringBuilder();
  private final AtomicBoolean closed = new AtomicBoolean();

  SocketReader(FrameCallback callback) {
    this.callback = callback;
  }

  @Override
  public void onOpen(WebSocket socket) {
    callback.onOpen(socket);
    socket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
    partial.append(data);
    if (partial.length() > MAX_MESSAGE_CHARS) {
      partial.setLength(0);
      socket.abort();
      close("server sent a message over " + MAX_MESSAGE_CHARS + " characters");
      return null;
    }
    if (last) {
      String message = partial.toString();
      partial.setLength(0);
      callback.onMessage(message);
    }
    socket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
    socket.request(1); // the API has no binary frames: ignore them
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
    close("closed by server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
    return null;
  }

  @Override
  public void onError(WebSocket socket, Throwable error) {
    close(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
  }

  private void close(String reason) {
    if (closed.compareAndSet(false, true)) {
      callback.onClosed(reason);
    }
  }
}
