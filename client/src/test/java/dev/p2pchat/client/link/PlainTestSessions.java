package dev.p2pchat.client.link;

import dev.p2pchat.client.event.PathKind;
import dev.p2pchat.client.identity.DhKeyPair;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.traversal.Path;
import dev.p2pchat.traversal.PathListener;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

/**
 * A TEST DOUBLE of the session layer, so that the traversal wiring of the chat client can be tested
 * independently of the real one: no encryption, no retransmission. It exchanges the two static public
 * keys in the clear (refusing a peer whose key is not the pinned one, as Noise IK would), then carries
 * messages and acknowledgements as frames of the free type 0xDE.
 */
final class PlainTestSessions implements SessionOpener {
  private static final byte FRAME = (byte) 0xDE;
  private static final byte HELLO = 1;
  private static final byte MESSAGE = 2;
  private static final byte ACK = 3;

  @Override
  public Link open(Path path, LinkRole role, DhKeyPair local, PublicKeys peer, LinkListener listener) {
    Session session = new Session(path, local, peer, listener);
    path.setListener(session);
    session.hello();
    return session;
  }

  private static byte[] frame(byte kind, byte[] body) {
    byte[] frame = new byte[2 + body.length];
    frame[0] = FRAME;
    frame[1] = kind;
    System.arraycopy(body, 0, frame, 2, body.length);
    return frame;
  }

  private static byte[] id(UUID id) {
    return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
  }

  private static UUID uuid(byte[] body) {
    ByteBuffer buffer = ByteBuffer.wrap(body);
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  private static final class Session implements Link, PathListener {
    private final Path path;
    private final DhKeyPair local;
    private final PublicKeys peer;
    private final LinkListener listener;
    private volatile boolean established;

    Session(Path path, DhKeyPair local, PublicKeys peer, LinkListener listener) {
      this.path = path;
      this.local = local;
      this.peer = peer;
      this.listener = listener;
    }

    void hello() {
      path.send(frame(HELLO, local.publicKey().raw()));
    }

    @Override
    public void onFrame(Path p, byte[] frame) {
      if (frame.length < 2 || frame[0] != FRAME) {
        return;
      }
      byte[] body = Arrays.copyOfRange(frame, 2, frame.length);
      switch (frame[1]) {
        case HELLO -> received(body);
        case MESSAGE -> {
          UUID id = uuid(body);
          listener.onMessage(id, Arrays.copyOfRange(body, 16, body.length));
          path.send(frame(ACK, id(id)));
        }
        case ACK -> listener.onDelivered(uuid(body));
        default -> { }
      }
    }

    private void received(byte[] key) {
      if (established) {
        return;
      }
      if (!Arrays.equals(key, peer.dh().raw())) {
        listener.onClosed("handshake failed: the peer's key is not the pinned one");
        return;
      }
      established = true;
      hello(); // the peer may have opened after our first hello arrived: say it again
      listener.onEstablished(PathKind.DIRECT,
          path.remoteAddress().getAddress().getHostAddress() + ":" + path.remoteAddress().getPort());
    }

    @Override
    public void onDead(Path p, String reason) {
      listener.onClosed("path lost: " + reason);
    }

    @Override
    public void send(UUID id, byte[] payload) {
      byte[] body = new byte[16 + payload.length];
      System.arraycopy(id(id), 0, body, 0, 16);
      System.arraycopy(payload, 0, body, 16, payload.length);
      path.send(frame(MESSAGE, body));
    }

    @Override
    public LinkStatus status() {
      return new LinkStatus(established, Optional.of(PathKind.DIRECT), Optional.of(path.remoteAddress().toString()),
          Optional.ofNullable(path.rtt()).or(() -> Optional.of(Duration.ZERO)));
    }

    @Override
    public void close() {
      path.close();
    }
  }
}
