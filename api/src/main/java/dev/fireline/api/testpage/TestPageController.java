package dev.fireline.api.testpage;

import dev.fireline.api.security.RequestActor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/people/{id}/test-page[?channel=sms]}: a real test notification on each of the
 * person's contact methods (or the one asked for), through the worker's providers; answers what
 * each provider said. 202 with the workflow id when an answer takes longer than the wait.
 */
@RestController
class TestPageController {
  private final TestPages testPages;

  TestPageController(TestPages testPages) {
    this.testPages = testPages;
  }

  @PostMapping("/api/people/{id}/test-page")
  ResponseEntity<TestPages.TestPageView> testPage(
      @PathVariable String id,
      @RequestParam(required = false) String channel,
      HttpServletRequest request) {
    TestPages.TestPageView view =
        testPages.send(id, channel, String.valueOf(request.getAttribute(RequestActor.ACTOR)));
    return view.pending()
        ? ResponseEntity.status(HttpStatus.ACCEPTED).body(view)
        : ResponseEntity.ok(view);
  }
}
