package dev.p2pchat.server.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.p2pchat.protocol.stun.AddressAttribute.OtherAddress;
import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.server.ConfigException;
import dev.p2pchat.server.ServerConfig;
import dev.p2pchat.server.ServerConfigLoader;
import dev.p2pchat.server.testing.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The STUN server as part of the rendezvous server: configured, started and stopped with it. */
class RendezvousStunTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  @Test
  void theRendezvousServerAnswersStunAndFreesThePortWhenClosed() throws Exception {
    InetSocketAddress stunAddress;
    try (TestServer test = new TestServer(dir);
        StunTestClient client = new StunTestClient()) {
      stunAddress = test.server.stun().primaryAddress();
      StunMessage response = client.exchange(request(), stunAddress).message();

      assertThat(response.first(XorMappedAddress.class)).contains(new XorMappedAddress(client.localAddress()));
      assertThat(test.health().path("status").asText()).isEqualTo("ok");
    }
    try (StunServer again = StunServer.start(StunServerConfig.of(stunAddress.getAddress(), stunAddress.getPort()))) {
      assertThat(again.primaryAddress().getPort()).isEqualTo(stunAddress.getPort());
    }
  }

  @Test
  void anAlternateAddressTurnsOnRfc5780() throws Exception {
    try (TestServer test = new TestServer(dir, b -> b.stunAltAddress("127.0.0.2"));
        StunTestClient client = new StunTestClient()) {
      StunServer stun = test.server.stun();
      assertThat(stun.endpoints()).hasSize(4);
      StunMessage response = client.exchange(request(), stun.primaryAddress()).message();
      assertThat(response.first(OtherAddress.class)).contains(new OtherAddress(stun.endpoints().get(3)));
    }
  }

  @Test
  void stunSettingsComeFromFileEnvironmentAndFlags() throws Exception {
    ServerConfig config = ServerConfigLoader.load(null,
        Map.of("P2PCHAT_STUN_PORT", "3480", "P2PCHAT_BIND", "198.18.0.10"),
        Map.of("stun_alt_address", "198.18.0.11", "stun_alt_port", "3490"));

    StunServerConfig stun = config.stunServerConfig();
    assertThat(stun.bindAddress()).isEqualTo(InetAddress.getByName("198.18.0.10"));
    assertThat(stun.port()).isEqualTo(3480);
    assertThat(stun.alternateAddress()).contains(InetAddress.getByName("198.18.0.11"));
    assertThat(stun.alternatePort()).isEqualTo(3490);
    assertThat(ServerConfig.defaults().stunServerConfig().port()).isEqualTo(3478);
    assertThat(ServerConfig.defaults().stunServerConfig().behaviorDiscovery()).isFalse();
  }

  @Test
  void anUnusableAlternateAddressIsAConfigurationError() {
    assertConfigError(Map.of("stun_alt_address", "198.18.0.11"), "bind"); // bind is 0.0.0.0
    assertConfigError(Map.of("bind", "localhost", "stun_alt_address", "127.0.0.2"), "bind");
    assertConfigError(Map.of("bind", "127.0.0.1", "stun_alt_address", "stun.example"), "IP address");
    assertConfigError(Map.of("bind", "127.0.0.1", "stun_alt_address", "::1"), "family");
    assertConfigError(Map.of("bind", "127.0.0.1", "stun_alt_address", "127.0.0.1"), "another");
    assertConfigError(Map.of("stun_port", "70000"), "stun_port");
  }

  private static void assertConfigError(Map<String, String> flags, String mentions) {
    assertThatThrownBy(() -> ServerConfigLoader.load(null, Map.of(), flags))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(mentions);
  }

  private static StunMessage request() {
    return StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(RANDOM));
  }
}
