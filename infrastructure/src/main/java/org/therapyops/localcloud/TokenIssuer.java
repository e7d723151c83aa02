package org.therapyops.localcloud;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The development identity provider: an RSA key made at start-up, its JWKS, and RS256 tokens for a practice and role. */
public final class TokenIssuer {

    /** A signed token and when it expires. */
    public record IssuedToken(String token, Instant expiresAt) {
    }

    private final String issuer;
    private final String defaultAudience;
    private final RSAKey key;

    public TokenIssuer(String issuer, String defaultAudience) {
        this.issuer = issuer;
        this.defaultAudience = defaultAudience;
        try {
            this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the signing key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public IssuedToken issue(TokenRequest req) {
        if (req.practiceId() == null || req.practiceId().isBlank() || req.role() == null || req.role().isBlank()) {
            throw new IllegalArgumentException("practiceId and role are required");
        }
        Instant iat = req.issuedAt() != null ? req.issuedAt() : Instant.now();
        Instant exp = req.expiresAt() != null ? req.expiresAt() : iat.plusSeconds(3600);
        String subject = req.subject() != null ? req.subject() : req.role() + "-" + UUID.randomUUID().toString().substring(0, 8);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(req.audience() != null ? req.audience() : defaultAudience)
                .issueTime(Date.from(iat))
                .expirationTime(Date.from(exp))
                .jwtID(UUID.randomUUID().toString())
                .claim("practice_id", req.practiceId())
                .claim("role", req.role())
                .claim("email", subject + "@" + req.practiceId() + ".example")
                .build();
        return new IssuedToken(sign(claims, key), exp);
    }

    static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    /** The issuer's OpenID discovery document. */
    public Map<String, Object> openIdConfiguration() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("jwks_uri", issuer + "/.well-known/jwks.json");
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        m.put("subject_types_supported", List.of("public"));
        m.put("response_types_supported", List.of("id_token"));
        return m;
    }
}
