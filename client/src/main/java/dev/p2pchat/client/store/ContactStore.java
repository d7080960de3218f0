package dev.p2pchat.client.store;

import dev.p2pchat.protocol.identity.Username;
import dev.p2pchat.client.identity.PublicKeys;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Contacts and their pinned keys. Each method is one transaction. */
public interface ContactStore {

  Optional<Contact> contact(Username user);

  /** All contacts, ordered by name. */
  List<Contact> contacts();

  /**
   * Pins {@code keys} for a user seen for the first time.
   *
   * @throws StoreException.AlreadyPinned if the user is already a contact: changing pinned keys is a
   *     different, deliberate act ({@link #replaceKeys})
   */
  Contact pin(Username user, PublicKeys keys, Instant now);

  /** Accepts new keys for an existing contact (the user ran {@code /trust}); clears {@code verified}. */
  Contact replaceKeys(Username user, PublicKeys keys, Instant now);

  /** Marks the contact verified (fingerprints compared) or not. */
  Contact setVerified(Username user, boolean verified);

  /** Records that the contact was seen online or sent something. */
  void seen(Username user, Instant now);
}
