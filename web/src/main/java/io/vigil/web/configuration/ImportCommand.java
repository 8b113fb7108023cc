package io.vigil.web.configuration;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code ./vigil export [FILE]} and {@code ./vigil import FILE [--dry-run]}: it talks to a running
 * Vigil ({@code VIGIL_URL}, {@code http://localhost:8080} by default) with an admin's API token ({@code VIGIL_TOKEN}),
 * so an import is validated, applied and audited exactly as {@code POST /api/import} does it. The values of the
 * document's {@code secrets} are taken from environment variables of the same names, and never written to disk.
 *
 * <p>Exit codes: 0 applied (or a clean dry run), 1 refused or failed (every problem on stderr), 2 wrong usage.
 */
public final class ImportCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportCommand() {}

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        List<String> words = new ArrayList<>(args);
        boolean dryRun = words.remove("--dry-run");
        String base =
                environment.getOrDefault("VIGIL_URL", "http://localhost:8080").replaceAll("/+$", "");
        String token = environment.get("VIGIL_TOKEN");
        if (words.isEmpty()
                || !(words.getFirst().equals("import") && words.size() == 2
                        || words.getFirst().equals("export") && words.size() <= 2 && !dryRun)) {
            err.println("usage: ./vigil export [FILE] | ./vigil import FILE [--dry-run]"
                    + "   (VIGIL_URL, VIGIL_TOKEN: an admin's API token; docs/operations.md)");
            return 2;
        }
        if (token == null || token.isBlank()) {
            err.println("VIGIL_TOKEN is not set: make an API token as an admin (Account → API tokens) and export it");
            return 2;
        }
        HttpClient client = HttpClient.newHttpClient();
        try {
            if (words.getFirst().equals("export")) {
                HttpResponse<String> answer = client.send(
                        request(base + "/api/export", token).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    err.println("export refused: " + answer.statusCode() + " " + answer.body());
                    return 1;
                }
                String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(answer.body()));
                if (words.size() == 2) {
                    Files.writeString(Path.of(words.get(1)), pretty + "\n");
                    out.println("Wrote " + words.get(1));
                } else {
                    out.println(pretty);
                }
                return 0;
            }
            Path file = Path.of(words.get(1));
            if (!Files.isRegularFile(file)) {
                err.println("import failed: there is no file " + file);
                return 1;
            }
            JsonNode read;
            try {
                read = JSON.readTree(Files.readString(file));
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                err.println("import failed: " + file + " is not JSON"
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                        + e.getOriginalMessage());
                return 1;
            }
            if (!(read instanceof ObjectNode document)) {
                err.println("import failed: " + file + " is not a configuration document: a JSON object, as"
                        + " ./vigil export writes it");
                return 1;
            }
            ObjectNode values = document.putObject("secretValues");
            List<String> missing = new ArrayList<>();
            for (JsonNode name : document.path("secrets")) {
                String value = environment.get(name.asText());
                if (value == null) {
                    missing.add(name.asText());
                } else {
                    values.put(name.asText(), value);
                }
            }
            if (!missing.isEmpty()) {
                out.println("Not in the environment (saved values are kept; new items need them): "
                        + String.join(", ", missing));
            }
            HttpResponse<String> answer = client.send(
                    request(base + "/api/import" + (dryRun ? "?dryRun=true" : ""), token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(document)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode report = answer.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(answer.body());
            for (JsonNode item : report.path("items")) {
                out.println(line(item));
            }
            if (answer.statusCode() == 200) {
                out.println(dryRun ? "Dry run: nothing was applied." : "Applied.");
                return 0;
            }
            err.println(
                    answer.statusCode() == 422
                            ? "Refused, nothing was applied:"
                            : "import failed: " + answer.statusCode() + " " + answer.body());
            for (JsonNode problem : report.path("problems")) {
                err.println(line(problem));
            }
            return 1;
        } catch (ConnectException e) {
            err.println(words.getFirst() + " failed: nothing answers at " + base
                    + " (is Vigil running there? VIGIL_URL names it)");
            return 1;
        } catch (IOException e) {
            err.println(words.getFirst() + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static HttpRequest.Builder request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    }

    private static String line(JsonNode item) {
        StringBuilder text = new StringBuilder("  ")
                .append(item.path("outcome").asText("refused"))
                .append(' ')
                .append(item.path("kind").asText());
        if (item.hasNonNull("name")) {
            text.append(" '").append(item.get("name").asText()).append('\'');
        }
        if (item.hasNonNull("field")) {
            text.append(" (").append(item.get("field").asText()).append(')');
        }
        if (item.hasNonNull("reason")) {
            text.append(": ").append(item.get("reason").asText());
        }
        return text.toString();
    }
}
