package org.therapyops.localcloud.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3 test handler, as a webhook store would be: {"op": "put"|"get"|"head"|"delete"|"list", "key", "body"} on bucket $BUCKET,
 * through the SDK pointed at $AWS_ENDPOINT_URL; answers what S3 returned, or the S3Exception's status and code.
 */
public class S3Function implements RequestHandler<Map<String, String>, Map<String, Object>> {
    private static final S3Client S3 = client();

    private static S3Client client() {
        S3ClientBuilder b = S3Client.builder().region(Region.of(System.getenv("AWS_REGION")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = System.getenv("AWS_ENDPOINT_URL");
        if (endpoint != null && !endpoint.isBlank()) {
            // An endpoint override is a host of its own (here the IAM gate on loopback): buckets go in the path.
            b.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return b.build();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, String> input, Context context) {
        String bucket = System.getenv("BUCKET");
        String key = input.get("key");
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            switch (input.get("op")) {
                case "put" -> out.put("versionId", S3.putObject(b -> b.bucket(bucket).key(key).contentType("application/edi-x12"),
                        RequestBody.fromString(input.get("body"))).versionId());
                case "get" -> {
                    var object = S3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
                    out.put("body", object.asUtf8String());
                    out.put("contentType", object.response().contentType());
                    out.put("serverSideEncryption", object.response().serverSideEncryptionAsString());
                }
                case "head" -> out.put("contentLength", S3.headObject(b -> b.bucket(bucket).key(key)).contentLength());
                case "delete" -> S3.deleteObject(b -> b.bucket(bucket).key(key));
                case "list" -> out.put("keys", S3.listObjectsV2(b -> b.bucket(bucket).prefix(key)).contents().stream()
                        .map(o -> o.key()).toList());
                default -> throw new IllegalArgumentException("unknown op");
            }
            out.put("ok", true);
        } catch (S3Exception e) {
            out.put("ok", false);
            out.put("caughtAs", "S3Exception");
            out.put("exception", e.getClass().getSimpleName());
            out.put("status", e.statusCode());
            out.put("code", e.awsErrorDetails().errorCode());
        }
        return out;
    }
}
