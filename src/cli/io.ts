/** Where a command writes. Tests pass a capturing implementation; main() passes the process streams. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is an interactive terminal (progress bars, colours). */
  readonly isTTY: boolean;
  /** The command line after `vpost` (runCli sets it; batch parts record it). */
  readonly argv?: readonly string[];
  /**
   * Writes to stdout and resolves once the text is taken (a pipe whose reader is slower holds the writer back), so a
   * streamed output of any length stays in flat memory. Absent: out().
   */
  readonly outPaced?: (text: string) => Promise<void>;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  outPaced: (text) => new Promise((resolve) => (process.stdout.write(text) ? resolve() : process.stdout.once('drain', resolve))),
  err: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
};

/** An IO that collects output in memory, for in-process tests. */
export function captureIO(): CliIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTTY: false,
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}
