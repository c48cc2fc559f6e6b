package dev.newsdesk.answer;

import dev.newsdesk.answer.Conversations.Turn;
import dev.newsdesk.index.ArticleFilter;
import dev.newsdesk.retrieve.FollowUpQueryTransformer;
import dev.newsdesk.retrieve.Retriever;
import dev.newsdesk.retrieve.Retriever.Retrieval;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The one entry point every front end uses: checks the question, resolves it against its
 * conversation, retrieves, answers, verifies every citation and remembers the turn. Thread-safe.
 */
public final class AnswerService {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
    static final String UNKNOWN_CONVERSATION = "That conversation has expired or is unknown here;"
            + " this question was answered on its own.";

    private final Retriever retriever;
    private final Answerer answerer;
    private final CitationVerifier verifier;
    private final Conversations conversations;
    private final int maxQuestionChars;
    /** Citations an answerer made that were not verbatim and were dropped: a bug, counted so evaluation sees it. */
    private final AtomicLong droppedCitations = new AtomicLong();

    public AnswerService(Retriever retriever, Answerer answerer, CitationVerifier verifier,
                         Conversations conversations, int maxQuestionChars) {
        this.retriever = retriever;
        this.answerer = answerer;
        this.verifier = verifier;
        this.conversations = conversations;
        this.maxQuestionChars = maxQuestionChars;
    }

    public Answer ask(String question, String conversationId) {
        return ask(question, conversationId, AnswerListener.NONE);
    }

    /**
     * Answers {@code question} within conversation {@code conversationId} (a new conversation when
     * null or blank). Throws {@link InvalidQuestionException} for a question that cannot be asked.
     */
    public Answer ask(String question, String conversationId, AnswerListener listener) {
        return ask(question, conversationId, ArticleFilter.NONE, listener);
    }

    /** As {@link #ask(String, String, AnswerListener)}, from the articles {@code filter} lets through only. */
    public Answer ask(String question, String conversationId, ArticleFilter filter, AnswerListener listener) {
        return ask(question, conversationId, null, filter, listener);
    }

    /**
     * As {@link #ask(String, String, ArticleFilter, AnswerListener)}, the conversation {@code owner}'s own
     * (a signed-in person's stable id; null where conversations are not per person): the same id names
     * another conversation for anyone else, so nobody can read or continue another person's.
     */
    public Answer ask(String question, String conversationId, String owner, ArticleFilter filter,
                      AnswerListener listener) {
        long started = System.nanoTime();
        String clean = clean(question);
        boolean continuing = conversationId != null && !conversationId.isBlank();
        String id = conversationId(conversationId);
        String key = owner == null ? id : Conversations.owned(owner, id);
        List<Turn> turns = continuing ? conversations.turns(key) : List.of();
        Retrieval retrieval = retriever.retrieve(clean, key, Conversations.messages(turns), filter);
        Answer made = answerer.answer(clean, retrieval, listener);
        Answer answer = verifier.verify(made);
        droppedCitations.addAndGet(made.citations().stream().distinct().count() - answer.citations().size());
        conversations.append(key, new Turn(clean, retrieval.standaloneQuery(), answer.answer()));
        // A client may name a new conversation itself (a Slack thread does), so an unknown id is only
        // worth a word when the question leans on turns that are not here.
        if (continuing && turns.isEmpty() && FollowUpQueryTransformer.refersBack(clean)) {
            answer = answer.withNotice(UNKNOWN_CONVERSATION);
        }
        return answer.completed(id, (System.nanoTime() - started) / 1e6);
    }

    /** How many citations answerers have made that verification had to drop since start. */
    public long droppedCitations() {
        return droppedCitations.get();
    }

    /**
     * Answers these questions and forgets them. The first answers of a new process run in the
     * interpreter, several times slower than the rest; batch and server modes warm up before their
     * first real question so that it is answered at full speed.
     */
    public void warmUp(List<String> questions) {
        for (String question : questions) {
            answerer.answer(question, retriever.retrieve(question, "warm-up", List.of()), AnswerListener.NONE);
        }
    }

    private String clean(String question) {
        if (question == null) {
            throw new InvalidQuestionException("No question given; send a question of 1 to " + maxQuestionChars
                    + " characters.");
        }
        if (question.length() > maxQuestionChars) {
            throw new InvalidQuestionException("The question is " + question.length() + " characters long; the limit is "
                    + maxQuestionChars + ". Shorten it to the point you want answered.");
        }
        // Control characters never carry meaning in a question; they only confuse tokenisers.
        String clean = CONTROL.matcher(question).replaceAll(" ").strip();
        if (clean.isEmpty()) {
            throw new InvalidQuestionException("The question is empty; type a question about the articles.");
        }
        return clean;
    }

    private static String conversationId(String requested) {
        if (requested == null || requested.isBlank()) {
            return UUID.randomUUID().toString();
        }
        if (!Conversations.ID.matcher(requested).matches()) {
            throw new InvalidQuestionException("The conversation id must be 1 to 128 letters, digits or . _ : -;"
                    + " omit it to start a new conversation.");
        }
        return requested;
    }
}
