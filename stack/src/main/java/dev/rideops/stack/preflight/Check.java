package dev.rideops.stack.preflight;

/**
 * One line of the preflight report: what was checked, the outcome, what was found, and how to fix it
 * (empty when nothing needs fixing).
 */
public record Check(String group, String name, CheckStatus status, String detail, String fix) {

    public static Check ok(String group, String name, String detail) {
        return new Check(group, name, CheckStatus.OK, detail, "");
    }

    public static Check warn(String group, String name, String detail, String fix) {
        return new Check(group, name, CheckStatus.WARN, detail, fix);
    }

    public static Check fail(String group, String name, String detail, String fix) {
        return new Check(group, name, CheckStatus.FAIL, detail, fix);
    }
}
