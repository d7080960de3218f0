package dev.p2pchat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.p2pchat.protocol.stun.AddressAttribute.XorMappedAddress;
import dev.p2pchat.protocol.stun.Stun;
import dev.p2pchat.protocol.stun.StunMessage;
import dev.p2pchat.protocol.stun.StunMessageType;
import dev.p2pchat.protocol.stun.TransactionId;
import dev.p2pchat.server.RendezvousServer;
import dev.p2pchat.server.ServerConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The STUN options of {@code p2pchat server}, and a running command answering STUN. */
class ServerCommandStunTest {
  @TempDir Path dir;

  @Test
  void stunFlagsReachTheConfig() throws Exception {
    ServerCommand command = new ServerCommand(Map.of("P2PCHAT_STUN_PORT", "4000"));
    new CommandLine(command).parseArgs("--bind", "198.18.0.10", "--stun-alt-address", "198.18.0.11", "--stun-alt-port", "4002");
    ServerConfig config = command.resolveConfig();

    assertThat(config.stunPort()).isEqualTo(4000);
    assertThat(config.stunAltAddress()).contains("198.18.0.11");
    assertThat(config.stunServerConfig().alternatePort()).isEqualTo(4002);
    assertThat(ServerConfig.defaults().stunPort()).isEqualTo(3478);
  }

  @Test
  void theRunningServerAnswersABindingRequest() throws Exception {
    CompletableFuture<RendezvousServer> started = new CompletableFuture<>();
    ServerCommand command = new ServerCommand(Map.of()).onStarted(started::complete);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(command)
        .execute("--bind", "127.0.0.1", "--http-port", "0", "--stun-port", "0", "--data-dir", dir.resolve("data").toString()));
    RendezvousServer server = started.get(30, TimeUnit.SECONDS);
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(5_000);
      StunMessage request = StunMessage.of(StunMessageType.BINDING_REQUEST, TransactionId.random(new SecureRandom()));
      byte[] wire = Stun.encode(request);
      socket.send(new DatagramPacket(wire, wire.length, server.stun().primaryAddress()));
      DatagramPacket reply = new DatagramPacket(new byte[1500], 1500);
      socket.receive(reply);

      StunMessage response = Stun.decode(Arrays.copyOf(reply.getData(), reply.getLength()));
      assertThat(response.transactionId()).isEqualTo(request.transactionId());
      assertThat(response.first(XorMappedAddress.class))
          .contains(new XorMappedAddress((InetSocketAddress) socket.getLocalSocketAddress()));
    } finally {
      command.stop();
    }
    assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
  }
}
