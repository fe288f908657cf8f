import type { TlsCase } from './tlsCases';

// The config half of the fourth labelled tls set (see tlsDocsCode.ts): Ansible, Terraform,
// Kubernetes/Helm, Docker, git, pip, curl, wget, npm/yarn and environment variables, from each
// tool's documentation, written before looking at the rules and measured once untuned.
// Scope decisions written into the labels:
// - Docker's `insecure-registries` (daemon.json) / `--insecure-registry`: Docker's docs say the
//   daemon then accepts the registry over plain HTTP or with a certificate it does not verify;
//   the certificate is not checked, so CWE-295. Labelled insecure.
// - pip `trusted-host`: pip's docs say the host is trusted "even though it does not have valid or
//   any HTTPS": the certificate is not checked. Labelled insecure.
// - A value from a variable (`validate_certs: "{{ verify }}"`) cannot be judged: labelled quiet
//   (a Hint at most).

const bad = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: true });
const ok = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: false });

export function tlsDocsConfigCases(): TlsCase[] {
  return [
    // Ansible: validate_certs in module arguments (uri, get_url, k8s, ...), YAML booleans and strings.
    bad('ansible', 'roles/app/tasks/main.yml', '- name: call the health endpoint', '  ansible.builtin.uri:', '    url: https://app.internal/health', '    validate_certs: false'),
    bad('ansible', 'playbooks/site.yml', '- hosts: web', '  tasks:', '    - name: download', '      get_url:', '        url: https://artifacts.internal/app.tgz', '        dest: /opt/app.tgz', '        validate_certs: "no"'),
    bad('ansible', 'tasks/k8s.yaml', '- name: apply manifest', '  kubernetes.core.k8s:', '    state: present', '    src: /tmp/deploy.yml', '    validate_certs: False'),
    bad('ansible', 'tasks/repo.yml', '- name: add repo key', '  ansible.builtin.apt_key:', '    url: https://repo.internal/key.gpg', '    validate_certs: no', '    state: present'),
    bad('ansible', 'tasks/inline.yml', '- name: fetch', '  get_url: url=https://artifacts.internal/x.tgz dest=/tmp/x.tgz validate_certs=no'),
    ok('ansible', 'roles/app/tasks/main.yml', '- name: call the health endpoint', '  ansible.builtin.uri:', '    url: https://app.internal/health', '    validate_certs: true', '    ca_path: /etc/ssl/internal-ca.pem'),
    ok('ansible', 'tasks/var.yml', '- name: fetch', '  ansible.builtin.get_url:', '    url: "{{ artifact_url }}"', '    dest: /tmp/x.tgz', '    validate_certs: "{{ verify_tls }}"'),
    ok('ansible', 'roles/app/README.md', '# app role', '', 'Never set `validate_certs: no` on the uri tasks; add the CA with `ca_path` instead.'),
    ok('ansible', 'tasks/comment.yml', '- name: fetch', '  ansible.builtin.get_url:', '    url: https://artifacts.internal/x.tgz', '    dest: /tmp/x.tgz', '    # validate_certs: no   (removed: the CA is installed by the base role)'),

    // Terraform providers.
    bad('terraform', 'providers.tf', 'provider "vault" {', '  address         = "https://vault.internal:8200"', '  skip_tls_verify = true', '}'),
    bad('terraform', 'main.tf', 'provider "kubernetes" {', '  host     = var.cluster_endpoint', '  insecure = true', '}'),
    bad('terraform', 'vsphere.tf', 'provider "vsphere" {', '  vsphere_server       = var.vcenter', '  allow_unverified_ssl = true', '}'),
    ok('terraform', 'main.tf', 'provider "kubernetes" {', '  host                   = var.cluster_endpoint', '  cluster_ca_certificate = base64decode(var.cluster_ca)', '  insecure               = false', '}'),
    ok('terraform', 'variables.tf', 'variable "insecure" {', '  type    = bool', '  default = false', '}'),

    // Kubernetes and Helm.
    bad('kube', 'kubeconfig.yaml', 'apiVersion: v1', 'kind: Config', 'clusters:', '- cluster:', '    server: https://10.0.0.1:6443', '    insecure-skip-tls-verify: true', '  name: dev'),
    bad('kube', 'deploy.sh', '#!/bin/sh', 'helm repo add internal https://charts.internal --insecure-skip-tls-verify'),
    bad('kube', 'ci.sh', '#!/bin/sh', 'kubectl --insecure-skip-tls-verify=true apply -f manifests/'),
    bad('kube', 'apiservice.yaml', 'apiVersion: apiregistration.k8s.io/v1', 'kind: APIService', 'metadata:', '  name: v1beta1.custom.metrics.k8s.io', 'spec:', '  insecureSkipTLSVerify: true', '  group: custom.metrics.k8s.io'),
    ok('kube', 'kubeconfig.yaml', 'apiVersion: v1', 'kind: Config', 'clusters:', '- cluster:', '    server: https://10.0.0.1:6443', '    certificate-authority: /etc/kube/ca.crt', '  name: dev'),

    // Docker.
    bad('docker', 'daemon.json', '{', '  "insecure-registries": ["registry.internal:5000"],', '  "log-driver": "json-file"', '}'),
    bad('docker', 'provision.sh', '#!/bin/sh', 'dockerd --insecure-registry registry.internal:5000 &'),
    ok('docker', 'daemon.json', '{', '  "insecure-registries": [],', '  "log-driver": "json-file"', '}'),

    // git.
    bad('git', 'bootstrap.sh', '#!/bin/bash', 'git config --global http.sslVerify false', 'git clone https://git.internal/app.git'),
    bad('git', '.gitlab-ci.yml', 'build:', '  variables:', '    GIT_SSL_NO_VERIFY: "1"', '  script:', '    - make'),
    bad('git', '.github/workflows/build.yml', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    env:', '      GIT_SSL_NO_VERIFY: true', '    steps:', '      - run: git submodule update --init'),
    ok('git', 'bootstrap.sh', '#!/bin/bash', 'git config --global http.sslCAInfo /etc/ssl/internal-ca.pem'),

    // pip.
    bad('pip', 'pip.conf', '[global]', 'index-url = https://pypi.internal/simple', 'trusted-host = pypi.internal'),
    bad('pip', 'requirements.txt', '--trusted-host pypi.internal', '--index-url https://pypi.internal/simple', 'requests==2.32.3'),
    bad('pip', 'Dockerfile', 'FROM python:3.12-slim', 'RUN pip install --trusted-host pypi.internal -r requirements.txt'),
    ok('pip', 'pip.conf', '[global]', 'index-url = https://pypi.internal/simple', 'cert = /etc/ssl/internal-ca.pem'),

    // curl and wget.
    bad('curl', '.curlrc', '# defaults for the CI image', 'insecure', 'silent'),
    bad('curl', 'fetch.sh', '#!/bin/sh', 'curl --insecure -o app.tgz https://artifacts.internal/app.tgz'),
    bad('wget', '.wgetrc', 'check_certificate = off', 'tries = 3'),
    bad('wget', 'fetch.sh', '#!/bin/sh', 'wget --no-check-certificate -O app.tgz https://artifacts.internal/app.tgz'),
    ok('curl', 'fetch.sh', '#!/bin/sh', 'curl --cacert /etc/ssl/internal-ca.pem -o app.tgz https://artifacts.internal/app.tgz'),
    ok('wget', '.wgetrc', 'check_certificate = on', 'ca_certificate = /etc/ssl/internal-ca.pem'),
    ok('curl', 'docs/troubleshooting.md', '# Troubleshooting', '', 'If `curl -k` "fixes" the download, the proxy is re-signing TLS: install its CA instead.'),

    // npm and yarn.
    bad('npm', 'setup.sh', '#!/bin/sh', 'npm config set strict-ssl false', 'npm ci'),
    bad('npm', '.npmrc', 'registry=https://npm.internal/', 'strict-ssl=false'),
    bad('npm', '.yarnrc', 'registry "https://npm.internal/"', 'strict-ssl false'),
    bad('npm', '.yarnrc.yml', 'npmRegistryServer: "https://npm.internal"', 'enableStrictSsl: false'),
    ok('npm', '.npmrc', 'registry=https://npm.internal/', 'cafile=/etc/ssl/internal-ca.pem', 'strict-ssl=true'),
    ok('npm', '.npmrc', '# strict-ssl=false  (do not: use cafile)', 'registry=https://npm.internal/'),

    // Environment variables.
    bad('env', 'Dockerfile', 'FROM python:3.12', 'ENV PYTHONHTTPSVERIFY=0', 'CMD ["python", "app.py"]'),
    bad('env', 'docker-compose.yml', 'services:', '  web:', '    image: web', '    environment:', '      NODE_TLS_REJECT_UNAUTHORIZED: "0"'),
    bad('env', 'run.sh', '#!/bin/sh', 'export NODE_TLS_REJECT_UNAUTHORIZED=0', 'node server.js'),
    ok('env', 'Dockerfile', 'FROM node:20', 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/internal-ca.pem', 'CMD ["node", "server.js"]'),
    ok('env', 'docker-compose.yml', 'services:', '  web:', '    image: web', '    environment:', '      NODE_TLS_REJECT_UNAUTHORIZED: "1"'),
  ];
}
