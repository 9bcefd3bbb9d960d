package astrograd.layers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesEveryKindOfValue() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, -0.25e2, 1E3], \"b\": {\"c\": null, \"d\": true, \"e\": false},"
                + " \"s\": \"q\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00fc\\ud83d\\ude00\", \"big\": 123456789012345678901} \n");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of(1L, -2L, 3.5, -25.0, 1000.0), m.get("a"));
        Map<?, ?> b = (Map<?, ?>) m.get("b");
        assertTrue(b.containsKey("c") && b.get("c") == null);
        assertEquals(true, b.get("d"));
        assertEquals("q\"\\/\b\f\n\r\tü😀", m.get("s"));
        assertEquals(1.2345678901234568E20, m.get("big"));
        assertEquals(List.of("a", "b", "s", "big"), List.copyOf(m.keySet()));
    }

    @Test
    void writesAndReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 7);
        m.put("long", Long.MIN_VALUE);
        m.put("double", 1e-300);
        m.put("float", 0.1f);
        m.put("list", Arrays.asList(1, "x", null, true, List.of()));
        m.put("nested", Map.of("k", "tab\tquote\"ctl\u0001 ✓ 😀"));
        String text = Json.write(m);
        assertEquals("{\"int\":7,\"long\":-9223372036854775808,\"double\":1.0E-300,\"float\":0.1,"
                + "\"list\":[1,\"x\",null,true,[]],\"nested\":{\"k\":\"tab\\tquote\\\"ctl\\u0001 ✓ 😀\"}}", text);
        Map<?, ?> back = (Map<?, ?>) Json.parse(text);
        assertEquals(7L, back.get("int"));
        assertEquals(Long.MIN_VALUE, back.get("long"));
        assertEquals(1e-300, back.get("double"));
        assertEquals(m.get("nested"), back.get("nested"));
    }

    @Test
    void refusesMalformedDocuments() {
        String[][] cases = {
            {"{\"a\":1,\"a\":2}", "offset 7: duplicate key \"a\""},
            {"{\"a\":1,}", "offset 7: expected a string key"},
            {"[1,2,]", "offset 5: unexpected character ']'"},
            {"[01]", "offset 2: leading zero"},
            {"[1.]", "offset 3: expected a digit after the decimal point"},
            {"[.5]", "offset 1: unexpected character '.'"},
            {"[1e]", "offset 3: expected a digit in the exponent"},
            {"[NaN]", "offset 1: unexpected character 'N'"},
            {"[tru]", "offset 1: invalid literal, expected true"},
            {"{\"a\" 1}", "offset 5: expected ':' but found '1'"},
            {"\"a\nb\"", "offset 2: unescaped control character U+000A"},
            {"\"\\x\"", "offset 2: invalid escape \\x"},
            {"\"\\ud800\"", "lone high surrogate"},
            {"\"\\udc00\"", "lone low surrogate"},
            {"\"abc", "unterminated string"},
            {"{} x", "offset 3: unexpected content after the value"},
            {"", "offset 0: unexpected end of input, expected a value"},
            {"[1e999]", "overflows a double"},
            {"[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1), "nesting deeper than 64"},
        };
        for (String[] c : cases) {
            Json.JsonException e = assertThrows(Json.JsonException.class, () -> Json.parse(c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void refusesUnwritableValues() {
        assertThrows(Json.JsonException.class, () -> Json.write(Double.NaN));
        assertThrows(Json.JsonException.class, () -> Json.write(List.of(Float.POSITIVE_INFINITY)));
        assertThrows(Json.JsonException.class, () -> Json.write(Map.of(1, "x")));
        assertThrows(Json.JsonException.class, () -> Json.write(new Object()));
        assertThrows(Json.JsonException.class, () -> Json.write("lone \ud800 surrogate"));
    }
}
