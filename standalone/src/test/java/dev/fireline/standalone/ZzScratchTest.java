package dev.fireline.standalone;

import java.util.List;
import org.junit.jupiter.api.Test;

class ZzScratchTest extends DirectoryApiSupport {
  @Test
  void show() {
    List<String> p = people("ann", "ben");
    System.out.println("SCRATCH person " + app.get("/api/people/" + p.get(0)).body());
    System.out.println("SCRATCH bad " + app.post("/api/people", json(map("id", "x" + u, "name", "X", "contacts", map("sms", "123"), "rules", List.of(map("channel", "voice"))))).body());
    System.out.println("SCRATCH array " + app.post("/api/people", "[1,2]").body());
    System.out.println("SCRATCH file " + app.delete("/api/people/alice").body());
    System.out.println("SCRATCH ref " + app.delete("/api/people/bob").body());
    System.out.println("SCRATCH list " + app.get("/api/schedules").body());
    System.out.println("SCRATCH oncall " + app.get("/api/oncall").body());
    System.out.println("SCRATCH swap " + app.post("/api/schedules/storefront-oncall/swaps", "{\"first\":\"2026-01-05T08:00:00Z\",\"second\":\"2026-01-12T08:00:00Z\"}").body());
    System.out.println("SCRATCH export\n" + app.getText("/api/directory/export", FirelineApp.API_KEY).body());
  }
}
