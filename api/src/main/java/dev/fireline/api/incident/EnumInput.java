package dev.fireline.api.incident;

import dev.fireline.incident.IncidentSnapshot.PostmortemStatus;
import dev.fireline.incident.Role;
import dev.fireline.incident.Stage;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Enum values as people type them: any case, dashes or spaces for underscores. */
public final class EnumInput {
  private EnumInput() {}

  public static Optional<Stage> stage(String text) {
    return find(Stage.class, text);
  }

  public static Optional<Stage> statusUpdateStage(String text) {
    return stage(text).filter(Stage.STATUS_UPDATE_STAGES::contains);
  }

  public static Optional<Role> role(String text) {
    return find(Role.class, text);
  }

  static Optional<PostmortemStatus> editableStatus(String text) {
    return find(PostmortemStatus.class, text).filter(s -> s != PostmortemStatus.PUBLISHED);
  }

  private static <E extends Enum<E>> Optional<E> find(Class<E> type, String text) {
    if (text == null) {
      return Optional.empty();
    }
    String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(name)).findFirst();
  }
}
