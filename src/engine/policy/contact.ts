// Contact addresses: what counts as a real address, and which domains are reserved for examples.
// RFC 2606 reserves example.com/.org/.net and the .example, .test, .invalid and .localhost
// top-level domains; RFC 6761 gives them their special meaning. None of them can receive mail.

const RESERVED_SECOND_LEVEL = new Set(['example.com', 'example.org', 'example.net']);
const RESERVED_TOP_LEVEL = new Set(['example', 'test', 'invalid', 'localhost', 'local']);
/** Host names people type when they mean "fill this in": yourdomain.com, my-company.org, domain.tld. */
const FILL_IN_HOST = /^(?:[a-z0-9-]+\.)*(?:(?:your|my)[-_]?(?:domain|company|project|org|organi[sz]ation|site|website|host|email|mail)|domain|company|project|some-?domain)\.[a-z]{2,}$/;
const FILL_IN_TLD = /\.(?:tld|xxx|yyy)$/;

/** True when the host can never be a real contact: a reserved example or fill-in domain. */
export function isPlaceholderHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || FILL_IN_HOST.test(name) || FILL_IN_TLD.test(name)) return true;
  const labels = name.split('.');
  if (RESERVED_TOP_LEVEL.has(labels[labels.length - 1])) return true;
  return RESERVED_SECOND_LEVEL.has(labels.slice(-2).join('.'));
}

/** Local parts that say "replace me": you@, your-email@, name@, user@, someone@. */
const FILL_IN_LOCAL = /^(?:you|your[._-]?(?:name|email|mail|address)?|name|user(?:name)?|someone|somebody|email|e-?mail[._-]?address|foo|x+)$/i;

const EMAIL_SHAPE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/**
 * Why an address cannot be a security contact, or undefined when it can. Used by the editor's
 * input box and by the CLI, so both refuse the same things.
 */
export function contactProblem(address: string): string | undefined {
  const value = address.trim();
  if (!value) return 'Enter an e-mail address.';
  if (!EMAIL_SHAPE.test(value) || value.includes('..')) return `"${value}" is not an e-mail address (expected name@domain.tld).`;
  const [local, host] = [value.slice(0, value.lastIndexOf('@')), value.slice(value.lastIndexOf('@') + 1)];
  if (!/\.[A-Za-z]{2,}$/.test(host)) return `"${host}" has no top-level domain.`;
  if (isPlaceholderHost(host)) return `${host} is reserved for examples (RFC 2606/6761) or a fill-in name: mail sent there never arrives.`;
  if (FILL_IN_LOCAL.test(local)) return `"${local}@" reads as a fill-in; give the real mailbox that maintainers read.`;
  return undefined;
}

export function isValidContact(address: string): boolean {
  return contactProblem(address) === undefined;
}
