package dev.p2pchat.lab;

import java.net.InetAddress;

/**
 * Where every lab address comes from. The "internet" is 198.18.0.0/15 (RFC 2544's benchmarking
 * range, never routed outside a lab); each attached network is its own /24 link to the internet
 * router, numbered from 0:
 *
 * <pre>
 * link 0        198.18.0.0/24   internet router .1, server host .10 and .11
 * link N >= 1   198.18.N.0/24   internet router .1, NAT router WAN (its public address) or public host .2
 * NAT on link N 10.N.0.0/24     NAT router LAN bridge .1, hosts .10, .11, ...
 * </pre>
 */
final class AddressPlan {
    static final int SERVER_LINK = 0;
    static final int MAX_LINKS = 255;
    static final int PREFIX_LENGTH = 24;

    private AddressPlan() {}

    static InetAddress internetSide(int link) {
        return v4(198, 18, link, 1);
    }

    /** The NAT router's public address, or a public host's address, on link {@code link}. */
    static InetAddress farSide(int link) {
        return v4(198, 18, link, 2);
    }

    /** The server host's first address; the second (RFC 5780 alternate) is {@link #serverAlternate}. */
    static InetAddress serverPrimary() {
        return v4(198, 18, SERVER_LINK, 10);
    }

    static InetAddress serverAlternate() {
        return v4(198, 18, SERVER_LINK, 11);
    }

    static InetAddress lanGateway(int link) {
        return v4(10, link, 0, 1);
    }

    static InetAddress lanHost(int link, int index) {
        return v4(10, link, 0, 10 + index);
    }

    static String cidr(InetAddress address) {
        return address.getHostAddress() + "/" + PREFIX_LENGTH;
    }

    private static InetAddress v4(int a, int b, int c, int d) {
        return InetAddress.ofLiteral(a + "." + b + "." + c + "." + d);
    }
}
