package dev.journeys.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Resident memory of the stack's processes, read from Linux's /proc (-1 where unavailable). */
final class ProcessMemory {

  private ProcessMemory() {}

  /** VmRSS of a process in MiB. */
  static long rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return -1;
  }

  /** The Temporal dev server among the bench's descendants (the CLI's {@code server start-dev}). */
  static Optional<Long> temporalDevServerPid() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> commandLine(p.pid()).contains("start-dev"))
        .filter(p -> !commandLine(p.pid()).startsWith("setsid"))
        .map(ProcessHandle::pid)
        .findFirst();
  }

  private static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
      String line = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
      return line.substring(line.lastIndexOf('/', Math.max(0, line.indexOf(' '))) + 1);
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
