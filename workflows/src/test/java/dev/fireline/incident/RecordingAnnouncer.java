package dev.fireline.incident;

import dev.fireline.communicate.Announcement;
import dev.fireline.communicate.CommunicationActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every announcement the workflow makes, in order. */
public final class RecordingAnnouncer implements CommunicationActivities {
  public final List<Announcement> announced = new CopyOnWriteArrayList<>();

  @Override
  public void announce(Announcement announcement) {
    announced.add(announcement);
  }
}
