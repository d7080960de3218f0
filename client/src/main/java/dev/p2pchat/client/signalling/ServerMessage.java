package dev.p2pchat.client.signalling;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.protocol.identity.Username;
import java.util.List;
import java.util.Optional;

/** What the rendezvous server sends on the WebSocket (docs/api.md), one record per {@code type}. */
public sealed interface ServerMessage {

  /** {@code challenge}: the nonce to sign in {@code hello}. */
  record Challenge(String nonce) implements ServerMessage {}

  /** {@code welcome}: authenticated; STUN (and TURN) servers to use, as {@code host:port}. */
  record Welcome(Username user, long serverTimeMillis, List<String> stun, List<ObjectNode> turn)
      implements ServerMessage {}

  /** {@code user}: the answer to {@code lookup}. */
  record UserInfo(Optional<String> id, Username user, boolean online, PublicKeys keys)
      implements ServerMessage {}

  /** {@code presence}: a watched user came online or went offline. */
  record Presence(Username user, boolean online) implements ServerMessage {}

  /** {@code signal}: an opaque payload from another user (connection offers and answers). */
  record Signal(Username from, ObjectNode payload) implements ServerMessage {}

  /** {@code sent}: the server forwarded our {@code signal} with this id. */
  record Sent(Optional<String> id) implements ServerMessage {}

  /** {@code pong}: the answer to {@code ping}. */
  record Pong() implements ServerMessage {}

  /** {@code error}: with the request id it answers, if any. */
  record Error(ErrorCode code, String wireCode, String message, Optional<String> id)
      implements ServerMessage {}
}
