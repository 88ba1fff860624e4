package io.positrack.gateway.support;

import java.util.LinkedHashMap;
import java.util.Map;

/** The allow-list of the test configuration: one chat (and account) per test class, so tests never share a chat. */
public final class TestChats {

    public static final long FLOW = 1001;
    public static final long REPLY = 1002;
    public static final long SPLIT = 1003;
    /** A group with one plain member and one admin. */
    public static final long GROUP = -1004;
    public static final long GROUP_MEMBER = 7001;
    public static final long GROUP_ADMIN = 7002;
    public static final long RATE = 1005;
    public static final long NOTIFY = 1006;
    public static final long NOTIFY_OTHER = 1007;
    public static final long LOGS = 1008;
    public static final long CONFLICT = 1009;
    public static final long WEBHOOK = 1010;
    /** Receives what follows the bad records of the consumers' test. */
    public static final long BAD_INPUT = 1011;
    /** Receives what follows the hostile campaign. */
    public static final long CAMPAIGN = 1012;
    /** Not on the allow-list. */
    /** Commands typed while the gateway was away (their {@code date} in the past). */
    public static final long AGE = 1013;
    /**
     * The trading desk's group: traders 8001–8020 and admins 8101–8110, so that each desk test presses as users of its
     * own and never meets the per-user rate limit of another.
     */
    public static final long DESK = -1014;
    public static final long DESK_TRADERS = 8001;
    public static final long DESK_ADMINS = 8101;
    public static final long UNKNOWN = 9999;

    /** Commands a chat may send per minute in tests. */
    public static final int RATE_LIMIT = 10;

    private TestChats() {
    }

    public static String account(long chat) {
        return "acc" + (chat == DESK ? "-desk" : chat < 0 ? "-group" : "-" + chat);
    }

    private static String range(long first, int count) {
        return java.util.stream.LongStream.range(first, first + count).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** The {@code positrack.telegram.chats[i].*} configuration for every chat above. */
    public static Map<String, String> config() {
        Map<String, String> config = new LinkedHashMap<>();
        long[] chats = { FLOW, REPLY, SPLIT, GROUP, RATE, NOTIFY, NOTIFY_OTHER, LOGS, CONFLICT, WEBHOOK, BAD_INPUT, CAMPAIGN, AGE, DESK };
        for (int i = 0; i < chats.length; i++) {
            config.put("positrack.telegram.chats[" + i + "].id", Long.toString(chats[i]));
            config.put("positrack.telegram.chats[" + i + "].account", account(chats[i]));
            if (chats[i] == GROUP) {
                config.put("positrack.telegram.chats[" + i + "].users", Long.toString(GROUP_MEMBER));
                config.put("positrack.telegram.chats[" + i + "].admins", Long.toString(GROUP_ADMIN));
            }
            if (chats[i] == DESK) {
                config.put("positrack.telegram.chats[" + i + "].users", range(DESK_TRADERS, 20));
                config.put("positrack.telegram.chats[" + i + "].admins", range(DESK_ADMINS, 10));
            }
        }
        return config;
    }
}
