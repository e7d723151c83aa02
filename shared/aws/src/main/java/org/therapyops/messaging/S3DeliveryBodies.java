package org.therapyops.messaging;

import org.therapyops.ports.DeliveryBodies;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.util.Optional;

/** {@link DeliveryBodies} in an S3 bucket (the template's InboundBucket: private, versioned, encrypted with the PHI key). */
public final class S3DeliveryBodies implements DeliveryBodies {

    private final S3Client s3;
    private final String bucket;

    public S3DeliveryBodies(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, byte[] body, String contentType) {
        // No encryption header: the bucket's default (SSE-KMS with the template's customer-managed key) applies; asking
        // for aws:kms here without a key id would pick S3's AWS-managed key instead.
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType == null || contentType.isBlank()
                ? "application/octet-stream" : contentType), RequestBody.fromBytes(body));
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }
}
