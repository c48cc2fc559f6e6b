package dev.newsdesk.retrieve;

import dev.newsdesk.language.ClosedClassWords;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question read by its closed-class words only: whether it points back at an earlier turn (a pronoun
 * with nothing before it in the question that it could stand for, or an opening "And …"), and which
 * noun phrase it is about. No word of any corpus is involved, so it reads questions about anything.
 */
final class QuestionShape {

    private static final ClosedClassWords WORDS = ClosedClassWords.load();
    private static final Set<String> PERSON = union(WORDS.of("person"), WORDS.of("person-possessive"));
    private static final Set<String> THING = WORDS.of("thing");
    private static final Set<String> CONNECTIVE = WORDS.of("connective");
    private static final Set<String> WH = WORDS.of("wh");
    private static final Set<String> COPULA = WORDS.of("copula");
    private static final Set<String> AUXILIARY = WORDS.of("auxiliary");
    private static final Set<String> ARTICLE = WORDS.of("article");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.'’\\-]*");

    /** The words as typed, and lower-cased without a possessive 's for looking up their class. */
    private final List<String> typed = new ArrayList<>();
    private final List<String> lower = new ArrayList<>();

    private QuestionShape(String question) {
        Matcher m = WORD.matcher(question);
        while (m.find()) {
            String word = m.group().replaceAll("\\.+$", "");
            typed.add(word);
            lower.add(word.toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("'s$", ""));
        }
    }

    static QuestionShape of(String question) {
        return new QuestionShape(question);
    }

    /** A "he", "his", "her" … with no one named before it in the question: it means someone from earlier. */
    boolean needsPerson() {
        int i = first(PERSON);
        return i >= 0 && !antecedentBefore(i);
    }

    /** An "it", "they", "there" … with nothing before it to stand for, or an opening "And"/"What about". */
    boolean needsTopic() {
        int i = first(THING);
        return i >= 0 && !antecedentBefore(i) || opensWithConnective();
    }

    boolean refersBack() {
        return needsPerson() || needsTopic();
    }

    /**
     * The noun phrase the question asks about, as typed: "missile system" in "Which missile system has
     * the army bought?", "the new bridge" less its article in "How long is the new bridge?", "Ada Lovelace"
     * in "What did Ada Lovelace write?". Empty when the question is about a pronoun's referent itself.
     */
    List<String> topic() {
        int i = 0;
        while (i < lower.size() && CONNECTIVE.contains(lower.get(i))) {
            i++;
        }
        if (i < lower.size() && WH.contains(lower.get(i))) {
            boolean how = lower.get(i).equals("how");
            i++;
            // "how far", "how many": the word after "how" belongs to the question word
            if (how && i < lower.size() && !COPULA.contains(lower.get(i)) && !AUXILIARY.contains(lower.get(i))) {
                i++;
            }
        }
        if (i < lower.size() && !WORDS.contains(lower.get(i))) {
            return run(i); // "Which missile system …", "How many trains …"
        }
        if (i >= lower.size() || !(COPULA.contains(lower.get(i)) || AUXILIARY.contains(lower.get(i)))) {
            return List.of();
        }
        // "did Ada Lovelace write": after an auxiliary the subject is followed by its verb, which is not the topic
        boolean verbFollows = AUXILIARY.contains(lower.get(i));
        i++;
        while (i < lower.size() && ARTICLE.contains(lower.get(i))) {
            i++;
        }
        List<String> subject = run(i);
        return verbFollows && subject.size() > 1 ? subject.subList(0, subject.size() - 1) : subject;
    }

    /** Whether the question already contains {@code word}, whatever its case. */
    boolean has(String word) {
        return typed.stream().anyMatch(w -> w.equalsIgnoreCase(word));
    }

    /** The open-class words from {@code from} up to the next closed-class word. */
    private List<String> run(int from) {
        int to = from;
        while (to < lower.size() && !WORDS.contains(lower.get(to))) {
            to++;
        }
        return List.copyOf(typed.subList(from, to));
    }

    private int first(Set<String> words) {
        for (int i = 0; i < lower.size(); i++) {
            if (words.contains(lower.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** A name (a capitalised word past the first) or an article with its noun before word {@code end}. */
    private boolean antecedentBefore(int end) {
        for (int i = 0; i < end; i++) {
            boolean name = i > 0 && Character.isUpperCase(typed.get(i).codePointAt(0)) && !WORDS.contains(lower.get(i));
            boolean noun = ARTICLE.contains(lower.get(i)) && i + 1 < end && !WORDS.contains(lower.get(i + 1));
            if (name || noun) {
                return true;
            }
        }
        return false;
    }

    private boolean opensWithConnective() {
        return !lower.isEmpty() && (CONNECTIVE.contains(lower.get(0))
                || lower.size() > 1 && WH.contains(lower.get(0)) && lower.get(1).equals("about"));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
