package dev.fireline.api.security;

import dev.fireline.directory.DirectoryStore;
import dev.fireline.security.Accounts;
import dev.fireline.security.Accounts.Account;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Password sign-in: the user name is a directory person's id; the account (role, password hash)
 * must exist and have a password. A person removed from the directory cannot sign in, whatever
 * their account says.
 */
final class PersonSignIn implements UserDetailsService {
  private final Accounts accounts;
  private final DirectoryStore directory;

  PersonSignIn(Accounts accounts, DirectoryStore directory) {
    this.accounts = accounts;
    this.directory = directory;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    String personId = username.trim();
    Account account =
        accounts
            .find(personId)
            .filter(a -> a.passwordHash() != null)
            .filter(a -> directory.find(DirectoryStore.Kind.PERSON, personId).isPresent())
            // one message for every refusal: a sign-in page must not tell who exists
            .orElseThrow(() -> new UsernameNotFoundException("no password sign-in for this name"));
    return new SignedInPerson(
        Actor.person(personId, account.role(), "console"), account.passwordHash());
  }
}
