package dev.rideops.dashboard.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.rideops.dashboard.panels.Page;
import dev.rideops.dashboard.web.Echarts;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;

/**
 * The pages and their static files, all from the jar: every page is the same {@code index.html}, which reads its
 * panels from {@code /api/pages}; ECharts comes from its webjar, so nothing is fetched from the internet.
 */
final class PageHandler implements HttpHandler {

    private static final String WEB = "dashboard/web/";
    private static final Map<String, String> STATIC = Map.of(
            "/static/dashboard.js", WEB + "dashboard.js",
            "/static/dashboard.css", WEB + "dashboard.css",
            "/static/echarts.min.js", Echarts.RESOURCE);

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (!exchange.getRequestMethod().equals("GET")
                && !exchange.getRequestMethod().equals("HEAD")) {
            Responses.text(exchange, 405, "only GET");
            return;
        }
        if (path.equals("/")) {
            exchange.getResponseHeaders().set("Location", "/" + Page.OVERVIEW.path());
            Responses.send(exchange, 302, "text/plain", new byte[0]);
            return;
        }
        if (STATIC.containsKey(path)) {
            String type = path.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            Responses.send(exchange, 200, type, resource(STATIC.get(path)));
            return;
        }
        boolean isPage = Arrays.stream(Page.values()).anyMatch(p -> path.equals("/" + p.path()));
        if (isPage) {
            Responses.send(exchange, 200, "text/html; charset=utf-8", resource(WEB + "index.html"));
            return;
        }
        Responses.text(
                exchange,
                404,
                "no page " + path + "; the pages are /" + Page.OVERVIEW.path() + " and the " + "others linked from it");
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = PageHandler.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not in the jar: rebuild rideops");
            }
            return in.readAllBytes();
        }
    }
}
