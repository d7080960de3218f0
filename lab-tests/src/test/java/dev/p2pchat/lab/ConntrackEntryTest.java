package dev.p2pchat.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing {@code conntrack -L}: runs everywhere, no root needed. Lines as conntrack 1.4.7 prints them. */
class ConntrackEntryTest {

    @Test
    void aMappingWhosePortClashedShowsTheNewExternalPort() {
        ConntrackEntry entry = ConntrackEntry.parse(
                "udp      17 28 src=10.2.0.10 dst=198.18.1.2 sport=42005 dport=42004 [UNREPLIED] "
                        + "src=198.18.1.2 dst=198.18.2.2 sport=42004 dport=50849 mark=0 use=1").orElseThrow();

        assertThat(entry.protocol()).isEqualTo("udp");
        assertThat(entry.original().source()).isEqualTo(address("10.2.0.10", 42005));
        assertThat(entry.original().destination()).isEqualTo(address("198.18.1.2", 42004));
        assertThat(entry.mappedSource()).isEqualTo(address("198.18.2.2", 50849));
        assertThat(entry.isSourceTranslated()).isTrue();
        assertThat(entry.portChanged()).isTrue();
        assertThat(entry.isUnreplied()).isTrue();
    }

    @Test
    void aPortPreservingMappingHasNotChangedItsPort() {
        ConntrackEntry entry = ConntrackEntry.parse(
                "udp      17 29 src=10.1.0.10 dst=198.18.2.2 sport=41110 dport=41111 "
                        + "src=198.18.2.2 dst=198.18.1.2 sport=41111 dport=41110 [ASSURED] mark=0 use=1").orElseThrow();

        assertThat(entry.isSourceTranslated()).isTrue();
        assertThat(entry.portChanged()).isFalse();
        assertThat(entry.isUnreplied()).isFalse();
        assertThat(entry.flags()).containsExactly("ASSURED");
    }

    @Test
    void anUnsolicitedInboundRecordIsNotATranslation() {
        ConntrackEntry entry = ConntrackEntry.parse(
                "udp      17 28 src=198.18.1.2 dst=198.18.2.2 sport=42006 dport=42007 [UNREPLIED] "
                        + "src=198.18.2.2 dst=198.18.1.2 sport=42007 dport=42006 mark=0 use=1").orElseThrow();

        assertThat(entry.isSourceTranslated()).isFalse();
        assertThat(entry.portChanged()).isFalse();
    }

    @Test
    void linesWithoutPortsAreSkipped() {
        String output = """
                icmp     1 29 src=10.1.0.10 dst=198.18.0.10 type=8 code=0 id=7 src=198.18.0.10 dst=198.18.1.2 type=0 code=0 id=7 mark=0 use=1
                tcp      6 431999 ESTABLISHED src=10.1.0.10 dst=198.18.0.10 sport=50000 dport=5000 src=198.18.0.10 dst=198.18.1.2 sport=5000 dport=50000 [ASSURED] mark=0 use=1

                conntrack v1.4.7 (conntrack-tools): 2 flow entries have been shown.
                """;

        List<ConntrackEntry> entries = ConntrackEntry.parseAll(output);

        assertThat(entries).extracting(ConntrackEntry::protocol).containsExactly("tcp");
        assertThat(entries.getFirst().mappedSource()).isEqualTo(address("198.18.1.2", 50000));
    }

    private static InetSocketAddress address(String ip, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }
}
