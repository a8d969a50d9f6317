package dev.rideops.stack.os;

/** A running OS process, as shown to users: pid and a short form of its command line. */
public record ProcessInfo(long pid, String commandLine) {

    private static final int SHORT_LENGTH = 60;

    /** The program and, for a JVM, its main class: enough to recognise it without a wall of flags. */
    public String shortName() {
        String[] parts = commandLine.split(" ");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return "pid " + pid;
        }
        String program = parts[0].substring(parts[0].lastIndexOf('/') + 1);
        if (program.equals("java")) {
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i];
                if (p.equals("-cp") || p.equals("-classpath") || p.equals("--class-path")) {
                    i++;
                } else if (p.equals("-jar") && i + 1 < parts.length) {
                    return "java -jar " + parts[i + 1].substring(parts[i + 1].lastIndexOf('/') + 1);
                } else if (!p.startsWith("-")) {
                    return "java " + p;
                }
            }
        }
        String result = String.join(" ", parts);
        result = program + result.substring(parts[0].length());
        return result.length() > SHORT_LENGTH ? result.substring(0, SHORT_LENGTH) + "…" : result;
    }

    @Override
    public String toString() {
        return shortName() + " (pid " + pid + ")";
    }
}
