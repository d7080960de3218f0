package dev.p2pchat.protocol.noise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** One published Noise test vector, read from the test resource {@code noise/vectors.txt}. */
record NoiseVector(Map<String, byte[]> fields, String protocolName, List<byte[][]> messages) {

  byte[] field(String name) {
    return fields.get(name);
  }

  boolean has(String name) {
    return fields.containsKey(name);
  }

  String patternName() {
    return protocolName.split("_")[1];
  }

  static List<NoiseVector> load() throws IOException {
    var in = NoiseVector.class.getResourceAsStream("/noise/vectors.txt");
    List<NoiseVector> vectors = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
      Map<String, byte[]> fields = new HashMap<>();
      List<byte[][]> messages = new ArrayList<>();
      String name = null;
      for (String line; (line = reader.readLine()) != null; ) {
        String[] parts = line.trim().split(" ");
        switch (parts[0]) {
          case "", "#" -> { }
          case "protocol_name" -> name = parts[1];
          case "msg" -> messages.add(new byte[][] {hex(parts[1]), hex(parts[2])});
          case "end" -> {
            vectors.add(new NoiseVector(Map.copyOf(fields), name, List.copyOf(messages)));
            fields = new HashMap<>();
            messages = new ArrayList<>();
          }
          default -> fields.put(parts[0], hex(parts[1]));
        }
      }
    }
    return vectors;
  }

  static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  @Override
  public String toString() {
    return protocolName;
  }
}
