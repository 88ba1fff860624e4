package io.positrack.gateway.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.positrack.gateway.config.GatewayConfig;

/** The allow-list: which chats and users reach commands, and which account each chat acts on. */
@ApplicationScoped
public class ChatAccess {

    private final Map<Long, GatewayConfig.Chat> chats = new LinkedHashMap<>();

    public ChatAccess(GatewayConfig config) {
        for (GatewayConfig.Chat chat : config.chats().orElse(List.of())) {
            if (chats.put(chat.id(), chat) != null) {
                throw new IllegalArgumentException("chat " + chat.id() + " is listed twice in positrack.telegram.chats");
            }
        }
    }

    public Optional<GatewayConfig.Chat> chat(long chatId) {
        return Optional.ofNullable(chats.get(chatId));
    }

    /** Every member of a chat without a {@code users} list; otherwise its users and admins only. */
    public boolean allowsUser(GatewayConfig.Chat chat, long userId) {
        return chat.users().isEmpty() || chat.users().get().contains(userId) || isAdmin(chat, userId);
    }

    public boolean isAdmin(GatewayConfig.Chat chat, long userId) {
        return chat.admins().map(admins -> admins.contains(userId)).orElse(false);
    }

    /** The chats mapped to an account: the only ones that may see its positions. */
    public List<Long> chatsOf(String account) {
        return chats.values().stream().filter(c -> c.account().equals(account)).map(GatewayConfig.Chat::id).toList();
    }

    /** Every chat on the allow-list. */
    public List<Long> allChats() {
        return List.copyOf(chats.keySet());
    }

    public int size() {
        return chats.size();
    }
}
