package dev.newsdesk.answer;

import dev.newsdesk.ingest.Names;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kind of thing a question asks for, read from its wording, and whether a sentence offers one
 * that the question does not already name. "Who …" wants a person, "how far …" a distance, and so on.
 */
enum AnswerType {
    PERSON, PLACE, DATE, DISTANCE, AMOUNT, NONE;

    private static final Pattern WHO = Pattern.compile(
            "^(who|whom|whose)\\b|\\bwhich (\\w+ )?(official|minister|spokesman|spokeswoman|spokesperson|person|leader|"
                    + "secretary|president|reporter|journalist|diplomat|general|chairman|politician|lawmaker)\\b"
                    + "|\\bwhat is the name\\b|\\bname of the\\b|^name the\\b");
    private static final Pattern WHERE = Pattern.compile("^where\\b|\\bwhich (city|country|place|town|capital|venue)\\b|\\bin what (city|country|place)\\b");
    private static final Pattern WHEN = Pattern.compile("^when\\b|\\bwhat (year|date|day|month|time)\\b|\\bwhich (year|date|day|month)\\b");
    private static final Pattern HOW_FAR = Pattern.compile("\\bhow far\\b|\\bwhat (is the )?range\\b|\\bhow long a range\\b|\\bwhat distance\\b");
    private static final Pattern HOW_MUCH = Pattern.compile("\\bhow (much|many|large|big)\\b|\\bwhat (amount|size|sum|number)\\b");

    private static final Pattern PLACE_IN_TEXT = Pattern.compile(
            "\\b(in|at|to|from|near|visit to|trip to)\\s+(the\\s+)?\\p{Lu}\\p{L}+|^\\p{Lu}{3,}[\\p{Lu} ]*,\\s+\\p{Lu}|\\p{Lu}\\p{L}+, \\p{Lu}\\p{L}+[,.]");
    private static final Pattern DATE_IN_TEXT = Pattern.compile(
            "\\b(january|february|march|april|may|june|july|august|september|october|november|december|"
                    + "monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|last (week|month|year)|"
                    + "(earlier|later) this (week|month|year))\\b|\\b(19|20)\\d\\d\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern DISTANCE_IN_TEXT = Pattern.compile(
            "\\d[\\d,.]*\\s*(-\\s*)?(miles?|mi|km|kilomet(er|re)s?|meters|metres|yards|feet)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern AMOUNT_IN_TEXT = Pattern.compile(
            "[$€£]\\s?\\d|\\b\\d[\\d,.]*\\s*(billion|million|thousand|percent|%)|\\b\\d[\\d,.]*\\b|\\b(two|three|four|five|six|seven|eight|nine|ten|"
                    + "dozens?|hundreds?|thousands?|millions?|billions?)\\b", Pattern.CASE_INSENSITIVE);

    static AnswerType of(String question) {
        String q = question.toLowerCase(Locale.ROOT).strip();
        if (HOW_FAR.matcher(q).find()) {
            return DISTANCE;
        }
        if (HOW_MUCH.matcher(q).find()) {
            return AMOUNT;
        }
        if (WHO.matcher(q).find()) {
            return PERSON;
        }
        if (WHERE.matcher(q).find()) {
            return PLACE;
        }
        if (WHEN.matcher(q).find()) {
            return DATE;
        }
        return NONE;
    }

    /** True when {@code sentence} holds something of this type that {@code question} does not mention. */
    boolean offeredBy(String sentence, String question) {
        String q = question.toLowerCase(Locale.ROOT);
        return switch (this) {
            case PERSON -> Names.people(sentence).stream()
                    .anyMatch(name -> !q.contains(lastWord(name).toLowerCase(Locale.ROOT)));
            case PLACE -> PLACE_IN_TEXT.matcher(sentence).results()
                    .anyMatch(m -> !q.contains(lastWord(m.group()).toLowerCase(Locale.ROOT)));
            case DATE -> DATE_IN_TEXT.matcher(sentence).find();
            case DISTANCE -> DISTANCE_IN_TEXT.matcher(sentence).find();
            case AMOUNT -> AMOUNT_IN_TEXT.matcher(sentence).find();
            case NONE -> false;
        };
    }

    private static String lastWord(String phrase) {
        String[] words = phrase.replaceAll("[,.]+$", "").split("[\\s,]+");
        return words[words.length - 1];
    }
}
