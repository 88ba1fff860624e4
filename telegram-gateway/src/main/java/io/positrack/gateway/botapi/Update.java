package io.positrack.gateway.botapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A Bot API {@code Update}; the gateway asks only for {@code message} updates. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Update(@JsonProperty("update_id") long updateId, Message message) {

    /** A Bot API {@code Message}, as far as the gateway reads it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(@JsonProperty("message_id") long messageId, User from, Chat chat, long date, String text) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record User(long id, @JsonProperty("is_bot") boolean isBot, @JsonProperty("first_name") String firstName,
            String username) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Chat(long id, String type) {
    }
}
