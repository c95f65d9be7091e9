package dev.pilothouse.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * The one place where failures become HTTP responses. Anything not recognised is a 500 with a
 * reference to the log line; clients never see a stack trace.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final ApplicationEventPublisher events;

    ApiExceptionHandler(ApplicationEventPublisher events) {
        this.events = events;
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e, HttpServletRequest request) {
        boolean refusedChange = isChange(request)
                && e.status().is4xxClientError()
                && e.status() != HttpStatus.UNAUTHORIZED
                && !request.getRequestURI().equals("/api/auth/login"); // logins are audited by auth
        if (!e.audited() && (e.status() == HttpStatus.FORBIDDEN || refusedChange)) {
            refused(request, e.status().value(), e.code(), e.getMessage());
        }
        var response = ResponseEntity.status(e.status());
        if (e instanceof ApiException.TooManyRequests tooMany) {
            response.header(
                    HttpHeaders.RETRY_AFTER,
                    Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())));
        }
        if (e instanceof ApiException.InvalidField invalid) {
            return response.body(ApiError.of(
                    e.code(), e.getMessage(), List.of(new ApiError.FieldProblem(invalid.field(), e.getMessage()))));
        }
        return response.body(ApiError.of(e.code(), e.getMessage()));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyLimitFilter.BodyTooLargeException) {
                return invalidChange(
                        request,
                        error(HttpStatus.PAYLOAD_TOO_LARGE, "payload_too_large", "The request body is too large."));
            }
        }
        return invalidChange(request, error(HttpStatus.BAD_REQUEST, "malformed_json", JsonProblems.describe(e)));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<ApiError.FieldProblem> fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiError.FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        String message = fields.stream()
                .map(f -> f.field() + ": " + f.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request body is not valid.");
        return invalidChange(
                request, ResponseEntity.badRequest().body(ApiError.of("invalid_request", message, fields)));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> invalidParameters(HandlerMethodValidationException e) {
        String message = e.getParameterValidationResults().stream()
                .map(r -> r.getMethodParameter().getParameterName() + ": "
                        + r.getResolvableErrors().getFirst().getDefaultMessage())
                .reduce((a, b) -> a + "; " + b)
                .orElse("The request parameters are not valid.");
        return error(HttpStatus.BAD_REQUEST, "invalid_request", message);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null
                ? "another type"
                : e.getRequiredType().getSimpleName();
        return error(
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "Parameter '%s' has the value '%s', which is not a valid %s."
                        .formatted(e.getName(), e.getValue(), expected));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return error(
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "The query parameter '%s' is required.".formatted(e.getParameterName()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return error(
                HttpStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "%s is not supported here; use %s.".formatted(e.getMethod(), e.getSupportedHttpMethods()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Content type %s is not accepted; send application/json.".formatted(e.getContentType()));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noEndpoint(NoResourceFoundException e) {
        return error(
                HttpStatus.NOT_FOUND,
                "not_found",
                "There is no endpoint %s /%s.".formatted(e.getHttpMethod(), e.getResourcePath()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e, HttpServletRequest request) {
        refused(request, 403, "forbidden", "an endpoint for administrators only");
        return error(HttpStatus.FORBIDDEN, "forbidden", "Your account is not allowed to do this.");
    }

    private static boolean isChange(HttpServletRequest request) {
        return switch (request.getMethod()) {
            case "POST", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /** A change refused as invalid is on the record as a failure (logins are audited by auth itself). */
    private ResponseEntity<ApiError> invalidChange(HttpServletRequest request, ResponseEntity<ApiError> answer) {
        if (isChange(request) && !request.getRequestURI().equals("/api/auth/login") && answer.getBody() != null) {
            refused(
                    request,
                    answer.getStatusCode().value(),
                    answer.getBody().error().code(),
                    answer.getBody().error().message());
        }
        return answer;
    }

    /** Every refusal is on the record: published once, written by the audit module. */
    private void refused(HttpServletRequest request, int status, String code, String reason) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        String actor =
                authentication == null || !authentication.isAuthenticated() ? "anonymous" : authentication.getName();
        try {
            events.publishEvent(new AccessRefused(
                    actor, request.getMethod() + " " + request.getRequestURI(), status, code, reason));
        } catch (RuntimeException e) {
            log.error("A refusal of {} could not be audited", actor, e);
        }
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ApiError> unauthenticated(AuthenticationException e) {
        return error(HttpStatus.UNAUTHORIZED, "unauthenticated", "Log in first.");
    }

    /** The database is down or unreachable: nothing the caller did wrong, and worth retrying. */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<ApiError> databaseUnavailable(Exception e) {
        log.warn(
                "Database unavailable: {}",
                NestedExceptionUtils.getMostSpecificCause(e).getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseOutageFilter.RETRY_AFTER_SECONDS)
                .body(DatabaseOutageFilter.ERROR);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unhandled error, reference {}", reference, e);
        return error(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal_error",
                "Something went wrong on the server. The error was logged with reference " + reference + ".");
    }

    private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ApiError.of(code, message));
    }

    /** Turns Jackson's parse errors into one line that names the problem and where it is. */
    static final class JsonProblems {
        private JsonProblems() {}

        static String describe(HttpMessageNotReadableException e) {
            Throwable cause = e.getMostSpecificCause();
            if (cause instanceof JacksonException jackson) {
                String path = jackson.getPath().stream()
                        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                        .reduce((a, b) -> a + "." + b)
                        .orElse("");
                var location = jackson.getLocation();
                String where = location == null || location.getLineNr() < 1
                        ? ""
                        : " (line %d, column %d)".formatted(location.getLineNr(), location.getColumnNr());
                String field = path.isEmpty() ? "" : " at field '" + path + "'";
                return "The request body is not valid JSON" + field + where + ": "
                        + withoutInternals(firstLine(jackson.getOriginalMessage()));
            }
            if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
                return "The request body is missing; send a JSON object.";
            }
            return "The request body could not be read as JSON.";
        }

        /** Jackson names our own classes ("`dev.pilothouse.auth.UserAdminController$UpdateUser`"): say "object". */
        static String withoutInternals(String message) {
            return message.replaceAll("`dev\\.pilothouse\\.[\\w.$]+`", "object")
                    .replaceAll("`java\\.(?:lang|util)\\.(\\w+)`", "$1");
        }

        private static String firstLine(String s) {
            if (s == null) return "";
            int nl = s.indexOf('\n');
            return nl < 0 ? s : s.substring(0, nl);
        }
    }
}
