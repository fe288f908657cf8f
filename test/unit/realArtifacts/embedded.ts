import type { Artifact } from './artifact';

// A real key pasted the ways people paste keys into code and config: each must give exactly one
// finding, on the line where the block begins.

const PLAIN = 'secret/private-key';

/** The artifacts for one key text (as the tool wrote it, ending with a newline). */
export function embeddings(label: string, keyText: string): Artifact[] {
  const key = keyText.replace(/\r?\n$/, '');
  const lines = key.split('\n');
  const escaped = key.replace(/\n/g, '\\n');
  const at = (name: string, path: string, text: string, line: number): Artifact => ({ name: `${label} ${name}`, path, text, expect: [{ ruleId: PLAIN, line }] });
  return [
    at('in a string with \\n escapes', 'src/deploy.ts', `import { connect } from './ssh';\n\nconst key = "${escaped}\\n";\nconnect(key);\n`, 2),
    at('in a string concatenation, one literal per line', 'src/Deploy.java', `class Deploy {\n  static final String KEY =\n      "${lines.join('\\n"\n    + "')}\\n";\n}\n`, 2),
    at('in Python implicit concatenation', 'deploy.py', `KEY = (\n${lines.map((line) => `    "${line}\\n"`).join('\n')}\n)\n`, 1),
    at('in a YAML block scalar', 'deploy/values.yaml', `ssh:\n  user: deploy\n  privateKey: |\n${lines.map((line) => `    ${line}`).join('\n')}\n  port: 22\n`, 3),
    at('in JSON', 'config/deploy.json', `${JSON.stringify({ host: 'build.internal', user: 'deploy', private_key: `${key}\n` }, null, 2)}\n`, 3),
    at('in a JSON array of lines', 'config/key.json', `{\n  "lines": [\n${lines.map((line) => `    "${line}"`).join(',\n')}\n  ]\n}\n`, 2),
    at('after a log prefix', 'logs/deploy.log', `2025-01-07T10:00:00.120Z INFO  starting deploy\n2025-01-07T10:00:00.125Z DEBUG ssh: using key ${key}\n2025-01-07T10:00:00.300Z INFO  connected\n`, 1),
    at('in a JS template literal', 'src/key.js', `export const key = \`${key}\n\`;\n`, 0),
    at('in a Go raw string', 'main.go', `package main\n\nconst key = \`${key}\n\`\n`, 2),
    at('with CRLF line ends', 'keys/deploy.pem', `${key.replace(/\n/g, '\r\n')}\r\n`, 0),
    at('with lone CR line ends', 'keys/deploy-mac.pem', `${key.replace(/\n/g, '\r')}\r`, 0),
  ];
}

/**
 * A real key base64-encoded once more, as kubeconfig's `client-key-data` and a Kubernetes TLS
 * Secret's `tls.key` hold it.
 */
export function encodedKeys(keyText: string): Artifact[] {
  const data = btoa(keyText);
  const rule = 'secret/private-key-base64';
  return [
    {
      name: 'kubeconfig client-key-data (kubectl config set-credentials --embed-certs)',
      path: '.kube/config',
      text: `apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n    client-certificate-data: ${btoa('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')}\n    client-key-data: ${data}\n`,
      expect: [{ ruleId: rule, value: data }],
    },
    {
      name: 'Kubernetes TLS Secret tls.key (kubectl create secret tls -o yaml)',
      path: 'k8s/tls.yaml',
      text: `apiVersion: v1\ndata:\n  tls.crt: ${btoa('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n')}\n  tls.key: ${data}\nkind: Secret\nmetadata:\n  name: web-tls\ntype: kubernetes.io/tls\n`,
      expect: [{ ruleId: rule, value: data }],
    },
  ];
}
