package io.actortrading.fakes;

import java.util.List;

/**
 * What a WebSocket session sends next: text frames, and whether to close the connection after them.
 */
record Frames(List<String> texts, boolean close) {

    static final Frames NONE = new Frames(List.of(), false);

    Frames {
        texts = List.copyOf(texts);
    }

    static Frames of(List<String> texts) {
        return texts.isEmpty() ? NONE : new Frames(texts, false);
    }

    static Frames one(String text) {
        return new Frames(List.of(text), false);
    }

    static Frames closing(String text) {
        return new Frames(List.of(text), true);
    }
}
