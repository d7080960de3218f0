package dev.p2pchat.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one kind of configuration value is read from JSON and from text (environment, flags). A
 * value that does not fit throws {@link IllegalArgumentException} with {@link #describe()} in its
 * message.
 */
public interface ValueType<T> {
  T fromJson(JsonNode node);

  T fromText(String text);

  /** What a valid value looks like, for error messages: "an integer from 0 to 65535". */
  String describe();

  ValueType<String> TEXT = new ValueType<>() {
    public String fromJson(JsonNode node) {
      return check(node.isTextual() ? node.textValue() : null);
    }

    public String fromText(String text) {
      return check(text);
    }

    private String check(String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(describe());
      }
      return value;
    }

    public String describe() {
      return "a non-empty string";
    }
  };

  ValueType<Path> PATH = new Mapped<>(TEXT, Path::of, "a path");

  ValueType<Integer> PORT = integer(0, 65535);

  ValueType<Integer> POSITIVE_INT = integer(1, Integer.MAX_VALUE);

  ValueType<Duration> MILLIS = new Mapped<>(integer(0, Integer.MAX_VALUE), (Integer ms) -> Duration.ofMillis(ms),
      "a whole number of milliseconds, 0 or more");

  /** JSON true/false; as text, "true" or "false" (any case). */
  ValueType<Boolean> BOOLEAN = new ValueType<>() {
    public Boolean fromJson(JsonNode node) {
      if (!node.isBoolean()) {
        throw new IllegalArgumentException(describe());
      }
      return node.booleanValue();
    }

    public Boolean fromText(String text) {
      return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException(describe());
      };
    }

    public String describe() {
      return "true or false";
    }
  };

  /** "MIN-MAX", e.g. "49152-65535". */
  ValueType<dev.p2pchat.server.turn.PortRange> PORT_RANGE =
      new Mapped<>(TEXT, dev.p2pchat.server.turn.PortRange::parse, "a port range MIN-MAX, 1 <= MIN <= MAX <= 65535");

  /** Whole seconds, at least 60. */
  ValueType<Duration> SECONDS = new Mapped<>(integer(60, Integer.MAX_VALUE), (Integer s) -> Duration.ofSeconds(s),
      "a whole number of seconds, 60 or more");

  ValueType<Double> POSITIVE_NUMBER = new ValueType<>() {
    public Double fromJson(JsonNode node) {
      return check(node.isNumber() ? node.doubleValue() : Double.NaN);
    }

    public Double fromText(String text) {
      try {
        return check(Double.parseDouble(text.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(describe());
      }
    }

    private Double check(double value) {
      if (!(value > 0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(describe());
      }
      return value;
    }

    public String describe() {
      return "a number greater than 0";
    }
  };

  /** A JSON array of strings; as text, comma-separated. */
  ValueType<List<String>> TEXT_LIST = new ValueType<>() {
    public List<String> fromJson(JsonNode node) {
      if (!node.isArray()) {
        throw new IllegalArgumentException(describe());
      }
      List<String> out = new ArrayList<>();
      for (JsonNode item : node) {
        out.add(TEXT.fromJson(item));
      }
      return List.copyOf(out);
    }

    public List<String> fromText(String text) {
      return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String describe() {
      return "an array of strings (comma-separated in the environment)";
    }
  };

  static ValueType<Integer> integer(int min, int max) {
    String describe = "an integer from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max);
    return new ValueType<>() {
      public Integer fromJson(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
          throw new IllegalArgumentException(describe);
        }
        return check(node.intValue());
      }

      public Integer fromText(String text) {
        try {
          return check(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(describe);
        }
      }

      private Integer check(int value) {
        if (value < min || value > max) {
          throw new IllegalArgumentException(describe);
        }
        return value;
      }

      public String describe() {
        return describe;
      }
    };
  }

  /** A type read as another and then converted. */
  record Mapped<A, T>(ValueType<A> base, java.util.function.Function<A, T> convert, String describe)
      implements ValueType<T> {
    public T fromJson(JsonNode node) {
      return convert.apply(base.fromJson(node));
    }

    public T fromText(String text) {
      return convert.apply(base.fromText(text));
    }
  }
}
