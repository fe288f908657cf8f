// A labelled evaluation for the tls (CWE-295) rules: code and configuration in the shapes each
// library's documentation shows (Node https/axios/got/pg/undici/nodemailer/ws/mongodb, Python
// requests/httpx/aiohttp/urllib3/ssl/pyOpenSSL/websocket-client/pymongo, Go crypto/tls, Java
// JSSE/Apache HttpClient/OkHttp/Netty, Kotlin OkHttp, .NET HttpClientHandler/ServicePointManager/
// SslStream, Ruby Net::HTTP/Faraday/HTTParty/RestClient/Excon, PHP cURL/Guzzle/streams/Laravel/
// WordPress/Symfony, curl/wget/git/npm/pip/kubectl/helm/kubeconfig). Each case is labelled: does
// it turn certificate or host name verification off (a precise scanner reports it) or not.
// Written from the APIs' documentation, not from the rules' own samples. Used by
// `npm run recall:tls` (bench/recall/tlsRun.ts).

export interface TlsCase {
  /** The library or tool the case exercises, for per-library figures. */
  library: string;
  text: string;
  path: string;
  /** True when verification is off and a precise scanner must report it. */
  insecure: boolean;
}

const bad = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: true });
const ok = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: false });

export function tlsCases(): TlsCase[] {
  return [
    // Node.js and its HTTP/TLS clients.
    bad('node', 'src/agent.ts', "import https from 'node:https';", 'export const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });'),
    bad('node', 'src/api.js', "const axios = require('axios');", 'const api = axios.create({', '  baseURL: process.env.API_URL,', '  httpsAgent: new https.Agent({ rejectUnauthorized: false }),', '});'),
    bad('node', 'src/got.mjs', "import got from 'got';", 'const body = await got(url, { https: { rejectUnauthorized: false } }).json();'),
    bad('node', 'src/db.js', "const { Pool } = require('pg');", 'const pool = new Pool({ connectionString: process.env.DATABASE_URL, ssl: { rejectUnauthorized: false } });'),
    bad('node', 'src/index.ts', "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';"),
    bad('node', 'src/mail.js', 'const transporter = nodemailer.createTransport({', '  host: "smtp.example.com",', '  port: 465,', '  secure: true,', '  tls: { rejectUnauthorized: false },', '});'),
    bad('node', 'src/ws.js', "const ws = new WebSocket('wss://example.com/feed', { rejectUnauthorized: false });"),
    bad('node', 'src/mongo.ts', 'const client = new MongoClient(uri, { tls: true, tlsInsecure: true });'),
    bad('node', 'src/sock.ts', 'const socket = tls.connect({ host, port: 443, checkServerIdentity: () => undefined });'),
    bad('node', 'src/undici.ts', "import { Agent, setGlobalDispatcher } from 'undici';", 'setGlobalDispatcher(new Agent({ connect: { rejectUnauthorized: false } }));'),
    ok('node', 'src/agent.ts', "export const agent = new https.Agent({ ca: fs.readFileSync('/etc/ssl/private-ca.pem') });"),
    ok('node', 'src/got.mjs', 'const body = await got(url, { https: { certificateAuthority: ca } }).json();'),
    ok('node', 'src/db.js', "const pool = new Pool({ ssl: { ca: fs.readFileSync('rds-ca.pem').toString(), rejectUnauthorized: true } });"),
    ok('node', 'src/mail.js', "const transporter = nodemailer.createTransport({ host, port: 465, secure: true, tls: { minVersion: 'TLSv1.2' } });"),
    ok('node', 'src/warn.js', "console.warn('Never set rejectUnauthorized: false outside local development');"),
    ok('node', 'src/cli.js', "program.option('--insecure', 'skip certificate checks (development only)');"),

    // Python.
    bad('python', 'client.py', 'import requests', 'resp = requests.post(url, json=payload, verify=False)'),
    bad('python', 'client.py', 'import requests', 's = requests.Session()', 's.verify = False', 'r = s.get(url)'),
    bad('python', 'client.py', 'import httpx', 'with httpx.Client(verify=False) as client:', '    r = client.get(url)'),
    bad('python', 'client.py', 'import httpx', 'r = httpx.get(url, verify=False)'),
    bad('python', 'client.py', 'import aiohttp', 'async def fetch(url):', '    async with aiohttp.ClientSession() as session:', '        async with session.get(url, ssl=False) as resp:', '            return await resp.text()'),
    bad('python', 'client.py', 'conn = aiohttp.TCPConnector(verify_ssl=False)', 'session = aiohttp.ClientSession(connector=conn)'),
    bad('python', 'tls.py', 'import ssl', 'ctx = ssl.create_default_context()', 'ctx.check_hostname = False', 'ctx.verify_mode = ssl.CERT_NONE'),
    bad('python', 'tls.py', 'import socket, ssl', 'ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)', 'with socket.create_connection((host, 443)) as sock:', '    with ctx.wrap_socket(sock, server_hostname=host) as tls:', '        tls.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")'),
    bad('python', 'tls.py', 'import ssl', 'context = ssl.SSLContext(ssl.PROTOCOL_SSLv23)', 'conn = http.client.HTTPSConnection(host, context=context)'),
    bad('python', 'fetch.py', 'import ssl, urllib.request', 'data = urllib.request.urlopen(url, context=ssl._create_unverified_context()).read()'),
    bad('python', 'pool.py', 'import urllib3', "http = urllib3.PoolManager(cert_reqs='CERT_NONE')"),
    bad('python', 'openssl_client.py', 'from OpenSSL import SSL', 'ctx = SSL.Context(SSL.TLS_CLIENT_METHOD)', 'ctx.set_verify(SSL.VERIFY_NONE, lambda conn, cert, errno, depth, ok: True)'),
    bad('python', 'client.py', "opts = {'timeout': 10, 'verify': False}", 'r = requests.get(url, **opts)'),
    bad('python', 'ws.py', 'import ssl, websocket', 'ws = websocket.create_connection(url, sslopt={"cert_reqs": ssl.CERT_NONE})'),
    bad('python', 'search.py', 'from elasticsearch import Elasticsearch', 'es = Elasticsearch(["https://es:9200"], verify_certs=False)'),
    bad('python', 'mail.py', 'import smtplib, ssl', 'server = smtplib.SMTP_SSL(host, 465, context=ssl._create_unverified_context())'),
    bad('python', 'boot.py', 'import ssl', 'ssl._create_default_https_context = ssl._create_unverified_context'),
    ok('python', 'client.py', "resp = requests.post(url, json=payload, verify='/etc/ssl/certs/internal-ca.pem')"),
    ok('python', 'client.py', 'ctx = ssl.create_default_context(cafile="ca.pem")', 'client = httpx.Client(verify=ctx)'),
    ok('python', 'tls.py', 'ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)', 'ctx.load_verify_locations("ca.pem")', 'tls = ctx.wrap_socket(sock, server_hostname=host)'),
    ok('python', 'server.py', 'ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)', 'ctx.load_cert_chain("server.pem", "server.key")'),
    ok('python', 'tls.py', 'ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)', 'ctx.verify_mode = ssl.CERT_REQUIRED', 'ctx.check_hostname = True', 'ctx.load_default_certs()'),
    ok('python', 'client.py', 'async with session.get(url, ssl=ssl_context) as resp:', '    pass'),
    ok('python', 'auth.py', 'claims = jwt.decode(token, options={"verify_signature": False})'),
    ok('python', 'cli.py', "parser.add_argument('--no-verify', action='store_true', help='skip TLS verification (verify=False)')"),
    ok('python', 'tests/test_fetch.py', 'def test_fetch_uses_ca(mock_get):', '    fetch(URL)', '    mock_get.assert_called_once_with(URL, timeout=5, verify=True)'),

    // Go.
    bad('go', 'client.go', 'package main', '', 'import "crypto/tls"', '', 'var cfg = &tls.Config{InsecureSkipVerify: true}'),
    bad('go', 'client.go', 'package main', '', 'func newClient() *http.Client {', '\ttr := &http.Transport{', '\t\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},', '\t}', '\treturn &http.Client{Transport: tr}', '}'),
    bad('go', 'grpc.go', 'package main', '', 'func dial(addr string) (*grpc.ClientConn, error) {', '\tcreds := credentials.NewTLS(&tls.Config{InsecureSkipVerify: true})', '\treturn grpc.Dial(addr, grpc.WithTransportCredentials(creds))', '}'),
    bad('go', 'client.go', 'package main', '', 'func tweak(t *http.Transport) {', '\tt.TLSClientConfig.InsecureSkipVerify = true', '}'),
    ok('go', 'client.go', 'package main', '', 'var cfg = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}'),
    ok('go', 'client.go', 'package main', '', 'var cfg = &tls.Config{InsecureSkipVerify: false, ServerName: "api.internal"}'),
    ok('go', 'doc.go', 'package main', '', '// Never set InsecureSkipVerify: true in production.', 'const help = "InsecureSkipVerify: true disables checks"'),

    // Java.
    bad('java', 'TrustAll.java', 'class Http {', '  static TrustManager[] trustAllCerts = new TrustManager[] {', '    new X509TrustManager() {', '      public X509Certificate[] getAcceptedIssuers() { return null; }', '      public void checkClientTrusted(X509Certificate[] certs, String authType) { }', '      public void checkServerTrusted(X509Certificate[] certs, String authType) { }', '    }', '  };', '  static void install() throws Exception {', '    SSLContext sc = SSLContext.getInstance("TLS");', '    sc.init(null, trustAllCerts, new java.security.SecureRandom());', '    HttpsURLConnection.setDefaultSSLSocketFactory(sc.getSocketFactory());', '  }', '}'),
    bad('java', 'LoggingTrustManager.java', 'public class LoggingTrustManager implements X509TrustManager {', '  private static final Logger log = LoggerFactory.getLogger(LoggingTrustManager.class);', '  @Override', '  public void checkClientTrusted(X509Certificate[] chain, String authType) {', '    log.debug("client {}", authType);', '  }', '  @Override', '  public void checkServerTrusted(X509Certificate[] chain, String authType) {', '    log.info("Accepting server certificate {}", chain[0].getSubjectX500Principal());', '  }', '  @Override', '  public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }', '}'),
    bad('java', 'Hosts.java', 'class Hosts {', '  static void relax() {', '    HostnameVerifier allHostsValid = new HostnameVerifier() {', '      public boolean verify(String hostname, SSLSession session) { return true; }', '    };', '    HttpsURLConnection.setDefaultHostnameVerifier(allHostsValid);', '  }', '}'),
    bad('java', 'Hosts.java', 'class Hosts {', '  static void relax() { HttpsURLConnection.setDefaultHostnameVerifier((hostname, session) -> true); }', '}'),
    bad('java', 'Apache.java', 'class Apache {', '  CloseableHttpClient client = HttpClients.custom()', '      .setSSLContext(SSLContextBuilder.create().loadTrustMaterial(TrustAllStrategy.INSTANCE).build())', '      .setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE)', '      .build();', '}'),
    bad('java', 'Apache.java', 'class Apache {', '  SSLContext ctx = new SSLContextBuilder().loadTrustMaterial(null, (chain, authType) -> true).build();', '}'),
    bad('java', 'Legacy.java', 'class Legacy {', '  SSLSocketFactory sf = new SSLSocketFactory(trustStore);', '  { sf.setHostnameVerifier(SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER); }', '}'),
    bad('java', 'NettyClient.java', 'class NettyClient {', '  SslContext ssl = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();', '}'),
    bad('java', 'Ok.java', 'class Ok {', '  OkHttpClient client = new OkHttpClient.Builder()', '      .hostnameVerifier((hostname, session) -> true)', '      .build();', '}'),
    bad('java', 'SelfSigned.java', 'class SelfSigned {', '  SSLContext ctx = SSLContexts.custom().loadTrustMaterial(null, new TrustSelfSignedStrategy()).build();', '}'),
    bad('java', 'Strategy.java', 'class Strategy {', '  TrustStrategy acceptingTrustStrategy = new TrustStrategy() {', '    @Override', '    public boolean isTrusted(X509Certificate[] chain, String authType) { return true; }', '  };', '}'),
    bad('java', 'Extended.java', 'class Lenient extends X509ExtendedTrustManager {', '  public void checkClientTrusted(X509Certificate[] c, String a) {}', '  public void checkServerTrusted(X509Certificate[] c, String a) {}', '  public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {}', '  public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {}', '  public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {}', '  public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {}', '  public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }', '}'),
    ok('java', 'Pinned.java', 'class Pinned implements X509TrustManager {', '  public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { delegate.checkClientTrusted(c, a); }', '  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {', '    delegate.checkServerTrusted(c, a);', '    if (!PINS.contains(sha256(c[0]))) throw new CertificateException("pin mismatch");', '  }', '  public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }', '}'),
    ok('java', 'Strict.java', 'class Strict {', '  HostnameVerifier v = (hostname, session) -> hostname.equals("api.example.com") && HttpsURLConnection.getDefaultHostnameVerifier().verify(hostname, session);', '}'),
    ok('java', 'Factory.java', 'class Factory {', '  static SSLContext build(KeyStore ks) throws Exception {', '    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());', '    tmf.init(ks);', '    SSLContext ctx = SSLContext.getInstance("TLS");', '    ctx.init(null, tmf.getTrustManagers(), null);', '    return ctx;', '  }', '}'),
    ok('java', 'Apache.java', 'class Apache {', '  CloseableHttpClient c = HttpClients.custom().setSSLHostnameVerifier(new DefaultHostnameVerifier()).build();', '}'),
    ok('java', 'src/test/java/ClientTest.java', 'class ClientTest {', '  @Test void sends() {', '    X509TrustManager tm = Mockito.mock(X509TrustManager.class);', '    client.send(request);', '    verify(client).send(request);', '  }', '}'),
    ok('java', 'Throwing.java', 'class Throwing implements X509TrustManager {', '  public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { throw new CertificateException("no client auth"); }', '  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {', '    if (c == null || c.length == 0) throw new CertificateException("empty chain");', '    c[0].checkValidity();', '    c[0].verify(CA_KEY);', '  }', '  public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }', '}'),

    // Kotlin (OkHttp and JSSE).
    bad('kotlin', 'Client.kt', 'val client = OkHttpClient.Builder()', '    .hostnameVerifier { _, _ -> true }', '    .build()'),
    bad('kotlin', 'Trust.kt', 'val trustAll = object : X509TrustManager {', '    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}', '    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {}', '    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()', '}'),
    bad('kotlin', 'Hosts.kt', 'HttpsURLConnection.setDefaultHostnameVerifier(HostnameVerifier { _, _ -> true })'),
    ok('kotlin', 'Client.kt', 'val client = OkHttpClient.Builder()', '    .hostnameVerifier { hostname, session -> OkHostnameVerifier.verify(hostname, session) }', '    .build()'),
    ok('kotlin', 'Trust.kt', 'class Pinned(private val delegate: X509TrustManager) : X509TrustManager {', '    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {', '        delegate.checkServerTrusted(chain, authType)', '    }', '}'),

    // .NET.
    bad('csharp', 'Client.cs', 'var handler = new HttpClientHandler();', 'handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;', 'var client = new HttpClient(handler);'),
    bad('csharp', 'Client.cs', 'var handler = new HttpClientHandler', '{', '    ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator', '};'),
    bad('csharp', 'Startup.cs', 'ServicePointManager.ServerCertificateValidationCallback += (sender, certificate, chain, sslPolicyErrors) => true;'),
    bad('csharp', 'Startup.cs', 'ServicePointManager.ServerCertificateValidationCallback = delegate { return true; };'),
    bad('csharp', 'Tcp.cs', 'var ssl = new SslStream(tcp.GetStream(), false, (sender, cert, chain, errors) => true);'),
    bad('csharp', 'Validator.cs', 'class Net {', '  void Init() { ServicePointManager.ServerCertificateValidationCallback += AcceptAll; }', '  static bool AcceptAll(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) { return true; }', '}'),
    bad('csharp', 'Sockets.cs', 'var handler = new SocketsHttpHandler', '{', '    SslOptions = new SslClientAuthenticationOptions', '    {', '        RemoteCertificateValidationCallback = delegate { return true; }', '    }', '};'),
    ok('csharp', 'Client.cs', 'handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => errors == SslPolicyErrors.None;'),
    ok('csharp', 'Tcp.cs', 'class Tcp {', '  SslStream Open(Stream s) => new SslStream(s, false, ValidateServerCertificate);', '  static bool ValidateServerCertificate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) {', '    if (errors == SslPolicyErrors.None) return true;', '    return false;', '  }', '}'),
    ok('csharp', 'Client.cs', '// handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true;', 'var client = new HttpClient();'),

    // Ruby.
    bad('ruby', 'client.rb', 'http = Net::HTTP.new(uri.host, uri.port)', 'http.use_ssl = true', 'http.verify_mode = OpenSSL::SSL::VERIFY_NONE'),
    bad('ruby', 'client.rb', 'Net::HTTP.start(uri.host, uri.port, use_ssl: true, verify_mode: OpenSSL::SSL::VERIFY_NONE) do |http|', '  http.request(req)', 'end'),
    bad('ruby', 'client.rb', "conn = Faraday.new(url: 'https://api.internal', ssl: { verify: false })"),
    bad('ruby', 'client.rb', 'response = HTTParty.get(url, verify: false)'),
    bad('ruby', 'client.rb', 'RestClient::Request.execute(method: :get, url: url, verify_ssl: OpenSSL::SSL::VERIFY_NONE)'),
    bad('ruby', 'client.rb', 'conn = Excon.new(url, ssl_verify_peer: false)'),
    bad('ruby', 'config/initializers/ssl.rb', 'OpenSSL::SSL::VERIFY_PEER = OpenSSL::SSL::VERIFY_NONE'),
    ok('ruby', 'client.rb', 'http.verify_mode = OpenSSL::SSL::VERIFY_PEER', "http.ca_file = '/etc/ssl/certs/internal.pem'"),
    ok('ruby', 'client.rb', "conn = Faraday.new(url: base, ssl: { ca_file: '/etc/ssl/ca.pem' })"),
    ok('ruby', 'client.rb', 'response = HTTParty.get(url, verify: true)'),

    // PHP.
    bad('php', 'fetch.php', '<?php', '$ch = curl_init($url);', 'curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);', 'curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);'),
    bad('php', 'fetch.php', '<?php', '$ch = curl_init();', 'curl_setopt_array($ch, [', '    CURLOPT_URL => $url,', '    CURLOPT_RETURNTRANSFER => true,', '    CURLOPT_SSL_VERIFYPEER => 0,', ']);'),
    bad('php', 'Api.php', '<?php', "$client = new \\GuzzleHttp\\Client(['base_uri' => 'https://api.internal', 'verify' => false]);"),
    bad('php', 'Api.php', '<?php', "$response = $client->request('GET', '/users', ['verify' => false]);"),
    bad('php', 'stream.php', '<?php', '$context = stream_context_create([', "    'ssl' => [", "        'verify_peer' => false,", "        'verify_peer_name' => false,", '    ],', ']);', '$html = file_get_contents($url, false, $context);'),
    bad('php', 'app/Services/Api.php', '<?php', "$response = Http::withoutVerifying()->get('https://api.internal/users');"),
    bad('php', 'app/Services/Api.php', '<?php', "$response = Http::withOptions(['verify' => false])->get($url);"),
    bad('php', 'plugin.php', '<?php', "$response = wp_remote_get($url, array('sslverify' => false));"),
    bad('php', 'src/Client.php', '<?php', "$client = HttpClient::create(['verify_peer' => false, 'verify_host' => false]);"),
    bad('php', 'src/Client.php', '<?php', "$response = $this->client->request('GET', $url, ['verify_peer' => false]);"),
    ok('php', 'fetch.php', '<?php', 'curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);', 'curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);'),
    ok('php', 'Api.php', '<?php', "$client = new \\GuzzleHttp\\Client(['verify' => '/etc/ssl/certs/internal-ca.pem']);"),
    ok('php', 'app/Http/Requests/Signup.php', '<?php', "return ['email' => 'required|email', 'verify' => false];"),
    ok('php', 'app/Services/Api.php', '<?php', '$response = Http::withToken($token)->get($url);'),
    ok('php', 'plugin.php', '<?php', "$response = wp_remote_get($url, array('sslverify' => true));"),

    // Scripts and configuration.
    bad('config', 'deploy.sh', '#!/bin/sh', 'curl -k -sS https://registry.internal/v2/_catalog'),
    bad('config', 'install.sh', '#!/bin/sh', 'wget --no-check-certificate -O /tmp/x.tgz https://artifacts.internal/x.tgz'),
    bad('config', 'setup.sh', '#!/bin/sh', 'git config --global http.sslVerify false'),
    bad('config', 'Dockerfile', 'FROM node:20', 'RUN npm config set strict-ssl false && npm ci'),
    bad('config', 'Dockerfile', 'FROM python:3.12', 'RUN pip install --trusted-host pypi.org --trusted-host files.pythonhosted.org -r requirements.txt'),
    bad('config', 'ci.sh', '#!/bin/sh', 'kubectl --insecure-skip-tls-verify get pods'),
    bad('config', 'kubeconfig', 'apiVersion: v1', 'clusters:', '- cluster:', '    server: https://10.0.0.1:6443', '    insecure-skip-tls-verify: true', '  name: dev'),
    bad('config', 'deploy/apiservice.yaml', 'apiVersion: apiregistration.k8s.io/v1', 'kind: APIService', 'metadata:', '  name: v1beta1.metrics.k8s.io', 'spec:', '  service:', '    name: metrics-server', '  insecureSkipTLSVerify: true'),
    bad('config', '.github/workflows/ci.yml', 'jobs:', '  build:', '    steps:', '      - { name: fetch, run: "curl --insecure -o x https://example.com/x" }'),
    bad('config', 'Dockerfile', 'FROM node:20', 'ENV NODE_TLS_REJECT_UNAUTHORIZED=0'),
    bad('config', 'release.sh', '#!/bin/sh', 'helm repo add internal https://charts.internal --insecure-skip-tls-verify'),
    bad('config', '.npmrc', 'registry=https://npm.internal/', 'strict-ssl=false'),
    ok('config', 'deploy.sh', '#!/bin/sh', 'curl --cacert /etc/ssl/internal-ca.pem -sS https://registry.internal/v2/_catalog'),
    ok('config', 'setup.sh', '#!/bin/sh', 'git config --global http.sslCAInfo /etc/ssl/internal-ca.pem'),
    ok('config', 'kubeconfig', 'apiVersion: v1', 'clusters:', '- cluster:', '    server: https://10.0.0.1:6443', '    certificate-authority: /etc/kubernetes/ca.crt', '  name: prod'),
    ok('config', 'deploy.sh', '#!/bin/sh', '# never use curl -k here', 'curl -sS https://example.com/'),
    ok('config', 'deploy/apiservice.yaml', 'kind: APIService', 'spec:', '  insecureSkipTLSVerify: false', '  caBundle: LS0tLS1CRUdJTg=='),
  ];
}
