package dev.fireline.api.problem;

import dev.fireline.api.security.RequestSizeLimit;
import io.temporal.client.WorkflowServiceException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/** Every error as RFC 9457 problem details that name the offending field; never a stack trace. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  public static final String DATABASE_RETRY_AFTER_SECONDS = "10";

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
    if (problem.field() != null) {
      detail.setProperty(
          "errors", List.of(Map.of("field", problem.field(), "message", problem.getMessage())));
    }
    return ResponseEntity.status(problem.status()).body(detail);
  }

  @ExceptionHandler(WorkflowServiceException.class)
  ResponseEntity<ProblemDetail> temporalUnavailable(WorkflowServiceException e) {
    log.warn("Temporal call failed", e);
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The workflow service is unavailable; try again shortly"));
  }

  /**
   * PostgreSQL down or out of connections (the classes of DatabaseFailures.isUnavailable): nothing
   * was stored, so the caller must retry. 503 with Retry-After is what Alertmanager, PagerDuty
   * clients and people retry on; a 500 is not.
   */
  @ExceptionHandler({
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class,
    RecoverableDataAccessException.class
  })
  ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
    log.warn("Database unavailable: {}", e.getMostSpecificCause().getMessage());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "The database is unavailable; nothing was stored. Try again shortly"));
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(
                e ->
                    Map.of(
                        "field",
                        e.getField(),
                        "message",
                        e.getField() + ": " + e.getDefaultMessage()))
            .toList();
    ProblemDetail detail =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST,
            errors.stream().map(e -> e.get("message")).collect(Collectors.joining("; ")));
    detail.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(detail);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Optional<RequestSizeLimit.BodyTooLarge> tooLarge = RequestSizeLimit.tooLarge(ex);
    if (tooLarge.isPresent()) {
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
          .body(
              ProblemDetail.forStatusAndDetail(
                  HttpStatus.CONTENT_TOO_LARGE, tooLarge.get().getMessage()));
    }
    String message = "the request body is not valid JSON";
    ProblemDetail detail = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
      String field =
          databind.getPath().stream()
              .map(
                  ref ->
                      ref.getPropertyName() != null
                          ? ref.getPropertyName()
                          : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."));
      message = field + ": has the wrong type or format";
      detail.setProperty("errors", List.of(Map.of("field", field, "message", message)));
    } else if (ex.getMessage() != null && ex.getMessage().contains("Required request body")) {
      message = "a JSON request body is required";
    }
    detail.setDetail(message);
    return ResponseEntity.badRequest().body(detail);
  }
}
