package dev.p2pchat.traversal.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where endpoints come from: the machine's real UDP stack ({@link UdpNetwork}) or a host on the simulated
 * internet. Traversal logic sees nothing else of the network.
 */
public interface DatagramNetwork {

    /** Binds a UDP endpoint; port 0 picks a free port. */
    DatagramEndpoint bind(InetSocketAddress local) throws IOException;

    /** The addresses of this host's interfaces that are up (candidates for host candidates). */
    List<InetAddress> localAddresses() throws IOException;
}
