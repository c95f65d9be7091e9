package dev.pilothouse.ai.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A provider call failed. The kind says what to do about it; the message says it to a person,
 * naming the provider and where to fix it ("The Anthropic API key was rejected — check it in
 * Settings → AI Assistant"). {@code detail} keeps the provider's own words for the log and the
 * connection test.
 */
public final class LlmException extends RuntimeException {

    public enum Kind {
        /** No key is set: nothing was sent (a fresh install), unlike a key the provider refused. */
        NOT_CONFIGURED(false),
        AUTHENTICATION(false),
        RATE_LIMITED(true),
        OVERLOADED(true),
        CONTEXT_TOO_LONG(false),
        BAD_REQUEST(false),
        NOT_FOUND(false),
        NETWORK(true),
        TIMEOUT(true),
        MALFORMED_STREAM(false),
        SERVER_ERROR(true);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }

        /** For error frames and REST bodies: {@code rate_limited}, {@code authentication}, ... */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final String SETTINGS = "Settings → AI Assistant";

    private final Kind kind;
    private final String api;
    private final Duration retryAfter;
    private final String detail;

    private LlmException(
            Kind kind, RemoteApi api, String message, String detail, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.api = api.displayName();
        this.detail = detail == null ? "" : detail;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The API that failed, as a person knows it: "Anthropic", "Voyage AI". */
    public String api() {
        return api;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The provider's own words, when it gave any. */
    public String detail() {
        return detail;
    }

    public boolean retryable() {
        return kind.retryable();
    }

    /**
     * Builds the exception for an HTTP status (or an error event mid-stream), choosing the
     * kind from the status and the provider's error type or message.
     */
    public static LlmException fromStatus(
            RemoteApi p, int status, String detail, Duration retryAfter, Throwable cause) {
        String d = detail == null ? "" : detail;
        String lower = d.toLowerCase(java.util.Locale.ROOT);
        if (status == 401
                || status == 403
                || lower.contains("authentication_error")
                || lower.contains("invalid_api_key")) {
            return authentication(p, d, cause);
        }
        if (status == 429 || lower.contains("rate_limit")) {
            return new LlmException(
                    Kind.RATE_LIMITED,
                    p,
                    "%s is rate limiting requests%s. Wait a moment and try again, or raise the limit of your %s account."
                            .formatted(
                                    p.displayName(),
                                    retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)",
                                    p.displayName()),
                    d,
                    retryAfter,
                    cause);
        }
        if (status == 529 || status == 503 || lower.contains("overloaded")) {
            return new LlmException(
                    Kind.OVERLOADED,
                    p,
                    p.displayName() + " is overloaded right now. Try again in a minute.",
                    d,
                    retryAfter,
                    cause);
        }
        if (lower.contains("context length")
                || lower.contains("context_length")
                || lower.contains("prompt is too long")
                || lower.contains("too many tokens")
                || lower.contains("maximum context")) {
            return new LlmException(
                    Kind.CONTEXT_TOO_LONG,
                    p,
                    "The conversation is too long for the model. Start a new conversation or choose a model with a larger context window.",
                    d,
                    null,
                    cause);
        }
        if (status == 404) {
            return new LlmException(
                    Kind.NOT_FOUND,
                    p,
                    "%s does not know this model or endpoint (%s). Check the model name and base URL in %s."
                            .formatted(p.displayName(), firstLine(d), SETTINGS),
                    d,
                    null,
                    cause);
        }
        if (status >= 500 || status == 408) {
            return new LlmException(
                    Kind.SERVER_ERROR,
                    p,
                    "%s had an internal error (HTTP %d). Try again shortly.".formatted(p.displayName(), status),
                    d,
                    retryAfter,
                    cause);
        }
        return new LlmException(
                Kind.BAD_REQUEST,
                p,
                "%s refused the request: %s".formatted(p.displayName(), d.isBlank() ? "HTTP " + status : firstLine(d)),
                d,
                null,
                cause);
    }

    public static LlmException authentication(RemoteApi p, String detail, Throwable cause) {
        return new LlmException(
                Kind.AUTHENTICATION,
                p,
                "The %s API key was rejected — check it in %s.".formatted(p.displayName(), SETTINGS),
                detail,
                null,
                cause);
    }

    public static LlmException missingKey(RemoteApi p) {
        return new LlmException(
                Kind.NOT_CONFIGURED,
                p,
                "No %s API key is set — add one in %s.".formatted(p.displayName(), SETTINGS),
                "",
                null,
                null);
    }

    public static LlmException network(RemoteApi p, String baseUrl, Throwable cause) {
        String why = cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return new LlmException(
                Kind.NETWORK,
                p,
                "Could not reach %s at %s%s. Check the base URL in %s and that the server is running."
                        .formatted(p.displayName(), baseUrl, why, SETTINGS),
                why,
                null,
                cause);
    }

    public static LlmException timeout(RemoteApi p, Duration after) {
        return new LlmException(
                Kind.TIMEOUT,
                p,
                "%s sent nothing for %d s, so the request was stopped. Try again, or raise the read timeout in %s."
                        .formatted(p.displayName(), after.toSeconds(), SETTINGS),
                "",
                null,
                null);
    }

    /** An answer (or one line of a stream) longer than we read: refused rather than held in memory. */
    public static LlmException tooLarge(RemoteApi p, String what, long limitBytes) {
        String limit = limitBytes >= 1024 * 1024 ? (limitBytes / (1024 * 1024)) + " MB" : (limitBytes / 1024) + " KB";
        return new LlmException(
                Kind.MALFORMED_STREAM,
                p,
                "%s sent %s larger than %s, so we stopped reading it. Check that the base URL in %s points at the model server and not at something else."
                        .formatted(p.displayName(), what, limit, SETTINGS),
                what + " over " + limit,
                null,
                null);
    }

    public static LlmException malformed(RemoteApi p, String what, Throwable cause) {
        return new LlmException(
                Kind.MALFORMED_STREAM,
                p,
                "%s sent a response we could not read (%s). If this is an OpenAI-compatible server, check that it supports streaming chat completions."
                        .formatted(p.displayName(), what),
                what,
                null,
                cause);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
