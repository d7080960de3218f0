package dev.p2pchat.server.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.util.List;

/**
 * One message a client sends on the WebSocket, already validated (docs/api.md). {@code id} is the
 * client's request id, echoed in the answer, or null.
 */
public sealed interface ClientMessage {
  String id();

  record Hello(String id, Username user, SigningPublicKey signingKey, DhPublicKey dhKey, byte[] signature)
      implements ClientMessage {}

  record Lookup(String id, Username user) implements ClientMessage {}

  record Watch(String id, List<Username> users) implements ClientMessage {}

  record Unwatch(String id, List<Username> users) implements ClientMessage {}

  /** {@code payload} is opaque to the server: forwarded, never interpreted or stored. */
  record Signal(String id, Username to, ObjectNode payload) implements ClientMessage {}

  record Ping(String id) implements ClientMessage {}

  /** Fresh TURN credentials, e.g. before the ones of {@code welcome} expire. */
  record TurnCredentialsRequest(String id) implements ClientMessage {}
}
