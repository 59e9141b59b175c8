package dev.fireline.api.problem;

import org.springframework.http.HttpStatus;

/** An error the API answers as RFC 9457 problem details; {@code field} names the bad input. */
public class ApiProblem extends RuntimeException {
  private final HttpStatus status;
  private final String field;

  public ApiProblem(HttpStatus status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiProblem badRequest(String field, String message) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, field, field + ": " + message);
  }

  public static ApiProblem notFound(String message) {
    return new ApiProblem(HttpStatus.NOT_FOUND, null, message);
  }

  public static ApiProblem forbidden(String message) {
    return new ApiProblem(HttpStatus.FORBIDDEN, null, message);
  }

  public static ApiProblem conflict(String message) {
    return new ApiProblem(HttpStatus.CONFLICT, null, message);
  }

  public HttpStatus status() {
    return status;
  }

  public String field() {
    return field;
  }
}
