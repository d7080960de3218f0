/**
 * Who a user is: a {@link dev.p2pchat.protocol.identity.Username} bound to an Ed25519
 * {@link dev.p2pchat.protocol.identity.SigningPublicKey} and an X25519
 * {@link dev.p2pchat.protocol.identity.DhPublicKey}, and the {@link
 * dev.p2pchat.protocol.identity.AuthChallenge} a client signs to prove it holds the signing key.
 *
 * <p>Pure and JDK-only: the server and the client share these classes, so both sides build the
 * exact same bytes to sign. Keys have distinct types so that a DH key can never be passed where a
 * signing key is expected; they compare in constant time and never print their bytes.
 */
package dev.p2pchat.protocol.identity;
