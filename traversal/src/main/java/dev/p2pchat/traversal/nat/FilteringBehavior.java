package dev.p2pchat.traversal.nat;

/** NAT filtering behaviour, RFC 4787 §5: which inbound datagrams may use an existing mapping? */
public enum FilteringBehavior {
    /** Any source ("full cone"). */
    ENDPOINT_INDEPENDENT,
    /** Only source IP addresses the internal endpoint has sent to ("restricted cone"). */
    ADDRESS_DEPENDENT,
    /** Only source address-and-port pairs the internal endpoint has sent to ("port-restricted cone"). */
    ADDRESS_AND_PORT_DEPENDENT
}
