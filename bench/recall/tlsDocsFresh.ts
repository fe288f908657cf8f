import type { TlsCase } from './tlsCases';

// A fifth labelled tls set, written after the rules were improved on tlsDocsCode/tlsDocsConfig's
// misses and NOT tuned to when first measured: the figure to quote for shapes the rules were not
// shaped on. Other documented APIs of the same libraries and tools (spread options, global agents,
// ORMs' dialect options, socket.io, OpenSearch, redis-py, zeep, resty, gorilla/websocket,
// RestAssured, Mechanize, SoapClient, podman/skopeo, GOINSECURE, conda, poetry, Ansible
// connection variables, more Terraform providers), and negatives of the same shapes.

const bad = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: true });
const ok = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: false });

const go = (...body: string[]) => ['package client', '', 'import "crypto/tls"', '', ...body];

export function tlsDocsFreshCases(): TlsCase[] {
  return [
    // Node.js.
    bad('node', 'src/agent.ts', 'const agent = new https.Agent({ ...baseOptions, keepAlive: true, rejectUnauthorized: false });'),
    bad('node', 'src/defaults.js', 'axios.defaults.httpsAgent = new https.Agent({ rejectUnauthorized: false });'),
    bad('node', 'src/global.js', 'https.globalAgent.options.rejectUnauthorized = false;'),
    bad('node', 'src/mongoose.ts', 'await mongoose.connect(uri, { tls: true, tlsAllowInvalidCertificates: true });'),
    bad('node', 'src/sequelize.js', 'const sequelize = new Sequelize(db, user, pass, {', "  dialect: 'postgres',", '  dialectOptions: { ssl: { require: true, rejectUnauthorized: false } },', '});'),
    bad('node', 'src/redis4.ts', 'const client = createClient({ url, socket: { tls: true, rejectUnauthorized: false } });'),
    bad('node', 'src/socket.ts', "const socket = io('https://rt.internal', { secure: true, rejectUnauthorized: false });"),
    ok('node', 'src/agent.ts', 'const agent = new https.Agent({ ...baseOptions, keepAlive: true, ca: internalCa });'),
    ok('node', 'src/sequelize.js', 'const sequelize = new Sequelize(db, user, pass, {', "  dialect: 'postgres',", '  dialectOptions: { ssl: { require: true, ca: rdsCa } },', '});'),
    ok('node', 'docs/tls.md', '# TLS', '', 'Do not pass `rejectUnauthorized: false` to `https.Agent`; set `NODE_EXTRA_CA_CERTS` instead.'),

    // Python.
    bad('python', 'get.py', 'import requests', 'r = requests.Session().get(url, verify=False)'),
    bad('python', 'conn.py', 'import urllib3', "pool = urllib3.connection_from_url(url, cert_reqs='CERT_NONE')"),
    bad('python', 'host.py', 'import ssl', 'ssl_ctx = ssl.create_default_context()', 'ssl_ctx.check_hostname = False'),
    bad('python', 'one.py', 'import aiohttp', 'async def get(url):', "    async with aiohttp.request('GET', url, ssl=False) as resp:", '        return await resp.json()'),
    bad('python', 'soap.py', 'from requests import Session', 'from zeep import Client', 'from zeep.transports import Transport', 'session = Session()', 'session.verify = False', 'client = Client(wsdl, transport=Transport(session=session))'),
    bad('python', 'search.py', 'from opensearchpy import OpenSearch', 'client = OpenSearch(hosts=[{"host": host, "port": 9200}], use_ssl=True, verify_certs=False)'),
    bad('python', 'cache.py', 'import redis', 'r = redis.Redis(host=host, port=6380, ssl=True, ssl_cert_reqs="none")'),
    bad('python', 'mail.py', 'import smtplib, ssl', 'server = smtplib.SMTP(host, 587)', 'server.starttls(context=ssl._create_unverified_context())'),
    bad('python', 'httpx_ctx.py', 'import ssl, httpx', 'ctx = ssl._create_unverified_context()', 'client = httpx.Client(verify=ctx)'),
    ok('python', 'get.py', 'import requests', 'r = requests.Session().get(url, verify=CA_BUNDLE)'),
    ok('python', 'search.py', 'client = OpenSearch(hosts=hosts, use_ssl=True, verify_certs=True, ca_certs=CA)'),
    ok('python', 'cache.py', 'r = redis.Redis(host=host, port=6380, ssl=True, ssl_cert_reqs="required", ssl_ca_certs=CA)'),
    ok('python', 'tests/test_soap.py', 'def test_transport_uses_session(mocker):', '    session = mocker.Mock()', '    build(session)', '    assert session.verify is True'),

    // Go.
    bad('go', 'tlsvar.go', ...go('func client() *http.Client {', '\ttlsConfig := &tls.Config{InsecureSkipVerify: true}', '\treturn &http.Client{Transport: &http.Transport{TLSClientConfig: tlsConfig}}', '}')),
    bad('go', 'resty.go', ...go('func api() *resty.Client {', '\treturn resty.New().SetTLSClientConfig(&tls.Config{InsecureSkipVerify: true})', '}')),
    bad('go', 'ws.go', ...go('var dialer = websocket.Dialer{', '\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},', '}')),
    ok('go', 'resty.go', ...go('func api(pool *x509.CertPool) *resty.Client {', '\treturn resty.New().SetTLSClientConfig(&tls.Config{RootCAs: pool})', '}')),

    // Java and Kotlin.
    bad('java', 'Lambda.java', 'class Lambda {', '  static { HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true); }', '}'),
    bad('java', 'Conn.java', 'class Conn {', '  void open(HttpsURLConnection conn) {', '    conn.setHostnameVerifier(new HostnameVerifier() {', '      public boolean verify(String hostname, SSLSession session) { return true; }', '    });', '  }', '}'),
    bad('java', 'Okhttp.java', 'class Okhttp {', '  OkHttpClient c = new OkHttpClient.Builder().hostnameVerifier(NoopHostnameVerifier.INSTANCE).build();', '}'),
    bad('java', 'src/main/java/Api.java', 'class Api {', '  static { RestAssured.useRelaxedHTTPSValidation(); }', '}'),
    ok('java', 'Lambda.java', 'class Lambda {', '  static { HttpsURLConnection.setDefaultHostnameVerifier(HttpsURLConnection.getDefaultHostnameVerifier()); }', '}'),
    bad('kotlin', 'Verifier.kt', 'val client = OkHttpClient.Builder()', '    .hostnameVerifier(HostnameVerifier { _, _ -> true })', '    .build()'),
    ok('kotlin', 'Verifier.kt', 'val client = OkHttpClient.Builder()', '    .hostnameVerifier(OkHostnameVerifier)', '    .build()'),

    // C#.
    bad('csharp', 'Discard.cs', 'handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => { return true; };'),
    bad('csharp', 'Legacy.cs', 'ServicePointManager.ServerCertificateValidationCallback = delegate { return true; };'),
    bad('csharp', 'Auth.cs', 'await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions {', '    TargetHost = host,', '    RemoteCertificateValidationCallback = (s, c, ch, e) => true,', '});'),
    ok('csharp', 'Pinned.cs', 'handler.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) => errors == SslPolicyErrors.None || IsPinned(cert);'),

    // Ruby.
    bad('ruby', 'rest.rb', 'RestClient::Request.execute(method: :get, url: url, verify_ssl: OpenSSL::SSL::VERIFY_NONE)'),
    bad('ruby', 'excon.rb', 'conn = Excon.new(url, ssl_verify_peer: false)'),
    bad('ruby', 'mech.rb', 'agent = Mechanize.new { |a| a.verify_mode = OpenSSL::SSL::VERIFY_NONE }'),
    ok('ruby', 'excon.rb', 'conn = Excon.new(url, ssl_verify_peer: true, ssl_ca_file: CA)'),

    // PHP.
    bad('php', 'host.php', '<?php', 'curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);'),
    bad('php', 'guzzle.php', '<?php', 'use GuzzleHttp\\RequestOptions;', '$res = $client->get($url, [RequestOptions::VERIFY => false]);'),
    bad('php', 'laravel.php', '<?php', "$res = Http::withOptions(['verify' => false])->get($url);"),
    bad('php', 'soap.php', '<?php', "$client = new SoapClient($wsdl, ['stream_context' => stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]])]);"),
    ok('php', 'guzzle.php', '<?php', 'use GuzzleHttp\\RequestOptions;', '$res = $client->get($url, [RequestOptions::VERIFY => $caBundle]);'),

    // Configuration and tools.
    bad('config', 'group_vars/all.yml', 'ansible_connection: httpapi', 'ansible_httpapi_use_ssl: true', 'ansible_httpapi_validate_certs: false'),
    bad('config', 'tasks/block.yml', '- block:', '    - name: health', '      ansible.builtin.uri:', '        url: https://app.internal/health', '        validate_certs: no', '  when: check_health'),
    bad('config', 'rancher.tf', 'provider "rancher2" {', '  api_url  = var.rancher_url', '  insecure = true', '}'),
    bad('config', 'ci.sh', '#!/bin/sh', 'podman pull --tls-verify=false registry.internal/app:latest'),
    bad('config', 'mirror.sh', '#!/bin/sh', 'skopeo copy --src-tls-verify=false docker://registry.internal/app docker://quay.io/org/app'),
    bad('config', 'Dockerfile', 'FROM golang:1.22', 'ENV GOINSECURE=git.internal', 'RUN go mod download'),
    bad('config', '.condarc', 'channels:', '  - defaults', 'ssl_verify: false'),
    bad('config', 'setup.sh', '#!/bin/sh', 'poetry config certificates.internal.cert false'),
    bad('config', '.npmrc', 'registry = https://npm.internal/', 'strict-ssl = false'),
    bad('config', 'scoped.sh', '#!/bin/sh', 'git config --global http.https://git.internal/.sslVerify false'),
    bad('config', '.github/workflows/e2e.yml', 'jobs:', '  e2e:', '    runs-on: ubuntu-latest', '    env:', '      NODE_TLS_REJECT_UNAUTHORIZED: 0', '    steps:', '      - run: npm test'),
    ok('config', 'ci.sh', '#!/bin/sh', 'podman pull --tls-verify=true registry.internal/app:latest'),
    ok('config', 'rancher.tf', 'provider "rancher2" {', '  api_url   = var.rancher_url', '  ca_certs  = file("ca.pem")', '  insecure  = false', '}'),
    ok('config', 'README.md', '# Setup', '', '```sh', 'curl -k https://localhost:8443/health  # the dev server uses a self-signed cert', '```'),
    ok('config', '.condarc', 'channels:', '  - defaults', 'ssl_verify: /etc/ssl/internal-ca.pem'),
  ];
}
