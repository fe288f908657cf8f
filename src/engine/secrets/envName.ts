/** `apiKey` -> `API_KEY`, `db.password` -> `DB_PASSWORD`, `$stripeSecret` -> `STRIPE_SECRET`. */
export function toEnvName(identifier: string): string {
  const words = identifier
    .replace(/^[$@]+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    // One capital looking ahead at `Xy`, not `([A-Z]+)([A-Z][a-z])`: the run of capitals was re-read
    // from every start (quadratic on `AAAA…`); the underscores land in the same places.
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1_')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.join('_').toUpperCase();
  if (name.length === 0) return 'SECRET';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
