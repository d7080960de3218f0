package dev.p2pchat.server.signal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.server.registry.UserRecord;
import dev.p2pchat.server.turn.TurnCredentialIssuer;
import java.util.List;
import java.util.Optional;

/** Builds every JSON object the server sends (docs/api.md). Each has a {@code type}. */
public final class Replies {
  private Replies() {}

  public static ObjectNode challenge(String nonce) {
    return typed("challenge").put("nonce", nonce);
  }

  public static ObjectNode welcome(Username user, long serverTimeMillis, List<String> stun) {
    return welcome(user, serverTimeMillis, stun, Optional.empty());
  }

  /** With {@code "turn":[...]} when relays are advertised (docs/api.md, "TURN"). */
  public static ObjectNode welcome(Username user, long serverTimeMillis, List<String> stun,
                                   Optional<TurnCredentialIssuer.Issued> turn) {
    ObjectNode node = typed("welcome").put("user", user.value()).put("server_time", serverTimeMillis);
    ArrayNode servers = node.putArray("stun");
    stun.forEach(servers::add);
    turn.ifPresent(t -> putTurn(node, turn));
    return node;
  }

  /** The answer to {@code turn-credentials}: {@code "turn"} is empty when no relay is advertised. */
  public static ObjectNode turnCredentials(String id, Optional<TurnCredentialIssuer.Issued> turn) {
    return putTurn(withId(typed("turn-credentials"), id), turn);
  }

  private static ObjectNode putTurn(ObjectNode node, Optional<TurnCredentialIssuer.Issued> turn) {
    ArrayNode list = node.putArray("turn");
    turn.ifPresent(t -> {
      ObjectNode entry = list.addObject();
      ArrayNode urls = entry.putArray("urls");
      t.urls().forEach(urls::add);
      entry.put("username", t.username()).put("password", t.password()).put("ttl", t.ttl().toSeconds());
    });
    return node;
  }

  public static ObjectNode user(String id, UserRecord record, boolean online) {
    ObjectNode node = withId(typed("user"), id)
        .put("user", record.user().value())
        .put("online", online)
        .put("signing_key", record.signingKey().toText())
        .put("dh_key", record.dhKey().toText());
    return node;
  }

  public static ObjectNode registered(UserRecord record, boolean created) {
    return typed("registered")
        .put("user", record.user().value())
        .put("created", created)
        .put("signing_key", record.signingKey().toText())
        .put("dh_key", record.dhKey().toText());
  }

  public static ObjectNode presence(Username user, boolean online) {
    return typed("presence").put("user", user.value()).put("online", online);
  }

  public static ObjectNode signal(Username from, ObjectNode payload) {
    ObjectNode node = typed("signal").put("from", from.value());
    node.set("payload", payload);
    return node;
  }

  public static ObjectNode sent(String id) {
    return withId(typed("sent"), id);
  }

  public static ObjectNode pong(String id) {
    return withId(typed("pong"), id);
  }

  public static ObjectNode health(long users, int online) {
    return typed("health").put("status", "ok").put("users", users).put("online", online);
  }

  public static ObjectNode error(ApiException e) {
    return error(e.code(), e.getMessage(), e.id());
  }

  public static ObjectNode error(ErrorCode code, String message, String id) {
    return withId(typed("error").put("code", code.wire()).put("message", message), id);
  }

  /** An {@code error} about one user (e.g. {@code unknown-user} in a {@code watch}). */
  public static ObjectNode errorAbout(ErrorCode code, String message, String id, Username user) {
    return error(code, message, id).put("user", user.value());
  }

  public static String text(ObjectNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node);
    } catch (JacksonException e) {
      throw new IllegalStateException("a tree of plain values always serialises", e);
    }
  }

  private static ObjectNode typed(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }

  private static ObjectNode withId(ObjectNode node, String id) {
    return id == null ? node : node.put("id", id);
  }
}
