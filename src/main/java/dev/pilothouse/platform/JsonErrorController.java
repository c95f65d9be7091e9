package dev.pilothouse.platform;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel error page: errors raised before MVC (in the servlet
 * container or a filter) are answered in the same JSON shape, without internals.
 */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String message = switch (status) {
            case NOT_FOUND -> "Nothing is served at this address.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case BAD_REQUEST -> "The request could not be understood.";
            default ->
                status.is5xxServerError()
                        ? "Something went wrong on the server; the error was logged."
                        : status.getReasonPhrase() + ".";
        };
        String errorCode =
                status.is5xxServerError() ? "internal_error" : status.name().toLowerCase();
        return ResponseEntity.status(status).body(ApiError.of(errorCode, message));
    }
}
