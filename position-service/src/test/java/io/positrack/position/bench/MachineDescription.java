package io.positrack.position.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the figures were measured on: they mean little without the machine and the JVMs' settings. */
final class MachineDescription {

    private MachineDescription() {
    }

    static String machine() {
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        return "%d cores (%s), %.1f GiB memory, %s %s".formatted(Runtime.getRuntime().availableProcessors(), cpuModel().orElse("CPU model unknown"),
                memory / (double) (1L << 30), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    /** A child JVM's flags as the OS sees them, without the {@code -D} configuration (which may hold addresses, never secrets). */
    static String flags(long pid) {
        return ProcessHandle.of(pid).flatMap(p -> p.info().arguments()).map(List::of)
                .map(args -> args.stream().takeWhile(a -> !a.equals("-jar") && !a.equals("-cp")).filter(a -> !a.startsWith("-D")).toList().toString())
                .orElse("(unknown)");
    }

    /** Peak resident set size (VmHWM) of a live process, from /proc; empty where there is no /proc. */
    static Optional<Long> peakRssMiB(long pid) {
        return procLine(Path.of("/proc", Long.toString(pid), "status"), "VmHWM:")
                .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10);
    }

    private static Optional<String> cpuModel() {
        return procLine(Path.of("/proc/cpuinfo"), "model name").map(l -> l.substring(l.indexOf(':') + 1).trim());
    }

    private static Optional<String> procLine(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
