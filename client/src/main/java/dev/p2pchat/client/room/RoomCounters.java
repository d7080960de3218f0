package dev.p2pchat.client.room;

/**
 * What a replica dropped, by reason: input from the network is counted, never thrown to the user.
 * Owned by the replica's thread.
 */
public final class RoomCounters {
  long duplicates;
  long badSignatures;
  long notMembers;
  long wrongRoom;
  long undecryptable;
  long refusedChanges;
  long refusedKeys;
  long overflow;

  public long duplicates() {
    return duplicates;
  }

  public long badSignatures() {
    return badSignatures;
  }

  public long notMembers() {
    return notMembers;
  }

  public long wrongRoom() {
    return wrongRoom;
  }

  public long undecryptable() {
    return undecryptable;
  }

  public long refusedChanges() {
    return refusedChanges;
  }

  public long refusedKeys() {
    return refusedKeys;
  }

  public long overflow() {
    return overflow;
  }

  @Override
  public String toString() {
    return "RoomCounters[dup=" + duplicates + " badSig=" + badSignatures + " notMember=" + notMembers
        + " wrongRoom=" + wrongRoom + " undecryptable=" + undecryptable + " refusedChanges=" + refusedChanges
        + " refusedKeys=" + refusedKeys + " overflow=" + overflow + "]";
  }
}
