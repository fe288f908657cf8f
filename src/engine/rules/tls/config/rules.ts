import { MITM, tlsRule } from '../rule';
import { infraRules } from './infraRules';

// The line-level tls rules for scripts and configuration files: metadata and samples. The
// matchers are in ./commands.ts (shell commands), ./env.ts (environment variables) and
// ./files.ts (the formats and their settings).

export const curlInsecure = tlsRule({
  name: 'curl-insecure',
  title: 'curl without certificate verification',
  severity: 'error',
  help: `${MITM} Trust the private CA instead: \`curl --cacert /path/ca.pem\` (or \`CURL_CA_BUNDLE\`).`,
  samples: {
    positive: () => [
      { text: '#!/bin/sh\ncurl -k https://example.com/install.sh | sh\n', path: 'install.sh' },
      { text: 'curl -sSk https://example.com/x -o x\n', path: 'get.sh' },
      { text: 'FROM alpine\nRUN apk add curl && \\\n    curl --insecure -fsSL https://example.com/x.tgz | tar xz\n', path: 'Dockerfile' },
      { text: 'jobs:\n  build:\n    steps:\n      - run: |\n          echo start\n          curl -fsSLk https://example.com/tool -o tool\n', path: '.github/workflows/ci.yml' },
      { text: 'deploy:\n  script:\n    - curl -k -X POST https://deploy.example.com/hook\n', path: '.gitlab-ci.yml' },
      { text: 'fetch:\n\t@curl --insecure https://example.com/data.json > data.json\n', path: 'Makefile' },
      { text: '{\n  "scripts": {\n    "fetch": "curl -k https://example.com/schema.json -o schema.json"\n  }\n}\n', path: 'package.json' },
      { text: 'insecure\n', path: '.curlrc' },
      { text: '- name: Fetch the agent\n  ansible.builtin.shell: curl -k https://example.com/agent.sh | sh\n', path: 'playbook.yml' },
      { text: 'jobs:\n  a:\n    steps:\n      - { name: Fetch, run: "curl -k https://example.com/x.sh | sh" }\n', path: '.github/workflows/ci.yml' },
      { text: 'build:\n  script: ["make", "curl --insecure https://example.com/hook"]\n', path: '.gitlab-ci.yml' },
    ],
    negative: () => [
      { text: '# curl -k https://example.com\ncurl https://example.com\n', path: 'a.sh', reason: 'the flag is in a comment' },
      { text: 'echo "use curl -k only for testing"\n', path: 'a.sh', reason: 'the flag is inside a quoted argument of echo' },
      { text: 'curl -H "X-Flag: -k" https://example.com\n', path: 'a.sh', reason: '-k is the value of -H, not a curl option' },
      { text: 'curl -o k https://example.com/file\ncurl -ok https://example.com/file\n', path: 'a.sh', reason: 'in -ok the k is the output file name' },
      { text: 'cat <<EOF > README\nRun curl -k https://example.com if you must\nEOF\n', path: 'a.sh', reason: 'here-document text is data, not a command' },
      { text: 'steps:\n  - name: Explain\n    description: "never run curl -k in CI"\n', path: 'ci.yml', reason: 'curl is not at a command position in a description' },
      { text: 'curl --cacert /etc/ssl/private-ca.pem https://internal.example.com\n', path: 'a.sh', reason: 'the secure alternative' },
      { text: 'FROM alpine\n# RUN curl -k https://example.com\nRUN curl -fsSL https://example.com\n', path: 'Dockerfile', reason: 'a Dockerfile comment line' },
      { text: 'curl --no-insecure https://example.com\n', path: 'a.sh', reason: '--no-insecure turns verification back on' },
      { text: 'steps:\n  - name: curl -k mirror\n    description: |\n      curl -k used to be needed here\n', path: 'ci.yml', reason: 'YAML values of keys that hold no commands' },
      { text: 'steps:\n  - { name: "curl -k mirror", run: "curl https://example.com" }\nbuild:\n  tags: ["curl -k"]\n', path: 'ci.yml', reason: 'flow collections whose command entries verify' },
    ],
  },
});

export const wgetNoCheck = tlsRule({
  name: 'wget-no-check',
  title: 'wget without certificate verification',
  severity: 'error',
  help: `${MITM} Trust the private CA instead: \`wget --ca-certificate=/path/ca.pem\`.`,
  samples: {
    positive: () => [
      { text: 'wget --no-check-certificate https://example.com/x.tar.gz\n', path: 'get.sh' },
      { text: 'FROM debian\nRUN wget -q --no-check-certificate -O /tmp/x https://example.com/x\n', path: 'Dockerfile' },
      { text: 'wget --check-certificate=off https://example.com/x\n', path: 'get.sh' },
      { text: 'check_certificate = off\n', path: '.wgetrc' },
    ],
    negative: () => [
      { text: '# wget --no-check-certificate https://example.com\nwget https://example.com\n', path: 'a.sh', reason: 'the flag is in a comment' },
      { text: 'wget --ca-certificate=/etc/ssl/ca.pem https://example.com/x\n', path: 'a.sh', reason: 'the secure alternative' },
      { text: 'check_certificate = on\n', path: '.wgetrc', reason: 'verification stays on' },
    ],
  },
});

export const gitSslVerify = tlsRule({
  name: 'git-ssl-verify',
  title: 'git without certificate verification',
  severity: 'error',
  help: `${MITM} For a private server, trust its CA instead: \`git config http.sslCAInfo /path/ca.pem\` (or scoped: \`http.https://git.example.com/.sslCAInfo\`).`,
  samples: {
    positive: () => [
      { text: 'git config --global http.sslVerify false\n', path: 'setup.sh' },
      { text: 'git -c http.sslVerify=false clone https://git.example.com/repo.git\n', path: 'clone.sh' },
      { text: 'GIT_SSL_NO_VERIFY=1 git clone https://git.example.com/repo.git\n', path: 'clone.sh' },
      { text: 'FROM alpine\nENV GIT_SSL_NO_VERIFY=true\n', path: 'Dockerfile' },
      { text: '[user]\n\tname = Me\n[http]\n\tsslVerify = false\n', path: '.gitconfig' },
      { text: 'env:\n  GIT_SSL_NO_VERIFY: "true"\n', path: '.github/workflows/ci.yml' },
      { text: 'git clone --config http.sslverify=false https://git.example.com/repo.git\n', path: 'clone.sh' },
    ],
    negative: () => [
      { text: 'git config --global http.sslVerify true\n', path: 'a.sh', reason: 'verification stays on' },
      { text: 'git config --global --unset http.sslVerify\n', path: 'a.sh', reason: 'unsetting restores the default (verify)' },
      { text: '[http]\n\tsslCAInfo = /etc/ssl/private-ca.pem\n\t# sslVerify = false\n', path: '.gitconfig', reason: 'the secure alternative, and a commented-out line' },
      { text: '[core]\n\tsslVerify = false\n', path: '.gitconfig', reason: 'sslVerify outside an [http] section means nothing to git' },
      { text: 'echo "git config http.sslVerify false"\n', path: 'a.sh', reason: 'quoted text printed by echo' },
    ],
  },
});

export const npmStrictSsl = tlsRule({
  name: 'npm-strict-ssl',
  title: 'npm/yarn/pnpm without certificate verification',
  severity: 'error',
  help: `${MITM} For a private registry, trust its CA instead: \`cafile=/path/ca.pem\` in .npmrc (yarn: \`caFilePath\`), or \`NODE_EXTRA_CA_CERTS=/path/ca.pem\`.`,
  samples: {
    positive: () => [
      { text: 'registry=https://npm.example.com/\nstrict-ssl=false\n', path: '.npmrc' },
      { text: 'npm config set strict-ssl false\n', path: 'setup.sh' },
      { text: 'yarn config set strict-ssl false\n', path: 'setup.sh' },
      { text: 'strict-ssl false\n', path: '.yarnrc' },
      { text: 'npmRegistryServer: "https://npm.example.com"\nenableStrictSsl: false\n', path: '.yarnrc.yml' },
      { text: 'FROM node:20\nRUN npm install --strict-ssl=false\n', path: 'Dockerfile' },
      { text: 'NPM_CONFIG_STRICT_SSL=false\n', path: '.env' },
    ],
    negative: () => [
      { text: 'strict-ssl=true\ncafile=/etc/ssl/private-ca.pem\n', path: '.npmrc', reason: 'verification on, with the private CA' },
      { text: '; strict-ssl=false\n# strict-ssl=false\n', path: '.npmrc', reason: 'commented-out lines' },
      { text: 'npm config get strict-ssl\n', path: 'a.sh', reason: 'reading the setting changes nothing' },
      { text: 'enableStrictSsl: true\n', path: '.yarnrc.yml', reason: 'verification stays on' },
    ],
  },
});

export const pipTrustedHost = tlsRule({
  name: 'pip-trusted-host',
  title: 'pip trusts a host without certificate verification',
  severity: 'warning',
  help: `${MITM} A package index reached this way can serve anyone's code. Trust the private CA instead: \`pip install --cert /path/ca.pem\` (or \`PIP_CERT\`, \`global.cert\`).`,
  samples: {
    positive: () => [
      { text: 'pip install --trusted-host pypi.org --trusted-host files.pythonhosted.org requests\n', path: 'setup.sh' },
      { text: 'FROM python:3.12\nRUN python -m pip install --trusted-host=pypi.internal.example.com -r requirements.txt\n', path: 'Dockerfile' },
      { text: '[global]\nindex-url = https://pypi.internal.example.com/simple\ntrusted-host = pypi.internal.example.com\n', path: 'pip.conf' },
      { text: 'PIP_TRUSTED_HOST=pypi.internal.example.com\n', path: '.env' },
      { text: '--trusted-host pypi.internal.example.com\n--index-url https://pypi.internal.example.com/simple\nrequests==2.32.3\n', path: 'requirements.txt' },
    ],
    negative: () => [
      { text: 'pip install --cert /etc/ssl/private-ca.pem -r requirements.txt\n', path: 'a.sh', reason: 'the secure alternative' },
      { text: '# pip install --trusted-host pypi.org requests\npip install requests\n', path: 'a.sh', reason: 'the flag is in a comment' },
      { text: 'echo pip --trusted-host is dangerous\n', path: 'a.sh', reason: 'arguments of echo are not a pip command' },
      { text: '# --trusted-host pypi.internal.example.com\n--cert /etc/ssl/private-ca.pem\nrequests==2.32.3\n', path: 'requirements-dev.txt', reason: 'a commented-out option; the secure alternative' },
    ],
  },
});

export const nodeTlsEnv = tlsRule({
  name: 'node-tls-env',
  title: 'NODE_TLS_REJECT_UNAUTHORIZED=0 disables TLS verification for the whole process',
  severity: 'error',
  help: `${MITM} It affects every HTTPS request the Node.js process makes. Trust the private CA instead: \`NODE_EXTRA_CA_CERTS=/path/ca.pem\`, or the \`ca\` option of the one agent that needs it.`,
  samples: {
    positive: () => [
      { text: 'NODE_TLS_REJECT_UNAUTHORIZED=0\n', path: '.env' },
      { text: 'export NODE_TLS_REJECT_UNAUTHORIZED=0\nnode server.js\n', path: 'start.sh' },
      { text: 'NODE_TLS_REJECT_UNAUTHORIZED=0 node scripts/seed.js\n', path: 'seed.sh' },
      { text: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED 0\n', path: 'Dockerfile' },
      { text: 'services:\n  api:\n    environment:\n      - NODE_TLS_REJECT_UNAUTHORIZED=0\n', path: 'docker-compose.yml' },
      { text: 'spec:\n  containers:\n    - name: api\n      env:\n        - name: NODE_TLS_REJECT_UNAUTHORIZED\n          value: "0"\n', path: 'deploy.yaml' },
      { text: '{\n  "scripts": {\n    "dev": "NODE_TLS_REJECT_UNAUTHORIZED=0 ts-node src/index.ts"\n  }\n}\n', path: 'package.json' },
      { text: "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\n", path: 'src/index.js' },
      { text: 'process.env["NODE_TLS_REJECT_UNAUTHORIZED"] = 0;\n', path: 'src/index.ts' },
    ],
    negative: () => [
      { text: 'NODE_TLS_REJECT_UNAUTHORIZED=1\n', path: '.env', reason: '1 keeps verification on' },
      { text: '# NODE_TLS_REJECT_UNAUTHORIZED=0\nNODE_EXTRA_CA_CERTS=/etc/ssl/ca.pem\n', path: '.env', reason: 'commented out; the secure alternative' },
      { text: "// process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'\nconst msg = \"set NODE_TLS_REJECT_UNAUTHORIZED=0 to debug\";\n", path: 'src/a.ts', reason: 'a comment and a message string' },
      { text: "expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).not.toBe('0');\n", path: 'test/a.test.ts', reason: 'a test reading the value' },
      { text: "if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') console.warn('TLS verification is off');\n", path: 'src/a.ts', reason: 'a comparison, not an assignment' },
      { text: 'unset NODE_TLS_REJECT_UNAUTHORIZED\n', path: 'a.sh', reason: 'unsetting restores verification' },
    ],
  },
});

export const pythonHttpsEnv = tlsRule({
  name: 'python-https-env',
  title: 'PYTHONHTTPSVERIFY=0 disables certificate verification in Python',
  severity: 'error',
  help: `${MITM} Point Python at the private CA instead: \`SSL_CERT_FILE=/path/ca.pem\` (requests: \`REQUESTS_CA_BUNDLE\`).`,
  samples: {
    positive: () => [
      { text: 'PYTHONHTTPSVERIFY=0\n', path: '.env' },
      { text: 'FROM python:3.12\nENV PYTHONHTTPSVERIFY=0\n', path: 'Dockerfile' },
      { text: 'export PYTHONHTTPSVERIFY=0\n', path: 'env.sh' },
    ],
    negative: () => [
      { text: 'PYTHONHTTPSVERIFY=1\n', path: '.env', reason: '1 keeps verification on' },
      { text: '# PYTHONHTTPSVERIFY=0\n', path: 'env.sh', reason: 'commented out' },
    ],
  },
});

export const kubeInsecure = tlsRule({
  name: 'kube-insecure',
  title: 'Kubernetes client without certificate verification',
  severity: 'error',
  help: `${MITM} Whoever intercepts it gets the cluster credentials. Trust the cluster CA instead: \`certificate-authority\`/\`certificate-authority-data\` in the kubeconfig, \`--certificate-authority=ca.crt\` (helm: \`--ca-file\`).`,
  samples: {
    positive: () => [
      { text: 'kubectl --insecure-skip-tls-verify get pods\n', path: 'deploy.sh' },
      { text: 'helm upgrade --install app ./chart --kube-insecure-skip-tls-verify\n', path: 'deploy.sh' },
      { text: 'apiVersion: v1\nkind: Config\nclusters:\n  - name: dev\n    cluster:\n      server: https://10.0.0.1:6443\n      insecure-skip-tls-verify: true\n', path: 'kubeconfig.yaml' },
      { text: 'clusters:\n- cluster:\n    insecure-skip-tls-verify: true\n    server: https://k8s.example.com\n  name: prod\n', path: '.kube/config' },
      { text: 'deploy:\n  script:\n    - kubectl apply -f k8s/ --insecure-skip-tls-verify=true\n', path: '.gitlab-ci.yml' },
      { text: 'apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  service:\n    name: metrics-server\n    namespace: kube-system\n  group: metrics.k8s.io\n  version: v1beta1\n  insecureSkipTLSVerify: true\n', path: 'deploy/apiservice.yaml' },
    ],
    negative: () => [
      { text: 'kubectl --insecure-skip-tls-verify=false get pods\n', path: 'a.sh', reason: 'explicitly verifying' },
      { text: 'clusters:\n  - cluster:\n      certificate-authority: /etc/k8s/ca.crt\n      # insecure-skip-tls-verify: true\n', path: 'kubeconfig.yaml', reason: 'the secure alternative; a commented line' },
      { text: 'echo "--insecure-skip-tls-verify"\n', path: 'a.sh', reason: 'not a kubectl or helm argument' },
      { text: 'kind: APIService\nspec:\n  insecureSkipTLSVerify: false\n  caBundle: LS0tLS1CRUdJTg==\n', path: 'apiservice.yaml', reason: 'verifying, with the CA bundle' },
    ],
  },
});

export const configRules = [curlInsecure, wgetNoCheck, gitSslVerify, npmStrictSsl, pipTrustedHost, nodeTlsEnv, pythonHttpsEnv, kubeInsecure, ...infraRules] as const;
