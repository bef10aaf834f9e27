package dev.warden.manager.devtools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Where Maven keeps the person's local repository, found as a plain {@code mvn} run finds it: the
 * {@code <localRepository>} of {@code ~/.m2/settings.xml} when set, else {@code ~/.m2/repository}. A
 * {@code -Dmaven.repo.local} on some later command line cannot be seen from here.
 */
public final class MavenLocalRepository {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");

    private MavenLocalRepository() {
    }

    /**
     * @param userHome the person's home folder ({@code WardenHome.userHome()}), where Maven keeps {@code .m2}
     * @param env      the environment, for {@code ${env.NAME}} in the settings file
     * @return the local repository's folder, absolute; it need not exist yet
     * @throws PluginApiInstallException if {@code ~/.m2/settings.xml} exists but cannot be read, or names a
     *                                   folder with an expression Warden cannot resolve
     */
    public static Path locate(Path userHome, Map<String, String> env) throws PluginApiInstallException {
        Path home = userHome.toAbsolutePath();
        Path settings = home.resolve(".m2").resolve("settings.xml");
        Optional<String> configured = Files.isRegularFile(settings) ? localRepository(settings) : Optional.empty();
        if (configured.isEmpty()) {
            return home.resolve(".m2").resolve("repository");
        }
        String folder = interpolate(configured.get(), home, env, settings);
        try {
            return Path.of(folder).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new PluginApiInstallException(settings + ": <localRepository> '" + folder + "' is not a folder name", e);
        }
    }

    /** The trimmed {@code <localRepository>} of a settings file, when it has a non-empty one. */
    private static Optional<String> localRepository(Path settings) throws PluginApiInstallException {
        Element root;
        try (InputStream in = Files.newInputStream(settings)) {
            DocumentBuilder parser = parserFactory().newDocumentBuilder();
            parser.setErrorHandler(new DefaultHandler()); // the failure is reported once, as an exception, not on stderr
            root = parser.parse(in, settings.toUri().toString()).getDocumentElement();
        } catch (IOException | SAXException | ParserConfigurationException e) {
            String problem = String.valueOf(e.getMessage()).contains("DOCTYPE")
                    ? "it has a DOCTYPE, which Warden does not read: one can make an XML reader fetch other files"
                    : e instanceof SAXParseException at ? "line " + at.getLineNumber() + ": " + at.getMessage() : e.getMessage();
            throw new PluginApiInstallException(settings + " cannot be read as Maven settings (" + problem
                    + "); fix it so Warden can tell where your local Maven repository is", e);
        }
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && "localRepository".equals(element.getLocalName())) {
                String value = element.getTextContent().trim();
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * A parser that reads the file and nothing else: no DTD (a settings file has none; one could name
     * external entities that read other files or the network), no XInclude.
     */
    private static DocumentBuilderFactory parserFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        return factory;
    }

    /** Resolves the expressions Maven resolves in a settings file that a folder is likely to use. */
    private static String interpolate(String value, Path home, Map<String, String> env, Path settings)
            throws PluginApiInstallException {
        Matcher matcher = EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String resolved = name.equals("user.home") ? home.toString()
                    : name.startsWith("env.") ? env.get(name.substring(4)) : null;
            if (resolved == null) {
                throw new PluginApiInstallException(settings + ": Warden cannot resolve ${" + name + "} in <localRepository>"
                        + " (it knows ${user.home} and ${env.NAME} of a set variable); write the folder out", null);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
