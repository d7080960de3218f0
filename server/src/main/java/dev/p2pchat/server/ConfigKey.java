package dev.p2pchat.server;

import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * One configuration key: its name in the JSON file, its type, and where it goes in the config. The
 * environment variable and the flag follow from the name: {@code http_port} is
 * {@code P2PCHAT_HTTP_PORT} and {@code --http-port}.
 */
public record ConfigKey<T>(String name, ValueType<T> type, BiConsumer<ServerConfig.Builder, T> setter, String help) {
  public String envVar() {
    return "P2PCHAT_" + name.toUpperCase(Locale.ROOT);
  }

  public String flag() {
    return "--" + name.replace('_', '-');
  }

  void applyJson(ServerConfig.Builder builder, com.fasterxml.jackson.databind.JsonNode value) {
    setter.accept(builder, type.fromJson(value));
  }

  void applyText(ServerConfig.Builder builder, String value) {
    setter.accept(builder, type.fromText(value));
  }
}
