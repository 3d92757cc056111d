package io.actortrading.feeds.text;

import java.util.Arrays;

/**
 * Turns symbol text inside a decode buffer into canonical symbol strings, handing out one shared
 * instance per symbol: a feed repeats a few thousand symbols millions of times, and both the decoder
 * (no string per event) and the symbol maps downstream (identity-equal keys) gain from reusing them.
 *
 * <p>Canonical symbols are upper case (what users type: {@code NVDA}, {@code BTC-USD},
 * {@code EUR/USD}, {@code BRK.B}); lower-case letters are folded. Text with any other character than
 * letters, digits and {@code . - / ^ = _ :}, empty text and text longer than {@link #MAX_LENGTH} is
 * not a symbol. Not thread-safe: one table per decoder.
 */
public final class SymbolTable {

    public static final int MAX_LENGTH = 32;

    /** Bounds the memory a feed of ever new symbols (or garbage) can pin; beyond it symbols are still returned, just not shared. */
    private static final int MAX_ENTRIES = 1 << 16;

    private String[] slots = new String[64];
    private int size;

    /** The canonical symbol written in {@code text[from, to)}, or {@code null} when it is not a symbol. */
    public String canonical(char[] text, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_LENGTH) {
            return null;
        }
        int hash = 0;
        for (int i = from; i < to; i++) {
            char c = upper(text[i]);
            if (!isSymbolChar(c)) {
                return null;
            }
            hash = 31 * hash + c;
        }
        int mask = slots.length - 1;
        int slot = mix(hash) & mask;
        for (String s = slots[slot]; s != null; s = slots[slot]) {
            if (s.hashCode() == hash && sameUpper(s, text, from, length)) {
                return s;
            }
            slot = (slot + 1) & mask;
        }
        String symbol = newUpper(text, from, length);
        if (size < MAX_ENTRIES) {
            slots[slot] = symbol;
            size++;
            if (size * 2 > slots.length) {
                grow();
            }
        }
        return symbol;
    }

    /** How many distinct symbols are shared. */
    public int size() {
        return size;
    }

    private void grow() {
        String[] old = slots;
        slots = new String[old.length * 2];
        int mask = slots.length - 1;
        for (String s : old) {
            if (s != null) {
                int slot = mix(s.hashCode()) & mask;
                while (slots[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = s;
            }
        }
    }

    private static boolean sameUpper(String s, char[] text, int from, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (s.charAt(k) != upper(text[from + k])) {
                return false;
            }
        }
        return true;
    }

    private static String newUpper(char[] text, int from, int length) {
        char[] chars = Arrays.copyOfRange(text, from, from + length);
        for (int k = 0; k < length; k++) {
            chars[k] = upper(chars[k]);
        }
        return new String(chars);
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }

    private static boolean isSymbolChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '/' || c == '^' || c == '=' || c == '_' || c == ':';
    }

    /** Spreads String hashes, whose low bits cluster for short similar symbols, over the table. */
    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
