package dev.rideops.cli.it;

import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The integration test classes' order (failsafe sets it as {@code junit.jupiter.testclass.order.default}): the classes
 * that share {@link SharedTinyStack} first, by name, then the others in the order found. So the shared stack runs
 * for one stretch of the run only, never beside a stack another class starts, and is stopped when the last of them
 * ends: this counts them for it.
 */
public final class SharedStackFirst implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors()
                .sort(Comparator.comparing(
                                (org.junit.jupiter.api.ClassDescriptor d) -> !sharesTheStack(d.getTestClass()))
                        .thenComparing(d -> sharesTheStack(d.getTestClass())
                                ? d.getTestClass().getName()
                                : ""));
        SharedTinyStack.usersInThisRun((int) context.getClassDescriptors().stream()
                .filter(d -> sharesTheStack(d.getTestClass()))
                .count());
    }

    static boolean sharesTheStack(Class<?> testClass) {
        return Arrays.stream(testClass.getAnnotationsByType(ExtendWith.class))
                .flatMap(e -> Arrays.stream(e.value()))
                .anyMatch(SharedTinyStack.class::equals);
    }
}
