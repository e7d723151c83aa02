package org.therapyops.localcloud;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients of the runner, all pointed at the emulator with the local static credentials. */
public final class AwsClients implements AutoCloseable {

    public static final String ACCESS_KEY = "testing";
    public static final String SECRET_KEY = "testing";

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;
    private final SesV2Client ses;
    private final S3Client s3;

    public AwsClients(URI endpoint) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY));
        Region region = Region.of(TemplateResolver.REGION);
        this.dynamoDb = DynamoDbClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.streams = DynamoDbStreamsClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.sqs = SqsClient.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        this.ses = SesV2Client.builder().region(region).credentialsProvider(credentials)
                .endpointOverride(endpoint).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        // Path style: the endpoint is a loopback address, where <bucket>.127.0.0.1 does not resolve.
        this.s3 = S3Client.builder().region(region).credentialsProvider(credentials).forcePathStyle(true)
                .endpointOverride(endpoint).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public DynamoDbStreamsClient streams() {
        return streams;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public SesV2Client ses() {
        return ses;
    }

    public S3Client s3() {
        return s3;
    }

    @Override
    public void close() {
        dynamoDb.close();
        streams.close();
        sqs.close();
        ses.close();
        s3.close();
    }
}
