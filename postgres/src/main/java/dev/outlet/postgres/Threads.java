package dev.outlet.postgres;

/** Ending the threads that own a dedicated connection (the change feed, a leader). */
final class Threads {
  private Threads() {}

  /** Interrupts {@code t} (it has been told to stop) and waits up to 5 s for it to end. */
  static void stop(Thread t) {
    t.interrupt();
    try {
      t.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
