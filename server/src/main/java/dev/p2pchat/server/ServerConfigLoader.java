package dev.p2pchat.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a {@link ServerConfig} from, lowest precedence first: the defaults, a JSON config file,
 * environment variables ({@code P2PCHAT_HTTP_PORT}...), command-line flags. The file is strict:
 * an unknown key or a value of the wrong type is an error naming the key, not a silent default.
 */
public final class ServerConfigLoader {
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private ServerConfigLoader() {}

  /**
   * @param file the JSON config file, or null for none
   * @param env the environment (only {@code P2PCHAT_<KEY>} variables of known keys are read)
   * @param flags values given on the command line, by key name ({@code "http_port" -> "5001"})
   */
  public static ServerConfig load(Path file, Map<String, String> env, Map<String, String> flags)
      throws ConfigException {
    ServerConfig.Builder builder = ServerConfig.defaults().toBuilder();
    if (file != null) {
      applyFile(builder, file);
    }
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      String value = env.get(key.envVar());
      if (value != null) {
        applyText(builder, key, value, "environment variable " + key.envVar());
      }
    }
    for (Map.Entry<String, String> flag : flags.entrySet()) {
      ConfigKey<?> key = ConfigKeys.byName(flag.getKey())
          .orElseThrow(() -> new IllegalArgumentException("no config key " + flag.getKey()));
      applyText(builder, key, flag.getValue(), "option " + key.flag());
    }
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(null, "invalid configuration: " + e.getMessage());
    }
  }

  private static void applyFile(ServerConfig.Builder builder, Path file) throws ConfigException {
    ObjectNode root = readObject(file);
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String where = "config file " + file + ": key \"" + entry.getKey() + "\"";
      ConfigKey<?> key = ConfigKeys.byName(entry.getKey()).orElseThrow(() -> new ConfigException(
          entry.getKey(), where + " is unknown; known keys: " + knownKeys()));
      try {
        key.applyJson(builder, entry.getValue());
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key.name(),
            where + " must be " + key.type().describe() + ", got " + shorten(entry.getValue().toString()));
      }
    }
  }

  private static ObjectNode readObject(Path file) throws ConfigException {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new ConfigException(null, "config file " + file + " is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr() + ")"));
    } catch (IOException e) {
      throw new ConfigException(null, "cannot read config file " + file + ": " + e);
    }
    if (!(root instanceof ObjectNode object)) {
      throw new ConfigException(null, "config file " + file + " must hold one JSON object");
    }
    return object;
  }

  private static void applyText(ServerConfig.Builder builder, ConfigKey<?> key, String value, String where)
      throws ConfigException {
    try {
      key.applyText(builder, value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key.name(),
          where + " (key \"" + key.name() + "\") must be " + key.type().describe() + ", got " + shorten("\"" + value + "\""));
    }
  }

  private static String knownKeys() {
    return ConfigKeys.ALL.stream().map(ConfigKey::name).collect(Collectors.joining(", "));
  }

  private static String shorten(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
