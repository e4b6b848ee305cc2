package dev.lectern.platform.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void aRatioOfRatesReadsItsCounterOnceWhateverTheLabelsAndGroupings() {
        assertThat(PromQl.metricNames("""
                sum by (application) (rate(http_server_requests_seconds_count{status=~"5.."}[5m]))
                  / sum by (application) (rate(http_server_requests_seconds_count[5m])) > 0.01"""))
                .containsExactly("http_server_requests_seconds_count");
    }

    @Test
    void functionsKeywordsLabelValuesAndDashboardVariablesAreNotMetrics() {
        assertThat(PromQl.metricNames("""
                histogram_quantile(0.95, sum by (uri, le) (rate(http_client_requests_seconds_bucket{application="media-service", uri=~"/video/v1/.*"}[$__rate_interval])))
                  or on (uri) vector(0) unless absent(up{job="x"}) and lectern_outbox_pending offset 5m"""))
                .containsExactly("http_client_requests_seconds_bucket", "lectern_outbox_pending", "up");
    }

    @Test
    void aComparisonWithABareMetricIsFound() {
        assertThat(PromQl.metricNames("up == 0")).containsExactly("up");
        assertThat(PromQl.metricNames("max by (application, client_id) (kafka_consumer_fetch_manager_records_lag_max) > 1000"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag_max");
    }
}
