package org.urad.envmon.ingest.decode.hj212;

import java.util.Collection;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a property over generated inputs, one seed per try. The seeds come from a fixed base seed,
 * so every run checks the same inputs; a failure names its seed and input, and
 * {@code new Hj212FrameGenerator(seed)} with the same generator method gives that input again.
 */
final class SeededTries {

    static final long BASE_SEED = 0x212_2017_0301L;

    /** A property of one input; any exception it throws is a failure. */
    @FunctionalInterface
    interface Check<T> {
        void accept(T input) throws Exception;
    }

    private SeededTries() {}

    static <T> void forAll(int tries, Function<Hj212FrameGenerator, T> generate, Check<T> check) {
        SplittableRandom seeds = new SplittableRandom(BASE_SEED);
        for (int i = 1; i <= tries; i++) {
            long seed = seeds.nextLong();
            T input = generate.apply(new Hj212FrameGenerator(seed));
            try {
                check.accept(input);
            } catch (Exception | AssertionError e) {
                throw new AssertionError(
                        String.format(
                                "try %d of %d failed with seed 0x%016XL for input %s%n%s",
                                i, tries, seed, describe(input), e),
                        e);
            }
        }
    }

    /** Inputs as readable text: bytes as escaped ASCII, records by component, collections by element. */
    static String describe(Object input) {
        if (input instanceof byte[] bytes) {
            StringBuilder out = new StringBuilder("\"");
            for (byte b : bytes) {
                switch (b) {
                    case '\r' -> out.append("\\r");
                    case '\n' -> out.append("\\n");
                    case '"', '\\' -> out.append('\\').append((char) b);
                    default ->
                        out.append(
                                b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b & 0xFF));
                }
            }
            return out.append('"').toString();
        }
        if (input instanceof Collection<?> elements) {
            return elements.stream().map(SeededTries::describe).collect(Collectors.joining(", ", "[", "]"));
        }
        if (input instanceof Record record && !(input instanceof Hj212Field)) {
            StringBuilder out = new StringBuilder(record.getClass().getSimpleName()).append('[');
            String separator = "";
            for (var component : record.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    Object value = component.getAccessor().invoke(record);
                    out.append(separator)
                            .append(component.getName())
                            .append('=')
                            .append(describe(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                separator = ", ";
            }
            return out.append(']').toString();
        }
        return String.valueOf(input);
    }
}
