package dev.p2pchat.client.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pure codec between {@link ConnectSignal} records and signalling payloads. */
public final class ConnectSignalCodec {
  /** Attempt ids are short random tokens; anything longer is not ours. */
  static final int MAX_ATTEMPT_LENGTH = 64;
  static final int MAX_REASON_LENGTH = 200;

  private final ObjectMapper json;

  public ConnectSignalCodec(ObjectMapper json) {
    this.json = json;
  }

  public ObjectNode encode(ConnectSignal signal) {
    ObjectNode node = json.createObjectNode();
    switch (signal) {
      case ConnectSignal.Offer offer -> node.put("kind", "offer").put("v", ConnectSignal.VERSION)
          .put("attempt", offer.attempt()).set("description", offer.description());
      case ConnectSignal.Answer answer -> node.put("kind", "answer").put("v", ConnectSignal.VERSION)
          .put("attempt", answer.attempt()).set("description", answer.description());
      case ConnectSignal.Decline decline -> node.put("kind", "decline").put("v", ConnectSignal.VERSION)
          .put("attempt", decline.attempt()).put("reason", decline.reason());
    }
    return node;
  }

  /** @throws IllegalArgumentException saying what is wrong with a payload that is not ours */
  public ConnectSignal decode(ObjectNode payload) {
    if (payload.path("v").asInt(-1) != ConnectSignal.VERSION) {
      throw new IllegalArgumentException("unsupported signal version " + payload.path("v"));
    }
    String attempt = text(payload, "attempt", MAX_ATTEMPT_LENGTH);
    return switch (text(payload, "kind", 16)) {
      case "offer" -> new ConnectSignal.Offer(attempt, object(payload, "description"));
      case "answer" -> new ConnectSignal.Answer(attempt, object(payload, "description"));
      case "decline" -> new ConnectSignal.Decline(attempt, text(payload, "reason", MAX_REASON_LENGTH));
      default -> throw new IllegalArgumentException("unknown signal kind " + payload.path("kind"));
    };
  }

  private static String text(ObjectNode node, String field, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty() || value.asText().length() > maxLength) {
      throw new IllegalArgumentException("field '" + field + "' missing, not text, or too long");
    }
    return value.asText();
  }

  private static ObjectNode object(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new IllegalArgumentException("field '" + field + "' missing or not an object");
    }
    return (ObjectNode) value;
  }
}
