// The workspace scan's one lane: its file scans run one at a time, urgent ones (a file that
// changed on disk, a document that closed) before the rest of a full scan, and each waits for a
// turn of the event loop, so that the server's own messages (an open document's change, a code
// action) are answered between two files. One at a time keeps the second scan worker free for
// open documents (see scanPool.ts): a workspace scan never makes an open file wait for a worker.

interface Task {
  run(): Promise<void>;
  resolve(): void;
}

export class WorkspaceLane {
  private readonly urgent: Task[] = [];
  private readonly normal: Task[] = [];
  private running = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Resolves once `run` has run (or thrown: the error goes to onError). */
  enqueue(run: () => Promise<void>, urgent: boolean): Promise<void> {
    return new Promise((resolve) => {
      (urgent ? this.urgent : this.normal).push({ run, resolve });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let task = this.next(); task; task = this.next()) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        try {
          await task.run();
        } catch (error) {
          this.onError(error);
        }
        task.resolve();
      }
    } finally {
      this.running = false;
    }
  }

  private next(): Task | undefined {
    return this.urgent.shift() ?? this.normal.shift();
  }
}
