package dev.p2pchat.traversal.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class TurnUriTest {
    @Test
    void parsesTheFormsSignallingHandsOut() throws Exception {
        assertThat(TurnUri.parse("turn:198.18.0.10:3478?transport=udp")).isEqualTo(new TurnUri("198.18.0.10", 3478));
        assertThat(TurnUri.parse("turn:198.18.0.10")).isEqualTo(new TurnUri("198.18.0.10", 3478));
        assertThat(TurnUri.parse("TURN:relay.example:3479")).isEqualTo(new TurnUri("relay.example", 3479));
        assertThat(TurnUri.parse("turn:[2001:db8::1]:3479?transport=UDP")).isEqualTo(new TurnUri("2001:db8::1", 3479));
        assertThat(TurnUri.parse("turn:[2001:db8::1]")).isEqualTo(new TurnUri("2001:db8::1", 3478));
        assertThat(TurnUri.parse("turn:127.0.0.1:4000").resolve()).isEqualTo(new InetSocketAddress("127.0.0.1", 4000));
    }

    @Test
    void printsTheCanonicalForm() {
        assertThat(TurnUri.parse("turn:[2001:db8::1]")).hasToString("turn:[2001:db8::1]:3478?transport=udp");
        assertThat(TurnUri.parse("turn:198.18.0.10")).hasToString("turn:198.18.0.10:3478?transport=udp");
    }

    @Test
    void refusesWhatItCannotUse() {
        assertThatThrownBy(() -> TurnUri.parse("turns:198.18.0.10")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TurnUri.parse("turn:198.18.0.10?transport=tcp")).hasMessageContaining("UDP");
        assertThatThrownBy(() -> TurnUri.parse("turn:198.18.0.10:http")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> TurnUri.parse("turn:198.18.0.10:70000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TurnUri.parse("turn:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsNeverPrintThePassword() throws Exception {
        TurnCredentials c = TurnUri.parse("turn:127.0.0.1:3478").credentials("1:alice", "hunter2");
        assertThat(c.toString()).doesNotContain("hunter2").contains("1:alice");
    }
}
