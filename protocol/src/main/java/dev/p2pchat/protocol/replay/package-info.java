/**
 * Anti-replay for datagrams that carry an explicit 64-bit counter: {@link
 * dev.p2pchat.protocol.replay.ReplayWindow}, a sliding bitmap after RFC 6479. Pure; no clock.
 */
package dev.p2pchat.protocol.replay;
