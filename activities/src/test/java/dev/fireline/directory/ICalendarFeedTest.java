package dev.fireline.directory;

import static dev.fireline.directory.ScheduleFixtures.WEEKDAYS;
import static dev.fireline.directory.ScheduleFixtures.at;
import static dev.fireline.directory.ScheduleFixtures.daily;
import static dev.fireline.directory.ScheduleFixtures.layer;
import static dev.fireline.directory.ScheduleFixtures.override;
import static dev.fireline.directory.ScheduleFixtures.weekly;
import static dev.fireline.directory.ScheduleFixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import org.junit.jupiter.api.Test;

/** The feed is written by hand; ical4j reads it back. */
class ICalendarFeedTest {
  private static final Instant STAMP = at("2026-03-01T12:00:00Z");

  /** New York, weekly Monday 09:00 primary across the DST change, office-hours secondary. */
  private static final Schedule SCHEDULE =
      new Schedule(
          "payments",
          "Payments, EU; Tier 1",
          "America/New_York",
          List.of(
              layer("primary", weekly("2026-01-05T09:00", "alice", "bob")),
              layer(
                  "secondary",
                  daily("2026-01-05T09:00", "carol", "dave"),
                  window(WEEKDAYS, "09:00", "17:00"))),
          List.of(override("o1", "2026-03-10T15:00:00Z", "2026-03-11T15:00:00Z", "erin", null)));

  private static final List<Shift> SHIFTS =
      OnCallCalculator.shifts(SCHEDULE, at("2026-03-01T00:00:00Z"), at("2026-03-22T00:00:00Z"));

  @Test
  void everyShiftIsAnEventWithTheSameInstants() throws Exception {
    String feed = ICalendarFeed.forSchedule(SCHEDULE, SHIFTS, STAMP);

    Calendar calendar = parse(feed);
    assertThat(calendar.getProperty(Property.PRODID).map(Property::getValue))
        .contains("-//Fireline//On-call//EN");
    assertThat(calendar.getProperty(Property.VERSION).map(Property::getValue)).contains("2.0");
    List<VEvent> events = calendar.getComponents(Component.VEVENT);
    assertThat(events).hasSize(SHIFTS.size()).hasSizeGreaterThan(15);
    for (int i = 0; i < events.size(); i++) {
      VEvent event = events.get(i);
      Shift shift = SHIFTS.get(i);
      assertThat(instant(event, Property.DTSTART))
          .as("start of %s", shift)
          .isEqualTo(shift.start());
      assertThat(instant(event, Property.DTEND)).as("end of %s", shift).isEqualTo(shift.end());
      assertThat(instant(event, Property.DTSTAMP)).isEqualTo(STAMP);
      assertThat(text(event, Property.SUMMARY))
          .isEqualTo(
              "On call: " + shift.person() + " — Payments, EU; Tier 1 (" + shift.layer() + ")");
    }
    assertThat(events).extracting(e -> text(e, Property.UID)).doesNotHaveDuplicates();
    // The DST change is in there: 2026-03-09 09:00 EDT is 13:00Z.
    assertThat(feed).contains("DTSTART:20260309T130000Z");
  }

  @Test
  void linesEndInCrlfAndAreFoldedAtSeventyFiveOctets() throws Exception {
    Schedule longName =
        new Schedule(
            "long",
            "Plateforme de paiement — équipe d’astreinte "
                + "européenne, niveau 1; très longue description pour forcer le pliage",
            "UTC",
            List.of(layer("primary", weekly("2026-01-05T09:00", "zoë"))),
            List.of());
    List<Shift> shifts =
        OnCallCalculator.shifts(longName, at("2026-01-05T09:00:00Z"), at("2026-01-19T09:00:00Z"));
    String feed = ICalendarFeed.forSchedule(longName, shifts, STAMP);

    assertThat(feed).endsWith("END:VCALENDAR\r\n");
    assertThat(feed.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
    String[] lines = feed.split("\r\n");
    boolean folded = false;
    for (String line : lines) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
      folded |= line.startsWith(" ");
    }
    assertThat(folded).isTrue();

    List<VEvent> events = parse(feed).getComponents(Component.VEVENT);
    assertThat(events).hasSize(1); // one person: the two turns merge into one shift
    assertThat(text(events.get(0), Property.SUMMARY))
        .isEqualTo("On call: zoë — " + longName.name() + " (primary)");
  }

  @Test
  void uidsAreStableAcrossRenderings() throws Exception {
    String first = ICalendarFeed.forSchedule(SCHEDULE, SHIFTS, STAMP);
    String later = ICalendarFeed.forSchedule(SCHEDULE, SHIFTS, at("2026-03-02T00:00:00Z"));

    assertThat(parse(later).<VEvent>getComponents(Component.VEVENT))
        .extracting(e -> text(e, Property.UID))
        .containsExactlyElementsOf(
            parse(first).<VEvent>getComponents(Component.VEVENT).stream()
                .map(e -> text(e, Property.UID))
                .toList());
  }

  @Test
  void aPersonsFeedHoldsOnlyTheirShifts() throws Exception {
    List<Shift> alices = SHIFTS.stream().filter(s -> s.person().equals("alice")).toList();
    String feed = ICalendarFeed.forPerson("alice", List.of(SCHEDULE), SHIFTS, STAMP);

    List<VEvent> events = parse(feed).getComponents(Component.VEVENT);
    assertThat(events).hasSize(alices.size()).isNotEmpty();
    for (int i = 0; i < events.size(); i++) {
      assertThat(instant(events.get(i), Property.DTSTART)).isEqualTo(alices.get(i).start());
      assertThat(instant(events.get(i), Property.DTEND)).isEqualTo(alices.get(i).end());
      assertThat(text(events.get(i), Property.SUMMARY))
          .isEqualTo("On call: Payments, EU; Tier 1 (" + alices.get(i).layer() + ")");
    }
  }

  private static Calendar parse(String feed) throws Exception {
    return new CalendarBuilder().build(new StringReader(feed));
  }

  private static Instant instant(VEvent event, String name) {
    DateProperty<Temporal> property = event.<DateProperty<Temporal>>getProperty(name).orElseThrow();
    assertThat(property.isUtc()).as(name + " in UTC").isTrue();
    return Instant.from(property.getDate());
  }

  private static String text(VEvent event, String name) {
    return event.getProperty(name).map(Property::getValue).orElseThrow();
  }
}
