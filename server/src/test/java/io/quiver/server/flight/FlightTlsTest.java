package io.quiver.server.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a certificate and key from files (a self-signed pair made with keytool), and mutual TLS. */
class FlightTlsTest {
  private static final char[] PASS = "changeit".toCharArray();

  @TempDir
  Path dir;

  @Test
  void jdbcOverTlsAndPlainTextIsRefused() throws Exception {
    Path server = keyPair("server");
    try (FlightTestServer t = new FlightTestServer(dir,
        c -> c.withTls(dir.resolve("server.crt"), dir.resolve("server.key"), null))) {
      String url = "jdbc:arrow-flight-sql://127.0.0.1:" + t.server.port()
          + "?useEncryption=true&useSystemTrustStore=false&trustStore=" + server + "&trustStorePassword=" + new String(PASS);
      try (Connection c = DriverManager.getConnection(url, login()); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM range(10)")) {
        assertTrue(rs.next());
        assertEquals(10, rs.getLong(1));
      }
      assertThrows(SQLException.class, () -> DriverManager.getConnection(t.url(), login()).close(),
          "a plain-text client cannot talk to a TLS server");
    }
  }

  @Test
  void mutualTlsNeedsAClientCertificate() throws Exception {
    Path server = keyPair("server");
    keyPair("client");
    try (FlightTestServer t = new FlightTestServer(dir,
        c -> c.withTls(dir.resolve("server.crt"), dir.resolve("server.key"), dir.resolve("client.crt")))) {
      String base = "jdbc:arrow-flight-sql://127.0.0.1:" + t.server.port()
          + "?useEncryption=true&useSystemTrustStore=false&trustStore=" + server + "&trustStorePassword=" + new String(PASS);
      String withCert = base + "&clientCertificate=" + dir.resolve("client.crt") + "&clientKey=" + dir.resolve("client.key");
      try (Connection c = DriverManager.getConnection(withCert, login()); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT 1")) {
        assertTrue(rs.next());
      }
      assertThrows(SQLException.class, () -> DriverManager.getConnection(base, login()).close());
    }
  }

  private static Properties login() {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "secret");
    return p;
  }

  /**
   * Makes {name}.p12 with keytool (CN and SAN 127.0.0.1), writes {name}.crt and {name}.key (PKCS#8) as PEM,
   * and returns a trust store holding only the certificate.
   */
  private Path keyPair(String name) throws Exception {
    Path p12 = dir.resolve(name + ".p12");
    if (Files.exists(p12)) {
      return dir.resolve(name + "-trust.p12");
    }
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", new String(PASS), "-keypass", new String(PASS))
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      ks.load(in, PASS);
    }
    Files.writeString(dir.resolve(name + ".crt"), pem("CERTIFICATE", ks.getCertificate(name).getEncoded()));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, PASS);
    trust.setCertificateEntry(name, ks.getCertificate(name));
    Path trustFile = dir.resolve(name + "-trust.p12");
    try (java.io.OutputStream o = Files.newOutputStream(trustFile)) {
      trust.store(o, PASS);
    }
    PrivateKey key = (PrivateKey) ks.getKey(name, PASS);
    Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", key.getEncoded()));
    return trustFile;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
