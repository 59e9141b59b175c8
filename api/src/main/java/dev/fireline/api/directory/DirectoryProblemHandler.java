package dev.fireline.api.directory;

import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A rejected directory entry as 400 problem details listing every field at fault. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DirectoryProblemHandler {

  @ExceptionHandler(InvalidEntry.class)
  ResponseEntity<ProblemDetail> invalid(InvalidEntry e) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    List<Map<String, String>> errors =
        e.errors().stream()
            .map(error -> Map.of("field", error.field(), "message", error.message()))
            .toList();
    detail.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(detail);
  }
}
