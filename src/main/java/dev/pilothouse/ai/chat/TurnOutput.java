package dev.pilothouse.ai.chat;

/** Where a turn's frames go: the socket that started it, which may go away while the turn runs on. */
interface TurnOutput {

    void send(ServerFrame frame);

    /** False once the socket closed: frames are dropped, and nobody can approve a change. */
    boolean isOpen();
}
