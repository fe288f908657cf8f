// Every secret that leaves the engine goes through here: a diagnostic, a log line, a report.

const ELLIPSIS = '…';

/**
 * Keeps enough of a secret to recognise it (a known provider prefix, or the first characters, and
 * the last four) and hides the rest. Short values reveal at most a quarter of their characters.
 */
export function maskSecret(value: string, knownPrefix = ''): string {
  const length = value.length;
  if (length <= 4) return ELLIPSIS;
  if (length < 16) {
    const visible = Math.floor(length / 4);
    const head = Math.ceil(visible / 2);
    return value.slice(0, head) + ELLIPSIS + value.slice(length - (visible - head));
  }
  const prefix = knownPrefix && value.startsWith(knownPrefix) && knownPrefix.length <= length / 2
    ? knownPrefix
    : value.slice(0, 4);
  return prefix + ELLIPSIS + value.slice(-4);
}

/** Replaces every occurrence of each secret in a piece of text (an excerpt, a log line). */
export function maskIn(text: string, secrets: Iterable<{ value: string; prefix?: string }>): string {
  let result = text;
  for (const { value, prefix } of secrets) {
    if (value.length === 0) continue;
    result = result.split(value).join(maskSecret(value, prefix));
  }
  return result;
}
