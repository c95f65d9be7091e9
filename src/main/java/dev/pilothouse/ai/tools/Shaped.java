package dev.pilothouse.ai.tools;

/** A shaped result: the text for the model (not yet wrapped) and one line for people. */
record Shaped(String body, String summary) {}
