import type { TlsCase } from './tlsCases';

// A second labelled tls set, written after this session's rule changes and run once without
// tuning the rules to it: APIs and shapes the first set (tlsCases.ts) does not use, from each
// library's documentation (superagent, ioredis, mysql2, @elastic/elasticsearch, boto3, hvac,
// pymongo, websockets, ldap3, resty, Jersey, java.net.http, ASP.NET Core IHttpClientFactory,
// Faraday blocks, HTTParty default_options, PHPMailer, Guzzle 5, stream_context_set_option,
// git -c, yarn, Ansible, docker compose). `npm run recall:tls` prints its figures apart.

const bad = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: true });
const ok = (library: string, path: string, ...lines: string[]): TlsCase => ({ library, path, text: `${lines.join('\n')}\n`, insecure: false });

export function tlsHeldOutCases(): TlsCase[] {
  return [
    bad('node', 'src/req.js', "const req = https.request({ hostname: 'api.internal', port: 443, path: '/', method: 'GET', rejectUnauthorized: false }, onResponse);"),
    bad('node', 'src/sa.js', "const res = await superagent.get('https://api.internal/x').disableTLSCerts();"),
    bad('node', 'src/redis.ts', 'const redis = new Redis({ host, port: 6380, tls: { rejectUnauthorized: false } });'),
    bad('node', 'src/mysql.ts', "const conn = await mysql.createConnection({ host, user, database: 'app', ssl: { rejectUnauthorized: false } });"),
    bad('node', 'src/fetch.ts', 'const res = await fetch(url, { agent: new https.Agent({ rejectUnauthorized: false }) });'),
    bad('node', 'src/es.ts', "const client = new Client({ node: 'https://es.internal:9200', tls: { rejectUnauthorized: false } });"),
    ok('node', 'src/req.js', "const req = https.request({ hostname: 'api.internal', ca: fs.readFileSync('ca.pem') }, onResponse);"),
    ok('node', 'src/redis.ts', 'const redis = new Redis({ host, port: 6380, tls: { ca: caCert } });'),
    ok('node', 'src/flags.ts', 'export const defaults = { rejectUnauthorized: true, timeout: 5000 };'),

    bad('python', 'api.py', "resp = requests.request('GET', url, headers=h, verify=False)"),
    bad('python', 'api.py', 'async with httpx.AsyncClient(verify=False, http2=True) as client:', '    r = await client.get(url)'),
    bad('python', 'api.py', 'session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=False))'),
    bad('python', 'ws.py', 'ssl_context = ssl.create_default_context()', 'ssl_context.check_hostname = False', 'ssl_context.verify_mode = ssl.CERT_NONE', 'async with websockets.connect(uri, ssl=ssl_context) as ws:', '    await ws.send("hi")'),
    bad('python', 'db.py', 'client = pymongo.MongoClient(uri, tls=True, tlsAllowInvalidCertificates=True)'),
    bad('python', 'ldap.py', 'tls = Tls(validate=ssl.CERT_NONE, version=ssl.PROTOCOL_TLSv1_2)', "server = Server('ldap.internal', use_ssl=True, tls=tls)"),
    bad('python', 'conn.py', 'conn = http.client.HTTPSConnection(host, context=ssl._create_unverified_context())'),
    bad('python', 's3.py', "s3 = boto3.client('s3', endpoint_url=endpoint, verify=False)"),
    bad('python', 'vault.py', 'client = hvac.Client(url=VAULT_ADDR, token=token, verify=False)'),
    ok('python', 's3.py', "s3 = boto3.client('s3', verify='/etc/ssl/internal-ca.pem')"),
    ok('python', 'api.py', 'resp = requests.get(url, verify=certifi.where())'),
    ok('python', 'tls.py', 'ctx = ssl.create_default_context(cafile=certifi.where())'),
    ok('python', 'db.py', 'client = pymongo.MongoClient(uri, tls=True, tlsCAFile="/etc/ssl/ca.pem")'),

    bad('go', 'tls.go', 'package main', '', 'func cfg() *tls.Config {', '\ttlsConfig := &tls.Config{}', '\ttlsConfig.InsecureSkipVerify = true', '\treturn tlsConfig', '}'),
    bad('go', 'main.go', 'package main', '', 'func init() {', '\thttp.DefaultTransport.(*http.Transport).TLSClientConfig = &tls.Config{InsecureSkipVerify: true}', '}'),
    bad('go', 'resty.go', 'package main', '', 'var client = resty.New().SetTLSClientConfig(&tls.Config{InsecureSkipVerify: true})'),
    ok('go', 'tls.go', 'package main', '', 'var cfg = &tls.Config{ServerName: host, RootCAs: roots, MinVersion: tls.VersionTLS13}'),

    bad('java', 'Http11.java', 'class Http11 {', '  HttpClient build() throws Exception {', '    SSLContext sslContext = SSLContext.getInstance("TLS");', '    sslContext.init(null, new TrustManager[] { new X509TrustManager() {', '      public void checkClientTrusted(X509Certificate[] c, String a) {}', '      public void checkServerTrusted(X509Certificate[] c, String a) {}', '      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }', '    } }, new SecureRandom());', '    return HttpClient.newBuilder().sslContext(sslContext).build();', '  }', '}'),
    bad('java', 'RestConfig.java', 'class RestConfig {', '  RestTemplate restTemplate() throws Exception {', '    TrustStrategy acceptingTrustStrategy = (X509Certificate[] chain, String authType) -> true;', '    SSLContext sslContext = SSLContexts.custom().loadTrustMaterial(null, acceptingTrustStrategy).build();', '    return build(sslContext);', '  }', '}'),
    bad('java', 'Factory.java', 'class Factory {', '  SSLConnectionSocketFactory f = new SSLConnectionSocketFactory(sslContext, NoopHostnameVerifier.INSTANCE);', '}'),
    bad('java', 'JaxRs.java', 'class JaxRs {', '  Client client = ClientBuilder.newBuilder().sslContext(ctx).hostnameVerifier((s1, s2) -> true).build();', '}'),
    ok('java', 'JaxRs.java', 'class JaxRs {', '  Client client = ClientBuilder.newBuilder().sslContext(SSLContext.getDefault()).build();', '}'),
    ok('java', 'Pool.java', 'class Pool {', '  PoolingHttpClientConnectionManager cm = new PoolingHttpClientConnectionManager(RegistryBuilder.<ConnectionSocketFactory>create()', '      .register("https", new SSLConnectionSocketFactory(SSLContexts.createSystemDefault(), new DefaultHostnameVerifier())).build());', '}'),

    bad('csharp', 'Client.cs', 'var handler = new HttpClientHandler', '{', '    ServerCertificateCustomValidationCallback = (sender, cert, chain, sslPolicyErrors) => { return true; }', '};'),
    bad('csharp', 'Legacy.cs', 'ServicePointManager.ServerCertificateValidationCallback = (s, c, ch, e) => true;'),
    bad('csharp', 'Program.cs', 'builder.Services.AddHttpClient("internal").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler', '{', '    ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator', '});'),
    bad('csharp', 'Tcp.cs', 'var stream = new SslStream(client.GetStream(), false, new RemoteCertificateValidationCallback((a, b, c, d) => true));'),
    ok('csharp', 'Client.cs', 'var handler = new HttpClientHandler();', 'handler.ClientCertificates.Add(certificate);'),
    ok('csharp', 'Client.cs', 'handler.ServerCertificateCustomValidationCallback = (msg, cert, chain, errors) =>', '{', '    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;', '    chain.ChainPolicy.CustomTrustStore.Add(ca);', '    return chain.Build(cert);', '};'),

    bad('ruby', 'client.rb', 'conn = Faraday.new(url: base) do |f|', '  f.ssl.verify = false', '  f.adapter Faraday.default_adapter', 'end'),
    bad('ruby', 'client.rb', 'resource = RestClient::Resource.new(url, verify_ssl: false)'),
    bad('ruby', 'api.rb', 'class Api', '  include HTTParty', '  default_options.update(verify: false)', 'end'),
    bad('ruby', 'tls.rb', 'ctx = OpenSSL::SSL::SSLContext.new', 'ctx.verify_mode = OpenSSL::SSL::VERIFY_NONE', 'ssl = OpenSSL::SSL::SSLSocket.new(tcp, ctx)'),
    ok('ruby', 'tls.rb', 'ctx = OpenSSL::SSL::SSLContext.new', 'ctx.verify_mode = OpenSSL::SSL::VERIFY_PEER', 'ctx.cert_store = store'),
    ok('ruby', 'client.rb', 'conn = Faraday.new(url: base, ssl: { verify: true, ca_path: "/etc/ssl/certs" })'),

    bad('php', 'fetch.php', '<?php', '$curl = curl_init();', 'curl_setopt($curl, CURLOPT_SSL_VERIFYPEER, FALSE);'),
    bad('php', 'legacy.php', '<?php', "$client = new Client(['base_url' => $base, 'defaults' => ['verify' => false]]);"),
    bad('php', 'stream.php', '<?php', '$ctx = stream_context_create();', "stream_context_set_option($ctx, 'ssl', 'verify_peer', false);"),
    bad('php', 'mail.php', '<?php', "$mail->SMTPOptions = ['ssl' => ['verify_peer' => false, 'verify_peer_name' => false, 'allow_self_signed' => true]];"),
    bad('php', 'app/Api.php', '<?php', '$http = Http::withoutVerifying();', '$res = $http->post($url, $payload);'),
    ok('php', 'fetch.php', '<?php', 'curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, 1);'),
    ok('php', 'stream.php', '<?php', "$ctx = stream_context_create(['ssl' => ['cafile' => '/etc/ssl/ca.pem', 'verify_peer' => true]]);"),

    bad('config', 'clone.sh', '#!/bin/sh', 'git -c http.sslVerify=false clone https://git.internal/app.git'),
    bad('config', 'clone.sh', '#!/bin/sh', 'GIT_SSL_NO_VERIFY=true git clone https://git.internal/app.git'),
    bad('config', 'Dockerfile', 'FROM node:20', 'RUN yarn config set strict-ssl false && yarn install'),
    bad('config', 'playbook.yml', '- name: fetch artifact', '  ansible.builtin.get_url:', '    url: https://artifacts.internal/app.tgz', '    dest: /tmp/app.tgz', '    validate_certs: no'),
    bad('config', 'compose.yaml', 'services:', '  api:', '    image: api', '    environment:', '      - NODE_TLS_REJECT_UNAUTHORIZED=0'),
    bad('config', '.gitconfig', '[http]', '\tsslVerify = false'),
    ok('config', 'setup.sh', '#!/bin/sh', 'git config --global http.sslVerify true'),
    ok('config', 'install.sh', '#!/bin/sh', 'wget -q https://example.com/x.tgz'),
    ok('config', 'playbook.yml', '- name: fetch artifact', '  ansible.builtin.get_url:', '    url: https://artifacts.internal/app.tgz', '    dest: /tmp/app.tgz', '    validate_certs: yes'),
  ];
}
