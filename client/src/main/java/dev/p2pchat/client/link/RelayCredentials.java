package dev.p2pchat.client.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.signalling.ServerMessage;
import dev.p2pchat.traversal.turn.TurnCredentials;
import dev.p2pchat.traversal.turn.TurnUri;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The TURN relay a client allocates on, from the {@code turn} entries of the server's {@code welcome}
 * (docs/api.md "TURN"): the first {@code turn:} URL that parses and resolves, with its entry's
 * username and password. Entries that do not fit (turns:, TCP, no credentials) are skipped.
 */
final class RelayCredentials {
  private RelayCredentials() {}

  static Optional<TurnCredentials> from(ServerMessage.Welcome welcome) {
    for (ObjectNode entry : welcome.turn()) {
      String username = entry.path("username").asText("");
      String password = entry.path("password").asText("");
      if (username.isEmpty() || password.isEmpty()) {
        continue;
      }
      for (JsonNode url : entry.path("urls")) {
        try {
          return Optional.of(TurnUri.parse(url.asText()).credentials(username, password));
        } catch (IllegalArgumentException | UnknownHostException e) {
          // try the next one
        }
      }
    }
    return Optional.empty();
  }
}
