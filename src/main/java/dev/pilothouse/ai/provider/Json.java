package dev.pilothouse.ai.provider;

import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Small JSON and error-cause helpers the adapters share. */
final class Json {
    private Json() {}

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    /** A tool call's arguments as an object; a model that sent broken JSON gets it back as a string. */
    static Map<String, Object> parseObject(String json) {
        try {
            return MAPPER.readValue(json == null || json.isBlank() ? "{}" : json, MAP);
        } catch (JacksonException | IllegalArgumentException e) {
            return Map.of("_raw", json);
        }
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    static boolean causedByTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException) return true;
            if (t instanceof java.io.InterruptedIOException && "timeout".equals(t.getMessage())) return true;
        }
        return false;
    }
}
