package dev.pilothouse.ai.chat;

import dev.pilothouse.platform.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Text frames ↔ frame records. A bad client frame is an {@link ApiException} naming what was wrong. */
@Component
class FrameCodec {

    static final String TYPES = "user_message, confirm_action, new_conversation, load_history, context_update, cancel";

    private final JsonMapper json;

    FrameCodec(JsonMapper json) {
        this.json = json;
    }

    String write(ServerFrame frame) {
        return json.writerFor(ServerFrame.class).writeValueAsString(frame);
    }

    ClientFrame read(String text) {
        JsonNode node;
        try {
            node = json.readTree(text);
        } catch (JacksonException e) {
            throw invalid("not_json", "The frame is not JSON; send a JSON object with a \"type\".");
        }
        if (node == null || !node.isObject())
            throw invalid("not_json", "The frame must be a JSON object with a \"type\".");
        JsonNode type = node.get("type");
        if (type == null || !type.isString())
            throw invalid("invalid_frame", "The frame has no \"type\"; use one of " + TYPES + ".");
        return switch (type.asString()) {
            case "user_message" ->
                new ClientFrame.UserMessage(
                        requiredText(node, "user_message", "text"),
                        optionalText(node, "conversationId"),
                        context(node));
            case "confirm_action" -> {
                JsonNode approved = node.get("approved");
                if (approved == null || !approved.isBoolean()) {
                    throw invalid("invalid_frame", "confirm_action needs \"approved\": true or false.");
                }
                yield new ClientFrame.ConfirmAction(
                        requiredText(node, "confirm_action", "confirmationId"),
                        approved.asBoolean(),
                        optionalText(node, "conversationId"));
            }
            case "new_conversation" -> new ClientFrame.NewConversation();
            case "load_history" -> new ClientFrame.LoadHistory(requiredText(node, "load_history", "conversationId"));
            case "context_update" -> {
                if (!node.path("context").isObject()) {
                    throw invalid(
                            "invalid_frame",
                            "context_update needs a \"context\" object {cluster, namespace, kind, name}.");
                }
                yield new ClientFrame.ContextUpdate(context(node));
            }
            case "cancel" -> new ClientFrame.Cancel(requiredText(node, "cancel", "conversationId"));
            default ->
                throw invalid(
                        "unknown_type", "Unknown frame type '%s'; use one of %s.".formatted(type.asString(), TYPES));
        };
    }

    private static PageContext context(JsonNode node) {
        JsonNode c = node.get("context");
        if (c == null || c.isNull()) return null;
        if (!c.isObject())
            throw invalid("invalid_frame", "\"context\" must be an object {cluster, namespace, kind, name}.");
        return new PageContext(
                optionalText(c, "cluster"),
                optionalText(c, "namespace"),
                optionalText(c, "kind"),
                optionalText(c, "name"));
    }

    private static String requiredText(JsonNode node, String type, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw invalid("invalid_frame", "%s needs a non-empty \"%s\" string.".formatted(type, field));
        }
        return v.asString();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isString()) throw invalid("invalid_frame", "\"%s\" must be a string.".formatted(field));
        return v.asString().isBlank() ? null : v.asString();
    }

    private static ApiException invalid(String code, String message) {
        return ApiException.badRequest(code, message);
    }
}
