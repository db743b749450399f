package io.tickflow.query;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tickflow.api.ApiException;
import io.tickflow.api.LimitParameter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * GET /api/queries/{name}: finds the query, turns the request's parameters into typed values
 * (defaults for those not given; 400 naming a missing, unknown or bad one), runs it and leaves
 * the answer as the body, JSON or CSV bytes with their Content-Type. A ByteBuffer, since the
 * HTTP server writes it at once with its length; a byte array it would pump out as a stream.
 */
public class NamedQueryRequest implements Processor {

    private QueryCatalog catalog;
    private QueryRunner runner;
    private int defaultLimit = 1000;
    private int maxLimit = 10000;

    /** The answer: its Content-Type and bytes. */
    public record Answer(String contentType, byte[] bytes) {
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        Answer answer = answer(message.getHeader(Exchange.HTTP_URI, String.class), message.getHeader(Exchange.HTTP_QUERY, String.class));
        message.setHeader(Exchange.CONTENT_TYPE, answer.contentType());
        message.setBody(ByteBuffer.wrap(answer.bytes()));
    }

    /**
     * Runs the query the request names: {@code uri}, the request's path (a query string on it is
     * ignored), {@code rawQuery}, its query string as sent. Throws {@link ApiException} for what
     * the caller got wrong (400, 404) and what the database did (503, 504).
     */
    public Answer answer(String uri, String rawQuery) {
        NamedQuery query = catalog.find(queryName(uri));
        Map<String, List<String>> given = QueryString.parse(rawQuery);
        for (String name : given.keySet()) {
            if (!QueryFileParser.RESERVED.contains(name) && query.parameters().stream().noneMatch(p -> p.name().equals(name))) {
                throw ApiException.badParameter(name, "Unknown parameter '" + name + "'; query '" + query.name() + "' takes "
                        + String.join(", ", query.parameters().stream().map(QueryParameter::name).toList())
                        + (query.parameters().isEmpty() ? "" : ", ") + "limit, format");
            }
        }
        boolean csv = format(single(given, "format")).equals("csv");
        int limit = LimitParameter.parse(single(given, "limit"), defaultLimit, maxLimit);
        Instant now = Instant.now();
        Map<String, Object> values = new HashMap<>();
        for (QueryParameter parameter : query.parameters()) {
            values.put(parameter.name(), value(parameter, given.get(parameter.name()), now));
        }
        QueryResult result = runner.run(query, values, limit);
        return csv ? new Answer("text/csv; charset=utf-8", QueryResultCsv.bytes(result))
                : new Answer("application/json", QueryResultJson.bytes(result));
    }

    /** From the request path: the {name} header would also take a query parameter called name. */
    private static String queryName(String uri) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        return URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    private static Object value(QueryParameter parameter, List<String> texts, Instant now) {
        if (texts == null || texts.stream().allMatch(String::isBlank)) {
            if (parameter.required()) {
                throw ApiException.badParameter(parameter.name(),
                        "'" + parameter.name() + "' is required: " + parameter.expected());
            }
            return parameter.defaultValue() == null ? null : ParameterValues.convert(parameter, parameter.defaultValue(), now);
        }
        if (texts.size() > 1 && parameter.type() != ParameterType.SYMBOLS) {
            throw ApiException.badParameter(parameter.name(), "'" + parameter.name() + "' is given more than once");
        }
        return ParameterValues.convert(parameter, String.join(",", texts), now);
    }

    private static String single(Map<String, List<String>> given, String name) {
        List<String> values = given.get(name);
        if (values == null) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badParameter(name, "'" + name + "' is given more than once");
        }
        return values.get(0);
    }

    private static String format(String text) {
        if (text == null || text.isBlank() || text.equals("json")) {
            return "json";
        }
        if (text.equals("csv")) {
            return "csv";
        }
        throw ApiException.badParameter("format", "'format' must be json or csv, was '" + text + "'");
    }

    public void setCatalog(QueryCatalog catalog) {
        this.catalog = catalog;
    }

    public void setRunner(QueryRunner runner) {
        this.runner = runner;
    }

    public void setDefaultLimit(int defaultLimit) {
        this.defaultLimit = defaultLimit;
    }

    public void setMaxLimit(int maxLimit) {
        this.maxLimit = maxLimit;
    }
}
