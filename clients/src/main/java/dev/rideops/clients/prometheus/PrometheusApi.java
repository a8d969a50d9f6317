package dev.rideops.clients.prometheus;

import java.util.List;
import java.util.Map;

/** The parts of Prometheus's HTTP API responses ({@code /api/v1}) rideops reads. */
final class PrometheusApi {

    private PrometheusApi() {}

    record AlertsResponse(AlertsData data) {}

    record AlertsData(List<RuleAlert> alerts) {}

    /** One alert of {@code /api/v1/alerts}: {@code state} is pending or firing, {@code activeAt} RFC 3339. */
    record RuleAlert(Map<String, String> labels, Map<String, String> annotations, String state, String activeAt) {}

    record RangeResponse(RangeData data) {}

    record RangeData(List<RangeSeries> result) {}

    /** One series of a range query: its labels, and [unix seconds, "value"] pairs. */
    record RangeSeries(Map<String, String> metric, List<List<Double>> values) {}

    record VectorResponse(VectorData data) {}

    record VectorData(List<VectorSample> result) {}

    /** One series of an instant query: its labels, and its [unix seconds, "value"] sample. */
    record VectorSample(Map<String, String> metric, List<Double> value) {}
}
