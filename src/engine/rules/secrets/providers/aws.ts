import { providerRule } from './define';
import { join, synth, UPPER_ALNUM, BASE64 } from '../../samples';

export const awsRules = [
  providerRule({
    id: 'secret/aws-access-key-id',
    title: 'AWS access key ID',
    provider: 'AWS access key ID',
    keywords: ['akia', 'asia', 'abia', 'acca'],
    pattern: /\b(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/,
    envName: 'AWS_ACCESS_KEY_ID',
    prefix: 'AKIA',
    minEntropy: 3,
    doc: {
      format: '`AKIA` (long-term user key), `ASIA` (temporary STS credentials), `ABIA` or `ACCA` followed by 16 upper-case base32 characters. The id alone does not sign requests, but it names the key whose secret is almost always nearby, and it identifies your account.',
      rotate: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
      notes: "AWS's documentation keys (ending in `EXAMPLE`) and masked values are not reported. Prefer IAM roles, SSO or `aws configure` profiles over keys in code.",
    },
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
  providerRule({
    id: 'secret/aws-secret-access-key',
    title: 'AWS secret access key',
    provider: 'AWS secret access key',
    keywords: ['aws'],
    pattern: /aws[_.-]?(?:secret)?[_.-]?(?:access)?[_.-]?key["']?\s*(?::=|=>|=|:)\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/i,
    envName: 'AWS_SECRET_ACCESS_KEY',
    minEntropy: 4,
    doc: {
      format: '40 base64 characters assigned to a name like `aws_secret_access_key`, `AWS_SECRET_ACCESS_KEY` or `awsSecretKey`. The secret has no prefix of its own, so the name is what identifies it.',
      rotate: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console',
      notes: "Deactivate and delete the key in IAM (check CloudTrail for its use first). AWS's documented example secret (ending in `EXAMPLEKEY`), environment references and filler values are not reported.",
    },
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
