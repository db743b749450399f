package io.tickflow.embedded;

import java.nio.file.Path;

/** Starts the embedded PostgreSQL on a data directory and port and waits to be killed, as a Tickflow would. */
public final class PostgresChild {

    private PostgresChild() {
    }

    public static void main(String[] args) throws Exception {
        new EmbeddedPostgresServer(Path.of(args[0]), Integer.parseInt(args[1])).start();
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
