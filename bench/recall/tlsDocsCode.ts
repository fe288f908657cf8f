import type { TlsCase } from './tlsCases';

// A fourth labelled tls set (session of issue 15's remaining TLS part), code half: written from
// each library's documented API (the docs and real code found through the project's search tool)
// BEFORE looking at what the rules match, and measured once untuned; its first figure is quoted
// in README.md. Broad on purpose: several call shapes per library, options held in variables,
// negatives that keep verification on, mocks in tests, comments, strings.
// Scope decisions written into the labels:
// - plaintext connections (libpq `sslmode=disable`, gRPC `WithInsecure()` /
//   `insecure.NewCredentials()`) are not CWE-295: no certificate is presented, so none is left
//   unverified; they are cleartext transport (CWE-319), which these rules do not claim. Labelled quiet.
// - a test that asserts a call was made with `verify=False`, or mocks a trust manager, disables
//   nothing itself. Labelled quiet.
// The config half is tlsDocsConfig.ts; `npm run recall:tls` prints both as one set.

const bad = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: true });
const ok = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: false });

const goFile = (...body: string[]) => ['package client', '', 'import (', '\t"crypto/tls"', '\t"net/http"', ')', '', ...body];

export function tlsDocsCodeCases(): TlsCase[] {
  return [
    // Node.js / TypeScript.
    bad('node', 'src/axios.ts', "import axios from 'axios';", "import https from 'https';", 'const agent = new https.Agent({ rejectUnauthorized: false });', 'export const get = (url: string) => axios.get(url, { httpsAgent: agent });'),
    bad('node', 'src/nodeFetch.mjs', "import fetch from 'node-fetch';", "import { Agent } from 'node:https';", 'const agent = new Agent({ rejectUnauthorized: false });', 'const res = await fetch(url, { agent });'),
    bad('node', 'src/tlsConnect.js', "const tls = require('tls');", "const socket = tls.connect(8000, 'db.internal', { rejectUnauthorized: false }, () => socket.write('ping'));"),
    bad('node', 'src/httpsGet.js', "const https = require('https');", 'https.get(url, { rejectUnauthorized: false }, (res) => res.pipe(process.stdout));'),
    bad('node', 'src/got.ts', "import got from 'got';", 'export const client = got.extend({ prefixUrl: base, https: { rejectUnauthorized: false } });'),
    bad('node', 'src/ws.ts', "import WebSocket from 'ws';", 'const options = { rejectUnauthorized: false, headers: { origin } };', 'const ws = new WebSocket(url, options);'),
    bad('node', 'src/mongo.js', "const { MongoClient } = require('mongodb');", 'const client = await MongoClient.connect(uri, { tls: true, tlsAllowInvalidCertificates: true });'),
    bad('node', 'src/mongo2.ts', 'const client = new MongoClient(uri, { tls: true, tlsAllowInvalidHostnames: true });'),
    bad('node', 'src/pg.ts', "import { Client } from 'pg';", 'const db = new Client({ host, database, user, ssl: { rejectUnauthorized: false } });'),
    bad('node', 'src/boot.ts', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';"),
    bad('node', 'src/identity.ts', 'const socket = tls.connect({ host, port, checkServerIdentity() { return undefined; } });'),
    bad('node', 'src/axiosInline.js', 'const api = axios.create({ baseURL, httpsAgent: new https.Agent({ rejectUnauthorized: false }), timeout: 5000 });'),
    bad('node', 'src/request.js', 'request({ url, strictSSL: false }, (err, res, body) => done(err, body));'),
    ok('node', 'src/axios.ts', "const agent = new https.Agent({ ca: fs.readFileSync('/etc/ssl/internal-ca.pem') });", 'export const get = (url: string) => axios.get(url, { httpsAgent: agent });'),
    ok('node', 'src/tlsConnect.js', "const socket = tls.connect(8000, 'db.internal', { ca: [caPem], rejectUnauthorized: true }, onConnect);"),
    ok('node', 'src/mongo.js', 'const client = await MongoClient.connect(uri, { tls: true, tlsCAFile: caPath });'),
    ok('node', 'src/pg.ts', "const db = new Client({ host, ssl: { ca: fs.readFileSync('/etc/ssl/rds.pem').toString() } });"),
    ok('node', 'src/notes.ts', '// rejectUnauthorized: false was removed in 2.3: we pin the CA now', 'const agent = new https.Agent({ ca });'),
    ok('node', 'src/errors.ts', "throw new Error('refusing to start: NODE_TLS_REJECT_UNAUTHORIZED=0 is set');"),
    ok('node', 'test/client.test.ts', "jest.mock('axios');", "it('passes the CA', () => {", '  create();', '  expect(axios.create).toHaveBeenCalledWith(expect.objectContaining({ httpsAgent: expect.any(Object) }));', '});'),

    // Python.
    bad('python', 'upload.py', 'import requests', 'resp = requests.put(url, data=blob, timeout=30, verify=False)'),
    bad('python', 'stream.py', 'import httpx', 'with httpx.stream("GET", url, verify=False) as r:', '    for chunk in r.iter_bytes():', '        out.write(chunk)'),
    bad('python', 'post.py', 'import aiohttp', 'async def send(session, url, body):', '    async with session.post(url, json=body, ssl=False) as resp:', '        return resp.status'),
    bad('python', 'pool.py', 'import urllib3', "pool = urllib3.HTTPSConnectionPool('api.internal', port=443, cert_reqs='CERT_NONE', assert_hostname=False)"),
    bad('python', 'proxy.py', 'import ssl, urllib3', 'proxy = urllib3.ProxyManager(proxy_url, cert_reqs=ssl.CERT_NONE)'),
    bad('python', 'client_ctx.py', 'import ssl', 'context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)', 'context.check_hostname = False', 'context.verify_mode = ssl.CERT_NONE', 'with socket.create_connection((host, 443)) as sock:', '    with context.wrap_socket(sock, server_hostname=host) as ssock:', '        ssock.sendall(b"ping")'),
    bad('python', 'legacy_wrap.py', 'import socket, ssl', 'sock = ssl.wrap_socket(socket.socket(), cert_reqs=ssl.CERT_NONE)'),
    bad('python', 'pyopenssl.py', 'from OpenSSL import SSL', 'context = SSL.Context(SSL.TLS_METHOD)', 'context.set_verify(SSL.VERIFY_NONE)'),
    bad('python', 'ws_client.py', 'import ssl, websocket', 'ws = websocket.WebSocketApp(url, on_message=on_message)', 'ws.run_forever(sslopt={"cert_reqs": ssl.CERT_NONE, "check_hostname": False})'),
    bad('python', 'mongo.py', 'from pymongo import MongoClient', 'client = MongoClient(host, tls=True, tlsInsecure=True)'),
    bad('python', 'mongo_allow.py', 'from pymongo import MongoClient', 'client = MongoClient("mongodb.internal", 27017, tls=True, tlsAllowInvalidCertificates=True)'),
    bad('python', 'search.py', 'from elasticsearch import Elasticsearch', 'es = Elasticsearch("https://es.internal:9200", basic_auth=(user, pw), verify_certs=False, ssl_show_warn=False)'),
    bad('python', 's3.py', 'import boto3', "s3 = boto3.client('s3', endpoint_url='https://minio.internal:9000', verify=False)"),
    bad('python', 's3res.py', 'import boto3', 'session = boto3.session.Session()', "bucket = session.resource('s3', verify=False).Bucket(name)"),
    bad('python', 'kube.py', 'from kubernetes import client', 'configuration = client.Configuration()', 'configuration.verify_ssl = False', 'api = client.CoreV1Api(client.ApiClient(configuration))'),
    bad('python', 'vault.py', 'import hvac', "vault = hvac.Client(url='https://vault.internal:8200', verify=False)"),
    bad('python', 'unverified.py', 'import ssl, urllib.request', 'ctx = ssl._create_unverified_context()', 'with urllib.request.urlopen(url, context=ctx) as resp:', '    body = resp.read()'),
    bad('python', 'session.py', 'import requests', 'session = requests.Session()', 'session.verify = False', "session.headers.update({'Accept': 'application/json'})"),
    ok('python', 'upload.py', 'import requests', "resp = requests.put(url, data=blob, timeout=30, verify='/etc/ssl/internal-ca.pem')"),
    ok('python', 'pool.py', 'import certifi, urllib3', "pool = urllib3.PoolManager(cert_reqs='CERT_REQUIRED', ca_certs=certifi.where())"),
    ok('python', 'search.py', 'es = Elasticsearch("https://es.internal:9200", ca_certs="/etc/ssl/es-ca.pem", verify_certs=True)'),
    ok('python', 's3.py', "s3 = boto3.client('s3', verify='/etc/ssl/minio-ca.pem')"),
    ok('python', 'db.py', 'import psycopg', 'conn = psycopg.connect("host=localhost dbname=app sslmode=disable")'),
    ok('python', 'client_ctx.py', 'import ssl', 'context = ssl.create_default_context(cafile="/etc/ssl/internal-ca.pem")', 'context.verify_mode = ssl.CERT_REQUIRED'),
    ok('python', 'tests/test_upload.py', 'def test_upload_skips_nothing(mock_put):', '    upload(URL, b"x")', '    mock_put.assert_called_once_with(URL, data=b"x", timeout=30, verify=False)'),
    ok('python', 'notes.py', '# requests.get(url, verify=False)  -- never again, see INC-231', 'resp = requests.get(url, timeout=5)'),
    ok('python', 'errors.py', 'log.error("verify=False is not allowed in production")'),
    ok('python', 'api.py', 'def fetch(url, verify=True):', '    return requests.get(url, verify=verify)'),

    // Go.
    bad('go', 'client.go', ...goFile('func newClient() *http.Client {', '\treturn &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}', '}')),
    bad('go', 'grpc.go', 'package client', '', 'import (', '\t"crypto/tls"', '', '\t"google.golang.org/grpc"', '\t"google.golang.org/grpc/credentials"', ')', '', 'func dial(addr string) (*grpc.ClientConn, error) {', '\tcreds := credentials.NewTLS(&tls.Config{InsecureSkipVerify: true})', '\treturn grpc.Dial(addr, grpc.WithTransportCredentials(creds))', '}'),
    bad('go', 'skipvar.go', ...goFile('func transport() *http.Transport {', '\tskip := true', '\treturn &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: skip}}', '}')),
    bad('go', 'default.go', ...goFile('func init() {', '\thttp.DefaultTransport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true}', '}')),
    bad('go', 'multiline.go', ...goFile('func config(name string) *tls.Config {', '\treturn &tls.Config{', '\t\tServerName:         name,', '\t\tMinVersion:         tls.VersionTLS12,', '\t\tInsecureSkipVerify: true,', '\t}', '}')),
    bad('go', 'assign.go', ...goFile('func tune(tr *http.Transport) {', '\ttr.TLSClientConfig = &tls.Config{}', '\ttr.TLSClientConfig.InsecureSkipVerify = true', '}')),
    ok('go', 'client.go', ...goFile('func newClient(pool *x509.CertPool) *http.Client {', '\treturn &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}', '}')),
    ok('go', 'explicit.go', ...goFile('func config() *tls.Config {', '\treturn &tls.Config{InsecureSkipVerify: false}', '}')),
    ok('go', 'plain.go', 'package client', '', 'import (', '\t"google.golang.org/grpc"', '\t"google.golang.org/grpc/credentials/insecure"', ')', '', 'func dial(addr string) (*grpc.ClientConn, error) {', '\treturn grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))', '}'),
    ok('go', 'opts.go', 'package client', '', '// Options.InsecureSkipVerify: true is refused by Validate.', 'type Options struct {', '\tInsecureSkipVerify bool `json:"insecureSkipVerify"`', '}'),

    // Java and Kotlin.
    bad('java', 'OkHttpFactory.java', 'class OkHttpFactory {', '  OkHttpClient build(SSLContext sc, X509TrustManager tm) {', '    return new OkHttpClient.Builder()', '        .sslSocketFactory(sc.getSocketFactory(), tm)', '        .hostnameVerifier((hostname, session) -> true)', '        .build();', '  }', '}'),
    bad('java', 'Http4.java', 'class Http4 {', '  CloseableHttpClient client() {', '    return HttpClients.custom().setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();', '  }', '}'),
    bad('java', 'Http4Trust.java', 'class Http4Trust {', '  SSLContext ctx() throws Exception {', '    return new SSLContextBuilder().loadTrustMaterial(null, new TrustAllStrategy()).build();', '  }', '}'),
    bad('java', 'Http4Lambda.java', 'class Http4Lambda {', '  SSLContext ctx() throws Exception {', '    return SSLContexts.custom().loadTrustMaterial(null, (chain, authType) -> true).build();', '  }', '}'),
    bad('java', 'Http5.java', 'class Http5 {', '  TlsStrategy tls() throws Exception {', '    return ClientTlsStrategyBuilder.create()', '        .setSslContext(SSLContexts.custom().loadTrustMaterial(TrustAllStrategy.INSTANCE).build())', '        .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)', '        .build();', '  }', '}'),
    bad('java', 'RestConfig.java', '@Configuration', 'class RestConfig {', '  @Bean', '  RestTemplate restTemplate() throws Exception {', '    TrustStrategy acceptingTrustStrategy = (X509Certificate[] chain, String authType) -> true;', '    SSLContext sslContext = SSLContexts.custom().loadTrustMaterial(null, acceptingTrustStrategy).build();', '    SSLConnectionSocketFactory csf = new SSLConnectionSocketFactory(sslContext);', '    CloseableHttpClient httpClient = HttpClients.custom().setSSLSocketFactory(csf).build();', '    return new RestTemplate(new HttpComponentsClientHttpRequestFactory(httpClient));', '  }', '}'),
    bad('java', 'NettyClient.java', 'class NettyClient {', '  SslContext ssl() throws Exception {', '    return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();', '  }', '}'),
    bad('java', 'TrustAll.java', 'class TrustAll {', '  static void install() throws Exception {', '    TrustManager[] trustAll = new TrustManager[] { new X509TrustManager() {', '      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }', '      public void checkClientTrusted(X509Certificate[] certs, String authType) { }', '      public void checkServerTrusted(X509Certificate[] certs, String authType) { }', '    } };', '    SSLContext sc = SSLContext.getInstance("TLS");', '    sc.init(null, trustAll, new SecureRandom());', '    HttpsURLConnection.setDefaultSSLSocketFactory(sc.getSocketFactory());', '  }', '}'),
    bad('java', 'Hosts.java', 'class Hosts {', '  static final HostnameVerifier ANY = (hostname, session) -> true;', '  static void install() { HttpsURLConnection.setDefaultHostnameVerifier(ANY); }', '}'),
    bad('kotlin', 'Client.kt', 'val client = OkHttpClient.Builder()', '    .sslSocketFactory(sslContext.socketFactory, trustManager)', '    .hostnameVerifier { _, _ -> true }', '    .build()'),
    bad('kotlin', 'Trust.kt', 'val trustAll = object : X509TrustManager {', '    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}', '    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {}', '    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()', '}'),
    ok('java', 'Http4.java', 'class Http4 {', '  CloseableHttpClient client() { return HttpClients.createDefault(); }', '}'),
    ok('java', 'Http4Trust.java', 'class Http4Trust {', '  SSLContext ctx(KeyStore trustStore) throws Exception {', '    return SSLContexts.custom().loadTrustMaterial(trustStore, null).build();', '  }', '}'),
    ok('java', 'Pinned.java', 'class Pinned implements X509TrustManager {', '  public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { throw new CertificateException("no client auth"); }', '  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {', '    if (!PIN.equals(fingerprint(c[0]))) throw new CertificateException("pin mismatch");', '  }', '  public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }', '}'),
    ok('java', 'Hosts.java', 'class Hosts {', '  static final HostnameVerifier ONLY_API = (hostname, session) -> HttpsURLConnection.getDefaultHostnameVerifier().verify("api.internal", session);', '}'),
    ok('java', 'src/test/java/TlsTest.java', 'class TlsTest {', '  @Test void rejectsSelfSigned() {', '    HostnameVerifier hv = Mockito.mock(HostnameVerifier.class);', '    assertThrows(SSLHandshakeException.class, () -> client.get(selfSignedUrl));', '  }', '}'),
    ok('kotlin', 'Client.kt', 'val client = OkHttpClient.Builder()', '    .certificatePinner(CertificatePinner.Builder().add("api.internal", pin).build())', '    .build()'),

    // C#.
    bad('csharp', 'Factory.cs', 'var handler = new HttpClientHandler();', 'handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;', 'var client = new HttpClient(handler);'),
    bad('csharp', 'Legacy.cs', 'ServicePointManager.ServerCertificateValidationCallback += (sender, cert, chain, errors) => true;'),
    bad('csharp', 'Stream.cs', 'var ssl = new SslStream(tcp.GetStream(), false, new RemoteCertificateValidationCallback((s, c, ch, e) => true));'),
    bad('csharp', 'Named.cs', 'class Named {', '  static bool ValidateServerCertificate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) { return true; }', '  SslStream Open(TcpClient client) => new SslStream(client.GetStream(), false, ValidateServerCertificate, null);', '}'),
    bad('csharp', 'Sockets.cs', 'var handler = new SocketsHttpHandler {', '    SslOptions = new SslClientAuthenticationOptions {', '        RemoteCertificateValidationCallback = delegate { return true; }', '    }', '};'),
    bad('csharp', 'Startup.cs', 'services.AddHttpClient("api").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler {', '    ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true', '});'),
    ok('csharp', 'Stream.cs', 'var ssl = new SslStream(tcp.GetStream(), false, (s, c, ch, errors) => errors == SslPolicyErrors.None);'),
    ok('csharp', 'Factory.cs', 'var handler = new HttpClientHandler { ClientCertificateOptions = ClientCertificateOption.Manual };', 'handler.ClientCertificates.Add(cert);'),

    // Ruby.
    bad('ruby', 'net.rb', "require 'net/http'", 'http = Net::HTTP.new(uri.host, uri.port)', 'http.use_ssl = true', 'http.verify_mode = OpenSSL::SSL::VERIFY_NONE', 'response = http.request(Net::HTTP::Get.new(uri))'),
    bad('ruby', 'start.rb', 'Net::HTTP.start(uri.host, uri.port, use_ssl: true, verify_mode: OpenSSL::SSL::VERIFY_NONE) do |http|', '  http.get(uri.path)', 'end'),
    bad('ruby', 'faraday.rb', "conn = Faraday.new('https://api.internal', ssl: { verify: false })"),
    bad('ruby', 'party.rb', "response = HTTParty.get('https://api.internal/v1/items', verify: false)"),
    bad('ruby', 'openuri.rb', "require 'open-uri'", 'body = URI.open(url, ssl_verify_mode: OpenSSL::SSL::VERIFY_NONE).read'),
    bad('ruby', 'monkey.rb', 'OpenSSL::SSL::VERIFY_PEER = OpenSSL::SSL::VERIFY_NONE'),
    ok('ruby', 'net.rb', 'http = Net::HTTP.new(uri.host, uri.port)', 'http.use_ssl = true', 'http.verify_mode = OpenSSL::SSL::VERIFY_PEER', 'http.ca_file = "/etc/ssl/internal-ca.pem"'),
    ok('ruby', 'party.rb', "response = HTTParty.get('https://api.internal/v1/items', verify: true, ssl_ca_file: CA)"),
    ok('ruby', 'notes.rb', '# never use OpenSSL::SSL::VERIFY_NONE here', 'conn = Faraday.new(url)'),

    // PHP.
    bad('php', 'curl0.php', '<?php', '$ch = curl_init($url);', 'curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, 0);', '$out = curl_exec($ch);'),
    bad('php', 'curlArray.php', '<?php', 'curl_setopt_array($ch, [', '    CURLOPT_URL => $url,', '    CURLOPT_SSL_VERIFYPEER => false,', '    CURLOPT_SSL_VERIFYHOST => 0,', ']);'),
    bad('php', 'guzzleRequest.php', '<?php', "$response = $client->request('GET', $url, ['verify' => false]);"),
    bad('php', 'guzzleClient.php', '<?php', "$client = new \\GuzzleHttp\\Client(['base_uri' => $base, 'verify' => false]);"),
    bad('php', 'stream.php', '<?php', "$context = stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]);", '$html = file_get_contents($url, false, $context);'),
    bad('php', 'symfony.php', '<?php', "$client = HttpClient::create(['verify_peer' => false, 'verify_host' => false]);"),
    bad('php', 'wp.php', '<?php', "$response = wp_remote_get($url, ['timeout' => 10, 'sslverify' => false]);"),
    ok('php', 'guzzleClient.php', '<?php', "$client = new \\GuzzleHttp\\Client(['base_uri' => $base, 'verify' => '/etc/ssl/internal-ca.pem']);"),
    ok('php', 'curl0.php', '<?php', 'curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);', 'curl_setopt($ch, CURLOPT_CAINFO, $caFile);'),
    ok('php', 'notes.php', '<?php', "// 'verify' => false was here; removed after the audit", "$client = new Client(['base_uri' => $base]);"),
  ];
}
