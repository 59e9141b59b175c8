package dev.fireline.directory;

import java.util.Optional;

/**
 * A person's address for a channel (phone number, e-mail address, chat handle), from the directory.
 */
public class Contacts {
  private final DirectoryStore store;

  public Contacts(DirectoryStore store) {
    this.store = store;
  }

  public Optional<String> address(String personId, Person.Channel channel) {
    return store
        .find(DirectoryStore.Kind.PERSON, personId)
        .flatMap(p -> p.contacts().stream().filter(c -> c.channel() == channel).findFirst())
        .map(Person.ContactMethod::address);
  }

  /** The person whose contact for {@code channel} is {@code address} (an SMS reply's sender). */
  public Optional<Person> byAddress(Person.Channel channel, String address) {
    return store.list(DirectoryStore.Kind.PERSON).stream()
        .filter(
            p ->
                p.contacts().stream()
                    .anyMatch(c -> c.channel() == channel && c.address().equalsIgnoreCase(address)))
        .findFirst();
  }
}
