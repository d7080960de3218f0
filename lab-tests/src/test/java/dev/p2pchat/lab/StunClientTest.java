package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the Debian stun client's verbose output (lines as stun-client 0.97 printed them against coturn). */
class StunClientTest {

    @Test
    void theFirstMappedAddressAndTheVerdictAreRead() {
        List<String> output = List.of(
                "STUN client version 0.97",
                "Primary: Independent Mapping, Port Dependent Filter, preserves ports, no hairpin\t",
                "Return value is 0x000017",
                "Opened port 31888 with fd 3",
                "About to send msg of len 28 to 198.18.0.10:3478",
                "Received stun message: 84 bytes",
                "MappedAddress = 198.18.1.2:31888",
                "SourceAddress = 198.18.0.10:3478",
                "ChangedAddress = 198.18.0.11:3479",
                "ServerName = Coturn-4.6.1 'Gorst'",
                "MappedAddress = 198.18.1.2:31889");

        StunClient.Result result = StunClient.parse(output);

        assertThat(result.mapped()).contains(new InetSocketAddress(InetAddress.ofLiteral("198.18.1.2"), 31888));
        assertThat(result.verdict()).isEqualTo("Independent Mapping, Port Dependent Filter, preserves ports, no hairpin");
    }

    @Test
    void noResponseMeansNoMappedAddress() {
        StunClient.Result result = StunClient.parse(List.of("STUN client version 0.97"));

        assertThat(result.mapped()).isEmpty();
        assertThat(result.verdict()).isEmpty();
    }
}
