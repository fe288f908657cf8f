/**
 * `compute`, answering a call whose arguments are the call before's (compared with ===) with that
 * call's answer: one scan asks the same question of a file several times (its language, whether it
 * is minified, its TLS config scanner: kindOf, scan(), the detectors, the CLI), and an editor asks
 * again on every keystroke. One entry only: the next file replaces it.
 */
export function rememberLast<A, B, R>(compute: (a: A, b?: B) => R): (a: A, b?: B) => R {
  let last: { a: A; b: B | undefined; answer: R } | undefined;
  return (a, b) => {
    if (last === undefined || last.a !== a || last.b !== b) last = { a, b, answer: compute(a, b) };
    return last.answer;
  };
}
