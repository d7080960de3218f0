package dev.p2pchat.lab;

import java.net.InetAddress;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosts of the NAT matrix in one lab: for each {@link Access}, a left and a right end, each on a
 * network of its own (two NATs of each kind, two public hosts), so that a pair of the same kind
 * crosses two NATs, and every pair has its two clients on different networks.
 */
final class MatrixEnds {
    /** How a host reaches the internet: a public address, or behind one of the lab's NAT kinds. */
    enum Access {
        PUBLIC(Optional.empty(), "pub"),
        FULL_CONE(Optional.of(NatKind.FULL_CONE), "fc"),
        PORT_RESTRICTED(Optional.of(NatKind.PORT_RESTRICTED), "pr"),
        SYMMETRIC(Optional.of(NatKind.SYMMETRIC), "sym");

        private final Optional<NatKind> nat;
        /** For user names, which the client keeps in lower case. */
        final String tag;

        Access(Optional<NatKind> nat, String tag) {
            this.nat = nat;
            this.tag = tag;
        }
    }

    /** One host and, unless it is public, the NAT in front of it. */
    record End(Host host, Optional<NatRouter> nat) {
        /** The address the peer and the server see: the NAT's, or the host's own. */
        InetAddress publicAddress() {
            return nat.map(NatRouter::publicAddress).orElse(host.address());
        }
    }

    private final Map<Access, List<End>> ends = new EnumMap<>(Access.class);

    private MatrixEnds() {}

    /** Adds two ends of every access kind to {@code lab}. */
    static MatrixEnds build(Lab lab) {
        MatrixEnds matrix = new MatrixEnds();
        for (Access access : Access.values()) {
            matrix.ends.put(access, List.of(end(lab, access), end(lab, access)));
        }
        return matrix;
    }

    private static End end(Lab lab, Access access) {
        if (access.nat.isEmpty()) {
            return new End(lab.addPublicHost(), Optional.empty());
        }
        NatRouter router = lab.addNat(access.nat.get());
        return new End(router.addHost(), Optional.of(router));
    }

    End left(Access access) {
        return ends.get(access).get(0);
    }

    End right(Access access) {
        return ends.get(access).get(1);
    }
}
