package dev.p2pchat.traversal.sim;

import dev.p2pchat.traversal.net.DatagramEndpoint;
import dev.p2pchat.traversal.net.DatagramNetwork;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A machine with one address on the simulated internet or on a simulated LAN. */
public final class SimHost implements DatagramNetwork {
    private static final int FIRST_EPHEMERAL = 49_152;

    private final SimulatedInternet internet;
    private final Realm realm;
    private final InetAddress address;
    private final Map<Integer, SimEndpoint> endpoints = new HashMap<>();
    private int nextEphemeral = FIRST_EPHEMERAL;

    SimHost(SimulatedInternet internet, Realm realm, InetAddress address) {
        this.internet = internet;
        this.realm = realm;
        this.address = address;
        realm.attach(address, this::deliver);
    }

    public InetAddress address() {
        return address;
    }

    /** Binds {@code address:port}, or the host's address when {@code local} is a wildcard address. */
    @Override
    public DatagramEndpoint bind(InetSocketAddress local) throws IOException {
        if (!local.getAddress().isAnyLocalAddress() && !local.getAddress().equals(address)) {
            throw new BindException("cannot bind " + local + " on host " + address.getHostAddress());
        }
        int port = local.getPort() == 0 ? ephemeralPort() : local.getPort();
        if (endpoints.containsKey(port)) {
            throw new BindException("port " + port + " in use on " + address.getHostAddress());
        }
        SimEndpoint endpoint = new SimEndpoint(this, new InetSocketAddress(address, port));
        endpoints.put(port, endpoint);
        return endpoint;
    }

    /** Shorthand for binding an ephemeral port, for tests. */
    public DatagramEndpoint bind() {
        return bind(0);
    }

    /** Shorthand for binding {@code port} (0: ephemeral); IllegalStateException if it is taken. */
    public DatagramEndpoint bind(int port) {
        try {
            return bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<InetAddress> localAddresses() {
        return List.of(address);
    }

    SimulatedInternet internet() {
        return internet;
    }

    void send(SimPacket packet) {
        realm.route(packet);
    }

    void unbind(int port) {
        endpoints.remove(port);
    }

    private void deliver(SimPacket packet) {
        SimEndpoint endpoint = endpoints.get(packet.destination().getPort());
        if (endpoint == null || !endpoint.deliver(packet)) {
            internet.stats().drop(DropReason.NO_LISTENER);
        }
    }

    private int ephemeralPort() throws BindException {
        for (int i = 0; i < 65_536 - FIRST_EPHEMERAL; i++) {
            int p = nextEphemeral;
            nextEphemeral = p == 65_535 ? FIRST_EPHEMERAL : p + 1;
            if (!endpoints.containsKey(p)) {
                return p;
            }
        }
        throw new BindException("no free port on " + address.getHostAddress());
    }

    @Override
    public String toString() {
        return "SimHost[" + address.getHostAddress() + "]";
    }
}
