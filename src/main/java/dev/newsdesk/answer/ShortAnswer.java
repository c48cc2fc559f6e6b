package dev.newsdesk.answer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The short answer inside a sentence, where the question asks for a thing: a number with its unit, a
 * date, a name, a place ("More than 180 miles"). Only an unambiguous span is offered: when the
 * sentence holds several things of the kind asked for that the question does not already name, the
 * reader gets the sentence without a short answer rather than a guess between them.
 */
final class ShortAnswer {

    /** {@code [start, end)} of the span within the sentence text, and the span itself. */
    record Span(int start, int end, String text) {
        /**
         * A span to lead an answer with: as in the sentence, its first letter a capital, unless its first
         * word already mixes cases ("eBay", "iPhone"), which a capital would misspell.
         */
        static Span shown(int start, int end, String text) {
            String firstWord = text.split("\\s", 2)[0];
            boolean mixed = firstWord.codePoints().skip(1).anyMatch(Character::isUpperCase);
            return new Span(start, end, mixed ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1));
        }
    }

    Optional<Span> find(Question question, String sentence) {
        if (question.type() == AnswerType.NONE) {
            return Optional.empty();
        }
        String asked = question.text().toLowerCase(Locale.ROOT);
        List<Span> spans = question.type().spans(sentence, question.ask()).stream()
                .filter(s -> !asked.contains(s.text().toLowerCase(Locale.ROOT)))
                .toList();
        if (spans.size() != 1) {
            return Optional.empty();
        }
        Span span = spans.get(0);
        return Optional.of(Span.shown(span.start(), span.end(), span.text()));
    }
}
