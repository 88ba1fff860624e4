package io.positrack.gateway.botapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A Bot API {@code Update}; the gateway asks only for {@code message} and {@code callback_query} updates. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Update(@JsonProperty("update_id") long updateId, Message message,
        @JsonProperty("callback_query") CallbackQuery callbackQuery) {

    public Update(long updateId, Message message) {
        this(updateId, message, null);
    }

    /**
     * A press of an inline button: {@code message} is the bot's message the button was under (its {@code date} is when
     * the bot sent it), {@code data} the button's {@code callback_data}, untrusted: any client can send any 1–64 bytes.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CallbackQuery(String id, User from, Message message, String data) {
    }

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
