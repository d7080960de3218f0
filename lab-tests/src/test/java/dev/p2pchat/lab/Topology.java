package dev.p2pchat.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the lab's namespaces and wires them (see {@link AddressPlan}). Veth pairs are created
 * directly inside their namespaces, so nothing of the lab ever appears in the host's own namespace
 * and deleting a namespace deletes its interfaces.
 */
final class Topology {
    private final String prefix;
    private final Journal journal;
    private final List<Netns> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<Netns> routers = Collections.synchronizedList(new ArrayList<>());
    private final Netns internet;
    private final Netns serverHost;
    private int nextLink = AddressPlan.SERVER_LINK + 1;

    Topology(String prefix, Journal journal) {
        this.prefix = prefix;
        this.journal = journal;
        this.internet = namespace("inet");
        internet.sysctl("net.ipv4.ip_forward", "1");
        routers.add(internet);
        this.serverHost = namespace("server");
        link(internet, "l0", AddressPlan.internetSide(0), serverHost, "eth0", AddressPlan.serverPrimary());
        serverHost.ip("addr", "add", AddressPlan.cidr(AddressPlan.serverAlternate()), "dev", "eth0");
    }

    Netns internet() {
        return internet;
    }

    Netns serverHost() {
        return serverHost;
    }

    List<Netns> namespaces() {
        return List.copyOf(namespaces);
    }

    /** A NAT router on a new link: WAN {@code wan} toward the internet, LAN bridge {@code br0}. */
    NatRouter addNat(Lab lab, NatKind kind) {
        int link = newLink();
        Netns router = namespace("nat" + link);
        link(internet, "l" + link, AddressPlan.internetSide(link), router, NatRouter.WAN, AddressPlan.farSide(link));
        router.ip("link", "add", NatRouter.LAN, "type", "bridge");
        router.ip("addr", "add", AddressPlan.cidr(AddressPlan.lanGateway(link)), "dev", NatRouter.LAN);
        router.ip("link", "set", NatRouter.LAN, "up");
        router.sysctl("net.ipv4.ip_forward", "1");
        routers.add(router);
        kind.configure(router.iptables(), AddressPlan.lanHost(link, 0));
        return new NatRouter(lab, router, kind, link);
    }

    /** A host on the LAN of {@code nat}: a veth from the router's bridge, default route via the router. */
    Netns addLanHost(NatRouter nat, int index) {
        Netns host = namespace("nat" + nat.link() + "h" + index);
        String port = "h" + index;
        createVeth(nat.netns(), port, host, "eth0");
        nat.netns().ip("link", "set", port, "master", NatRouter.LAN);
        nat.netns().ip("link", "set", port, "up");
        configure(host, "eth0", AddressPlan.lanHost(nat.link(), index), AddressPlan.lanGateway(nat.link()));
        return host;
    }

    /** A public host (no NAT) on a new link. */
    Host addPublicHost(Lab lab) {
        int link = newLink();
        Netns host = namespace("pub" + link);
        link(internet, "l" + link, AddressPlan.internetSide(link), host, "eth0", AddressPlan.farSide(link));
        return new Host(lab, host, List.of(AddressPlan.farSide(link)));
    }

    /** Creates namespace {@code PREFIX-role} with loopback up and IPv6 off (keeps captures quiet). */
    Netns namespace(String role) {
        String name = prefix + "-" + role;
        Namespaces.add(journal, name);
        Netns netns = new Netns(name, journal);
        namespaces.add(netns);
        netns.exec(LabEnvironment.require("sysctl"), "-qw",
                "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        netns.ip("link", "set", "lo", "up");
        return netns;
    }

    /** Writes each namespace's addresses, and each router's rules with counters and conntrack table. */
    void recordState(Path file) {
        StringBuilder state = new StringBuilder();
        for (Netns netns : namespaces()) {
            state.append("== ").append(netns.name()).append('\n');
            state.append(netns.execAllowingFailure(LabEnvironment.require("ip"), "-br", "addr").stdout());
            if (routers.contains(netns)) {
                state.append(netns.execAllowingFailure(LabEnvironment.require("iptables-save"), "-c").stdout());
                LabEnvironment.tool("conntrack").ifPresent(conntrack ->
                        state.append(netns.execAllowingFailure(conntrack.toString(), "-L").stdout()));
            }
        }
        try {
            Files.writeString(file, state, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes every namespace (and so every interface and route) this topology created. */
    void removeAll() {
        List<Netns> all = new ArrayList<>(namespaces());
        Collections.reverse(all);
        LabException failure = null;
        for (Netns netns : all) {
            try {
                Namespaces.delete(journal, netns.name());
                namespaces.remove(netns);
            } catch (LabException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private int newLink() {
        if (nextLink > AddressPlan.MAX_LINKS - 1) {
            throw new IllegalStateException("the lab internet has room for " + (AddressPlan.MAX_LINKS - 1) + " links");
        }
        return nextLink++;
    }

    /** A veth between the internet router and a namespace on {@code farSide}'s link. */
    private void link(Netns internet, String internetIf, InetAddress internetSide, Netns far, String farIf, InetAddress farSide) {
        createVeth(internet, internetIf, far, farIf);
        internet.ip("addr", "add", AddressPlan.cidr(internetSide), "dev", internetIf);
        internet.ip("link", "set", internetIf, "up");
        configure(far, farIf, farSide, internetSide);
    }

    private void configure(Netns netns, String iface, InetAddress address, InetAddress gateway) {
        netns.ip("addr", "add", AddressPlan.cidr(address), "dev", iface);
        netns.ip("link", "set", iface, "up");
        netns.ip("route", "add", "default", "via", gateway.getHostAddress());
    }

    private void createVeth(Netns a, String aIf, Netns b, String bIf) {
        Command.run(journal, List.of(LabEnvironment.require("ip"), "link", "add", aIf, "netns", a.name(),
                "type", "veth", "peer", "name", bIf, "netns", b.name()));
    }
}
