package dev.newsdesk.answer;

import dev.newsdesk.config.NewsdeskException;
import dev.newsdesk.config.Settings;
import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.index.ChunkStore;
import dev.newsdesk.ingest.Sentence;
import dev.newsdesk.language.Aliases;
import dev.newsdesk.language.QuestionWords;
import dev.newsdesk.read.Reader;
import dev.newsdesk.retrieve.QueryEmbeddings;
import dev.newsdesk.retrieve.Retriever.Retrieval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The offline answerer. Every sentence of the retrieved chunks is described by {@link SentenceFeatures}
 * and scored by the fitted {@link Scorer}; the question as a whole gets an answerability score. Below
 * the fitted threshold, or when the question names something no article mentions, it abstains (and
 * shows the closest passage it found, marked as not an answer). Otherwise it leads with the short
 * answer where the question asks for a thing ({@link ShortAnswer}) and quotes the sentences it comes
 * from; a statement that several articles carry is given once, citing all of them.
 */
public final class ExtractiveAnswerer implements Answerer {

    /** Everything the answerer knows about one question before it decides: also what {@code fit} learns from. */
    record Analysis(Question question, QuestionTerms terms, List<Candidate> ranked, double answerability,
                    ReaderEvidence evidence) {
    }

    private final ChunkStore index;
    private final QueryEmbeddings embeddings;
    private final CitationVerifier citations;
    private final SameStatement sameStatement;
    private final SentenceFeatures features;
    private final QuestionWords words;
    private final Aliases aliases;
    private final ShortAnswer shortAnswer;
    private final Scorer scorer;
    private final Reader reader;
    private final Settings.Reading reading;

    private ExtractiveAnswerer(Builder b) {
        this.index = b.index;
        this.embeddings = b.embeddings;
        this.citations = b.citations;
        this.sameStatement = b.sameStatement;
        this.features = new SentenceFeatures(b.index);
        this.words = b.words;
        this.aliases = b.aliases;
        this.shortAnswer = new ShortAnswer();
        this.scorer = b.scorer;
        this.reader = b.reader;
        this.reading = b.reading;
    }

    /**
     * As LangChain4j's builders: the store, query embeddings, citation verifier, same-statement test and
     * fitted scorer are required; question words and aliases default to the bundled language data, and
     * there is no reader unless one is given. The scorer must have been fitted with the reader when there
     * is one, and without it when there is none.
     */
    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private ChunkStore index;
        private QueryEmbeddings embeddings;
        private CitationVerifier citations;
        private SameStatement sameStatement;
        private Scorer scorer;
        private QuestionWords words;
        private Aliases aliases;
        private Reader reader;
        private Settings.Reading reading;

        private Builder() {
        }

        public Builder store(ChunkStore index) {
            this.index = index;
            return this;
        }

        public Builder embeddings(QueryEmbeddings embeddings) {
            this.embeddings = embeddings;
            return this;
        }

        public Builder citations(CitationVerifier citations) {
            this.citations = citations;
            return this;
        }

        public Builder sameStatement(SameStatement sameStatement) {
            this.sameStatement = sameStatement;
            return this;
        }

        public Builder scorer(Scorer scorer) {
            this.scorer = scorer;
            return this;
        }

        public Builder questionWords(QuestionWords words) {
            this.words = words;
            return this;
        }

        public Builder aliases(Aliases aliases) {
            this.aliases = aliases;
            return this;
        }

        /** The extractive reader, reading as {@code reading} says. */
        public Builder reader(Reader reader, Settings.Reading reading) {
            this.reader = Objects.requireNonNull(reader, "reader");
            this.reading = Objects.requireNonNull(reading, "reading");
            return this;
        }

        public ExtractiveAnswerer build() {
            Objects.requireNonNull(index, "store");
            Objects.requireNonNull(embeddings, "embeddings");
            Objects.requireNonNull(citations, "citations");
            Objects.requireNonNull(sameStatement, "sameStatement");
            Objects.requireNonNull(scorer, "scorer");
            if (scorer.usesReader() != (reader != null)) {
                throw new NewsdeskException(reader != null
                        ? "The scorer was fitted without the reader; use the bundled one, fit one with the reader"
                          + " ('newsdesk fit'), or set NEWSDESK_READER=off."
                        : "The scorer was fitted with the reader, which NEWSDESK_READER=off turns off; unset one of them.");
            }
            words = Objects.requireNonNullElseGet(words, QuestionWords::new);
            aliases = Objects.requireNonNullElseGet(aliases, Aliases::new);
            return new ExtractiveAnswerer(this);
        }
    }

    /** The reader's model id, or null when answers are composed without one. */
    public String readerId() {
        return reader == null ? null : reader.id();
    }

    @Override
    public Answer answer(String question, Retrieval retrieval, AnswerListener listener) {
        Analysis analysis = analyse(retrieval, scorer);
        List<String> unknown = analysis.terms().unknownNames();
        if (!unknown.isEmpty()) {
            return abstain("None of the articles mention " + unknown.stream().map(n -> "“" + n + "”")
                    .collect(Collectors.joining(" or ")) + ", so they cannot answer this.", null, listener);
        }
        if (analysis.ranked().isEmpty()) {
            return abstain("The articles do not answer this question.", null, listener);
        }

        // Below the threshold nothing is picked; above it, picked sentences must be able to answer what is asked.
        List<Candidate> picked = analysis.answerability() < scorer.abstainBelow() ? List.of()
                : pick(analysis.ranked(), scorer);
        AnswerType asked = analysis.question().type();
        if (picked.stream().noneMatch(c -> asked.answerableFrom(c.sentence().text()))) {
            return abstain("The articles do not seem to answer this question.", analysis.ranked().get(0), listener);
        }
        return compose(analysis, picked, retrieval.filter(), listener);
    }


    /** Describes, scores and ranks the candidates of {@code retrieval} with {@code with}. */
    Analysis analyse(Retrieval retrieval, Scorer with) {
        Question question = Question.of(retrieval.standaloneQuery(), words);
        QuestionTerms terms = QuestionTerms.of(question.text(), index, words, aliases, retrieval.filter());
        QuestionTerms askTerms = question.hasScene()
                ? QuestionTerms.of(question.ask(), index, words, aliases, retrieval.filter()) : terms;
        float[] askVector = question.hasScene() ? embeddings.of(question.ask()) : retrieval.queryVector();
        List<Candidate> described = features.describe(question, terms, askTerms, retrieval.chunks(),
                retrieval.queryVector(), askVector);
        ReaderEvidence evidence = reader == null || described.isEmpty() ? null
                : ReaderEvidence.read(reader, question.text(), retrieval.chunks(), reading.passages());
        List<Candidate> ranked = new ArrayList<>();
        for (Candidate c : described) {
            Candidate full = evidence == null ? c : c.with(evidence.features(c.sentence()));
            ranked.add(with == null ? full : full.scored(with.sentence().probability(full.features())));
        }
        ranked.sort(Comparator.comparingDouble(Candidate::probability).reversed());
        double answerability = with == null || ranked.isEmpty() ? 0
                : with.answerable().probability(AnswerFeatures.of(ranked, terms, question, with.sentence(), evidence));
        return new Analysis(question, terms, ranked, answerability, evidence);
    }

    /**
     * The best sentence; a sentence next to it that scores nearly as well (news often spreads an answer
     * over two sentences: the fact, then who said it); then other sentences of the same story that score
     * nearly as well and say something else. Three at most.
     */
    List<Candidate> pick(List<Candidate> ranked, Scorer with) {
        Candidate best = ranked.get(0);
        List<Candidate> picked = new ArrayList<>(List.of(best));
        for (Candidate c : ranked.subList(1, ranked.size())) {
            if (picked.size() >= 3) {
                break;
            }
            if (!c.sentence().file().equals(best.sentence().file())) {
                continue; // other reports are cited for the statements they share, not quoted beside it
            }
            boolean adjacent = c.sentence().equals(best.neighbour(-1)) || c.sentence().equals(best.neighbour(1));
            double share = c.probability() / best.probability();
            if ((adjacent ? share >= with.neighbour() : share >= with.second())
                    && picked.stream().noneMatch(p -> sameStatement.test(p.sentence(), c.sentence()))) {
                picked.add(c);
            }
        }
        return picked;
    }

    private Answer compose(Analysis analysis, List<Candidate> picked, ArticleFilter filter, AnswerListener listener) {
        List<Citation> cited = new ArrayList<>();
        StringBuilder quoted = new StringBuilder();
        Optional<ShortAnswer.Span> span = shortSpan(analysis, picked.get(0).sentence());
        // The answer's own statement cites every report that carries it; the sentences quoted beside it for
        // context cite their own article only (other reports of the context need not hold the answer).
        List<Sentence> answerCopies = sameStatement.across(picked.get(0).sentence(), filter);
        for (int p = 0; p < picked.size(); p++) {
            Sentence sentence = picked.get(p).sentence();
            List<Sentence> sources = p == 0 ? answerCopies : List.of(sentence);
            StringBuilder markers = new StringBuilder();
            for (Sentence source : sources) {
                Optional<Citation> citation = citations.cite(cited.size() + 1, source.file(), source.start(), source.end());
                citation.ifPresent(ci -> {
                    cited.add(ci);
                    markers.append('[').append(ci.n()).append(']');
                });
            }
            quoted.append(quoted.isEmpty() ? "" : " ").append(sentence.text()).append(' ').append(markers);
            long files = sources.stream().map(Sentence::file).distinct().count();
            if (files > 1) {
                quoted.append(" (").append(files).append(" reports agree.)");
            }
        }
        String text = quoted.toString();
        if (span.isPresent() && !cited.isEmpty()) {
            Citation first = cited.get(0);
            Sentence best = picked.get(0).sentence();
            cited.set(0, citations.markAnswer(first, best.start() + span.get().start(), best.start() + span.get().end()));
            text = span.get().text() + " [1]\n\n" + text;
        }
        text += disagreement(analysis, picked.get(0), cited);
        Answer answer = new Answer(text, false, cited, Answer.EXTRACTIVE, 0, null, null, readerId());
        listener.onSources(answer.citations());
        listener.onDelta(answer.answer());
        return answer;
    }

    /**
     * The short answer inside the best sentence: the reader's span there when it would rather answer
     * with it than say "no answer"; without a reader, the one thing of the asked-for kind the sentence holds.
     */
    private Optional<ShortAnswer.Span> shortSpan(Analysis analysis, Sentence best) {
        if (analysis.evidence() == null) {
            return shortAnswer.find(analysis.question(), best.text());
        }
        return analysis.evidence().answerIn(best, reading.shortAnswerWords()).map(place -> {
            int start = place.start() - best.start();
            int end = place.end() - best.start();
            return ShortAnswer.Span.shown(start, end, best.text().substring(start, end));
        });
    }

    /**
     * When a report of another date gives other figures for the same statement, the answer says so and
     * cites both with their dates (appending the other report to {@code cited}); otherwise nothing.
     */
    private String disagreement(Analysis analysis, Candidate best, List<Citation> cited) {
        Citation first = cited.isEmpty() ? null : cited.get(0);
        if (first == null || first.published() == null) {
            return "";
        }
        for (Candidate c : analysis.ranked()) {
            Sentence s = c.sentence();
            if (s.file().equals(best.sentence().file()) || c.probability() < scorer.second() * best.probability()
                    || !sameStatement.disagree(best.sentence(), s)) {
                continue;
            }
            Optional<Citation> other = citations.cite(cited.size() + 1, s.file(), s.start(), s.end())
                    .filter(o -> o.published() != null && !o.published().equals(first.published()));
            if (other.isPresent()) {
                cited.add(other.get());
                return "\n\nReports of different dates disagree: " + dated(first) + " [" + first.n() + "]; "
                        + dated(other.get()) + ": “" + s.text() + "” [" + other.get().n() + "]";
            }
        }
        return "";
    }

    /** "Outlet, 2024-05-22", or the headline when the outlet is unknown. */
    private static String dated(Citation c) {
        String date = c.published().length() >= 10 ? c.published().substring(0, 10) : c.published();
        return (c.source() != null ? c.source() : c.title()) + ", " + date;
    }

    /**
     * An abstention. {@code closest}, when given, is shown as the closest passage found, marked as not
     * an answer, so that a reader can judge for themselves; it is never presented as the answer.
     */
    private Answer abstain(String message, Candidate closest, AnswerListener listener) {
        List<Citation> cited = new ArrayList<>();
        String text = message;
        if (closest != null) {
            Sentence s = closest.sentence();
            Optional<Citation> c = citations.cite(1, s.file(), s.start(), s.end());
            if (c.isPresent()) {
                cited.add(c.get());
                text = message + " The closest passage I found, which does not answer it: [1]";
            }
        }
        listener.onSources(cited);
        listener.onDelta(text);
        return new Answer(text, true, cited, Answer.EXTRACTIVE, 0, null, null, readerId());
    }
}
