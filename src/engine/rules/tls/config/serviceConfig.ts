import type { Detection } from '../../../types';
import { finding } from '../rule';
import { fix, removeLines } from '../fixes';
import { unquote } from './env';
import { indentOf, splitLines, stripTrailingComment } from './lines';
import { serviceConfigNoVerify } from './infraRules';

// Services' own settings that skip certificate verification, by key name, in YAML (Prometheus,
// Loki, Traefik, Grafana, the Elastic stack), TOML/INI (Telegraf, Vector), Java properties (Spring,
// Kafka), HAProxy (`server ... ssl verify none`) and Logstash (`=> false`). The key names are
// unambiguous: each means "do not verify the peer's certificate" wherever it appears.

/** Keys that skip verification when true. Compared on the last dotted segment, lower-cased, with `-`/`_` dropped. */
const SKIP_WHEN_TRUE = new Set(['insecureskipverify', 'tlsskipverify', 'skiptlsverify', 'skipsslverification', 'skipsslverify', 'tlsinsecureskipverify', 'insecureskiptlsverify']);
/** Keys that verify when true, so false skips. */
const VERIFY_WHEN_FALSE = new Set(['verifycertificate', 'sslcertificateverification', 'validateservercertificate', 'verifyhostname', 'tlsverify', 'sslverify', 'verifyssl']);
/** Keys whose value `none` skips (Elastic stack: `ssl.verification_mode: none`, Kibana `verificationMode`). */
const MODE_KEYS = new Set(['verificationmode', 'sslverificationmode']);
const TRUE = /^(true|yes|on|1)$/i;
const FALSE = /^(false|no|off|0)$/i;

function normalized(key: string): string {
  const last = key.slice(key.lastIndexOf('.') + 1);
  return last.toLowerCase().replace(/[-_]/g, '');
}

/** Generic words that mean certificate checks only under an ssl/tls key (`ssl.verification_mode`, `tls: verify_certificate`), not e-mail or code signing. */
const NEEDS_TLS_CONTEXT = new Set(['verificationmode', 'verifycertificate']);

/** What the setting does, when `key: value` skips verification; undefined otherwise. `parent` is the enclosing YAML key, if any. */
export function serviceSetting(key: string, rawValue: string, parent = ''): string | undefined {
  const name = normalized(key);
  if (NEEDS_TLS_CONTEXT.has(name) && !/ssl|tls/i.test(`${parent}.${key}`)) return undefined;
  const value = unquote(rawValue);
  if (SKIP_WHEN_TRUE.has(name) && TRUE.test(value)) return `${key}: ${value} makes this service accept any certificate from the server it connects to.`;
  if (VERIFY_WHEN_FALSE.has(name) && FALSE.test(value)) return `${key}: ${value} makes this service accept any certificate from the server it connects to.`;
  if (MODE_KEYS.has(name) && value.toLowerCase() === 'none') return `${key}: none turns off certificate verification for this connection.`;
  // Kafka and other JSSE clients: an empty algorithm turns host name verification off.
  if (key.toLowerCase().endsWith('ssl.endpoint.identification.algorithm') && value === '') return `${key} set empty turns off host name verification for this client.`;
  return undefined;
}

const LOGSTASH_OPTION = /\b(ssl_certificate_verification|ssl_verification_mode|ssl_verify)[ \t]*=>[ \t]*("[^"]*"|'[^']*'|\w+)/g;

function settingFinding(text: string, start: number, end: number, lineStart: number, what: string): Detection {
  return finding(serviceConfigNoVerify, { start, end, what, fixes: [fix('Remove the setting (verification is on by default)', [removeLines(text, lineStart)])] });
}

/**
 * `key = value` / `key: value` / `key => value` lines: Java properties, TOML, INI, Logstash. Section
 * headers and comments (`#`, `;`, `!`) are skipped; a value is read up to a trailing comment.
 */
export function scanServiceLines(text: string): Detection[] {
  const out: Detection[] = [];
  for (const line of splitLines(text)) {
    if (/^[ \t]*([#;!]|\[|$)/.test(line.text)) continue;
    // HAProxy: `server name addr:port ssl verify none` (also `default-server`).
    const haproxy = /^[ \t]*(?:server|default-server)[ \t].*[ \t]verify[ \t]+none\b/.exec(line.text);
    if (haproxy) {
      out.push(settingFinding(text, line.start + indentOf(line.text), line.end, line.start, 'verify none makes HAProxy accept any certificate from this backend server.'));
      continue;
    }
    // One `key = value` (or `key: value`) per line, read from its start.
    const pair = /^[ \t]*([A-Za-z_][\w.-]*)[ \t]*[=:][ \t]*(.*)/.exec(line.text);
    const what = pair && serviceSetting(pair[1], stripTrailingComment(pair[2], '#;'));
    if (pair && what) {
      out.push(settingFinding(text, line.start + indentOf(line.text), line.end, line.start, what));
      continue;
    }
    // Logstash plugin options, anywhere on the line: `ssl_certificate_verification => false`.
    for (const match of line.text.matchAll(LOGSTASH_OPTION)) {
      const found = serviceSetting(match[1], match[2]);
      if (!found) continue;
      const start = line.start + match.index!;
      out.push(settingFinding(text, start, start + match[0].length, line.start, found));
    }
  }
  return out;
}
