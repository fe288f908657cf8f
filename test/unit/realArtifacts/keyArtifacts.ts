import { mkdirSync, writeFileSync } from 'node:fs';
import { synth, ALNUM } from '../../../src/engine/rules/samples';
import type { Artifact } from './artifact';
import type { Workshop } from './tools';

// Keys made by the real tools, as they write them: ssh-keygen, openssl, gpg, puttygen and keytool.
// Each maker returns the artifacts it made, or the name of the tool it lacked.

const PLAIN = 'secret/private-key';
const ENCRYPTED = 'secret/private-key-encrypted';
const STORE = 'secret/key-store-file';

/** A passphrase made at test time: it protects throwaway keys, but is never a literal here. */
const passphrase = (seed: number) => synth(ALNUM, 16, seed);

const made = new WeakMap<Workshop, Map<string, Artifact[]>>();

/** Each maker runs once per workshop: the tools refuse to overwrite, and keys take time to make. */
function once(shop: Workshop, name: string, make: () => Artifact[]): Artifact[] {
  let byName = made.get(shop);
  if (!byName) made.set(shop, (byName = new Map()));
  let artifacts = byName.get(name);
  if (!artifacts) byName.set(name, (artifacts = make()));
  return artifacts;
}

function keyFile(shop: Workshop, name: string, path: string, file: string, ruleId: string): Artifact {
  return { name, path, text: shop.text(file), expect: [{ ruleId, line: 0 }] };
}

export function sshKeygen(shop: Workshop): Artifact[] {
  return once(shop, 'sshKeygen', () => {
    const out: Artifact[] = [];
    for (const type of ['ed25519', 'rsa', 'ecdsa', 'dsa']) {
      for (const protectedBy of [undefined, passphrase(type.length)]) {
        const file = `id_${type}${protectedBy ? '_enc' : ''}`;
        try {
          shop.run('ssh-keygen', ['-q', '-t', type, '-N', protectedBy ?? '', '-C', 'ci@build', '-f', file]);
        } catch (error) {
          // OpenSSH builds without DSA (9.8+) refuse it: the other types still count.
          if (type === 'dsa') continue;
          throw error;
        }
        out.push(keyFile(shop, `ssh-keygen -t ${type}${protectedBy ? ' with a passphrase' : ''}`, `.ssh/id_${type}`, file, protectedBy ? ENCRYPTED : PLAIN));
      }
    }
    return out;
  });
}

export function openssl(shop: Workshop): Artifact[] {
  return once(shop, 'openssl', () => {
    const pass = `pass:${passphrase(3)}`;
    const made: [string, string[], string, string][] = [
      ['openssl genpkey RSA (PKCS#8)', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem'], 'rsa.pem', PLAIN],
      ['openssl genpkey EC P-256 (PKCS#8)', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.pem'], 'ec.pem', PLAIN],
      ['openssl genpkey ed25519 (64-character PKCS#8 body)', ['genpkey', '-algorithm', 'ed25519', '-out', 'ed25519.pem'], 'ed25519.pem', PLAIN],
      ['openssl genrsa -traditional (PKCS#1)', ['genrsa', '-traditional', '-out', 'trad.key', '2048'], 'trad.key', PLAIN],
      ['openssl ecparam -genkey (SEC1)', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'sec1.key'], 'sec1.key', PLAIN],
      ['openssl req -newkey -nodes (the key beside a CSR)', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=build.internal'], 'server.key', PLAIN],
      ['openssl genpkey -aes256 (encrypted PKCS#8)', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-aes256', '-pass', pass, '-out', 'enc.pem'], 'enc.pem', ENCRYPTED],
      ['openssl genrsa -traditional -aes128 (Proc-Type: 4,ENCRYPTED)', ['genrsa', '-traditional', '-aes128', '-passout', pass, '-out', 'trad-enc.key', '2048'], 'trad-enc.key', ENCRYPTED],
    ];
    const keys = made.map(([name, args, file, ruleId]) => {
      shop.run('openssl', args);
      return keyFile(shop, name, `certs/${file}`, file, ruleId);
    });
    // A PKCS#12 bundle of that key and a self-signed certificate, as `openssl pkcs12 -export` writes it.
    shop.run('openssl', ['req', '-x509', '-key', 'rsa.pem', '-subj', '/CN=build.internal', '-days', '1', '-out', 'cert.pem']);
    shop.run('openssl', ['pkcs12', '-export', '-inkey', 'rsa.pem', '-in', 'cert.pem', '-passout', pass, '-out', 'bundle.pfx']);
    const pfx: Artifact = { name: 'openssl pkcs12 -export (.pfx)', path: 'certs/bundle.pfx', text: '', bytes: shop.bytes('bundle.pfx'), expect: [{ ruleId: STORE, line: 0 }] };
    return [...keys, pfx];
  });
}

export function gpg(shop: Workshop): Artifact[] {
  return once(shop, 'gpg', () => {
    const home = shop.file('gnupg');
    const env = { GNUPGHOME: home };
    mkdirSync(home, { mode: 0o700 });
    const out: Artifact[] = [];
    const keys: [string, string, string | undefined, string][] = [
      ['plain ed25519', 'ed25519', undefined, PLAIN],
      ['plain rsa2048', 'rsa2048', undefined, PLAIN],
      ['ed25519 with a passphrase', 'ed25519', passphrase(4), ENCRYPTED],
    ];
    keys.forEach(([label, algo, pass, ruleId], index) => {
      const uid = `Build ${index} <build${index}@ci.internal>`;
      const base = ['--batch', '--pinentry-mode', 'loopback', '--passphrase', pass ?? ''];
      shop.run('gpg', ['--homedir', home, ...base, '--quick-gen-key', uid, algo, 'default', 'never'], env);
      const armored = shop.run('gpg', ['--homedir', home, ...base, '--armor', '--export-secret-keys', `build${index}@ci.internal`], env);
      out.push({ name: `gpg --export-secret-keys --armor, ${label}`, path: `keys/build${index}.asc`, text: armored, expect: [{ ruleId, line: 0 }] });
    });
    // --export-secret-subkeys writes the primary key as a gnu-dummy stub: only the subkey is secret.
    const base = ['--batch', '--pinentry-mode', 'loopback', '--passphrase', ''];
    const fingerprint = /^fpr:+([0-9A-F]+):/m.exec(shop.run('gpg', ['--homedir', home, '--with-colons', '--list-keys', 'build0@ci.internal'], env))![1];
    const stubOnly = shop.run('gpg', ['--homedir', home, ...base, '--armor', '--export-secret-subkeys', 'build0@ci.internal'], env);
    out.push({ name: 'gpg --export-secret-subkeys of a key without subkeys (a stub, no secret)', path: 'keys/stub.asc', text: stubOnly, expect: [] });
    shop.run('gpg', ['--homedir', home, ...base, '--quick-add-key', fingerprint, 'cv25519', 'encr', 'never'], env);
    const subkeys = shop.run('gpg', ['--homedir', home, ...base, '--armor', '--export-secret-subkeys', 'build0@ci.internal'], env);
    out.push({ name: 'gpg --export-secret-subkeys, the subkey unprotected', path: 'keys/subkeys.asc', text: subkeys, expect: [{ ruleId: PLAIN, line: 0 }] });
    return out;
  });
}

export function puttygen(shop: Workshop): Artifact[] {
  sshKeygen(shop); // its id_rsa is what puttygen converts
  const sshKey = 'id_rsa';
  return once(shop, 'puttygen', () => {
    const out: Artifact[] = [];
    const passFile = shop.file('ppk-pass');
    writeFileSync(passFile, `${passphrase(5)}\n`);
    const variants: [string, string[], string][] = [
      ['puttygen .ppk v3', [], PLAIN],
      ['puttygen .ppk v2', ['--ppk-param', 'version=2'], PLAIN],
      ['puttygen .ppk v3 with a passphrase', ['--new-passphrase', passFile], ENCRYPTED],
    ];
    variants.forEach(([name, args, ruleId], index) => {
      const file = `deploy${index}.ppk`;
      shop.run('puttygen', [sshKey, '-O', 'private', '-o', file, ...args]);
      out.push(keyFile(shop, name, `deploy/${file}`, file, ruleId));
    });
    return out;
  });
}

export function keytool(shop: Workshop): Artifact[] {
  return once(shop, 'keytool', () => {
    const pass = passphrase(6);
    return (['PKCS12', 'JKS'] as const).map((type) => {
      const file = type === 'PKCS12' ? 'server.p12' : 'server.jks';
      shop.run('keytool', ['-genkeypair', '-alias', 'server', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=build.internal', '-validity', '30',
        '-storetype', type, '-keystore', file, '-storepass', pass, '-keypass', pass]);
      const bytes = shop.bytes(file);
      return { name: `keytool ${type} store`, path: `config/${file}`, text: '', bytes, expect: [{ ruleId: STORE, line: 0 }] };
    });
  });
}
