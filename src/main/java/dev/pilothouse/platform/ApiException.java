package dev.pilothouse.platform;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * The one exception hierarchy of the API. Every feature throws one of these (or a subclass)
 * and {@link ApiExceptionHandler} turns it into {@code {"error":{"code","message"}}} with the
 * status below; the WebSocket handler does the same for error frames. The message is shown to
 * people, so it says what was wrong and what to do.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private volatile boolean audited;

    public ApiException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public ApiException(HttpStatus status, String code, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Says the feature recorded this refusal in the audit log itself, so it is not recorded twice. */
    public ApiException markAudited() {
        audited = true;
        return this;
    }

    public boolean audited() {
        return audited;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(HttpStatus.NOT_FOUND, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(HttpStatus.FORBIDDEN, code, message);
    }

    public static ApiException unauthorized(String code, String message) {
        return new ApiException(HttpStatus.UNAUTHORIZED, code, message);
    }

    /** A 400 about one field of the request, named in the body's {@code fields} so a form can mark it. */
    public static final class InvalidField extends ApiException {
        private final String field;

        public InvalidField(String code, String field, String message) {
            super(HttpStatus.BAD_REQUEST, code, message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** A 429 that tells the client when to try again. */
    public static final class TooManyRequests extends ApiException {
        private final Duration retryAfter;

        public TooManyRequests(String code, String message, Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, code, message);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
