/** Where a command writes and how it reports its exit code; the real process, or a test's buffers. */
export interface CliIo {
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Set by a command when it finishes; runCli returns it. */
  exitCode: number;
}

export function processIo(): CliIo {
  return {
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    exitCode: 0,
  };
}

/** Exit code for any failure: a file that could not be read or extracted, or a malformed command line. */
export const EXIT_FAILURE = 2;
