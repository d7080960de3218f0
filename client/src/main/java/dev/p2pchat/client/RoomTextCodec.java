package dev.p2pchat.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * The plaintext of a room message (docs/architecture.md "Rooms"): {@code {"v":1,"text":...}}, UTF-8
 * JSON, so that later versions can add fields (attachments, replies) that older clients ignore.
 */
final class RoomTextCodec {
  static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private RoomTextCodec() {}

  static byte[] encode(String text) {
    try {
      return JSON.writeValueAsBytes(JSON.createObjectNode().put("v", VERSION).put("text", text));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The text, or empty for anything that is not a version-1 text message. */
  static Optional<String> decode(byte[] plaintext) {
    try {
      JsonNode node = JSON.readTree(plaintext);
      if (node != null && node.path("v").asInt(-1) == VERSION && node.path("text").isTextual()) {
        return Optional.of(node.get("text").asText());
      }
    } catch (IOException e) {
      // not JSON: fall through
    }
    return Optional.empty();
  }
}
