import { MITM, tlsRule } from '../rule';

// The tls rules for infrastructure tools' own settings: Ansible module arguments, Terraform
// provider blocks, the Docker daemon's registries. Metadata and samples; the matchers are in
// ./yaml.ts (Ansible), ./terraform.ts and ./dockerDaemon.ts (with `dockerd` in ./commands.ts).

export const ansibleValidateCerts = tlsRule({
  name: 'ansible-validate-certs',
  title: 'Ansible task without certificate verification',
  severity: 'error',
  help: `${MITM} What the task downloads or the API it calls can be swapped on the way, on every host the play runs on. Remove \`validate_certs\` (the modules verify by default) and give the private CA instead: \`ca_path:\` (uri, get_url), \`ca_cert:\` (k8s), or install the CA on the hosts.`,
  samples: {
    positive: () => [
      { text: '- name: fetch artifact\n  ansible.builtin.get_url:\n    url: https://artifacts.example.com/app.tgz\n    dest: /tmp/app.tgz\n    validate_certs: no\n', path: 'playbook.yml' },
      { text: '- name: health\n  ansible.builtin.uri:\n    url: https://app.example.com/health\n    validate_certs: false\n', path: 'roles/app/tasks/main.yml' },
      { text: '- name: apply\n  kubernetes.core.k8s:\n    src: deploy.yml\n    validate_certs: False\n', path: 'tasks/k8s.yaml' },
      { text: '- hosts: all\n  tasks:\n    - name: key\n      apt_key:\n        url: https://repo.example.com/key.gpg\n        validate_certs: "no"\n', path: 'site.yml' },
      { text: '- name: fetch\n  get_url: url=https://example.com/x.tgz dest=/tmp/x.tgz validate_certs=no\n', path: 'tasks/main.yml' },
      { text: '- get_url:\n    url: https://example.com/x.tgz\n    dest: /tmp/x.tgz\n    validate_certs: off # lab mirror\n', path: 'tasks/main.yml' },
      { text: 'ansible_connection: httpapi\nansible_httpapi_use_ssl: true\nansible_httpapi_validate_certs: false\n', path: 'group_vars/switches.yml' },
      { text: 'ansible_connection: winrm\nansible_winrm_server_cert_validation: ignore\n', path: 'host_vars/win01.yml' },
      { text: 'ansible-galaxy collection install -r requirements.yml --ignore-certs\n', path: 'setup.sh' },
    ],
    negative: () => [
      { text: '- name: health\n  ansible.builtin.uri:\n    url: https://app.example.com/health\n    validate_certs: true\n', path: 'tasks/main.yml', reason: 'verification stays on' },
      { text: '- name: fetch\n  ansible.builtin.get_url:\n    url: https://example.com/x\n    dest: /tmp/x\n    validate_certs: "{{ verify_tls }}"\n', path: 'tasks/main.yml', reason: 'a variable: the play decides, the file does not say' },
      { text: '- name: fetch\n  ansible.builtin.get_url:\n    url: https://example.com/x\n    # validate_certs: no\n', path: 'tasks/main.yml', reason: 'a commented-out line' },
      { text: '- name: note\n  ansible.builtin.debug:\n    msg: "never set validate_certs: no here"\n', path: 'tasks/main.yml', reason: 'text inside a message' },
      { text: '- name: fetch\n  get_url: url=https://example.com/x.tgz dest=/tmp/x.tgz validate_certs=yes\n', path: 'tasks/main.yml', reason: 'free-form arguments that verify' },
      { text: 'ansible_httpapi_validate_certs: true\nansible_winrm_server_cert_validation: validate\n', path: 'group_vars/all.yml', reason: 'connection variables that verify' },
    ],
  },
});

export const terraformInsecure = tlsRule({
  name: 'terraform-insecure',
  title: 'Terraform provider without certificate verification',
  severity: 'error',
  help: `${MITM} The provider sends its credentials over that connection and applies whatever the answer says. Give the provider the CA instead (\`ca_cert_file\`, \`cluster_ca_certificate\`, \`ca_file\`, ... as the provider names it).`,
  samples: {
    positive: () => [
      { text: 'provider "vault" {\n  address         = "https://vault.example.com:8200"\n  skip_tls_verify = true\n}\n', path: 'providers.tf' },
      { text: 'provider "kubernetes" {\n  host     = var.host\n  insecure = true\n}\n', path: 'main.tf' },
      { text: 'provider "vsphere" {\n  vsphere_server       = var.vcenter\n  allow_unverified_ssl = true\n}\n', path: 'vsphere.tf' },
      { text: 'provider "proxmox" {\n  pm_api_url      = var.url\n  pm_tls_insecure = true\n}\n', path: 'proxmox.tf' },
      { text: 'provider "restapi" {\n  uri      = "https://api.example.com"\n  insecure = "true"\n}\n', path: 'api.tf' },
      { text: 'provider "helm" {\n  kubernetes {\n    host     = var.host\n    insecure = true\n  }\n}\n', path: 'helm.tf' },
      { text: 'terraform {\n  backend "http" {\n    address                = "https://state.example.com/app"\n    skip_cert_verification = true\n  }\n}\n', path: 'backend.tf' },
      { text: 'provider "cloudfoundry" {\n  api_url             = var.api\n  skip_ssl_validation = true\n}\n', path: 'cf.tf' },
    ],
    negative: () => [
      { text: 'provider "kubernetes" {\n  host                   = var.host\n  cluster_ca_certificate = base64decode(var.ca)\n  insecure               = false\n}\n', path: 'main.tf', reason: 'verification stays on' },
      { text: 'variable "insecure" {\n  type    = bool\n  default = true\n}\n', path: 'variables.tf', reason: 'a variable declaration decides nothing' },
      { text: 'provider "vault" {\n  # skip_tls_verify = true\n  ca_cert_file = "/etc/ssl/vault-ca.pem"\n}\n', path: 'providers.tf', reason: 'a commented-out line' },
      { text: 'provider "kubernetes" {\n  insecure = var.insecure\n}\n', path: 'main.tf', reason: 'a variable: the caller decides' },
      { text: 'resource "aws_security_group_rule" "x" {\n  description = "insecure = true is refused"\n}\n', path: 'main.tf', reason: 'text inside a string' },
    ],
  },
});

export const dockerInsecureRegistry = tlsRule({
  name: 'docker-insecure-registry',
  title: 'Container registry without certificate verification',
  severity: 'error',
  help: `${MITM} Docker accepts that registry over plain HTTP or with any certificate, so the images it pulls can be swapped. Trust the registry's CA instead: put it in \`/etc/docker/certs.d/<registry>/ca.crt\`.`,
  samples: {
    positive: () => [
      { text: '{\n  "insecure-registries": ["registry.example.com:5000"],\n  "log-driver": "json-file"\n}\n', path: 'daemon.json' },
      { text: '{\n  "insecure-registries": [\n    "10.0.0.5:5000",\n    "registry.example.com"\n  ]\n}\n', path: 'etc/docker/daemon.json' },
      { text: '#!/bin/sh\ndockerd --insecure-registry registry.example.com:5000 &\n', path: 'provision.sh' },
      { text: 'dockerd -H fd:// --insecure-registry=registry.example.com:5000\n', path: 'provision.sh' },
      { text: '#!/bin/sh\npodman pull --tls-verify=false registry.example.com/app:1.0\n', path: 'ci.sh' },
      { text: 'skopeo copy --src-tls-verify=false docker://registry.example.com/app docker://quay.io/org/app\n', path: 'mirror.sh' },
      { text: 'FROM quay.io/buildah/stable\nRUN buildah push --tls-verify=false app registry.example.com/app\n', path: 'Dockerfile' },
    ],
    negative: () => [
      { text: '{\n  "insecure-registries": [],\n  "log-driver": "json-file"\n}\n', path: 'daemon.json', reason: 'an empty list' },
      { text: '{\n  "insecure-registries": ["localhost:5000", "127.0.0.1:5000"]\n}\n', path: 'daemon.json', reason: 'a registry on this machine: nothing on the network to intercept' },
      { text: '{\n  "registry-mirrors": ["https://mirror.example.com"]\n}\n', path: 'daemon.json', reason: 'mirrors are verified' },
      { text: 'echo "dockerd --insecure-registry is not allowed"\n', path: 'a.sh', reason: 'text printed by echo' },
      { text: 'podman pull --tls-verify=true registry.example.com/app:1.0\nskopeo inspect --tls-verify docker://registry.example.com/app\n', path: 'ci.sh', reason: 'verifying (the flag alone means true)' },
    ],
  },
});

export const packageManagerNoVerify = tlsRule({
  name: 'package-manager-no-verify',
  title: 'Package manager without certificate verification (conda, Pipenv, Poetry, Go, RubyGems, Maven, apt, yum/dnf)',
  severity: 'error',
  help: `${MITM} A package index reached this way can serve anyone's code, which then runs in the build. Trust the private CA instead: conda \`ssl_verify: /path/ca.pem\`, Poetry \`certificates.<repo>.cert /path/ca.pem\`, Go \`SSL_CERT_FILE\` (and GOPROXY over verified HTTPS), RubyGems \`:ssl_ca_cert:\`.`,
  samples: {
    positive: () => [
      { text: 'channels:\n  - defaults\nssl_verify: false\n', path: '.condarc' },
      { text: 'conda config --set ssl_verify false\n', path: 'setup.sh' },
      { text: 'poetry config certificates.internal.cert false\n', path: 'setup.sh' },
      { text: 'POETRY_CERTIFICATES_INTERNAL_CERT=false\n', path: '.env' },
      { text: 'FROM golang:1.22\nENV GOINSECURE=git.example.com\nRUN go mod download\n', path: 'Dockerfile' },
      { text: 'go env -w GOINSECURE=*.example.com\n', path: 'setup.sh' },
      { text: '---\n:ssl_verify_mode: 0\n:sources:\n- https://gems.example.com/\n', path: '.gemrc' },
      { text: 'bundle config set ssl_verify_mode 0\n', path: 'setup.sh' },
      { text: '[[source]]\nurl = "https://pypi.example.com/simple"\nverify_ssl = false\nname = "internal"\n', path: 'Pipfile' },
      { text: 'mvn -B -Dmaven.wagon.http.ssl.insecure=true -Dmaven.wagon.http.ssl.allowall=true package\n', path: 'ci.sh' },
      { text: 'variables:\n  MAVEN_OPTS: "-Dmaven.wagon.http.ssl.insecure=true"\n', path: '.gitlab-ci.yml' },
      { text: 'FROM debian:12\nRUN apt-get -o Acquire::https::Verify-Peer=false update\n', path: 'Dockerfile' },
      { text: 'Acquire::https::Verify-Peer "false";\nAcquire::https::repo.example.com::Verify-Host "false";\n', path: 'etc/apt/apt.conf.d/99insecure' },
      { text: '[internal]\nname=Internal\nbaseurl=https://repo.example.com/el9\nsslverify=0\n', path: 'internal.repo' },
      { text: 'dnf --setopt=sslverify=false install -y app\n', path: 'setup.sh' },
    ],
    negative: () => [
      { text: 'channels:\n  - defaults\nssl_verify: /etc/ssl/internal-ca.pem\n', path: '.condarc', reason: 'verifying with the private CA' },
      { text: 'conda config --set ssl_verify true\npoetry config certificates.internal.cert /etc/ssl/ca.pem\n', path: 'setup.sh', reason: 'verifying, with a CA for Poetry' },
      { text: 'FROM golang:1.22\nENV GOINSECURE=\nENV GOPRIVATE=git.example.com\n', path: 'Dockerfile', reason: 'an empty GOINSECURE; GOPRIVATE only skips the checksum database' },
      { text: '---\n:ssl_verify_mode: 1\n', path: '.gemrc', reason: 'VERIFY_PEER' },
      { text: '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n', path: 'Pipfile', reason: 'Pipenv verifying' },
      { text: 'mvn -B -Dmaven.wagon.http.ssl.insecure=false package\napt-get -o Acquire::https::CaInfo=/etc/ssl/ca.pem update\ndnf --setopt=sslcacert=/etc/ssl/ca.pem install app\n', path: 'ci.sh', reason: 'Maven, apt and dnf verifying (with a CA)' },
      { text: '[internal]\nbaseurl=https://repo.example.com/el9\nsslverify=1\nsslcacert=/etc/pki/ca.pem\n', path: 'internal.repo', reason: 'a repository verified with its CA' },
      { text: '# conda config --set ssl_verify false\necho "poetry config certificates.x.cert false"\n', path: 'a.sh', reason: 'a comment and text printed by echo' },
    ],
  },
});

export const cliNoVerify = tlsRule({
  name: 'cli-no-verify',
  title: 'Command-line client without certificate verification',
  severity: 'error',
  help: `${MITM} Such a client usually carries credentials (cloud keys, a Vault token, an admin login). Give it the CA instead: \`aws --ca-bundle\` / \`AWS_CA_BUNDLE\`, \`VAULT_CACERT\`, \`--cacert\`, \`REQUESTS_CA_BUNDLE\`, ... as the tool names it.`,
  samples: {
    positive: () => [
      { text: 'aws s3 ls s3://bucket --no-verify-ssl\n', path: 'sync.sh' },
      { text: 'gcloud config set auth/disable_ssl_validation True\n', path: 'setup.sh' },
      { text: 'az config set core.disable_connection_verification=true\n', path: 'setup.sh' },
      { text: 'export AZURE_CLI_DISABLE_CONNECTION_VERIFICATION=1\n', path: 'env.sh' },
      { text: 'vault login -tls-skip-verify -method=userpass username=ci\n', path: 'ci.sh' },
      { text: 'FROM hashicorp/vault\nENV VAULT_SKIP_VERIFY=true\n', path: 'Dockerfile' },
      { text: 'CONSUL_HTTP_SSL_VERIFY=false\nNOMAD_SKIP_VERIFY=1\n', path: '.env' },
      { text: 'etcdctl --insecure-skip-tls-verify --endpoints https://10.0.0.1:2379 get /\n', path: 'backup.sh' },
      { text: 'argocd login argocd.example.com --insecure --username admin\n', path: 'deploy.sh' },
      { text: 'mc --insecure ls minio/bucket\n', path: 'ls.sh' },
      { text: 'http --verify=no https://api.example.com/health\n', path: 'check.sh' },
      { text: 'grpcurl -insecure api.example.com:443 list\n', path: 'check.sh' },
      { text: 'LDAPTLS_REQCERT=never ldapsearch -H ldaps://ldap.example.com -x\n', path: 'ldap.sh' },
      { text: 'svn checkout --trust-server-cert-failures=unknown-ca,cn-mismatch https://svn.example.com/repo\n', path: 'co.sh' },
      { text: 'hg clone --insecure https://hg.example.com/repo\n', path: 'co.sh' },
      { text: 'aria2c --check-certificate=false https://example.com/big.iso\n', path: 'get.sh' },
      { text: 'services:\n  traefik:\n    command:\n      - --serversTransport.insecureSkipVerify=true\n', path: 'docker-compose.yml' },
      { text: 'promtool check metrics --tls-skip-verify https://app.example.com/metrics\n', path: 'check.sh' },
    ],
    negative: () => [
      { text: 'aws s3 ls s3://bucket --ca-bundle /etc/ssl/ca.pem\n', path: 'sync.sh', reason: 'the secure alternative' },
      { text: 'gcloud config set auth/disable_ssl_validation False\nexport VAULT_SKIP_VERIFY=false\nexport CONSUL_HTTP_SSL_VERIFY=true\n', path: 'setup.sh', reason: 'verification kept on' },
      { text: 'argocd app list --insecure-skip-tls-verify=false\nmc ls minio/bucket\nhttp --verify=/etc/ssl/ca.pem https://api.example.com\n', path: 'a.sh', reason: 'verifying, or a CA bundle' },
      { text: 'echo "aws --no-verify-ssl is forbidden"\n# vault login -tls-skip-verify\n', path: 'a.sh', reason: 'text printed by echo, a comment' },
      { text: 'LDAPTLS_REQCERT=demand ldapsearch -H ldaps://ldap.example.com -x\n', path: 'ldap.sh', reason: 'demand verifies' },
      { text: 'traefik --serversTransport.insecureSkipVerify=false\nsometool --insecure-skip-verify-docs\n', path: 'run.sh', reason: 'false, and a flag that only starts with the words' },
    ],
  },
});

export const serviceConfigNoVerify = tlsRule({
  name: 'service-config-no-verify',
  title: 'Service configuration without certificate verification',
  severity: 'error',
  help: `${MITM} The service sends its credentials (scrape tokens, API keys, database logins) over that connection. Give it the CA instead (\`ca_file\`, \`certificate_authorities\`, \`caBundle\`, ... as the service names it).`,
  samples: {
    positive: () => [
      { text: 'scrape_configs:\n  - job_name: node\n    scheme: https\n    tls_config:\n      insecure_skip_verify: true\n', path: 'prometheus.yml' },
      { text: 'serversTransport:\n  insecureSkipVerify: true\n', path: 'traefik.yml' },
      { text: 'apiVersion: 1\ndatasources:\n  - name: Loki\n    jsonData:\n      tlsSkipVerify: true\n', path: 'provisioning/datasources/loki.yaml' },
      { text: 'output.elasticsearch:\n  hosts: ["https://es.example.com:9200"]\n  ssl.verification_mode: none\n', path: 'filebeat.yml' },
      { text: '[[inputs.http]]\n  urls = ["https://api.example.com/metrics"]\n  insecure_skip_verify = true\n', path: 'telegraf.conf' },
      { text: 'spring.rabbitmq.ssl.validate-server-certificate=false\nspring.rabbitmq.ssl.verify-hostname=false\n', path: 'application.properties' },
      { text: 'security.protocol=SSL\nssl.endpoint.identification.algorithm=\n', path: 'client.properties' },
      { text: 'backend web\n  server web1 10.0.0.1:443 ssl verify none\n', path: 'haproxy.cfg' },
      { text: 'output { elasticsearch { hosts => ["https://es:9200"] ssl_certificate_verification => false } }\n', path: 'pipeline/logstash.conf' },
      { text: '[sinks.es]\ntype = "elasticsearch"\ntls.verify_certificate = false\n', path: 'vector.toml' },
      { text: 'sinks:\n  es:\n    type: elasticsearch\n    tls:\n      verify_certificate: false\n', path: 'vector.yaml' },
      { text: 'elasticsearch:\n  ssl:\n    verification_mode: none\n', path: 'kibana.yml' },
    ],
    negative: () => [
      { text: 'scrape_configs:\n  - job_name: node\n    tls_config:\n      ca_file: /etc/prometheus/ca.pem\n      insecure_skip_verify: false\n', path: 'prometheus.yml', reason: 'verifying with the CA' },
      { text: 'output.elasticsearch:\n  ssl.verification_mode: full\n  ssl.certificate_authorities: ["/etc/ca.pem"]\n', path: 'filebeat.yml', reason: 'full verification' },
      { text: 'ssl.endpoint.identification.algorithm=https\nspring.rabbitmq.ssl.verify-hostname=true\n', path: 'client.properties', reason: 'host name verification on' },
      { text: 'backend web\n  server web1 10.0.0.1:443 ssl verify required ca-file /etc/haproxy/ca.pem\n  # server web2 10.0.0.2:443 ssl verify none\n', path: 'haproxy.cfg', reason: 'verify required, and a commented line' },
      { text: '# insecure_skip_verify: true\ndescription: "never set insecure_skip_verify: true"\n', path: 'notes.yml', reason: 'a comment and a string' },
      { text: 'users:\n  signup:\n    verification_mode: none\nrelease:\n  verify_certificate: false\n', path: 'app.yml', reason: 'generic words outside an ssl/tls key: e-mail verification, code signing' },
    ],
  },
});

export const infraRules = [ansibleValidateCerts, terraformInsecure, dockerInsecureRegistry, packageManagerNoVerify, cliNoVerify, serviceConfigNoVerify] as const;
