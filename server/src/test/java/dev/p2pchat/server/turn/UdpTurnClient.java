package dev.p2pchat.server.turn;

import dev.p2pchat.traversal.loop.ThreadTaskLoop;
import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.Demultiplexer;
import dev.p2pchat.traversal.net.PacketClass;
import dev.p2pchat.traversal.net.UdpNetwork;
import dev.p2pchat.traversal.turn.RelayedEndpoint;
import dev.p2pchat.traversal.turn.TurnClient;
import dev.p2pchat.traversal.turn.TurnCredentials;
import dev.p2pchat.traversal.turn.TurnTiming;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Our TURN client on a real loopback UDP socket and its own loop, wired as the traversal agent wires it. */
final class UdpTurnClient implements AutoCloseable {
  final ThreadTaskLoop loop = new ThreadTaskLoop("turn-test");
  final DatagramEndpoint endpoint;
  final TurnClient turn;
  private final BlockingQueue<Datagram> received = new LinkedBlockingQueue<>();

  UdpTurnClient(TurnCredentials credentials) throws IOException {
    endpoint = UdpNetwork.onAddress(InetAddress.getLoopbackAddress()).bind(new InetSocketAddress(0));
    turn = new TurnClient(endpoint, loop, credentials, new SecureRandom(), TurnTiming.DEFAULTS);
    Demultiplexer demux = new Demultiplexer();
    demux.register(PacketClass.STUN, d -> loop.execute(() -> turn.onStun(d)));
    turn.registerChannelData(demux);
    endpoint.receive(demux);
  }

  /** Allocates, expecting success within 30 s; peers' datagrams then queue for {@link #next()}. */
  RelayedEndpoint allocate() throws Exception {
    RelayedEndpoint relayed = turn.allocate().get(30, TimeUnit.SECONDS);
    relayed.receive(received::add);
    return relayed;
  }

  /** The next datagram a peer sent to the relayed address; fails after 5 s. */
  Datagram next() throws InterruptedException {
    Datagram d = received.poll(5, TimeUnit.SECONDS);
    if (d == null) {
      throw new AssertionError("nothing arrived through the relay within 5 s");
    }
    return d;
  }

  /** Reads client state on its loop, where it lives. */
  <T> T onLoop(Supplier<T> read) throws Exception {
    CompletableFuture<T> f = new CompletableFuture<>();
    loop.execute(() -> f.complete(read.get()));
    return f.get(5, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    turn.close().get(10, TimeUnit.SECONDS);
    endpoint.close();
    loop.close();
  }
}
