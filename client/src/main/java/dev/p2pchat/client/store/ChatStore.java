package dev.p2pchat.client.store;

/** Everything the client keeps on disk besides its identity: contacts and messages. */
public interface ChatStore extends ContactStore, MessageStore, AutoCloseable {
  /** File name of the SQLite database in the data directory. */
  String FILE_NAME = "chat.db";

  @Override
  void close();
}
