package org.therapyops.localcloud;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URL;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** API Gateway's JWT authorizer: RS256 against the issuer's JWKS, iss, aud, exp and nbf. */
public final class JwtAuthorizer {

    /** The outcome: the claims, or why the token was refused (never the token itself). */
    public record Decision(JWTClaimsSet claims, String error) {
        public boolean allowed() {
            return claims != null;
        }
    }

    private final String issuer;
    private final List<String> audiences;
    private final TokenIssuer localIssuer;
    private volatile JWKSet remoteKeys;

    public JwtAuthorizer(String issuer, List<String> audiences, TokenIssuer localIssuer) {
        this.issuer = issuer;
        this.audiences = audiences;
        this.localIssuer = localIssuer;
    }

    public Decision authorize(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new Decision(null, "the token is missing");
        }
        String token = authorizationHeader.trim();
        if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
                return new Decision(null, "the token is not signed with RS256");
            }
            JWK jwk = keys().getKeyByKeyId(jwt.getHeader().getKeyID());
            if (!(jwk instanceof RSAKey rsa) || !jwt.verify(new RSASSAVerifier(rsa))) {
                return new Decision(null, "signature verification failed");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date now = new Date();
            if (!issuer.equals(claims.getIssuer())) {
                return new Decision(null, "the token has an invalid issuer");
            }
            if (claims.getAudience() == null || claims.getAudience().stream().noneMatch(audiences::contains)) {
                return new Decision(null, "the token does not have a valid audience");
            }
            if (claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)) {
                return new Decision(null, "the token has expired");
            }
            if (claims.getNotBeforeTime() != null && claims.getNotBeforeTime().after(now)) {
                return new Decision(null, "the token is not valid yet");
            }
            return new Decision(claims, null);
        } catch (Exception e) {
            return new Decision(null, "the token is malformed");
        }
    }

    private JWKSet keys() throws Exception {
        if (localIssuer != null && localIssuer.issuer().equals(issuer)) {
            return localIssuer.publicKeys();
        }
        if (remoteKeys == null) {
            // Another issuer (e.g. a real IdP reachable on loopback): discover its JWKS as API Gateway does.
            URL config = URI.create(issuer.replaceAll("/$", "") + "/.well-known/openid-configuration").toURL();
            @SuppressWarnings("unchecked")
            Map<String, Object> doc = Json.MAPPER.readValue(config, Map.class);
            remoteKeys = JWKSet.load(URI.create(String.valueOf(doc.get("jwks_uri"))).toURL());
        }
        return remoteKeys;
    }
}
