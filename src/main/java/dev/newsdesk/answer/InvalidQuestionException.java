package dev.newsdesk.answer;

import dev.newsdesk.config.NewsdeskException;

/** The question itself is unusable (empty, too long, bad conversation id): the asker must change it. */
public class InvalidQuestionException extends NewsdeskException {

    public InvalidQuestionException(String message) {
        super(message);
    }
}
