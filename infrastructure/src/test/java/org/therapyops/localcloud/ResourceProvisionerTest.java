package org.therapyops.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bucket names: generated ones obey S3's rules, given ones are checked against them. */
class ResourceProvisionerTest {

    @Test
    void aGeneratedBucketNameIsTheStackAndLogicalIdLowercased() {
        assertThat(ResourceProvisioner.bucketName("therapy-ops-RawWebhookBucket")).isEqualTo("therapy-ops-rawwebhookbucket");
        assertThat(ResourceProvisioner.bucketName("My_Stack--X")).isEqualTo("my-stack-x");
    }

    @Test
    void aLongNameIsCutToS3sLimitAndKeepsItsOwnHash() {
        String stack = "a-very-long-stack-name-for-the-therapy-ops-backend-in-staging";
        String one = ResourceProvisioner.bucketName(stack + "-RawWebhookDeliveriesBucket");
        String two = ResourceProvisioner.bucketName(stack + "-RawWebhookDeliveriesArchive");
        assertThat(one).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9][a-z0-9-]*[a-z0-9]");
        assertThat(ResourceProvisioner.validBucketName(one)).isTrue();
        assertThat(one).isNotEqualTo(two);
        assertThat(ResourceProvisioner.bucketName(stack + "-RawWebhookDeliveriesBucket")).as("deterministic").isEqualTo(one);
    }

    @Test
    void givenNamesAreCheckedAgainstS3sRules() {
        assertThat(ResourceProvisioner.validBucketName("raw-deliveries.v1")).isTrue();
        assertThat(ResourceProvisioner.validBucketName("ab")).isFalse();
        assertThat(ResourceProvisioner.validBucketName("Raw")).isFalse();
        assertThat(ResourceProvisioner.validBucketName("-raw")).isFalse();
        assertThat(ResourceProvisioner.validBucketName("raw..x")).isFalse();
        assertThat(ResourceProvisioner.validBucketName("192.168.0.1")).isFalse();
        assertThat(ResourceProvisioner.validBucketName("r".repeat(64))).isFalse();
    }
}
