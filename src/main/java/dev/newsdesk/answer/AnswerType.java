package dev.newsdesk.answer;

import dev.newsdesk.language.Names;
import dev.newsdesk.language.Dates;
import dev.newsdesk.language.Lexicon;
import dev.newsdesk.language.Quantities;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of thing a question asks for, read from its wording, and whether a sentence offers one
 * that the question does not already name. "Who …" wants a person, "how far …" a distance, and so on.
 */
enum AnswerType {
    PERSON, PLACE, DATE, DISTANCE, AMOUNT, COUNT, NONE;

    /** The question cues of each type, in the order they are tried (see {@code answer_types.txt}). */
    private static final Map<AnswerType, Pattern> CUES = cues();
    /** "Which minister", "what senator": a title asks for a person. */
    private static final Pattern TITLE_ASKED = titleAsked();
    /** "How many launchers …": the counted noun is the last word before the verb (any count cue of the file). */
    private static final Pattern HOW_MANY = Pattern.compile("\\b(?:" + String.join("|",
            Lexicon.section("answer_types.txt", "count").stream().map(String::strip).map(Pattern::quote).toList())
            + ")\\s+([\\p{L}\\-]+(?:\\s+[\\p{L}\\-]+)*?)"
            + "(?=\\s+(?:" + phrases("count-ends") + ")\\b|\\s*\\?|$)");

    private static final String PLACE_PREPOSITIONS = phrases("place-prepositions");
    private static final Pattern PLACE_IN_TEXT = Pattern.compile(
            "\\b(" + PLACE_PREPOSITIONS + "|" + phrases("place-phrases") + ")\\s+(the\\s+)?\\p{Lu}\\p{L}+"
            + "|^\\p{Lu}{3,}[\\p{Lu} ]*,\\s+\\p{Lu}|\\p{Lu}\\p{L}+, \\p{Lu}\\p{L}+[,.]");
    /** The place itself: a run of capitalised words after a preposition of place. */
    private static final Pattern PLACE_SPAN = Pattern.compile(
            "(?<=\\b(?:" + PLACE_PREPOSITIONS + ")\\s)(?:the\\s+)?\\p{Lu}\\p{L}+(?:[\\s-]\\p{Lu}\\p{L}+)*");
    private static final Pattern DATE_IN_TEXT = Dates.pattern();
    /** "May" is a month only with a day or a year ("May 29", "May 2024"). */
    private static final Pattern MAY_DATE = Pattern.compile("\\bMay\\s+(?:\\d{1,2}\\b|\\d{4}\\b)");
    private static final Pattern DISTANCE_IN_TEXT = Pattern.compile(Quantities.measure("distance"),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern AMOUNT_IN_TEXT = Pattern.compile(Quantities.money() + "|" + Quantities.measure("weight", "volume", "area"),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final String NUMBER = Quantities.number();
    private static final Pattern ANY_NUMBER = Pattern.compile(NUMBER, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final String QUALIFIER = Quantities.qualifier();

    /** "Who is Ada Quill?" asks what the named person is, not for a person: a description. */
    private static final Pattern IDENTIFY = Pattern.compile("^(?i:who|what)\\s+(?i:is|was|are|were)\\s+(?:[\\p{Lu}][\\p{L}.'’-]*\\s*)+\\??$");

    static AnswerType of(String question) {
        // "Who is the defence minister?" still asks for a person; only a question naming one asks what they are.
        if (IDENTIFY.matcher(question.strip()).matches() && !Names.people(question).isEmpty()) {
            return NONE;
        }
        String ask = question.toLowerCase(Locale.ROOT).strip();
        for (Map.Entry<AnswerType, Pattern> cue : CUES.entrySet()) {
            if (cue.getValue().matcher(ask).find()) {
                return cue.getKey();
            }
        }
        return TITLE_ASKED.matcher(ask).find() ? PERSON : NONE;
    }

    private static Map<AnswerType, Pattern> cues() {
        Map<AnswerType, Pattern> cues = new LinkedHashMap<>();
        Lexicon.sections("answer_types.txt").forEach((section, lines) -> {
            List<String> alternatives = lines.stream().map(String::strip)
                    .map(cue -> cue.startsWith("^") ? "^" + Pattern.quote(cue.substring(1)) : "\\b" + Pattern.quote(cue))
                    .map(cue -> cue + "\\b").toList();
            cues.put(valueOf(section.toUpperCase(Locale.ROOT)), Pattern.compile(String.join("|", alternatives)));
        });
        return cues;
    }

    /** The words of a section of {@code answer_phrases.txt}, as a regex alternation. */
    private static String phrases(String section) {
        return String.join("|", Lexicon.section("answer_phrases.txt", section).stream().map(String::strip)
                .map(Pattern::quote).toList());
    }

    private static Pattern titleAsked() {
        List<String> titles = Lexicon.section("titles.txt", "").stream().map(String::strip)
                .filter(t -> t.matches("[a-z][a-z-]+")).map(Pattern::quote).toList();
        return Pattern.compile("\\b(?:which|what)\\s+(?:\\w+\\s+)?(?:" + String.join("|", titles) + ")\\b");
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

    /**
     * False when {@code sentence} cannot answer a question of this type at all, however close it comes: a
     * count is answered with a number, in figures or words (a caption about the people counted is not their
     * count). Other types are answerable in more ways than can be listed.
     */
    boolean answerableFrom(String sentence) {
        return this != COUNT || ANY_NUMBER.matcher(sentence).find();
    }

    /** The spans of {@code sentence} that offer a thing of this type, in order ({@code ask}: the question's ask). */
    List<ShortAnswer.Span> spans(String sentence, String ask) {
        Pattern pattern = switch (this) {
            case DISTANCE -> DISTANCE_IN_TEXT;
            case AMOUNT -> AMOUNT_IN_TEXT;
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
        return Pattern.compile(QUALIFIER + "\\b" + NUMBER + "(?=\\s+(\\S+\\s+){0,2}" + Pattern.quote(stem) + ")",
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
