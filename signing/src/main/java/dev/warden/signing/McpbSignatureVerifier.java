package dev.warden.signing;

import dev.warden.signing.BundleException.Failure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.IssuerAndSerialNumber;
import org.bouncycastle.asn1.pkcs.SignedData;
import org.bouncycastle.asn1.pkcs.SignerInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Verifies the PKCS#7/CMS signature {@code mcpb sign} appends to an MCPB bundle: one signer, detached
 * content, signed attributes whose message digest is the SHA-256 (or -384/-512) of exactly the bytes
 * before the signature block, the attributes' signature by the signer's certificate, and that
 * certificate's chain (through the certificates the signature carries) to a trusted anchor at the
 * time of checking. A certificate that signs for itself and is not an anchor is reported as
 * self-signed, never as trusted.
 *
 * @since 0.1
 */
public final class McpbSignatureVerifier {

    private static final String CODE_SIGNING = "1.3.6.1.5.5.7.3.3";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private final CertificateAnchors anchors;
    private final Instant now;

    /**
     * @param anchors where chains may end
     * @param now     the time certificates must be valid at
     */
    public McpbSignatureVerifier(CertificateAnchors anchors, Instant now) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.now = Objects.requireNonNull(now, "now");
    }

    /**
     * @param archive a bundle split by {@link McpbArchive#read}
     * @return UNSIGNED when it carries no signature, SELF_SIGNED or CHAINED when the signature verifies
     * @throws BundleException MALFORMED_SIGNATURE when the block is not one detached CMS signature with
     *                         signed attributes; BAD_SIGNATURE when the digest does not match the bytes
     *                         before the block (bytes changed after signing, or a signature over another
     *                         range), when the signature does not verify with the certificate, or when
     *                         the certificate's chain does not reach an anchor
     */
    public McpbSignature verify(McpbArchive archive) throws BundleException {
        Optional<byte[]> der = archive.signature();
        if (der.isEmpty()) {
            return McpbSignature.unsigned();
        }
        String what = "the MCPB signature of " + archive.file();
        SignedData signed = signedData(der.get(), what);
        List<X509Certificate> certificates = certificates(signed, what);
        if (signed.getSignerInfos().size() != 1) {
            throw malformed(what + " has " + signed.getSignerInfos().size() + " signers; MCPB signs with exactly one");
        }
        SignerInfo signer = SignerInfo.getInstance(signed.getSignerInfos().getObjectAt(0));
        X509Certificate certificate = signerCertificate(signer, certificates, what);
        ASN1Set attributes = signer.getAuthenticatedAttributes();
        if (attributes == null) {
            throw malformed(what + " has no signed attributes; MCPB signs a message digest attribute");
        }
        String digestName = digestName(signer.getDigestAlgorithm().getAlgorithm(), what);
        checkContentType(attributes, what);
        checkDigest(attributes, digestName, archive.signedBytes(), what);
        checkSignature(signer, certificate, digestName, what);
        Optional<Instant> signedAt = attribute(attributes, PKCSObjectIdentifiers.pkcs_9_at_signingTime)
                .map(value -> Time.getInstance(value).getDate().toInstant());
        var details = new McpbSignature.Signer(certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), fingerprint(certificate),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), signedAt);
        checkUsage(certificate, what);
        Optional<String> anchor = chain(certificate, certificates, what);
        if (anchor.isPresent()) {
            return new McpbSignature(McpbSignature.Status.CHAINED, Optional.of(details), anchor);
        }
        return new McpbSignature(McpbSignature.Status.SELF_SIGNED, Optional.of(details), Optional.empty());
    }

    private static SignedData signedData(byte[] der, String what) throws BundleException {
        ContentInfo info;
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), der) && !Arrays.equals(primitive.getEncoded(), der)) {
                throw malformed(what + " has bytes after its DER structure");
            }
            info = ContentInfo.getInstance(primitive);
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new BundleException(Failure.MALFORMED_SIGNATURE, what + " is not PKCS#7/CMS DER: " + e.getMessage(), e);
        }
        if (!PKCSObjectIdentifiers.signedData.equals(info.getContentType())) {
            throw malformed(what + " is a CMS " + info.getContentType() + ", not signed data");
        }
        SignedData signed;
        try {
            signed = SignedData.getInstance(info.getContent());
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new BundleException(Failure.MALFORMED_SIGNATURE, what + " is not CMS signed data: " + e.getMessage(), e);
        }
        if (signed.getContentInfo().getContent() != null) {
            throw malformed(what + " carries content of its own; MCPB signs the bytes before the block, detached");
        }
        return signed;
    }

    private static List<X509Certificate> certificates(SignedData signed, String what) throws BundleException {
        List<X509Certificate> certificates = new ArrayList<>();
        if (signed.getCertificates() != null) {
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (ASN1Encodable entry : signed.getCertificates()) {
                    certificates.add((X509Certificate) factory.generateCertificate(
                            new ByteArrayInputStream(entry.toASN1Primitive().getEncoded(ASN1Encoding.DER))));
                }
            } catch (IOException | CertificateException | ClassCastException e) {
                throw new BundleException(Failure.MALFORMED_SIGNATURE, what + " carries a certificate that is not X.509: "
                        + e.getMessage(), e);
            }
        }
        return certificates;
    }

    private static X509Certificate signerCertificate(SignerInfo signer, List<X509Certificate> certificates, String what)
            throws BundleException {
        IssuerAndSerialNumber id = signer.getIssuerAndSerialNumber();
        BigInteger serial = id.getCertificateSerialNumber().getValue();
        for (X509Certificate certificate : certificates) {
            try {
                if (certificate.getSerialNumber().equals(serial) && certificate.getIssuerX500Principal()
                        .equals(new X500Principal(id.getName().getEncoded(ASN1Encoding.DER)))) {
                    return certificate;
                }
            } catch (IOException e) {
                throw new BundleException(Failure.MALFORMED_SIGNATURE, what + " names its signer badly: " + e.getMessage(), e);
            }
        }
        throw malformed(what + " does not carry the certificate of its signer (serial " + serial.toString(16) + ")");
    }

    private static String digestName(ASN1ObjectIdentifier algorithm, String what) throws BundleException {
        if (NISTObjectIdentifiers.id_sha256.equals(algorithm)) {
            return "SHA-256";
        } else if (NISTObjectIdentifiers.id_sha384.equals(algorithm)) {
            return "SHA-384";
        } else if (NISTObjectIdentifiers.id_sha512.equals(algorithm)) {
            return "SHA-512";
        }
        throw malformed(what + " uses the digest " + algorithm + "; Warden accepts SHA-256, SHA-384 and SHA-512");
    }

    private static void checkContentType(ASN1Set attributes, String what) throws BundleException {
        Optional<ASN1Encodable> type = attribute(attributes, PKCSObjectIdentifiers.pkcs_9_at_contentType);
        if (type.isEmpty() || !PKCSObjectIdentifiers.data.equals(type.get())) {
            throw malformed(what + " does not sign the content type 'data' as its signed attributes must");
        }
    }

    private static void checkDigest(ASN1Set attributes, String digestName, byte[] content, String what)
            throws BundleException {
        ASN1Encodable value = attribute(attributes, PKCSObjectIdentifiers.pkcs_9_at_messageDigest)
                .orElseThrow(() -> malformed(what + " has no message digest attribute"));
        byte[] claimed;
        try {
            claimed = ASN1OctetString.getInstance(value).getOctets();
        } catch (IllegalArgumentException e) {
            throw new BundleException(Failure.MALFORMED_SIGNATURE, what + " has a message digest that is not an octet string", e);
        }
        byte[] actual;
        try {
            actual = MessageDigest.getInstance(digestName).digest(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + digestName, e);
        }
        if (!MessageDigest.isEqual(claimed, actual)) {
            throw new BundleException(Failure.BAD_SIGNATURE, what + " was made over other bytes than the "
                    + content.length + " before its signature block (signed " + digestName + " "
                    + HexFormat.of().formatHex(claimed) + ", the bytes hash to " + HexFormat.of().formatHex(actual)
                    + "): the bundle was changed after signing, or the signature covers another range");
        }
    }

    private static void checkSignature(SignerInfo signer, X509Certificate certificate, String digestName, String what)
            throws BundleException {
        String algorithm = digestName.replace("-", "") + "with" + keyAlgorithm(signer, what);
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(certificate.getPublicKey());
            // as the signer encoded them, with the SET tag: re-encoding as DER could reorder them
            signature.update(signer.getAuthenticatedAttributes().getEncoded());
            if (!signature.verify(signer.getEncryptedDigest().getOctets())) {
                throw new BundleException(Failure.BAD_SIGNATURE, what + " does not verify with the key of "
                        + certificate.getSubjectX500Principal().getName() + ": its signed attributes were changed or"
                        + " it was made with another key");
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new BundleException(Failure.BAD_SIGNATURE, what + " cannot be checked with "
                    + algorithm + ": " + e.getMessage(), e);
        }
    }

    private static String keyAlgorithm(SignerInfo signer, String what) throws BundleException {
        ASN1ObjectIdentifier algorithm = signer.getDigestEncryptionAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)
                || PKCSObjectIdentifiers.sha256WithRSAEncryption.equals(algorithm)
                || PKCSObjectIdentifiers.sha384WithRSAEncryption.equals(algorithm)
                || PKCSObjectIdentifiers.sha512WithRSAEncryption.equals(algorithm)) {
            return "RSA";
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm) || X9ObjectIdentifiers.ecdsa_with_SHA256.equals(algorithm)
                || X9ObjectIdentifiers.ecdsa_with_SHA384.equals(algorithm)
                || X9ObjectIdentifiers.ecdsa_with_SHA512.equals(algorithm)) {
            return "ECDSA";
        }
        throw malformed(what + " uses the signature algorithm " + algorithm + "; Warden accepts RSA and ECDSA");
    }

    private static void checkUsage(X509Certificate certificate, String what) throws BundleException {
        try {
            List<String> usages = certificate.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CODE_SIGNING) && !usages.contains(ANY_USAGE)) {
                throw new BundleException(Failure.BAD_SIGNATURE, what + " is made with the certificate of "
                        + certificate.getSubjectX500Principal().getName() + ", which is not for code signing ("
                        + "extended key usage " + usages + ")");
            }
        } catch (CertificateException e) {
            throw new BundleException(Failure.MALFORMED_SIGNATURE, what + " carries a certificate whose key usage cannot be read", e);
        }
    }

    /** The anchor the chain ends at; empty when the certificate signs for itself and no anchor holds it. */
    private Optional<String> chain(X509Certificate leaf, List<X509Certificate> carried, String what) throws BundleException {
        for (CertificateAnchors.Anchor anchor : anchors.anchors()) {
            if (anchor.certificate().equals(leaf)) {
                validAt(leaf, what);
                return Optional.of(anchor.source());
            }
        }
        Set<TrustAnchor> trustAnchors = new HashSet<>();
        anchors.anchors().forEach(a -> trustAnchors.add(new TrustAnchor(a.certificate(), null)));
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, target);
            parameters.setRevocationEnabled(false); // no network while verifying; CRL and OCSP are not read
            parameters.setDate(Date.from(now));
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(carried)));
            var result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
            X509Certificate root = result.getTrustAnchor().getTrustedCert();
            for (CertificateAnchors.Anchor anchor : anchors.anchors()) {
                if (anchor.certificate().equals(root)) {
                    return Optional.of(anchor.source() + " (" + root.getSubjectX500Principal().getName() + ")");
                }
            }
            return Optional.of(root.getSubjectX500Principal().getName());
        } catch (CertPathBuilderException e) {
            if (selfSigned(leaf)) {
                validAt(leaf, what);
                return Optional.empty();
            }
            throw new BundleException(Failure.BAD_SIGNATURE, what + " is made with the certificate of "
                    + leaf.getSubjectX500Principal().getName() + ", issued by " + leaf.getIssuerX500Principal().getName()
                    + ", whose chain does not verify to the system CA store or to a certificate of Warden's trust"
                    + " directory: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new BundleException(Failure.BAD_SIGNATURE, what + ": the certificate chain cannot be checked: "
                    + e.getMessage(), e);
        }
    }

    private void validAt(X509Certificate certificate, String what) throws BundleException {
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateException e) {
            throw new BundleException(Failure.BAD_SIGNATURE, what + " is made with the certificate of "
                    + certificate.getSubjectX500Principal().getName() + ", not valid now (" + certificate.getNotBefore()
                    + " to " + certificate.getNotAfter() + ")", e);
        }
    }

    private static boolean selfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static Optional<ASN1Encodable> attribute(ASN1Set attributes, ASN1ObjectIdentifier type) {
        for (ASN1Encodable entry : attributes) {
            Attribute attribute = Attribute.getInstance(entry);
            if (attribute.getAttrType().equals(type) && attribute.getAttrValues().size() == 1) {
                return Optional.of(attribute.getAttrValues().getObjectAt(0));
            }
        }
        return Optional.empty();
    }

    private static String fingerprint(X509Certificate certificate) throws BundleException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new BundleException(Failure.MALFORMED_SIGNATURE, "cannot encode the signer's certificate", e);
        }
    }

    private static BundleException malformed(String message) {
        return new BundleException(Failure.MALFORMED_SIGNATURE, message);
    }
}
