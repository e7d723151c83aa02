package org.therapyops.wiring;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;

/** The S3 client, built once, for the functions that carry the S3 module (it is optional in shared/aws). */
@Factory
@Requires(classes = S3Client.class)
public class AwsStorageFactory {

    @Singleton
    @Bean(preDestroy = "close")
    S3Client s3Client(@Value("${aws.endpoint.url:}") String endpoint,
                      @Value("${aws.http.socket-timeout:0s}") Duration socketTimeout) {
        // An endpoint override (the local cloud, another emulator) serves buckets by path, not by host name.
        return SharedFactory.withEndpoint(S3Client.builder().httpClient(SharedFactory.httpClient(socketTimeout))
                .forcePathStyle(!endpoint.isBlank()), endpoint).build();
    }
}
