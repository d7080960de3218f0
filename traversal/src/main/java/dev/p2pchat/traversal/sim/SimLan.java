package dev.p2pchat.traversal.sim;

import java.net.InetAddress;

/**
 * A LAN behind a {@link SimNat}. Hosts get addresses 10.N.0.2, 10.N.0.3, … where N numbers the LANs of
 * the simulated internet. A LAN may hold another NAT'ed LAN (a carrier-grade NAT in front of a home one).
 */
public final class SimLan {
    private final SimulatedInternet internet;
    private final Realm realm;
    private final SimNat nat;
    private final int index;
    private int nextHost = 2;

    SimLan(SimulatedInternet internet, Realm realm, SimNat nat, int index) {
        this.internet = internet;
        this.realm = realm;
        this.nat = nat;
        this.index = index;
    }

    public SimNat nat() {
        return nat;
    }

    public SimHost addHost() {
        return new SimHost(internet, realm, nextAddress());
    }

    /** A LAN behind a NAT whose public side is a host address on this LAN. */
    public SimLan addLan(NatBehavior behavior) {
        return internet.addLanBehind(realm, nextAddress(), behavior, realm.link());
    }

    /** Changes the link of this LAN from now on (latency, loss). */
    public void setLink(LinkProfile link) {
        realm.setLink(link);
    }

    private InetAddress nextAddress() {
        if (nextHost > 254) {
            throw new IllegalStateException("simulated LAN 10." + index + ".0.0/24 is full");
        }
        return SimulatedInternet.address("10." + index + ".0." + nextHost++);
    }
}
