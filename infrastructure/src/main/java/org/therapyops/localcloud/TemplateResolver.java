package org.therapyops.localcloud;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves intrinsic functions against parameter values and the physical resources created so far. */
public final class TemplateResolver {

    public static final String REGION = "us-east-1";
    /** moto's default account, so that ARNs built here match the ones the emulator returns. */
    public static final String ACCOUNT_ID = "123456789012";

    /** What a created resource answers to !Ref and !GetAtt. */
    public record Physical(Object ref, Map<String, Object> attributes) {
    }

    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]*)}");

    private final Template template;
    private final String stackName;
    private final Map<String, Object> parameterValues = new LinkedHashMap<>();
    private final Map<String, Physical> physical = new LinkedHashMap<>();

    public TemplateResolver(Template template, String stackName, Map<String, String> overrides) {
        this.template = template;
        this.stackName = stackName;
        template.parameters().forEach((name, decl) -> {
            Object value = overrides.containsKey(name) ? overrides.get(name) : decl.get("Default");
            if (value == null) {
                throw new TemplateException("parameter " + name + " has no Default and no value was given");
            }
            String text = String.valueOf(value);
            Object allowed = decl.get("AllowedValues");
            if (allowed instanceof List<?> list && !list.stream().map(String::valueOf).toList().contains(text)) {
                throw new TemplateException("parameter " + name + "=" + text + " is not one of " + list);
            }
            String type = String.valueOf(decl.getOrDefault("Type", "String"));
            parameterValues.put(name, type.startsWith("CommaDelimitedList") || type.startsWith("List<")
                    ? List.of(text.split("\\s*,\\s*")) : text);
        });
        overrides.keySet().forEach(k -> {
            if (!template.parameters().containsKey(k)) {
                throw new TemplateException("parameter " + k + " is not declared in the template");
            }
        });
    }

    public String stackName() {
        return stackName;
    }

    /** The physical name the runner gives a resource. */
    public String physicalName(String logicalId) {
        return stackName + "-" + logicalId;
    }

    public void define(String logicalId, Physical value) {
        physical.put(logicalId, value);
    }

    public Physical physical(String logicalId) {
        return physical.get(logicalId);
    }

    public Map<String, Object> parameterValues() {
        return parameterValues;
    }

    /** Checks that every !Ref / !GetAtt / ${} names something that exists; fails with the first one that does not. */
    public void validate() {
        template.resources().forEach((id, r) -> checkRefs(r.properties(), "Resources." + id));
        checkRefs(template.functionGlobals(), "Globals.Function");
    }

    /** Logical ids this value refers to (for creating resources in dependency order). */
    public Set<String> dependencies(Object value) {
        Set<String> out = new LinkedHashSet<>();
        collect(value, out);
        out.removeIf(id -> !template.resources().containsKey(id));
        return out;
    }

    private void collect(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey("Ref")) {
                out.add(String.valueOf(m.get("Ref")));
            } else if (m.size() == 1 && m.containsKey("Fn::GetAtt")) {
                out.add(String.valueOf(((List<?>) m.get("Fn::GetAtt")).get(0)));
            } else if (m.size() == 1 && m.containsKey("Fn::Sub")) {
                Object sub = m.get("Fn::Sub");
                String text = sub instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(sub);
                Matcher matcher = SUB_VAR.matcher(text);
                while (matcher.find()) {
                    String name = matcher.group(1);
                    if (!name.startsWith("!")) {
                        out.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
                    }
                }
                if (sub instanceof List<?> l && l.size() > 1) {
                    collect(l.get(1), out);
                }
            } else {
                m.values().forEach(v -> collect(v, out));
            }
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, out));
        }
    }

    private void checkRefs(Object value, String where) {
        Set<String> names = new LinkedHashSet<>();
        collectAllNames(value, names);
        for (String name : names) {
            if (!knows(name)) {
                throw new TemplateException(where + ": reference to unknown logical id or parameter '" + name + "'");
            }
        }
    }

    private void collectAllNames(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::Sub")) {
            Object sub = m.get("Fn::Sub");
            String text = sub instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(sub);
            Map<?, ?> vars = sub instanceof List<?> l && l.size() > 1 ? (Map<?, ?>) l.get(1) : Map.of();
            Matcher matcher = SUB_VAR.matcher(text);
            while (matcher.find()) {
                String name = matcher.group(1);
                String base = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
                if (!name.startsWith("!") && !vars.containsKey(name)) {
                    out.add(base);
                }
            }
            if (sub instanceof List<?> l && l.size() > 1) {
                collectAllNames(l.get(1), out);
            }
            return;
        }
        if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Ref")) {
            out.add(String.valueOf(m.get("Ref")));
        } else if (value instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("Fn::GetAtt")) {
            Object target = m.get("Fn::GetAtt");
            if (!(target instanceof List<?> l) || l.size() != 2) {
                throw new TemplateException("!GetAtt " + target + ": expected [LogicalId, Attribute]");
            }
            out.add(String.valueOf(l.get(0)));
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collectAllNames(v, out));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collectAllNames(v, out));
        }
    }

    private boolean knows(String name) {
        return name.startsWith("AWS::") || template.parameters().containsKey(name) || template.resources().containsKey(name);
    }

    /** Resolves every intrinsic in a value; resources it names must have been defined already. */
    public Object resolve(Object value) {
        Object out = resolveOrNoValue(value);
        return out == NO_VALUE ? null : out;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> resolveMap(Object value) {
        Object out = resolve(value);
        return out instanceof Map ? (Map<String, Object>) out : new LinkedHashMap<>();
    }

    private Object resolveOrNoValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                String key = String.valueOf(m.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return intrinsic(key, m.get(key));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object r = resolveOrNoValue(v);
                if (r != NO_VALUE) {
                    out.put(String.valueOf(k), r);
                }
            });
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object v : l) {
                Object r = resolveOrNoValue(v);
                if (r != NO_VALUE) {
                    out.add(r);
                }
            }
            return out;
        }
        return value;
    }

    private Object intrinsic(String fn, Object arg) {
        switch (fn) {
            case "Ref":
                return ref(String.valueOf(arg));
            case "Fn::GetAtt": {
                List<?> l = (List<?>) arg;
                return getAtt(String.valueOf(l.get(0)), String.valueOf(resolve(l.get(1))));
            }
            case "Fn::Sub":
                return sub(arg);
            case "Fn::Join": {
                List<?> l = (List<?>) arg;
                List<?> parts = (List<?>) resolve(l.get(1));
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < parts.size(); i++) {
                    if (i > 0) {
                        sb.append(l.get(0));
                    }
                    sb.append(scalar(parts.get(i)));
                }
                return sb.toString();
            }
            case "Fn::Select": {
                List<?> l = (List<?>) arg;
                int index = Integer.parseInt(scalar(resolve(l.get(0))));
                Object list = resolve(l.get(1));
                if (!(list instanceof List<?> items) || index < 0 || index >= items.size()) {
                    throw new TemplateException("!Select index " + index + " out of range");
                }
                return items.get(index);
            }
            case "Fn::Split": {
                List<?> l = (List<?>) arg;
                return List.of(scalar(resolve(l.get(1))).split(Pattern.quote(String.valueOf(l.get(0))), -1));
            }
            case "Fn::Base64":
                return java.util.Base64.getEncoder().encodeToString(scalar(resolve(arg)).getBytes());
            default:
                throw new TemplateException(fn + " is not supported by the local cloud");
        }
    }

    private Object ref(String name) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT_ID;
            case "AWS::StackName":
                return stackName;
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::Partition":
                return "aws";
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + REGION + ":" + ACCOUNT_ID + ":stack/" + stackName + "/local";
            case "AWS::NoValue":
                return NO_VALUE;
            default:
                break;
        }
        if (parameterValues.containsKey(name)) {
            return parameterValues.get(name);
        }
        Physical p = physical.get(name);
        if (p == null) {
            if (!template.resources().containsKey(name)) {
                throw new TemplateException("!Ref " + name + ": unknown logical id or parameter");
            }
            throw new TemplateException("!Ref " + name + ": resource not created (yet) by the local cloud");
        }
        return p.ref();
    }

    private Object getAtt(String id, String attribute) {
        Physical p = physical.get(id);
        if (p == null) {
            if (!template.resources().containsKey(id)) {
                throw new TemplateException("!GetAtt " + id + "." + attribute + ": unknown logical id");
            }
            throw new TemplateException("!GetAtt " + id + "." + attribute + ": resource not created (yet) by the local cloud");
        }
        Object value = p.attributes().get(attribute);
        if (value == null) {
            throw new TemplateException("!GetAtt " + id + "." + attribute + ": attribute not known for "
                    + template.resources().get(id).type() + " (known: " + p.attributes().keySet() + ")");
        }
        return value;
    }

    private String sub(Object arg) {
        String text;
        Map<?, ?> vars = Map.of();
        if (arg instanceof List<?> l) {
            text = String.valueOf(l.get(0));
            vars = l.size() > 1 ? (Map<?, ?>) resolve(l.get(1)) : Map.of();
        } else {
            text = String.valueOf(arg);
        }
        Matcher m = SUB_VAR.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (vars.containsKey(name)) {
                replacement = scalar(vars.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                replacement = scalar(getAtt(name.substring(0, dot), name.substring(dot + 1)));
            } else {
                replacement = scalar(ref(name));
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String scalar(Object value) {
        if (value instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
