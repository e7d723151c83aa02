package org.therapyops.localcloud;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.NodeList;

/**
 * The IAM actions and resources of an S3 REST request in path style ({@code /<bucket>/<key>?<subresource>}), as
 * AWS's Service Authorization Reference lists them for S3: object actions on {@code arn:aws:s3:::<bucket>/<key>} (the
 * key URL-decoded), bucket actions on {@code arn:aws:s3:::<bucket>}.
 */
final class S3Needs {

    static final String ARN_PREFIX = "arn:aws:s3:::";

    /** Bucket subresources and the action each method needs on them; a request with none is the bucket itself. */
    private static final Map<String, Map<String, String>> BUCKET_SUBRESOURCES = Map.ofEntries(
            Map.entry("versions", Map.of("GET", "ListBucketVersions")),
            Map.entry("uploads", Map.of("GET", "ListBucketMultipartUploads")),
            Map.entry("location", Map.of("GET", "GetBucketLocation")),
            Map.entry("versioning", Map.of("GET", "GetBucketVersioning", "PUT", "PutBucketVersioning")),
            Map.entry("encryption", Map.of("GET", "GetEncryptionConfiguration", "PUT", "PutEncryptionConfiguration",
                    "DELETE", "PutEncryptionConfiguration")),
            Map.entry("publicAccessBlock", Map.of("GET", "GetBucketPublicAccessBlock", "PUT", "PutBucketPublicAccessBlock",
                    "DELETE", "PutBucketPublicAccessBlock")),
            Map.entry("policy", Map.of("GET", "GetBucketPolicy", "PUT", "PutBucketPolicy", "DELETE", "DeleteBucketPolicy")),
            Map.entry("policyStatus", Map.of("GET", "GetBucketPolicyStatus")),
            Map.entry("tagging", Map.of("GET", "GetBucketTagging", "PUT", "PutBucketTagging", "DELETE", "PutBucketTagging")),
            Map.entry("acl", Map.of("GET", "GetBucketAcl", "PUT", "PutBucketAcl")),
            Map.entry("cors", Map.of("GET", "GetBucketCORS", "PUT", "PutBucketCORS", "DELETE", "PutBucketCORS")),
            Map.entry("lifecycle", Map.of("GET", "GetLifecycleConfiguration", "PUT", "PutLifecycleConfiguration",
                    "DELETE", "PutLifecycleConfiguration")),
            Map.entry("notification", Map.of("GET", "GetBucketNotification", "PUT", "PutBucketNotification")),
            Map.entry("ownershipControls", Map.of("GET", "GetBucketOwnershipControls", "PUT", "PutBucketOwnershipControls",
                    "DELETE", "PutBucketOwnershipControls")),
            Map.entry("object-lock", Map.of("GET", "GetBucketObjectLockConfiguration", "PUT", "PutBucketObjectLockConfiguration")),
            Map.entry("logging", Map.of("GET", "GetBucketLogging", "PUT", "PutBucketLogging")),
            Map.entry("website", Map.of("GET", "GetBucketWebsite", "PUT", "PutBucketWebsite", "DELETE", "DeleteBucketWebsite")),
            Map.entry("replication", Map.of("GET", "GetReplicationConfiguration", "PUT", "PutReplicationConfiguration",
                    "DELETE", "PutReplicationConfiguration")),
            Map.entry("accelerate", Map.of("GET", "GetAccelerateConfiguration", "PUT", "PutAccelerateConfiguration")),
            Map.entry("requestPayment", Map.of("GET", "GetBucketRequestPayment", "PUT", "PutBucketRequestPayment")));

    private S3Needs() {
    }

    static List<IamGate.Need> of(IamGate.Call call) {
        String rest = call.rawPath().startsWith("/") ? call.rawPath().substring(1) : call.rawPath();
        if (rest.isEmpty()) {
            return List.of(need("ListAllMyBuckets", ARN_PREFIX + "*"));
        }
        int slash = rest.indexOf('/');
        String bucket = IamGate.decode(slash < 0 ? rest : rest.substring(0, slash));
        String key = slash < 0 ? "" : IamGate.decode(rest.substring(slash + 1));
        Map<String, String> query = call.query();
        return key.isEmpty() ? bucketNeeds(call, bucket, query) : objectNeeds(call, bucket, key, query);
    }

    private static List<IamGate.Need> bucketNeeds(IamGate.Call call, String bucket, Map<String, String> query) {
        String arn = ARN_PREFIX + bucket;
        String method = call.method();
        if (method.equals("POST") && query.containsKey("delete")) {
            return deleteObjects(call, bucket);
        }
        if (method.equals("POST")) {
            return List.of(need("PutObject", arn + "/*")); // a browser form upload; its key is in the form
        }
        for (Map.Entry<String, Map<String, String>> sub : BUCKET_SUBRESOURCES.entrySet()) {
            if (query.containsKey(sub.getKey()) && sub.getValue().containsKey(method)) {
                return List.of(need(sub.getValue().get(method), arn));
            }
        }
        return switch (method) {
            case "PUT" -> List.of(need("CreateBucket", arn));
            case "DELETE" -> List.of(need("DeleteBucket", arn));
            default -> List.of(need("ListBucket", arn)); // ListObjects(V2) and HeadBucket
        };
    }

    private static List<IamGate.Need> objectNeeds(IamGate.Call call, String bucket, String key, Map<String, String> query) {
        String arn = ARN_PREFIX + bucket + "/" + key;
        String version = query.containsKey("versionId") ? "Version" : "";
        List<IamGate.Need> needs = new ArrayList<>();
        switch (call.method()) {
            case "GET" -> {
                if (query.containsKey("uploadId")) {
                    needs.add(need("ListMultipartUploadParts", arn));
                } else if (query.containsKey("tagging")) {
                    needs.add(need("GetObject" + version + "Tagging", arn));
                } else if (query.containsKey("acl")) {
                    needs.add(need("GetObject" + version + "Acl", arn));
                } else if (query.containsKey("attributes")) {
                    needs.add(need("GetObject" + version + "Attributes", arn));
                } else if (query.containsKey("retention")) {
                    needs.add(need("GetObjectRetention", arn));
                } else if (query.containsKey("legal-hold")) {
                    needs.add(need("GetObjectLegalHold", arn));
                } else {
                    needs.add(need("GetObject" + version, arn));
                }
            }
            case "HEAD" -> needs.add(need("GetObject" + version, arn));
            case "PUT" -> {
                if (query.containsKey("tagging")) {
                    needs.add(need("PutObject" + version + "Tagging", arn));
                } else if (query.containsKey("acl")) {
                    needs.add(need("PutObject" + version + "Acl", arn));
                } else if (query.containsKey("retention")) {
                    needs.add(need("PutObjectRetention", arn));
                } else if (query.containsKey("legal-hold")) {
                    needs.add(need("PutObjectLegalHold", arn));
                } else {
                    needs.add(need("PutObject", arn)); // PutObject, UploadPart, CopyObject, UploadPartCopy
                    String source = call.header("x-amz-copy-source");
                    if (source != null) {
                        needs.add(copySource(source));
                    }
                }
            }
            case "POST" -> {
                if (query.containsKey("restore")) {
                    needs.add(need("RestoreObject", arn));
                } else if (query.containsKey("select")) {
                    needs.add(need("GetObject", arn));
                } else {
                    needs.add(need("PutObject", arn)); // CreateMultipartUpload (?uploads), CompleteMultipartUpload (?uploadId)
                }
            }
            case "DELETE" -> {
                if (query.containsKey("uploadId")) {
                    needs.add(need("AbortMultipartUpload", arn));
                } else if (query.containsKey("tagging")) {
                    needs.add(need("DeleteObject" + version + "Tagging", arn));
                } else {
                    needs.add(need("DeleteObject" + version, arn));
                }
            }
            default -> {
                // OPTIONS (CORS preflight) needs no permission
            }
        }
        return needs;
    }

    /** {@code x-amz-copy-source}: {@code [/]bucket/key[?versionId=v]}, URL-encoded. */
    private static IamGate.Need copySource(String header) {
        String source = header.startsWith("/") ? header.substring(1) : header;
        String action = "GetObject";
        int q = source.indexOf("?versionId=");
        if (q >= 0) {
            source = source.substring(0, q);
            action = "GetObjectVersion";
        }
        return need(action, ARN_PREFIX + IamGate.decode(source));
    }

    /** DeleteObjects needs DeleteObject (or DeleteObjectVersion) on every key it names. */
    private static List<IamGate.Need> deleteObjects(IamGate.Call call, String bucket) {
        List<IamGate.Need> needs = new ArrayList<>();
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setNamespaceAware(true);
            NodeList objects = f.newDocumentBuilder().parse(new ByteArrayInputStream(call.body()))
                    .getElementsByTagNameNS("*", "Object");
            for (int i = 0; i < objects.getLength(); i++) {
                org.w3c.dom.Element o = (org.w3c.dom.Element) objects.item(i);
                NodeList keys = o.getElementsByTagNameNS("*", "Key");
                if (keys.getLength() == 0) {
                    continue;
                }
                boolean versioned = o.getElementsByTagNameNS("*", "VersionId").getLength() > 0;
                needs.add(need(versioned ? "DeleteObjectVersion" : "DeleteObject",
                        ARN_PREFIX + bucket + "/" + keys.item(0).getTextContent()));
            }
        } catch (Exception unreadable) {
            // cannot tell which keys: require the widest grant rather than none
            needs.clear();
            needs.add(need("DeleteObject", ARN_PREFIX + bucket + "/*"));
        }
        return needs;
    }

    private static IamGate.Need need(String action, String resource) {
        return new IamGate.Need("s3:" + action, resource);
    }
}
