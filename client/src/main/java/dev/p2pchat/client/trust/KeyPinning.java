package dev.p2pchat.client.trust;

import dev.p2pchat.client.identity.PublicKeys;
import dev.p2pchat.client.store.Contact;
import dev.p2pchat.client.store.ContactStore;
import dev.p2pchat.client.store.StoreException;
import dev.p2pchat.protocol.identity.Username;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Trust on first use: the first keys seen for a user are pinned; later keys must match. A mismatch
 * is never resolved here: only the user's explicit {@link #accept} replaces pinned keys.
 */
public final class KeyPinning {
  private final ContactStore contacts;
  private final InstantSource clock;

  public KeyPinning(ContactStore contacts, InstantSource clock) {
    this.contacts = contacts;
    this.clock = clock;
  }

  /** Compares {@code offered} (from the server's registry) with what is pinned for {@code user}. */
  public TrustDecision check(Username user, PublicKeys offered) {
    Optional<Contact> pinned = contacts.contact(user);
    if (pinned.isEmpty()) {
      try {
        return new TrustDecision.FirstUse(contacts.pin(user, offered, clock.instant()));
      } catch (StoreException.AlreadyPinned raced) {
        return check(user, offered); // pinned meanwhile by another lookup: compare with that
      }
    }
    Contact contact = pinned.get();
    if (!contact.keys().equals(offered)) {
      return new TrustDecision.KeyChanged(contact, offered);
    }
    contacts.seen(user, clock.instant());
    return new TrustDecision.Known(contact);
  }

  /** The user accepted {@code keys} for {@code user} after a key change ({@code /trust}). */
  public Contact accept(Username user, PublicKeys keys) {
    return contacts.replaceKeys(user, keys, clock.instant());
  }

  /** The user compared fingerprints out of band and they matched ({@code /verify}). */
  public Contact verify(Username user) {
    return contacts.setVerified(user, true);
  }
}
