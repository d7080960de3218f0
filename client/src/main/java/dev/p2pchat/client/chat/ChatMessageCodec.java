package dev.p2pchat.client.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The plaintext of one chat message inside the encrypted session: UTF-8 JSON
 * {@code {"v":1,"text":"…"}}, so that later versions can add fields (rooms, replies, attachments)
 * that older clients ignore. The message id travels beside it, in the session's frame.
 */
public final class ChatMessageCodec {
  /** Longest text a user may send, in UTF-8 bytes: a chat line, not a file transfer. */
  public static final int MAX_TEXT_BYTES = 8 * 1024;
  static final int VERSION = 1;

  private final ObjectMapper json;

  public ChatMessageCodec(ObjectMapper json) {
    this.json = json;
  }

  public byte[] encode(String text) {
    if (utf8Length(text) > MAX_TEXT_BYTES) {
      throw new IllegalArgumentException("message longer than " + MAX_TEXT_BYTES + " bytes");
    }
    ObjectNode node = json.createObjectNode().put("v", VERSION).put("text", text);
    try {
      return json.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The text of a received message; {@link IllegalArgumentException} if it is not one. */
  public String decode(byte[] payload) {
    if (payload.length > MAX_TEXT_BYTES * 6 + 64) { // every character escaped as \\uXXXX, plus framing
      throw new IllegalArgumentException("message payload too large");
    }
    JsonNode node;
    try {
      node = json.readTree(payload);
    } catch (IOException e) {
      throw new IllegalArgumentException("message payload is not JSON");
    }
    if (node == null || !node.isObject() || node.path("v").asInt(-1) < VERSION || !node.path("text").isTextual()) {
      throw new IllegalArgumentException("message payload lacks v/text");
    }
    String text = node.get("text").asText();
    if (utf8Length(text) > MAX_TEXT_BYTES) {
      throw new IllegalArgumentException("message text too long");
    }
    return text;
  }

  public static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
