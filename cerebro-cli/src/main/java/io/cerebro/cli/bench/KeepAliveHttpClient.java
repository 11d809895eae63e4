package io.cerebro.cli.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The smallest HTTP/1.1 client a load generator needs: one persistent (keep-alive) connection,
 * one request at a time, {@code Content-Length} bodies only. {@code java.net.http.HttpClient}
 * spends several times the CPU per request (its selector thread, futures and header maps), and on
 * a machine where the clients and the server share the cores that CPU would be taken from the
 * server being measured. The connection is opened again after the server closes it.
 */
final class KeepAliveHttpClient implements AutoCloseable {
    /** A response: status code and body. */
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private final byte[] fixedHeaders;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long connections;

    /**
     * @param host  server host
     * @param port  server port
     * @param token bearer token, or null
     */
    KeepAliveHttpClient(String host, int port, String token) {
        this.host = host;
        this.port = port;
        this.fixedHeaders = ("Host: " + host + ":" + port + "\r\n" + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                + "Content-Type: application/json\r\nConnection: keep-alive\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** @return connections opened so far (1 when keep-alive held throughout). */
    long connections() {
        return connections;
    }

    /**
     * Sends one POST with a JSON body and reads the whole response. A failed exchange is not
     * retried (the server may have stored it): the connection is dropped, the next call opens a new one.
     */
    Response post(String path, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            return exchange("POST", path, body);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Sends one GET and reads the whole response. */
    Response get(String path) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            return exchange("GET", path, null);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(host, port), 5000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = s.getOutputStream();
        connections++;
    }

    private Response exchange(String method, String path, byte[] body) throws IOException {
        ByteArrayOutputStream req = new ByteArrayOutputStream(256 + (body == null ? 0 : body.length));
        req.writeBytes((method + " " + path + " HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(fixedHeaders);
        if (body != null) {
            req.writeBytes(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            req.writeBytes(body);
        } else {
            req.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        req.writeTo(out);
        out.flush();
        String status = line(true);
        int sp = status.indexOf(' ');
        if (!status.startsWith("HTTP/1.") || sp < 0 || status.length() < sp + 4) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(sp + 1, sp + 4));
        long length = -1;
        boolean closeAfter = false;
        for (String h = line(false); !h.isEmpty(); h = line(false)) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equals("connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            } else if (name.equals("transfer-encoding")) {
                throw new IOException("chunked responses are not supported by this client");
            }
        }
        if (length < 0) {
            throw new IOException("the response has no Content-Length");
        }
        byte[] b = in.readNBytes((int) length);
        if (b.length != length) {
            throw new EOFException("the response body ended after " + b.length + " of " + length + " bytes");
        }
        if (closeAfter) {
            close();
        }
        return new Response(code, b);
    }

    private final StringBuilder lineBuffer = new StringBuilder();

    private String line(boolean first) throws IOException {
        lineBuffer.setLength(0);
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException(first && lineBuffer.isEmpty() ? "the server closed the connection before answering"
                        : "the connection closed inside the response headers");
            }
            if (c == '\n') {
                int n = lineBuffer.length();
                if (n > 0 && lineBuffer.charAt(n - 1) == '\r') {
                    lineBuffer.setLength(n - 1);
                }
                return lineBuffer.toString();
            }
            lineBuffer.append((char) c);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a socket the server already closed
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
