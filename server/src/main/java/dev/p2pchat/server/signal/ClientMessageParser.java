package dev.p2pchat.server.signal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.Base64Url;
import dev.p2pchat.protocol.identity.DhPublicKey;
import dev.p2pchat.protocol.identity.Ed25519;
import dev.p2pchat.protocol.identity.SigningPublicKey;
import dev.p2pchat.protocol.identity.Username;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Text frame in, {@link ClientMessage} out, or an {@link ApiException} that names the problem and
 * carries the request id when one could be read. Pure: no state, no I/O.
 */
public final class ClientMessageParser {
  private ClientMessageParser() {}

  public static ClientMessage parse(String text) {
    if (text.length() > SignalLimits.MAX_WS_MESSAGE_BYTES
        || text.getBytes(StandardCharsets.UTF_8).length > SignalLimits.MAX_WS_MESSAGE_BYTES) {
      throw new ApiException(ErrorCode.TOO_LARGE,
          "a message may be at most " + SignalLimits.MAX_WS_MESSAGE_BYTES + " bytes");
    }
    ObjectNode json = Json.parseObject(text);
    String id = requestId(json);
    try {
      return parseTyped(json, id);
    } catch (ApiException e) {
      throw e.withId(id);
    }
  }

  /** The optional {@code id}: a short string, echoed verbatim. */
  static String requestId(ObjectNode json) {
    String id = Json.optionalText(json, "id");
    if (id != null && id.length() > SignalLimits.MAX_ID_LENGTH) {
      throw Json.badRequest("id", "is longer than " + SignalLimits.MAX_ID_LENGTH + " characters");
    }
    return id;
  }

  private static ClientMessage parseTyped(ObjectNode json, String id) {
    String type = Json.text(json, "type");
    return switch (type) {
      case "hello" -> new ClientMessage.Hello(id,
          Json.parsed(json, "user", Username::of),
          Json.parsed(json, "signing_key", SigningPublicKey::fromText),
          Json.parsed(json, "dh_key", DhPublicKey::fromText),
          Json.parsed(json, "signature", s -> Base64Url.decode("signature", s, Ed25519.SIGNATURE_LENGTH)));
      case "lookup" -> new ClientMessage.Lookup(id, Json.parsed(json, "user", Username::of));
      case "watch" -> new ClientMessage.Watch(id, usernames(json));
      case "unwatch" -> new ClientMessage.Unwatch(id, usernames(json));
      case "signal" -> new ClientMessage.Signal(id, Json.parsed(json, "to", Username::of), payload(json));
      case "ping" -> new ClientMessage.Ping(id);
      case "turn-credentials" -> new ClientMessage.TurnCredentialsRequest(id);
      default -> throw new ApiException(ErrorCode.UNKNOWN_TYPE, "unknown message type '" + shorten(type) + "'");
    };
  }

  private static List<Username> usernames(ObjectNode json) {
    return Json.textArray(json, "users", SignalLimits.MAX_WATCHED_USERS).stream()
        .map(name -> Json.convert("users", name, Username::of))
        .distinct()
        .toList();
  }

  private static ObjectNode payload(ObjectNode json) {
    ObjectNode payload = Json.object(json, "payload");
    if (Json.encodedSize(payload) > SignalLimits.MAX_PAYLOAD_BYTES) {
      throw new ApiException(ErrorCode.TOO_LARGE,
          "field 'payload' may be at most " + SignalLimits.MAX_PAYLOAD_BYTES + " bytes encoded");
    }
    return payload;
  }

  /** Echoing a client's string back: never more than a few dozen characters of it. */
  private static String shorten(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
