package io.vigil.spi.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Mutations of real documents for fuzz tests: a parser that reads a fixture should also survive the fixture cut
 * short, with bytes deleted, stretches doubled, or markup that parsers trip over inserted anywhere.
 *
 * <p>{@link #random(Random, List)} draws a list of mutations from a seeded {@link Random} (see {@link FuzzTries}), so
 * the seed reproduces them; {@link #apply} makes the mutated text. Positions are fractions of the text's length, so
 * one mutation fits any document.
 */
public final class Mutations {

    /** The most mutations {@link #random} puts in one list. */
    public static final int MAX_MUTATIONS = 8;

    /** The longest stretch one mutation touches. */
    public static final int MAX_LENGTH = 4096;

    /** Characters that trip parsers up, drawn more often than their share of all characters. */
    private static final String EDGE_CHARACTERS = "\u0000\uFFFF\uFFFE\uD800\uDC00\uFEFF\u2028\u00A0\r\n\t <>&\"'\\";

    /** What a mutation does at its position. */
    public enum Kind {
        /** Cuts the text off. */
        TRUNCATE,
        /** Removes a stretch. */
        DELETE,
        /** Doubles a stretch. */
        DUPLICATE,
        /** Puts one of the hostile tokens in. */
        INSERT_TOKEN,
        /** Puts random characters in. */
        INSERT_NOISE,
        /** Replaces a character with a random one. */
        FLIP
    }

    /**
     * One mutation.
     *
     * @param at where, as a fraction of the text's length in [0, 1]
     * @param length how many characters it touches (capped to what the text has)
     * @param token the hostile token for {@link Kind#INSERT_TOKEN}
     * @param noise the characters for {@link Kind#INSERT_NOISE} and {@link Kind#FLIP}, at least one
     */
    public record Mutation(Kind kind, double at, int length, String token, String noise) {
        public Mutation {
            Objects.requireNonNull(kind, "kind is null");
            Objects.requireNonNull(token, "token is null");
            if (Objects.requireNonNull(noise, "noise is null").isEmpty()) {
                throw new IllegalArgumentException("noise is empty");
            }
        }
    }

    private Mutations() {}

    /** One to {@value #MAX_MUTATIONS} mutations drawn from {@code random}, inserting the given tokens among others. */
    public static List<Mutation> random(Random random, List<String> hostileTokens) {
        if (hostileTokens.isEmpty()) {
            throw new IllegalArgumentException("no hostile tokens");
        }
        Kind[] kinds = Kind.values();
        int count = random.nextInt(1, MAX_MUTATIONS + 1);
        List<Mutation> mutations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            mutations.add(new Mutation(
                    kinds[random.nextInt(kinds.length)],
                    position(random),
                    length(random),
                    hostileTokens.get(random.nextInt(hostileTokens.size())),
                    characters(random, 1, 16)));
        }
        return List.copyOf(mutations);
    }

    /**
     * Between {@code minLength} and {@code maxLength} characters of any kind (lone surrogates, controls and
     * non-characters included), with the ones parsers trip over drawn more often.
     */
    public static String characters(Random random, int minLength, int maxLength) {
        int length = random.nextInt(minLength, maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(
                    switch (random.nextInt(4)) {
                        case 0 -> EDGE_CHARACTERS.charAt(random.nextInt(EDGE_CHARACTERS.length()));
                        case 1 -> (char) random.nextInt(0x20, 0x7F);
                        default -> (char) random.nextInt(Character.MAX_VALUE + 1);
                    });
        }
        return text.toString();
    }

    /** The text with every mutation applied in turn. */
    public static String apply(String text, List<Mutation> mutations) {
        String result = text;
        for (Mutation mutation : mutations) {
            result = apply(result, mutation);
        }
        return result;
    }

    /** The start, the end, or anywhere between, in steps of 1/10000 of the text. */
    private static double position(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> 0;
            case 1 -> 1;
            default -> random.nextInt(10_000) / 10_000.0;
        };
    }

    /** 1 to {@value #MAX_LENGTH}, short stretches more often than long ones, the bounds now and then. */
    private static int length(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> 1;
            case 1 -> MAX_LENGTH;
            default -> random.nextInt(1, (1 << random.nextInt(1, 13)) + 1);
        };
    }

    private static String apply(String text, Mutation mutation) {
        int at = (int) Math.min(text.length(), Math.floor(mutation.at() * text.length()));
        int end = Math.min(text.length(), at + mutation.length());
        return switch (mutation.kind()) {
            case TRUNCATE -> text.substring(0, at);
            case DELETE -> text.substring(0, at) + text.substring(end);
            case DUPLICATE -> text.substring(0, end) + text.substring(at, end) + text.substring(end);
            case INSERT_TOKEN -> text.substring(0, at) + mutation.token() + text.substring(at);
            case INSERT_NOISE -> text.substring(0, at) + mutation.noise() + text.substring(at);
            case FLIP ->
                at < text.length()
                        ? text.substring(0, at) + mutation.noise().charAt(0) + text.substring(at + 1)
                        : text + mutation.noise().charAt(0);
        };
    }
}
