package io.tickflow.startup;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Makes {@link PreParsedBeansYamlLoader} the loader of the YAML route files, under Tickflow's main
 * class and under camel run alike. Camel looks a loader up in the registry by name before it
 * resolves its own, and this plugin is loaded (META-INF/services) while the context is built,
 * before any route file is read.
 */
public final class YamlLoaderPlugin implements ContextServicePlugin {

    @Override
    public void load(CamelContext context) {
        PreParsedBeansYamlLoader loader = new PreParsedBeansYamlLoader();
        loader.setCamelContext(context);
        ServiceHelper.startService(loader);
        // *.camel.yaml files are looked up as camel.yaml, others as yaml
        context.getRegistry().bind("routes-builder-loader-camel.yaml", loader);
        context.getRegistry().bind("routes-builder-loader-yaml", loader);
    }
}
