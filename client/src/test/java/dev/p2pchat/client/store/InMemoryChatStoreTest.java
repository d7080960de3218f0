package dev.p2pchat.client.store;

class InMemoryChatStoreTest extends ChatStoreContract {
  @Override
  ChatStore newStore() {
    return new InMemoryChatStore();
  }
}
