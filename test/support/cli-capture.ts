import type { CliOutput } from "../../scripts/cli-support.js";

/** A command's output kept in strings, for tests of the admin commands. */
export function capture(): CliOutput & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out(text: string) {
      io.stdout += text;
    },
    err(text: string) {
      io.stderr += text;
    },
  };
  return io;
}
