package io.positrack.signal.intake;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether an alert comes from its source. Both checks compare in constant time over fixed-length digests, so
 * neither the secret's content nor its length can be learnt by timing the answers.
 */
public final class AlertAuthenticity {

    /** The header of the GENERIC format. */
    public static final String SIGNATURE_HEADER = "X-Positrack-Signature";

    private static final String PREFIX = "sha256=";

    private AlertAuthenticity() {
    }

    /** TRADINGVIEW: the secret written into the alert message. */
    public static boolean secretMatches(IntakeSource source, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)),
                sha256(source.secret().getBytes(StandardCharsets.UTF_8)));
    }

    /** GENERIC: {@code sha256=<hex>} of the HMAC-SHA256 of the exact bytes received. */
    public static boolean signatureMatches(IntakeSource source, byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX)) {
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(hmac(source.secret(), body)));
    }

    /** The header value a sender computes; public for senders' tests and the docs' example. */
    public static String signature(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
