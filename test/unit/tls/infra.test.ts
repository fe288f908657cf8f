import { strict as assert } from 'node:assert';
import { fixed, only, tls } from './helpers';

// Ansible, Terraform and Docker daemon settings (issue 15): where the finding sits, what the fix
// leaves, and the shapes the samples do not show (CRLF lines, heredocs, comments, nesting).

describe('tls infrastructure settings', () => {
  describe('Ansible validate_certs', () => {
    it('each false spelling is a finding on its line; the fix removes the line only', async () => {
      for (const value of ['no', 'false', 'False', '"no"', "'false'", 'off', '0']) {
        const text = `- name: get\r\n  ansible.builtin.get_url:\r\n    url: https://example.com/x\r\n    validate_certs: ${value}\r\n    dest: /tmp/x\r\n`;
        const finding = await only(text, 'tasks/main.yml');
        assert.deepEqual([finding.ruleId, finding.range.start.line], ['tls/ansible-validate-certs', 3], value);
        assert.equal(fixed(text, finding), text.replace(`    validate_certs: ${value}\r\n`, ''));
      }
    });

    it('true spellings, variables and other keys are quiet', async () => {
      for (const value of ['yes', 'true', 'True', '"{{ verify }}"', '{{ verify }}']) {
        assert.deepEqual(await tls(`- get_url:\n    url: https://example.com/x\n    validate_certs: ${value}\n`, 'tasks/main.yml'), [], value);
      }
      assert.deepEqual(await tls('- debug:\n    my_validate_certs: no\n', 'tasks/main.yml'), []);
    });

    it('free-form arguments: the finding is validate_certs=no and the fix removes that argument only', async () => {
      const text = '- name: fetch\n  get_url: url=https://example.com/x.tgz validate_certs=no dest=/tmp/x.tgz\n';
      const finding = await only(text, 'tasks/main.yml');
      assert.equal(finding.excerpt, 'get_url: url=https://example.com/x.tgz validate_certs=no dest=/tmp/x.tgz');
      assert.equal(fixed(text, finding), text.replace(' validate_certs=no', ''));
    });
  });

  describe('Terraform', () => {
    it('a nested block of a provider counts; variable, locals and module blocks do not', async () => {
      const text = [
        'variable "insecure" {', '  default = true', '}',
        'locals {', '  insecure = true', '}',
        'module "k8s" {', '  source   = "./k8s"', '  insecure = true', '}',
        'provider "helm" {', '  kubernetes {', '    host     = var.host', '    insecure = true', '  }', '}', '',
      ].join('\n');
      const finding = await only(text, 'main.tf');
      assert.deepEqual([finding.ruleId, finding.range.start.line], ['tls/terraform-insecure', 13]);
      assert.equal(fixed(text, finding), text.replace('    insecure = true\n  }', '  }'));
    });

    it('braces and settings inside strings, heredocs and comments do not count', async () => {
      const text = [
        'resource "local_file" "notes" {',
        '  content = <<EOT',
        'provider "x" {',
        '  insecure = true',
        'EOT',
        '  filename = "}{"',
        '}',
        '/* provider "vault" {',
        '  skip_tls_verify = true',
        '} */',
        'provider "vault" {',
        '  address = "https://vault.example.com" # skip_tls_verify = true',
        '  // skip_tls_verify = true',
        '}',
        '',
      ].join('\n');
      assert.deepEqual(await tls(text, 'main.tf'), []);
    });

    it('the http data source insecure = true is a finding', async () => {
      const finding = await only('data "http" "x" {\n  url      = "https://api.example.com"\n  insecure = true\n}\n', 'data.tf');
      assert.equal(finding.range.start.line, 2);
    });
  });

  describe('Docker daemon', () => {
    it('one finding per registry off this machine, on its string', async () => {
      const text = '{\n  "insecure-registries": ["localhost:5000", "10.0.0.5:5000", "registry.example.com"]\n}\n';
      const found = await tls(text, 'daemon.json');
      assert.deepEqual(found.map((f) => f.message.split(':')[0]), ['"insecure-registries" lists 10.0.0.5', '"insecure-registries" lists registry.example.com']);
      assert.notEqual(found[0].fingerprint, found[1].fingerprint);
    });

    it('dockerd --insecure-registry in a script; the fix removes the option and its value', async () => {
      const text = '#!/bin/sh\ndockerd -H fd:// --insecure-registry registry.example.com:5000 --debug\n';
      const finding = await only(text, 'start.sh');
      assert.equal(fixed(text, finding), '#!/bin/sh\ndockerd -H fd:// --debug\n');
      assert.deepEqual(await tls('#!/bin/sh\ndockerd --insecure-registry 127.0.0.1:5000\n', 'start.sh'), []);
    });
  });

  describe('container tools and package managers', () => {
    it('podman --tls-verify=false: the fix removes the flag only; --tls-verify alone verifies', async () => {
      const text = '#!/bin/sh\npodman pull --tls-verify=false registry.example.com/app:1\n';
      const finding = await only(text, 'ci.sh');
      assert.equal(finding.ruleId, 'tls/docker-insecure-registry');
      assert.equal(fixed(text, finding), '#!/bin/sh\npodman pull registry.example.com/app:1\n');
      assert.deepEqual(await tls('#!/bin/sh\npodman pull --tls-verify registry.example.com/app:1\n', 'ci.sh'), []);
    });

    it('GOINSECURE wherever environment variables are set; GOPRIVATE and GONOSUMDB are quiet', async () => {
      for (const [text, path] of [['GOINSECURE=git.example.com\n', '.env'], ['env:\n  GOINSECURE: "*.example.com"\n', '.github/workflows/ci.yml'], ['export GOINSECURE=git.example.com\n', 'env.sh']]) {
        assert.equal((await only(text, path)).ruleId, 'tls/package-manager-no-verify', path);
      }
      assert.deepEqual(await tls('GOPRIVATE=git.example.com\nGONOSUMDB=git.example.com\nGOINSECURE=${GOINSECURE}\n', '.env'), []);
    });

    it('.condarc ssl_verify: false only at the top level; the fix removes the line', async () => {
      const text = 'channels:\r\n  - defaults\r\nssl_verify: false\r\n';
      assert.equal(fixed(text, await only(text, '.condarc')), 'channels:\r\n  - defaults\r\n');
      assert.deepEqual(await tls('custom:\n  ssl_verify: false\n', '.condarc'), []);
    });
  });

  describe('command-line clients', () => {
    it('a flag: the fix removes it and keeps the command', async () => {
      const text = '#!/bin/sh\r\naws s3 cp --no-verify-ssl a.txt s3://bucket/a.txt\r\n';
      const finding = await only(text, 'up.sh');
      assert.equal(finding.ruleId, 'tls/cli-no-verify');
      assert.equal(fixed(text, finding), '#!/bin/sh\r\naws s3 cp a.txt s3://bucket/a.txt\r\n');
    });

    it('a config setting has no fix (removing it would leave `config set` bare)', async () => {
      const finding = await only('gcloud config set auth/disable_ssl_validation True\n', 'setup.sh');
      assert.equal(finding.fixes, undefined);
    });

    it('flags that verify, and the same words for other programs, are quiet', async () => {
      const text = '#!/bin/sh\netcdctl --insecure-skip-tls-verify=false get /\nls --insecure\nvault status -tls-skip-verify=false\n';
      assert.deepEqual(await tls(text, 'a.sh'), []);
    });
  });

  describe('pip requirements files', () => {
    it('--trusted-host in requirements*.txt and requirements/*.txt; not in other text files', async () => {
      const text = '--index-url https://pypi.internal/simple\n--trusted-host pypi.internal\nrequests==2.32.3\n';
      for (const path of ['requirements.txt', 'requirements-dev.txt', 'requirements/base.txt', 'constraints.txt']) {
        const finding = await only(text, path);
        assert.deepEqual([finding.ruleId, finding.range.start.line], ['tls/pip-trusted-host', 1], path);
        assert.equal(fixed(text, finding), text.replace('--trusted-host pypi.internal\n', ''));
      }
      assert.deepEqual(await tls(text, 'notes.txt'), []);
    });
  });
});
