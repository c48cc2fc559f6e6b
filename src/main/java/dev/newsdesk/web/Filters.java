package dev.newsdesk.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.ingest.Published;
import io.javalin.http.BadRequestResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * Reads an {@link ArticleFilter} from a request: {@code source} (an outlet, any case), {@code from} and
 * {@code to} (ISO dates or date-times, inclusive; a bare {@code to} date includes that whole day).
 */
final class Filters {

    static final String EXAMPLE = "filters are {\"source\": \"Outlet\", \"from\": \"2024-05-01\", \"to\": \"2024-05-31\"},"
            + " each optional";

    private Filters() {
    }

    /** A request's {@code filters} object; no restriction when absent. */
    static ArticleFilter of(JsonNode filters) {
        if (filters == null || filters.isNull()) {
            return ArticleFilter.NONE;
        }
        if (!filters.isObject()) {
            throw new BadRequestResponse("\"filters\" must be an object; " + EXAMPLE + ".");
        }
        return of(name -> {
            JsonNode value = filters.get(name);
            if (value != null && !value.isNull() && !value.isTextual()) {
                throw new BadRequestResponse("\"filters." + name + "\" must be a string; " + EXAMPLE + ".");
            }
            return value == null || value.isNull() ? null : value.asText();
        });
    }

    /** The filter from named values (query parameters, or the fields of a JSON object). */
    static ArticleFilter of(Function<String, String> values) {
        String source = values.apply("source");
        return new ArticleFilter(source == null || source.isBlank() ? null : source.strip(),
                instant(values.apply("from"), false), instant(values.apply("to"), true));
    }

    private static Instant instant(String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant at = Published.parse(value)
                .orElseThrow(() -> new BadRequestResponse("'" + value + "' is not an ISO date or date-time"
                        + " (2024-05-22 or 2024-05-22T14:05:00Z); " + EXAMPLE + "."));
        boolean bareDate = value.strip().length() == 10;
        return endOfDay && bareDate
                ? LocalDate.parse(value.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1) : at;
    }
}
