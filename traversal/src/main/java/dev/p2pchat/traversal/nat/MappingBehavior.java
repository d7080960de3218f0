package dev.p2pchat.traversal.nat;

/** NAT mapping behaviour, RFC 4787 §4.1: when does an internal endpoint get a new external port? */
public enum MappingBehavior {
    /** One external port per internal endpoint, whatever the destination ("cone"). */
    ENDPOINT_INDEPENDENT,
    /** A new external port per destination IP address. */
    ADDRESS_DEPENDENT,
    /** A new external port per destination IP address and port ("symmetric"). */
    ADDRESS_AND_PORT_DEPENDENT
}
