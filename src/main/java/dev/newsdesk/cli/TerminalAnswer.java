package dev.newsdesk.cli;

import dev.newsdesk.answer.Answer;
import dev.newsdesk.answer.Citation;
import dev.newsdesk.config.Settings;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An answer as {@code ask} prints it for a person: wrapped to the terminal's width, each source named by
 * outlet, date and headline, a quote left out where the answer already says it, and colour only on a
 * terminal that has not asked for none.
 */
final class TerminalAnswer {

    private static final int MIN_WIDTH = 20;
    private static final int INDENT = 6;
    private static final Pattern MARKER = Pattern.compile("\\[\\d+\\]");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    // Around the short answer while wrapping; they take no room, and become colour or nothing afterwards.
    private static final String MARK_ON = "\uE000";
    private static final String MARK_OFF = "\uE001";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String CYAN = "\u001b[36m";
    private static final String YELLOW = "\u001b[33;1m";
    private static final String RESET = "\u001b[0m";

    private final int width;
    private final boolean colour;

    TerminalAnswer(int width, boolean colour) {
        this.width = Math.max(MIN_WIDTH, width);
        this.colour = colour;
    }

    /** For standard output: colour only when it is a terminal and NO_COLOR is unset. */
    static TerminalAnswer forStdout(Settings.Terminal terminal) {
        return new TerminalAnswer(terminal.columns(), System.console() != null && !terminal.noColor());
    }

    String render(Answer answer) {
        List<String> lines = new ArrayList<>(wrap(answer.answer(), "", ""));
        if (!answer.citations().isEmpty()) {
            lines.add("");
            lines.add(paint(BOLD, "Sources:"));
            for (Citation c : answer.citations()) {
                lines.addAll(wrap("[" + c.n() + "] " + label(c), "  ", " ".repeat(INDENT)));
                if (!says(answer.answer(), c)) {
                    lines.addAll(wrap("“" + marked(c) + "”", " ".repeat(INDENT), " ".repeat(INDENT + 1)));
                }
                String where = c.file() + ", chars " + c.start() + "-" + c.end() + (c.url() == null ? "" : " · " + c.url());
                wrap(where, " ".repeat(INDENT), " ".repeat(INDENT)).forEach(line -> lines.add(paint(DIM, line)));
            }
        }
        if (answer.notice() != null) {
            lines.add("");
            lines.addAll(wrap("Note: " + answer.notice(), "", ""));
        }
        lines.add("");
        wrap(String.format("(%s, %.0f ms, conversation %s)", provenance(answer), answer.ms(), answer.conversation()),
                "", "").forEach(line -> lines.add(paint(DIM, line)));
        return lines.stream().map(this::colourMarks).collect(Collectors.joining("\n"));
    }

    /** "Outlet · 22 May 2024 · Headline", as far as the article's metadata goes. */
    static String label(Citation c) {
        return Stream.of(c.source(), day(c.published()), c.title())
                .filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining(" · "));
    }

    private static String day(String published) {
        if (published == null || published.length() < 10) {
            return published;
        }
        try {
            return LocalDate.parse(published.substring(0, 10)).format(DAY);
        } catch (DateTimeParseException e) {
            return published;
        }
    }

    /** Whether the answer already says the whole quote (markers and spacing aside). */
    static boolean says(String answer, Citation c) {
        return words(answer).contains(words(c.quote()));
    }

    private static String words(String text) {
        return MARKER.matcher(text).replaceAll(" ").replaceAll("\\s+", " ").strip();
    }

    private static String provenance(Answer answer) {
        return Answer.LLM.equals(answer.mode()) ? "written by the language model, checked against the articles"
                : "quoted from the articles";
    }

    /** The quote with its short answer between the marks, when the citation says where it is. */
    private static String marked(Citation c) {
        int[] points = c.quote().codePoints().toArray();
        if (c.answerStart() == null || c.answerEnd() == null) {
            return c.quote();
        }
        int from = c.answerStart() - c.start();
        int to = c.answerEnd() - c.start();
        if (from < 0 || to <= from || to > points.length) {
            return c.quote();
        }
        return new String(points, 0, from) + MARK_ON + new String(points, from, to - from) + MARK_OFF
                + new String(points, to, points.length - to);
    }

    /** Words of {@code text} filled into lines of the width, the first after {@code first}, the rest after {@code rest}. */
    private List<String> wrap(String text, String first, String rest) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder(lines.isEmpty() ? first : rest);
            int used = line.length();
            boolean empty = true;
            for (String word : paragraph.strip().split("\\s+")) {
                int length = visible(word);
                if (!empty && used + 1 + length > width) {
                    lines.add(line.toString());
                    line = new StringBuilder(rest);
                    used = rest.length();
                    empty = true;
                }
                if (!empty) {
                    line.append(' ');
                    used++;
                }
                line.append(word);
                used += length;
                empty = false;
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static int visible(String word) {
        String plain = word.replace(MARK_ON, "").replace(MARK_OFF, "");
        return plain.codePointCount(0, plain.length());
    }

    private String paint(String style, String text) {
        return colour ? style + text + RESET : text;
    }

    /** Markers in cyan and the short answer in bold yellow, or the marks simply dropped without colour. */
    private String colourMarks(String line) {
        if (!colour) {
            return line.replace(MARK_ON, "").replace(MARK_OFF, "");
        }
        // A short answer wrapped over two lines stays coloured: the terminal keeps the colour past the line end.
        return MARKER.matcher(line.replace(MARK_ON, YELLOW).replace(MARK_OFF, RESET))
                .replaceAll(m -> CYAN + m.group() + RESET);
    }
}
