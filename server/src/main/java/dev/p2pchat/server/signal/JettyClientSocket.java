package dev.p2pchat.server.signal;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * {@link ClientSocket} over a Jetty session. Jetty queues whole-message sends from any thread in
 * call order; this class only bounds that queue, so a client that stops reading cannot make the
 * server buffer without limit: past {@link SignalLimits#MAX_QUEUED_REPLIES} it is disconnected.
 */
final class JettyClientSocket implements ClientSocket {
  private final Session session;
  private final String address;
  private final AtomicInteger inFlight = new AtomicInteger();

  JettyClientSocket(Session session) {
    this.session = session;
    this.address = hostOf(session.getRemoteSocketAddress());
  }

  @Override
  public void send(String text) {
    if (inFlight.incrementAndGet() > SignalLimits.MAX_QUEUED_REPLIES) {
      inFlight.decrementAndGet();
      close(SignalLimits.CLOSE_POLICY, "too many unread messages");
      return;
    }
    session.sendText(text, Callback.from(inFlight::decrementAndGet, failure -> inFlight.decrementAndGet()));
  }

  @Override
  public void close(int code, String reason) {
    session.close(code, reason, Callback.NOOP);
  }

  @Override
  public String remoteAddress() {
    return address;
  }

  static String hostOf(SocketAddress address) {
    if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
      return inet.getAddress().getHostAddress();
    }
    return String.valueOf(address);
  }
}
