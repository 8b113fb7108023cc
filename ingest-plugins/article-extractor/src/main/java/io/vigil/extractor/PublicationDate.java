package io.vigil.extractor;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the publication dates real pages and feeds carry, in the many forms they write them: ISO 8601 with or without
 * zone, RFC 822 and 1123 with named or numeric zones and two-digit years, US style ({@code Dec 16 2023 02:02:33 PM}),
 * month and day names in English, Italian, French, German, Spanish, Portuguese and Dutch, and Unix timestamps.
 *
 * <p>A date without a zone is read as UTC: wrong by a few hours at worst, which is better than no date. Stateless.
 */
public final class PublicationDate {

    private static final Pattern DAY_FIRST =
            Pattern.compile("(\\d{1,2})(?:st|nd|rd|th)?[\\s.\\-/]+([\\p{L}]+)\\.?,?[\\s.\\-/]+(\\d{2,4})"
                    + "(?:[\\s,T]+(?:at\\s+|um\\s+|à\\s+|alle\\s+)?(\\d{1,2})[:h.]?(\\d{2})(?::(\\d{2}))?(?:[.,]\\d+)?"
                    + "\\s*([AaPp]\\.?[Mm]\\.?)?)?\\s*(.*)");
    private static final Pattern MONTH_FIRST =
            Pattern.compile("([\\p{L}]+)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})"
                    + "(?:[\\s,]+(?:at\\s+)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:[.,]\\d+)?"
                    + "\\s*([AaPp]\\.?[Mm]\\.?)?)?\\s*(.*)");
    private static final Pattern LEADING_DAY_NAME = Pattern.compile("^[\\p{L}]{2,}\\.?,\\s*");
    private static final Pattern NUMERIC_ZONE = Pattern.compile("([+-])(\\d{1,2}):?(\\d{2})?");
    private static final Pattern EPOCH = Pattern.compile("\\d{9,13}");
    private static final Set<String> DAY_NAMES = Set.of(
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "mon",
            "tue",
            "tues",
            "wed",
            "thu",
            "thur",
            "thurs",
            "fri",
            "sat",
            "sun");
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1),
            Map.entry("gen", 1),
            Map.entry("ene", 1),
            Map.entry("feb", 2),
            Map.entry("fev", 2),
            Map.entry("mar", 3),
            Map.entry("mrt", 3),
            Map.entry("apr", 4),
            Map.entry("avr", 4),
            Map.entry("abr", 4),
            Map.entry("may", 5),
            Map.entry("mag", 5),
            Map.entry("mai", 5),
            Map.entry("mei", 5),
            Map.entry("jun", 6),
            Map.entry("giu", 6),
            Map.entry("juin", 6),
            Map.entry("jul", 7),
            Map.entry("lug", 7),
            Map.entry("juil", 7),
            Map.entry("aug", 8),
            Map.entry("ago", 8),
            Map.entry("aou", 8),
            Map.entry("sep", 9),
            Map.entry("set", 9),
            Map.entry("oct", 10),
            Map.entry("ott", 10),
            Map.entry("okt", 10),
            Map.entry("out", 10),
            Map.entry("nov", 11),
            Map.entry("dec", 12),
            Map.entry("dic", 12),
            Map.entry("dez", 12));
    private static final Map<String, ZoneOffset> NAMED_ZONES = Map.ofEntries(
            Map.entry("Z", ZoneOffset.UTC),
            Map.entry("UT", ZoneOffset.UTC),
            Map.entry("UTC", ZoneOffset.UTC),
            Map.entry("GMT", ZoneOffset.UTC),
            Map.entry("EST", ZoneOffset.ofHours(-5)),
            Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CST", ZoneOffset.ofHours(-6)),
            Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)),
            Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)),
            Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("CET", ZoneOffset.ofHours(1)),
            Map.entry("CEST", ZoneOffset.ofHours(2)),
            Map.entry("MEZ", ZoneOffset.ofHours(1)),
            Map.entry("MESZ", ZoneOffset.ofHours(2)),
            Map.entry("BST", ZoneOffset.ofHours(1)),
            Map.entry("IST", ZoneOffset.ofHoursMinutes(5, 30)),
            Map.entry("JST", ZoneOffset.ofHours(9)),
            Map.entry("AEST", ZoneOffset.ofHours(10)),
            Map.entry("AEDT", ZoneOffset.ofHours(11)));

    private PublicationDate() {}

    /** The instant {@code text} names, or empty when it is not a date this reader understands. */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> parsed = iso(value).or(() -> epoch(value)).or(() -> spelled(withoutDayName(value)));
        return parsed.filter(PublicationDate::plausible);
    }

    private static Optional<Instant> iso(String value) {
        if (!Character.isDigit(value.charAt(0)) || value.length() < 10 || value.charAt(4) != '-') {
            return Optional.empty();
        }
        String normalized = value.replaceFirst("^(\\d{4}-\\d{2}-\\d{2})[ ]", "$1T")
                .replaceFirst("([+-]\\d{2})(\\d{2})$", "$1:$2")
                .replaceFirst(" ?(UTC|GMT)$", "Z");
        try {
            return Optional.of(OffsetDateTime.parse(normalized).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            // try the forms without a zone
        }
        try {
            return Optional.of(LocalDateTime.parse(normalized).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            // try a plain date
        }
        try {
            return Optional.of(
                    LocalDate.parse(normalized.substring(0, 10)).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> epoch(String value) {
        if (!EPOCH.matcher(value).matches()) {
            return Optional.empty();
        }
        long number = Long.parseLong(value);
        return Optional.of(value.length() >= 12 ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number));
    }

    private static String withoutDayName(String value) {
        Matcher leading = LEADING_DAY_NAME.matcher(value);
        if (leading.find()) {
            return value.substring(leading.end());
        }
        int space = value.indexOf(' ');
        if (space > 0 && DAY_NAMES.contains(value.substring(0, space).toLowerCase(Locale.ROOT))) {
            return value.substring(space + 1);
        }
        return value;
    }

    private static Optional<Instant> spelled(String value) {
        Matcher dayFirst = DAY_FIRST.matcher(value);
        if (dayFirst.matches()) {
            return assemble(
                    dayFirst.group(3),
                    dayFirst.group(2),
                    dayFirst.group(1),
                    dayFirst.group(4),
                    dayFirst.group(5),
                    dayFirst.group(6),
                    dayFirst.group(7),
                    dayFirst.group(8));
        }
        Matcher monthFirst = MONTH_FIRST.matcher(value);
        if (monthFirst.matches()) {
            return assemble(
                    monthFirst.group(3),
                    monthFirst.group(1),
                    monthFirst.group(2),
                    monthFirst.group(4),
                    monthFirst.group(5),
                    monthFirst.group(6),
                    monthFirst.group(7),
                    monthFirst.group(8));
        }
        return Optional.empty();
    }

    private static Optional<Instant> assemble(
            String yearText,
            String monthName,
            String dayText,
            String hourText,
            String minuteText,
            String secondText,
            String meridiem,
            String zoneText) {
        Integer month = month(monthName);
        if (month == null) {
            return Optional.empty();
        }
        Optional<ZoneId> zone = zone(zoneText == null ? "" : zoneText.strip());
        if (zone.isEmpty()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(yearText);
        if (yearText.length() == 2) {
            year += year < 50 ? 2000 : 1900;
        }
        int hour = hourText == null ? 0 : Integer.parseInt(hourText);
        if (meridiem != null) {
            boolean pm = Character.toLowerCase(meridiem.charAt(0)) == 'p';
            hour = hour % 12 + (pm ? 12 : 0);
        }
        int minute = minuteText == null ? 0 : Integer.parseInt(minuteText);
        int second = secondText == null ? 0 : Integer.parseInt(secondText);
        try {
            return Optional.of(
                    ZonedDateTime.of(year, month, Integer.parseInt(dayText), hour, minute, second, 0, zone.get())
                            .toInstant());
        } catch (DateTimeException impossible) {
            return Optional.empty();
        }
    }

    private static Integer month(String name) {
        String folded = Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
        if (folded.length() < 3) {
            return null;
        }
        if (folded.length() >= 4 && MONTHS.containsKey(folded.substring(0, 4))) {
            return MONTHS.get(folded.substring(0, 4));
        }
        Integer month = MONTHS.get(folded.substring(0, 3));
        return month != null ? month : MONTHS.get(name.toLowerCase(Locale.ROOT).substring(0, 3));
    }

    private static Optional<ZoneId> zone(String text) {
        if (text.isEmpty()) {
            return Optional.of(ZoneOffset.UTC);
        }
        String zone = text.replaceFirst("^(GMT|UTC|UT)(?=[+-])", "")
                .replace("(", "")
                .replace(")", "")
                .strip();
        Matcher numeric = NUMERIC_ZONE.matcher(zone);
        if (numeric.matches()) {
            int hours = Integer.parseInt(numeric.group(2));
            int minutes = numeric.group(3) == null ? 0 : Integer.parseInt(numeric.group(3));
            int sign = numeric.group(1).equals("-") ? -1 : 1;
            try {
                return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
            } catch (DateTimeException outOfRange) {
                return Optional.empty();
            }
        }
        ZoneOffset named = NAMED_ZONES.get(zone.toUpperCase(Locale.ROOT));
        if (named != null) {
            return Optional.of(named);
        }
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException unknown) {
            return Optional.empty();
        }
    }

    private static boolean plausible(Instant instant) {
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1970 && year <= 2200;
    }

    /** Formats an instant the way the rest of Vigil stores it, for metadata and logs. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
