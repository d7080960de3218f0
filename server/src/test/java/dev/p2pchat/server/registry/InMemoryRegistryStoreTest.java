package dev.p2pchat.server.registry;

class InMemoryRegistryStoreTest extends RegistryStoreContract {
  @Override
  RegistryStore open() {
    return new InMemoryRegistryStore();
  }
}
