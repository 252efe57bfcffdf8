/**
 * Runs tasks of one key (a chat) one after the other, in the order given, while tasks of other
 * keys run alongside. A failing task does not stop the ones after it. Memory: one entry per
 * chat with work pending, removed when its last task ends.
 */
export function chatSequencer(onError: (error: unknown) => void) {
  const tails = new Map<string, Promise<void>>();
  return {
    run(key: string, task: () => Promise<void>): Promise<void> {
      const previous = tails.get(key) ?? Promise.resolve();
      const next = previous.then(task).catch(onError);
      tails.set(key, next);
      void next.then(() => {
        if (tails.get(key) === next) tails.delete(key);
      });
      return next;
    },
    /** Resolves when every task queued so far has ended. */
    async idle(): Promise<void> {
      while (tails.size > 0) await Promise.all([...tails.values()]);
    },
    pending: () => tails.size,
  };
}
