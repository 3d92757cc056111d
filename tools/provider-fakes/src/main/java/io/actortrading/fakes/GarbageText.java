package io.actortrading.fakes;

import java.util.Random;

/** What the garbage fault sends instead of valid JSON: half of it, or random characters. */
final class GarbageText {

    private static final int RANDOM_LENGTH = 64;
    private static final char FIRST_PRINTABLE = ' ';
    private static final char LAST_PRINTABLE = '~';

    private GarbageText() {
    }

    /** The valid text cut in half, or (every other call, by chance) printable noise. */
    static String instead(String valid, Random random) {
        if (random.nextBoolean() && valid.length() > 1) {
            return valid.substring(0, valid.length() / 2);
        }
        StringBuilder noise = new StringBuilder(RANDOM_LENGTH);
        // a leading brace or bracket makes it look like JSON to a parser that only sniffs the first character
        noise.append(random.nextBoolean() ? '{' : '[');
        for (int i = 1; i < RANDOM_LENGTH; i++) {
            noise.append((char) (FIRST_PRINTABLE + random.nextInt(LAST_PRINTABLE - FIRST_PRINTABLE + 1)));
        }
        return noise.toString();
    }
}
