package dev.p2pchat.lab.tools;

/** Writes one JSON object per line on stdout: {@code {"event":NAME,"k1":"v1",...}}, all strings. */
final class Events {
    private Events() {}

    static synchronized void emit(String event, String... keysAndValues) {
        StringBuilder json = new StringBuilder("{\"event\":").append(quote(event));
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            json.append(',').append(quote(keysAndValues[i])).append(':').append(quote(keysAndValues[i + 1]));
        }
        System.out.println(json.append('}'));
        System.out.flush();
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
