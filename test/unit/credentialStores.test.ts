import { strict as assert } from 'node:assert';
import { credentialStoreOf } from '../../src/engine/credentialStores';

// Which files are credentials in themselves, by name: a secret in one gets "keep the whole file
// out of git", not "move it to .env".

describe('credential stores by name', () => {
  it('knows private key files by the names ssh-keygen, OpenSSH and people give them', () => {
    for (const name of ['id_rsa', 'id_ed25519', 'id_ecdsa_sk', 'deploy_key', 'github_rsa', 'ci_ed25519', 'ssh_host_ed25519_key', 'keys/server.pem', 'tls.key', 'putty.ppk', 'AuthKey_ABC123.p8']) {
      assert.equal(credentialStoreOf(name)?.kind, 'private key file', name);
    }
  });

  it('leaves alone public keys and files whose name only mentions a key', () => {
    for (const name of ['id_rsa.pub', 'deploy_key.pub', 'api_key.py', 'keymap', 'monkey', 'ssh_config', 'README.md', 'rsa.go', 'src/api_key_test.go']) {
      assert.equal(credentialStoreOf(name), undefined, name);
    }
  });

  it('knows key stores and tools\' credential files', () => {
    assert.equal(credentialStoreOf('release.jks')?.kind, 'key store');
    assert.equal(credentialStoreOf('certs/client.p12')?.kind, 'key store');
    assert.equal(credentialStoreOf('.pgpass')?.kind, 'credentials file');
    assert.equal(credentialStoreOf('home/.aws/credentials')?.kind, 'credentials file');
    assert.equal(credentialStoreOf('home/.kube/config')?.kind, 'credentials file');
    assert.equal(credentialStoreOf('config'), undefined, 'a config file outside .kube');
  });
});
