/**
 * The STUN server (RFC 8489 Binding, RFC 5780 behaviour discovery, RFC 3489 classic clients) on UDP.
 *
 * <p>Reading order: {@link dev.p2pchat.server.stun.StunServerConfig} says where to listen; {@link
 * dev.p2pchat.server.stun.Topology} knows the one or four (address, port) endpoints and which one answers
 * a CHANGE-REQUEST; {@link dev.p2pchat.server.stun.BindingResponder} is the pure policy that turns a
 * Binding request into a reply or a drop; {@link dev.p2pchat.server.stun.PacketDispatcher} sorts each
 * datagram (Binding, other STUN methods, ChannelData, junk) and counts it in {@link
 * dev.p2pchat.server.stun.StunServerStats}; {@link dev.p2pchat.server.stun.StunServer} owns the sockets
 * and their virtual threads. Non-Binding STUN methods and ChannelData go to a {@link
 * dev.p2pchat.server.stun.RelayHandler} when one is installed: the hook for the TURN relay.
 */
package dev.p2pchat.server.stun;
