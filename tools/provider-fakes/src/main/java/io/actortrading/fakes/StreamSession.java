package io.actortrading.fakes;

/**
 * One WebSocket connection of a fake provider, driven by {@link StreamConnection} on one thread at a
 * time: the frames it opens with, its answers to the client's frames, and the data it sends as the
 * market clock moves.
 */
interface StreamSession {

    Frames opened(long marketNow);

    Frames onText(String text, long marketNow);

    /** Called every emit interval: everything whose market time has passed since the last tick. */
    Frames onTick(long marketNow);
}
