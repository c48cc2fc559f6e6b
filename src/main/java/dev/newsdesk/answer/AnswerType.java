package dev.newsdesk.answer;

import dev.newsdesk.ingest.Names;
import dev.newsdesk.language.Dates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of thing a question asks for, read from its wording, and whether a sentence offers one
 * that the question does not already name. "Who …" wants a person, "how far …" a distance, and so on.
 */
enum AnswerType {
    PERSON, PLACE, DATE, DISTANCE, AMOUNT, COUNT, NONE;

    private static final Pattern WHO = Pattern.compile(
            "^(who|whom|whose)\\b|\\bwhich (\\w+ )?(official|minister|spokesman|spokeswoman|spokesperson|person|leader|"
                    + "secretary|president|reporter|journalist|diplomat|general|chairman|politician|lawmaker)\\b"
                    + "|\\bwhat is the name\\b|\\bname of the\\b|^name the\\b");
    private static final Pattern WHERE = Pattern.compile("^where\\b|\\bwhich (city|country|place|town|capital|venue)\\b|\\bin what (city|country|place)\\b");
    private static final Pattern WHEN = Pattern.compile("^when\\b|\\bwhat (year|date|day|month|time)\\b|\\bwhich (year|date|day|month)\\b");
    private static final Pattern HOW_FAR = Pattern.compile("\\bhow far\\b|\\bwhat (is the )?range\\b|\\bhow long a range\\b|\\bwhat distance\\b");
    private static final Pattern HOW_MUCH = Pattern.compile("\\bhow (much|large|big)\\b|\\bwhat (amount|size|sum)\\b");
    /** "How many ATACMS missiles has …": the counted noun is the last word before the verb. */
    private static final Pattern HOW_MANY = Pattern.compile("\\bhow many\\s+([\\p{L}\\-]+(?:\\s+[\\p{L}\\-]+)*?)"
            + "(?=\\s+(?:has|have|had|did|do|does|were|was|are|is|will|would|can|could|in|on|of|for)\\b|\\s*\\?|$)");

    private static final Pattern PLACE_IN_TEXT = Pattern.compile(
            "\\b(in|at|to|from|near|visit to|trip to)\\s+(the\\s+)?\\p{Lu}\\p{L}+|^\\p{Lu}{3,}[\\p{Lu} ]*,\\s+\\p{Lu}|\\p{Lu}\\p{L}+, \\p{Lu}\\p{L}+[,.]");
    /** The place itself: a run of capitalised words after a preposition of place. */
    private static final Pattern PLACE_SPAN = Pattern.compile(
            "(?<=\\b(?:in|at|to|from|near)\\s)(?:the\\s+)?\\p{Lu}\\p{L}+(?:[\\s-]\\p{Lu}\\p{L}+)*");
    /** Words that qualify a number ("more than 180 miles") and belong to the short answer. */
    private static final String QUALIFIER = "(?:(?:more|less|fewer|greater|higher|lower) than|about|around|nearly|almost|"
            + "roughly|approximately|up to|at least|at most|over|under|some|just|only)\\s+";
    private static final Pattern DATE_IN_TEXT = Dates.pattern();
    /** "May" is a month only with a day or a year ("May 29", "May 2024"). */
    private static final Pattern MAY_DATE = Pattern.compile("\\bMay\\s+(?:\\d{1,2}\\b|\\d{4}\\b)");
    private static final Pattern DISTANCE_IN_TEXT = Pattern.compile(
            "\\d[\\d,.]*\\s*(-\\s*)?(miles?|mi|km|kilomet(er|re)s?|meters|metres|yards|feet)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern AMOUNT_IN_TEXT = Pattern.compile(
            "[$€£]\\s?\\d|\\b\\d[\\d,.]*\\s*(billion|million|thousand|percent|%|tons?|dollars|euros|pounds)"
                    + "|\\b(tens|hundreds|thousands|millions|billions) of\\b", Pattern.CASE_INSENSITIVE);
    private static final String NUMBER = "(\\d[\\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            + "dozens?|hundreds?|thousands?|several|a few)";

    static AnswerType of(String question) {
        String q = question.toLowerCase(Locale.ROOT).strip();
        if (HOW_FAR.matcher(q).find()) {
            return DISTANCE;
        }
        if (HOW_MANY.matcher(q).find()) {
            return COUNT;
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

    /**
     * Numbers, distances and dates are found reliably, so a sentence without one cannot answer such
     * a question; people and places are found by heuristics, so for them a miss only lowers the score.
     */
    boolean required() {
        return this == DATE || this == DISTANCE || this == AMOUNT || this == COUNT;
    }

    /**
     * True when {@code sentence} holds something of this type that {@code question} does not mention.
     * {@code common} tells words found all over the corpus: a place such as "Ukraine" in a corpus
     * about Ukraine says nothing about where something happened.
     */
    boolean offeredBy(String sentence, String question, Predicate<String> common) {
        String q = question.toLowerCase(Locale.ROOT);
        return switch (this) {
            case PERSON -> Names.people(sentence).stream()
                    .anyMatch(name -> !q.contains(lastWord(name).toLowerCase(Locale.ROOT)));
            case PLACE -> PLACE_IN_TEXT.matcher(sentence).results()
                    .map(m -> lastWord(m.group()))
                    .anyMatch(place -> !q.contains(place.toLowerCase(Locale.ROOT)) && !common.test(place));
            case DATE -> DATE_IN_TEXT.matcher(sentence).find() || MAY_DATE.matcher(sentence).find();
            case DISTANCE -> DISTANCE_IN_TEXT.matcher(sentence).find();
            case AMOUNT -> AMOUNT_IN_TEXT.matcher(sentence).find();
            case COUNT -> counts(sentence, q);
            case NONE -> false;
        };
    }

    /** The spans of {@code sentence} that offer a thing of this type, in order ({@code ask}: the question's ask). */
    List<ShortAnswer.Span> spans(String sentence, String ask) {
        Pattern pattern = switch (this) {
            case DISTANCE -> Pattern.compile("(" + QUALIFIER + ")?" + DISTANCE_IN_TEXT.pattern(), Pattern.CASE_INSENSITIVE);
            case AMOUNT -> Pattern.compile("(" + QUALIFIER + ")?(?:[$€£]\\s?\\d[\\d,.]*(?:\\s*(?:billion|million|thousand|trillion))?"
                    + "|\\b\\d[\\d,.]*\\s*(?:billion|million|thousand|trillion|percent|%|tons?|dollars|euros|pounds)(?:\\s+(?:dollars|euros|pounds))?)",
                    Pattern.CASE_INSENSITIVE);
            case COUNT -> countSpan(ask.toLowerCase(Locale.ROOT));
            case DATE -> DATE_IN_TEXT;
            case PLACE -> PLACE_SPAN;
            case PERSON, NONE -> null;
        };
        List<ShortAnswer.Span> spans = new ArrayList<>();
        if (this == PERSON) {
            for (String name : Names.people(sentence)) {
                int at = sentence.indexOf(name);
                if (at >= 0) {
                    spans.add(new ShortAnswer.Span(at, at + name.length(), name));
                }
            }
        } else if (pattern != null) {
            pattern.matcher(sentence).results()
                    .forEach(m -> spans.add(new ShortAnswer.Span(m.start(), m.end(), m.group())));
        }
        return spans;
    }

    /** The number next to the counted noun of a "how many" question, or a pattern that finds nothing. */
    private static Pattern countSpan(String ask) {
        Matcher asked = HOW_MANY.matcher(ask);
        if (!asked.find()) {
            return Pattern.compile("(?!)");
        }
        String noun = lastWord(asked.group(1));
        String stem = noun.length() > 4 ? noun.substring(0, noun.length() - 2) : noun;
        return Pattern.compile("(" + QUALIFIER + ")?\\b" + NUMBER + "(?=\\s+(\\S+\\s+){0,2}" + Pattern.quote(stem) + ")",
                Pattern.CASE_INSENSITIVE);
    }

    /** "How many launchers …" is answered by a number next to "launchers", not by any number. */
    private static boolean counts(String sentence, String question) {
        Matcher asked = HOW_MANY.matcher(question);
        if (!asked.find()) {
            return false;
        }
        String noun = lastWord(asked.group(1));
        String stem = noun.length() > 4 ? noun.substring(0, noun.length() - 2) : noun;
        return Pattern.compile("\\b" + NUMBER + "\\s+(\\S+\\s+){0,2}" + Pattern.quote(stem), Pattern.CASE_INSENSITIVE)
                .matcher(sentence).find();
    }

    private static String lastWord(String phrase) {
        String[] words = phrase.replaceAll("[,.]+$", "").split("[\\s,]+");
        return words[words.length - 1];
    }
}
