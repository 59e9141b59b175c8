package dev.fireline.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fireline.incident.ReachedNobodyAlarm.Unreached;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Following the level paged last until it reached someone or nobody, without a workflow. */
class LevelWatchTest {
  private static final String LEVEL = "level 1, pass 1 of policy primary";
  private final LevelWatch watch = new LevelWatch();

  @Test
  void nothingFollowedNothingRaised() {
    watch.accepted("a");
    watch.fellBack("a", "a/fallback-email");
    watch.failed("a", true);
    assertThat(watch.tracks("a")).isFalse();
    assertThat(watch.takeReachedNobody()).isNull();
  }

  @Test
  void theLevelReachedNobodyWhenItsLastPageFailedThroughItsFallback() {
    watch.follow(new LevelReach(LEVEL, 0, List.of("a", "b")));
    watch.failed("a", true);
    assertThat(watch.takeReachedNobody()).as("b is still hoped on").isNull();
    watch.fellBack("b", "b/fallback-email");
    assertThat(watch.tracks("b/fallback-email")).isTrue();
    watch.failed("b/fallback-email", true);

    assertThat(watch.takeReachedNobody())
        .isEqualTo(new Unreached(LEVEL, 0, "every page of it failed"));
    assertThat(watch.takeReachedNobody()).as("the alarm is raised once").isNull();
    assertThat(watch.tracks("b/fallback-email")).as("taking it ends the following").isFalse();
  }

  @Test
  void aPageAcceptedMeansTheLevelReachedSomeone() {
    watch.follow(new LevelReach(LEVEL, 0, List.of("a", "b")));
    watch.accepted("b");
    watch.failed("a", true);
    assertThat(watch.takeReachedNobody()).isNull();
  }

  @Test
  void noAlarmOnceAcknowledgedButThePageIsDoneWith() {
    watch.follow(new LevelReach(LEVEL, 0, List.of("a")));
    watch.failed("a", false);
    assertThat(watch.takeReachedNobody()).isNull();
    assertThat(watch.tracks("a")).isFalse();
  }

  @Test
  void aLevelThatFoundNobodyToPageIsRaisedAsItIs() {
    Unreached nobody =
        new Unreached(LEVEL, 0, "nobody is on call for it or known to the directory");
    watch.follow(new LevelReach("level 2, pass 1 of policy primary", 1, List.of("c")));
    watch.reachedNobody(nobody);
    assertThat(watch.takeReachedNobody()).isEqualTo(nobody);
    assertThat(watch.tracks("c")).isFalse();
  }
}
