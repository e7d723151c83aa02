package org.therapyops.localcloud;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** A parsed SAM/CloudFormation template, short tags turned into their long (JSON) form. */
public final class Template {

    /**
     * One entry of Resources.
     *
     * @param policies its resource attributes besides Type, Properties and Metadata (DeletionPolicy, UpdateReplacePolicy,
     *                 DependsOn, Condition)
     */
    public record Resource(String logicalId, String type, Map<String, Object> properties, Map<String, Object> metadata,
                           Map<String, Object> policies) {
    }

    private final Path directory;
    private final Map<String, Map<String, Object>> parameters;
    private final Map<String, Object> functionGlobals;
    private final Map<String, Resource> resources;

    private Template(Path directory, Map<String, Object> root) {
        this.directory = directory;
        this.parameters = new LinkedHashMap<>();
        mapOf(root.get("Parameters")).forEach((name, decl) -> parameters.put(name, mapOf(decl)));
        this.functionGlobals = mapOf(mapOf(root.get("Globals")).get("Function"));
        this.resources = new LinkedHashMap<>();
        mapOf(root.get("Resources")).forEach((id, raw) -> {
            Map<String, Object> r = mapOf(raw);
            Object type = r.get("Type");
            if (!(type instanceof String)) {
                throw new TemplateException("Resources." + id + ": no Type");
            }
            Map<String, Object> policies = new LinkedHashMap<>(r);
            policies.keySet().removeAll(java.util.Set.of("Type", "Properties", "Metadata"));
            resources.put(id, new Resource(id, (String) type, mapOf(r.get("Properties")), mapOf(r.get("Metadata")), policies));
        });
    }

    /** Reads a template file; its directory is where CodeUri paths are resolved. */
    public static Template load(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object root = new Yaml(new CfnConstructor()).load(reader);
            if (!(root instanceof Map)) {
                throw new TemplateException(file + ": not a YAML mapping");
            }
            return new Template(file.toAbsolutePath().getParent(), mapOf(root));
        } catch (IOException e) {
            throw new TemplateException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Parses template text (tests). */
    public static Template parse(String yaml, Path directory) {
        return new Template(directory, mapOf(new Yaml(new CfnConstructor()).load(yaml)));
    }

    public Path directory() {
        return directory;
    }

    public Map<String, Map<String, Object>> parameters() {
        return parameters;
    }

    public Map<String, Object> functionGlobals() {
        return functionGlobals;
    }

    public Map<String, Resource> resources() {
        return resources;
    }

    public List<Resource> resourcesOfType(String type) {
        List<Resource> out = new ArrayList<>();
        resources.values().forEach(r -> {
            if (r.type().equals(type)) {
                out.add(r);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapOf(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : new LinkedHashMap<>();
    }

    /** Turns CloudFormation short tags (!Ref, !GetAtt, !Sub...) into {"Ref": ..} / {"Fn::X": ..} maps. */
    static final class CfnConstructor extends SafeConstructor {
        private static final List<String> FUNCTIONS = List.of("Ref", "GetAtt", "Sub", "Join", "Select", "Split", "If",
                "Equals", "Not", "And", "Or", "FindInMap", "GetAZs", "Base64", "ImportValue", "Condition", "Cidr");

        CfnConstructor() {
            super(new LoaderOptions());
            for (String fn : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + fn), new Intrinsic(fn));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String function;

            Intrinsic(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    value = constructScalar(scalar);
                } else if (node instanceof SequenceNode seq) {
                    value = constructSequence(seq);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                if (function.equals("GetAtt") && value instanceof String s) {
                    int dot = s.indexOf('.');
                    if (dot < 0) {
                        throw new TemplateException("!GetAtt " + s + ": expected LogicalId.Attribute");
                    }
                    value = List.of(s.substring(0, dot), s.substring(dot + 1));
                }
                String key = function.equals("Ref") || function.equals("Condition") ? function : "Fn::" + function;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(key, value);
                return m;
            }
        }
    }
}
