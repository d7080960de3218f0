package dev.p2pchat.server.turn;

import java.io.IOException;
import java.util.Optional;

/** Where relayed sockets come from: {@link PortPool} on the real UDP stack, or a simulated host in tests. */
interface RelaySockets {

  /** A bound socket, or empty when none can be had (508); {@code even}: only an even port (EVEN-PORT). */
  Optional<RelaySocket> bind(boolean even, RelaySocket.Receiver receiver) throws IOException;
}
