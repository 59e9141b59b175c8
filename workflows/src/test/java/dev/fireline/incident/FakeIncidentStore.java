package dev.fireline.incident;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Test read model: keeps the newest snapshot saved (an older version never overwrites a newer). */
public final class FakeIncidentStore implements IncidentStoreActivities {
  private final AtomicReference<IncidentSnapshot> latest = new AtomicReference<>();
  private final AtomicInteger saves = new AtomicInteger();

  @Override
  public void save(IncidentSnapshot snapshot) {
    saves.incrementAndGet();
    latest.accumulateAndGet(
        snapshot,
        (old, candidate) -> old == null || candidate.version() >= old.version() ? candidate : old);
  }

  public IncidentSnapshot latest() {
    return latest.get();
  }

  public int saves() {
    return saves.get();
  }
}
