package io.positrack.gateway.botapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Every Bot API answer: {@code ok} with a {@code result}, or an error code, a description and parameters. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiResponse<T>(boolean ok, T result, @JsonProperty("error_code") Integer errorCode, String description,
        Parameters parameters) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Parameters(@JsonProperty("retry_after") Integer retryAfter,
            @JsonProperty("migrate_to_chat_id") Long migrateToChatId) {
    }
}
