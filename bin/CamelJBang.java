///usr/bin/env jbang "$0" "$@" ; exit $?
// The `camel` command, as Apache Camel publishes it for JBang (camel@apache/camel), pinned to
// Tickflow's Camel version and to Maven Central. bin/camel runs it with JBang from Maven Central.
//JAVA 17+
//REPOS central=https://repo1.maven.org/maven2
//DEPS org.apache.camel:camel-bom:4.17.0@pom
//DEPS org.apache.camel:camel-jbang-core

import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

class CamelJBang {

    public static void main(String... args) {
        CamelJBangMain.run(args);
    }
}
