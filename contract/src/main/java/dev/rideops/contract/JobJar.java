package dev.rideops.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.jar.JarFile;

/**
 * The one way to read the job jar's resources ({@link JobResources}): from a jar file, as deploy and verify do with
 * the jar they deploy or check, or from the running job's own classpath.
 */
public final class JobJar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path jar;

    private JobJar(Path jar) {
        this.jar = jar;
    }

    /** The jar at this path. */
    public static JobJar at(Path jar) {
        return new JobJar(jar);
    }

    /** The classpath this class was loaded from: inside the job, its own jar. */
    public static JobJar classpath() {
        return new JobJar(null);
    }

    public String describe() {
        return jar == null ? "the classpath" : jar.toString();
    }

    public InputStream open(String resource) throws IOException {
        if (jar == null) {
            InputStream in = JobJar.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new MissingResourceException(describe() + " has no " + resource);
            }
            return in;
        }
        JarFile file = new JarFile(jar.toFile());
        var entry = file.getEntry(resource);
        if (entry == null) {
            file.close();
            throw new MissingResourceException(jar + " has no " + resource);
        }
        InputStream in = file.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    file.close();
                }
            }
        };
    }

    public String text(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public JsonNode json(String resource) throws IOException {
        try (InputStream in = open(resource)) {
            return JSON.readTree(in);
        }
    }

    /**
     * A class loader that sees the jar's resources before the parent's, for tools that scan a classpath location
     * (Flyway's migrations). Only for a jar file.
     */
    public URLClassLoader classLoader(ClassLoader parent) throws MalformedURLException {
        if (jar == null) {
            throw new IllegalStateException("the classpath needs no class loader of its own");
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, parent);
    }

    /** The jar lacks a resource it should carry: it is from another build, or not a job jar. */
    public static final class MissingResourceException extends IOException {
        public MissingResourceException(String message) {
            super(message);
        }
    }
}
