import { strict as assert } from 'node:assert';
import { kindOf, languageOf, scan, type FileInfo } from '../../src/engine';
import { githubTokenWithChecksum } from '../../src/engine/rules/secrets/checksums';
import { ALNUM, join, synth } from '../../src/engine/rules/samples';

// The file kind comes from the name before the editor's language id, and "committed" is a fact
// about the secret's value (in HEAD's or the index's text), not about the file.

const token = (seed: number) => githubTokenWithChecksum(join('gh', 'p_'), synth(ALNUM, 30, seed));

describe('file kind: the name first', () => {
  it('reads .env as dotenv whatever the editor calls it', () => {
    for (const id of ['properties', 'sh', 'shellscript', 'ini', 'plaintext', undefined]) {
      assert.equal(languageOf('.env', id), 'dotenv', String(id));
      assert.equal(kindOf('app/.env.local', 'A=1\n', id), 'env', String(id));
    }
  });

  it('keeps .npmrc, Dockerfile and known extensions, and takes the language id only when the name says nothing', () => {
    assert.equal(languageOf('.npmrc', 'ini'), 'properties');
    assert.equal(languageOf('Dockerfile', 'plaintext'), 'dockerfile');
    assert.equal(languageOf('deploy.sh', 'sh'), 'shellscript');
    assert.equal(languageOf('bin/deploy', 'sh'), 'shellscript', "Neovim's sh is a shell script");
    assert.equal(languageOf('bin/tool', 'python'), 'python');
    assert.equal(languageOf('bin/tool'), 'plaintext');
    // Names and ids that are also Object's own properties are unknown, not its functions.
    assert.equal(languageOf('x.constructor'), 'plaintext');
    assert.equal(languageOf('toString'), 'plaintext');
    assert.equal(languageOf('bin/tool', 'hasOwnProperty'), 'hasOwnProperty');
    // The same path asked again with another language id is not answered from the last call.
    assert.equal(languageOf('bin/tool', 'ruby'), 'ruby');
    assert.equal(languageOf('bin/tool', 'python'), 'python');
  });
});

describe('scan: commit state per secret', () => {
  const committedToken = token(41);
  const typedToken = token(42);
  const text = `const a = "${committedToken}";\nconst b = "${typedToken}";\n`;
  const head = `const a = "${committedToken}";\n`;
  const byValue = async (file: FileInfo) => {
    const findings = await scan(text, file);
    return [committedToken, typedToken].map((value) => findings.find((finding) => finding.secret?.value === value)!);
  };

  it('says "committed, rotate" only for the value that is in HEAD; the other is an Error that will be committed', async () => {
    const [committed, typed] = await byValue({ path: 'src/a.ts', gitState: 'tracked', committed: { texts: [head] } });
    assert.equal(committed.severity, 'error');
    assert.match(committed.message, /committed to git/);
    assert.match(committed.message, /Rotate it/);
    assert.equal(committed.data?.committed, true);
    assert.equal(typed.severity, 'error');
    assert.match(typed.message, /not committed yet: it will be committed with your next commit/);
    assert.doesNotMatch(typed.message, /[Rr]otate|committed to git/);
    assert.equal(typed.data?.committed, false);
  });

  it('counts a value that is only staged (the index) as committed', async () => {
    const [, typed] = await byValue({ path: 'src/a.ts', gitState: 'staged', committed: { texts: [head, text] } });
    assert.match(typed.message, /committed to git/);
    assert.equal(typed.data?.committed, true);
  });

  it('while git is being asked, says neither "committed" nor "not committed" for sure', async () => {
    const [committed] = await byValue({ path: 'src/a.ts', gitState: 'tracked', committed: 'pending' });
    assert.equal(committed.severity, 'error');
    assert.match(committed.message, /if it was committed, rotate it/);
    assert.equal(committed.data?.committed, false);
  });

  it('never says a .env is tracked when git ignores it, whatever its language id', async () => {
    for (const languageId of ['properties', 'sh', 'dotenv']) {
      const findings = await scan(`GITHUB_TOKEN=${typedToken}\n`, { path: '.env', languageId, gitState: 'ignored' });
      assert.deepEqual(findings, [], languageId);
    }
  });
});
