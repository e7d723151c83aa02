package org.therapyops.localcloud;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project's template.yaml keeps its data: every table and bucket survives a stack deletion or replacement, tables
 * refuse deletion and keep point-in-time recovery, and PHI is encrypted with the customer-managed key; buckets are
 * private and versioned.
 */
class TemplateDataPoliciesTest {

    private static final Template TEMPLATE = Template.load(Path.of("..", "template.yaml"));

    @Test
    void everyTableIsRetainedProtectedRecoverableAndEncryptedWithTheCustomerKey() {
        List<Template.Resource> tables = TEMPLATE.resourcesOfType("AWS::DynamoDB::Table");
        assertThat(tables).hasSizeGreaterThanOrEqualTo(6);
        for (Template.Resource t : tables) {
            assertThat(t.policies()).as(t.logicalId()).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
            Map<String, Object> p = t.properties();
            assertThat(p).as(t.logicalId()).containsEntry("DeletionProtectionEnabled", true);
            assertThat(Template.mapOf(p.get("PointInTimeRecoverySpecification"))).as(t.logicalId())
                    .containsEntry("PointInTimeRecoveryEnabled", true);
            Map<String, Object> sse = Template.mapOf(p.get("SSESpecification"));
            assertThat(sse).as(t.logicalId()).containsEntry("SSEEnabled", true).containsEntry("SSEType", "KMS")
                    .containsEntry("KMSMasterKeyId", Map.of("Ref", "PhiKey"));
        }
    }

    @Test
    void everyBucketIsRetainedPrivateVersionedAndEncryptedWithTheCustomerKey() {
        List<Template.Resource> buckets = TEMPLATE.resourcesOfType("AWS::S3::Bucket");
        assertThat(buckets).isNotEmpty();
        for (Template.Resource b : buckets) {
            assertThat(b.policies()).as(b.logicalId()).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
            Map<String, Object> p = b.properties();
            assertThat(Template.mapOf(p.get("VersioningConfiguration"))).as(b.logicalId()).containsEntry("Status", "Enabled");
            assertThat(Template.mapOf(p.get("PublicAccessBlockConfiguration"))).as(b.logicalId()).containsEntry("BlockPublicAcls", true)
                    .containsEntry("BlockPublicPolicy", true).containsEntry("IgnorePublicAcls", true)
                    .containsEntry("RestrictPublicBuckets", true);
            Object rules = Template.mapOf(p.get("BucketEncryption")).get("ServerSideEncryptionConfiguration");
            assertThat(rules).as(b.logicalId()).isInstanceOf(List.class);
            Map<String, Object> byDefault = Template.mapOf(Template.mapOf(((List<?>) rules).get(0)).get("ServerSideEncryptionByDefault"));
            assertThat(byDefault).containsEntry("SSEAlgorithm", "aws:kms").containsEntry("KMSMasterKeyID", Map.of("Ref", "PhiKey"));
        }
    }

    @Test
    void theKeyIsRetainedAndRotated() {
        Template.Resource key = TEMPLATE.resources().get("PhiKey");
        assertThat(key.type()).isEqualTo("AWS::KMS::Key");
        assertThat(key.policies()).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(key.properties()).containsEntry("EnableKeyRotation", true);
    }
}
