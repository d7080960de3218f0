package dev.p2pchat.client.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.identity.Username;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSON lines are a contract with scripts: these are the exact texts README "JSON mode" shows. */
class JsonEventWriterTest {
  private static final Username ALICE = Username.of("alice");
  private static final Username BOB = Username.of("bob");
  private static final UUID ID = UUID.fromString("0b6f3c57-1d9b-4f5e-9a57-2c8d7f1e0a11");

  private final JsonEventWriter writer = new JsonEventWriter(System.out);

  @Test
  void contractEventsHaveTheirDocumentedShape() {
    assertThat(writer.line(new ChatEvent.Ready(ALICE, Optional.of("198.18.0.21:40000"))))
        .isEqualTo("{\"type\":\"ready\",\"user\":\"alice\",\"public\":\"198.18.0.21:40000\"}");
    assertThat(writer.line(new ChatEvent.Incoming(BOB))).isEqualTo("{\"type\":\"incoming\",\"peer\":\"bob\"}");
    assertThat(writer.line(new ChatEvent.Connected(BOB, PathKind.DIRECT, "198.18.0.22:41000", Duration.ofMillis(87), false)))
        .isEqualTo("{\"type\":\"connected\",\"peer\":\"bob\",\"path\":\"direct\",\"remote\":\"198.18.0.22:41000\","
            + "\"setup_ms\":87,\"verified\":false}");
    assertThat(writer.line(new ChatEvent.MessageReceived(BOB, ID, "hi \"there\"\n")))
        .isEqualTo("{\"type\":\"message\",\"from\":\"bob\",\"id\":\"" + ID + "\",\"text\":\"hi \\\"there\\\"\\n\"}");
    assertThat(writer.line(new ChatEvent.Delivered(BOB, ID)))
        .isEqualTo("{\"type\":\"delivered\",\"to\":\"bob\",\"id\":\"" + ID + "\"}");
    assertThat(writer.line(new ChatEvent.Sent(BOB, ID))).isEqualTo("{\"type\":\"sent\",\"to\":\"bob\",\"id\":\"" + ID + "\"}");
    assertThat(writer.line(new ChatEvent.Disconnected(BOB, "peer closed")))
        .isEqualTo("{\"type\":\"disconnected\",\"peer\":\"bob\",\"reason\":\"peer closed\"}");
    assertThat(writer.line(new ChatEvent.Error("boom"))).isEqualTo("{\"type\":\"error\",\"message\":\"boom\"}");
    assertThat(writer.line(new ChatEvent.KeyChanged(BOB, "1 2", "3 4")))
        .isEqualTo("{\"type\":\"key-changed\",\"peer\":\"bob\",\"pinned_fingerprint\":\"1 2\",\"offered_fingerprint\":\"3 4\"}");
  }

  @Test
  void recoveryEventsHaveTheirDocumentedShape() {
    assertThat(writer.line(new ChatEvent.PeerReconnecting(BOB, "path lost", Duration.ofMillis(2000))))
        .isEqualTo("{\"type\":\"reconnecting\",\"peer\":\"bob\",\"reason\":\"path lost\",\"retry_ms\":2000}");
    assertThat(writer.line(new ChatEvent.Reconnecting("server closed", Duration.ofMillis(500))))
        .isEqualTo("{\"type\":\"reconnecting\",\"reason\":\"server closed\",\"retry_ms\":500}");
    assertThat(writer.line(new ChatEvent.Registered(ALICE))).isEqualTo("{\"type\":\"registered\",\"user\":\"alice\"}");
    assertThat(writer.line(new ChatEvent.PathChanged(BOB, PathKind.DIRECT, "198.18.0.22:41000")))
        .isEqualTo("{\"type\":\"path\",\"peer\":\"bob\",\"path\":\"direct\",\"remote\":\"198.18.0.22:41000\"}");
    assertThat(writer.line(new ChatEvent.Delivered(BOB, ID, "not in the JSON")))
        .isEqualTo("{\"type\":\"delivered\",\"to\":\"bob\",\"id\":\"" + ID + "\"}");
  }

  @Test
  void readyWithoutAPublicAddressOmitsTheField() {
    assertThat(writer.line(new ChatEvent.Ready(ALICE, Optional.empty()))).isEqualTo("{\"type\":\"ready\",\"user\":\"alice\"}");
  }

  @Test
  void emitWritesOneFlushedLinePerEvent() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    JsonEventWriter out = new JsonEventWriter(new PrintStream(bytes, false, StandardCharsets.UTF_8));

    out.emit(new ChatEvent.Incoming(BOB));
    out.emit(new ChatEvent.Presence(BOB, true));

    assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
        "{\"type\":\"incoming\",\"peer\":\"bob\"}", "{\"type\":\"presence\",\"peer\":\"bob\",\"online\":true}");
  }
}
