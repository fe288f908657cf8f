import { strict as assert } from 'node:assert';
import { defaultConfig, scan } from '../../../src/engine';
import { fixed, only as onlyAt, tls as tlsAt } from './helpers';

const config = defaultConfig();

const now = new Date('2025-06-01');
const tls = (text: string, path: string) => tlsAt(text, path, { now });
const only = (text: string, path: string) => onlyAt(text, path, { now });

// Line-level tls rules: the exact fixes, the severities that depend on context, and the cases
// the sample lists do not show.

describe('tls config rules', () => {
  describe('curl', () => {
    it('drops only the k from a group of short flags', async () => {
      const text = 'curl -sSk https://example.com/x -o x\n';
      const finding = await only(text, 'a.sh');
      assert.equal(finding.ruleId, 'tls/curl-insecure');
      assert.equal(fixed(text, finding), 'curl -sS https://example.com/x -o x\n');
      assert.deepEqual(finding.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } });
    });

    it('removes --insecure and its blank, keeping a continued command valid', async () => {
      const text = 'curl \\\n  --insecure \\\n  https://example.com\n';
      assert.equal(fixed(text, await only(text, 'a.sh')), 'curl \\\n  \\\n  https://example.com\n');
    });

    it('is a hint when every URL is local, an error otherwise', async () => {
      assert.equal((await only('curl -k https://localhost:8443/health\n', 'a.sh')).severity, 'hint');
      assert.equal((await only('curl -k https://127.0.0.1/health\n', 'a.sh')).severity, 'hint');
      assert.equal((await only('curl -k https://localhost/ https://example.com/\n', 'a.sh')).severity, 'error');
      assert.equal((await only('curl -k "$URL"\n', 'a.sh')).severity, 'error');
    });

    it('says why and what to do instead', async () => {
      const { message } = await only('curl -k https://example.com\n', 'a.sh');
      assert.match(message, /man-in-the-middle/);
      assert.match(message, /--cacert/);
    });

    it('finds commands after sudo, in pipelines, subshells and && chains', async () => {
      const text = 'set -e\nsudo curl -k https://a.example | sh\n(cd x && curl --insecure https://b.example)\nx=$(curl -sk https://c.example)\n';
      assert.deepEqual((await tls(text, 'a.sh')).map((f) => f.range.start.line), [1, 2, 3]);
    });

    it('reads RUN heredocs and exec form in Dockerfiles, and HEALTHCHECK commands', async () => {
      const text = 'FROM alpine\nRUN <<EOF\nset -e\ncurl -k https://example.com/a\nEOF\nRUN ["curl", "-k", "https://example.com/b"]\nRUN ["sh", "-c", "curl -k https://example.com/c"]\nHEALTHCHECK CMD curl -fk https://localhost/health || exit 1\n';
      const found = await tls(text, 'Dockerfile');
      assert.deepEqual(found.map((f) => [f.range.start.line, f.severity]), [[3, 'error'], [5, 'error'], [6, 'error'], [7, 'hint']]);
    });

    it('honours a suppression comment with a date and a reason', async () => {
      const text = 'curl -k https://example.com # secure-hygiene-ignore tls/curl-insecure until 2099-01-01 -- vendor box, ticket 12\n';
      assert.deepEqual(await tls(text, 'a.sh'), []);
    });

    it('reads Makefile recipes and variables that hold a command line', async () => {
      const text = 'CURL := curl -k\n# fetch: curl -k\nfetch:\n\t@$(CURL) https://example.com\n\t-curl --insecure https://example.com\n';
      assert.deepEqual((await tls(text, 'Makefile')).map((f) => f.range.start.line), [0, 4]);
    });

    it('maps package.json script offsets through JSON escapes', async () => {
      const text = '{ "scripts": { "a": "echo \\"hi\\" && curl -k https://example.com" } }';
      const finding = await only(text, 'package.json');
      assert.equal(text.slice(finding.range.start.character, finding.range.end.character), 'k');
      assert.equal(JSON.parse(fixed(text, finding)).scripts.a, 'echo "hi" && curl https://example.com');
    });
  });

  describe('git', () => {
    it('sets the value back to true, and warns (not errs) for a host-scoped setting', async () => {
      const text = 'git config --global http.sslVerify false\n';
      assert.equal(fixed(text, await only(text, 'a.sh')), 'git config --global http.sslVerify true\n');
      assert.equal((await only('git config --global http.https://git.corp.example.com/.sslVerify false\n', 'a.sh')).severity, 'warning');
    });

    it('removes -c http.sslVerify=false and keeps the clone', async () => {
      const text = 'git -c http.sslVerify=false clone https://git.example.com/r.git\n';
      assert.equal(fixed(text, await only(text, 'a.sh')), 'git clone https://git.example.com/r.git\n');
    });

    it('reads .git/config and scoped [http "url"] sections', async () => {
      const finding = await only('[remote "origin"]\n\turl = https://git.example.com/r.git\n[http "https://git.example.com/"]\n\tsslVerify = false\n', '.git/config');
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.range.start.line, 3);
    });

    it('warns that GIT_SSL_NO_VERIFY=0 still disables verification', async () => {
      const finding = await only('GIT_SSL_NO_VERIFY=0\n', '.env');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /only whether the variable is set/);
    });
  });

  describe('environment variables', () => {
    it('deletes an export line, or just the prefix of a command', async () => {
      const exported = 'export NODE_TLS_REJECT_UNAUTHORIZED=0\nnode app.js\n';
      assert.equal(fixed(exported, await only(exported, 'a.sh')), 'node app.js\n');
      const prefixed = 'NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js\n';
      assert.equal(fixed(prefixed, await only(prefixed, 'a.sh')), 'node app.js\n');
    });

    it('deletes a Kubernetes env entry, name and value together', async () => {
      const text = 'env:\n  - name: LOG_LEVEL\n    value: debug\n  - name: NODE_TLS_REJECT_UNAUTHORIZED\n    value: "0"\n  - name: PORT\n    value: "80"\n';
      assert.equal(fixed(text, await only(text, 'deploy.yaml')), 'env:\n  - name: LOG_LEVEL\n    value: debug\n  - name: PORT\n    value: "80"\n');
    });

    it('reads GitHub Actions env maps and folded run blocks', async () => {
      const text = 'env:\n  PYTHONHTTPSVERIFY: 0 # legacy proxy\njobs:\n  a:\n    steps:\n      - run: >\n          curl\n          -k https://example.com\n';
      assert.deepEqual((await tls(text, 'ci.yml')).map((f) => f.ruleId), ['tls/python-https-env', 'tls/curl-insecure']);
    });
  });

  describe('package managers and clusters', () => {
    it('pip: trusting the public index is an error, an internal mirror a warning', async () => {
      assert.equal((await only('pip install --trusted-host pypi.org requests\n', 'a.sh')).severity, 'error');
      assert.equal((await only('pip install --trusted-host pypi.corp.example.com requests\n', 'a.sh')).severity, 'warning');
      const text = 'pip3 install --trusted-host pypi.corp.example.com -r requirements.txt\n';
      assert.equal(fixed(text, await only(text, 'a.sh')), 'pip3 install -r requirements.txt\n');
    });

    it('npm: sets strict-ssl back to true; removes the .npmrc line', async () => {
      const cli = 'npm config set strict-ssl false\n';
      assert.equal(fixed(cli, await only(cli, 'a.sh')), 'npm config set strict-ssl true\n');
      const rc = 'registry=https://npm.example.com/\nstrict-ssl = false\nsave-exact=true\n';
      assert.equal(fixed(rc, await only(rc, '.npmrc')), 'registry=https://npm.example.com/\nsave-exact=true\n');
    });

    it('kubeconfig at ~/.kube/config, and helm/kubectl flags', async () => {
      const text = 'clusters:\n- cluster:\n    server: https://k.example.com\n    insecure-skip-tls-verify: true\n  name: k\n';
      assert.equal(fixed(text, await only(text, 'home/me/.kube/config')), 'clusters:\n- cluster:\n    server: https://k.example.com\n  name: k\n');
      const flag = 'helm install app ./chart --insecure-skip-tls-verify\n';
      assert.equal(fixed(flag, await only(flag, 'deploy.sh')), 'helm install app ./chart\n');
    });
  });

  it('goes by the file name when the editor gives another language id', async () => {
    const scanAs = async (text: string, path: string, languageId: string) =>
      (await scan(text, { path, languageId, gitState: 'untracked' }, config)).filter((f) => f.category === 'tls').map((f) => f.ruleId);
    assert.deepEqual(await scanAs('NODE_TLS_REJECT_UNAUTHORIZED=0\n', '.env', 'properties'), ['tls/node-tls-env']);
    assert.deepEqual(await scanAs('jobs:\n  a:\n    steps:\n      - run: curl -k https://x.example\n', '.github/workflows/ci.yml', 'github-actions-workflow'), ['tls/curl-insecure']);
    assert.deepEqual(await scanAs('strict-ssl=false\n', '.npmrc', 'ini'), ['tls/npm-strict-ssl']);
  });

  it('ignores markdown, where commands are documentation', async () => {
    assert.deepEqual(await tls('```sh\ncurl -k https://example.com\n```\n', 'README.md'), []);
  });
});
