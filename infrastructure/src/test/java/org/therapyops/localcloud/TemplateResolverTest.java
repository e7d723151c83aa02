package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateResolverTest {

    static final String YAML = """
            Parameters:
              Level: {Type: String, Default: INFO, AllowedValues: [INFO, WARN]}
              Origins: {Type: CommaDelimitedList, Default: "http://a,http://b"}
            Globals:
              Function:
                Environment:
                  Variables: {LEVEL: !Ref Level, TABLE: !Ref T}
            Resources:
              T: {Type: AWS::DynamoDB::Table, Properties: {}}
              Q: {Type: AWS::SQS::Queue, Properties: {RedrivePolicy: {deadLetterTargetArn: !GetAtt D.Arn}}}
              D: {Type: AWS::SQS::Queue}
              F:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      URL: !Sub "https://${T}.${AWS::Region}.${AWS::URLSuffix}/${!Literal}"
                      JOINED: !Join [",", [!Ref Level, !GetAtt Q.QueueName]]
                      FIRST: !Select [1, !Ref Origins]
                      STREAM: !GetAtt T.StreamArn
            """;

    TemplateResolver resolver(Map<String, String> overrides) {
        TemplateResolver r = new TemplateResolver(Template.parse(YAML, Path.of(".")), "stack", overrides);
        r.define("T", new TemplateResolver.Physical("stack-T", Map.of("Arn", "arn:t", "StreamArn", "arn:t/stream")));
        r.define("Q", new TemplateResolver.Physical("http://q", Map.of("Arn", "arn:q", "QueueName", "stack-Q", "QueueUrl", "http://q")));
        r.define("D", new TemplateResolver.Physical("http://d", Map.of("Arn", "arn:d")));
        return r;
    }

    @Test
    void resolvesIntrinsics() {
        TemplateResolver r = resolver(Map.of("Level", "WARN"));
        r.validate();
        Template t = Template.parse(YAML, Path.of("."));
        Map<String, Object> vars = Template.mapOf(r.resolveMap(t.resources().get("F").properties()).get("Environment"));
        assertThat(Template.mapOf(vars.get("Variables"))).containsEntry("URL", "https://stack-T.us-east-1.amazonaws.com/${Literal}")
                .containsEntry("JOINED", "WARN,stack-Q").containsEntry("FIRST", "http://b").containsEntry("STREAM", "arn:t/stream");
        assertThat(r.resolve(Map.of("Ref", "Origins"))).isEqualTo(List.of("http://a", "http://b"));
        assertThat(r.dependencies(t.resources().get("Q").properties())).containsExactly("D");
        Map<String, Object> merged = FunctionSettings.merge(t.functionGlobals(), t.resources().get("F").properties());
        assertThat(Template.mapOf(Template.mapOf(r.resolveMap(merged).get("Environment")).get("Variables")))
                .containsEntry("LEVEL", "WARN").containsEntry("TABLE", "stack-T").containsKey("URL");
    }

    @Test
    void unknownReferencesAndValuesFailClearly() {
        String bad = YAML.replace("!GetAtt D.Arn", "!GetAtt Missing.Arn");
        TemplateResolver r = new TemplateResolver(Template.parse(bad, Path.of(".")), "stack", Map.of());
        assertThatThrownBy(r::validate).isInstanceOf(TemplateException.class).hasMessageContaining("Missing")
                .hasMessageContaining("Resources.Q");
        assertThatThrownBy(() -> resolver(Map.of("Level", "LOUD"))).hasMessageContaining("not one of");
        assertThatThrownBy(() -> resolver(Map.of("Nope", "x"))).hasMessageContaining("not declared");
    }

    @Test
    void routesPreferTheMostSpecific() {
        var any = new HttpApiGateway.Route("ANY", "/{proxy+}", null, null);
        var item = new HttpApiGateway.Route("GET", "/items/{id}", null, null);
        var literal = new HttpApiGateway.Route("GET", "/items/special", null, null);
        var routes = new java.util.ArrayList<>(List.of(any, item, literal));
        routes.sort(HttpApiGateway.SPECIFICITY);
        assertThat(routes).containsExactly(literal, item, any);
        assertThat(HttpApiGateway.match(item, "GET", "/items/7")).containsEntry("id", "7");
        assertThat(HttpApiGateway.match(item, "POST", "/items/7")).isNull();
        assertThat(HttpApiGateway.match(any, "POST", "/")).isNull();
    }
}
