package dev.p2pchat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.server.ConfigException;
import dev.p2pchat.server.ServerConfig;
import dev.p2pchat.server.TurnSettings;
import dev.p2pchat.server.turn.PortRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The TURN flags, keys and environment variables of {@code p2pchat server} (docs/api.md, "Configuration"). */
class ServerCommandTurnTest {
  @TempDir Path dir;

  private static ServerConfig resolve(Map<String, String> env, String... args) throws ConfigException {
    ServerCommand command = new ServerCommand(env);
    new CommandLine(command).parseArgs(args);
    return command.resolveConfig();
  }

  @Test
  void theRelayRunsByDefaultWithAGeneratedSecret() throws Exception {
    TurnSettings turn = resolve(Map.of()).turn();
    assertThat(turn.relay()).isTrue();
    assertThat(turn.secret()).isEmpty();
    assertThat(turn.urls()).isEmpty();
    assertThat(turn.relayPorts()).isEqualTo(PortRange.DEFAULT);
  }

  @Test
  void flagsSetEveryTurnSetting() throws Exception {
    TurnSettings turn = resolve(Map.of(), "--no-relay", "--turn-secret", "s3cret", "--turn-url", "turn:198.18.0.30",
        "--turn-url", "turn:198.18.0.31:3479", "--relay-ports", "50000-50100", "--relay-ip", "198.18.0.10").turn();
    assertThat(turn.relay()).isFalse();
    assertThat(turn.secret()).contains("s3cret");
    assertThat(turn.urls()).containsExactly("turn:198.18.0.30", "turn:198.18.0.31:3479");
    assertThat(turn.relayPorts()).isEqualTo(new PortRange(50000, 50100));
    assertThat(turn.relayIp()).isEqualTo(Optional.of("198.18.0.10"));
  }

  @Test
  void theFileAndEnvironmentSetThemToo() throws Exception {
    Path file = dir.resolve("server.json");
    Files.writeString(file, "{\"no_relay\": true, \"turn_url\": [\"turn:198.18.0.30\"], \"relay_user_quota\": 3}");
    TurnSettings turn = resolve(Map.of("P2PCHAT_TURN_SECRET", "from-env", "P2PCHAT_TURN_TTL_S", "3600"),
        "--config", file.toString()).turn();
    assertThat(turn.relay()).isFalse();
    assertThat(turn.urls()).containsExactly("turn:198.18.0.30");
    assertThat(turn.userQuota()).isEqualTo(3);
    assertThat(turn.secret()).contains("from-env");
    assertThat(turn.credentialTtl().toSeconds()).isEqualTo(3600);
  }

  @Test
  void anExternalRelayWithoutTheSecretIsAConfigurationError() {
    assertThatThrownBy(() -> resolve(Map.of(), "--turn-url", "turn:198.18.0.30"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("turn_secret");
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> resolve(Map.of(), "--turn-secret", "x", "--turn-url", "turns:198.18.0.30"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("turn_url");
    assertThatThrownBy(() -> resolve(Map.of(), "--relay-ports", "60000-50000"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("relay_ports");
    assertThatThrownBy(() -> resolve(Map.of("P2PCHAT_NO_RELAY", "yes")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no_relay");
    assertThatThrownBy(() -> resolve(Map.of(), "--relay-ip", "0.0.0.0"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("relay_ip");
  }
}
