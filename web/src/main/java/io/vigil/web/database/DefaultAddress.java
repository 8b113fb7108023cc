package io.vigil.web.database;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Where Vigil looks for a PostgreSQL server when no datasource URL is configured: {@code PGHOST}:{@code PGPORT} (the
 * variables psql and the {@code vigil} script read), else localhost:5432. A {@code PGHOST} naming a socket folder means
 * this machine, reached over TCP.
 */
public record DefaultAddress(String host, int port) {

    public static DefaultAddress of(String pgHost, String pgPort) {
        String host = pgHost == null || pgHost.isBlank() || pgHost.startsWith("/") ? "localhost" : pgHost.strip();
        int port;
        try {
            port = pgPort == null || pgPort.isBlank() ? 5432 : Integer.parseInt(pgPort.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PGPORT must be a port number, not '" + pgPort + "'");
        }
        return new DefaultAddress(host, port);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres";
    }

    /**
     * Whether a PostgreSQL server answers here: it replies to an SSL request with one byte ({@code S} or {@code N}),
     * which anything else listening on the port would not.
     */
    public boolean answers(Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(8);
            out.writeInt(80877103); // SSLRequest
            out.flush();
            int reply = new DataInputStream(socket.getInputStream()).read();
            return reply == 'S' || reply == 'N' || reply == 'E';
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
