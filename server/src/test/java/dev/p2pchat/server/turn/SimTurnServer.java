package dev.p2pchat.server.turn;

import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunParseException;
import dev.p2pchat.protocol.turn.ChannelDataCodec;
import dev.p2pchat.protocol.turn.ChannelDataParseException;
import dev.p2pchat.protocol.turn.TurnSecret;
import dev.p2pchat.server.stun.RelayHandler;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Our relay on a public host of the simulated internet: the STUN port's dispatch (ChannelData and
 * non-Binding STUN to the relay), relayed sockets on the same host, time from the simulation. Public
 * (and in the server's test-jar) for the client's room simulation.
 */
public final class SimTurnServer {
  static final TurnSecret SECRET = TurnSecret.of("sim-secret");
  static final int PORT = 3478;

  final SimHost host;
  final DatagramEndpoint front;
  final TurnRelay relay;
  long junk;

  public SimTurnServer(SimulatedInternet net, SimHost host, UnaryOperator<TurnRelayConfig> tweak) {
    this.host = host;
    this.front = host.bind(PORT);
    InstantSource clock = () -> net.scheduler().now();
    TurnRelayConfig config = tweak.apply(TurnRelayConfig.of(SECRET, host.address()));
    this.relay = TurnRelay.create(config, Set.of(host.address()), this::bind, clock, net.random());
    relay.listeningOn(Set.of(address()));
    front.receive(this::dispatch);
  }

  public InetSocketAddress address() {
    return front.localAddress();
  }

  private void dispatch(Datagram d) {
    RelayHandler.Responder responder = new RelayHandler.Responder() {
      @Override
      public InetSocketAddress localAddress() {
        return front.localAddress();
      }

      @Override
      public void send(InetSocketAddress to, byte[] datagram) {
        front.send(to, datagram);
      }
    };
    byte[] b = d.data();
    try {
      if (ChannelDataCodec.looksLikeChannelData(b, 0, b.length)) {
        relay.onChannelData(ChannelDataCodec.decode(b, 0, b.length), d.source(), responder);
        return;
      }
      StunMessage m = Stun.decode(b);
      if (!m.type().isBinding()) {
        relay.onStun(m, b, d.source(), responder);
      }
    } catch (StunParseException | ChannelDataParseException e) {
      junk++;
    }
  }

  private Optional<RelaySocket> bind(boolean even, RelaySocket.Receiver receiver) {
    DatagramEndpoint e = host.bind(0);
    if (even && e.localAddress().getPort() % 2 != 0) {
      e.close();
      e = host.bind(0);
    }
    DatagramEndpoint endpoint = e;
    RelaySocket socket = new RelaySocket() {
      @Override
      public InetSocketAddress address() {
        return endpoint.localAddress();
      }

      @Override
      public void send(InetSocketAddress peer, byte[] data) {
        endpoint.send(peer, data);
      }

      @Override
      public void close() {
        endpoint.close();
      }
    };
    endpoint.receive(d -> receiver.onPeerDatagram(socket, d.source(), d.data()));
    return Optional.of(socket);
  }

  /** REST credentials for {@code user} valid until {@code expiry}. */
  public static dev.p2pchat.traversal.turn.TurnCredentials credentials(InetSocketAddress server, String user, Instant expiry) {
    String username = dev.p2pchat.protocol.turn.RestCredentials.username(expiry, user);
    return new dev.p2pchat.traversal.turn.TurnCredentials(server, username,
        dev.p2pchat.protocol.turn.RestCredentials.password(SECRET, username));
  }
}
