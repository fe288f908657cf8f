// Bounded concurrency without a dependency: at most `size` tasks run at once, the rest queue.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function limiter(size: number): Limiter {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    active -= 1;
    queue.shift()?.();
  };
  return <T>(task: () => Promise<T>) => new Promise<T>((resolve, reject) => {
    const start = () => {
      active += 1;
      task().then(resolve, reject).finally(next);
    };
    if (active < size) start();
    else queue.push(start);
  });
}
