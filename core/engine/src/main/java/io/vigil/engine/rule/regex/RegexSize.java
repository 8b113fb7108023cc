package io.vigil.engine.rule.regex;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How large the program RE2/J would compile a pattern into, estimated from the pattern alone, before compiling it.
 *
 * <p>RE2/J expands a counted repetition into copies of what it repeats: {@code x{1000}} is a thousand copies of
 * {@code x}, and nesting multiplies, so the 23 characters {@code ((a{1000}){1000}){1000}} ask for a billion
 * instructions: compiling them ran a minute and ended in {@code OutOfMemoryError}, and since any viewer may preview a
 * rule, one request took the instance down. RE2 (C++) stops such a pattern with its memory budget; RE2/J has none.
 * Matching, too, costs up to the program's size for every character of the text (the NFA keeps a thread per live
 * instruction), so a large program makes every article slow to match, not only the compile.
 *
 * <p>The estimate counts one per atom (a character, a class, an escape, {@code .}, an anchor) and one per group,
 * alternation and {@code * + ?}, and multiplies by the larger count of {@code {n}}, {@code {n,}} ({@code n + 1}) and
 * {@code {n,m}}: an upper bound of the instructions, within a small factor. A single linear scan with a stack of the
 * open groups, saturating at {@link #CEILING}, so no pattern costs more than its length to judge. It does not check
 * syntax; RE2/J does that afterwards, for a pattern found small enough.
 */
final class RegexSize {

    /** Sizes stop growing here: far past any limit, small enough that multiplying by a count cannot overflow. */
    static final long CEILING = 1L << 40;

    /** The largest repetition count looked at; RE2/J itself refuses counts over 1,000. */
    private static final long MAX_COUNT = 1_000_000;

    /**
     * The estimate, and where the repetition that made it largest starts (the {@code {} of the count, or {@code -1}
     * when no counted repetition was seen).
     */
    record Estimate(long size, int worstRepetition) {}

    private RegexSize() {}

    /** One group being read: the size of what it holds so far, and the size of its last atom, still repeatable. */
    private static final class Frame {
        long total;
        long last;

        void atom(long size) {
            total = add(total, last);
            last = size;
        }

        long close() {
            return add(total, last);
        }
    }

    static Estimate of(String pattern) {
        Deque<Frame> open = new ArrayDeque<>();
        Frame frame = new Frame();
        long worst = 0;
        int worstAt = -1;
        int i = 0;
        int n = pattern.length();
        while (i < n) {
            char c = pattern.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && pattern.charAt(i + 1) == 'Q') {
                        int end = pattern.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        for (int k = i + 2; k < stop; k++) {
                            frame.atom(1);
                        }
                        i = end < 0 ? n : end + 2;
                    } else {
                        frame.atom(1);
                        i = skipEscape(pattern, i);
                    }
                }
                case '[' -> {
                    frame.atom(1);
                    i = skipClass(pattern, i);
                }
                case '(' -> {
                    int body = skipGroupFlags(pattern, i);
                    if (body < 0) {
                        // (?i) and the like set flags and open no group.
                        i = pattern.indexOf(')', i) + 1;
                    } else {
                        open.push(frame);
                        frame = new Frame();
                        i = body;
                    }
                }
                case ')' -> {
                    long group = add(frame.close(), 1);
                    frame = open.isEmpty() ? new Frame() : open.pop();
                    frame.atom(group);
                    i++;
                }
                case '|' -> {
                    frame.total = add(frame.close(), 1);
                    frame.last = 0;
                    i++;
                }
                case '*', '+', '?' -> {
                    frame.last = add(frame.last, 1);
                    i++;
                }
                case '{' -> {
                    long count = repetition(pattern, i);
                    int close = pattern.indexOf('}', i);
                    if (count < 0 || close < 0) {
                        frame.atom(1); // not a repetition: RE2 reads the brace as a literal
                        i++;
                    } else {
                        frame.last = multiply(frame.last, Math.max(1, count));
                        if (frame.last > worst) {
                            worst = frame.last;
                            worstAt = i;
                        }
                        i = close + 1;
                    }
                }
                default -> {
                    frame.atom(1);
                    i++;
                }
            }
        }
        long size = frame.close();
        while (!open.isEmpty()) {
            Frame outer = open.pop();
            outer.atom(add(size, 1));
            size = outer.close();
        }
        return new Estimate(size, worstAt);
    }

    /**
     * The count a {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code at} repeats by (the larger bound; {@code n + 1}
     * for an open one), or {@code -1} when the brace opens no repetition.
     */
    private static long repetition(String pattern, int at) {
        int i = at + 1;
        long low = 0;
        int digits = 0;
        while (i < pattern.length() && pattern.charAt(i) >= '0' && pattern.charAt(i) <= '9') {
            low = Math.min(MAX_COUNT, low * 10 + (pattern.charAt(i) - '0'));
            i++;
            digits++;
        }
        if (digits == 0 || i >= pattern.length()) {
            return -1;
        }
        if (pattern.charAt(i) == '}') {
            return low;
        }
        if (pattern.charAt(i) != ',') {
            return -1;
        }
        i++;
        long high = 0;
        int highDigits = 0;
        while (i < pattern.length() && pattern.charAt(i) >= '0' && pattern.charAt(i) <= '9') {
            high = Math.min(MAX_COUNT, high * 10 + (pattern.charAt(i) - '0'));
            i++;
            highDigits++;
        }
        if (i >= pattern.length() || pattern.charAt(i) != '}') {
            return -1;
        }
        return highDigits == 0 ? low + 1 : Math.max(low, high);
    }

    /** The index after the escape at {@code at}: {@code \p{Greek}}, {@code \x{263a}} or one escaped character. */
    private static int skipEscape(String pattern, int at) {
        int next = at + 1;
        if (next >= pattern.length()) {
            return pattern.length();
        }
        char kind = pattern.charAt(next);
        if ((kind == 'p' || kind == 'P' || kind == 'x')
                && next + 1 < pattern.length()
                && pattern.charAt(next + 1) == '{') {
            int close = pattern.indexOf('}', next + 1);
            return close < 0 ? pattern.length() : close + 1;
        }
        return next + 1;
    }

    /** The index after the character class opening at {@code at}, nested {@code [:alpha:]} and escapes included. */
    private static int skipClass(String pattern, int at) {
        int i = at + 1;
        if (i < pattern.length() && pattern.charAt(i) == '^') {
            i++;
        }
        if (i < pattern.length() && pattern.charAt(i) == ']') {
            i++; // a ']' first in the class is a literal
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i = skipEscape(pattern, i);
            } else if (c == '[' && i + 1 < pattern.length() && pattern.charAt(i + 1) == ':') {
                int close = pattern.indexOf(":]", i + 2);
                i = close < 0 ? i + 1 : close + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    /**
     * Where a group's content starts after the {@code (} at {@code at}: past {@code ?:}, {@code ?P<name>},
     * {@code ?<name>} or {@code ?flags:}; {@code -1} when it is only flags ({@code (?i)}), which open no group.
     */
    private static int skipGroupFlags(String pattern, int at) {
        int i = at + 1;
        if (i >= pattern.length() || pattern.charAt(i) != '?') {
            return i;
        }
        i++;
        if (i < pattern.length() && (pattern.charAt(i) == 'P' || pattern.charAt(i) == '<')) {
            int close = pattern.indexOf('>', i);
            return close < 0 ? pattern.length() : close + 1;
        }
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c == ':') {
                return i + 1;
            }
            if (c == ')') {
                return -1;
            }
            i++;
        }
        return i;
    }

    private static long add(long a, long b) {
        return Math.min(CEILING, a + b);
    }

    private static long multiply(long a, long b) {
        return Math.min(CEILING, Math.min(a, CEILING) * b);
    }
}
