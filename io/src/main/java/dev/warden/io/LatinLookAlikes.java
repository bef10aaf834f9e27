package dev.warden.io;

import java.util.HashMap;
import java.util.Map;

/**
 * Letters of other scripts drawn like Latin ones ({@code аcme} with a Cyrillic {@code а}, Greek {@code ο}),
 * which Unicode normalisation leaves alone, and the Latin letter each imitates. The one table for every check
 * that must see a name or a phrase the way a person (or a model) reads it: the content scan and the
 * look-alike name check.
 */
public final class LatinLookAlikes {

    private static final Map<Integer, Character> LATIN = table(
            "а a|в b|е e|ѐ e|ё e|к k|м m|н h|о o|р p|с c|т t|у y|х x|ѕ s|і i|ї i|ј j|һ h|ԁ d|ԛ q|ԝ w|ӏ l"
                    + "|ɡ g|ı i|ɑ a|ο o|α a|β b|ε e|η n|ι i|κ k|μ u|ν v|ρ p|τ t|υ u|χ x|ϲ c|ϳ j"
                    + "|А A|В B|Е E|К K|М M|Н H|О O|Р P|С C|Т T|У Y|Х X|Ѕ S|І I|Ј J|Ԛ Q|Ԝ W"
                    + "|Α A|Β B|Ε E|Ζ Z|Η H|Ι I|Κ K|Μ M|Ν N|Ο O|Ρ P|Τ T|Υ Y|Χ X"
                    + "|օ o|ս u|ց g|ո n|ℓ l|ⅰ i|ⅼ l");

    private LatinLookAlikes() {
    }

    /** @return the Latin letter {@code cp} is drawn like, or {@code cp} itself when it imitates none */
    public static int latin(int cp) {
        Character twin = cp < 0x80 ? null : LATIN.get(cp);
        return twin == null ? cp : twin;
    }

    private static Map<Integer, Character> table(String pairs) {
        Map<Integer, Character> map = new HashMap<>();
        for (String pair : pairs.split("\\|")) {
            map.put(pair.codePointAt(0), pair.charAt(pair.length() - 1));
        }
        return Map.copyOf(map);
    }
}
