package dev.pilothouse.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of every failed API call: {@code {"error":{"code","message"}}}. */
public record ApiError(Detail error) {

    public static ApiError of(String code, String message) {
        return new ApiError(new Detail(code, message, null));
    }

    public static ApiError of(String code, String message, List<FieldProblem> fields) {
        return new ApiError(new Detail(code, message, fields.isEmpty() ? null : fields));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, List<FieldProblem> fields) {}

    /** One invalid field of a request body, for forms that mark the field. */
    public record FieldProblem(String field, String message) {}
}
