package dev.p2pchat.traversal.nat;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * What {@link NatProbe} found out, for {@code p2pchat netcheck}. Empty fields could not be tested (no
 * answer, or a STUN server without an alternate address).
 *
 * @param udpWorks      the STUN server answered at all
 * @param publicAddress our address as the server saw it
 * @param behindNat     the public address is not one of ours
 */
public record NatReport(InetSocketAddress localAddress, boolean udpWorks, Optional<InetSocketAddress> publicAddress,
                        boolean behindNat, Optional<MappingBehavior> mapping, Optional<FilteringBehavior> filtering,
                        Optional<Boolean> hairpinning) {

    /** A plain-words verdict on direct connections. */
    public String verdict() {
        if (!udpWorks) {
            return "No answer from the STUN server over UDP: UDP looks blocked here, so only a relay could carry a chat.";
        }
        if (!behindNat) {
            return filtering.filter(f -> f != FilteringBehavior.ENDPOINT_INDEPENDENT).isPresent()
                    ? "You have a public address behind a stateful firewall: direct connections work with peers that can receive."
                    : "You have a public address: direct connections will work.";
        }
        if (mapping.isEmpty()) {
            return "You are behind a NAT; the STUN server has no alternate address, so its behaviour is unknown. "
                    + "Direct connections usually work unless the NAT is symmetric.";
        }
        return switch (mapping.get()) {
            case ENDPOINT_INDEPENDENT -> "Your NAT keeps one public port per socket (endpoint-independent mapping): "
                    + "direct connections will work with most peers.";
            case ADDRESS_DEPENDENT, ADDRESS_AND_PORT_DEPENDENT -> filtering.orElse(null) == FilteringBehavior.ENDPOINT_INDEPENDENT
                    ? "Your NAT picks a new public port per destination but lets anyone in: direct connections work "
                    + "with peers whose NAT keeps its port; otherwise a relay is needed."
                    : "Your NAT picks a new public port per destination (symmetric NAT): direct connections only work "
                    + "with peers that have a public address or an open NAT; otherwise a relay is needed.";
        };
    }
}
