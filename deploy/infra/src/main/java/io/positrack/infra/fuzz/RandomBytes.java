package io.positrack.infra.fuzz;

import java.util.Random;

/**
 * Random payloads. The first byte is never one a JSON object may start with ('{', whitespace, a UTF-8 byte
 * order mark), so no payload can be a valid record by chance.
 */
final class RandomBytes {

    /** Share of random payloads that are large (256 KiB to 2 MiB): keeps 10,000 records at about 50-100 MB. */
    static final double LARGE_SHARE = 0.12;
    static final int LARGE_MIN = 256 * 1024;

    private RandomBytes() {
    }

    static byte[] payload(Random random) {
        int size;
        if (random.nextDouble() < LARGE_SHARE) {
            // One large payload in ten is exactly the maximum, so the limit itself is always exercised.
            size = random.nextInt(10) == 0 ? FuzzLimits.MAX_VALUE_BYTES
                    : LARGE_MIN + random.nextInt(FuzzLimits.MAX_VALUE_BYTES - LARGE_MIN);
        } else {
            // Log-uniform from 1 byte to 64 KiB: as many tiny payloads as medium ones.
            size = (int) Math.max(1, Math.round(Math.pow(2, random.nextDouble() * 16)));
        }
        return of(random, size);
    }

    static byte[] of(Random random, int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        while (mayStartObject(bytes[0])) {
            bytes[0] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static boolean mayStartObject(byte b) {
        return b == '{' || b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == (byte) 0xEF;
    }
}
