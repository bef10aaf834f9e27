package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The X.509 certificates an MCPB signature's chain may end at: the system CA store (the JDK's
 * {@code cacerts}) and the PEM certificates ({@code *.pem}) of Warden's trust directory's
 * {@code certificates} folders, system folder first.
 *
 * @param anchors every anchor with where it came from
 * @since 0.1
 */
public record CertificateAnchors(List<Anchor> anchors) {

    /** Where Warden's trusted certificates live beside the publishers: {@code <trust>/certificates}. */
    public static final String FOLDER = "certificates";

    /**
     * @param certificate a CA (or a self-signed leaf) trusted to vouch for signers
     * @param source      "the system CA store", or the file of the trust directory it was read from
     */
    public record Anchor(X509Certificate certificate, String source) {
        public Anchor {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(source, "source");
        }
    }

    public CertificateAnchors {
        anchors = List.copyOf(anchors);
    }

    /**
     * The system CA store plus the {@code *.pem} files of each folder (a missing folder adds nothing).
     *
     * @param folders e.g. {@code /etc/warden/trust/certificates} and {@code $WARDEN_HOME/trust/certificates}
     * @return the anchors
     * @throws BundleException IO naming the file that is not a PEM certificate or cannot be read
     */
    public static CertificateAnchors systemStoreAnd(List<Path> folders) throws BundleException {
        List<Anchor> anchors = new ArrayList<>();
        for (Path folder : folders) {
            anchors.addAll(folder(folder));
        }
        for (X509Certificate ca : systemStore()) {
            anchors.add(new Anchor(ca, "the system CA store"));
        }
        return new CertificateAnchors(anchors);
    }

    private static List<X509Certificate> systemStore() throws BundleException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            List<X509Certificate> cas = new ArrayList<>();
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    cas.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
            return cas;
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new BundleException(Failure.IO, "cannot read the system CA store: " + e.getMessage(), e);
        }
    }

    private static List<Anchor> folder(Path folder) throws BundleException {
        TreeSet<Path> files = new TreeSet<>();
        try (DirectoryStream<Path> pems = Files.newDirectoryStream(folder, "*.pem")) {
            pems.forEach(files::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new BundleException(Failure.IO, "cannot read the trusted certificates in " + folder + ": " + e.getMessage(), e);
        }
        List<Anchor> anchors = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                var read = CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (read.isEmpty()) {
                    throw new CertificateException("no certificate in it");
                }
                for (Certificate certificate : read) {
                    anchors.add(new Anchor((X509Certificate) certificate, file.toString()));
                }
            } catch (IOException | CertificateException e) {
                throw new BundleException(Failure.IO, "the trusted certificate file " + file
                        + " is not a PEM certificate: " + e.getMessage(), e);
            }
        }
        return anchors;
    }
}
