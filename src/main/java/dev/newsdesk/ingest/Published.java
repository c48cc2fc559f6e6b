package dev.newsdesk.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Publication dates as articles and pages write them: an ISO-8601 date-time with an offset
 * ({@code 2024-05-22T14:05:00+02:00}, {@code …Z}), one without (read as UTC: pages leave the zone out
 * more often than they mean local time), or a bare date.
 */
public final class Published {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private Published() {
    }

    public static Optional<Instant> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(v).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }

    /**
     * The day as a reader writes it, "22 May 2024": the calendar date where the article was published
     * (its own offset), not converted to UTC; null when unknown.
     */
    public static String day(String value) {
        if (parse(value).isEmpty()) {
            return null;
        }
        String date = value.strip().substring(0, 10);
        return DAY.format(LocalDate.parse(date));
    }

    /** {@code value} when it is a date this class reads, otherwise null (an unreadable date is unknown). */
    public static String valid(String value) {
        return parse(value).isPresent() ? value.strip() : null;
    }
}
