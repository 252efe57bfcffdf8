import type { Log } from "../core/log.js";

interface Closer {
  name: string;
  close: () => Promise<unknown> | unknown;
}

/**
 * Remembers what was started so it can be closed in reverse order, also when start-up fails
 * half-way. Each close is bounded by a timeout so one stuck part cannot block shutdown.
 */
export class Lifecycle {
  private readonly closers: Closer[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly log: Log) {}

  add(name: string, close: Closer["close"]): void {
    this.closers.push({ name, close });
  }

  closeAll(timeoutMs = 10_000): Promise<void> {
    this.closing ??= this.run(timeoutMs);
    return this.closing;
  }

  private async run(timeoutMs: number): Promise<void> {
    for (const closer of this.closers.reverse()) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          Promise.resolve().then(closer.close),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`did not close within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        this.log.debug({ part: closer.name }, "closed");
      } catch (error) {
        this.log.warn({ part: closer.name, err: error }, "could not close cleanly");
      } finally {
        clearTimeout(timer);
      }
    }
  }
}
