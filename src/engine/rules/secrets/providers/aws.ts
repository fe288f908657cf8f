import { secretRule } from '../rule';
import { join, synth, UPPER_ALNUM, BASE64 } from '../../samples';

export const awsRules = [
  secretRule({
    id: 'secret/aws-access-key-id',
    title: 'AWS access key ID',
    provider: 'AWS access key ID',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: /\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    envName: 'AWS_ACCESS_KEY_ID',
    prefix: 'AKIA',
    minEntropy: 3,
    samples: {
      positive: () => [
        `const accessKeyId = "${join('AKIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 7))}";`,
        { text: `aws_access_key_id = ${join('ASIA', synth('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 8))}`, path: 'credentials.ini' },
      ],
      negative: () => [
        { text: `const id = "${join('AKIA', 'IOSFODNN7', 'EXAMPLE')}";`, reason: 'AWS publishes this example key in its documentation' },
        { text: `const id = "${join('AKIA', 'XXXXXXXXXXXXXXXX')}";`, reason: 'a masked placeholder' },
        { text: `const id = "${join('AKIA', synth('abcdefghijklmnop', 16, 3))}";`, reason: 'key ids are upper case; lower case is something else' },
      ],
    },
  }),
  secretRule({
    id: 'secret/aws-secret-access-key',
    title: 'AWS secret access key',
    provider: 'AWS secret access key',
    keywords: ['aws'],
    pattern: /aws[_.-]?(?:secret)?[_.-]?(?:access)?[_.-]?key["']?\s*(?::=|=>|=|:)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    envName: 'AWS_SECRET_ACCESS_KEY',
    minEntropy: 4,
    samples: {
      positive: () => [
        `AWS_SECRET_ACCESS_KEY="${synth(BASE64, 40, 11)}"`,
        { text: `aws_secret_access_key = ${synth(BASE64, 40, 12)}`, path: 'credentials.ini' },
        `const awsSecretKey = '${synth(BASE64, 40, 13)}';`,
      ],
      negative: () => [
        { text: `aws_secret_access_key = ${join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY')}`, path: 'credentials.ini', reason: 'AWS documentation example key' },
        { text: 'AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}', reason: 'a reference to the environment' },
        { text: `aws_secret_access_key = ${'A'.repeat(40)}`, reason: 'no entropy: a filler value' },
        { text: `AWS_SECRET_ACCESS_KEY="${synth(UPPER_ALNUM, 32, 4)}"`, reason: 'wrong length for an AWS secret key' },
      ],
    },
  }),
];
