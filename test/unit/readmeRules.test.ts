import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEGIN, END, renderBlock, rewrite, vendorOf, vendors } from '../../scripts/readme-rules';

// README.md's rule count and provider list are generated from the registry by
// scripts/readme-rules.ts; this fails when a rule is added or renamed and the block was not rewritten.

describe('README rule list', () => {
  it('README.md holds the block the registry generates (run npx tsx scripts/readme-rules.ts)', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    assert.equal(rewrite(readme), readme);
  });

  it('names the provider, not the kind of credential', () => {
    assert.equal(vendorOf({ provider: 'Stripe secret key' }), 'Stripe');
    assert.equal(vendorOf({ provider: 'Together AI API key' }), 'Together AI');
    assert.equal(vendorOf({ provider: 'GitHub fine-grained token' }), 'GitHub');
    assert.equal(vendorOf({ provider: 'FCM server key' }), 'Firebase');
    assert.equal(vendorOf({ provider: 'Private key' }), undefined);
    assert.equal(vendorOf({ provider: 'Connection URL password' }), undefined);
  });

  it('lists each provider once, whatever the number of its rules', () => {
    const list = vendors([{ provider: 'Slack token' }, { provider: 'Slack webhook URL' }, { provider: 'Slack legacy token' }, { provider: 'Twilio API key' }]);
    assert.deepEqual(list, ['Slack', 'Twilio']);
  });

  it('rewrites only what lies between the markers', () => {
    const before = `# Title\n\nhand text\n${BEGIN}\nold list\n${END}\nmore hand text\n`;
    const after = rewrite(before, `${BEGIN}\nnew list\n${END}`);
    assert.equal(after, `# Title\n\nhand text\n${BEGIN}\nnew list\n${END}\nmore hand text\n`);
    assert.throws(() => rewrite('# no markers\n'), /markers/);
  });

  it('counts the rules the registry has', () => {
    const block = renderBlock([
      { id: 'secret/a', category: 'secret', title: 'A', cwe: 'CWE-798', severity: 'warning', help: '' },
      { id: 'tls/b', category: 'tls', title: 'B', cwe: 'CWE-295', severity: 'warning', help: '' },
    ] as never);
    assert.match(block, /^.*\n1 secret rules \(2 rules in all\)/);
  });
});
