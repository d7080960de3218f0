package dev.p2pchat.server.signal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.p2pchat.protocol.identity.IdentityFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Strict JSON reading for the signalling API: one object per message, no duplicate keys, no
 * trailing garbage, bounded nesting. Every field accessor names the field in its error.
 */
public final class Json {
  /** Deep nesting costs stack in every reader; 32 levels is plenty for any real payload. */
  private static final int MAX_NESTING = 32;

  public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
          .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** Parses {@code text} as one JSON object, or throws {@code bad-json}. */
  public static ObjectNode parseObject(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      throw new ApiException(ErrorCode.BAD_JSON, "not valid JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ApiException(ErrorCode.BAD_JSON, "expected a JSON object");
    }
    return object;
  }

  /** Parses UTF-8 bytes as one JSON object, or throws {@code bad-json}. */
  public static ObjectNode parseObject(byte[] utf8) {
    JsonNode node;
    try {
      node = MAPPER.readTree(utf8);
    } catch (JacksonException e) {
      throw new ApiException(ErrorCode.BAD_JSON, "not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ApiException(ErrorCode.BAD_JSON, "unreadable body");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new ApiException(ErrorCode.BAD_JSON, "expected a JSON object");
    }
    return object;
  }

  public static String text(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw badRequest(field, "is missing");
    }
    if (!value.isTextual()) {
      throw badRequest(field, "must be a string");
    }
    return value.textValue();
  }

  /** The string field, or null when absent; present with another type is an error. */
  public static String optionalText(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw badRequest(field, "must be a string");
    }
    return value.textValue();
  }

  public static ObjectNode object(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw badRequest(field, "is missing");
    }
    if (!(value instanceof ObjectNode object)) {
      throw badRequest(field, "must be a JSON object");
    }
    return object;
  }

  /** A non-empty array of at most {@code max} strings. */
  public static List<String> textArray(ObjectNode node, String field, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw badRequest(field, "is missing");
    }
    if (!value.isArray()) {
      throw badRequest(field, "must be an array of strings");
    }
    if (value.size() > max) {
      throw badRequest(field, "has more than " + max + " entries");
    }
    List<String> out = new ArrayList<>(value.size());
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        throw badRequest(field, "must be an array of strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /**
   * Reads a string field and converts it with an identity parser, turning its format error into
   * {@code bad-request} with the parser's explanation.
   */
  public static <T> T parsed(ObjectNode node, String field, Function<String, T> parser) {
    String text = text(node, field);
    try {
      return parser.apply(text);
    } catch (IdentityFormatException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, field + ": " + problemOf(e));
    }
  }

  /** Converts a value with an identity parser; a format error becomes {@code bad-request}. */
  public static <T> T convert(String field, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IdentityFormatException e) {
      throw new ApiException(ErrorCode.BAD_REQUEST, field + ": " + problemOf(e));
    }
  }

  /** The encoded size of {@code node} in bytes. */
  public static int encodedSize(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node).length;
    } catch (JacksonException e) {
      throw new IllegalStateException("a parsed tree always serialises", e);
    }
  }

  private static String problemOf(IdentityFormatException e) {
    String prefix = e.field() + ": ";
    String message = e.getMessage();
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }

  static ApiException badRequest(String field, String problem) {
    return new ApiException(ErrorCode.BAD_REQUEST, "field '" + field + "' " + problem);
  }
}
