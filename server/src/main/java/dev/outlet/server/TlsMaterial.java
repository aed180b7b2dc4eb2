package dev.outlet.server;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The HTTPS listener's certificate and key: the user's PEM files when given, else a self-signed
 * certificate generated on first start and kept in {@code <dataDir>/tls/} ({@code cert.pem}, {@code
 * key.pem}, the key readable by its owner only). The generated certificate (EC P-256, valid ten
 * years) names {@code localhost}, {@code *.localhost}, {@code *.execute-api.localhost}, {@code
 * *.lambda-url.<region>.localhost}, 127.0.0.1 and ::1.
 *
 * <p>Java has no public API to make a certificate; BouncyCastle's PKIX builder does it.
 */
record TlsMaterial(Path certificate, Path key, String sha256Fingerprint, boolean generated) {

  static TlsMaterial of(Path dataDir, Path userCert, Path userKey, String region)
      throws IOException {
    if (userCert != null || userKey != null) {
      if (userCert == null || userKey == null) {
        throw new IOException("--tls-cert and --tls-key go together: give both or neither");
      }
      if (!Files.isReadable(userCert) || !Files.isReadable(userKey)) {
        throw new IOException("cannot read " + (Files.isReadable(userCert) ? userKey : userCert));
      }
      return new TlsMaterial(userCert, userKey, fingerprint(userCert), false);
    }
    Path dir = dataDir.resolve("tls");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
      return new TlsMaterial(cert, key, fingerprint(cert), false);
    }
    Files.createDirectories(dir);
    try {
      generate(cert, key, region);
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot generate a self-signed certificate: " + e.getMessage(), e);
    }
    return new TlsMaterial(cert, key, fingerprint(cert), true);
  }

  private static void generate(Path cert, Path key, String region)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair pair = g.generateKeyPair();
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=Outlet local endpoint,O=Outlet");
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
            Date.from(now.minus(Duration.ofDays(1))),
            Date.from(now.plus(Duration.ofDays(3650))),
            subject,
            pair.getPublic());
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(
            new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"),
              new GeneralName(GeneralName.dNSName, "*.localhost"),
              new GeneralName(GeneralName.dNSName, "*.execute-api.localhost"),
              new GeneralName(
                  GeneralName.dNSName,
                  "*.lambda-url." + region.toLowerCase(Locale.ROOT) + ".localhost"),
              new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
              new GeneralName(GeneralName.iPAddress, "::1")
            }));
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    X509CertificateHolder holder =
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    writeAtomically(key, pem(pair.getPrivate()), true);
    writeAtomically(cert, pem(holder), false);
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      if (o instanceof java.security.PrivateKey k) {
        p.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null));
      } else {
        p.writeObject(o);
      }
    }
    return w.toString();
  }

  private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret) {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(tmp, text, StandardCharsets.US_ASCII);
    try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  /** SHA-256 of the first certificate's DER, as colon-separated upper-case hex. */
  static String fingerprint(Path pem) throws IOException {
    try (var in = Files.newInputStream(pem)) {
      X509Certificate c =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    } catch (GeneralSecurityException e) {
      throw new IOException("not a PEM certificate: " + pem + " (" + e.getMessage() + ")", e);
    }
  }
}
