package dev.pilothouse.ai.chat;

import java.util.Locale;

/** How a saved message ended: assistant replies cut off by a cancel or a failure are kept, marked. */
enum MessageStatus {
    COMPLETE,
    CANCELLED,
    ERROR;

    String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
