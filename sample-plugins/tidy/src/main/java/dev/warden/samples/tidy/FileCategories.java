package dev.warden.samples.tidy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The folder each kind of file is sorted into, by its extension. Source code, configuration and
 * data files are deliberately not on the list: moving them breaks the things that use them.
 */
final class FileCategories {

    private static final Map<String, List<String>> CATEGORIES = new LinkedHashMap<>();
    private static final Map<String, String> BY_EXTENSION = new LinkedHashMap<>();

    static {
        CATEGORIES.put("Images", List.of("jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "avif", "bmp", "tif",
                "tiff", "svg", "ico", "psd", "xcf", "raw", "cr2", "cr3", "nef", "arw", "dng", "orf", "rw2"));
        CATEGORIES.put("Documents", List.of("pdf", "doc", "docx", "odt", "rtf", "txt", "md", "pages", "tex", "epub",
                "mobi", "djvu"));
        CATEGORIES.put("Spreadsheets", List.of("xls", "xlsx", "xlsm", "ods", "csv", "tsv", "numbers"));
        CATEGORIES.put("Presentations", List.of("ppt", "pptx", "odp", "key"));
        CATEGORIES.put("Audio", List.of("mp3", "wav", "flac", "aac", "ogg", "oga", "m4a", "opus", "aif", "aiff", "wma",
                "mid", "midi"));
        CATEGORIES.put("Video", List.of("mp4", "m4v", "mov", "mkv", "avi", "webm", "wmv", "mpg", "mpeg", "3gp"));
        CATEGORIES.put("Archives", List.of("zip", "tar", "gz", "tgz", "bz2", "tbz2", "xz", "txz", "7z", "rar", "zst"));
        CATEGORIES.put("Installers", List.of("dmg", "pkg", "deb", "rpm", "msi", "exe", "appimage", "apk"));
        CATEGORIES.put("Fonts", List.of("ttf", "otf", "woff", "woff2"));
        for (Map.Entry<String, List<String>> category : CATEGORIES.entrySet()) {
            for (String extension : category.getValue()) {
                BY_EXTENSION.put(extension, category.getKey());
            }
        }
    }

    private FileCategories() {
    }

    /** @return the names of the folders files are sorted into */
    static Set<String> folders() {
        return CATEGORIES.keySet();
    }

    /**
     * @param fileName a name without folders, e.g. {@code Report 2026-03-02.PDF}
     * @return its lowercase extension, e.g. {@code pdf}; empty for a name without one, or with
     *         nothing before its only dot
     */
    static Optional<String> extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** @return the folder a file of this name goes to, or empty if tidy leaves such files alone */
    static Optional<String> of(String fileName) {
        return extension(fileName).map(BY_EXTENSION::get);
    }
}
