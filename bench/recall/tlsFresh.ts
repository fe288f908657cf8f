import type { TlsCase } from './tlsCases';

// A third labelled tls set, written at the end of the session and NOT tuned to: its figures are
// the ones to quote for cases the rules were not shaped on. Shapes and APIs the first two sets do
// not use (needle, TLSSocket, ftplib/imaplib, asyncio streams, tls.Dial, Vert.x, fully qualified
// JSSE names, C# discards, Excon defaults, httpclient ssl_config, Guzzle setDefaultOption, ...).

const bad = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: true });
const ok = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: false });

export function tlsFreshCases(): TlsCase[] {
  return [
    bad('node', 'src/needle.js', 'needle.get(url, { rejectUnauthorized: false }, (err, res) => done(err, res));'),
    bad('node', 'src/sock.ts', 'const secure = new tls.TLSSocket(socket, { rejectUnauthorized: false });'),
    bad('node', 'src/env.js', 'process.env.NODE_TLS_REJECT_UNAUTHORIZED = 0;'),
    bad('node', 'src/apollo.ts', 'const link = new HttpLink({ uri, fetchOptions: { agent: new https.Agent({ rejectUnauthorized: false }) } });'),
    ok('node', 'src/sock.ts', 'const secure = new tls.TLSSocket(socket, { rejectUnauthorized: true, ca });'),
    ok('node', 'src/env.js', "process.env.NODE_EXTRA_CA_CERTS = '/etc/ssl/internal-ca.pem';"),

    bad('python', 'pool.py', 'http = urllib3.PoolManager(cert_reqs=ssl.CERT_NONE)'),
    bad('python', 'client.py', 'client = httpx.Client(transport=httpx.HTTPTransport(verify=False))'),
    bad('python', 'stream.py', 'import asyncio, ssl', 'async def talk(host):', '    ctx = ssl.SSLContext()', '    reader, writer = await asyncio.open_connection(host, 443, ssl=ctx)'),
    bad('python', 'ftp.py', 'ftps = ftplib.FTP_TLS(host, context=ssl._create_unverified_context())'),
    bad('python', 'mail.py', 'imap = imaplib.IMAP4_SSL(host, ssl_context=ssl._create_unverified_context())'),
    bad('python', 'legacy.py', 'async with session.get(url, verify_ssl=False) as resp:', '    body = await resp.read()'),
    ok('python', 'pool.py', "http = urllib3.PoolManager(cert_reqs='CERT_REQUIRED', ca_certs=certifi.where())"),
    ok('python', 'client.py', 'client = httpx.Client(verify=True, timeout=10)'),

    bad('go', 'dial.go', 'package main', '', 'func dial(addr string) (*tls.Conn, error) {', '\treturn tls.Dial("tcp", addr, &tls.Config{InsecureSkipVerify: true})', '}'),
    bad('go', 'conf.go', 'package main', '', 'func conf() tls.Config {', '\tconf := tls.Config{}', '\tconf.InsecureSkipVerify = true', '\treturn conf', '}'),
    ok('go', 'dial.go', 'package main', '', 'func dial(addr string) (*tls.Conn, error) {', '\treturn tls.Dial("tcp", addr, &tls.Config{RootCAs: pool})', '}'),

    bad('java', 'Setup.java', 'class Setup {', '  void install() throws Exception {', '    SSLContext ctx = SSLContext.getInstance("SSL");', '    ctx.init(null, new TrustManager[] { new TrustAllManager() }, null);', '  }', '}'),
    bad('java', 'Tm.java', 'class Tm {', '  X509TrustManager tm = new X509TrustManager() {', '    public void checkClientTrusted(X509Certificate[] c, String a) { return; }', '    public void checkServerTrusted(X509Certificate[] c, String a) { return; }', '    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }', '  };', '}'),
    bad('java', 'Fq.java', 'class Fq {', '  static { javax.net.ssl.HttpsURLConnection.setDefaultHostnameVerifier(new javax.net.ssl.HostnameVerifier() { public boolean verify(String h, javax.net.ssl.SSLSession s) { return true; } }); }', '}'),
    bad('java', 'Vertx.java', 'class Vertx {', '  WebClient client = WebClient.create(vertx, new WebClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));', '}'),
    ok('java', 'Vertx.java', 'class Vertx {', '  WebClient client = WebClient.create(vertx, new WebClientOptions().setSsl(true).setTrustOptions(new PemTrustOptions().addCertPath("ca.pem")));', '}'),

    bad('csharp', 'Client.cs', 'handler.ServerCertificateCustomValidationCallback = delegate { return true; };'),
    bad('csharp', 'Legacy.cs', 'ServicePointManager.ServerCertificateValidationCallback = ((sender, certificate, chain, sslPolicyErrors) => true);'),
    bad('csharp', 'Client.cs', 'var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };'),
    ok('csharp', 'Legacy.cs', 'ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12;'),

    bad('ruby', 'client.rb', 'http = Net::HTTP.new(host, 443).tap { |h| h.use_ssl = true; h.verify_mode = OpenSSL::SSL::VERIFY_NONE }'),
    bad('ruby', 'boot.rb', 'Excon.defaults[:ssl_verify_peer] = false'),
    bad('ruby', 'client.rb', 'client = HTTPClient.new', 'client.ssl_config.verify_mode = OpenSSL::SSL::VERIFY_NONE'),
    ok('ruby', 'boot.rb', 'Excon.defaults[:ssl_verify_peer] = true'),

    bad('php', 'legacy.php', '<?php', "$client->setDefaultOption('verify', false);"),
    bad('php', 'fetch.php', '<?php', 'curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, false);'),
    bad('php', 'get.php', '<?php', "$opts = ['http' => ['method' => 'GET'], 'ssl' => ['verify_peer' => false]];", '$body = file_get_contents($url, false, stream_context_create($opts));'),
    ok('php', 'fetch.php', '<?php', 'curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);'),

    bad('config', 'install.sh', '#!/bin/sh', 'curl -sSLk https://get.internal/install.sh | sh'),
    bad('config', 'Dockerfile', 'FROM node:20', 'RUN npm install --strict-ssl=false'),
    bad('config', 'setup.sh', '#!/bin/sh', 'pip config set global.trusted-host pypi.internal'),
    bad('config', 'Makefile', 'fetch:', '\twget --no-check-certificate https://artifacts.internal/x.tgz'),
    bad('config', 'Dockerfile', 'FROM alpine', 'RUN git config --system http.sslverify false'),
    ok('config', 'install.sh', '#!/bin/sh', 'curl -fsSL https://get.internal/install.sh | sh'),
    ok('config', 'Dockerfile', 'FROM python:3.12', 'RUN pip install --index-url https://pypi.internal/simple --cert /etc/ssl/ca.pem app'),
  ];
}
