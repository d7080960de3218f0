package dev.p2pchat.client.signalling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.protocol.identity.IdentityFormatException;
import dev.p2pchat.protocol.identity.Username;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pure codec: one WebSocket text frame in, one {@link ServerMessage} out (docs/api.md). */
public final class ServerMessageParser {
  private final ObjectMapper json;

  public ServerMessageParser(ObjectMapper json) {
    this.json = json;
  }

  public ServerMessage parse(String text) throws SignallingProtocolException {
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JsonProcessingException e) {
      throw new SignallingProtocolException("not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new SignallingProtocolException("not a JSON object");
    }
    try {
      return parse((ObjectNode) root);
    } catch (IdentityFormatException e) {
      throw new SignallingProtocolException("bad field " + e.getMessage());
    }
  }

  private ServerMessage parse(ObjectNode message) throws SignallingProtocolException {
    String type = text(message, "type");
    return switch (type) {
      case "challenge" -> new ServerMessage.Challenge(text(message, "nonce"));
      case "welcome" ->
          new ServerMessage.Welcome(
              user(message, "user"),
              message.path("server_time").asLong(0),
              strings(message, "stun"),
              objects(message, "turn"));
      case "user" ->
          new ServerMessage.UserInfo(
              id(message),
              user(message, "user"),
              bool(message, "online"),
              PublicKeys.fromText(text(message, "signing_key"), text(message, "dh_key")));
      case "presence" -> new ServerMessage.Presence(user(message, "user"), bool(message, "online"));
      case "signal" -> new ServerMessage.Signal(user(message, "from"), object(message, "payload"));
      case "sent" -> new ServerMessage.Sent(id(message));
      case "pong" -> new ServerMessage.Pong();
      case "error" -> error(message);
      default -> throw new SignallingProtocolException("unknown type '" + type + "'");
    };
  }

  private static ServerMessage.Error error(ObjectNode message) throws SignallingProtocolException {
    String code = text(message, "code");
    return new ServerMessage.Error(
        ErrorCode.fromWire(code), code, message.path("message").asText(code), id(message));
  }

  private static String text(ObjectNode message, String field) throws SignallingProtocolException {
    JsonNode node = message.get(field);
    if (node == null || !node.isTextual()) {
      throw new SignallingProtocolException("field '" + field + "' missing or not a string");
    }
    return node.asText();
  }

  private static boolean bool(ObjectNode message, String field) throws SignallingProtocolException {
    JsonNode node = message.get(field);
    if (node == null || !node.isBoolean()) {
      throw new SignallingProtocolException("field '" + field + "' missing or not a boolean");
    }
    return node.asBoolean();
  }

  private static Username user(ObjectNode message, String field) throws SignallingProtocolException {
    String name = text(message, field);
    if (!Username.isValid(name)) {
      throw new SignallingProtocolException("field '" + field + "' is not a valid username");
    }
    return Username.of(name);
  }

  private static Optional<String> id(ObjectNode message) {
    JsonNode node = message.get("id");
    return node != null && node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
  }

  private static ObjectNode object(ObjectNode message, String field) throws SignallingProtocolException {
    JsonNode node = message.get(field);
    if (node == null || !node.isObject()) {
      throw new SignallingProtocolException("field '" + field + "' missing or not an object");
    }
    return (ObjectNode) node;
  }

  private static List<String> strings(ObjectNode message, String field) {
    List<String> out = new ArrayList<>();
    message.path(field).forEach(node -> {
      if (node.isTextual()) {
        out.add(node.asText());
      }
    });
    return List.copyOf(out);
  }

  private static List<ObjectNode> objects(ObjectNode message, String field) {
    List<ObjectNode> out = new ArrayList<>();
    message.path(field).forEach(node -> {
      if (node.isObject()) {
        out.add((ObjectNode) node);
      }
    });
    return List.copyOf(out);
  }
}
