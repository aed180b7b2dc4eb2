package dev.outlet.storage;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every store's contract suite shares: a fresh empty storage per test, opened once as {@link
 * #store} before the test; every further {@link #open} is another opener of the same storage (a
 * restart, or another node), closed after the test.
 *
 * @param <S> the store's contract
 */
public abstract class StoreContract<S> {
  protected S store;
  private final List<S> opened = new ArrayList<>();

  /** Makes the empty storage this test uses. */
  protected abstract void freshStore() throws Exception;

  /** A store over this test's storage. */
  protected abstract S openStore();

  /** Closes what {@link #openStore} opened. */
  protected abstract void closeStore(S s);

  @BeforeEach
  protected void openTheStore() throws Exception {
    freshStore();
    store = open();
  }

  @AfterEach
  protected void closeEverything() {
    opened.forEach(this::closeStore);
    opened.clear();
  }

  protected final S open() {
    return track(openStore());
  }

  /** Closes the current store and opens the storage again, as a restart does. */
  protected final void reopen() {
    closeCurrent();
    store = open();
  }

  /** Closes the current store (a test that reopens the storage its own way). */
  protected final void closeCurrent() {
    opened.remove(store);
    closeStore(store);
    store = null;
  }

  /** Closes {@code s} with the rest after the test. */
  protected final <T extends S> T track(T s) {
    opened.add(s);
    return s;
  }
}
