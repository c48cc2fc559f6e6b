package dev.newsdesk.answer;

import dev.newsdesk.retrieve.Retriever.Retrieval;

/** Writes an answer from what retrieval found. Implementations: extractive (default) and LLM. */
public interface Answerer {

    Answer answer(String question, Retrieval retrieval, AnswerListener listener);
}
