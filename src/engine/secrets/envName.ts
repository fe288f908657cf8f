/** `apiKey` -> `API_KEY`, `db.password` -> `DB_PASSWORD`, `$stripeSecret` -> `STRIPE_SECRET`. */
export function toEnvName(identifier: string): string {
  const words = identifier
    .replace(/^[$@]+/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const name = words.join('_').toUpperCase();
  if (name.length === 0) return 'SECRET';
  return /^[0-9]/.test(name) ? `_${name}` : name;
}
