import { MITM, tlsRule } from '../rule';

// The syntax-aware tls rules for source code: metadata and samples. The matchers, one module per
// language, walk Tree-sitter trees, so text in comments and strings never matches.

export const rejectUnauthorized = tlsRule({
  name: 'reject-unauthorized',
  title: 'Node.js TLS client accepts any certificate',
  severity: 'error',
  help: `${MITM} Keep verification on and trust the private CA instead: the \`ca\` option (\`ca: fs.readFileSync('ca.pem')\`) or \`NODE_EXTRA_CA_CERTS=/path/ca.pem\`.`,
  samples: {
    positive: () => [
      { text: "app.on('certificate-error', (event, webContents, url, error, certificate, callback) => {\n  event.preventDefault();\n  callback(true);\n});\n", path: 'main.js' },
      { text: 'session.defaultSession.setCertificateVerifyProc((request, callback) => callback(0));\n', path: 'main.ts' },
      { text: 'const browser = await puppeteer.launch({ ignoreHTTPSErrors: true });\nconst context = await browser.newContext({ acceptInsecureCerts: true });\n', path: 'scripts/shot.js' },
      { text: "import https from 'node:https';\nconst agent = new https.Agent({ keepAlive: true, rejectUnauthorized: false });\n", path: 'src/client.ts' },
      { text: 'const res = await axios.get(url, {\n  httpsAgent: new https.Agent({\n    rejectUnauthorized: false,\n  }),\n});\n', path: 'src/api.js' },
      { text: "const socket = tls.connect(443, host, { servername: host, 'rejectUnauthorized': false });\n", path: 'src/sock.js' },
      { text: 'request({ url, strictSSL: false }, done);\n', path: 'src/legacy.js' },
      { text: 'const client = new MongoClient(uri, { tls: true, tlsAllowInvalidCertificates: true });\n', path: 'src/db.ts' },
      { text: 'const ws = new WebSocket(url, { tls: { insecure: true } });\n', path: 'src/ws.ts' },
      { text: 'options.rejectUnauthorized = false;\n', path: 'src/opts.ts' },
      { text: 'const dispatcher = new Agent({ connect: { rejectUnauthorized: false } });\n', path: 'src/undici.tsx' },
      { text: "const res = await superagent.get('https://api.internal/x').disableTLSCerts();\n", path: 'src/sa.js' },
    ],
    negative: () => [
      { text: "app.on('certificate-error', (event, webContents, url, error, certificate, callback) => {\n  if (url.startsWith('https://localhost:')) { event.preventDefault(); callback(true); } else { callback(false); }\n});\nsession.defaultSession.setCertificateVerifyProc((request, callback) => callback(-3));\n", path: 'main.js', reason: 'Electron handlers that decide (only localhost) or defer to Chromium (-3)' },
      { text: 'const browser = await puppeteer.launch({ ignoreHTTPSErrors: false });\n', path: 'scripts/shot.js', reason: 'the browser verifies' },
      { text: "const agent = new https.Agent({ rejectUnauthorized: true, ca: fs.readFileSync('ca.pem') });\n", path: 'src/a.ts', reason: 'verification on, with a private CA' },
      { text: "// rejectUnauthorized: false\nconst note = 'never set rejectUnauthorized: false';\n", path: 'src/a.ts', reason: 'a comment and a string' },
      { text: 'expect(agent.options.rejectUnauthorized).toBe(true);\nassert.equal(opts.rejectUnauthorized, true);\n', path: 'test/a.test.ts', reason: 'a test asserting the secure value' },
      { text: 'const flags = { insecure: true, verbose: false };\n', path: 'src/a.ts', reason: 'insecure outside any TLS options means something else' },
      { text: "if (opts.rejectUnauthorized === false) throw new Error('refusing to disable TLS verification');\n", path: 'src/a.ts', reason: 'a comparison, not a setting' },
      { text: "const res = await superagent.get(url).ca(caCert);\nconst name = 'disableTLSCerts';\n", path: 'src/sa.js', reason: 'superagent with a private CA; the method name in a string' },
    ],
  },
});

export const checkServerIdentity = tlsRule({
  name: 'check-server-identity',
  title: 'checkServerIdentity accepts every host name',
  severity: 'error',
  help: `${MITM} A \`checkServerIdentity\` that returns nothing accepts a certificate issued for any host. Remove it (Node's default checks the host name), or call \`tls.checkServerIdentity(host, cert)\` first and add your own checks after it.`,
  samples: {
    positive: () => [
      { text: 'const agent = new https.Agent({ checkServerIdentity: () => undefined });\n', path: 'src/a.ts' },
      { text: 'tls.connect({ host, port, checkServerIdentity() { return null; } });\n', path: 'src/a.js' },
      { text: 'const opts = { checkServerIdentity: function (host, cert) {} };\n', path: 'src/a.js' },
    ],
    negative: () => [
      { text: "const opts = { checkServerIdentity: (host, cert) => {\n  const err = tls.checkServerIdentity(host, cert);\n  if (err) return err;\n  if (!pins.includes(cert.fingerprint256)) return new Error('pin mismatch');\n} };\n", path: 'src/a.ts', reason: 'delegates to the default check, then pins' },
      { text: 'const opts = { checkServerIdentity: verifyPinned };\n', path: 'src/a.ts', reason: 'a named function the rule cannot see into' },
    ],
  },
});

export const pythonVerifyFalse = tlsRule({
  name: 'python-verify-false',
  title: 'Python HTTP client without certificate verification',
  severity: 'error',
  help: `${MITM} Keep verification on and pass the private CA instead: \`verify="/path/ca.pem"\` (requests, httpx), \`ssl=ssl.create_default_context(cafile="/path/ca.pem")\` (aiohttp), or \`REQUESTS_CA_BUNDLE\`.`,
  samples: {
    positive: () => [
      { text: 'import requests\nr = requests.get(url, verify=False, timeout=5)\n', path: 'app.py' },
      { text: 'import httpx\nclient = httpx.Client(base_url=base, verify=False)\n', path: 'app.py' },
      { text: 'session = requests.Session()\nsession.verify = False\n', path: 'app.py' },
      { text: 'from kubernetes import client\nconfiguration = client.Configuration()\nconfiguration.verify_ssl = False\napi = client.CoreV1Api(client.ApiClient(configuration))\n', path: 'kube.py' },
      { text: 'import httplib2\nh = httplib2.Http(disable_ssl_certificate_validation=True)\n', path: 'h.py' },
      { text: 'from tornado.httpclient import HTTPRequest\nreq = HTTPRequest(url, validate_cert=False)\n', path: 't.py' },
      { text: 'import pycurl\nc = pycurl.Curl()\nc.setopt(pycurl.SSL_VERIFYPEER, 0)\nc.setopt(c.SSL_VERIFYHOST, False)\n', path: 'c.py' },
      { text: 'async with aiohttp.ClientSession() as s:\n    async with s.get(url, ssl=False) as r:\n        pass\n', path: 'app.py' },
      { text: 'connector = aiohttp.TCPConnector(ssl=False)\n', path: 'app.py' },
      { text: 'es = Elasticsearch(hosts, verify_certs=False)\n', path: 'search.py' },
      { text: 'import httpx\nasync with httpx.AsyncClient(verify=False) as client:\n    r = await client.get(url)\n', path: 'app.py' },
      { text: "kwargs = {'timeout': 5, 'verify': False}\nr = requests.get(url, **kwargs)\n", path: 'app.py' },
      { text: "r = requests.get(url, **{'verify': False})\n", path: 'app.py' },
      { text: 'client = pymongo.MongoClient(uri, tls=True, tlsAllowInvalidCertificates=True)\n', path: 'db.py' },
    ],
    negative: () => [
      { text: 'r = requests.get(url, verify=True)\nr = requests.get(url, verify="/etc/ssl/private-ca.pem")\n', path: 'a.py', reason: 'verification on, or a CA bundle' },
      { text: '# requests.get(url, verify=False)\nHELP = "pass verify=False to skip checks"\n', path: 'a.py', reason: 'a comment and a string' },
      { text: 'payload = jwt.decode(token, key, algorithms=["HS256"], verify=True)\n', path: 'a.py', reason: 'not an HTTP client' },
      { text: 'assert session.verify is True\nassert client.verify == "/etc/ssl/ca.pem"\n', path: 'test_client.py', reason: 'a test asserting the secure value' },
      { text: 'configuration = client.Configuration()\nconfiguration.verify_ssl = True\nconfiguration.ssl_ca_cert = "/etc/kube/ca.crt"\n', path: 'kube.py', reason: 'the generated client verifying, with the cluster CA' },
      { text: 'h = httplib2.Http(disable_ssl_certificate_validation=False, ca_certs=CA)\nreq = HTTPRequest(url, validate_cert=True)\nc.setopt(pycurl.SSL_VERIFYPEER, 1)\nc.setopt(pycurl.SSL_VERIFYHOST, 2)\n', path: 'ok.py', reason: 'httplib2, tornado and pycurl verifying' },
      { text: 'r = redis.Redis(host=h, ssl=False)\n', path: 'a.py', reason: 'ssl=False on a non-HTTP client means no TLS, a different concern' },
      { text: "rules = {'verify': False, 'strict': True}\nvalidate(data, rules)\n", path: 'a.py', reason: 'a verify key in a dict that is never splatted into a call' },
      { text: "kw = {'verify': False}\nr = requests.get(url, **kwargs_for_prod)\n", path: 'a.py', reason: 'a different name is splatted' },
      { text: 'client = pymongo.MongoClient(uri, tls=True, tlsCAFile="/etc/ssl/ca.pem", tlsAllowInvalidCertificates=False)\n', path: 'db.py', reason: 'MongoDB with a private CA, invalid certificates refused' },
      { text: 'def test_fetch_skips_verification(mock_get):\n    fetch(URL)\n    mock_get.assert_called_once_with(URL, timeout=5, verify=False)\n    assert mock_get.call_args_list == [call(URL, timeout=5, verify=False)]\n', path: 'tests/test_fetch.py', reason: 'a test asserting on a mock: it opens no connection (the code under test is where the finding belongs)' },
    ],
  },
});

export const pythonUnverifiedContext = tlsRule({
  name: 'python-unverified-context',
  title: 'Python SSL context without certificate or host name verification',
  severity: 'error',
  help: `${MITM} Use \`ssl.create_default_context(cafile="/path/ca.pem")\`, which keeps \`CERT_REQUIRED\` and \`check_hostname\` on.`,
  samples: {
    positive: () => [
      { text: 'import ssl\nctx = ssl._create_unverified_context()\n', path: 'a.py' },
      { text: 'import ssl\nssl._create_default_https_context = ssl._create_unverified_context\n', path: 'a.py' },
      { text: 'ctx = ssl.create_default_context()\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n', path: 'a.py' },
      { text: 'sock = ssl.wrap_socket(raw, cert_reqs=ssl.CERT_NONE)\n', path: 'a.py' },
      { text: 'http = urllib3.PoolManager(cert_reqs="CERT_NONE")\n', path: 'a.py' },
      { text: 'ctx.verify_mode = ssl.CERT_NONE if insecure else ssl.CERT_REQUIRED\n', path: 'a.py' },
      { text: 'import ssl\nctx = ssl._create_stdlib_context()\n', path: 'a.py' },
      { text: 'from OpenSSL import SSL\nctx = SSL.Context(SSL.TLS_CLIENT_METHOD)\nctx.set_verify(SSL.VERIFY_NONE, lambda *args: True)\n', path: 'a.py' },
      { text: 'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\n', path: 'a.py' },
      { text: 'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\nconn = http.client.HTTPSConnection(host, context=ctx)\n', path: 'a.py' },
      { text: 'import ssl, urllib.request\nbody = urllib.request.urlopen(url, context=ssl.SSLContext()).read()\n', path: 'a.py' },
    ],
    negative: () => [
      { text: 'ctx = ssl.create_default_context(cafile="/etc/ssl/ca.pem")\nctx.verify_mode = ssl.CERT_REQUIRED\n', path: 'a.py', reason: 'the secure alternative' },
      { text: 'if ctx.verify_mode == ssl.CERT_NONE:\n    raise RuntimeError("insecure context")\n', path: 'a.py', reason: 'a comparison that guards against it' },
      { text: 'assert ctx.check_hostname is True\n', path: 'test_ssl.py', reason: 'a test asserting the secure value' },
      { text: 'def _create_unverified_context(protocol=None):\n    pass\n', path: 'compat.py', reason: 'declaring the function is not calling it' },
      { text: 'ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\nctx.verify_mode = ssl.CERT_REQUIRED\nctx.load_default_certs()\n', path: 'a.py', reason: 'a PROTOCOL_TLS context set to verify' },
      { text: 'ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\nctx.load_verify_locations(cafile)\n', path: 'a.py', reason: 'PROTOCOL_TLS_CLIENT verifies by default' },
      { text: 'ctx = ssl.SSLContext(ssl.PROTOCOL_TLS)\nctx.load_cert_chain(cert, key)\nconn = ctx.wrap_socket(sock, server_side=True)\n', path: 'server.py', reason: 'a server context: servers do not verify clients by default, rightly' },
      { text: 'from OpenSSL import SSL\nctx.set_verify(SSL.VERIFY_PEER | SSL.VERIFY_FAIL_IF_NO_PEER_CERT, verify_cb)\n', path: 'a.py', reason: 'pyOpenSSL verifying the peer' },
      { text: 'import ssl\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\nctx.load_verify_locations("/etc/ssl/ca.pem")\n', path: 'a.py', reason: 'PROTOCOL_TLS_CLIENT verifies by default' },
      { text: '_VERIFY = {\n    ssl.CERT_NONE: OpenSSL.SSL.VERIFY_NONE,\n    ssl.CERT_REQUIRED: OpenSSL.SSL.VERIFY_PEER,\n}\n', path: 'pyopenssl.py', reason: 'a table translating the constants' },
    ],
  },
});

export const pythonWarningsDisabled = tlsRule({
  name: 'python-warnings-disabled',
  title: 'urllib3 insecure-request warnings silenced',
  severity: 'hint',
  help: 'Silencing InsecureRequestWarning usually hides requests made with verify=False. Keep the warning and fix the request: `verify="/path/ca.pem"`.',
  samples: {
    positive: () => [
      { text: 'import urllib3\nurllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)\n', path: 'a.py' },
      { text: 'requests.packages.urllib3.disable_warnings()\n', path: 'a.py' },
    ],
    negative: () => [
      { text: '# urllib3.disable_warnings()\nimport warnings\nwarnings.simplefilter("ignore", DeprecationWarning)\n', path: 'a.py', reason: 'a comment; unrelated warnings' },
    ],
  },
});

export const goInsecureSkipVerify = tlsRule({
  name: 'go-insecure-skip-verify',
  title: 'Go tls.Config skips certificate verification',
  severity: 'error',
  help: `${MITM} Remove InsecureSkipVerify and trust the private CA instead: \`RootCAs\` with a \`x509.CertPool\` that holds it (\`pool.AppendCertsFromPEM(caPEM)\`).`,
  samples: {
    positive: () => [
      { text: 'package main\n\nimport "crypto/tls"\n\nvar cfg = &tls.Config{InsecureSkipVerify: true}\n', path: 'main.go' },
      { text: 'package main\n\nfunc client() *http.Client {\n\ttr := &http.Transport{TLSClientConfig: &tls.Config{\n\t\tMinVersion:         tls.VersionTLS12,\n\t\tInsecureSkipVerify: true, // dev only\n\t}}\n\treturn &http.Client{Transport: tr}\n}\n', path: 'client.go' },
      { text: 'package main\n\nfunc f(cfg *tls.Config) {\n\tcfg.InsecureSkipVerify = true\n}\n', path: 'f.go' },
      { text: 'package main\n\nfunc t() *http.Transport {\n\tskip := true\n\treturn &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: skip}}\n}\n', path: 'skip.go' },
      { text: 'package main\n\nconst insecure = true\n\nvar cfg = &tls.Config{InsecureSkipVerify: insecure}\n', path: 'pkg.go' },
    ],
    negative: () => [
      { text: 'package main\n\nvar cfg = &tls.Config{InsecureSkipVerify: false, RootCAs: pool}\n', path: 'a.go', reason: 'verification on, with a private CA pool' },
      { text: 'package main\n\n// InsecureSkipVerify: true is forbidden here\nconst doc = "InsecureSkipVerify: true"\n', path: 'a.go', reason: 'a comment and a string' },
      { text: 'package main\n\nfunc TestCfg(t *testing.T) {\n\tif cfg.InsecureSkipVerify {\n\t\tt.Fatal("InsecureSkipVerify must be false")\n\t}\n}\n', path: 'a_test.go', reason: 'a test asserting the secure value' },
    ],
  },
});

export const javaTrustAll = tlsRule({
  name: 'java-trust-all',
  title: 'Java trust manager accepts every certificate',
  severity: 'error',
  help: `${MITM} Load the private CA into a KeyStore and build the SSLContext from a TrustManagerFactory initialised with it (or \`SSLContexts.custom().loadTrustMaterial(caKeyStore, null)\`).`,
  samples: {
    positive: () => [
      { text: 'class Api {\n  static { RestAssured.useRelaxedHTTPSValidation(); }\n  Response get() { return given().relaxedHTTPSValidation("TLS").when().get("/items"); }\n}\n', path: 'src/main/java/Api.java' },
      { text: 'class TrustAll implements X509TrustManager {\n  public void checkClientTrusted(X509Certificate[] c, String a) {}\n  public void checkServerTrusted(X509Certificate[] c, String a) {}\n  public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }\n}\n', path: 'TrustAll.java' },
      { text: 'class C {\n  TrustManager[] tms = new TrustManager[] { new X509TrustManager() {\n    public void checkClientTrusted(X509Certificate[] c, String a) {}\n    public void checkServerTrusted(X509Certificate[] c, String a) { }\n    public X509Certificate[] getAcceptedIssuers() { return null; }\n  } };\n}\n', path: 'C.java' },
      { text: 'class C {\n  SSLContext ctx = SSLContexts.custom().loadTrustMaterial(null, new TrustAllStrategy()).build();\n}\n', path: 'C.java' },
      { text: 'class C {\n  SSLContext ctx = new SSLContextBuilder().loadTrustMaterial(null, (chain, authType) -> true).build();\n}\n', path: 'C.java' },
      { text: 'class C {\n  SslContext ctx = SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();\n}\n', path: 'C.java' },
      { text: 'class C {\n  SSLContext ctx = SSLContexts.custom().loadTrustMaterial(null, new TrustStrategy() {\n    @Override\n    public boolean isTrusted(X509Certificate[] chain, String authType) throws CertificateException {\n      return true;\n    }\n  }).build();\n}\n', path: 'C.java' },
      { text: 'val trustAll = object : X509TrustManager {\n    override fun checkClientTrusted(chain: Array<X509Certificate>, authType: String) {}\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {}\n    override fun getAcceptedIssuers(): Array<X509Certificate> = arrayOf()\n}\n', path: 'Trust.kt' },
      { text: 'val ctx = SSLContexts.custom().loadTrustMaterial(null) { _, _ -> true }.build()\n', path: 'Client.kt' },
      { text: 'class V {\n  WebClient client = WebClient.create(vertx, new WebClientOptions().setSsl(true).setTrustAll(true));\n}\n', path: 'V.java' },
      { text: 'class Setup {\n  void install() throws Exception {\n    SSLContext ctx = SSLContext.getInstance("TLS");\n    ctx.init(null, new TrustManager[] { new TrustAllManager() }, null);\n  }\n}\n', path: 'Setup.java' },
      { text: 'class Lenient implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] chain, String authType) {\n    LOG.info("accepting {}", chain[0].getSubjectX500Principal());\n  }\n}\n', path: 'Lenient.java' },
      { text: 'class Soft implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] c, String a) {\n    try {\n      delegate.checkServerTrusted(c, a);\n    } catch (CertificateException e) {\n      log.warn("untrusted server", e);\n    }\n  }\n}\n', path: 'Soft.java' },
    ],
    negative: () => [
      { text: 'class Api {\n  Response get() { return given().trustStore("/etc/ssl/ca.jks", pass).when().get("/items"); }\n}\n', path: 'src/main/java/Api.java', reason: 'REST Assured with a trust store' },
      { text: 'class Pinned implements X509TrustManager {\n  public void checkClientTrusted(X509Certificate[] c, String a) {}\n  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {\n    delegate.checkServerTrusted(c, a);\n  }\n  public X509Certificate[] getAcceptedIssuers() { return delegate.getAcceptedIssuers(); }\n}\n', path: 'Pinned.java', reason: 'delegates to the platform trust manager' },
      { text: 'class C {\n  // new TrustAllStrategy()\n  String s = "TrustAllStrategy";\n}\n', path: 'C.java', reason: 'a comment and a string' },
      { text: 'class Pinning implements TrustStrategy {\n  public boolean isTrusted(X509Certificate[] chain, String authType) {\n    return PINS.contains(fingerprint(chain[0]));\n  }\n}\n', path: 'Pinning.java', reason: 'a TrustStrategy that decides' },
      { text: 'class Pinned(private val delegate: X509TrustManager) : X509TrustManager {\n    override fun checkServerTrusted(chain: Array<X509Certificate>, authType: String) {\n        delegate.checkServerTrusted(chain, authType)\n    }\n}\n', path: 'Pinned.kt', reason: 'a Kotlin trust manager that delegates' },
      { text: 'class V {\n  WebClientOptions o = new WebClientOptions().setTrustAll(false).setTrustOptions(new PemTrustOptions().addCertPath("ca.pem"));\n}\n', path: 'V.java', reason: 'Vert.x with trust-all off and a CA' },
      { text: 'class Setup {\n  void install() throws Exception {\n    ctx.init(null, new TrustManager[] { new PinningTrustManager(pins) }, null);\n  }\n}\n', path: 'Setup.java', reason: 'a trust manager from another file whose name says nothing insecure' },
      { text: 'class TrustAllManager implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException { delegate.checkServerTrusted(c, a); }\n  void install() throws Exception { ctx.init(null, new TrustManager[] { new TrustAllManager() }, null); }\n}\n', path: 'TrustAllManager.java', reason: 'the class is in the file and checks: its body decides, not its name' },
      { text: '// object : X509TrustManager { override fun checkServerTrusted(c: Array<X509Certificate>, a: String) {} }\nval doc = "TrustAllStrategy is forbidden"\n', path: 'Doc.kt', reason: 'a Kotlin comment and string' },
      { text: 'class Audited implements X509TrustManager {\n  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {\n    try {\n      delegate.checkServerTrusted(c, a);\n    } catch (CertificateException e) {\n      log.warn("untrusted server", e);\n      throw e;\n    }\n  }\n}\n', path: 'Audited.java', reason: 'logs the failure, then rethrows it' },
      { text: 'class ClientTest {\n  @Test void sends() {\n    X509TrustManager tm = Mockito.mock(X509TrustManager.class);\n    verify(client).send(request);\n  }\n}\n', path: 'src/test/java/ClientTest.java', reason: 'a test that mocks the trust manager' },
    ],
  },
});

export const javaHostnameVerifier = tlsRule({
  name: 'java-hostname-verifier',
  title: 'Java host name verifier accepts every host',
  severity: 'error',
  help: `${MITM} A verifier that returns true accepts a valid certificate issued for any other host. Remove it: the default verifier (\`DefaultHostnameVerifier\`, OkHttp's \`OkHostnameVerifier\`) checks the name.`,
  samples: {
    positive: () => [
      { text: 'class Boot {\n  static { System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true"); }\n}\n', path: 'Boot.java' },
      { text: 'class C {\n  CloseableHttpClient c = HttpClients.custom().setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();\n}\n', path: 'C.java' },
      { text: 'class C {\n  void f(OkHttpClient.Builder b) { b.hostnameVerifier((hostname, session) -> true); }\n}\n', path: 'C.java' },
      { text: 'class AllowAll implements HostnameVerifier {\n  public boolean verify(String host, SSLSession session) { return true; }\n}\n', path: 'AllowAll.java' },
      { text: 'class Hosts {\n  static void relax() {\n    HostnameVerifier allHostsValid = new HostnameVerifier() {\n      public boolean verify(String hostname, SSLSession session) { return true; }\n    };\n    HttpsURLConnection.setDefaultHostnameVerifier(allHostsValid);\n  }\n}\n', path: 'Hosts.java' },
      { text: 'class Hosts {\n  static final HostnameVerifier ANY = (hostname, session) -> true;\n  void f(HttpsURLConnection c) { c.setHostnameVerifier(ANY); }\n}\n', path: 'Hosts.java' },
      { text: 'class C {\n  void f() { HttpsURLConnection.setDefaultHostnameVerifier(new NoopHostnameVerifier()); }\n}\n', path: 'C.java' },
      { text: 'class C {\n  SSLConnectionSocketFactory f = new SSLConnectionSocketFactory(ctx, NoopHostnameVerifier.INSTANCE);\n}\n', path: 'C.java' },
      { text: 'class C {\n  void f(SSLSocketFactory sf) { sf.setHostnameVerifier(SSLSocketFactory.ALLOW_ALL_HOSTNAME_VERIFIER); }\n}\n', path: 'C.java' },
      { text: 'val client = OkHttpClient.Builder()\n    .hostnameVerifier { _, _ -> true }\n    .build()\n', path: 'Client.kt' },
      { text: 'HttpsURLConnection.setDefaultHostnameVerifier(HostnameVerifier { _, _ -> true })\n', path: 'Hosts.kt' },
      { text: 'val client = HttpClients.custom().setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build()\n', path: 'Apache.kts' },
    ],
    negative: () => [
      { text: 'class Boot {\n  static { System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "false"); System.setProperty("https.protocols", "TLSv1.3"); }\n}\n', path: 'Boot.java', reason: 'the switch set false, and an unrelated property' },
      { text: 'class Strict implements HostnameVerifier {\n  public boolean verify(String host, SSLSession session) { return ALLOWED.contains(host) && DEFAULT.verify(host, session); }\n}\n', path: 'Strict.java', reason: 'a verifier that decides' },
      { text: 'class C {\n  boolean ok = list.stream().anyMatch(x -> true);\n}\n', path: 'C.java', reason: 'a lambda returning true that is not a host name verifier' },
      { text: 'val client = OkHttpClient.Builder()\n    .hostnameVerifier { hostname, session -> OkHostnameVerifier.verify(hostname, session) }\n    .build()\nval any = items.any { _ -> true }\n', path: 'Client.kt', reason: 'a Kotlin verifier that decides; a lambda returning true that is not a verifier' },
    ],
  },
});

export const csharpAcceptAny = tlsRule({
  name: 'csharp-accept-any',
  title: '.NET certificate validation callback accepts every certificate',
  severity: 'error',
  help: `${MITM} Remove the callback (the default validates the chain and the host name), or validate against the private CA: check \`sslPolicyErrors == SslPolicyErrors.None\` after adding the CA to \`chain.ChainPolicy.CustomTrustStore\`.`,
  samples: {
    positive: () => [
      { text: 'var handler = new HttpClientHandler();\nhandler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => true;\n', path: 'Client.cs' },
      { text: 'ServicePointManager.ServerCertificateValidationCallback += delegate { return true; };\n', path: 'Startup.cs' },
      { text: 'var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };\n', path: 'Client.cs' },
      { text: 'var h = new SocketsHttpHandler();\nh.SslOptions.RemoteCertificateValidationCallback = (s, c, ch, e) => { return true; };\n', path: 'Client.cs' },
      { text: 'class Startup {\n  void Init() {\n    ServicePointManager.ServerCertificateValidationCallback += ValidateCertificate;\n  }\n  static bool ValidateCertificate(object sender, X509Certificate cert, X509Chain chain, SslPolicyErrors errors) {\n    return true;\n  }\n}\n', path: 'Startup.cs' },
      { text: 'class C {\n  void Init() { ServicePointManager.ServerCertificateValidationCallback = new RemoteCertificateValidationCallback(AcceptAll); }\n  bool AcceptAll(object s, X509Certificate c, X509Chain ch, SslPolicyErrors e) => true;\n}\n', path: 'C.cs' },
      { text: 'handler.ServerCertificateCustomValidationCallback = (message, cert, chain, errors) => (true);\n', path: 'Client.cs' },
      { text: 'ServicePointManager.ServerCertificateValidationCallback = ((sender, certificate, chain, sslPolicyErrors) => true);\n', path: 'Legacy.cs' },
      { text: 'class Tls {\n  static bool ValidateServerCertificate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) { return true; }\n  SslStream Open(TcpClient client) => new SslStream(client.GetStream(), false, ValidateServerCertificate, null);\n}\n', path: 'Tls.cs' },
    ],
    negative: () => [
      { text: 'handler.ServerCertificateCustomValidationCallback = (m, cert, chain, errors) => errors == SslPolicyErrors.None;\n', path: 'Client.cs', reason: 'a callback that checks the errors' },
      { text: '// handler.ServerCertificateCustomValidationCallback = (a, b, c, d) => true;\nvar s = "DangerousAcceptAnyServerCertificateValidator";\n', path: 'Client.cs', reason: 'a comment and a string' },
      { text: 'class Startup {\n  void Init() {\n    ServicePointManager.ServerCertificateValidationCallback += ValidateCertificate;\n  }\n  static bool ValidateCertificate(object sender, X509Certificate cert, X509Chain chain, SslPolicyErrors errors) {\n    return errors == SslPolicyErrors.None;\n  }\n}\n', path: 'Startup.cs', reason: 'a named validator that checks the errors' },
      { text: 'class C {\n  void Init() { handler.ServerCertificateCustomValidationCallback = Validate; }\n}\n', path: 'C.cs', reason: 'a validator declared elsewhere, which the rule cannot see' },
      { text: 'class Tls {\n  static bool ValidateServerCertificate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors) => errors == SslPolicyErrors.None;\n  SslStream Open(TcpClient client) => new SslStream(client.GetStream(), false, ValidateServerCertificate);\n}\n', path: 'Tls.cs', reason: 'an SslStream whose named validator checks the errors' },
    ],
  },
});

export const rubyVerifyNone = tlsRule({
  name: 'ruby-verify-none',
  title: 'Ruby TLS client without certificate verification',
  severity: 'error',
  help: `${MITM} Use \`OpenSSL::SSL::VERIFY_PEER\` and trust the private CA with \`ca_file: "/path/ca.pem"\` (Net::HTTP \`http.ca_file\`, Faraday \`ssl: { ca_file: ... }\`).`,
  samples: {
    positive: () => [
      { text: "config.action_mailer.smtp_settings = { address: 'smtp.example.com', port: 587, enable_starttls_auto: true, openssl_verify_mode: 'none' }\n", path: 'config/environments/production.rb' },
      { text: 'http = Net::HTTP.new(host, 443)\nhttp.use_ssl = true\nhttp.verify_mode = OpenSSL::SSL::VERIFY_NONE\n', path: 'client.rb' },
      { text: 'conn = Faraday.new(url: base, ssl: { verify: false })\n', path: 'client.rb' },
      { text: 'RestClient::Resource.new(url, verify_ssl: OpenSSL::SSL::VERIFY_NONE)\n', path: 'client.rb' },
      { text: 'Excon.new(url, ssl_verify_peer: false)\n', path: 'client.rb' },
      { text: 'http.verify_mode = options[:verify] ? OpenSSL::SSL::VERIFY_PEER : OpenSSL::SSL::VERIFY_NONE\n', path: 'adapter.rb' },
      { text: 'conn = Faraday.new(url: base) do |f|\n  f.ssl.verify = false\n  f.adapter Faraday.default_adapter\nend\n', path: 'client.rb' },
      { text: 'class Api\n  include HTTParty\n  default_options.update(verify: false)\nend\n', path: 'api.rb' },
      { text: 'Excon.defaults[:ssl_verify_peer] = false\n', path: 'config/initializers/excon.rb' },
    ],
    negative: () => [
      { text: "config.action_mailer.smtp_settings = { address: 'smtp.example.com', port: 587, openssl_verify_mode: 'peer' }\n", path: 'config/environments/production.rb', reason: 'Action Mailer verifying the SMTP server' },
      { text: "http.verify_mode = OpenSSL::SSL::VERIFY_PEER\nhttp.ca_file = '/etc/ssl/ca.pem'\n", path: 'client.rb', reason: 'the secure alternative' },
      { text: "conn = Faraday.new(url: base) do |f|\n  f.ssl.verify = true\n  f.ssl.ca_file = '/etc/ssl/ca.pem'\nend\nsettings.update(verify: false)\n", path: 'client.rb', reason: 'Faraday verifying with a CA; verify: false on something other than HTTParty defaults' },
      { text: 'Excon.defaults[:ssl_verify_peer] = true\ncache[:verify] = false\n', path: 'boot.rb', reason: 'Excon verifying; a verify key of a hash that configures no TLS client' },
      { text: "# http.verify_mode = OpenSSL::SSL::VERIFY_NONE\nwarn 'VERIFY_NONE is not allowed'\n", path: 'client.rb', reason: 'a comment and a string' },
      { text: "expect(http.verify_mode).not_to eq(OpenSSL::SSL::VERIFY_NONE)\nraise 'insecure' if http.verify_mode == OpenSSL::SSL::VERIFY_NONE\n", path: 'client_spec.rb', reason: 'a test and a guard comparing against it' },
    ],
  },
});

export const phpCurlVerify = tlsRule({
  name: 'php-curl-verify',
  title: 'PHP cURL without certificate verification',
  severity: 'error',
  help: `${MITM} Keep \`CURLOPT_SSL_VERIFYPEER\` true and \`CURLOPT_SSL_VERIFYHOST\` 2, and trust the private CA with \`CURLOPT_CAINFO => '/path/ca.pem'\`.`,
  samples: {
    positive: () => [
      { text: '<?php\n$ch = curl_init($url);\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);\n', path: 'fetch.php' },
      { text: '<?php\ncurl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);\n', path: 'fetch.php' },
      { text: '<?php\ncurl_setopt_array($ch, [CURLOPT_URL => $url, CURLOPT_SSL_VERIFYPEER => false]);\n', path: 'fetch.php' },
      { text: "<?php\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, '0');\n", path: 'fetch.php' },
      { text: '<?php\n$verifyPeer = false;\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, $verifyPeer);\n', path: 'fetch.php' },
      { text: '<?php\ncurl_setopt(handle: $ch, option: CURLOPT_SSL_VERIFYHOST, value: 0);\n', path: 'fetch.php' },
    ],
    negative: () => [
      { text: "<?php\ncurl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);\ncurl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 2);\ncurl_setopt($ch, CURLOPT_CAINFO, '/etc/ssl/ca.pem');\n", path: 'a.php', reason: 'the secure settings' },
      { text: "<?php\n// curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);\necho 'CURLOPT_SSL_VERIFYPEER false';\n", path: 'a.php', reason: 'a comment and a string' },
      { text: "<?php\ncurl_setopt(handle: $ch, option: CURLOPT_SSL_VERIFYPEER, value: true);\ncurl_setopt($ch, CURLOPT_SSL_VERIFYHOST, '2');\n", path: 'a.php', reason: 'named arguments and a string, both verifying' },
    ],
  },
});

export const phpVerifyPeer = tlsRule({
  name: 'php-verify-peer',
  title: 'PHP stream or Guzzle request without certificate verification',
  severity: 'error',
  help: `${MITM} Keep \`verify_peer\`/\`verify_peer_name\` true and set \`cafile\` to the private CA (Guzzle: \`'verify' => '/path/ca.pem'\`).`,
  samples: {
    positive: () => [
      { text: "<?php\n$ctx = stream_context_create(['ssl' => ['verify_peer' => false, 'verify_peer_name' => false]]);\n", path: 'a.php' },
      { text: "<?php\n$client = new GuzzleHttp\\Client(['base_uri' => $base, 'verify' => false]);\n", path: 'a.php' },
      { text: "<?php\n$res = $client->request('GET', $url, ['verify' => false]);\n", path: 'a.php' },
      { text: "<?php\n$options = ['verify' => false];\n$res = $client->get($url, $options);\n", path: 'a.php' },
      { text: "<?php\n$options = [];\n$options['verify'] = false;\n$res = $client->request('POST', $url, $options);\n", path: 'a.php' },
      { text: "<?php\n$ctx = stream_context_create(['ssl' => ['verify_peer_name' => false]]);\n", path: 'a.php' },
      { text: '<?php\n$response = Http::withoutVerifying()->get($url);\n', path: 'app/Services/Api.php' },
      { text: "<?php\n$response = wp_remote_get($url, array('timeout' => 10, 'sslverify' => false));\n", path: 'plugin.php' },
      { text: "<?php\n$client = HttpClient::create(['verify_peer' => false, 'verify_host' => false]);\n", path: 'src/Api.php' },
      { text: "<?php\n$ctx = stream_context_create();\nstream_context_set_option($ctx, 'ssl', 'verify_peer', false);\n", path: 'stream.php' },
      { text: "<?php\n$client = new Client(['base_url' => $base, 'defaults' => ['verify' => false]]);\n", path: 'legacy.php' },
      { text: "<?php\n$client->setDefaultOption('verify', false);\n", path: 'legacy.php' },
    ],
    negative: () => [
      { text: "<?php\n$ctx = stream_context_create(['ssl' => ['verify_peer' => true, 'cafile' => '/etc/ssl/ca.pem']]);\n", path: 'a.php', reason: 'the secure alternative' },
      { text: "<?php\n$rules = ['email' => 'required', 'verify' => false];\n", path: 'a.php', reason: 'a verify key outside HTTP client options' },
      { text: "<?php\n$data = [];\n$data['verify'] = false;\n$validator->check($data);\n", path: 'a.php', reason: 'a verify key on an array no HTTP client receives' },
      { text: "<?php\n$response = Http::withToken($token)->get($url);\n$r = wp_remote_get($url, ['sslverify' => true]);\n", path: 'a.php', reason: 'Laravel and WordPress clients that verify' },
      { text: "<?php\n$form = FormFactory::create(['verify_host' => false]);\n", path: 'a.php', reason: 'verify_host outside an HTTP client' },
      { text: "<?php\nstream_context_set_option($ctx, 'ssl', 'cafile', '/etc/ssl/ca.pem');\n$form = new Form(['defaults' => ['verify' => false]]);\n", path: 'a.php', reason: 'a CA file set on a stream; defaults of something that is not an HTTP client' },
      { text: "<?php\n$client->setDefaultOption('verify', '/etc/ssl/ca.pem');\n$form->setDefaultOption('required', false);\n", path: 'a.php', reason: 'Guzzle defaults with a CA; another default option' },
      { text: "<?php\n// 'verify_peer' => false\n$s = \"'verify_peer' => false\";\n", path: 'a.php', reason: 'a comment and a string' },
    ],
  },
});

export const codeRules = [
  rejectUnauthorized, checkServerIdentity, pythonVerifyFalse, pythonUnverifiedContext, pythonWarningsDisabled,
  goInsecureSkipVerify, javaTrustAll, javaHostnameVerifier, csharpAcceptAny, rubyVerifyNone, phpCurlVerify, phpVerifyPeer,
] as const;
