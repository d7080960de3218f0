package dev.p2pchat.traversal.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The machine's real UDP stack. IPv4 by default; {@link #ipv6()} binds IPv6 sockets instead.
 * {@link #onAddress(InetAddress)} confines the network to one address (e.g. loopback in tests): sockets
 * bind to it and it is the only local address reported.
 */
public final class UdpNetwork implements DatagramNetwork {
    private final StandardProtocolFamily family;
    private final Optional<InetAddress> only;

    private UdpNetwork(StandardProtocolFamily family, Optional<InetAddress> only) {
        this.family = family;
        this.only = only;
    }

    /** IPv4 on every interface. */
    public UdpNetwork() {
        this(StandardProtocolFamily.INET, Optional.empty());
    }

    public static UdpNetwork ipv6() {
        return new UdpNetwork(StandardProtocolFamily.INET6, Optional.empty());
    }

    public static UdpNetwork onAddress(InetAddress address) {
        return new UdpNetwork(address instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET, Optional.of(address));
    }

    @Override
    public DatagramEndpoint bind(InetSocketAddress local) throws IOException {
        InetSocketAddress target = only.map(a -> new InetSocketAddress(a, local.getPort())).orElse(local);
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            channel.bind(target);
            return new UdpEndpoint(channel, family);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Addresses of interfaces that are up, of this network's family; IPv6 link-local addresses are left
     * out (they need a scope id and never cross a router).
     */
    @Override
    public List<InetAddress> localAddresses() throws IOException {
        if (only.isPresent()) {
            return List.of(only.get());
        }
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            if (!nic.isUp()) {
                continue;
            }
            nic.inetAddresses().filter(this::ofFamily).filter(a -> !a.isLinkLocalAddress()).forEach(out::add);
        }
        return out;
    }

    private boolean ofFamily(InetAddress a) {
        return family == StandardProtocolFamily.INET ? a instanceof Inet4Address : a instanceof Inet6Address;
    }
}
