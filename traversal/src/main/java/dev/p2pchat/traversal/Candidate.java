package dev.p2pchat.traversal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One address at which a peer may be reachable, as exchanged through signalling. Plain fields so that the
 * client can write it as JSON as it is ({@code {"type":"SRFLX","ip":"198.18.1.1","port":40000,...}}).
 *
 * @param ip         an IP address literal (never a host name: nothing here resolves names)
 * @param priority   RFC 8445 §5.1.2.1, see {@link Priorities#candidate}
 * @param foundation equal for candidates of the same type, base and server (RFC 8445 §5.1.1.3)
 */
public record Candidate(CandidateType type, String ip, int port, long priority, String foundation) {
    public Candidate {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(foundation, "foundation");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("priority is a 32-bit unsigned value: " + priority);
        }
        InetAddress.ofLiteral(ip); // throws IllegalArgumentException for anything but an IP literal
    }

    public static Candidate of(CandidateType type, InetSocketAddress address, int localPreference, String foundation) {
        return new Candidate(type, address.getAddress().getHostAddress(), address.getPort(),
                Priorities.candidate(type, localPreference), foundation);
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.ofLiteral(ip), port);
    }
}
