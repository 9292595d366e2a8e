package dev.sessionhealth.examples.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads elements marked with {@code data-testid} out of a serialized DOM. */
final class DomValues {

    /** One element: its attributes as written and its own text. */
    record Element(String attributes, String text) {
        String attribute(String name) {
            Matcher m = Pattern.compile("\\b" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(attributes);
            return m.find() ? unescape(m.group(1)) : null;
        }
    }

    private final String dom;

    DomValues(String dom) {
        this.dom = dom;
    }

    /** The first element with this test id; fails if there is none. */
    Element one(String testId) {
        List<Element> all = all(testId);
        if (all.isEmpty()) {
            throw new AssertionError("no element with data-testid=\"" + testId + "\" in the page");
        }
        return all.get(0);
    }

    List<Element> all(String testId) {
        Matcher m = Pattern.compile("<\\w+([^>]*\\bdata-testid=\"" + Pattern.quote(testId) + "\"[^>]*)>([^<]*)")
                .matcher(dom);
        List<Element> out = new ArrayList<>();
        while (m.find()) {
            out.add(new Element(m.group(1), unescape(m.group(2))));
        }
        return out;
    }

    /** The number an element holds in {@code data-value}. */
    double number(String testId) {
        String value = one(testId).attribute("data-value");
        if (value == null || value.isEmpty()) {
            throw new AssertionError(testId + " has no data-value (not rendered yet?)");
        }
        return Double.parseDouble(value);
    }

    String text(String testId) {
        return one(testId).text();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }
}
