package dev.p2pchat.client.room;

import dev.p2pchat.traversal.nat.FilteringBehavior;
import dev.p2pchat.traversal.nat.MappingBehavior;
import dev.p2pchat.traversal.sim.NatBehavior;
import dev.p2pchat.traversal.sim.SimHost;
import dev.p2pchat.traversal.sim.SimulatedInternet;
import java.util.Optional;

/** Where a room member sits: a public address, or behind a NAT of one RFC 4787 mapping × filtering. */
enum NatType {
  PUBLIC(Optional.empty()),
  /** Endpoint-independent mapping and filtering ("full cone"). */
  FULL_CONE(Optional.of(NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ENDPOINT_INDEPENDENT))),
  /** Endpoint-independent mapping, address-and-port-dependent filtering (most home routers). */
  PORT_RESTRICTED(Optional.of(
      NatBehavior.of(MappingBehavior.ENDPOINT_INDEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT))),
  /** A new public port per destination, address-and-port-dependent filtering. */
  SYMMETRIC(Optional.of(
      NatBehavior.of(MappingBehavior.ADDRESS_AND_PORT_DEPENDENT, FilteringBehavior.ADDRESS_AND_PORT_DEPENDENT)));

  private final Optional<NatBehavior> nat;

  NatType(Optional<NatBehavior> nat) {
    this.nat = nat;
  }

  /** A host of this type; {@code address} is its public address or its NAT's. */
  SimHost host(SimulatedInternet net, String address) {
    return nat.map(n -> net.addLan(address, n).addHost()).orElseGet(() -> net.addPublicHost(address));
  }
}
