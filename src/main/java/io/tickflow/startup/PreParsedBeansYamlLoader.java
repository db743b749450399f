package io.tickflow.startup;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;
import org.apache.camel.dsl.yaml.common.YamlDeserializationContext;
import org.apache.camel.spi.Resource;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Camel's YAML loader, except that a file's {@code beans} are built once. Camel builds them when it
 * pre-parses the file (so that every file's routes can refer to them) and again when it loads the
 * file's routes, for every file but the first: the loader forgets which beans it built after each
 * file's routes (camel-yaml-dsl 4.17, YamlRoutesBuilderLoader and BeansDeserializer). So every
 * schema script ran twice and every catalog was read twice. Here a file whose beans were built by
 * its pre-parse is loaded without them; a file loaded without a pre-parse keeps them.
 */
public final class PreParsedBeansYamlLoader extends YamlRoutesBuilderLoader {

    private final Set<String> preParsed = ConcurrentHashMap.newKeySet();

    @Override
    public void preParseRoute(Resource resource) throws Exception {
        super.preParseRoute(resource);
        preParsed.add(resource.getLocation());
    }

    @Override
    protected RouteBuilder builder(YamlDeserializationContext ctx, Node root) {
        Resource resource = ctx.getResource();
        boolean beansBuilt = resource != null && preParsed.remove(resource.getLocation());
        return super.builder(ctx, beansBuilt ? withoutBeans(root) : root);
    }

    private static Node withoutBeans(Node root) {
        if (!(root instanceof SequenceNode sequence)) {
            return root;
        }
        List<Node> kept = sequence.getValue().stream().filter(node -> !isBeans(node)).toList();
        return new SequenceNode(sequence.getTag(), kept, sequence.getFlowStyle());
    }

    private static boolean isBeans(Node node) {
        if (!(node instanceof MappingNode mapping) || mapping.getValue().size() != 1) {
            return false;
        }
        NodeTuple entry = mapping.getValue().get(0);
        return entry.getKeyNode() instanceof ScalarNode key && "beans".equals(key.getValue());
    }
}
