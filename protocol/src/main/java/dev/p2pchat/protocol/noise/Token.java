package dev.p2pchat.protocol.noise;

/** Noise §7.1 message pattern tokens (PSK modes are not used by this project). */
public enum Token {
  /** Send or receive an ephemeral public key. */
  E,
  /** Send or receive a static public key, encrypted once a key exists. */
  S,
  /** DH between the two ephemeral keys. */
  EE,
  /** DH between the initiator's ephemeral and the responder's static key. */
  ES,
  /** DH between the initiator's static and the responder's ephemeral key. */
  SE,
  /** DH between the two static keys. */
  SS
}
