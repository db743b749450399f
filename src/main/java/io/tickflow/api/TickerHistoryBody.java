package io.tickflow.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Header;

/** The JSON body of a ticker's history: its name, how many values, and the values oldest first. */
public class TickerHistoryBody {

    public Map<String, Object> of(@Header("name") String name, @Body List<Map<String, Object>> values) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("count", values.size());
        body.put("values", values);
        return body;
    }
}
