package io.vigil.web.container;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.EnvConfigSource;
import io.vigil.web.testing.Archive;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code docker/compose.yaml} and {@code docker/Dockerfile} read and compared with the application they package: every
 * environment key names a configuration property Vigil has, the ports and health check are the application's, the
 * volumes are where Vigil keeps its state and plugins, and the image runs as a user other than root.
 */
@QuarkusTest
class ComposeFileTest {

    private static final Path DOCKER =
            Path.of(System.getProperty("vigil.repository.dir", "..")).resolve("docker");

    @Test
    void theComposeFileConfiguresPropertiesVigilHasAndPointsVigilAtItsPostgres() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory())
                .readTree(DOCKER.resolve("compose.yaml").toFile());
        JsonNode vigil = compose.path("services").path("vigil");
        JsonNode postgres = compose.path("services").path("postgres");

        assertThat(vigil.path("image").asText()).isNotBlank();
        assertThat(DOCKER.resolve("..")
                        .resolve(vigil.path("build").path("dockerfile").asText()))
                .isEqualTo(DOCKER.resolve("../docker/Dockerfile"))
                .exists();

        Set<String> known = knownProperties();
        List<String> unknown = new ArrayList<>();
        vigil.path("environment").fieldNames().forEachRemaining(variable -> {
            EnvConfigSource environment = new EnvConfigSource(Map.of(variable, "set"), 300);
            if (known.stream().noneMatch(property -> environment.getValue(property) != null)) {
                unknown.add(variable);
            }
        });
        assertThat(unknown)
                .as("environment keys that name no configuration property of Vigil")
                .isEmpty();

        JsonNode environment = vigil.path("environment");
        assertThat(environment.path("QUARKUS_DATASOURCE_JDBC_URL").asText())
                .isEqualTo("jdbc:postgresql://postgres:5432/"
                        + postgres.path("environment").path("POSTGRES_DB").asText());
        assertThat(environment.path("QUARKUS_DATASOURCE_USERNAME").asText())
                .isEqualTo(postgres.path("environment").path("POSTGRES_USER").asText());
        assertThat(environment.path("QUARKUS_DATASOURCE_PASSWORD").asText())
                .isEqualTo(
                        postgres.path("environment").path("POSTGRES_PASSWORD").asText());
        assertThat(vigil.path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void portsHealthCheckAndVolumesAreTheApplicationsAndTheImageRunsAsAnUnprivilegedUser() throws Exception {
        JsonNode vigil = new ObjectMapper(new YAMLFactory())
                .readTree(DOCKER.resolve("compose.yaml").toFile())
                .path("services")
                .path("vigil");
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
        Properties defaults = applicationProperties();

        String port = defaults.getProperty("quarkus.http.port");
        assertThat(StreamSupport.stream(vigil.path("ports").spliterator(), false)
                        .map(JsonNode::asText)
                        .toList())
                .containsExactly(port + ":" + port);
        assertThat(dockerfile).contains("EXPOSE " + port).contains("QUARKUS_HTTP_PORT=" + port);

        // the health check runs the image's script, which asks /q/health/ready without credentials
        assertThat(vigil.path("healthcheck").path("test").toString()).contains("/opt/vigil/healthcheck.sh");
        assertThat(dockerfile).contains("HEALTHCHECK").contains("CMD [\"/opt/vigil/healthcheck.sh\"]");
        assertThat(Files.readString(DOCKER.resolve("healthcheck.sh"))).contains("/q/health/ready");
        Archive.awaitReady();
        given().noFilters().get("/q/health/ready").then().statusCode(200);

        List<String> volumes = StreamSupport.stream(vigil.path("volumes").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
        assertThat(dockerfile).contains("WORKDIR /opt/vigil");
        assertThat(volumes)
                .contains("vigil-state:/opt/vigil/" + defaults.getProperty("vigil.state-dir"))
                .contains("./plugins:/opt/vigil/" + defaults.getProperty("vigil.sources.plugins-path") + ":ro");
        assertThat(dockerfile).contains("VIGIL_STATE_DIR=/opt/vigil/" + defaults.getProperty("vigil.state-dir"));

        List<String> users = dockerfile
                .lines()
                .filter(line -> line.startsWith("USER "))
                .map(line -> line.substring(5).strip())
                .toList();
        assertThat(users).as("the image's last USER").isNotEmpty();
        assertThat(users.getLast()).isNotIn("root", "0", "0:0", "root:root");
        assertThat(dockerfile).contains("ENTRYPOINT").contains("quarkus-run.jar");
    }

    /**
     * Every property name the running application knows (with a value or a default), every key of its
     * application.properties, and every property of Quarkus's HTTP configuration (the session key has no default).
     */
    private static Set<String> knownProperties() throws Exception {
        Set<String> known = new TreeSet<>();
        ConfigProvider.getConfig().getPropertyNames().forEach(known::add);
        known.addAll(ConfigMappings.getProperties(
                        ConfigMappings.ConfigClass.configClass(VertxHttpConfig.class, "quarkus.http"))
                .keySet());
        applicationProperties().stringPropertyNames().forEach(name -> known.add(name.replaceFirst("^%[a-z]+\\.", "")));
        return known;
    }

    private static Properties applicationProperties() throws Exception {
        Properties properties = new Properties();
        properties.load(
                new StringReader(Files.readString(DOCKER.resolve("../web/src/main/resources/application.properties"))));
        return properties;
    }
}
