package dev.p2pchat.traversal.sim;

import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything that makes one simulated NAT differ from another.
 *
 * @param bindingTimeout  a mapping idle (no datagram either way) this long is forgotten (RFC 4787 §4.3)
 * @param hairpinning     whether a datagram from inside to the NAT's own public address is looped back in
 * @param conntrackClash  model Linux conntrack: an unsolicited inbound datagram from R to external port P
 *                        that is dropped still leaves an "unreplied" entry (R → P) for {@link #UNREPLIED_TIMEOUT};
 *                        a new outbound flow to R that would use P clashes with it and gets another port.
 *                        This is the trap that low-TTL priming avoids (see docs/architecture.md).
 */
public record NatBehavior(MappingBehavior mapping, FilteringBehavior filtering, PortAllocation allocation,
                          boolean hairpinning, Duration bindingTimeout, boolean conntrackClash) {
    /** RFC 4787 REQ-5 asks for at least 2 minutes. */
    public static final Duration DEFAULT_BINDING_TIMEOUT = Duration.ofMinutes(2);
    /** Linux {@code nf_conntrack_udp_timeout}. */
    public static final Duration UNREPLIED_TIMEOUT = Duration.ofSeconds(30);

    public NatBehavior {
        Objects.requireNonNull(mapping);
        Objects.requireNonNull(filtering);
        Objects.requireNonNull(allocation);
        if (!bindingTimeout.isPositive()) {
            throw new IllegalArgumentException("binding timeout must be positive");
        }
    }

    /** A NAT with the given mapping and filtering, port preserving, no hairpinning, 2-minute bindings. */
    public static NatBehavior of(MappingBehavior mapping, FilteringBehavior filtering) {
        return new NatBehavior(mapping, filtering, PortAllocation.PRESERVING, false, DEFAULT_BINDING_TIMEOUT, false);
    }

    /** What {@code iptables -j MASQUERADE} gives: EIM, port-dependent filtering, preserving, conntrack clashes. */
    public static NatBehavior linuxMasquerade() {
        return new NatBehavior(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT,
                PortAllocation.PRESERVING, false, DEFAULT_BINDING_TIMEOUT, true);
    }

    public NatBehavior withAllocation(PortAllocation a) {
        return new NatBehavior(mapping, filtering, a, hairpinning, bindingTimeout, conntrackClash);
    }

    public NatBehavior withHairpinning(boolean h) {
        return new NatBehavior(mapping, filtering, allocation, h, bindingTimeout, conntrackClash);
    }

    public NatBehavior withBindingTimeout(Duration t) {
        return new NatBehavior(mapping, filtering, allocation, hairpinning, t, conntrackClash);
    }

    public NatBehavior withConntrackClash(boolean c) {
        return new NatBehavior(mapping, filtering, allocation, hairpinning, bindingTimeout, c);
    }

    /** Short name like "EIM/APDF" for test output. */
    public String shortName() {
        return abbreviation(mapping.name()) + "M/" + abbreviation(filtering.name()) + "F";
    }

    private static String abbreviation(String name) {
        return switch (name) {
            case "ENDPOINT_INDEPENDENT" -> "EI";
            case "ADDRESS_DEPENDENT" -> "AD";
            default -> "APD";
        };
    }
}
