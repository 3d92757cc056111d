package io.actortrading.feeds.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void keyQueryParametersAreMaskedWhateverTheirSpelling() {
        assertThat(Redaction.redact("https://api.polygon.io/v2/aggs?adjusted=true&apiKey=S3CRET&limit=5"))
                .isEqualTo("https://api.polygon.io/v2/aggs?adjusted=true&apiKey=***&limit=5");
        assertThat(Redaction.redact("https://www.alphavantage.co/query?function=X&apikey=S3CRET"))
                .isEqualTo("https://www.alphavantage.co/query?function=X&apikey=***");
        assertThat(Redaction.redact("wss://ws.twelvedata.com/v1/quotes/price?api_key=S3CRET#x"))
                .isEqualTo("wss://ws.twelvedata.com/v1/quotes/price?api_key=***#x");
        assertThat(Redaction.redact("GET /x?token=S3CRET&access_token=OTHER"))
                .isEqualTo("GET /x?token=***&access_token=***");
    }

    @Test
    void authorizationHeadersAndBearerTokensAreMasked() {
        assertThat(Redaction.redact("Authorization: Bearer S3CRET")).isEqualTo("Authorization: ***");
        assertThat(Redaction.redact("sent authorization=Basic dXNlcjpwYXNz, then failed"))
                .isEqualTo("sent authorization=***, then failed");
        assertThat(Redaction.redact("header bearer S3CRET refused")).isEqualTo("header bearer *** refused");
    }

    @Test
    void theKeyItselfIsMaskedWhereverAProviderEchoesIt() {
        assertThat(Redaction.redact("Unknown API Key S3CRET-KEY given", "S3CRET-KEY"))
                .isEqualTo("Unknown API Key *** given");
        assertThat(Redaction.redact("nothing secret here", "")).isEqualTo("nothing secret here");
    }

    @Test
    void textWithoutSecretsIsUnchangedAndNullIsEmpty() {
        assertThat(Redaction.redact("**apikey** parameter is incorrect or not specified."))
                .isEqualTo("**apikey** parameter is incorrect or not specified.");
        assertThat(Redaction.redact(null)).isEmpty();
    }
}
