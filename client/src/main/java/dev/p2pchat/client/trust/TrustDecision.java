package dev.p2pchat.client.trust;

import dev.p2pchat.client.identity.Fingerprint;
import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.client.store.Contact;

/** What trust-on-first-use concluded about the keys the server gave for a user. */
public sealed interface TrustDecision {

  /** The contact to talk to: its pinned keys are the ones to use. */
  Contact contact();

  /** Never seen before: the keys are now pinned. */
  record FirstUse(Contact contact) implements TrustDecision {}

  /** The keys match the pinned ones. */
  record Known(Contact contact) implements TrustDecision {}

  /**
   * The server gave other keys than the pinned ones: either the contact reinstalled, or someone is
   * impersonating them. Sending is refused until the user accepts the new keys ({@code /trust}).
   */
  record KeyChanged(Contact contact, PublicKeys offered) implements TrustDecision {
    public Fingerprint pinnedFingerprint() {
      return Fingerprint.of(contact.keys());
    }

    public Fingerprint offeredFingerprint() {
      return Fingerprint.of(offered);
    }
  }
}
