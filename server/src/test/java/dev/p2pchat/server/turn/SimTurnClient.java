package dev.p2pchat.server.turn;

import dev.p2pchat.traversal.net.Datagram;
import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.Demultiplexer;
import dev.p2pchat.traversal.net.PacketClass;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimScheduler;
import dev.p2pchat.traversal.turn.RelayedEndpoint;
import dev.p2pchat.traversal.turn.TurnClient;
import dev.p2pchat.traversal.turn.TurnCredentials;
import dev.p2pchat.traversal.turn.TurnError;
import dev.p2pchat.traversal.turn.TurnTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/** Our TURN client on one simulated host, wired as the traversal agent wires it: demultiplexed, on the loop. */
final class SimTurnClient {
  final SimScheduler loop;
  final DatagramEndpoint endpoint;
  final Demultiplexer demux = new Demultiplexer();
  final TurnClient turn;
  final List<Datagram> received = new ArrayList<>();
  final List<TurnError> lost = new ArrayList<>();
  long otherStun;

  SimTurnClient(SimScheduler loop, SimHost host, TurnCredentials credentials, long seed) {
    this.loop = loop;
    this.endpoint = host.bind(0);
    this.turn = new TurnClient(endpoint, loop, credentials, new SplittableRandom(seed), TurnTiming.DEFAULTS);
    demux.register(PacketClass.STUN, d -> loop.execute(() -> {
      if (!turn.onStun(d)) {
        otherStun++;
      }
    }));
    turn.registerChannelData(demux);
    endpoint.receive(demux);
    turn.onLost(lost::add);
  }

  /** Allocates and runs the simulation until it is done; returns the outcome. */
  CompletableFuture<RelayedEndpoint> allocate() {
    CompletableFuture<RelayedEndpoint> f = turn.allocate();
    loop.runUntil(f::isDone, Duration.ofMinutes(1));
    f.thenAccept(r -> r.receive(received::add));
    return f;
  }

  /** Allocates, expecting success. */
  RelayedEndpoint allocated() {
    return allocate().join();
  }
}
