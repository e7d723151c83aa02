package org.therapyops.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;

import java.net.URI;

/** 201 responses with the new resource's Location and ETag. */
final class Responses {

    private Responses() {
    }

    static <T> HttpResponse<T> created(String location, T body, long version) {
        return HttpResponse.created(body, URI.create(location)).header(HttpHeaders.ETAG, etag(version));
    }

    static <T> HttpResponse<T> ok(T body, long version) {
        return HttpResponse.ok(body).header(HttpHeaders.ETAG, etag(version));
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }
}
