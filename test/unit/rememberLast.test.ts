import { strict as assert } from 'node:assert';
import { rememberLast } from '../../src/engine/rememberLast';

describe('rememberLast', () => {
  it('answers a call with the same arguments as the last from that call, and computes any other', () => {
    const calls: string[] = [];
    const joined = rememberLast((a: string, b?: string) => {
      calls.push(`${a}|${b}`);
      return `${a}${b ?? ''}`;
    });
    assert.equal(joined('x', 'y'), 'xy');
    assert.equal(joined('x', 'y'), 'xy');
    assert.equal(joined('x'), 'x');
    assert.equal(joined('x', undefined), 'x', 'a missing argument is undefined');
    assert.equal(joined('x', 'y'), 'xy', 'one entry: the call before last is computed again');
    assert.deepEqual(calls, ['x|y', 'x|undefined', 'x|y']);
  });
});
