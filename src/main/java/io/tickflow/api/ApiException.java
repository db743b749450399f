package io.tickflow.api;

/** A request the API refuses, with the HTTP status and the JSON error users get back. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String parameter;

    public ApiException(int status, String error, String parameter, String message) {
        super(message);
        this.status = status;
        this.error = error;
        this.parameter = parameter;
    }

    public static ApiException badParameter(String parameter, String message) {
        return new ApiException(400, "bad_parameter", parameter, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", null, message);
    }

    public int getStatus() {
        return status;
    }

    public String getError() {
        return error;
    }

    public String getParameter() {
        return parameter;
    }
}
